#!/usr/bin/env python
"""Project pipeline vs plain ``WhisperModel.transcribe`` (beam 5, no batching) on one recording.

Each side runs in its own subprocess so that peak memory (ru_maxrss) is measured separately.
WER is counted per channel (manager text vs manager reference, client vs client) and summed, so
neither side is charged for how it orders turns.

One 5-minute call has ~560 reference words, and any change of how its speech is cut into
windows moves either side's WER by ±1.5 points. To tell a real difference from that noise,
``--long`` adds the same comparison pooled over five 5-minute calls (this one and the four in
``tests/fixtures/audio/bench``, ~2 800 words), and ``--demo`` over the demo calls that have a
reference text (11 short calls, 580 words). ``--conditions`` runs the benchmark call again through
telephone conditions made in a temporary folder (``bench_conditions.py``: GSM 06.10, A-law and µ-law
8 kHz WAV, 16 kbps MP3, the other speaker leaking in at -25 dB, babble of the other calls at 20 dB
SNR) and prints the WER of both sides per condition beside the clean call. Usage::

    python scripts/bench_transcribe.py [tests/fixtures/audio/long_call.mp3] [--model base] [--long] [--demo] [--conditions]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_AUDIO = ROOT / "tests" / "fixtures" / "audio" / "long_call.mp3"
DEMO_CALLS = ROOT / "resources" / "demo" / "calls"
LONG_CALLS = ROOT / "tests" / "fixtures" / "audio" / "bench"
SPEED_TARGET = 2.0
WER_MARGIN = 0.01
RSS_LIMIT_MB = 1536


def normalize(text: str) -> str:
    text = text.lower().replace("ё", "е")
    text = re.sub(r"[^\w\s]|_", " ", text)
    return " ".join(text.split())


def read_reference(audio: Path) -> dict[str, str]:
    """``speaker: text`` lines of ``<audio>.txt`` joined per speaker."""
    by_speaker: dict[str, list[str]] = {}
    for line in audio.with_suffix(".txt").read_text(encoding="utf-8").splitlines():
        speaker, sep, text = line.partition(":")
        if sep and text.strip():
            by_speaker.setdefault(speaker.strip(), []).append(text.strip())
    return {k: " ".join(v) for k, v in by_speaker.items()}


def pooled_wer(references: list[dict[str, str]], hypotheses: list[dict[str, str]]) -> float:
    """WER over several recordings at once (errors summed over reference words)."""
    import jiwer

    refs, hyps = [], []
    for reference, hypothesis in zip(references, hypotheses, strict=True):
        for speaker in sorted(reference):
            refs.append(normalize(reference[speaker]))
            hyps.append(normalize(hypothesis.get(speaker, "")))
    return float(jiwer.wer(refs, hyps))


def wer(reference: dict[str, str], hypothesis: dict[str, str]) -> float:
    return pooled_wer([reference], [hypothesis])


def demo_calls() -> list[Path]:
    """Stereo demo calls with a ``speaker: text`` reference beside them."""
    return sorted(p for p in DEMO_CALLS.glob("*/*.mp3") if p.with_suffix(".txt").is_file())


def long_calls() -> list[Path]:
    """The benchmark call and four more 5-minute calls rendered the same way."""
    return [DEFAULT_AUDIO, *sorted(LONG_CALLS.glob("*.mp3"))]


def run_pipeline(audios: list[Path], model: str) -> dict[str, object]:
    from qa_desk.asr import TranscribeOptions, Transcriber

    transcriber = Transcriber(TranscribeOptions(model=model, use_cache=False))
    transcriber.load()
    elapsed, duration, texts = 0.0, 0.0, []
    for audio in audios:
        start = time.perf_counter()
        transcript = transcriber.transcribe(audio)
        elapsed += time.perf_counter() - start
        duration += transcript.duration_s
        by_speaker: dict[str, list[str]] = {}
        for seg in transcript.segments:
            by_speaker.setdefault(seg.speaker, []).append(seg.text)
        texts.append({k: " ".join(v) for k, v in by_speaker.items()})
    return {"elapsed": elapsed, "duration": duration, "texts": texts}


def run_baseline(audios: list[Path], model: str) -> dict[str, object]:
    from faster_whisper import WhisperModel

    from qa_desk.asr.models import resolve_model
    from qa_desk.asr.options import DEFAULT_CHANNEL_MAP
    from qa_desk.audio import load_channels

    path, _ = resolve_model(model)
    whisper = WhisperModel(path, device="cpu", compute_type="int8")
    elapsed, duration, texts = 0.0, 0.0, []
    for audio in audios:
        start = time.perf_counter()
        channels, info = load_channels(audio)
        by_speaker = {}
        for index, speaker in enumerate(DEFAULT_CHANNEL_MAP[: channels.shape[0]]):
            segments, _ = whisper.transcribe(channels[index], language="ru")
            by_speaker[speaker] = " ".join(s.text.strip() for s in segments)
        elapsed += time.perf_counter() - start
        duration += info.duration_s
        texts.append(by_speaker)
    return {"elapsed": elapsed, "duration": duration, "texts": texts}


def child(kind: str, audios: list[Path], model: str, out: Path) -> None:
    result = run_pipeline(audios, model) if kind == "pipeline" else run_baseline(audios, model)
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    out.write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")


def measure(kind: str, audios: list[Path], model: str) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "result.json"
        env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
        cmd = [sys.executable, __file__, *map(str, audios), "--model", model, "--child", kind, "--out", str(out)]
        subprocess.run(cmd, check=True, env=env)
        return json.loads(out.read_text(encoding="utf-8"))


def compare(audios: list[Path], model: str, title: str) -> dict[str, tuple[float, float, float]]:
    """Both sides on ``audios``: ``kind: (RTF, WER, peak RSS MB)``, printed as a table."""
    references = [read_reference(audio) for audio in audios]
    print(title)
    figures = {}
    for kind in ("pipeline", "baseline"):
        row = measure(kind, audios, model)
        rtf = float(row["elapsed"]) / float(row["duration"])  # type: ignore[arg-type]
        error = pooled_wer(references, row["texts"])  # type: ignore[arg-type]
        figures[kind] = (rtf, error, float(row["peak_rss_mb"]))  # type: ignore[arg-type]
        print(f"  {kind:<9} RTF {rtf:.3f}  ({row['elapsed']:.1f} с на {row['duration']:.0f} с)  "
              f"WER {error * 100:.1f}%  пик RSS {row['peak_rss_mb']:.0f} МБ")
    return figures


def compare_conditions(audio: Path, model: str) -> None:
    """Both sides on ``audio`` through each telephone condition: WER beside the clean call."""
    from bench_conditions import make_conditions

    print(f"Условия линии ({audio.name}), WER по каналам:")
    with tempfile.TemporaryDirectory(prefix="qa-desk-conditions-") as tmp:
        made = make_conditions(audio, [c for c in long_calls() if c != audio], Path(tmp))
        paths = list(made.values())
        references = [read_reference(p) for p in paths]
        rows = {kind: measure(kind, paths, model) for kind in ("pipeline", "baseline")}
        for i, name in enumerate(made):
            errors = {kind: pooled_wer([references[i]], [rows[kind]["texts"][i]]) for kind in rows}  # type: ignore[index]
            print(f"  {name:<16} конвейер {errors['pipeline'] * 100:5.1f}%   faster-whisper {errors['baseline'] * 100:5.1f}%")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("audio", nargs="*", type=Path, default=[DEFAULT_AUDIO])
    parser.add_argument("--model", default="base")
    parser.add_argument("--long", action="store_true", help="also compare pooled over five 5-minute calls")
    parser.add_argument("--demo", action="store_true", help="also compare pooled over the demo calls")
    parser.add_argument("--conditions", action="store_true", help="also WER per telephone condition (codecs, leak, babble)")
    parser.add_argument("--child", choices=("pipeline", "baseline"), help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.audio, args.model, args.out)
        return 0

    names = ", ".join(a.name for a in args.audio)
    figures = compare(args.audio, args.model, f"Запись: {names}, модель {args.model}, ядер CPU: {os.cpu_count()}")
    (p_rtf, p_wer, p_rss), (b_rtf, b_wer, _) = figures["pipeline"], figures["baseline"]
    speedup = b_rtf / p_rtf
    checks = {
        f"ускорение {speedup:.2f}× ≥ {SPEED_TARGET:.0f}×": speedup >= SPEED_TARGET,
        f"WER {p_wer * 100:.1f}% ≤ {b_wer * 100:.1f}% + {WER_MARGIN * 100:.0f}": p_wer <= b_wer + WER_MARGIN,
        f"пик RSS {p_rss:.0f} МБ ≤ {RSS_LIMIT_MB} МБ": p_rss <= RSS_LIMIT_MB,
    }
    for label, ok in checks.items():
        print(f"  {'PASS' if ok else 'FAIL'}  {label}")
    pooled_sets = {
        "Пять звонков по 5 минут, WER по всем сразу:": long_calls() if args.long else [],
        "Демо-звонки с эталонным текстом, WER по всем сразу:": demo_calls() if args.demo else [],
    }
    for title, calls in pooled_sets.items():
        if calls:
            pooled = compare(calls, args.model, f"{title} ({len(calls)})")
            (dp_rtf, dp_wer, _), (db_rtf, db_wer, _) = pooled["pipeline"], pooled["baseline"]
            print(f"  ускорение {db_rtf / dp_rtf:.2f}×, разница WER {(dp_wer - db_wer) * 100:+.1f} п.")
    if args.conditions:
        compare_conditions(args.audio[0], args.model)
    passed = all(checks.values())
    print("PASS" if passed else "FAIL")
    return 0 if passed else 1


if __name__ == "__main__":
    raise SystemExit(main())
