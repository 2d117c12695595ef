"""Words of one stem under different prefixes: a set's formal word and the operator's verb or adverb ("раздельный"
/ "отдельно", "перезарядка" / "заряжать", "подключение" / "включать").

A contract title names an act with a derived noun or adjective; a caller often says the act with a word of the same
stem under another prefix. The soft match already takes two words with a long common beginning (similarity.py,
"касса" / "кассовый"); here the beginning is compared after taking off up to two prefixes (a closed class of the
language: ``_PREFIXES``), from one word at least, and a consonant alternation at the stem's end counts as the same
letter ("заряд-" / "заряж-"). A shared stem needs ``_STEM`` letters: a root of three ("бор" / "бир", "коп") is too
short to tell a cognate from chance under a stripped prefix ("со-труд-ник" / "трид-цать"). The lemma vectors must
not put the pair far apart (``BAR``): they rule out a homonym only, the shared stem is the evidence.
"""

from __future__ import annotations

from functools import lru_cache

from qa_desk.analysis.vectors import Vectors

COGNATE = 0.75  # as strong as a set word's derived everyday word (similarity.DERIVED): it anchors a soft match
BAR = 0.15  # the lemma vectors' cosine a shared stem needs
_PREFIXES = ("пере", "пред", "недо", "пре", "при", "про", "раз", "рас", "без", "бес", "воз", "вос", "под", "над",
             "обо", "ото", "изо", "вз", "вс", "вы", "до", "за", "из", "ис", "на", "об", "от", "по", "со", "с", "у", "о")
_STEM = 4  # letters a shared stem needs at least...
_STEM_SHARE = 0.6  # ...and this share of the shorter stem (as similarity.py's)
_LEMMAS = 3  # a word's lemmas at most (a word with its family's many lemmas is not compared)
_CONSONANTS = frozenset("бвгджзклмнпрстфхцчшщ")
_ALTERNATES = {"ж": "гдз", "ч": "кт", "ш": "сх", "щ": "ст", "г": "ж", "д": "ж", "з": "ж", "к": "ч", "т": "ч",
               "с": "ш", "х": "ш"}


# prefixes of one meaning (a closed class): apart ("раздельный" / "отдельно"), out, together, up, without
_MEANING = {"раз": "apart", "рас": "apart", "от": "apart", "ото": "apart", "вы": "out", "из": "out", "ис": "out",
            "изо": "out", "с": "together", "со": "together", "воз": "up", "вос": "up", "вз": "up", "вс": "up",
            "без": "without", "бес": "without"}
_AGAIN = "пере"  # "again" keeps the act: "перезарядка" is a "зарядка"


@lru_cache(maxsize=1 << 14)
def stems(lemma: str) -> frozenset[tuple[str, str]]:
    """(the meaning of the prefix taken off, the stem left): one prefix, or "пере" and one more ("пере-за-рядка"
    as "за-рядка"); a stem begins with a consonant."""
    out: set[tuple[str, str]] = set()
    rest = lemma[len(_AGAIN):] if lemma.startswith(_AGAIN) and len(lemma) > len(_AGAIN) + _STEM else lemma
    if rest != lemma and rest[0] in _CONSONANTS:
        out.add(("", rest))
    for p in _PREFIXES:
        tail = rest[len(p):]
        if rest.startswith(p) and len(tail) >= _STEM and tail[0] in _CONSONANTS:
            out.add((_MEANING.get(p, p), tail))
    return frozenset(out)


def _common(x: str, y: str) -> int:
    """Letters ``x`` and ``y`` begin with alike, an alternation ("д" / "ж") as the last of them."""
    n = 0
    for a, b in zip(x, y, strict=False):
        if a == b:
            n += 1
            continue
        return n + 1 if b in _ALTERNATES.get(a, "") else n
    return n


def _shared(x: str, y: str) -> bool:
    """``x`` and ``y`` share a stem under prefixes of one meaning ("раз-" / "от-"), or under one prefix with "пере-"
    before it on one side."""
    xs, ys = stems(x) | {("", x)}, stems(y) | {("", y)}
    return any(px == py and (a, b) != (x, y) and (n := _common(a, b)) >= _STEM and n >= _STEM_SHARE * min(len(a), len(b))
               for px, a in xs for py, b in ys)


def related(a: frozenset[str], b: frozenset[str], table: Vectors) -> bool:
    """Two words (their lemma sets) share a stem under different prefixes and the vectors do not part them."""
    own_a, own_b = [x for x in a if x.isalpha()], [y for y in b if y.isalpha()]
    if len(own_a) > _LEMMAS or len(own_b) > _LEMMAS or not any(_shared(x, y) for x in own_a for y in own_b):
        return False
    ra, rb = table.row(sorted(a)), table.row(sorted(b))
    return ra is not None and rb is not None and table.cosine(ra, rb) >= BAR
