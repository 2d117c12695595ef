"""The grammar that ties a reply's figures to each other (amounts.py reads them with it): a sum said relative to
a figure before it ("платим восемьсот … на сотню больше"), a figure said again by anaphora ("ушло триста. В этом
закладываем столько же"), the specific over the general ("вообще два миллиона … конкретно на стеллажи триста"), a
figure of today or before set against a later one ("Сейчас пятнадцать в месяц … на новой тысяч двадцать пять"), an
upper end said in a later sentence ("Сто восемьдесят. Ну, до двухсот дотянем"), and a figure's period said with its
repeat ("Итого семьдесят. Вот в эти семьдесят в месяц"). Closed classes only: comparatives, scope adverbs, time
adverbs, the anaphoric "столько же"."""

from __future__ import annotations

from collections.abc import Sequence

from qa_desk.analysis.amount_period import period_near
from qa_desk.analysis.figure_finding import Figure
from qa_desk.analysis.figures import INTENT, clause_span
from qa_desk.analysis.language import PAST_MARKS, UPPER_BOUNDS
from qa_desk.analysis.lexicon import SENTENCE_ENDS, Token
from qa_desk.analysis.money import SCALE_STEPS, is_number_word, number_value

_MORE = frozenset({"больше", "дороже", "выше", "побольше", "подороже"})
_LESS = frozenset({"меньше", "дешевле", "ниже", "поменьше", "подешевле"})
_SPECIFIC = frozenset({"конкретно", "именно", "непосредственно", "собственно", "чисто"})  # "конкретно на мероприятие"
_EARLIER = frozenset({"сейчас", "щас", "нынешний", "текущий", "раньше", "прежде", "сегодня"}) | PAST_MARKS
# "столько же", "так же", "в эту же сумму", "те же"; and the correlative "(сколько …,) столько и": the figure said before
_SAME = frozenset({"столько", "так", "такой", "тот", "та", "то", "ту", "этот", "эта", "эту", "это"})
_NEGATIONS = frozenset({"не", "нет", "никак", "ни"})
_SCALES = tuple(s for s in SCALE_STEPS if s != 100_000)  # "сотка" names no magnitude of its own here
# the words that hedge a second figure at its sentence's start ("Ну, может, на тринадцать"): particles and modal words
_HEDGES = frozenset({"ну", "может", "наверное", "пожалуй", "возможно", "допустим", "максимум", "ладно", "быть"})
_HEDGE_GAP = 3
_CONDITION_GAP = 8  # words of a condition before its figure


def _worth(f: Figure, scale: float) -> float:
    return f.value if f.scaled else f.value * scale


def _scale(value: float) -> int:
    return next((s for s in _SCALES if value >= s), 1)


def _words(tokens: Sequence[Token], lo: int, hi: int) -> list[str]:
    return [t.text.lower() for t in tokens[max(0, lo):hi] if t.is_word]


def relative(tokens: Sequence[Token], figures: Sequence[Figure]) -> list[tuple[Figure, Figure, Figure]]:
    """Figures said as a difference from a figure before them ("на сотню больше", "тысяч на двадцать дешевле"):
    (the difference, the difference with the sum as its value, the figure it is counted from)."""
    out: list[tuple[Figure, Figure, Figure]] = []
    for k, f in enumerate(figures):
        if not k:
            continue
        before = tokens[f.start - 1].text.lower() if f.start else ""
        inside = any(t.text.lower() == "на" for t in tokens[f.start:f.end])  # "тысяч на двадцать"
        after = next((t.text.lower() for t in tokens[f.end:f.end + 2] if t.is_word), "")
        if not (before == "на" or inside) or after not in _MORE | _LESS:
            continue
        base = next((g for g in reversed(figures[:k]) if g.value), None)
        if base is None or not (base.scaled or f.scaled):
            continue
        whole = base.value if base.scaled else base.value * max(1_000, _scale(f.value))
        diff = _worth(f, _scale(whole))
        value = whole + diff if after in _MORE else whole - diff
        if 0 < value and diff < whole * 2:
            out.append((f, Figure(value, f.start, f.end, True, f.currency), base))
    return out


def percent_sums(tokens: Sequence[Token], figures: Sequence[Figure]) -> list[tuple[Figure, Figure]]:
    """A sum said as a share more or less than a figure of the reply, before it or after it ("платили шестьсот, в
    этом закладываем на десять процентов больше"; "на пятнадцать процентов меньше, чем в этом. А в этом было два
    миллиона"): (the sum at the share's place, the figure it is counted from)."""
    out: list[tuple[Figure, Figure]] = []
    for k, t in enumerate(tokens[:-3]):
        if t.text.lower() != "на":
            continue
        share, end = number_value(tokens, k + 1)
        if share is None or not 0 < share < 100 or end + 1 >= len(tokens) or tokens[end].lemma != "процент":
            continue
        after = tokens[end + 1].text.lower()
        if after not in _MORE | _LESS:
            continue
        bases = [g for g in figures if g.value and (g.scaled or g.value >= 1)]
        base = next((g for g in reversed(bases) if g.end <= k), None) or next((g for g in bases if g.start > end), None)
        if base is not None:
            rate = 1 + share / 100 if after in _MORE else 1 - share / 100
            whole = base.value if base.scaled else base.value * 1_000
            out.append((Figure(round(whole * rate), k + 1, end + 1, True, base.currency), base))
    return out


