#!/usr/bin/env python3
"""Benchmark: analysing a 10-minute stereo transcript once the engine is loaded (target <= 50 ms).

Builds a ~10-minute call from the tuning dialogues, loads the engine once, then times analyze_deal:
the median of warm runs (the target), and the median of cold runs, each after clearing the word
cache (pymorphy3 parses and fuzzy repairs of every word), which is what a new call's unseen words cost.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qa_desk.analysis import analyze_deal, bant, detector_for  # noqa: E402
from qa_desk.analysis.corpus import load_dialogue  # noqa: E402
from qa_desk.domain.transcript import RecordingTranscript, Segment  # noqa: E402

TARGET_MS = 50.0
MINUTES = 10.0


def ten_minute_call() -> RecordingTranscript:
    dialogues = [load_dialogue(p) for p in sorted((ROOT / "tests/corpus/dialogues").glob("*.toml"))]
    segments: list[Segment] = []
    t = 0.0
    while t < MINUTES * 60:
        for d in dialogues:
            for speaker, text in d.turns:
                length = max(1.5, len(text.split()) / 2.5)
                segments.append(Segment(t, t + length, speaker, text))
                t += length + 0.6
    return RecordingTranscript("bench.mp3", t, 2, segments)


def main() -> int:
    rec = ten_minute_call()
    words = sum(len(s.text.split()) for s in rec.segments)
    t0 = time.perf_counter()
    detector_for(bant())
    load_ms = (time.perf_counter() - t0) * 1000
    lexicon = detector_for(bant()).lexicon
    cold = []
    for _ in range(5):
        lexicon.clear_cache()
        t0 = time.perf_counter()
        analyze_deal([rec], bant(), "маленький бюджет")
        cold.append((time.perf_counter() - t0) * 1000)
    runs = []
    for _ in range(20):
        t0 = time.perf_counter()
        analyze_deal([rec], bant(), "маленький бюджет")
        runs.append((time.perf_counter() - t0) * 1000)
    median = statistics.median(runs)
    print(f"transcript: {rec.duration_s / 60:.1f} min, {len(rec.segments)} segments, {words} words")
    print(f"engine load: {load_ms:.0f} ms; analysis with a cold word cache, median of {len(cold)}: "
          f"{statistics.median(cold):.1f} ms")
    print(f"analysis, median of {len(runs)}: {median:.1f} ms  (target {TARGET_MS:.0f} ms, ratio {median / TARGET_MS:.2f})")
    return 0 if median <= TARGET_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
