#!/usr/bin/env python3
"""Benchmark: analysing a 10-minute transcript, this checkout's engine against main's, in one run.

    flock /tmp/qa-desk-bench.lock .venv/bin/python scripts/bench_analysis.py [--base main] [--runs 20]

Targets: warm <= 50 ms, cold <= 300 ms. The transcript (~10 minutes of the v7 tuning calls, both
speakers, several refusal-relevant questions) is built once and written to a temporary JSON file;
each engine then runs in its own fresh processes, so both pay the same interpreter start:

* cold: one fresh process per measurement that imports the engine, loads its resources (pymorphy3,
  the question set, the vector table and topic model) and analyses the transcript once; the median
  of ``--cold`` processes, timed inside the process from before the first import. As installed:
  Python's byte code is compiled (one unmeasured run first writes it to a temporary folder), and an
  engine that keeps a word store (``analysis.morph_store``, as the app does in its cache folder)
  finds one written by that first run on *other* calls (the next ten minutes of the tuning corpus);
  the same engine without its store is printed too;
* warm: in one process, after a first analysis, the median of ``--runs`` analyses.

The base engine is ``git archive``'d from ``--base`` (default main) into a temporary folder and run
from there, with the same Python. Ratios new/base are printed for both; timings on the shared
machine are noisy, so compare the ratios, not the absolute figures.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 50.0
COLD_TARGET_MS = 300.0
MINUTES = 10.0
WORDS_PER_SECOND = 2.5

# Runs inside a fresh process: argv = [mode, transcript.json, runs]. Timed from before the first import.
# mode "prime" analyses other calls and writes the word store (argv[4]) when the engine has one.
_WORKER = """
import time
t0 = time.perf_counter()
import json, statistics, sys
from pathlib import Path
try:
    from qa_desk.analysis import morph_store
except ImportError:  # an engine before the word store
    morph_store = None
if morph_store is not None and sys.argv[1] in ("cold", "warm"):
    morph_store.load(Path(sys.argv[4]))
from qa_desk.analysis import analyze_deal, bant
from qa_desk.domain.transcript import RecordingTranscript
rec = RecordingTranscript.from_json(json.loads(open(sys.argv[2], encoding="utf-8").read()))
analysis = analyze_deal([rec], bant(), "маленький бюджет")
if sys.argv[1] == "prime":
    if morph_store is not None:
        morph_store.save(Path(sys.argv[4]))
    print(0)
elif sys.argv[1] in ("cold", "cold-nostore"):
    print((time.perf_counter() - t0) * 1000)
else:
    runs = []
    for _ in range(int(sys.argv[3])):
        t = time.perf_counter()
        analyze_deal([rec], bant(), "маленький бюджет")
        runs.append((time.perf_counter() - t) * 1000)
    print(statistics.median(runs))
print(sum(q.asked for q in analysis.questions), sum(q.answered for q in analysis.questions), file=sys.stderr)
"""


def ten_minute_call(skip_minutes: float = 0.0) -> dict[str, object]:
    """About ten minutes of the v7 tuning calls' turns (after ``skip_minutes`` of them) as one stereo transcript."""
    turns = []
    for path in sorted((ROOT / "tests" / "corpus" / "v7" / "tuning").glob("*/*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for call in data.get("call", []):
            turns += [(str(t["speaker"]), str(t["text"])) for t in call.get("turn", [])]
    segments, t, skip = [], 0.0, skip_minutes * 60
    for speaker, text in turns:
        length = max(1.5, len(text.split()) / WORDS_PER_SECOND)
        if skip > 0:
            skip -= length + 0.6
            continue
        if t >= MINUTES * 60:
            break
        segments.append({"start": round(t, 2), "end": round(t + length, 2), "speaker": speaker, "text": text})
        t += length + 0.6
    return {"path": "bench.mp3", "duration_s": round(t, 2), "channels": 2, "segments": segments}


def _run(root: Path, mode: str, transcript: Path, runs: int, work: Path) -> float:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env |= {"PYTHONPATH": str(root), "PYTHONPYCACHEPREFIX": str(work / "pyc")}
    out = subprocess.run([sys.executable, "-c", _WORKER, mode, str(transcript), str(runs), str(work / "words.json")],
                         cwd=root, capture_output=True, text=True, check=True, env=env)
    return float(out.stdout.strip().splitlines()[-1])


def measure(root: Path, transcript: Path, other: Path, cold: int, runs: int, work: Path) -> tuple[float, float, float]:
    """(median cold ms over ``cold`` fresh processes, the same without the word store, median warm ms)."""
    work.mkdir(parents=True, exist_ok=True)
    _run(root, "prime", other, 1, work)  # byte code and the word store, from other calls
    colds = [_run(root, "cold", transcript, runs, work) for _ in range(cold)]
    bare = [_run(root, "cold-nostore", transcript, runs, work) for _ in range(cold)]
    return statistics.median(colds), statistics.median(bare), _run(root, "warm", transcript, runs, work)


def base_checkout(ref: str, into: Path) -> Path:
    """``ref``'s qa_desk package extracted into ``into``."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", ref, "qa_desk"],
                             capture_output=True, check=True).stdout
    into.mkdir(parents=True, exist_ok=True)
    tar_path = into / "base.tar"
    tar_path.write_bytes(archive)
    with tarfile.open(tar_path) as tar:
        tar.extractall(into, filter="data")
    return into


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", default="main", help="git ref of the baseline engine (default: main)")
    parser.add_argument("--runs", type=int, default=20, help="warm analyses to take the median of")
    parser.add_argument("--cold", type=int, default=3, help="fresh processes to take the median of")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="qa-desk-bench-analysis-") as tmp:
        folder = Path(tmp)
        call = ten_minute_call()
        transcript = folder / "call.json"
        transcript.write_text(json.dumps(call, ensure_ascii=False), encoding="utf-8")
        other = folder / "other.json"
        other.write_text(json.dumps(ten_minute_call(skip_minutes=MINUTES), ensure_ascii=False), encoding="utf-8")
        segments = call["segments"]
        assert isinstance(segments, list)
        words = sum(len(str(s["text"]).split()) for s in segments)
        base = base_checkout(args.base, folder / "base")
        base_cold, base_bare, base_warm = measure(base, transcript, other, args.cold, args.runs, folder / "run-base")
        new_cold, new_bare, new_warm = measure(ROOT, transcript, other, args.cold, args.runs, folder / "run-new")
    print(f"transcript: {float(str(call['duration_s'])) / 60:.1f} min, {len(segments)} segments, {words} words")
    print(f"{'':<28}{'cold (fresh process)':>22}{'warm':>10}")
    print(f"{'base (' + args.base + ')':<28}{base_cold:>19.0f} ms{base_warm:>7.1f} ms")
    print(f"{'this checkout':<28}{new_cold:>19.0f} ms{new_warm:>7.1f} ms")
    print(f"{'this checkout, no store':<28}{new_bare:>19.0f} ms   (base without a store: {base_bare:.0f} ms)")
    print(f"{'ratio this/base':<28}{new_cold / base_cold:>22.2f}{new_warm / base_warm:>10.2f}")
    print(f"{'ratio this/target':<28}{new_cold / COLD_TARGET_MS:>22.2f}{new_warm / TARGET_MS:>10.2f}"
          f"   (targets {COLD_TARGET_MS:.0f} / {TARGET_MS:.0f} ms)")
    return 0 if new_warm <= TARGET_MS and new_cold <= COLD_TARGET_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
