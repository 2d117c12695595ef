#!/usr/bin/env python3
"""Benchmark: analysing a 10-minute stereo transcript: warm (target <= 50 ms) and cold (<= 300 ms).

Cold is a fresh process: importing the engine, loading pymorphy3 and compiling the question set,
then the first analysis (median of three processes). Ratios are against the targets measured here.

Builds a ~10-minute call from the tuning dialogues, loads the engine once, then times analyze_deal:
the median of warm runs (the target), and the median of cold runs, each after clearing the word
cache (pymorphy3 parses and fuzzy repairs of every word), which is what a new call's unseen words cost.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qa_desk.analysis import analyze_deal, bant, detector_for  # noqa: E402
from qa_desk.analysis.corpus import load_dialogue  # noqa: E402
from qa_desk.domain.transcript import RecordingTranscript, Segment  # noqa: E402

TARGET_MS = 50.0
COLD_TARGET_MS = 300.0
_COLD = (
    "import time, runpy, sys; t0 = time.perf_counter(); bench = runpy.run_path(sys.argv[1] + '/scripts/bench_analysis.py', run_name='bench');"
    "rec = bench['ten_minute_call'](); t1 = time.perf_counter();"
    "from qa_desk.analysis import analyze_deal, bant; analyze_deal([rec], bant(), 'маленький бюджет');"
    "print((time.perf_counter() - t0) * 1000)"
)


def cold_ms() -> float:
    """A fresh process: engine import, model load, building the transcript and the first analysis."""
    runs = []
    for _ in range(3):
        out = subprocess.run([sys.executable, "-c", _COLD, str(ROOT)], capture_output=True, text=True, check=True)
        runs.append(float(out.stdout.strip().splitlines()[-1]))
    return statistics.median(runs)
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
    fresh = cold_ms()
    print(f"transcript: {rec.duration_s / 60:.1f} min, {len(rec.segments)} segments, {words} words")
    print(f"engine load: {load_ms:.0f} ms; analysis with a cold word cache, median of {len(cold)}: "
          f"{statistics.median(cold):.1f} ms")
    print(f"analysis, median of {len(runs)}: {median:.1f} ms  (target {TARGET_MS:.0f} ms, ratio {median / TARGET_MS:.2f})")
    print(f"cold, fresh process (import, load, first analysis), median of 3: {fresh:.0f} ms  "
          f"(target {COLD_TARGET_MS:.0f} ms, ratio {fresh / COLD_TARGET_MS:.2f})")
    return 0 if median <= TARGET_MS and fresh <= COLD_TARGET_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
