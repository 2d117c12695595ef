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

import math
from collections.abc import Sequence
from typing import Any

from qa_desk.analysis.amount_forms import (
    BOUND_GAP,
    bound,
    hesitation,
    question_scale,
    scale_of,
    total_of,
    trailing_scale,
)
from qa_desk.analysis.amount_grammar import (
    capped_after,
    percent_sums,
    put_to_listener,
    relative,
    repeat_period,
    same_again,
    specific,
    superseded,
    upper_later,
    with_lower,
)
from qa_desk.analysis.amount_period import (
    PERIOD_PREPS,
    asked_rate,
    other_sentence,
    period_near,
    reply_period,
)
from qa_desk.analysis.amount_range import restated_range, scope
from qa_desk.analysis.amount_reference import elided_count, joked
from qa_desk.analysis.amount_refused import difference, refused, seen_price
from qa_desk.analysis.amount_then_now import then_now
from qa_desk.analysis.figure_finding import LIMIT_NOUNS, MONTH, QUARTER, YEAR, Figure, said_figures
from qa_desk.analysis.figure_intent import intended, price_list
from qa_desk.analysis.figures import (
    INTENT,
    skipped,
)
from qa_desk.analysis.language import UPPER_BOUNDS, YOU
from qa_desk.analysis.lexicon import SENTENCE_ENDS, Token, is_known
from qa_desk.analysis.money import SCALE_STEPS, Amount, find_amounts

_RANGE_JOINERS = frozenset({"-", "—", "–", ",", "или", "до", "…", ".", "ну", "может", "максимум", "край", "а", "то",
                            "и", "где-то", "даже", "иногда", "порой"})  # "тысяч сорок, иногда пятьдесят": a range
_CORRECTIONS = frozenset({"нет", "не", "точнее", "вернее", "простите", "извините", "поправлюсь", "ошибся", "ошиблась",
                          "погодите", "стоп", "секунду", "тьфу", "смысле", "ой", "оговорился", "оговорилась", "вру", "путаю", "перепутал",
                          "перепутала", "ладно",
                          # the figure changed since: "сначала четыре, теперь три", "думали двести, но сейчас уже триста"
                          "теперь", "сейчас"})
# verbs that change a figure, any form: "было три, урезали до двух с половиной", "директор вычеркнул и написал семьсот"
CHANGED = frozenset({"урезать", "порезать", "срезать", "сократить", "пересогласовать", "подрезать", "вычеркнуть",
                      "исправить", "переписать", "снизить", "уменьшить", "поднять", "увеличить", "пересчитать",
                      "остаться"})  # "было заложено три миллиона, после секвестра осталось два"
_LIMITS = frozenset({"больше", "более", "меньше", "менее", "выше", "ниже", "дороже"})  # "полмиллиона, не больше"
_CORRECTION_GAP = 4
_NOW = frozenset({"теперь", "точнее", "вернее"})  # right before a figure: the figure it settles on
_MONEY_NOUNS = frozenset({"рубль", "тысяча", "миллион", "деньга", "доллар", "евро"})  # words between a figure and the one that corrects it
_SECOND_PERSON = YOU | {"у"}
# "лет", the plural of "год" from another stem, only counts years ("150 тысяч лет" for Whisper's garbled "…тысяч дам"):
# no "в год" with its «в» lost sounds like it, as "40 месяцев" may be Whisper's "сорок в месяц"
_GARBLED_MIN = 4  # shorter unknown words are mostly abbreviations and interjections
_DEFAULT_MAGNITUDE = 1_000
_MILLIONS = 1_000_000
_SMALL_BARE = 10  # "полтора", "два": a bare figure this small takes the talk's millions
_SPREAD = frozenset({"побольше", "поменьше", "больше", "меньше", "подороже"})  # "летом побольше": a range
_FILLERS = frozenset({"ну", "вот", "это", "э", "эм", "так"})  # "лям, ну, лям двести": a restart, not a range
_UPPER = UPPER_BOUNDS | {"может"}  # "тыщ сорок … сорок пять может максимум"
_UPPER_GAP = 4
# "девять миллионов, из них на аспирацию четыре": the part of a whole said before it
_PART_OF = (("из", "них"), ("из", "которых"), ("из", "этого"), ("из", "этих"), ("в", "том"))
_PART_REACH = 5



