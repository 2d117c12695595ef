"""Frames of a guess put to the client that confirmed.py's classes miss (round 16): a generic remark («обычно так
пишут / бывает, когда…»), an attitude to imagining («мне даже страшно представить, …», «трудно подумать»), and a
trailing alternative of closed-class heads («…, или так, за компанию», «…, или были какие-то сложности», «…, или
нет»). Closed classes of the language only."""

from __future__ import annotations

from collections.abc import Sequence

_USUALLY = frozenset({"обычно", "часто", "нередко", "зачастую", "правило"})
_IMAGINE = frozenset({"представить", "подумать", "вообразить", "представлять"})
_UNDERSTOOD = frozenset({"понял", "поняла", "поняли", "понимаю", "понимаем"})
_BEFORE_UNDERSTOOD = frozenset({"я", "мы", "так", "и", "не", "как", "если", "правильно", "верно", "вот", "то"})
_ALTERNATIVE = frozenset({"так", "нет", "наоборот", "были", "был", "была", "было", "есть", "всё", "все", "как"})


def more_frame(low: Sequence[str]) -> tuple[int, int] | None:
    """The words [start, end) of a guess frame confirmed.py's classes miss: «обычно так пишут, когда», «мне даже
    страшно представить, (что)», «я так и не понял», «как я понял»."""
    for k, w in enumerate(low):
        if w in _UNDERSTOOD and k and low[k - 1] in _BEFORE_UNDERSTOOD and ("я" in low[max(0, k - 4):k] or "мы" in low[max(0, k - 4):k]):
            start = k  # «…, я так и не понял, свой или сторонний», «как я понял», «если я правильно понимаю»
            while start and low[start - 1] in _BEFORE_UNDERSTOOD:
                start -= 1
            return start, k + 1
        if w in _USUALLY:
            when = next((j for j in range(k + 1, min(len(low), k + 5)) if low[j] == "когда"), None)
            if when is not None:
                return k, when + 1
        if w in _IMAGINE and k:
            start = max(0, k - 3)
            if low[start] != "мне" and "мне" in low[start:k]:
                start = low.index("мне", start)
            return start, k + 1 + (k + 1 < len(low) and low[k + 1] == "что")
    return None


def alternative(low: Sequence[str]) -> int | None:
    """Where a trailing alternative of a closed-class head starts («или так, за компанию», «или были сложности»)."""
    return next((k for k in range(2, len(low) - 1) if low[k] == "или" and low[k + 1] in _ALTERNATIVE), None)
