#!/usr/bin/env python3
"""Build the engine's noun neighbour lists from navec (shipped inside the `natasha` wheel).

    .venv/bin/python scripts/build_neighbours.py        # writes qa_desk/analysis/data/neighbours.bin

For every noun or adjective lemma of data/vectors.bin, the nouns nearest it in navec's full 300-dimension lemma
vectors (the 64-dimension table the engine keeps is too coarse to rank neighbours: every word of a field is near
every other), as rows of data/vectors.bin. A neighbour must be a common word: navec knows at least
``--forms`` of its forms (a rare or one-off lemma has one or two). The engine ranks these candidates for a contract
set's phrase (set_everyday.py) by their mean cosine to the phrase's words.

File layout: b"QAN1", key count, neighbours per key (little-endian uint32), then per key its row and its
neighbours' rows (uint16 each), then their cosines (uint8, x 255) and 1 for a noun key (0 for an adjective or
participle), keys sorted by row.
Deterministic for a given natasha/navec and pymorphy3 dictionary version.
"""

from __future__ import annotations

import argparse
import struct
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qa_desk.analysis.vectors import vectors  # noqa: E402
from scripts.build_vectors import lemma_forms  # noqa: E402

OUT = ROOT / "qa_desk" / "analysis" / "data" / "neighbours.bin"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=24)
    parser.add_argument("--forms", type=int, default=4)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    navec, morph, every = lemma_forms()
    words = vectors().words
    rows = {w: i for i, w in enumerate(words)}
    groups = {lemma: indices for lemma, indices in every.items() if lemma in rows}
    table = np.zeros((len(words), int(navec.pq.dim)), dtype=np.float32)
    for lemma, indices in groups.items():
        forms = np.stack([navec.pq[i] for i in indices]).astype(np.float32)
        forms /= np.linalg.norm(forms, axis=1, keepdims=True) + 1e-9
        mean = forms.mean(axis=0)
        table[rows[lemma]] = mean / (np.linalg.norm(mean) + 1e-9)
    pos = [str(morph.parse(w)[0].tag.POS) for w in words]
    nouns = np.array([p == "NOUN" and len(groups.get(w, ())) >= args.forms for w, p in zip(words, pos, strict=True)])
    keys = [i for i, p in enumerate(pos) if p in ("NOUN", "ADJF", "PRTF") and len(groups.get(words[i], ())) >= 2]
    out = bytearray(struct.pack("<4sII", b"QAN1", len(keys), args.count))
    for start in range(0, len(keys), 2048):
        block = keys[start:start + 2048]
        sims = table[block] @ table.T
        sims[:, ~nouns] = -2.0
        for k, key in enumerate(block):
            sims[k, key] = -2.0
            top = np.argpartition(-sims[k], args.count)[:args.count]
            top = top[np.argsort(-sims[k, top])]
            out += struct.pack("<H", key) + struct.pack(f"<{args.count}H", *(int(t) for t in top))
            out += bytes(max(0, min(255, round(float(sims[k, t]) * 255))) for t in top)
            out.append(1 if pos[key] == "NOUN" else 0)
    args.out.write_bytes(bytes(out))
    print(f"{len(keys)} keys x {args.count} -> {args.out} ({len(out) / 1e6:.1f} MB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