_SCALES = SCALE_STEPS


def _fit(bare: float, low: float, high: float) -> float | None:
    """``bare`` times the scale that puts it within [low, high] ("пятьдесят — шестьдесят тысяч")."""
    return next((bare * s for s in _SCALES if low <= bare * s <= high), None)


def _corrected(tokens: Sequence[Token], figures: list[Figure]) -> tuple[list[Figure], int | None, bool]:
    """Drop what a correction replaces ("двести… нет, двести пятьдесят"; "четыре-пять миллионов. Хотя
    нет, точнее, четыре миллиона восемьсот"): every figure before the last correction, and their repeats.

    Also returns the scale of the replaced figures ("два миллиона… не, два с половиной" is millions)
    and whether a correction was made (then the reply's last figure is the one it settles on).
    """
    cut = 0
    for k in range(1, len(figures)):
        a, b = figures[k - 1], figures[k]
        if a.value != b.value and _corrects(tokens[a.end:b.start]) or _settled(tokens[a.end:b.start]):
            cut = k
    if not cut:
        return figures, None, False
    dropped = {f.value for f in figures[:cut]}
    # later figures, not a story told in another sentence after it ("…, косарей восемьсот, если прижмёт. … Сосед сам
    # собрал, за шестьсот вышло.")
    kept = [f for k, f in enumerate(figures) if k == cut or k > cut and f.value not in dropped and not (
        other_sentence(tokens, f.start, (figures[cut].start, figures[cut].end)) and _story(tokens, f))]
    if cut >= 2 and all(_said_after(tokens, figures[j], "до") for j in (cut - 1, cut)) and _said_after(tokens, figures[cut - 2], "от"):
        kept.insert(0, figures[cut - 2])  # "от трёхсот до пятисот… нет, до четырёхсот": the upper end corrected
    # the scale of the figure said last before the first bare one kept ("миллион… не миллион, тысяч под
    # восемьсот, директор вычеркнул и написал семьсот": thousands)
    bare = next((f for f in kept if not f.scaled), None)
    scaled = [f for f in figures if f.scaled and f.value and (bare is None or f.start < bare.start)]
    if not scaled:
        return kept, None, True
    if bare is None:
        return kept, scale_of(scaled[-1].value), True
    # the scale that puts the bare figure nearest the one it replaces ("на миллион, …, теперь восемьсот пятьдесят")
    replaced = scaled[-1].value
    return kept, min((s for s in _SCALES if s > 1 and s != 100_000), key=lambda s: abs(math.log(bare.value * s / replaced))), True


def _said_after(tokens: Sequence[Token], f: Figure, word: str) -> bool:
    return f.start > 0 and tokens[f.start - 1].text.lower() == word


def _corrects(gap: Sequence[Token]) -> bool:
    """Words between two figures that correct the first ("нет, вру", "тьфу", "ну ладно", ". Хотя нет,")."""
    words: list[str] = []
    heads: set[str] = set()  # the first two words of the gap and of each sentence in it
    fresh = 0
    for k, t in enumerate(gap):
        if t.text in SENTENCE_ENDS:
            fresh = 0
            continue
        if not t.is_word or not t.lemmas.isdisjoint(MONTH | YEAR | QUARTER) or t.text.lower() in PERIOD_PREPS or (
                fresh and t.text.lower() == "не" and k + 1 < len(gap) and gap[k + 1].pos in ("VERB", "INFN")):
            continue  # "Ноль. Я не прибедняюсь. …": a verb denied, no figure corrected (not "Не, давайте двести пятьдесят")
        words.append(t.text.lower() if t.lemma not in CHANGED else "теперь")
        if fresh < 2:
            heads.add(words[-1])
        fresh += 1
    if any(w in ("не", "нет") and nxt in _LIMITS or w in _LIMITS and nxt == "не"
           for w, nxt in zip(words, words[1:], strict=False)):
        return False  # "полмиллиона, не больше", "больше не потянем"
    said = set(words) if len(words) <= _CORRECTION_GAP else heads
    return not said.isdisjoint(_CORRECTIONS)


