#!/usr/bin/env python
"""Peak memory of a long call vs a 5-minute one: ``qa-desk transcribe`` on both, same run.

Builds, in a temporary folder (nothing is committed), a stereo 8 kHz 16-bit WAV of ``--hours``
hours from the five 5-minute benchmark calls played in a loop, and a WAV of the first of them
alone. Each is transcribed by the real CLI (``python -m qa_desk transcribe --json --no-cache``,
which runs the ASR worker process) while the resident memory of the whole process tree is sampled
every 0.2 s. Prints both peaks, their ratio and the target. Usage::

    flock /tmp/qa-desk-bench.lock .venv/bin/python scripts/bench_memory.py [--hours 2] [--model base]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
import soundfile as sf

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from bench_transcribe import long_calls  # noqa: E402

RATE = 8000
TARGET_MB = 1200  # the whole process tree, base model (issue 10)


def write_call(path: Path, sources: list[Path], seconds: float) -> float:
    """``sources`` (stereo) one after another, looped, into a ``seconds``-long WAV, block by block."""
    written = 0
    limit = int(seconds * RATE)
    with sf.SoundFile(path, "w", samplerate=RATE, channels=2, subtype="PCM_16") as out:
        while written < limit:
            for source in sources:
                with sf.SoundFile(source) as src:
                    assert src.samplerate == RATE and src.channels == 2, source
                    for block in src.blocks(blocksize=RATE * 60, dtype="int16", always_2d=True):
                        block = block[: limit - written]
                        out.write(block)
                        written += len(block)
                        if written >= limit:
                            return written / RATE
    return written / RATE


def tree_rss(root: psutil.Process) -> int:
    total = 0
    for proc in [root, *root.children(recursive=True)]:
        try:
            total += proc.memory_info().rss
        except psutil.Error:
            pass
    return total


def transcribe_peak(audio: Path, model: str) -> tuple[float, float, int]:
    """``(peak RSS of the process tree in MB, seconds, segments)`` of one CLI transcription."""
    cmd = [sys.executable, "-m", "qa_desk", "transcribe", "--json", "--no-cache", "--model", model, str(audio)]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, cwd=ROOT)
        watched = psutil.Process(proc.pid)
        peak = 0
        while proc.poll() is None:
            try:
                peak = max(peak, tree_rss(watched))
            except psutil.Error:
                pass
            time.sleep(0.2)
        elapsed = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        if proc.returncode != 0:
            raise SystemExit(f"transcribe failed ({proc.returncode}): {err.read().decode()[-2000:]}")
        recordings = json.loads(out.read().decode("utf-8"))["recordings"]
    return peak / 2**20, elapsed, len(recordings[0]["segments"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hours", type=float, default=2.0)
    parser.add_argument("--model", default="base")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="qa-desk-bench-memory-") as tmp:
        calls = long_calls()
        short, long = Path(tmp) / "call_5min.wav", Path(tmp) / "call_long.wav"
        short_s = write_call(short, calls[:1], sf.info(str(calls[0])).duration)
        long_s = write_call(long, calls, args.hours * 3600)
        print(f"Записи: {short_s / 60:.1f} мин и {long_s / 3600:.2f} ч, стерео 8 кГц WAV "
              f"({long.stat().st_size / 2**20:.0f} МБ); модель {args.model}, ядер CPU: {os.cpu_count()}", flush=True)
        rows = {}
        for label, path, seconds in (("5 минут", short, short_s), (f"{args.hours:g} ч", long, long_s)):
            peak, elapsed, segments = transcribe_peak(path, args.model)
            rows[label] = peak
            print(f"  {label:<8} пик RSS дерева процессов {peak:.0f} МБ, {elapsed:.0f} с "
                  f"(RTF {elapsed / seconds:.3f}), реплик {segments}", flush=True)
    (short_peak, long_peak) = rows.values()
    ok = long_peak <= TARGET_MB
    print(f"  длинный / 5 минут: {long_peak / short_peak:.2f}×")
    print(f"  {'PASS' if ok else 'FAIL'}  пик {long_peak:.0f} МБ ≤ {TARGET_MB} МБ")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