def same_again(tokens: Sequence[Token], figures: Sequence[Figure], kept: Sequence[Figure]) -> Figure | None:
    """The figure said before, named again by "столько же"/"так же" in a clause that states an intent ("ушло
    триста. В этом закладываем столько же"), after every figure kept: at the anaphora's place, with its value."""
    for k in range(len(tokens) - 1):
        if not anaphora(tokens, k):
            continue
        lo, hi = clause_span(tokens, k, k + 2)
        if all(t.lemmas.isdisjoint(INTENT) for t in tokens[lo:hi]):
            continue  # a manner or a likeness unless the clause plans money ("так же и сейчас закладываю")
        if any(g.start <= k + 4 and g.start > k and _words(tokens, g.start - 1, g.start) not in (["до"], ["может"])
               for g in kept):
            continue  # "столько же, сто двадцать в месяц": the figure said right after it
        before = [g for g in figures if g.end <= k and g.value]
        if before and before[-1] not in kept:  # not one the reply keeps already
            return Figure(before[-1].value, k, k + 2, before[-1].scaled, before[-1].currency)
    return None


def anaphora(tokens: Sequence[Token], k: int) -> bool:
    """``tokens[k]`` opens a word pair that names a figure said before: "столько же", "так же", "эту же (сумму)",
    "столько и" ("как на расходники — столько и на это")."""
    if k + 1 >= len(tokens) or tokens[k].text.lower() not in _SAME:
        return False
    nxt = tokens[k + 1].text.lower()
    return nxt in ("же", "ж") or nxt == "и" and tokens[k].text.lower() == "столько"


def specific(tokens: Sequence[Token], figures: Sequence[Figure]) -> list[Figure]:
    """From the figure whose sentence narrows the scope before it ("Конкретно на мероприятие … тысяч шестьсот")
    when a figure was said before it: the general one gives way."""
    for k, f in enumerate(figures):
        if not k:
            continue
        lo = next((j + 1 for j in range(f.start - 1, -1, -1) if tokens[j].text in SENTENCE_ENDS), 0)
        if not _SPECIFIC.isdisjoint(_words(tokens, max(lo, f.start - 8), f.start)):
            return list(figures[k:])
    return list(figures)


def superseded(tokens: Sequence[Token], figures: Sequence[Figure]) -> list[Figure]:
    """Less a figure said of today or before ("Сейчас пятнадцать в месяц", "Раньше было около шестидесяти") with no
    intent in its clause, when a later sentence names another figure with no such mark."""
    def earlier(f: Figure) -> bool:
        lo, hi = clause_span(tokens, f.start, f.end)
        clause = tokens[lo:hi]  # the time said before the figure, in its clause ("Сейчас пятнадцать", not "…, я сейчас смотрю")
        return any(not t.lemmas.isdisjoint(_EARLIER) or t.text.lower() in _EARLIER for t in tokens[lo:f.start]) and all(
            t.lemmas.isdisjoint(INTENT) for t in clause)

    def floor(f: Figure, later: Figure) -> bool:  # "Больше двухсот точно. Двести восемьдесят, кажется"
        return _words(tokens, f.start - 1, f.start) in (["больше"], ["более"], ["свыше"]) and _NEGATIONS.isdisjoint(
            _words(tokens, f.end, f.end + 3)) and f.scaled == later.scaled and later.value > f.value

    if len(figures) < 2:
        return list(figures)
    for k, f in enumerate(figures[1:], 1):
        if any(t.text in SENTENCE_ENDS for t in tokens[figures[0].end:f.start]) and (
                earlier(figures[0]) and not earlier(f) or floor(figures[0], f)):
            return list(figures[k:])
    return list(figures)


def with_lower(tokens: Sequence[Token], kept: Sequence[Figure], said: list[Figure]) -> list[Figure]:
    """The figure said right before an upper end put by "до" that states the intent ("Тысяч восемьдесят. Но …,
    поэтому до ста можем подтянуть"), which the intent alone would drop: the lower end of a range, kept."""
    if not said or said[0] not in kept:
        return said
    k = kept.index(said[0])
    if not k or kept[k - 1].start < (said[1].start if len(said) > 1 and said[1].start < said[0].start else 0):
        return said
    lead = _words(tokens, said[0].start - 1, said[0].start)
    if lead != ["до"] and not (lead in (["в"], ["на"]) and lead[0] in _preps(tokens, kept[k - 1])
                              and _hedged(tokens, said[0].start - 1)) and not capped_after(tokens, kept[k - 1], said[0]):
        return said  # "на двенадцать. Ну, может, на тринадцать"
    return [kept[k - 1], *said]


