"""Spoken ranges of a client's budget kept as ranges (round 18, eng18f).

- ``scope``: the words that say what a figure covers ("на всех", "на всё", "за всё") stand between the two ends
  of a range as a period does ("тысяч триста в год на всех. Ну триста пятьдесят, если прям хорошее").
- ``restated_range``: a range said in full ("от ста восьмидесяти до двухсот") after other figures whose upper end
  was said before it settles the reply ("…сто семьдесят пять в месяц. … до двухсот готов. Ну от ста восьмидесяти
  до двухсот, вот так скажем"), or one put as what the rest comes to ("…за десять… столько же, не больше. Ну, то
  есть от восьми до десяти миллионов").
"""

from __future__ import annotations

from collections.abc import Sequence

from qa_desk.analysis.figure_finding import ALL_OF, Figure
from qa_desk.analysis.lexicon import Token

_SCOPE_PREPS = frozenset({"на", "за"})
_ALL = ALL_OF | {"всё", "все", "весь", "всю"}


def scope(tokens: Sequence[Token], k: int) -> int:
    """The length of a scope phrase at ``tokens[k]`` ("на всех", "за всё"), 0 if none."""
    if k + 1 < len(tokens) and tokens[k].text.lower() in _SCOPE_PREPS and tokens[k + 1].text.lower() in _ALL:
        return 2
    return 0


def restated_range(tokens: Sequence[Token], figures: Sequence[Figure], magnitude: int) -> list[Figure] | None:
    """The last two figures when they are an «от … до …» range said after others and its upper end repeats a
    figure said before it, or «то есть» opens it."""
    if len(figures) < 3:
        return None
    low, high = figures[-2], figures[-1]
    if not low.start or tokens[low.start - 1].text.lower() != "от" or [
            t.text.lower() for t in tokens[low.end:high.start] if t.is_word] != ["до"]:
        return None

    def worth(f: Figure) -> float:
        return f.value if f.scaled else f.value * magnitude

    lead = [t.text.lower() for t in tokens[max(0, low.start - 4):low.start - 1] if t.is_word]
    restating = any(lead[k:k + 2] == ["то", "есть"] for k in range(len(lead)))  # "Ну, то есть от восьми до десяти"
    return [low, high] if restating or any(worth(f) == worth(high) for f in figures[:-2]) else None
