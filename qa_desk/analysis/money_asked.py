"""A money question in words no cue of the set knows ("На пасеку что у вас припасено?", "А по кошельку как?",
"Какая у вас планка по креслу?"), asked by the reply: the client answers it with a sum of money.

The question side is read by grammar only: a question sentence that asks nothing else, put to the client, that
is no count ("сколько у вас сотрудников?"), names no other cost, party or loan ("какой оборот?", "какая зарплата у
водителей?", "сколько платите сейчас?") and is not the set's excluded wording ("сколько стоит"). The reply side
decides: a figure with a scale word or a currency ("тысяч двести", "полмиллиона", "триста тысяч рублей") that the
budget reading keeps (not our price said back, a unit price, today's spend, a count). Without such a figure the
candidate lapses, so a question about anything else costs nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from qa_desk.analysis.amounts import budget_value
from qa_desk.analysis.figure_finding import MONTH, QUARTER, YEAR
from qa_desk.analysis.figures import CURRENT_SPEND, LOANS, OTHER_COSTS, OTHER_PARTIES, SUPPLIERS
from qa_desk.analysis.lexicon import Token
from qa_desk.analysis.money import find_amounts
from qa_desk.analysis.patterns import any_cue
from qa_desk.analysis.questions import AnswerKind
from qa_desk.analysis.sentence import CompiledQuestion, Sentence
from qa_desk.analysis.siblings import LOSSES, counts_things


class _ByReply(float):
    """A candidate's score that marks it as this module's (a contract weak hit may score the same)."""


# a candidate's score: below the classifier's bar, so it never counts as asked by itself
BY_REPLY: float = _ByReply(0.45)


def by_reply(score: float) -> bool:
    """``score`` is this module's candidate's: asked only by a sum of money in the reply."""
    return isinstance(score, _ByReply)
_NOT_BUDGET = OTHER_COSTS | OTHER_PARTIES | SUPPLIERS | LOANS | CURRENT_SPEND | LOSSES
_HOW_MANY = frozenset({"сколько", "скольких", "скольким"})
_OPEN = frozenset({"сколько", "какой", "что", "как", "каков"})  # the open question words
# indefinite pronouns put as a question ("на химию хоть сколько-то предусмотрено?"): as open as "сколько"
_SOME = frozenset({"сколько-то", "сколько-нибудь", "что-то", "что-нибудь", "что-либо"})
_SMALLEST = 1_000  # a sum below this is a price or a count, not a budget


def money_candidate(questions: Sequence[CompiledQuestion], topic_of: dict[str, str], sentences: Sequence[Sentence],
                    hits: Sequence[tuple[CompiledQuestion, Sentence, float]], taken: set[str],
                    weak: Sequence[tuple[CompiledQuestion, Sentence, float]] = ()) -> list[tuple[CompiledQuestion, Sentence, float]]:
    """The set's budget question as a candidate of the first question sentence that may ask money and asks no other
    question (the generic need aside: "На пасеку что у вас припасено?") and no other candidate (``weak``: a reply fitting
    two candidates of one sentence confirms neither); ``taken`` gets its id."""
    money = next((cq for cq in questions if cq.question.answer is AnswerKind.MONEY
                  and topic_of.get(cq.question.id) == "budget"), None)
    if money is None or money.question.id in taken:
        return []
    asking = {s.text for cq, s, _c in hits if not cq.question.generic} | {s.text for _cq, s, _c in weak}
    s = next((s for s in sentences if s.is_question and s.text not in asking and any_cue(money.exclude, s.lemmas) is None
              and money_open(s.tokens, s.lemmas)), None)
    if s is None:
        return []
    taken.add(money.question.id)
    return [(money, s, BY_REPLY)]


def money_open(tokens: Sequence[Token], lemmas: frozenset[str]) -> bool:
    """``tokens`` (a question sentence) may ask the client's money: it names no other cost, party or loan, and
    counts nothing ("сколько у вас точек?", "сколько человек")."""
    if not lemmas.isdisjoint(_NOT_BUDGET):
        return False
    if counts_things(tokens):
        return False  # siblings.py: "сколько сотрудников", "по объёму сколько, хоть примерно, гигов?": a count
    return _framed([t for t in tokens if t.is_word])


def _framed(words: Sequence[Token]) -> bool:
    """An open question ("сколько", "какой", "что", "как", or an indefinite "сколько-то", "что-то") with a frame of what
    money is for or about: a purpose ("на пасеку", "под новую печь"; not "на простое линии", "на следующий год"), a
    topic ("по смете", "по кошельку"), an extent ("в каких пределах") or a cost ("во сколько", "во что", "почём")."""
    texts = [t.text.lower() for t in words]
    if "почём" in texts or "почем" in texts or any(a == "во" and b in ("сколько", "что") for a, b in zip(texts, texts[1:], strict=False)):
        return True
    if not any(t.lemma in _OPEN or t.text.lower() in _SOME for t in words):
        return False
    if any(a == "в" and b.lemma == "какой" and c.pos == "NOUN" and "loct" in c.tags
           for a, b, c in zip(texts, words[1:], words[2:], strict=False)):
        return True  # an extent asked ("в каких пределах", "в какой вилке"): the reply's sum decides
    for k in range(len(words) - 1):
        if texts[k] not in ("на", "по", "под"):
            continue
        j = k + 1
        while j < len(words) - 1 and (words[j].pos in ("ADJF", "NPRO", "PRCL") and words[j].pos != "NOUN") and "loct" not in words[j].tags:
            j += 1
        head = words[j]
        if head.pos != "NOUN" or not head.lemmas.isdisjoint(MONTH | YEAR | QUARTER):
            continue
        accs = "accs" in head.tags or j > k + 1 and "accs" in words[j - 1].tags  # "под новую печь": nomn = accs
        if texts[k] == "под" and any(w.lemma == "какой" for w in words[k + 1:j]):
            continue  # "под какие задачи ноутбуки?": the purpose asked, not money for it
        if texts[k] in ("на", "под") and accs and "loct" not in head.tags or texts[k] == "по" and "datv" in head.tags:
            return True
    return False


def money_reply(question: Sequence[Token], reply: Sequence[Sequence[Token]]) -> bool:
    """The reply gives a sum of money the budget reading keeps: a figure with a scale word or a currency."""
    tokens = [t for sentence in reply for t in sentence]
    if not any(a.value >= _SMALLEST for a in find_amounts(tokens)):
        return False
    value = budget_value(tokens, question, bare=False)
    return value is not None and value.get("amount", 0) >= _SMALLEST
