"""Lemma vectors (data/vectors.npz, built by scripts/build_vectors.py from navec): unit int8 rows.

Loaded once, lazily (a few milliseconds). A word is looked up by its pymorphy3 lemmas, so every
inflected form and a misspelling repaired to a known lemma share the lemma's vector.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

import numpy as np


class Vectors:
    """lemma -> unit vector (float32), with cosine similarity."""

    def __init__(self, words: list[str], table: np.ndarray) -> None:
        self.index = {w: i for i, w in enumerate(words)}
        self.table = table.astype(np.float32) / 127.0
        self.dim = int(table.shape[1])

    def row(self, lemmas: Iterable[str]) -> int | None:
        """Row of the first of ``lemmas`` the table knows."""
        return next((i for lemma in lemmas if (i := self.index.get(lemma)) is not None), None)

    def get(self, lemmas: Iterable[str]) -> np.ndarray | None:
        row = self.row(lemmas)
        return None if row is None else self.table[row]


@lru_cache(maxsize=1)
def vectors() -> Vectors:
    """The package's lemma vector table."""
    with resources.files("qa_desk.analysis").joinpath("data/vectors.npz").open("rb") as f:
        data = np.load(f)
        words = bytes(data["words"]).decode("utf-8").split("\n")
        return Vectors(words, data["vectors"])
