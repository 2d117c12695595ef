"""Topic of a manager's question (budget, authority, need, timing or none) by a linear classifier.

Features of a sentence (``featurize``, sparse): the mean lemma vector of its content words (navec,
see vectors.py), indicators of a few function words that carry a question's intent ("кто", "когда",
"сколько", "вы", "сейчас"…), whether it has a "?" or no known content word, hashed lemma unigrams
and (``FeatureSpec.unknown``) whether its content words are all unknown to the vectors (a brand, an
acronym, a name: «Какая у вас сейчас CRM?» is read from its function words alone, and such a question
is rarely a topic). The model (data/topics.json, trained by scripts/train_topics.py on every burned
v7 set but H11, see docs/NOTES.md) is a multinomial logistic regression; the file also holds the
feature settings, so training and use cannot drift apart. Pure Python: a sentence costs a few hundred multiplications.
"""

from __future__ import annotations

import json
import math
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from qa_desk.analysis import data_files
from qa_desk.analysis.lexicon import Token
from qa_desk.analysis.vectors import Vectors, vectors

NONE = "none"
_CHAR_WEIGHT = 0.3  # a trigram's weight (a word has several)


@dataclass(frozen=True, slots=True)
class FeatureSpec:
    markers: tuple[str, ...]  # lemmas with an indicator feature each ("a/b": one feature for both)
    hashed: int  # buckets of hashed lemma unigrams (0: none)
    chars: int = 0  # buckets of hashed letter trigrams of the words as written (0: none)
    unknown: bool = False  # the last feature: content words, none of them known to the vectors

    def size(self, dim: int) -> int:
        return dim + len(self.markers) + 2 + self.hashed + self.chars + int(self.unknown)


def _bucket(lemma: str, buckets: int) -> int:
    return zlib.crc32(lemma.encode("utf-8")) % buckets


@lru_cache(maxsize=8)
def _marker_index(markers: tuple[str, ...]) -> dict[str, int]:
    """Lemma -> marker index; a marker "почему/отчего" is one feature for words of the same sense."""
    return {lemma: i for i, m in enumerate(markers) for lemma in m.split("/")}


def featurize(tokens: Sequence[Token], spec: FeatureSpec, table: Vectors | None = None) -> dict[int, float]:
    """The sparse feature vector of one sentence: {feature index: value}."""
    table = table or vectors()
    markers = _marker_index(spec.markers)
    base = table.dim
    out: dict[int, float] = {}
    rows = []
    unknown = False
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
        if spec.chars:
            # "по строкам" for "по срокам": a misheard word still shares most of its letter trigrams
            start = base + len(spec.markers) + 2 + spec.hashed
            word = f"<{t.text.lower()}>"
            for k in range(len(word) - 2):
                index = start + _bucket(word[k:k + 3], spec.chars)
                out[index] = out.get(index, 0.0) + _CHAR_WEIGHT
        if t.is_content:
            row = table.row((t.lemma, *sorted(t.lemmas)))
            if row is not None:
                rows.append(row)
            else:
                unknown = True
    if rows:
        out.update(enumerate(table.mean(rows)))
    else:
        out[base + len(spec.markers) + 1] = 1.0
        if unknown and spec.unknown:
            out[spec.size(base) - 1] = 1.0
    if any(t.text == "?" for t in tokens):
        out[base + len(spec.markers)] = 1.0
    return out


@dataclass(frozen=True, slots=True, eq=False)  # hashed by identity (a cache key)
class TopicModel:
    classes: tuple[str, ...]
    spec: FeatureSpec
    weights: tuple[tuple[float, ...], ...]  # per feature, one weight per class
    bias: tuple[float, ...]

    def probabilities(self, tokens: Sequence[Token]) -> dict[str, float]:
        z = list(self.bias)
        weights, classes = self.weights, range(len(z))
        for index, value in featurize(tokens, self.spec).items():
            row = weights[index]
            for k in classes:
                z[k] += row[k] * value
        top = max(z)
        e = [math.exp(x - top) for x in z]
        total = sum(e)
        return {c: e[k] / total for k, c in enumerate(self.classes)}

    def to_json(self) -> str:
        return json.dumps({"classes": self.classes, "markers": self.spec.markers, "hashed": self.spec.hashed,
                           "chars": self.spec.chars, "unknown": int(self.spec.unknown),
                           "bias": [round(b, 5) for b in self.bias],
                           "weights": [[round(w, 5) for w in row] for row in self.weights]},
                          ensure_ascii=False, separators=(",", ":"))


def parse_model(text: str) -> TopicModel:
    data = json.loads(text)
    spec = FeatureSpec(tuple(data["markers"]), int(data["hashed"]), int(data.get("chars", 0)),
                       bool(data.get("unknown", 0)))
    return TopicModel(tuple(data["classes"]), spec, tuple(tuple(row) for row in data["weights"]), tuple(data["bias"]))


def load_model(path: Path | None = None) -> TopicModel:
    """The model at ``path``, or the package's."""
    source = path if path is not None else data_files.ANALYSIS / "data/topics.json"
    return parse_model(source.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def topic_model() -> TopicModel:
    return load_model()