def _story(tokens: Sequence[Token], f: Figure) -> bool:
    """The figure's sentence tells what happened: a past verb and no intent ("Сосед … сам собрал, за шестьсот вышло.")."""
    lo = max((k + 1 for k in range(f.start) if tokens[k].text in SENTENCE_ENDS), default=0)
    hi = next((k for k in range(f.end, len(tokens)) if tokens[k].text in SENTENCE_ENDS), len(tokens))
    sentence = tokens[lo:hi]
    return any("past" in t.tags and t.pos == "VERB" for t in sentence) and all(t.lemmas.isdisjoint(INTENT) for t in sentence)


def _settled(gap: Sequence[Token]) -> bool:
    """Words right before a figure that settle on it after what was said before: a conclusion ("…, так что сто",
    "решаю я, так что полтора") or the figure as it stands now ("сначала хотели на миллион, потом …, и теперь —
    восемьсот пятьдесят")."""
    words = [t.text.lower() for t in gap if t.is_word]
    return words[-2:] == ["так", "что"] or bool(words) and words[-1] in _NOW


def _without_period(tokens: Sequence[Token]) -> list[Token]:
    """``tokens`` less "в месяц", "на год", "ежемесячно", "на всех" and hesitations ("до… м-м… ста тридцати")."""
    out: list[Token] = []
    skip = 0
    for k, t in enumerate(tokens):
        skip = skip - 1 if skip else scope(tokens, k)  # "на всех", "за всё": what the figure covers
        if hesitation(t) or skip:
            continue
        if not t.lemmas.isdisjoint(MONTH | YEAR | QUARTER):
            if out and out[-1].text.lower() in ("в", "на", "за"):
                out.pop()
            continue
        out.append(t)
    return out


def _range_end(tokens: Sequence[Token], first: Figure, second: Figure) -> bool:
    """A bare figure right after a scaled one, joined as a range ("тыщ пятьдесят, шестьдесят")."""
    between = _without_period(tokens[first.end:second.start])
    return first.scaled and sum(t.is_word for t in between) <= 2 and all(
        t.text.lower() in _RANGE_JOINERS or not t.is_word or _garbled(t) for t in between)


def _garbled(t: Token) -> bool:
    """A word no dictionary knows, Whisper's garble of what stood there ("ну, маказимум 2" for "ну, максимум два"):
    it says nothing against a range, as a known word would."""
    return t.is_word and len(t.text) >= _GARBLED_MIN and not is_known(t.text)


def _range_start(tokens: Sequence[Token], first: Figure, second: Figure) -> bool:
    """A bare figure that opens a range closed by a scaled one: "от трёхсот пятидесяти до четырёхсот тысяч"."""
    between = [t for t in tokens[first.end:second.start] if t.is_word]
    return not first.scaled and second.scaled and first.start > 0 and tokens[first.start - 1].text.lower() == "от" and [
        t.text.lower() for t in between] == ["до"]


