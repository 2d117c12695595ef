"""Soft match of a sentence to a contract question, for questions with no topic of their own.

A contract set gives a title and one to three phrasings per question ("сколько единиц техники в
вашем автопарке"); the manager asks in his own words ("какой у вас парк по численности", "а вы в этом
году вообще что-то менять собираетесь по станкам?"). Two words match fully when they share a lemma or
family, or one ends with the other ("автопарк" / "парк", "спецтехника" / "техника"); nearly when they
share a long stem ("касса" / "кассовый", "лицензия" / "лицензировать"); and partly by the cosine of
their lemma vectors (below ``_FLOOR``: not at all).

A question and a sentence match by the harmonic mean of two shares: how much of the question's best
phrasing (or title) the sentence covers, its specific question word ("сколько", "кто", "когда")
counting as one of the words, and how much of the sentence the question's words (all phrasings and
the title together) explain. The manager's wrapping words ("вообще", "сейчас", "есть") are left out
of the sentence first. At least one word must match strongly (``ANCHOR``): vectors alone never do.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from qa_desk.analysis.cognates import COGNATE, related
from qa_desk.analysis.families import thesaurus
from qa_desk.analysis.vectors import Vectors, vectors

_FLOOR = 0.45
_COMPOUND = 4  # letters both words need for "one ends with the other"
_STEM = 4  # letters a shared stem needs at least...
_STEM_SHARE = 0.6  # ...and this share of the shorter word
_STEM_MATCH = 0.85
ANCHOR = 0.7

Word = frozenset[str]  # a word's lemmas (and their families)
# a slot of a set question (set_content.py) -> (its words that match fully, its modifiers)
_SLOTS: dict[Word, tuple[tuple[Word, ...], tuple[Word, ...]]] = {}
_SLOT_MARK = "#"
# a set word with its everyday words (set_everyday.py) -> (the word, the everyday lemmas)
_DERIVED: dict[Word, tuple[Word, frozenset[str]]] = {}
_DERIVED_MARK = "~"
DERIVED = 0.75  # a sentence word that is one of a set word's everyday words


def slot(heads: Sequence[Word], modifiers: Sequence[Word] = ()) -> Word:
    """One word standing for several ("участок либо кровля", "медицинская организация"): it matches as the best
    of its heads; a modifier alone matches as a share of the slot's words ("рекламный" of "рекламный бюджет")."""
    parts = (*heads, *modifiers)
    word = frozenset().union(*parts) | {_SLOT_MARK + "+".join(sorted(min(p) for p in parts))}
    _SLOTS[word] = (tuple(heads), tuple(modifiers))
    return word


def slot_parts(word: Word) -> tuple[tuple[Word, ...], tuple[Word, ...]] | None:
    """A slot's (heads, modifiers); None for a word that is no slot."""
    return _SLOTS.get(word)


def derived_word(word: Word, everyday: frozenset[str]) -> Word:
    """``word`` carrying its everyday words (set_everyday.py): it matches a sentence word among them as ``DERIVED``."""
    out = word | {_DERIVED_MARK + "+".join(sorted(everyday))}
    _DERIVED[out] = (word, everyday)
    return out


def parts_of(word: Word) -> tuple[Word, ...]:
    """A slot's heads and modifiers, a word carrying everyday words as itself, else the word."""
    if word in _DERIVED:
        return parts_of(_DERIVED[word][0])
    parts = _SLOTS.get(word)
    return (*parts[0], *parts[1]) if parts is not None else (word,)


def _common_prefix(x: str, y: str) -> int:
    n = 0
    for a, b in zip(x, y, strict=False):
        if a != b:
            break
        n += 1
    return n


def word_similarity(a: Word, b: Word, table: Vectors) -> float:
    """0..1: how near a question's word ``a`` is to a sentence's word ``b`` (cached for the package's table: a
    sentence is scored against every question several times)."""
    return _cached(a, b) if table is vectors() else _similarity(a, b, table)


@lru_cache(maxsize=1 << 16)
def _cached(a: Word, b: Word) -> float:
    return _similarity(a, b, vectors())


def _similarity(a: Word, b: Word, table: Vectors) -> float:
    derived = _DERIVED.get(a)
    if derived is not None:
        base = word_similarity(derived[0], b, table)
        return DERIVED if base < DERIVED and not derived[1].isdisjoint(b) else base
    parts = _SLOTS.get(a)
    if parts is not None:
        heads, modifiers = parts
        best = max(word_similarity(p, b, table) for p in heads)
        share = 1 / (len(heads) + len(modifiers))
        return max(best, *(share * word_similarity(m, b, table) for m in modifiers)) if modifiers else best
    if not a.isdisjoint(b):
        return 1.0
    synonyms = thesaurus()
    if any(x in synonyms and not synonyms[x].isdisjoint(b) for x in a):
        return 1.0
    if any(len(x) >= _COMPOUND and len(y) >= _COMPOUND and (x.endswith(y) or y.endswith(x)) for x in a for y in b):
        return 1.0
    if any((n := _common_prefix(x, y)) >= _STEM and n >= _STEM_SHARE * min(len(x), len(y)) for x in a for y in b):
        return _STEM_MATCH
    ra, rb = table.row(sorted(a)), table.row(sorted(b))
    if ra is None or rb is None:
        return 0.0
    cos = table.cosine(ra, rb)
    if cos < COGNATE and related(a, b, table):  # cognates.py: the title's noun said as a verb ("сбор" / "собирать")
        return COGNATE
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


def question_match(
    phrasings: Sequence[Sequence[Word]],
    qwords: frozenset[str],
    sentence: Sequence[Word],
    sentence_qwords: frozenset[str],
    table: Vectors | None = None,
) -> float:
    """0..1: how well a contract question (its phrasings and title, with their specific question
    words ``qwords``) and a sentence's content words (less the wrapping words) match."""
    phrasings = [p for p in phrasings if p]
    if not phrasings or not sentence:
        return 0.0
    table = table or vectors()
    union = [w for p in phrasings for w in p]
    sims = [[word_similarity(p, s, table) for s in sentence] for p in union]
    if max(max(row) for row in sims) < ANCHOR:
        return 0.0
    explained = sum(max(col) for col in zip(*sims, strict=True)) / len(sentence)
    asked_word = 1.0 if qwords and not qwords.isdisjoint(sentence_qwords) else 0.0
    best, row = 0.0, 0
    for p in phrasings:
        covered = (sum(max(r) for r in sims[row:row + len(p)]) + asked_word) / (len(p) + (1 if qwords else 0))
        row += len(p)
        if covered + explained:
            best = max(best, 2 * covered * explained / (covered + explained))
    return best
