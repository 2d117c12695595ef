"""A contract question said by its core word alone: the one strong word of an operator's question that only one of
the set's questions names.

A formal title ("Готовность Заказчика к раздельному накоплению вторичного сырья", "Потребность в перезарядке
первичных средств пожаротушения") has five or six words; the operator says one of them, often in another form
("отдельно", "заряжали", cognates.py), and the rest in his own words ("пластик, бумагу офисную — тоже бы отдельно
собирали?", "баллоны свои давно заряжали?"). The soft match (contract.py) then covers too little of the title to
reach even a weak ask. Here such a question sentence is a weak candidate of that question when every word it owns
belongs to that one question and that question is the best of the soft match. A word owns a question when it matches
it strongly (``ANCHOR``) and ``_APART`` better than any other ("общий" matches every question of a set alike and owns
none; nor does a word the dictionary does not know, as Whisper garbles one). A person or a time question is asked
by its own word, "кто" or "когда" (contract.py), never by a noun alone. As every weak candidate, it is asked
only when the client's reply has the answer's shape; a sentence about us, the firm (our offer), or one that is no question put to
the client (a remark: no «?», no «вы») has no core word.

A plain yes/no sentence (no question word but «ли», no count, no figure: "вот у вас люди сейчас как-то застрахованы,
или пока вообще никак?") asks whether, not how many: a count question of the set ("сколько сотрудников планируется
застраховать") that shares its words scores ``COUNT_MISFIT`` of its match there (``count_fit``), and is no owner of its
words for the core reading; only where a yes/no question of the set matches the sentence at all (``whether``).
Not in a sentence of ours ("Мы ставим машины…, вам такое интересно?"): there the count
question's lower score would only leave another question of our offer's nouns clear.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from qa_desk.analysis.lexicon import Token, word_is_known
from qa_desk.analysis.questions import AnswerKind
from qa_desk.analysis.similarity import ANCHOR, Word, word_similarity
from qa_desk.analysis.vectors import vectors

if TYPE_CHECKING:
    from qa_desk.analysis.contract import Bag

_NEAR = 0.15  # the soft score a core word's question needs at least (contract.WEAK_ASK is 0.45)
_APART = 0.1  # a word's match with its question above its match with any other
COUNT_MISFIT = 0.6  # a count question's share of its match in a plain yes/no sentence (contract.HEAD_MISFIT)
_COUNT = frozenset({"сколько"})
_NUMERAL_NOUNS = frozenset({"десяток", "сотня", "тысяча", "миллион", "сколько-то", "сколько-нибудь"})  # a closed class
_YES_NO = frozenset({"ли"})
_WE = "мы"
YOU = frozenset({"вы", "ваш", "ты", "твой"})  # the client named: also rhetoric.py's
_OWN_WORD = frozenset({AnswerKind.PERSON, AnswerKind.TIMING})  # asked by "кто" / "когда" (contract._kind_only), not a noun


def second_person(tokens: Sequence[Token]) -> bool:
    """The client named in the line: «вы», «ваш», «у вас», a second-person verb."""
    return any(not t.lemmas.isdisjoint(YOU) or "2per" in t.tags and ("indc" in t.tags or "impr" in t.tags)
               for t in tokens)


def addressed(tokens: Sequence[Token]) -> bool:
    """A question put to the client, not a remark ("Он всегда говорил: корова молоко даёт, а счётчик его
    забирает."): it ends with «?» ("А с топливом как?", "Баллоны свои давно заряжали?") or names him
    (``second_person``)."""
    return bool(tokens) and tokens[-1].text == "?" or second_person(tokens)


def ours(tokens: Sequence[Token]) -> bool:
    """A sentence about us, the firm ("Мы ставим машины… вам такое интересно?", "кофе у нас итальянский"): our own
    offer or matter, whose nouns ask the client nothing by themselves. A singular first person is the caller's frame
    ("я понимаю, что…, хватит ли электричества"), no offer."""
    return any(t.lemma == _WE or t.pos == "VERB" and "1per" in t.tags and "plur" in t.tags for t in tokens)


def plain_yes_no(tokens: Sequence[Token], qwords: frozenset[str], question_words: frozenset[str]) -> bool:
    """A yes/no sentence: no question word but «ли», no count (``qwords``: the sentence's specific question words, a
    count cue read as "сколько"), no figure, cardinal or ordinal ("Третий год, четвёртый?")."""
    return not _COUNT <= qwords and not any(t.lemma in question_words - _YES_NO or t.is_digit or t.pos == "NUMR"
                                            or "Anum" in t.tags or t.lemma in _NUMERAL_NOUNS for t in tokens)


def counts(b: Bag) -> bool:
    """A question that asks how many of something (not a sum of money)."""
    return b.kind is AnswerKind.TEXT and not b.money and _COUNT <= b.question_words


def whether(bags: Sequence[Bag], scored: Sequence[tuple[float, int]], plain: bool) -> bool:
    """A plain yes/no sentence that a yes/no question of the set matches at all (``scored``: (score, bag index)):
    it asks that whether, not a count. With no such question in the set, an existence asks the count ("У вас,
    наверное, вечно кого-то не хватает?" for "сколько открытых вакансий")."""
    return plain and any(sc > 0 and bags[i].kind is AnswerKind.YES_NO for sc, i in scored)


def count_fit(bags: Sequence[Bag], scored: list[tuple[float, int]], plain: bool) -> list[tuple[float, int]]:
    """``scored`` with a count question's score ``COUNT_MISFIT`` of itself where the sentence asks whether."""
    if not whether(bags, scored, plain):
        return scored
    return [(sc * COUNT_MISFIT if counts(bags[i]) else sc, i) for sc, i in scored]


def core_hit(bags: Sequence[Bag], words: Sequence[Word], scored: Sequence[tuple[float, int]], plain: bool) -> int | None:
    """The index of the one question whose words alone match the sentence's ``words`` strongly, when its soft score
    (``scored``: (score, bag index), best first) is the best and at least ``_NEAR`` (``plain``: a plain yes/no sentence,
    whose words a count question does not own). The caller leaves out a sentence of ours (``ours``)."""
    if not scored or scored[0][0] < _NEAR or len(scored) > 1 and scored[1][0] >= scored[0][0]:
        return None
    table = vectors()
    owners = set()
    for w in words:  # a word owned: it matches one question strongly and clearly better than any other
        if not all(word_is_known(x) for x in w if x.isalpha()):
            continue  # a word the dictionary does not know, as Whisper garbles one ("присуините"), owns nothing
        sims = sorted(((max((word_similarity(p, w, table) for ph in b.phrasings for p in ph), default=0.0), i)
                       for i, b in enumerate(bags) if not (plain and counts(b))), reverse=True)
        if sims and sims[0][0] >= ANCHOR and (len(sims) == 1 or sims[1][0] <= sims[0][0] - _APART):
            owners.add(sims[0][1])
    best = scored[0][1]
    return best if owners == {best} and bags[best].kind not in _OWN_WORD else None
