"""Does a client turn carry the substance of the answer to a free-text or yes/no question?

A reply to "что у вас сейчас не так?" often opens with a preface ("Ой, вы знаете, это долгая история.",
"Ох, вы больное место задели."), answers the other half of a two-question turn ("Ну решать-то не я
буду."), or talks about something else ("Зал есть, столы, микроволновки."), and the substance comes a
turn later. Any sentence with two content words passes as a free-text answer, so the reply is scored by
what ties it to the question instead:

- it echoes the question: a content word of the question, by lemma or by a shared stem ("смотрели бы"
  to "смотрели", "топливо" to "с топливом", "жалуются" to "не жалуются");
- it has the shape of the answer: a yes/no question gets "да"/"нет" first, a count ("сколько") a number;
- its value was not a catch-all (the engine found a figure, a date, a name for it).

A turn that does none of this is "thin": the window holds it, and a later client turn in the same window
that carries the substance takes its place; when none does, the thin turn stands (deal.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from qa_desk.analysis.language import COUNT_WORDS, LEAD_INS, LISTENER_LEAD_INS, Language
from qa_desk.analysis.lexicon import Token
from qa_desk.analysis.questions import AnswerKind

_LEAD_INS = LEAD_INS | LISTENER_LEAD_INS | {"и", "но"}
# Nouns that count whatever was asked ("штук сорок"), and words that cut a reply into clauses ("Учителей
# восемьдесят четыре, а детей тысяча сто").
_UNITS = frozenset({"штука", "единица", "тысяча", "сотня", "десяток", "миллион", "позиция", "процент"})
_PEOPLE = frozenset({"человек", "душа", "голова"})  # counts any people asked for
_CLAUSE_BREAKS = frozenset({"а", "и", "но", "плюс", "ещё", "еще"})
_EACH = Token("по", "по", frozenset({"по"}), "PREP", frozenset())  # a distributive figure ("по две")
_STEM = 5  # letters two words share to echo each other ("смотреть" / "смотрели")
_MIN_ECHO = 4
_FULL = 16  # content words of a free-text reply that tell its substance whatever words it uses  # shorter lemmas ("год", "раз", "дело") echo by accident
# Words of a question that any reply may repeat without answering it.
_GENERIC = frozenset({"быть", "есть", "мочь", "сейчас", "вообще", "сказать", "говорить", "хотеть", "вопрос",
                      "знать", "понимать", "давать", "делать", "очень", "можно", "нужно", "надо", "просто"})


def _words(question: Sequence[Token], lang: Language) -> list[Token]:
    return [t for t in question if t.is_content and t.lemma not in lang.question_words
            and t.lemma not in _GENERIC and len(t.lemma) >= _MIN_ECHO]


def echoes(question: Sequence[Token], reply: Sequence[Sequence[Token]], lang: Language) -> bool:
    """A content word of the reply repeats one of the question (lemma or a shared stem)."""
    asked = _words(question, lang)
    if not asked:
        return False
    lemmas = frozenset().union(*(t.lemmas for t in asked))
    stems = {t.lemma[:_STEM] for t in asked if len(t.lemma) > _STEM}
    for sentence in reply:
        for t in sentence:
            if not t.is_content or t.lemma in _GENERIC:
                continue
            if not t.lemmas.isdisjoint(lemmas) or len(t.lemma) > _STEM and t.lemma[:_STEM] in stems:
                return True
    return False


def _opens_yes_no(reply: Sequence[Sequence[Token]], lang: Language) -> bool:
    """A sentence of the reply opens with "да", "нет", "конечно" (after "ну", "а")."""
    for sentence in reply:
        words = [t for t in sentence if t.is_word and t.text.lower() not in _LEAD_INS]
        if words and (words[0].text.lower() in lang.yes | lang.no or words[0].lemma in lang.yes):
            return True
    return False


def carries(kind: AnswerKind, question: Sequence[Token], reply: Sequence[Sequence[Token]], lang: Language,
            first: bool = True) -> bool:
    """Whether the client's ``reply`` (its sentences) carries the substance of the answer to a ``kind``
    question asked with ``question``; only free-text and yes/no answers can be thin. ``first``: the first
    reply in its window, or a later one that asks nothing."""
    if kind not in (AnswerKind.TEXT, AnswerKind.YES_NO) or not question:
        return True
    if kind is AnswerKind.YES_NO and _opens_yes_no(reply, lang):
        return True
    counting = any(t.lemma in COUNT_WORDS or kind is AnswerKind.YES_NO and t.lemma in lang.size_words for t in question)
    # "у вас сотрудников много?" — "Человек двадцать пять.": a count answers a yes/no about a size
    if counting and miscounts(question, reply):
        return False  # a long reply that counts something else ("сколько площадок?" — "Своя служба, двенадцать человек…")
    if first and kind is AnswerKind.TEXT and sum(t.is_content for s in reply for t in s) >= _FULL:
        # the first reply, a whole account ("Прошлой осенью дожди зарядили, … сушилка у нас одна, старая"), is
        # no preface; a long later turn that asks something (ASR glued the manager's turn to it) does not
        # replace a held reply
        return True
    if counting:
        return any(_number(t) for s in reply for t in s)
    return echoes(question, reply, lang)


def _number(t: Token) -> bool:
    return t.is_digit or "NUMR" in t.tags  # not "один" ("одна учётка": a word, not a count)


def _counted(clause: Sequence[Token], number: Callable[[Token], bool]) -> Token | None:
    """The noun a clause with a number counts: the genitive noun right after the number ("сорок шесть
    аптек", "сколько человек") or opening the clause before it ("Аптек у нас сорок шесть", "Точек у вас
    сколько?"); None for a bare figure, ``_EACH`` for a distributive ("по две стоит") or a date."""
    at = next((i for i, t in enumerate(clause) if number(t)), None)
    if at is None:
        return None
    if at and clause[at - 1].text.lower() == "по" or any("Anum" in t.tags for t in clause[at + 1:at + 2]):
        return _EACH  # "где-то по две стоит": so many each; "двадцать третьего": a date; no count
    after = next((t for t in clause[at:] if not number(t) and t.pos != "ADJF"), None)
    if after is not None and after.pos == "NOUN" and "gent" in after.tags:
        return after
    before = next((t for t in clause[:at] if t.pos == "NOUN"), None)
    return before if before is not None and {"gent", "plur"} <= before.tags else None


def _clauses(sentence: Sequence[Token]) -> list[list[Token]]:
    out: list[list[Token]] = [[]]
    for t in sentence:
        if t.pos == "PNCT" or t.text in _CLAUSE_BREAKS:
            out.append([])
        else:
            out[-1].append(t)
    return [c for c in out if c]


def _asked_noun(question: Sequence[Token]) -> Token | None:
    """What a count question counts ("Точек у вас сколько?", "сколько человек будет работать?")."""
    for clause in _clauses(question):
        noun = _counted(clause, lambda t: t.lemma in COUNT_WORDS)
        if noun is not None and noun is not _EACH:
            return noun
    return None


def _same(noun: Token, asked: Token) -> bool:
    if noun.lemma in _UNITS or noun.lemma == asked.lemma or len(noun.lemma) > _STEM and noun.lemma[:_STEM] == asked.lemma[:_STEM]:
        return True
    return noun.lemma in _PEOPLE and (asked.animate or asked.lemma in _PEOPLE) or asked.lemma in _PEOPLE and noun.animate


def miscounts(question: Sequence[Token], reply: Sequence[Sequence[Token]]) -> bool:
    """A reply to a count question that counts only something else ("Точек у вас сколько?" — "Касс у нас
    четырнадцать", "сколько человек?" — "Аптек сорок шесть"): no answer, even when nothing better follows."""
    asked = _asked_noun(question)
    if asked is None or not any(_number(t) for s in reply for t in s):
        return False
    if any(asked.lemma in t.lemmas for s in reply for t in s):
        return False  # "Преподавателей шестьдесят два... а, студентов. Очников около девятисот"
    for sentence in reply:
        last: Token | None = None
        for clause in _clauses(sentence):
            if not any(_number(t) for t in clause):
                continue
            noun = _counted(clause, _number) or last  # "Аптек сорок шесть, … и две в Тольятти": still pharmacies
            if noun is _EACH:
                continue
            last = noun
            if noun is None or _same(noun, asked):
                return False
    return True
