"""The shape of a reply as evidence that a weakly matched contract question was asked.

A manager asks a contract question in his own words ("Котельная у вас своя, да? … не подумываете её
менять"), which the soft match (contract.py) may score only a little below its threshold. The client's
reply then tells what was asked: a yes/no question gets "да", "нет" or its own word echoed ("Думали, но
руки не дошли", "Своя, конечно"); a timing question a date or period; a money question a figure; a
person question a name or role; a count ("сколько") a number. A reply of the right shape confirms the
weak match; anything else (a counter-question, a dodge, other talk) leaves it unasked.
"""

from __future__ import annotations

from collections.abc import Sequence

from qa_desk.analysis.amounts import budget_value
from qa_desk.analysis.deciders import best_person
from qa_desk.analysis.heads import oblique_who
from qa_desk.analysis.language import COUNT_WORDS, LEAD_INS, LISTENER_LEAD_INS, Language
from qa_desk.analysis.lexicon import Token
from qa_desk.analysis.questions import AnswerKind
from qa_desk.analysis.set_everyday import asks_place, named_party, named_place
from qa_desk.analysis.timing import purchase_period

_LEAD_INS = LEAD_INS | LISTENER_LEAD_INS | {"честно", "говоря"}
_OPENING = 3  # words of the reply that may echo the question
_FUNCTION = frozenset({"PREP", "CONJ", "PRCL", "INTJ", "NPRO"})
_ECHO_LETTERS = 3
_COUNT = COUNT_WORDS | {"много"}


def _words(tokens: Sequence[Token]) -> list[Token]:
    return [t for t in tokens if t.is_word and t.text.lower() not in _LEAD_INS]


def _echoes(question: Sequence[Token], opening: Sequence[Token], lang: Language) -> bool:
    """The reply opens with a word of the question ("Своя, конечно" to "котельная у вас своя?", "Видно."
    to "видно их на карте?"), not a pronoun, preposition or question word."""
    asked = frozenset().union(*(t.lemmas for t in question if t.is_word and t.pos not in _FUNCTION
                                 and t.lemma not in lang.question_words and len(t.lemma) >= _ECHO_LETTERS))
    return any(not t.lemmas.isdisjoint(asked) for t in opening)


def reply_fits(kind: AnswerKind, question: Sequence[Token], reply: Sequence[Sequence[Token]], lang: Language) -> bool:
    """Whether the client's ``reply`` (its sentences) has the shape of an answer to a ``kind`` question."""
    asked_back = reply[0] if reply and any(t.text == "?" for t in reply[0]) else ()
    while reply and any(t.text == "?" for t in reply[0]):
        reply = reply[1:]  # a counter-question ("А вам зачем?") answers nothing; the answer may follow it
        # in the same turn ("В год? Ну у нас в месяц тысяч двенадцать…")
    if not reply:
        return False
    if kind is AnswerKind.YES_NO and _echoes(question, _words(asked_back)[:_OPENING], lang):
        return True  # a rhetorical echo before the details: "солярку сливают?" — "А где не сливают? Летом…"
    first = reply[0]
    opening = _words(first)[:_OPENING]
    if not opening:
        return False
    tokens = [t for s in reply for t in s]
    if kind is AnswerKind.YES_NO:
        head = opening[0]
        return (head.text.lower() in lang.yes | lang.no or head.lemma in lang.yes | lang.no
                or _echoes(question, opening, lang))
    if kind is AnswerKind.TIMING:
        return purchase_period(tokens, lang) is not None
    if kind is AnswerKind.MONEY:
        return budget_value(tokens, question) is not None
    if kind is AnswerKind.PERSON:
        return best_person(list(reply), lang) is not None
    if any(t.lemma in _COUNT for t in question):
        return any(t.is_digit or "NUMR" in t.tags for t in tokens)
    if asks_place(question) and named_place(_words(first)[:_OPENING + 2]):
        return True  # "в каком городе?" — "У себя, в Кстово."
    if oblique_who(question, lang) and named_party(first):
        return True  # "у кого берёте?" — "У «Денталайна»."
    return _echoes(question, opening, lang)


def yes_no(tokens: Sequence[Token], content: int, lang: Language) -> dict[str, bool] | None:
    """A yes/no reply's value: its first yes or no word; a reply of substance without one is a yes."""
    for tok in tokens:
        if not tok.is_word:
            continue
        low = tok.text.lower()
        if low in lang.no:
            return {"yes": False}
        if low in lang.yes or tok.lemma in lang.yes:
            return {"yes": True}
    return {"yes": True} if content >= 2 else None
