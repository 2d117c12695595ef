"""Amount forms read over a reply's figures (amounts.py uses them): a lower and an upper limit that make a range
("не меньше трёхсот и не больше четырёхсот пятидесяти"), a scale word said after the figures ("…шестьсот. Тысяч,
разумеется"), a total over parts ("…, итого миллион триста"), the scale a bare figure takes from the manager's figure
("в районе миллиона?" — "Семьсот-восемьсот"), hesitations that are no words ("до… м-м… ста тридцати")."""

from __future__ import annotations

import math
from collections.abc import Sequence

from qa_desk.analysis.figure_finding import Figure
from qa_desk.analysis.lexicon import Token
from qa_desk.analysis.money import find_amounts, is_number_word, scale_word


def scale_of(value: float) -> int:
    for scale in (1_000_000_000, 1_000_000, 1_000):
        if value >= scale:
            return scale
    return 1


_HESITATIONS = frozenset({"э", "э-э", "э-э-э", "ээ", "эээ", "м", "м-м", "м-м-м", "мм", "ммм", "эм", "хм", "а-а"})
# a lower and an upper limit, each said with its figure: "не меньше трёхсот и не больше четырёхсот пятидесяти",
# "минимум — четыреста. Максимум — шестьсот"
_LOWER = frozenset({"минимум", "минимально"})
_UPPER_LIMIT = frozenset({"максимум", "максимально", "потолок", "предел"})
_LESS = frozenset({"меньше", "менее", "ниже", "дешевле"})
_MORE = frozenset({"больше", "более", "выше", "дороже"})
BOUND_GAP = 8
# a total over the parts said before it: "миллион, плюс триста резерва, итого миллион триста"
_TOTALS = (("итого",), ("всего",), ("в", "сумме"), ("в", "общей"), ("в", "итоге"), ("общая",), ("то", "есть"), ("вместе",))
_TOTAL_REACH = 4  # "вместе с Настей около пятидесяти"


def hesitation(t: Token) -> bool:
    """A sound of hesitation ("э-э", "м-м", "эм"): no word of the figure's sentence."""
    return t.pos == "INTJ" and t.text.lower() in _HESITATIONS


def question_scale(question: Sequence[Token], figures: Sequence[Figure]) -> int | None:
    """The scale a bare figure takes from the manager's figure: the one that puts it nearest to it ("Вы где-то в
    районе миллиона?" — "Меньше. Семьсот-восемьсот": thousands; "Миллион потянете?" — "Полтора": millions)."""
    amounts = find_amounts(question)
    if not amounts:
        return None
    asked = float(amounts[-1].value)
    bare = [f.value for f in figures if not f.scaled and f.value > 0]
    if not bare:
        return scale_of(asked)
    return min((1_000, 1_000_000, 1_000_000_000), key=lambda s: abs(math.log(max(bare) * s / asked)))


def trailing_scale(tokens: Sequence[Token], figures: Sequence[Figure]) -> int | None:
    """A scale word said on its own after the bare figures ("Минимум — четыреста. Максимум — шестьсот. Тысяч,
    разумеется", "Сорок пять. В тысячах")."""
    bare = [f for f in figures if not f.scaled]
    if not bare:
        return None
    taken = {k for a in find_amounts(tokens) for k in range(a.start, a.end)}
    for k in range(bare[-1].end, len(tokens)):
        t = tokens[k]
        scale = scale_word(t.lemma) or scale_word(t.text.lower())
        if scale and t.is_word and k not in taken and not (k + 1 < len(tokens) and is_number_word(tokens[k + 1])):
            return scale
    return None


def bound(tokens: Sequence[Token], f: Figure) -> str | None:
    """"low" or "high": the figure said as a lower or an upper limit ("не меньше трёхсот", "как минимум",
    "максимум — шестьсот", "триста минимум"), within its sentence."""
    before: list[str] = []
    for t in reversed(tokens[:f.start]):
        if t.text in (".", "!", "?") or len(before) == 3:
            break
        if t.is_word and not hesitation(t):
            before.insert(0, t.text.lower())
    after = next((t.text.lower() for t in tokens[f.end:f.end + 2] if t.is_word), "")
    pairs = list(zip(before, before[1:], strict=False))
    if any(a == "не" and b in _LESS for a, b in pairs) or not _LOWER.isdisjoint(before) or after in _LOWER:
        return "low"
    if any(a == "не" and b in _MORE for a, b in pairs) or not _UPPER_LIMIT.isdisjoint(before) or after in _UPPER_LIMIT:
        return "high"
    return None


def total_of(tokens: Sequence[Token], figures: Sequence[Figure], magnitude: int) -> Figure | None:
    """A figure said as the total of the ones before it ("миллион, плюс триста тысяч резерва, итого миллион
    триста"; "восемьсот на оборудование, плюс сто на монтаж, в сумме девятьсот"): above each of them."""
    def worth(f: Figure) -> float:
        return f.value if f.scaled else f.value * magnitude
    for k in range(1, len(figures)):
        f = figures[k]
        words = [t.text.lower() for t in tokens[max(0, f.start - _TOTAL_REACH):f.start] if t.is_word and not hesitation(t)]
        after = [t.text.lower() for t in tokens[f.end:f.end + 2]]
        if (any(tuple(words[j:j + len(mark)]) == mark for mark in _TOTALS for j in range(len(words)))
                or after == ["и", "есть"]) and all(  # "Вот двести и есть": the figure named the whole
                worth(f) > worth(g) for g in figures[:k]):
            return f
    return None
