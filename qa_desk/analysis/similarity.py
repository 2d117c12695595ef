"""Soft match of a sentence to a contract question's phrasings, for questions with no topic of their own.

A contract set gives one to three phrasings per question ("сколько единиц техники в вашем
автопарке"); the manager asks in his own words ("какой у вас парк по численности"). Two words match
fully when they share a lemma or family, or one ends with the other ("автопарк" / "парк",
"спецтехника" / "техника"), and partly by the cosine of their lemma vectors (below ``_FLOOR``: not at
all). A phrasing and a sentence match by the harmonic mean of how much of each the other covers.
"""

from __future__ import annotations

from collections.abc import Sequence

from qa_desk.analysis.vectors import Vectors, vectors

_FLOOR = 0.45
_COMPOUND = 4  # letters both words need for "one ends with the other"

Word = frozenset[str]  # a word's lemmas (and their families)


def word_similarity(a: Word, b: Word, table: Vectors) -> float:
    if not a.isdisjoint(b):
        return 1.0
    if any(len(x) >= _COMPOUND and len(y) >= _COMPOUND and (x.endswith(y) or y.endswith(x)) for x in a for y in b):
        return 1.0
    ra, rb = table.row(sorted(a)), table.row(sorted(b))
    if ra is None or rb is None:
        return 0.0
    cos = table.cosine(ra, rb)
    return cos if cos >= _FLOOR else 0.0


def soft_match(phrasing: Sequence[Word], sentence: Sequence[Word], table: Vectors | None = None) -> float:
    """0..1: how well a phrasing's content words and a sentence's content words cover each other."""
    if not phrasing or not sentence:
        return 0.0
    table = table or vectors()
    sims = [[word_similarity(p, s, table) for s in sentence] for p in phrasing]
    covered = sum(max(row) for row in sims) / len(phrasing)
    explained = sum(max(col) for col in zip(*sims, strict=True)) / len(sentence)
    return 2 * covered * explained / (covered + explained) if covered + explained else 0.0
