#!/usr/bin/env python3
"""Render TOML dialogue specs into synthetic Russian telephone recordings.

Uses Debian's festival + festvox-ru (voice ``msu_ru_nsh_clunits``), sox and lame.

Spec format (TOML)::

    title = "Первый звонок"
    output = "call.mp3"        # optional, used by --demo (relative to the spec); may be a list
    layout = "stereo"          # optional, "stereo" or "mono", used by --demo
    bitrate = 16               # optional MP3 bitrate, kbps (default 24)
    [[turn]]
    speaker = "manager"        # or "client"
    text = "Добрый день, меня зовут Иван."
    pause = 0.6                # optional silence before the turn, seconds

Usage::

    python3 scripts/synth_calls.py SPEC.toml OUT.mp3 --stereo
    python3 scripts/synth_calls.py SPEC.toml OUT.wav --mono
    python3 scripts/synth_calls.py --demo

Stereo puts the manager on the LEFT channel and the client on the RIGHT; turns never
overlap, the idle channel carries only faint line noise.  Every output is 8 kHz,
band-limited with ``sinc 300-3400``.  A sidecar ``OUT.txt`` holds the reference text,
one ``speaker: text`` line per turn.
"""

from __future__ import annotations

import argparse
import array
import csv
import json
import random
import shutil
import subprocess
import sys
import tempfile
import tomllib
import wave
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEMO_DIR = ROOT / "resources" / "demo"
FIXTURES_DIR = ROOT / "tests" / "fixtures" / "audio"

RATE = 8000
VOICE = "(voice_msu_ru_nsh_clunits)"
DEFAULT_PAUSE = 0.6
NOISE_VOL = 0.004  # line hiss amplitude (about -48 dBFS before band-limiting)
# Per-speaker sox effects: slow the voice a little for intelligibility, lower the client's pitch.
SPEAKER_EFFECTS = {
    "manager": ["tempo", "-s", "0.95"],
    "client": ["pitch", "-300", "tempo", "-s", "0.92"],
}
MP3_KBPS = 24

TOOLS = {"text2wave": "festival", "sox": "sox", "lame": "lame"}


class SynthError(RuntimeError):
    """Raised when a tool is missing or a spec is invalid."""


@dataclass(frozen=True)
class Turn:
    """One utterance of the dialogue."""

    speaker: str
    text: str
    pause: float


@dataclass(frozen=True)
class Spec:
    """A parsed dialogue spec."""

    title: str
    turns: list[Turn]
    outputs: tuple[str, ...] = ()
    layout: str = "stereo"
    bitrate: int = MP3_KBPS


def check_tools() -> None:
    """Fail with the Debian package name when a required program is missing."""
    missing = sorted({pkg for tool, pkg in TOOLS.items() if shutil.which(tool) is None})
    if missing:
        raise SynthError(f"missing programs; install: apt-get install {' '.join(missing)}")


