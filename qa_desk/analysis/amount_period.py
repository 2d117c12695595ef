"""The period of a client's figure ("в месяц", "ежемесячно", "на год", "годовой"), read near it, elsewhere in
the reply, or from the rate our question asked; not "в этом году" or "на следующий год" (when, not how often)."""

from __future__ import annotations

from collections.abc import Sequence

from qa_desk.analysis.figure_finding import MONTH, QUARTER, YEAR
from qa_desk.analysis.figures import (
    CURRENT_SPEND,
    LOANS,
    MONEY_NOUNS,
    OTHER_COSTS,
    OTHER_PARTIES,
    PERIOD_REACH,
    SUPPLIERS,
    clause_span,
)
from qa_desk.analysis.language import CONTRAST, OR_WORDS
from qa_desk.analysis.lexicon import SENTENCE_ENDS, Token
from qa_desk.analysis.money import number_value

PERIOD_PREPS = frozenset({"в", "на", "за", "каждый", "раз"})  # "в месяц", "на каждый месяц", "раз в квартал"
_WHOLE_YEAR = frozenset({"следующий", "весь", "целый", "будущий"})  # not "на этот год" (when the money was planned)
_COSTS_BY = frozenset({"обходиться", "обойтись", "стоить"})  # "во что вам месяц обходится": the period as the subject
_WHEN_YEAR = frozenset({"следующий", "будущий"})  # away from the figure these say when
_YEARS_COUNTED = frozenset({"лет"})


def period_near(tokens: Sequence[Token], start: int, end: int, back: int = PERIOD_REACH) -> str | None:
    """"в месяц", "ежемесячно", "на год", "годовой"; not "в этом году" (when, not how often)."""
    lo = max(0, start - back)
    while any(t.text.lower() in CONTRAST for t in tokens[lo:start]):
        lo += 1  # not across "а"/"но": "зарплату платим сто пятьдесят в месяц, а на закупку тысяч шестьсот"
    hi = end + PERIOD_REACH
    if any(t.text.lower() in CONTRAST for t in tokens[end:hi]):
        hi = next(k for k in range(end, hi) if tokens[k].text.lower() in CONTRAST)
    for k in range(lo, min(hi, len(tokens))):
        period = period_at(tokens, k)
        if period is not None and k >= 1 and tokens[k - 1].lemma in _WHEN_YEAR and other_sentence(tokens, k, (start, end)):
            continue  # "Проект поставили в план на следующий год. Закладываем миллион двести": when
        if period is not None or k == end and period_word(tokens[k]) and tokens[k].pos == "NOUN" and (
                tokens[k].text.lower() not in _YEARS_COUNTED):
            return period or period_word(tokens[k])  # or right after the figure as Whisper writes it ("1035 месяц")
    return None


def asked_rate(question: Sequence[Token]) -> str | None:
    """The period our question asks the figure by ("сколько в месяц готовы?", "на весь год сколько?"); not the
    horizon of a budget it names ("бюджет на следующий год ещё верстается": which year, not a yearly figure)."""
    period = period_near(question, 0, len(question))
    if period is None and any(t.lemma in _COSTS_BY for t in question):  # "во что вам месяц обходится"
        period = next((p for t in question if t.pos == "NOUN" and "nomn" in t.tags and (p := period_word(t))), None)
    if period == "year" and any(period_word(t) == "year" and k and question[k - 1].lemma in _WHEN_YEAR
                                for k, t in enumerate(question)):
        return None
    said = [k for k in range(len(question)) if period_at(question, k)]
    if period is not None and said and all(_not_asked(question, k) for k in said):
        return None
    return period


_REACH = 3  # words before a period that may hold our own verb or the alternative's «или»


