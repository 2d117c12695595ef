"""A range's first number counts what its second counts: in «четырнадцать-пятнадцать контейнеров», «пятнадцать
или двадцать коров», «12-15 машин» the noun after the second number is governed by both ends, so the first bare
number is no money either (it used to borrow a thousand: 14 000 ₽). A range goes up; only a dash, «или» or
nothing joins it (or «от … до …») (a comma may start another clause: «пятьдесят, двадцать человек у нас»)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from qa_desk.analysis.lexicon import Token

_JOINS = frozenset({"-", "—", "–", "или"})


def counted_head(tokens: Sequence[Token], value: float, span: tuple[int, int], counted_at: Mapping[int, float]) -> bool:
    """Whether a bare number (``value`` over ``span``) opens a range whose other end counts things (``counted_at``:
    the start of each counted number and its value)."""
    start, end = span
    if end < len(tokens) and (tokens[end].text.lower() in _JOINS or tokens[end].text.lower() == "до" and start > 0
                              and tokens[start - 1].text.lower() == "от"):  # "от десяти до двенадцати заказов"
        end += 1  # "12-15 машин"; the word ranges lose their hyphen in the tokens ("десять двенадцать заказов")
    other = counted_at.get(end)
    return other is not None and value < other