def budget_value(
    tokens: Sequence[Token], question: Sequence[Token] = (), bare: bool = True, context: Sequence[Token] = (),
    *, prices: bool = False, scale: int | None = None, talk: int | None = None, reply: bool = True,
) -> dict[str, Any] | None:
    """The client's budget in a reply: {"amount", "currency"[, "amount_min", "amount_max"][, "amount_period"]}.

    ``bare``: a number without a scale word may be a budget (a reply to a budget question);
    ``context``: the manager's whole turn, whose figures said back are no budget ("Пятьдесят?");
    ``prices``: the manager's own statement, where a price list ("у нас от семидесяти тысяч") is the figure;
    ``scale``: the magnitude of a bare number when the question gives none (that of a budget said before);
    ``talk``: the scale of the last figure said in the talk before the question: millions there make a bare
    figure under ten millions ("станок за миллион восемьсот" … "сколько готовы отдать?" — "Полтора.");
    ``reply``: False for our own read-back ("Вы говорили, тысяч двести … — это в силе?").
    """
    ours = [*context, *question]  # our figures, scale and all, and as said ("сто пятнадцать за килограмм")
    echoes = frozenset([*(float(a.value) for a in find_amounts(ours)), *(f.value for f in said_figures(ours))])
    found = said_figures(tokens)
    sums = relative(tokens, found)  # "платим восемьсот … на сотню больше": nine hundred
    shares = percent_sums(tokens, found)  # "платили шестьсот, в этом закладываем на десять процентов больше"
    if sums or shares:  # the figure a sum is counted from is no budget of its own
        bases = {id(b) for *_s, b in [*sums, *shares]}
        found = sorted([next((s for d, s, _b in sums if d is f), f) for f in found if id(f) not in bases]
                       + [s for s, _b in shares], key=lambda f: f.start)
    kept = [f for f in found if not skipped(tokens, f, echoes, reply=reply) and not (reply and put_to_listener(tokens, f))
            and not joked(tokens, f) and not elided_count(tokens, f)
            and not refused(tokens, f) and not seen_price(tokens, f) and not (not sums and not shares and difference(tokens, f))]  # "Миллион триста он не даст", "на сайте смотрел …"  # "Это шутка такая…", "…восемьсот тонн, в этом под тысячу"
    kept = then_now(tokens, kept) if reply else kept  # "Там вышло два восемьсот. Тут думаю… ну три."
    said = with_lower(tokens, kept, intended(tokens, kept))  # "Тысяч восемьдесят. … до ста можем подтянуть"
    again = same_again(tokens, found, said) if reply else None
    if again is not None:  # "ушло триста. В этом закладываем столько же"
        said = [again, *(f for f in said if f.start > again.end)]
    if not said or not prices and price_list(tokens, said):  # in mono, the manager's price taken as a reply
        return None
    said = specific(tokens, superseded(tokens, said))
    origin = said[0].start  # a period said with a corrected figure holds for the correction
    said, corrected_scale, corrected = _corrected(tokens, said)
    # a bare number counts after a figure with a scale: "тысяч двадцать… нет, вру, двадцать пять"
    figures = [f for k, f in enumerate(said)
               if bare or f.scaled or corrected_scale or k and _range_end(tokens, said[k - 1], f)
               or k and said[k - 1].scaled and upper_later(tokens, said[k - 1], [f], 1) is not None
               or k + 1 < len(said) and _range_start(tokens, f, said[k + 1])]
    if not figures:
        return None
    amounts = find_amounts(tokens) if any(not f.scaled for f in figures) or len(figures) > 1 else []
    magnitude = corrected_scale or trailing_scale(tokens, figures) or question_scale(question, figures) or _reply_scale([*amounts, *(
        f for f in found if f.scaled)], figures) or scale or (
        _talk_scale(talk, figures)) or _gender_scale(tokens, figures) or _DEFAULT_MAGNITUDE
    part = _part(tokens, amounts, figures)
    if part is not None:
        figures = [part]  # "девять миллионов, из них на аспирацию четыре"
        if not part.scaled:
            magnitude = scale_of(figures_whole) if (figures_whole := _whole(amounts, part)) else magnitude
    if len(figures) >= 2 and _restarts(tokens, figures[0], figures[1]):
        figures = figures[1:]  # "Лям, ну, лям двести": the speaker started the figure again
    if (restated := restated_range(tokens, figures, magnitude)) is not None:
        figures, origin = restated, restated[0].start  # "…до двухсот готов. Ну от ста восьмидесяти до двухсот"
    total = total_of(tokens, figures, magnitude)
    if total is not None:
        figures, origin = [total], total.start  # "…, итого миллион триста"
    span = _range(tokens, figures, magnitude)
    if span is not None and _settles(tokens, figures, span[0], magnitude):
        span = None  # "Сотка. Ну, может, сто десять… Но сотка — это потолок"
    if span is None and corrected:
        figures = figures[-1:]  # "сорок — это без НДС, а с НДС сорок восемь": the figure the correction settles on
    elif span is None and total is None and (later := upper_later(tokens, figures[0], figures[1:], magnitude)):
        span = (figures[0].value if figures[0].scaled else figures[0].value * magnitude, later[0])
        figures = [figures[0], later[1]]  # "Сто восемьдесят. Ну, до двухсот дотянем"
    first = figures[0]
    if span is None:
        if not first.scaled:
            if first.value < 1 or first.value >= 1000:
                return None
            value = first.value * magnitude
        else:
            value = first.value
        out: dict[str, Any] = {"amount": int(round(value)), "currency": first.currency}
        end = first.end
    else:
        low, high = span
        out = {"amount": int(round(high)), "currency": first.currency,
               "amount_min": int(round(low)), "amount_max": int(round(high))}
        end = figures[1].end
    # a total's own period after it first ("по сто в квартал, то есть четыреста в год")
    period = (total is not None and period_near(tokens, first.start, end, 0) or period_near(tokens, min(origin, first.start), end)
              or reply_period(tokens, (origin, end)) or repeat_period(tokens, found, first, magnitude)
              or next((period_near(tokens, b.start, b.end) for _d, s, b in sums if s.start == first.start), None)
              or asked_rate(question))
    if period and out["amount"]:
        out["amount_period"] = period
    return out if out["amount"] > 0 or first.scaled and first.value == 0 else None


