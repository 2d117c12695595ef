#!/usr/bin/env python3
"""Who speaks in a mono call: every call of v7 sets run as mono (one channel), each unit's role against the true
speaker of its turn. Stereo calls give true roles for free, so they are a large labelled set the mono rules were
never tuned on; a set's mono calls are counted apart.

    python3 scripts/eval_mono_roles.py tests/corpus/v7/heldout_h19 [more sets] [-v]
    # sentences right per kind of call; ours read as the client's, the client's read as ours; -v lists the misses
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qa_desk.analysis.corpus_v7 import call_transcript, find_deals  # noqa: E402
from qa_desk.analysis.deal import detector_for  # noqa: E402
from qa_desk.analysis.units import units  # noqa: E402
from qa_desk.domain.transcript import RecordingTranscript, Segment  # noqa: E402


def score(folders: list[Path], verbose: bool) -> Counter[tuple[str, str, str]]:
    """(kind of call, true role, role read) -> sentences."""
    out: Counter[tuple[str, str, str]] = Counter()
    for folder in folders:
        for deal in find_deals(folder):
            detector = detector_for(deal.questions)
            for i, call in enumerate(deal.calls):
                rec, _spans = call_transcript(deal, i)
                segments = [Segment(s.start, s.end, "unknown", s.text) for s in rec.segments]
                truth = {s.start: t.speaker for s, t in zip(segments, call.turns, strict=True)}
                kind = "stereo" if call.stereo else "mono"
                for unit in units(detector, 0, RecordingTranscript(rec.path, rec.duration_s, 1, segments)):
                    true = truth[unit.segment.start]
                    out[(kind, true, str(unit.role))] += len(unit.sentences)
                    if verbose and true != unit.role:
                        text = " ".join(s.text for s in unit.sentences)[:160]
                        print(f"  ✗ {folder.name}/{deal.name} call {i + 1} ({kind}) {true} read as {unit.role}: {text}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sets", nargs="+", type=Path)
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    counts = score(args.sets, args.verbose)
    for kind in ("mono", "stereo"):
        total = sum(n for (k, _t, _g), n in counts.items() if k == kind)
        if not total:
            continue
        ok = sum(n for (k, t, g), n in counts.items() if k == kind and t == g)
        print(f"{kind} calls as mono: {ok}/{total} = {ok / total:.1%} sentences right; ours read as the client's "
              f"{counts[(kind, 'manager', 'client')]}, the client's read as ours {counts[(kind, 'client', 'manager')]}")


if __name__ == "__main__":
    main()
