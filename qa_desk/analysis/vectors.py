"""Lemma vectors (data/vectors.bin, built by scripts/build_vectors.py from navec): unit int8 rows.

Pure Python (no numpy at run time, so a fresh process pays no numpy import): the file is read once,
lazily, as bytes (a few milliseconds); a lemma is found by bisection in the sorted word list and its
row read as signed bytes. A word is looked up by its pymorphy3 lemmas, so every inflected form and a
misspelling repaired to a known lemma share the lemma's vector.

File layout: b"QAV1", word count and dimension (little-endian uint32), the byte length of the words,
the words (UTF-8, sorted, joined by newlines), then count x dimension signed bytes (unit rows x 127).
"""

from __future__ import annotations

import math
import struct
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from functools import lru_cache
from operator import mul

from qa_desk.analysis import data_files

MAGIC = b"QAV1"
_HEADER = struct.Struct("<4sIII")


class Vectors:
    """lemma -> unit vector (a list of floats), with the mean of several."""

    def __init__(self, words: list[str], table: bytes, dim: int) -> None:
        self.words = words
        self.table = memoryview(table).cast("b")
        self.dim = dim
        self._norms: dict[int, int] = {}

    def row(self, lemmas: Iterable[str]) -> int | None:
        """Row of the first of ``lemmas`` the table knows."""
        for lemma in lemmas:
            i = bisect_left(self.words, lemma)
            if i < len(self.words) and self.words[i] == lemma:
                return i
        return None

    def mean(self, rows: Sequence[int]) -> list[float]:
        """The unit-length mean of ``rows`` (zeros for none)."""
        total = [0] * self.dim
        for r in rows:
            for k, x in enumerate(self.table[r * self.dim:(r + 1) * self.dim]):
                total[k] += x
        norm = math.sqrt(sum(x * x for x in total))
        return [x / norm for x in total] if norm else [0.0] * self.dim

    def cosine(self, a: int, b: int) -> float:
        va = self.table[a * self.dim:(a + 1) * self.dim]
        vb = self.table[b * self.dim:(b + 1) * self.dim]
        return sum(map(mul, va, vb)) / (math.sqrt(self.norm2(a) * self.norm2(b)) or 1.0)

    def norm2(self, r: int) -> int:
        """The squared length of row ``r`` (int8 units, worked out once per row)."""
        n = self._norms.get(r)
        if n is None:
            v = self.table[r * self.dim:(r + 1) * self.dim]
            n = self._norms[r] = sum(map(mul, v, v))
        return n


def encode(words: list[str], rows: bytes, dim: int) -> bytes:
    """The file bytes for sorted ``words`` and their int8 ``rows``."""
    blob = "\n".join(words).encode("utf-8")
    return _HEADER.pack(MAGIC, len(words), dim, len(blob)) + blob + rows


def decode(data: bytes) -> Vectors:
    magic, count, dim, size = _HEADER.unpack_from(data)
    if magic != MAGIC:
        raise ValueError("not a QA Desk vector table")
    start = _HEADER.size
    words = data[start:start + size].decode("utf-8").split("\n")
    if len(words) != count:
        raise ValueError("vector table: word count mismatch")
    return Vectors(words, data[start + size:start + size + count * dim], dim)


@lru_cache(maxsize=1)
def vectors() -> Vectors:
    """The package's lemma vector table."""
    return decode((data_files.ANALYSIS / "data/vectors.bin").read_bytes())


@lru_cache(maxsize=16384)
def lemma_row(lemma: str) -> int | None:
    """The shipped table's row of one lemma, cached: the learned readers (learned_ask, reply_kind) ask for the same
    lemmas again and again."""
    return vectors().row((lemma,))


@lru_cache(maxsize=65536)
def row_cosine(a: int, b: int) -> float:
    """``vectors().cosine`` of two rows, cached."""
    return vectors().cosine(a, b)