def _range(tokens: Sequence[Token], figures: Sequence[Figure], magnitude: int) -> tuple[float, float] | None:
    """(low, high) when the first two figures are a range: "от двухсот до трёхсот", "тыщ пятьдесят,
    шестьдесят", "сто двадцать, летом побольше, тысяч сто пятьдесят", "тысяч восемьдесят… Ну, может девяносто"."""
    if len(figures) < 2:
        return None
    first, second = figures[0], figures[1]
    between = _without_period(tokens[first.end:second.start])  # "тыщ восемьдесят в месяц, ну девяносто"
    words = [t.text.lower() for t in between if t.is_word]
    opener = tokens[first.start - 1].text.lower() if first.start > 0 else ""
    joined = all(t.text.lower() in _RANGE_JOINERS or not t.is_word and not t.is_digit or _garbled(t) for t in between) and (
        opener == "от" or len(words) <= 2) or opener == "от" and tokens[second.start - 1].text.lower() == "до"
    roles = (bound(tokens, first), bound(tokens, second))
    bounded = len(words) <= BOUND_GAP and roles in (("low", "high"), ("high", "low"))
    spread = len(words) <= 3 and not set(words).isdisjoint(_SPREAD) and "не" not in words
    maybe = words[-1:] == ["может"] and "не" not in words[-2:]  # not "не может"
    after = [t.text.lower() for t in tokens[second.end:second.end + 3] if t.is_word][:2]
    upper = len(words) <= _UPPER_GAP and not set(after).isdisjoint(_UPPER) and {"не", "нет"}.isdisjoint(words)
    if not (joined or spread or maybe or upper or bounded or capped_after(tokens, first, second)) or not first.value:
        return None
    a: float | None = first.value
    b: float | None = second.value
    if not first.scaled and second.scaled:
        a = _fit(first.value, second.value / 5, second.value * 0.99)
    elif first.scaled and not second.scaled:
        b = _fit(second.value, first.value * 1.01, first.value * 5)
    elif not first.scaled and not second.scaled:
        a, b = first.value * magnitude, second.value * magnitude
    if bounded and roles[0] == "high" and a is not None and b is not None:
        a, b = b, a  # "не больше четырёхсот, но и не меньше трёхсот"
    if a is not None and b is not None and 0 < a < b <= a * 5:
        return a, b
    return None