def load_spec(path: Path) -> Spec:
    """Read and validate a TOML dialogue spec."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    turns = []
    for i, raw in enumerate(data.get("turn", [])):
        speaker = raw.get("speaker")
        if speaker not in SPEAKER_EFFECTS:
            raise SynthError(f"{path}: turn {i + 1}: speaker must be manager or client")
        text = str(raw.get("text", "")).strip()
        if not text:
            raise SynthError(f"{path}: turn {i + 1}: empty text")
        turns.append(Turn(speaker, text, float(raw.get("pause", DEFAULT_PAUSE))))
    if not turns:
        raise SynthError(f"{path}: no [[turn]] entries")
    layout = data.get("layout", "stereo")
    if layout not in ("stereo", "mono"):
        raise SynthError(f"{path}: layout must be stereo or mono")
    output = data.get("output", [])
    outputs = tuple([output] if isinstance(output, str) else output)
    bitrate = int(data.get("bitrate", MP3_KBPS))
    return Spec(str(data.get("title", path.stem)), turns, outputs, layout, bitrate)


def run(cmd: list[str]) -> None:
    """Run a command, raising SynthError with its stderr on failure."""
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SynthError(f"{cmd[0]} failed: {proc.stderr.strip()[-500:]}")


def say(turn: Turn, workdir: Path, index: int) -> array.array:
    """Synthesize one turn as 8 kHz mono 16-bit samples."""
    txt = workdir / f"t{index}.txt"
    raw = workdir / f"t{index}_raw.wav"
    out = workdir / f"t{index}.wav"
    txt.write_text(turn.text + "\n", encoding="utf-8")
    proc = subprocess.run(["text2wave", "-eval", VOICE, str(txt), "-o", str(raw)],
                          capture_output=True, text=True)
    if proc.returncode != 0 or not raw.exists() or raw.stat().st_size <= 44:
        hint = " (is festvox-ru installed?)" if "msu_ru" in proc.stderr or "unbound" in proc.stderr else ""
        raise SynthError(f"text2wave failed{hint}: {proc.stderr.strip()[-300:]}")
    run(["sox", "-R", str(raw), "-r", str(RATE), "-c", "1", "-b", "16", str(out),
         *SPEAKER_EFFECTS[turn.speaker], "rate", str(RATE), "norm", "-3"])
    with wave.open(str(out), "rb") as w:
        samples = array.array("h", w.readframes(w.getnframes()))
    if sys.byteorder == "big":
        samples.byteswap()
    return samples


def render_tracks(spec: Spec, workdir: Path) -> tuple[array.array, array.array]:
    """Lay the turns out in time: returns (manager track, client track), equal length."""
    manager, client = array.array("h"), array.array("h")
    for i, turn in enumerate(spec.turns):
        gap = array.array("h", bytes(2 * int(turn.pause * RATE)))
        speech = say(turn, workdir, i)
        quiet = array.array("h", bytes(2 * len(speech)))
        manager += gap + (speech if turn.speaker == "manager" else quiet)
        client += gap + (speech if turn.speaker == "client" else quiet)
    tail = array.array("h", bytes(2 * int(0.5 * RATE)))
    return manager + tail, client + tail


def write_wav(path: Path, channels: list[array.array]) -> None:
    """Write 16-bit PCM channels (same length) to a WAV file."""
    if len(channels) == 1:
        frames = channels[0]
    else:
        frames = array.array("h", bytes(2 * len(channels[0]) * len(channels)))
        for c, samples in enumerate(channels):
            frames[c::len(channels)] = samples
    if sys.byteorder == "big":
        frames.byteswap()
    with wave.open(str(path), "wb") as w:
        w.setnchannels(len(channels))
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(frames.tobytes())


def phone_line(src: Path, dst: Path, channels: int, seconds: float) -> None:
    """Add faint line noise and band-limit ``src`` to a 300-3400 Hz phone channel."""
    with tempfile.TemporaryDirectory(prefix="synth_calls_") as tmp:
        noise = Path(tmp) / "noise.wav"
        run(["sox", "-R", "-n", "-r", str(RATE), "-c", str(channels), "-b", "16", str(noise),
             "synth", f"{seconds:.3f}", "pinknoise", "vol", str(NOISE_VOL)])
        run(["sox", "-R", "-m", "-v", "1", str(src), "-v", "1", str(noise), "-b", "16", str(dst),
             "sinc", "300-3400", "rate", str(RATE)])


def encode(pcm: Path, out: Path, channels: int, kbps: int = MP3_KBPS) -> None:
    """Encode the 8 kHz PCM file by the output extension (.wav, .mp3, .ogg)."""
    ext = out.suffix.lower()
    if ext == ".wav":
        run(["sox", "-R", str(pcm), "-r", str(RATE), "-b", "16", "-e", "signed-integer", str(out)])
    elif ext == ".mp3":
        mode = "s" if channels == 2 else "m"
        run(["lame", "--quiet", "-b", str(kbps), "-m", mode, "--resample", "8",
             "--tt", out.stem, str(pcm), str(out)])
    elif ext == ".ogg":
        run(["sox", "-R", str(pcm), "-r", str(RATE), "-C", "0", str(out)])
    else:
        raise SynthError(f"unsupported output format: {ext} (use .mp3, .wav or .ogg)")


def reference_text(spec: Spec) -> str:
    """Sidecar reference text: one ``speaker: text`` line per turn."""
    return "".join(f"{t.speaker}: {t.text}\n" for t in spec.turns)


def render(spec: Spec, out: Path, stereo: bool) -> None:
    """Render ``spec`` into ``out`` plus the ``.txt`` reference sidecar."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="synth_calls_") as tmp:
        workdir = Path(tmp)
        manager, client = render_tracks(spec, workdir)
        if stereo:
            tracks = [manager, client]
        else:  # turns never overlap, so the mono mix is a plain sum
            tracks = [array.array("h", (a + b for a, b in zip(manager, client, strict=True)))]
        clean, line = workdir / "clean.wav", workdir / "line.wav"
        write_wav(clean, tracks)
        phone_line(clean, line, len(tracks), len(manager) / RATE)
        encode(line, out, len(tracks), spec.bitrate)
    out.with_suffix(".txt").write_text(reference_text(spec), encoding="utf-8")


