#!/usr/bin/env python3
"""Build the engine's compact lemma vector table from navec (shipped inside the `natasha` wheel).

    .venv/bin/python scripts/build_vectors.py            # writes qa_desk/analysis/data/vectors.bin

navec's news vectors (250 000 word forms, 300 dimensions, product-quantised) are too big to load on
every start (0.25-0.7 s). The engine looks words up by their pymorphy3 lemma, so the table keeps one
vector per lemma: every Cyrillic form navec knows that pymorphy3 knows too (proper names dropped) is
lemmatised, the unit vectors of a lemma's forms are averaged, the whole table is centred and reduced
by PCA to ``--dim`` dimensions, each row is scaled to unit length and stored as int8 (1/127 steps).
About 37 000 lemmas x 64 dimensions: 2.9 MB, read as bytes in a few milliseconds (format: vectors.py).

Deterministic for a given natasha/navec and pymorphy3 dictionary version.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qa_desk.analysis.vectors import encode  # noqa: E402

OUT = ROOT / "qa_desk" / "analysis" / "data" / "vectors.bin"
_CYRILLIC = re.compile(r"^[а-яё]+(?:-[а-яё]+)?$")
_PROPER = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"})


def navec_path() -> Path:
    import natasha

    found = sorted((Path(natasha.__file__).parent / "data" / "emb").glob("navec_*.tar"))
    if not found:
        raise SystemExit("natasha ships no navec vectors (pip install 'natasha>=1.6')")
    return found[0]


def lemma_forms() -> tuple[Any, Any, dict[str, list[int]]]:
    """(navec, pymorphy3's analyser, each known common lemma's navec form indices): the grouping that
    build_vectors.py and build_neighbours.py both start from."""
    import pymorphy3
    from navec import Navec

    navec = Navec.load(str(navec_path()))
    morph = pymorphy3.MorphAnalyzer()
    groups: dict[str, list[int]] = defaultdict(list)
    for index, word in enumerate(navec.vocab.words):
        if not _CYRILLIC.match(word) or not morph.word_is_known(word):
            continue
        parse = morph.parse(word)[0]
        if _PROPER & set(parse.tag.grammemes):
            continue
        groups[parse.normal_form.replace("ё", "е")].append(index)
    return navec, morph, groups


def lemma_vectors() -> tuple[list[str], np.ndarray]:
    """(lemmas, unit vectors averaged over each lemma's forms), sorted by lemma."""
    navec, _morph, groups = lemma_forms()
    lemmas = sorted(groups)
    table = np.zeros((len(lemmas), int(navec.pq.dim)), dtype=np.float64)
    for row, lemma in enumerate(lemmas):
        forms = np.stack([navec.pq[i] for i in groups[lemma]]).astype(np.float64)
        forms /= np.linalg.norm(forms, axis=1, keepdims=True) + 1e-9
        table[row] = forms.mean(axis=0)
    return lemmas, table


def reduce(table: np.ndarray, dim: int) -> np.ndarray:
    """Centre, PCA to ``dim`` dimensions, unit rows."""
    centred = table - table.mean(axis=0)
    _u, _s, vt = np.linalg.svd(centred, full_matrices=False)
    reduced = centred @ vt[:dim].T
    return reduced / (np.linalg.norm(reduced, axis=1, keepdims=True) + 1e-9)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dim", type=int, default=64)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    lemmas, table = lemma_vectors()
    reduced = reduce(table, args.dim)
    quantised = np.clip(np.rint(reduced * 127), -127, 127).astype(np.int8)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(encode(lemmas, quantised.tobytes(), args.dim))
    print(f"{len(lemmas)} lemmas x {args.dim} -> {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