def _not_asked(question: Sequence[Token], k: int) -> bool:
    """The period at ``question[k]`` is no rate asked: one side of an alternative the client is to choose («это сумма
    на весь срок или на год»), or the term of our own product («Мы обычно такие пакеты продаём на год, и … в какие
    деньги вы это видите»: our verb in the first person)."""
    near = question[max(0, k - _REACH):k + 2]
    return any(t.text.lower() in OR_WORDS for t in near) or any(
        t.pos == "VERB" and "1per" in t.tags for t in question[max(0, k - _REACH):k])


def period_word(t: Token) -> str | None:
    if not t.lemmas.isdisjoint(MONTH):
        return "month"
    if not t.lemmas.isdisjoint(YEAR):
        return "year"
    return "quarter" if not t.lemmas.isdisjoint(QUARTER) else None


def period_at(tokens: Sequence[Token], k: int) -> str | None:
    """The period said at ``tokens[k]``: "ежемесячно", "годовой", "в месяц", "за год"; not "в этом году"."""
    period = period_word(tokens[k])
    if period is None or tokens[k].pos != "NOUN":
        return period
    if period == "year" and k >= 2 and tokens[k - 1].lemma in _WHOLE_YEAR and tokens[k - 2].text.lower() in ("на", "за"):
        return period  # "заложила на следующий год", "на весь год"
    if k >= 2 and tokens[k - 2].text.lower() == "не":
        return None  # "два миллиона всего, не в год": the period denied
    return period if k and tokens[k - 1].text.lower() in PERIOD_PREPS else None


def reply_period(tokens: Sequence[Token], chosen: tuple[int, int]) -> str | None:
    """A period said elsewhere in the reply ("тысяч сто пятьдесят. Это ежемесячно, если что") — unless
    its clause holds another number or another cost ("аренда у нас девяносто в месяц", "курсантов
    человек сорок в месяц")."""
    for k in range(len(tokens)):
        period = period_at(tokens, k)
        if period is None or k >= 1 and tokens[k - 1].lemma in _WHEN_YEAR and other_sentence(tokens, k, chosen):
            continue  # "Анализатор в план на следующий год поставили. …закладываем миллион": when, not how often
        if other_sentence(tokens, k, chosen) and _own_subject(tokens, k):
            continue  # "…шестьсот тысяч. Договор ТО идёт из другой статьи, его считают помесячно": another thing's period
        lo, hi = clause_span(tokens, k, k + 1)
        if not {lemma for t in tokens[lo:hi] for lemma in t.lemmas}.isdisjoint(
                OTHER_COSTS | OTHER_PARTIES | LOANS | CURRENT_SPEND | SUPPLIERS):
            continue
        if any(number_value(tokens, i)[0] is not None for i in range(lo, hi) if not chosen[0] <= i < chosen[1]):
            continue
        if any(a.text.lower() == "не" and b.pos == "VERB" for a, b in zip(tokens[lo:hi], tokens[lo + 1:hi], strict=False)):
            continue  # "я эти ваши месячные платежи не люблю": a period denied, not the figure's
        return period
    return None


def other_sentence(tokens: Sequence[Token], k: int, chosen: tuple[int, int]) -> bool:
    """``tokens[k]`` lies in another sentence than the figure at ``chosen``."""
    lo, hi = sorted((k, chosen[0]))
    return any(t.text in SENTENCE_ENDS for t in tokens[lo:hi])


def _own_subject(tokens: Sequence[Token], k: int) -> bool:
    """The sentence holding the period at ``tokens[k]`` names a thing of its own in the nominative before it ("Договор
    ТО идёт … его считают помесячно"), not a pronoun or a money word that refers back to the figure ("Это
    ежемесячно", "Сумма месячная")."""
    lo = next((j + 1 for j in range(k - 1, -1, -1) if tokens[j].text in SENTENCE_ENDS), 0)
    return any(t.pos == "NOUN" and "nomn" in t.tags and t.lemmas.isdisjoint(MONEY_NOUNS | MONTH | QUARTER | YEAR)
               and not (j and tokens[j - 1].pos == "PREP") for j, t in enumerate(tokens[lo:k], lo))
