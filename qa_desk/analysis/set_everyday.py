"""A contract question's everyday words, derived from the set itself through the vectors.

A set writes its questions in dry nouns ("населённый пункт открытия", "торговая площадь", "предпринимательская
деятельность", "потребление электроэнергии"); a caller names the same things with everyday nouns ("город",
"посёлок"; "помещение", "магазин"; "бизнес"; "электричество"). No list is written per set: each noun of a set
question, or adjective + noun as one phrase, takes as its everyday words the nouns nearest it in navec
(data/neighbours.bin, scripts/build_neighbours.py: common nouns only, ranked in the full 300 dimensions), ranked
again here against the phrase's own vector (the mean of its words'), and kept when near enough. A derived word
another question of the same set names, or is nearer to, goes: it tells the two apart, not this one from the
rest ("поставщик" and "потребитель" are neighbours; in a set that also asks the consumption only one keeps it).

A derived word matches a sentence's word as ``DERIVED`` (similarity.word_similarity): strong enough to anchor the
soft match, weaker than the set's own word. Built once per detector (per set) and cached by the phrase.
"""

from __future__ import annotations

import struct
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from qa_desk.analysis import data_files
from qa_desk.analysis.families import expand
from qa_desk.analysis.lexicon import Token, word_is_known
from qa_desk.analysis.similarity import Word, derived_word, parts_of
from qa_desk.analysis.vectors import Vectors, vectors

if TYPE_CHECKING:
    from qa_desk.analysis.contract import Bag

_HEADER = struct.Struct("<4sII")
_KEEP = 4  # everyday words per phrase at most...
_NEAR = 0.45  # ...each at least this near a noun (300-dimension cosine, data/neighbours.bin)...
_NEAR_PHRASE = 0.3  # ...or, on the mean of its words' cosines, an adjective + noun phrase


class Neighbours:
    """lemma -> the common nouns nearest it (rows of data/vectors.bin) with their cosines."""

    def __init__(self, data: bytes) -> None:
        magic, count, self.width = _HEADER.unpack_from(data)
        if magic != b"QAN1":
            raise ValueError("not a QA Desk neighbour table")
        self.size = 2 + 3 * self.width + 1
        self.data = memoryview(data)[_HEADER.size:_HEADER.size + count * self.size]
        self.keys = [self.data[k] | self.data[k + 1] << 8 for k in range(0, len(self.data), self.size)]

    def of(self, row: int) -> tuple[dict[int, float], bool]:
        """({neighbour row: cosine}, whether ``row`` is a noun)."""
        k = bisect_left(self.keys, row)
        if k == len(self.keys) or self.keys[k] != row:
            return {}, False
        start = k * self.size + 2
        rows = self.data[start:start + 2 * self.width].cast("H")
        cos = self.data[start + 2 * self.width:start + 3 * self.width]
        return {r: c / 255 for r, c in zip(rows, cos, strict=True)}, bool(self.data[start + 3 * self.width])


@lru_cache(maxsize=1)
def neighbours() -> Neighbours:
    return Neighbours((data_files.ANALYSIS / "data/neighbours.bin").read_bytes())


def _rows(word: Word, table: Vectors) -> list[int]:
    """The vector rows of a word's lemmas (a slot: of each of its parts)."""
    out = []
    for part in parts_of(word):
        row = table.row(sorted(x for x in part if x.isalpha()))
        if row is not None:
            out.append(row)
    return out


def _dot(table: Vectors, row: int, vec: Sequence[float]) -> float:
    v = table.table[row * table.dim:(row + 1) * table.dim]
    return sum(x * y for x, y in zip(v, vec, strict=True)) / 127.0


@lru_cache(maxsize=256)
def everyday(rows: tuple[int, ...]) -> tuple[tuple[int, float], ...]:
    """(row, score) of the everyday nouns of a noun or an adjective + noun phrase (its words' rows), nearest first:
    a noun's nearest nouns, a phrase's nearest on the mean of its words' cosines (a noun absent from a word's
    list counts 0 there). Nothing for a word that is no noun."""
    near = neighbours()
    lists = [near.of(row) for row in rows]
    if not any(noun for _n, noun in lists):
        return ()
    candidates = set().union(*(n for n, _noun in lists)) - set(rows)
    scored = sorted(((sum(n.get(r, 0.0) for n, _noun in lists) / len(lists), r) for r in candidates), reverse=True)
    bar = _NEAR if len(rows) == 1 else _NEAR_PHRASE
    return tuple((r, s) for s, r in scored[:_KEEP] if s >= bar)