def capped_after(tokens: Sequence[Token], low: Figure, f: Figure) -> bool:
    """A hedged figure opening its sentence and put as the limit after it, above the figure said before and within
    twice it: "Двести тысяч в год. Ну двести пятьдесят — это уже потолок", "Восемьдесят в месяц. Ну, сто максимум"."""
    worth = _worth(low, 1)
    return (_hedged(tokens, f.start) or _conditioned(tokens, f.start)) and not UPPER_BOUNDS.isdisjoint(_words(tokens, f.end, f.end + 4)) and (
        worth < _worth(f, _scale(worth) if not f.scaled else 1) <= worth * 2)


def upper_later(tokens: Sequence[Token], first: Figure, figures: Sequence[Figure], scale: int) -> tuple[float, Figure] | None:
    """An upper end said after the figure, in a later clause or sentence, by "до" or a limit noun and not denied
    ("Сто восемьдесят. Ну, если прижмёт, то до двухсот дотянем", "…в месяц уложиться. Край тридцать",
    "триста пятьдесят в месяц, ну и говорил, что до четырёхсот можно"): its value when it lies above the figure,
    within twice it, and that figure."""
    low = _worth(first, scale)
    if _words(tokens, first.start - 1, first.start) in (["до"], ["от"]):
        return None
    for f in figures:
        if f.start <= first.end:
            continue
        lead = _words(tokens, f.start - 1, f.start)
        # the first figure's preposition said again after "ну": "если в двести уложимся — делаем. Ну, в триста, если …"
        # or after a hedge that opens its sentence: "Мы выходим на двенадцать. Ну, может, на тринадцать, если …"
        again = lead in (["в"], ["на"]) and lead[0] in _preps(tokens, first) and _hedged(tokens, f.start - 1)
        if lead not in (["до"], *([w] for w in UPPER_BOUNDS)) and not again:
            return None
        after = _words(tokens, f.end, f.end + 3)
        after = after[:next((j for j, w in enumerate(after) if w in _MORE), len(after))]  # "…, больше не дам": a cap
        if not _NEGATIONS.isdisjoint(_words(tokens, f.start - 3, f.start) + after):
            return None  # "до трёхсот не дотянем", "но не до четырёхсот"
        high = _worth(f, _scale(low) if not f.scaled else 1)
        return (high, f) if low < high <= low * 2 else None
    return None


def _hedged(tokens: Sequence[Token], k: int) -> bool:
    """The words of the sentence before ``tokens[k]`` are a hedge alone ("Ну, …", "Ну, может, …", "Наверное, …")."""
    lo = next((j + 1 for j in range(k - 1, -1, -1) if tokens[j].text in SENTENCE_ENDS), 0)
    words = _words(tokens, lo, k)
    return bool(words) and len(words) <= _HEDGE_GAP and set(words) <= _HEDGES or words[-1:] == ["ну"]


def _conditioned(tokens: Sequence[Token], k: int) -> bool:
    """The words of the sentence before ``tokens[k]`` are a condition and no figure ("Если машину продать, будет …",
    "А если кредит возьмём, то …"): the figure is what the condition would add up to."""
    lo = next((j + 1 for j in range(k - 1, -1, -1) if tokens[j].text in SENTENCE_ENDS), 0)
    words = _words(tokens, lo, k)
    return "если" in words[:2] and len(words) <= _CONDITION_GAP and not any(is_number_word(t) for t in tokens[lo:k])


def _preps(tokens: Sequence[Token], f: Figure) -> set[str]:
    """The preposition a figure is said with: before it ("на двенадцать") or inside it ("тысяч на четыреста")."""
    return {t.text.lower() for t in tokens[max(0, f.start - 1):f.end] if t.pos == "PREP"}


def repeat_period(tokens: Sequence[Token], figures: Sequence[Figure], chosen: Figure, scale: int) -> str | None:
    """The period said with another mention of the same figure ("Итого семьдесят. Вот в эти семьдесят в месяц я и
    готова"; "…сто двадцать тысяч в месяц. … Вот в эти сто двадцать и надо уложиться")."""
    value = _worth(chosen, scale)
    for f in figures:
        if f.start != chosen.start and _worth(f, scale) == value:
            period = period_near(tokens, f.start, f.end, 3)
            if period:
                return period
    return None


def put_to_listener(tokens: Sequence[Token], f: Figure) -> bool:
    """The figure is the subject of a clause whose predicate the listener did, in the past, before any other number
    in its sentence ("Триста за курс — это вы загнули", "Девятьсот за трактор — это вы хватили"): the seller's figure
    said back, not the client's (not "двести, как вы и говорили": a likening)."""
    for k in range(f.end, min(len(tokens) - 1, f.end + 8)):
        t = tokens[k]
        if t.text in SENTENCE_ENDS or k > f.end and t.lemma in ("тысяча", "миллион") or "NUMR" in t.tags:
            return False
        if t.text.lower() == "вы" and (k == 0 or tokens[k - 1].text.lower() not in ("как", "что")):
            nxt = tokens[k + 1]
            return nxt.pos == "VERB" and "past" in nxt.tags and "plur" in nxt.tags
    return False
