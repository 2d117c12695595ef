"""The client's budget in a reply, as people say it: ranges, periods, corrections, bare numbers.

Built on ``money.find_amounts`` (one figure at a time). Here a reply's figures are read together:
"от двухсот до трёхсот тысяч" and "тысяч пятьдесят — шестьдесят" are ranges; "двести… нет, двести
пятьдесят" keeps the corrected figure; a bare "до трёхсот" takes its magnitude from the question
or the reply ("до трёхсот тысяч?" → 300 000; thousands by default); "в месяц"/"в год" is kept as a
period. Figures that are not the client's own budget are skipped: a unit price ("по тысяче пятьсот
за штуку"), our price ("ваше предложение на семь миллионов"), what they pay today ("платим
подрядчику двадцать тысяч").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from qa_desk.analysis.lexicon import Token
from qa_desk.analysis.money import Amount, find_amounts, number_value

_RANGE_JOINERS = frozenset({"-", "—", "–", ",", "или", "до", "…", ".", "ну", "может", "максимум", "край", "а", "то",
                            "и", "где-то", "даже"})
_CORRECTIONS = frozenset({"нет", "не", "точнее", "вернее", "простите", "извините", "поправлюсь", "ошибся", "ошиблась",
                          "погодите", "стоп", "секунду", "тьфу", "смысле", "ой", "оговорился", "оговорилась"})
_LIMITS = frozenset({"больше", "более", "меньше", "менее", "выше", "ниже", "дороже"})  # "полмиллиона, не больше"
_CORRECTION_GAP = 4
_TOO_MUCH = frozenset({"много", "многовато", "дорого", "дороговато", "перебор", "дорогой"})
_LIMIT_NOUNS = frozenset({"край", "максимум", "потолок", "предел", "минимум", "итог"})  # "девяносто — край"
_MONEY_NOUNS = frozenset({"рубль", "тысяча", "миллион", "деньга", "доллар", "евро"})  # words between a figure and the one that corrects it
_UNIT_NOUNS = frozenset({
    "штука", "квадрат", "метр", "рейс", "уборка", "единица", "час", "килограмм", "кг", "тонна", "машина",
    "человек", "пользователь", "место", "смена", "визит", "выезд", "литр", "упаковка", "комплект", "позиция",
    "лицензия", "сотрудник", "голова", "кресло", "номер", "точка", "минута", "штучка", "день",
})
_OUR_PRICE = frozenset({"предложение", "кп", "прайс", "стоить", "цена", "стоимость", "тариф", "пакет"})
_SECOND_PERSON = frozenset({"вы", "ваш", "у"})
_CURRENT_SPEND = frozenset({"платить", "тратить", "обходиться", "приходить", "брать", "отдавать", "оплачивать",
                            "уходить", "тратиться"})
_INTENT = frozenset({"готовый", "мочь", "планировать", "хотеть", "рассчитывать", "бюджет", "выделить", "заложить",
                     "потянуть", "максимум", "больше", "потолок"})
_CURRENT_MARKS = frozenset({"сейчас", "щас", "нынешний", "текущий", "счет", "ихний", "ныне"})
_SUPPLIERS = frozenset({"подрядчик", "поставщик", "провайдер", "перевозчик", "оператор", "арендодатель"})
# Another cost ("электричество сорок тысяч в месяц съедает") or another party's figure ("конкурент
# считал семьсот", "коллега прикидывал на восемьсот"): not the client's budget unless the same clause
# states an intent ("а на проект мы готовы выделить тысяч триста").
_OTHER_COSTS = frozenset({"электричество", "электроэнергия", "свет", "аренда", "коммуналка", "доставка", "перевозка",
                          "зарплата", "оклад", "налог", "ипотека", "штраф", "бензин", "топливо", "отопление",
                          "логистика", "фот"})
_OTHER_PARTIES = frozenset({"конкурент", "менеджер", "поставщик", "подрядчик", "коллега", "продавец", "сосед",
                            "знакомый", "дилер"})
_LOANS = frozenset({"кредит", "заем", "займ", "ипотека"})  # a loan payment ("платёж по кредиту сто тысяч")
_PAYMENTS = frozenset({"платеж", "выплата", "взнос", "платить", "выплачивать", "гасить", "погашение"})
_CONTRAST = frozenset({"а", "но", "зато", "однако"})
_CLAUSE_BREAKS = frozenset({",", ".", ";", "!", "?", ":", "а", "но", "зато", "хотя", "однако"})
_MONTH = frozenset({"месяц", "ежемесячно", "ежемесячный", "помесячно", "месячный", "абонентка", "абонплата"})
_YEAR = frozenset({"год", "ежегодно", "годовой", "ежегодный"})
_QUARTER = frozenset({"квартал", "ежеквартально", "ежеквартальный", "поквартально", "квартальный"})
_PERIOD_PREPS = frozenset({"в", "на", "за", "каждый", "раз"})  # "в месяц", "на каждый месяц", "раз в квартал"
_PERIOD_REACH = 6
_DEFAULT_MAGNITUDE = 1_000


@dataclass(frozen=True, slots=True)
class Figure:
    """A number said in the reply: value (scaled when it had a scale word), span, scale seen."""

    value: float
    start: int
    end: int
    scaled: bool
    currency: str = "RUB"


def _figures(tokens: Sequence[Token]) -> list[Figure]:
    """Every figure: amounts with a scale or currency, and bare numbers (< 1000) that may borrow one."""
    amounts = find_amounts(tokens)
    out = [Figure(float(a.value), a.start, a.end, True, a.currency) for a in amounts]
    taken = {i for a in amounts for i in range(a.start, a.end)}
    i = 0
    while i < len(tokens):
        if i in taken:
            i += 1
            continue
        value, end = number_value(tokens, i)
        if value is None or any(k in taken for k in range(i, end)):
            i += 1
            continue
        nxt = tokens[end] if end < len(tokens) else None
        prev = tokens[i - 1] if i else None
        counted = nxt is not None and nxt.pos == "NOUN" and nxt.lemma not in _MONTH | _YEAR | _LIMIT_NOUNS or (
            prev is not None and prev.pos == "NOUN" and {"gent", "plur"} <= prev.tags
            and (prev.animate or not prev.lemmas.isdisjoint(_UNIT_NOUNS)))  # "курсантов человек сорок": forty people
        if not counted and 0 < value < 1000:
            out.append(Figure(value, i, end, False))
        i = max(end, i + 1)
    return sorted(out, key=lambda f: f.start)


def _scale_of(value: float) -> int:
    for scale in (1_000_000_000, 1_000_000, 1_000):
        if value >= scale:
            return scale
    return 1


_SCALES = (1_000_000_000, 1_000_000, 100_000, 1_000, 1)


def _fit(bare: float, low: float, high: float) -> float | None:
    """``bare`` times the scale that puts it within [low, high] ("пятьдесят — шестьдесят тысяч")."""
    return next((bare * s for s in _SCALES if low <= bare * s <= high), None)


def _skipped(tokens: Sequence[Token], f: Figure) -> bool:
    """A figure that is not the client's own budget (a unit price, our price, today's spending)."""
    if f.currency == "RUB" and f.scaled and f.value < 1000:
        return True  # "шесть рублей восемьдесят копеек": a tariff, not a budget
    if any(t.lemma in _TOO_MUCH for t in tokens[f.end:f.end + 3]):
        return True  # "пятьсот — это много": their reaction to a price, not their budget
    after = [t for t in tokens[f.end:f.end + 5] if t.is_word and _number_word(t) is False]
    per = len(after) >= 2 and after[0].text.lower() == "за" and after[1].pos == "NOUN"
    if per and not after[1].lemmas.isdisjoint(_UNIT_NOUNS):
        return True  # "тысяча пятьсот за штуку"
    before = [t for t in tokens[max(0, f.start - 3):f.start] if t.is_word]
    if per and any(t.text.lower() == "по" for t in before):
        return True  # "по тридцать одной тысяче за рейс"
    window = {lemma for t in tokens[max(0, f.start - 6):f.end + 4] for lemma in t.lemmas}
    if not window.isdisjoint(_OUR_PRICE) and not window.isdisjoint({"ваш", "вы"}):
        return True  # "ваше предложение на семь миллионов", "у вас стоит"
    clause = _clause(tokens, f)
    other = not clause.isdisjoint(_OTHER_COSTS | _OTHER_PARTIES) or (
        not clause.isdisjoint(_LOANS) and not clause.isdisjoint(_PAYMENTS))
    if other and clause.isdisjoint(_INTENT):
        return True  # "аренда за цех сто двадцать тысяч", "ваш прошлый менеджер насчитал шестьсот"
    near = [t for t in tokens[max(0, f.start - 8):f.end + 6] if t.is_word]
    spends = any(not t.lemmas.isdisjoint(_CURRENT_SPEND) and "pres" in t.tags for t in near)
    if spends and all(t.lemmas.isdisjoint(_INTENT) for t in near):
        return True  # "в месяц тысяч двести уходит", "платим по сорок"
    if any(not t.lemmas.isdisjoint(_SUPPLIERS) and "datv" in t.tags for t in near):
        return True  # "двадцать две тысячи в месяц подрядчику"
    return spends and any(not t.lemmas.isdisjoint(_CURRENT_MARKS | _SUPPLIERS) for t in near)


def _clause(tokens: Sequence[Token], f: Figure) -> set[str]:
    """The lemmas of the clause holding the figure (between commas, full stops, "а", "но")."""
    start, end = _clause_span(tokens, f.start, f.end)
    return {lemma for t in tokens[start:end] for lemma in t.lemmas}


def _clause_span(tokens: Sequence[Token], start: int, end: int) -> tuple[int, int]:
    while start > 0 and tokens[start - 1].text.lower() not in _CLAUSE_BREAKS:
        start -= 1
    while end < len(tokens) and tokens[end].text.lower() not in _CLAUSE_BREAKS:
        end += 1
    return start, end


def _number_word(t: Token) -> bool:
    return "NUMR" in t.tags or t.pos == "NUMR" or t.lemma in ("копейка", "рубль", "тысяча")


def _period(tokens: Sequence[Token], start: int, end: int) -> str | None:
    """"в месяц", "ежемесячно", "на год", "годовой"; not "в этом году" (when, not how often)."""
    lo = max(0, start - _PERIOD_REACH)
    while any(t.text.lower() in _CONTRAST for t in tokens[lo:start]):
        lo += 1  # not across "а"/"но": "зарплату платим сто пятьдесят в месяц, а на закупку тысяч шестьсот"
    hi = end + _PERIOD_REACH
    if any(t.text.lower() in _CONTRAST for t in tokens[end:hi]):
        hi = next(k for k in range(end, hi) if tokens[k].text.lower() in _CONTRAST)
    for k in range(lo, min(hi, len(tokens))):
        period = _period_at(tokens, k)
        if period is not None or k == end and _period_word(tokens[k]) and tokens[k].pos == "NOUN":
            return period or _period_word(tokens[k])  # or right after the figure as Whisper writes it ("1035 месяц")
    return None


def _period_word(t: Token) -> str | None:
    if not t.lemmas.isdisjoint(_MONTH):
        return "month"
    if not t.lemmas.isdisjoint(_YEAR):
        return "year"
    return "quarter" if not t.lemmas.isdisjoint(_QUARTER) else None


def _period_at(tokens: Sequence[Token], k: int) -> str | None:
    """The period said at ``tokens[k]``: "ежемесячно", "годовой", "в месяц", "за год"; not "в этом году"."""
    period = _period_word(tokens[k])
    if period is None or tokens[k].pos != "NOUN":
        return period
    return period if k and tokens[k - 1].text.lower() in _PERIOD_PREPS else None


def _reply_period(tokens: Sequence[Token], chosen: tuple[int, int]) -> str | None:
    """A period said elsewhere in the reply ("тысяч сто пятьдесят. Это ежемесячно, если что") — unless
    its clause holds another number or another cost ("аренда у нас девяносто в месяц", "курсантов
    человек сорок в месяц")."""
    for k in range(len(tokens)):
        period = _period_at(tokens, k)
        if period is None:
            continue
        lo, hi = _clause_span(tokens, k, k + 1)
        if not {lemma for t in tokens[lo:hi] for lemma in t.lemmas}.isdisjoint(
                _OTHER_COSTS | _OTHER_PARTIES | _LOANS | _CURRENT_SPEND | _SUPPLIERS):
            continue
        if any(number_value(tokens, i)[0] is not None for i in range(lo, hi) if not chosen[0] <= i < chosen[1]):
            continue
        return period
    return None


def _corrected(tokens: Sequence[Token], figures: list[Figure]) -> tuple[list[Figure], int | None]:
    """Drop a figure that a correction replaces ("двести… нет, двести пятьдесят"), and its repeats.

    Also returns the scale of the replaced figure: "два миллиона… не, два с половиной" is millions.
    """
    dropped: set[float] = set()
    scale = None
    for a, b in zip(figures, figures[1:], strict=False):
        words = [t.text.lower() for t in tokens[a.end:b.start] if t.is_word]
        limit = any(w in ("не", "нет") and nxt in _LIMITS for w, nxt in zip(words, words[1:], strict=False))
        # a correction word right after the first figure ("семьсот… нет, с монтажом считать, тогда семьсот
        # пятьдесят"), or anywhere in a short gap
        said = set(words[:2] if len(words) > _CORRECTION_GAP else words)
        if not limit and not said.isdisjoint(_CORRECTIONS) and a.value != b.value:
            dropped.add(a.value)
            scale = _scale_of(a.value) if a.scaled else scale
    return ([f for f in figures if f.value not in dropped] or figures[-1:]), scale


def _without_period(tokens: Sequence[Token]) -> list[Token]:
    """``tokens`` less "в месяц", "на год", "ежемесячно"."""
    out: list[Token] = []
    for t in tokens:
        if not t.lemmas.isdisjoint(_MONTH | _YEAR | _QUARTER):
            if out and out[-1].text.lower() in ("в", "на", "за"):
                out.pop()
            continue
        out.append(t)
    return out


def _range_end(tokens: Sequence[Token], first: Figure, second: Figure) -> bool:
    """A bare figure right after a scaled one, joined as a range ("тыщ пятьдесят, шестьдесят")."""
    between = tokens[first.end:second.start]
    return first.scaled and len(between) <= 2 and all(t.text.lower() in _RANGE_JOINERS or not t.is_word for t in between)


def _question_scale(question: Sequence[Token]) -> int | None:
    amounts = find_amounts(question)
    return _scale_of(amounts[-1].value) if amounts else None


def budget_value(tokens: Sequence[Token], question: Sequence[Token] = (), bare: bool = True) -> dict[str, Any] | None:
    """The client's budget in a reply: {"amount", "currency"[, "amount_min", "amount_max"][, "amount_period"]}.

    ``bare``: a number without a scale word may be a budget (a reply to a budget question).
    """
    said = [f for f in _figures(tokens) if not _skipped(tokens, f)]
    figures = [f for k, f in enumerate(said) if bare or f.scaled or k and _range_end(tokens, said[k - 1], f)]
    if not figures:
        return None
    figures, corrected_scale = _corrected(tokens, figures)
    magnitude = corrected_scale or _question_scale(question) or _DEFAULT_MAGNITUDE
    first = figures[0]
    low = high = None
    if len(figures) >= 2:
        second = figures[1]
        between = _without_period(tokens[first.end:second.start])  # "тыщ восемьдесят в месяц, ну девяносто"
        opener = tokens[first.start - 1].text.lower() if first.start > 0 else ""
        joined = all(t.text.lower() in _RANGE_JOINERS or not t.is_word and not t.is_digit for t in between)
        if joined and (opener == "от" or len(between) <= 2):
            a: float | None = first.value
            b: float | None = second.value
            if not first.scaled and second.scaled:
                a = _fit(first.value, second.value / 5, second.value * 0.99)
            elif first.scaled and not second.scaled:
                b = _fit(second.value, first.value * 1.01, first.value * 5)
            elif not first.scaled and not second.scaled:
                a, b = first.value * magnitude, second.value * magnitude
            if a is not None and b is not None and 0 < a < b <= a * 5:
                low, high = a, b
    if low is None:
        if not first.scaled:
            if first.value < 1 or first.value >= 1000:
                return None
            value = first.value * magnitude
        else:
            value = first.value
        out: dict[str, Any] = {"amount": int(round(value)), "currency": first.currency}
        end = first.end
    else:
        assert high is not None
        out = {"amount": int(round(high)), "currency": first.currency,
               "amount_min": int(round(low)), "amount_max": int(round(high))}
        end = figures[1].end
    period = _period(tokens, first.start, end) or _reply_period(tokens, (first.start, end)) or _period(
        question, 0, len(question))
    if period:
        out["amount_period"] = period
    return out if out["amount"] > 0 else None


def said_period(tokens: Sequence[Token]) -> str | None:
    """The period of a turn that names no figure ("В месяц, конечно."), for the figure said just before."""
    if budget_value(tokens) is not None:
        return None
    return _reply_period(tokens, (0, 0))


def plain_amounts(tokens: Sequence[Token]) -> list[Amount]:
    """Figures with a scale word or currency only (for statements that were not asked for)."""
    return find_amounts(tokens)