_WHICH = frozenset({"какой", "каков"})
_ON_THE_WAY = frozenset({"ADJF", "PRTF", "ADJS", "NPRO", "PRCL"})  # "в каком населённом пункте", "сколько у вас"
_PLACE_WORDS = frozenset({"где", "куда", "откуда"})
_PLACE_PREPS = frozenset({"в", "на", "из"})
_NOT_PLACES = frozenset({"срок", "время", "момент", "дата", "число", "период", "месяц", "год", "квартал", "день",
                         "неделя", "объем", "размер", "форма", "формат", "вид", "качество", "количество", "сумма"})


def asked_nouns(tokens: Sequence[Token]) -> list[Token]:
    """The nouns a question's "какой" phrase asks about: "в каком городе" -> "город", "квадратура какая" ->
    "квадратура" (a noun right before "какой"); a count ("сколько …") is read elsewhere."""
    words = [t for t in tokens if t.is_word]
    out = []
    for k, t in enumerate(words):
        if t.lemma not in _WHICH:
            continue
        noun = None
        for w in words[k + 1:k + 4]:
            if w.pos == "NOUN":
                noun = w
                break
            if w.pos not in _ON_THE_WAY and w.pos != "PREP":
                break
        if noun is None and k and words[k - 1].pos == "NOUN":
            noun = words[k - 1]
        if noun is not None:
            out.append(noun)
    return out


def asks_place(tokens: Sequence[Token]) -> bool:
    """The question asks where: "где", "откуда", or "в каком X" of an X that is no time or measure."""
    words = [t for t in tokens if t.is_word]
    if any(t.lemma in _PLACE_WORDS for t in words):
        return True
    return any(t.lemma in _WHICH and k and words[k - 1].lemma in _PLACE_PREPS
               and any(n.lemma not in _NOT_PLACES for n in asked_nouns(words[k:k + 4]))
               for k, t in enumerate(words))


def named_place(words: Sequence[Token]) -> bool:
    """Words that name a place: a preposition of place before a capitalised word ("в Сызрани", "из Дзержинска")."""
    return any(t.lemma in _PLACE_PREPS | {"под"} and w.text[:1].isupper() for t, w in zip(words, words[1:], strict=False))


def named_party(tokens: Sequence[Token]) -> bool:
    """A sentence that names a firm: a capitalised word after its first ("Одной фирме, Медтрейд"), or its first when the
    dictionary does not know it ("Мосэнергосбыт, кому ж ещё", "Россетям напрямую")."""
    words = [t for t in tokens if t.is_word]
    return any(t.text[:1].isupper() and (k or not word_is_known(t.text.lower())) for k, t in enumerate(words))


def interrogative(bags: Sequence[Bag], asks: dict[str, Sequence[str]], tokenize: Callable[[str], Iterable[Token]],
                  ) -> list[Bag]:
    """The bags with the nouns their ask phrasings' interrogative phrase names and whether they ask a place."""
    out = []
    for b in bags:
        tokens = [tuple(tokenize(text)) for text in asks.get(b.qid, ())]
        nouns = tuple(expand(n.lemmas) for t in tokens for n in asked_nouns(t))
        out.append(replace(b, asked=nouns, place=any(asks_place(t) for t in tokens)))
    return out


def derive(bags: Sequence[Bag]) -> list[Bag]:
    """The bags with each content word carrying its everyday words (``derived_word``), less those another
    question of the set names or is nearer to."""
    table = vectors()
    words = {(i, w): tuple(_rows(w, table)) for i, b in enumerate(bags) for p in b.phrasings for w in p}
    means: dict[tuple[int, ...], list[float]] = {}  # 64 dimensions: which question a derived word is nearer
    owners: dict[tuple[int, ...], set[int]] = {}
    for (i, _w), rows in words.items():
        if rows:
            means.setdefault(rows, table.mean(rows))
            owners.setdefault(rows, set()).add(i)
    named = [frozenset().union(*(w for p in b.phrasings for w in p)) for b in bags]
    extra: dict[tuple[int, Word], frozenset[str]] = {}
    for (i, w), rows in words.items():
        kept = set()
        for row, _score in everyday(rows) if rows else ():
            lemma = table.words[row]
            if any(lemma in named[j] for j in range(len(bags)) if j != i):
                continue
            near = {key: _dot(table, row, mean) for key, mean in means.items()}
            own = max(near[key] for key in means if i in owners[key])
            if any(near[key] > own for key in means if owners[key] - {i}):
                continue
            kept.add(lemma)
        if kept:
            extra[(i, w)] = frozenset(kept)
    if not extra:
        return list(bags)
    return [replace(b, phrasings=tuple(tuple(derived_word(w, extra[(i, w)]) if (i, w) in extra else w for w in p)
                                       for p in b.phrasings))
            for i, b in enumerate(bags)]
