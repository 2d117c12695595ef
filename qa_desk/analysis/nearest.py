"""The closest word form by rapidfuzz ratio, as ``process.extractOne(word, choices, scorer=fuzz.ratio,
score_cutoff=cutoff)`` finds it (the first of the best), only faster: the fuzzy repair asks it for every
unknown word of a call, over ~13 000 forms, and most words find nothing.

Two things make it faster and change no result:

* a form whose length is too far from the word's cannot reach the cutoff (the ratio is
  ``200 * LCS / (len(a) + len(b))`` and the LCS is at most the shorter length), so forms are grouped
  by length and only the groups that can reach it are compared (each group keeps the forms' order, and
  a tie between groups goes to the form first in the whole list, as in one scan);
* the forms and the word are compared as single-byte text (cp1251, one byte for each letter, the same
  letters equal and unequal), which rapidfuzz compares about twice as fast as str (when a form or the
  word is outside cp1251, the plain scan over str runs instead).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby

_ENCODING = "cp1251"
_SLACK = 1.0  # a group is skipped only when its best possible ratio is this far under the bar (float safety)


class Nearest:
    """``choices`` grouped by length for :meth:`find`."""

    def __init__(self, choices: Sequence[str]) -> None:
        self._choices = list(choices)
        self._groups: dict[int, tuple[list[bytes], list[int]]] = {}
        try:
            encoded = "\n".join(self._choices).encode(_ENCODING).split(b"\n")
        except UnicodeEncodeError:
            return  # compared as str, in one scan
        if len(encoded) != len(self._choices) or not self._choices:
            return
        lengths = list(map(len, encoded))
        order = sorted(range(len(encoded)), key=lengths.__getitem__)  # stable: each group keeps the forms' order
        for length, members in groupby(order, key=lengths.__getitem__):
            indices = list(members)
            self._groups[length] = (list(map(encoded.__getitem__, indices)), indices)

    def find(self, word: str, cutoff: float) -> tuple[str, float, int] | None:
        """(form, ratio, index in ``choices``) of the first form with the highest ratio >= ``cutoff``, or None."""
        # imported on the first search: a cold start whose repairs are all in the word store skips it
        from rapidfuzz import fuzz, process

        try:
            query = word.encode(_ENCODING) if self._groups else None
        except UnicodeEncodeError:
            query = None
        if query is None:
            hit = process.extractOne(word, self._choices, scorer=fuzz.ratio, score_cutoff=cutoff)
            return None if hit is None else (hit[0], hit[1], hit[2])
        size = len(query)
        reachable = []
        for length in self._groups:
            bound = 200.0 * min(size, length) / (size + length)
            if bound + _SLACK >= cutoff:
                reachable.append((-bound, length))
        reachable.sort()
        best: tuple[float, int] | None = None  # (ratio, index in choices)
        for neg_bound, length in reachable:
            if best is not None and -neg_bound + _SLACK < best[0]:
                break  # the rest cannot even tie
            keys, indices = self._groups[length]
            hit_bytes = process.extractOne(query, keys, scorer=fuzz.ratio, score_cutoff=cutoff)
            if hit_bytes is None:
                continue
            found = (hit_bytes[1], indices[hit_bytes[2]])
            if best is None or found[0] > best[0] or found[0] == best[0] and found[1] < best[1]:
                best = found
        if best is None:
            return None
        return self._choices[best[1]], best[0], best[1]