def _talk_scale(talk: int | None, figures: Sequence[Figure]) -> int | None:
    """The talk's scale for bare figures under ten when the talk was of millions ("Полтора.", "Два с половиной.")."""
    if talk is None or talk < _MILLIONS or any(not f.scaled and f.value >= _SMALL_BARE for f in figures):
        return None
    return talk


def _gender_scale(tokens: Sequence[Token], figures: Sequence[Figure]) -> int | None:
    """A bare "полтора" names a masculine scale left unsaid ("полтора на всех, это с железом", "один, может
    полтора": миллион, лям); a thousand is feminine ("полторы"), so the thousands by default do not fit it."""
    return _MILLIONS if any(not f.scaled and tokens[f.start].text.lower() == "полтора" and not _after_noun(tokens, f.start)
                            for f in figures) else None


def _after_noun(tokens: Sequence[Token], k: int) -> bool:
    """The word before ``tokens[k]`` is a noun, whose count it is ("за месяц-полтора")."""
    words = [t for t in tokens[:k] if t.is_word]
    return bool(words) and words[-1].pos == "NOUN"


def _reply_scale(amounts: Sequence[Amount | Figure], figures: Sequence[Figure]) -> int | None:
    """The scale of a figure with a scale word said before the first bare one in the reply, even one
    that is no budget ("три миллиона, это мы погорячились. От полутора до двух"), when the bare figures
    fit it (not five times above it)."""
    bare = next((f for f in figures if not f.scaled), None)
    if bare is None:
        return None
    before = sorted((a for a in amounts if a.end <= bare.start and a.value >= 1000), key=lambda a: a.end)
    if not before:
        return None
    scale = scale_of(before[-1].value)
    return scale if max(f.value for f in figures if not f.scaled) * scale <= before[-1].value * 5 else None


def _whole(amounts: Sequence[Amount], part: Figure) -> float | None:
    before = [a for a in amounts if a.end <= part.start and a.value >= 1000]
    return float(before[-1].value) if before else None


def _part(tokens: Sequence[Token], amounts: Sequence[Amount], figures: Sequence[Figure]) -> Figure | None:
    """The part named after a whole ("девять миллионов, из них на аспирацию четыре", "в том числе на нас два")."""
    for f in figures[1:]:
        words = [t.text.lower() for t in tokens[max(0, f.start - _PART_REACH):f.start]]
        if any(words[k:k + 2] == list(pair) for pair in _PART_OF for k in range(len(words) - 1)):
            whole = _whole(amounts, f)
            value = f.value if f.scaled else f.value * scale_of(whole or 0)
            if whole is not None and 0 < value < whole:
                return f
    return None


def _restarts(tokens: Sequence[Token], first: Figure, second: Figure) -> bool:
    """The figure said again from its first words, in full: a scale word alone ("лям, ну, лям двести") or a bare
    number cut by a pause ("сто… сто десять тысяч", "двести… двести семьдесят")."""
    between = tokens[first.end:second.start]
    gap = {t.text.lower() for t in between if t.is_word and not hesitation(t)}
    said = [t.lemma for t in tokens[first.start:first.end]]
    again = [t.lemma for t in tokens[second.start:second.start + len(said)]] == said and second.end - second.start > len(said)
    if not first.scaled:
        return again and gap <= _FILLERS and any(t.text == "…" for t in between)
    return (first.end - first.start == 1 and second.value > first.value and bool(gap) and gap <= _FILLERS
            and tokens[first.start].lemma == tokens[second.start].lemma and second.end - second.start > 1)


def _settles(tokens: Sequence[Token], figures: Sequence[Figure], low: float, magnitude: int) -> bool:
    """A later figure restates the lower end as the limit ("…Но сотка — это потолок")."""
    for f in figures[2:]:
        value = f.value if f.scaled else f.value * magnitude
        if value == low and any(t.lemma in LIMIT_NOUNS for t in tokens[f.end:f.end + 4]):
            return True
    return False


def said_period(tokens: Sequence[Token]) -> str | None:
    """The period of a turn that names no figure ("В месяц, конечно."), for the figure said just before."""
    if budget_value(tokens) is not None:
        return None
    return reply_period(tokens, (0, 0))
