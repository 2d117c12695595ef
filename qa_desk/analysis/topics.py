"""Topic of a manager's question (budget, authority, need, timing or none) by a linear classifier.

Features of a sentence (``featurize``): the mean lemma vector of its content words (navec, see
vectors.py), indicators of a few function words that carry a question's intent ("кто", "когда",
"сколько", "вы", "сейчас"…), and hashed lemma unigrams. The model (data/topics.npz, trained by
scripts/train_topics.py on tuning material only) is a multinomial logistic regression; the file
also holds the feature settings, so training and use cannot drift apart.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from qa_desk.analysis.lexicon import Token
from qa_desk.analysis.vectors import Vectors, vectors

NONE = "none"


@dataclass(frozen=True, slots=True)
class FeatureSpec:
    markers: tuple[str, ...]  # lemmas with an indicator feature each
    hashed: int  # buckets of hashed lemma unigrams (0: none)

    def size(self, dim: int) -> int:
        return dim + len(self.markers) + 2 + self.hashed


def _bucket(lemma: str, buckets: int) -> int:
    return zlib.crc32(lemma.encode("utf-8")) % buckets


def featurize(tokens: Sequence[Token], spec: FeatureSpec, table: Vectors | None = None) -> np.ndarray:
    """The feature vector of one sentence."""
    table = table or vectors()
    markers = {m: i for i, m in enumerate(spec.markers)}
    out = np.zeros(spec.size(table.dim), dtype=np.float32)
    rows = []
    base = table.dim
    for t in tokens:
        if not t.is_word:
            continue
        mark = markers.get(t.lemma)
        if mark is None:
            mark = next((markers[x] for x in t.lemmas if x in markers), None)
        if mark is not None:
            out[base + mark] = 1.0
            continue
        if spec.hashed:
            out[base + len(spec.markers) + 2 + _bucket(t.lemma, spec.hashed)] = 1.0
        if t.is_content:
            row = table.row((t.lemma, *sorted(t.lemmas)))
            if row is not None:
                rows.append(row)
    if rows:
        mean = table.table[rows].mean(axis=0)
        out[:base] = mean / (np.linalg.norm(mean) + 1e-6)
    out[base + len(spec.markers)] = 1.0 if any(t.text == "?" for t in tokens) else 0.0
    out[base + len(spec.markers) + 1] = 1.0 if not rows else 0.0
    return out


@dataclass(frozen=True, slots=True, eq=False)  # hashed by identity (a cache key)
class TopicModel:
    classes: tuple[str, ...]
    spec: FeatureSpec
    weights: np.ndarray  # features x classes
    bias: np.ndarray  # classes

    def probabilities(self, tokens: Sequence[Token]) -> dict[str, float]:
        x = featurize(tokens, self.spec)
        z = x @ self.weights + self.bias
        z = np.exp(z - z.max())
        p = z / z.sum()
        return {c: float(p[i]) for i, c in enumerate(self.classes)}

    def save(self, path: Path) -> None:
        np.savez(path, classes=np.array(self.classes), markers=np.array(self.spec.markers),
                 hashed=np.array(self.spec.hashed), weights=self.weights.astype(np.float32),
                 bias=self.bias.astype(np.float32))


def load_model(path: Path | None = None) -> TopicModel:
    """The model at ``path``, or the package's."""
    source = path if path is not None else resources.files("qa_desk.analysis").joinpath("data/topics.npz")
    with source.open("rb") as f:
        data = np.load(f)
        spec = FeatureSpec(tuple(str(m) for m in data["markers"]), int(data["hashed"]))
        return TopicModel(tuple(str(c) for c in data["classes"]), spec, data["weights"], data["bias"])


@lru_cache(maxsize=1)
def topic_model() -> TopicModel:
    return load_model()
