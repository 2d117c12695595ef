#!/usr/bin/env python3
"""Who speaks in a mono call: every call of v7 sets run as mono (one channel), each unit's role against the true
speaker of its turn. Stereo calls give true roles for free, so they are a large labelled set the mono rules were
never tuned on; a set's mono calls are counted apart.

    python3 scripts/eval_mono_roles.py tests/corpus/v7/heldout_h19 [more sets] [-v] [--rules]
    # sentences right per kind of call; ours read as the client's, the client's read as ours; -v lists the misses
    # --rules: the rules alone (without the learned role model, role_model.py)
    python3 scripts/eval_mono_roles.py tests/corpus/v7/heldout_h22 --audio-dir /root/.cache/qa-desk/eval-audio/h22
    # the cached Whisper transcripts of the set's rendered calls, each segment's true speaker the turn it overlaps most
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qa_desk.analysis.corpus_v7 import call_transcript, find_deals  # noqa: E402
from qa_desk.analysis.deal import detector_for  # noqa: E402
from qa_desk.analysis.units import units  # noqa: E402
from qa_desk.domain.transcript import RecordingTranscript, Segment  # noqa: E402


def _speaker(seg: Segment, spans: list[tuple[float, float]], turns: list[Any]) -> str:
    """The true speaker of an audio segment: that of the turn it overlaps most."""
    overlap = [max(0.0, min(seg.end, b) - max(seg.start, a)) for a, b in spans]
    return str(turns[max(range(len(spans)), key=overlap.__getitem__)].speaker)


def score(folders: list[Path], verbose: bool, learned: bool = True,
          audio_dir: Path | None = None) -> Counter[tuple[str, str, str]]:
    """(kind of call, true role, role read) -> sentences."""
    out: Counter[tuple[str, str, str]] = Counter()
    for folder in folders:
        audio = None
        if audio_dir is not None:
            sys.path.insert(0, str(ROOT / "tests" / "corpus"))
            from render import AudioTranscripts  # type: ignore[import-not-found]
            audio = AudioTranscripts(folder, "base", audio_dir, cached_only=True)
        for deal in find_deals(folder):
            detector = detector_for(deal.questions)
            for i, call in enumerate(deal.calls):
                rec, spans = call_transcript(deal, i) if audio is None else audio(deal, i)
                if rec is None:
                    continue
                segments = [Segment(s.start, s.end, "unknown", s.text) for s in rec.segments if s.text.strip()]
                truth = {s.start: t.speaker for s, t in zip(segments, call.turns, strict=True)} if audio is None else {
                    s.start: _speaker(s, spans, call.turns) for s in segments}
                kind = "stereo" if call.stereo else "mono"
                for unit in units(detector, 0, RecordingTranscript(rec.path, rec.duration_s, 1, segments), learned):
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
    parser.add_argument("--rules", action="store_true", help="the rules alone, without the learned model")
    parser.add_argument("--audio-dir", type=Path, default=None)
    args = parser.parse_args()
    counts = score(args.sets, args.verbose, not args.rules, args.audio_dir)
    for kind in ("mono", "stereo"):
        total = sum(n for (k, _t, _g), n in counts.items() if k == kind)
        if not total:
            continue
        ok = sum(n for (k, t, g), n in counts.items() if k == kind and t == g)
        print(f"{kind} calls as mono: {ok}/{total} = {ok / total:.1%} sentences right; ours read as the client's "
              f"{counts[(kind, 'manager', 'client')]}, the client's read as ours {counts[(kind, 'client', 'manager')]}")


if __name__ == "__main__":
    main()
