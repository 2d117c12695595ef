#!/usr/bin/env python
"""Compare decoding configurations of the transcription pipeline on one recording.

The model is loaded once per thread plan and shared; every configuration is a set of
``TranscribeOptions`` overrides. WER is counted per speaker exactly as ``bench_transcribe.py``
does. Timings on a shared machine are noisy: ``--rounds 2`` interleaves the configurations.
Usage::

    python scripts/tune_asr.py [--audio tests/fixtures/audio/long_call.mp3] [--only NAME ...]
    python scripts/tune_asr.py --list
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_transcribe import DEFAULT_AUDIO, read_reference, wer  # noqa: E402

from qa_desk.asr import TranscribeOptions, Transcriber  # noqa: E402
from qa_desk.asr.pipeline import _thread_plan  # noqa: E402

# name: TranscribeOptions overrides (relative to the defaults).
CONFIGS: dict[str, dict[str, Any]] = {
    "default": {},
    "batched-b2-gap0.3": {"batched": True, "beam_size": 2, "joint_gap_s": 0.3, "context_s": 0.0},  # the previous pipeline
    "batched-b5-gap0.3": {"batched": True, "beam_size": 5, "joint_gap_s": 0.3, "context_s": 0.0},
    "batched-b5-gap1.0": {"batched": True, "beam_size": 5, "joint_gap_s": 1.0, "context_s": 0.0},
    "seq-b5-gap1.0": {"beam_size": 5, "joint_gap_s": 1.0},
    "seq-b2-gap1.0": {"beam_size": 2, "joint_gap_s": 1.0},
    "seq-b5-gap0.5": {"beam_size": 5, "joint_gap_s": 0.5},
    "seq-b5-gap2.0": {"beam_size": 5, "joint_gap_s": 2.0},
    "seq-b5-ctx1.5-gap0": {"beam_size": 5, "context_s": 1.5, "joint_gap_s": 0.0},
    "seq-b2-ctx1.5-gap0": {"beam_size": 2, "context_s": 1.5, "joint_gap_s": 0.0},
    "seq-b5-ctx1.0-gap0": {"beam_size": 5, "context_s": 1.0, "joint_gap_s": 0.0},
    "seq-b3-ctx1.5-gap0": {"beam_size": 3, "context_s": 1.5, "joint_gap_s": 0.0},
    "seq-b5-ctx0.5-gap1": {"beam_size": 5, "context_s": 0.5, "joint_gap_s": 1.0},
    "batched-b2-ctx1.5": {"batched": True, "beam_size": 2, "context_s": 1.5, "joint_gap_s": 0.0},
    "batched-b5-ctx1.5": {"batched": True, "beam_size": 5, "context_s": 1.5, "joint_gap_s": 0.0},
    "batched-b5-ctx1.0": {"batched": True, "beam_size": 5, "context_s": 1.0, "joint_gap_s": 0.0},
    "batched-b3-ctx1.5": {"batched": True, "beam_size": 3, "context_s": 1.5, "joint_gap_s": 0.0},
    "seq-b5-fallback": {"beam_size": 5, "temperature_fallback": True},
    "seq-b5-serial": {"beam_size": 5, "parallel_channels": False},
    "seq-b5-vad0.3": {"beam_size": 5, "vad_threshold": 0.3},
    "seq-b5-pad400": {"beam_size": 5, "vad_speech_pad_ms": 400},
}


def texts_by_speaker(transcriber: Transcriber, audio: Path) -> tuple[dict[str, str], float, float]:
    start = time.perf_counter()
    transcript = transcriber.transcribe(audio)
    elapsed = time.perf_counter() - start
    texts: dict[str, list[str]] = {}
    for seg in transcript.segments:
        texts.setdefault(seg.speaker, []).append(seg.text)
    return {k: " ".join(v) for k, v in texts.items()}, elapsed, transcript.duration_s


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--audio", type=Path, default=DEFAULT_AUDIO)
    parser.add_argument("--model", default="base")
    parser.add_argument("--only", nargs="*", help="configuration names (default: all)")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--list", action="store_true")
    parser.add_argument("--dump", type=Path, help="write each configuration's text into this folder")
    args = parser.parse_args()
    if args.list:
        for name, overrides in CONFIGS.items():
            print(f"{name:<22} {overrides}")
        return 0

    reference = read_reference(args.audio)
    names = args.only or list(CONFIGS)
    models: dict[tuple[int, int], tuple[Any, str, int]] = {}
    results: dict[str, list[tuple[float, float]]] = {}
    for _ in range(args.rounds):
        for name in names:
            options = dataclasses.replace(TranscribeOptions(model=args.model, use_cache=False), **CONFIGS[name])
            transcriber = Transcriber(options)
            plan = _thread_plan(options)
            if plan not in models:
                transcriber.load()
                models[plan] = (transcriber._model, transcriber.device, transcriber._workers)
            transcriber._model, transcriber.device, transcriber._workers = models[plan]
            texts, elapsed, duration = texts_by_speaker(transcriber, args.audio)
            error = wer(reference, texts)
            per_speaker = "  ".join(f"{s} {wer({s: reference[s]}, texts) * 100:.1f}%" for s in sorted(reference))
            results.setdefault(name, []).append((elapsed / duration, error))
            print(f"{name:<22} RTF {elapsed / duration:.3f}  WER {error * 100:.1f}%  ({per_speaker})", flush=True)
            if args.dump:
                args.dump.mkdir(parents=True, exist_ok=True)
                (args.dump / f"{name}.txt").write_text(
                    "\n".join(f"{k}: {v}" for k, v in sorted(texts.items())), encoding="utf-8"
                )
    if args.rounds > 1:
        print("best RTF of the rounds:")
        for name, rows in results.items():
            print(f"{name:<22} RTF {min(r for r, _ in rows):.3f}  WER {rows[-1][1] * 100:.1f}%")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