def write_bad_inputs(folder: Path) -> None:
    """Deterministic broken files for error-handling tests."""
    rng = random.Random(20260305)
    (folder / "empty.mp3").write_bytes(b"")
    # Garbage without 0xFF bytes, so no decoder can find an MPEG frame sync in it.
    (folder / "corrupt.mp3").write_bytes(bytes(rng.randrange(0, 255) for _ in range(4096)))
    (folder / "not_audio.wav").write_text("Это не аудио, а текстовый файл.\n", encoding="utf-8")
    # A RIFF header announcing one second of 8 kHz PCM, cut off before the data chunk.
    header = (b"RIFF" + (36 + 16000).to_bytes(4, "little") + b"WAVE"
              + b"fmt " + (16).to_bytes(4, "little") + (1).to_bytes(2, "little") + (1).to_bytes(2, "little")
              + RATE.to_bytes(4, "little") + (2 * RATE).to_bytes(4, "little")
              + (2).to_bytes(2, "little") + (16).to_bytes(2, "little"))
    (folder / "truncated.wav").write_bytes(header[:30])
    with tempfile.TemporaryDirectory(prefix="synth_calls_") as tmp:
        quiet = Path(tmp) / "quiet.wav"
        write_wav(quiet, [array.array("h", bytes(2 * 10 * RATE))])
        phone_line(quiet, folder / "silence.wav", 1, 10.0)


def manifest_json(csv_path: Path) -> None:
    """Write ``manifest.json`` (list of row objects) next to ``manifest.csv``."""
    with csv_path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    text = json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    csv_path.with_suffix(".json").write_text(text, encoding="utf-8")


def demo() -> None:
    """Regenerate every demo recording and audio fixture from the committed specs."""
    specs = sorted((DEMO_DIR / "calls").rglob("*.toml")) + sorted((DEMO_DIR / "leads" / "calls").rglob("*.toml"))
    specs += sorted((FIXTURES_DIR / "specs").glob("*.toml"))
    for path in specs:
        spec = load_spec(path)
        for name in spec.outputs:
            out = (path.parent / name).resolve()
            print(f"{path.relative_to(ROOT)} -> {out.relative_to(ROOT)}")
            render(spec, out, spec.layout == "stereo")
    broken = DEMO_DIR / "calls" / "D-1004" / "broken.mp3"
    broken.parent.mkdir(parents=True, exist_ok=True)
    # A real MP3 start cut to garbage: an ID3 tag header followed by junk.
    broken.write_bytes(b"ID3\x03\x00\x00\x00\x00\x00\x10" + bytes(random.Random(1004).randrange(0, 255)
                                                                  for _ in range(2048)))
    lost = DEMO_DIR / "leads" / "calls" / "L-209" / "2026-03-12_10-00-00_vector.mp3"  # the lead's lost call
    lost.write_bytes(b"ID3\x03\x00\x00\x00\x00\x00\x10" + bytes(random.Random(209).randrange(0, 255) for _ in range(1024)))
    write_bad_inputs(FIXTURES_DIR)
    if (DEMO_DIR / "manifest.csv").exists():
        manifest_json(DEMO_DIR / "manifest.csv")


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("spec", nargs="?", type=Path, help="dialogue spec (.toml)")
    parser.add_argument("out", nargs="?", type=Path, help="output file: .mp3, .wav or .ogg")
    layout = parser.add_mutually_exclusive_group()
    layout.add_argument("--stereo", action="store_true", help="manager left, client right (default)")
    layout.add_argument("--mono", action="store_true", help="both speakers in one channel")
    parser.add_argument("--demo", action="store_true", help="regenerate resources/demo and test fixtures")
    args = parser.parse_args(argv)
    try:
        check_tools()
        if args.demo:
            demo()
        elif args.spec and args.out:
            render(load_spec(args.spec), args.out, stereo=not args.mono)
        else:
            parser.error("give SPEC and OUT, or --demo")
    except SynthError as exc:
        print(f"synth_calls: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
