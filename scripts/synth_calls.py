#!/usr/bin/env python3
"""Render TOML dialogue specs into synthetic Russian telephone recordings.

Uses Debian's festival + festvox-ru (voice ``msu_ru_nsh_clunits``), sox and lame, and numpy
(run it with the project's ``.venv/bin/python`` or a python3 that has numpy).

Spec format (TOML)::

    title = "Первый звонок"
    output = "call.mp3"        # optional, used by --demo (relative to the spec); may be a list
    layout = "stereo"          # optional, "stereo" or "mono", used by --demo
    bitrate = 16               # optional MP3 bitrate, kbps (default 24)
    # optional line conditions (see render_call), for every output:
    profiles = "seeded"        # or ["baritone", "alto"] (manager, client); default: the classic voices
    noise = "babble"           # white | pink | babble, at...
    snr_db = 25                # ...this SNR against each channel's own speech
    codec = "gsm"              # pcm | ulaw | alaw | gsm | mp3 (default: by the output's extension)
    crosstalk_db = -25         # stereo: the other speaker leaks into each channel this far down
    seed = 3
    [[variant]]                # optional: more outputs of the same dialogue, each overriding conditions
    output = "call_alaw.wav"
    codec = "alaw"
    [[turn]]
    speaker = "manager"        # or "client"
    text = "Добрый день, меня зовут Иван."
    pause = 0.6                # optional silence before the turn, seconds; negative: the turn starts
                               # that long before the previous one ends (an overlap; other speaker only)

Usage::

    python3 scripts/synth_calls.py SPEC.toml OUT.mp3 --stereo
    python3 scripts/synth_calls.py SPEC.toml OUT.wav --mono --codec alaw --noise babble --snr 20
    python3 scripts/synth_calls.py SPEC.toml OUT.mp3 --profiles seeded --seed 7 --crosstalk -25 --bitrate 16
    python3 scripts/synth_calls.py --demo

Or from Python: ``render_call(turns, out_path, layout=..., profiles=..., snr_db=..., codec=...,
crosstalk_db=..., seed=...)``.

Stereo puts the manager on the LEFT channel and the client on the RIGHT; without conditions
turns never overlap and the idle channel carries only faint line noise.  Every output is 8 kHz,
band-limited with ``sinc 300-3400``.  A sidecar ``OUT.txt`` holds the reference text,
one ``speaker: text`` line per turn.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import shutil
import sys
import tempfile
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth_line import (  # noqa: E402
    CROSSTALK_DELAY_MS,
    MP3_KBPS,
    PROFILES,
    RATE,
    SynthError,
    add_crosstalk,
    add_noise,
    encode,
    encode_codec,
    phone_line,
    pick_profiles,
    profile_effects,
    synthesize,
    to_int16,
    write_wav,
)

ROOT = Path(__file__).resolve().parent.parent
DEMO_DIR = ROOT / "resources" / "demo"
FIXTURES_DIR = ROOT / "tests" / "fixtures" / "audio"

DEFAULT_PAUSE = 0.6
# Per-speaker sox effects: slow the voice a little for intelligibility, lower the client's pitch.
SPEAKER_EFFECTS = {
    "manager": ["tempo", "-s", "0.95"],
    "client": ["pitch", "-300", "tempo", "-s", "0.92"],
}
SPEAKERS = ("manager", "client")
TAIL_S = 0.5

TOOLS = {"text2wave": "festival", "sox": "sox", "lame": "lame"}

__all__ = ["PROFILES", "LineOptions", "PlacedTurn", "SynthError", "Turn", "render", "render_call"]


@dataclass(frozen=True)
class Turn:
    """One utterance of the dialogue (``pause`` < 0: it overlaps the previous turn by that much)."""

    speaker: str
    text: str
    pause: float = DEFAULT_PAUSE


@dataclass(frozen=True)
class PlacedTurn:
    """Where a rendered turn lies in the recording."""

    speaker: str
    text: str
    start_s: float
    end_s: float


@dataclass(frozen=True)
class LineOptions:
    """Conditions of one rendering beyond layout and bitrate; the defaults change nothing."""

    profiles: Any = None  # None: the classic voices; "seeded"; [manager, client]; {speaker: name}
    noise: str = "pink"
    snr_db: float | None = None
    codec: str | None = None
    crosstalk_db: float | None = None
    crosstalk_delay_ms: float = CROSSTALK_DELAY_MS
    seed: int = 0


@dataclass(frozen=True)
class Spec:
    """A parsed dialogue spec; ``variants``: extra ``(output, layout, bitrate, line)`` renderings."""

    title: str
    turns: list[Turn]
    outputs: tuple[str, ...] = ()
    layout: str = "stereo"
    bitrate: int = MP3_KBPS
    line: LineOptions = field(default_factory=LineOptions)
    variants: tuple[tuple[str, str, int, LineOptions], ...] = ()


def check_tools() -> None:
    """Fail with the Debian package name when a required program is missing."""
    missing = sorted({pkg for tool, pkg in TOOLS.items() if shutil.which(tool) is None})
    if missing:
        raise SynthError(f"missing programs; install: apt-get install {' '.join(missing)}")


_LINE_KEYS = {f.name for f in fields(LineOptions)}


def _line_options(data: Mapping[str, Any], base: LineOptions, where: str) -> LineOptions:
    found = {k: data[k] for k in _LINE_KEYS if k in data}
    try:
        return replace(base, **found)
    except TypeError as exc:
        raise SynthError(f"{where}: {exc}") from exc


def load_spec(path: Path) -> Spec:
    """Read and validate a TOML dialogue spec."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    turns = []
    for i, raw in enumerate(data.get("turn", [])):
        try:
            turns.append(as_turn(raw))
        except SynthError as exc:
            raise SynthError(f"{path}: turn {i + 1}: {exc}") from exc
    if not turns:
        raise SynthError(f"{path}: no [[turn]] entries")
    layout = data.get("layout", "stereo")
    if layout not in ("stereo", "mono"):
        raise SynthError(f"{path}: layout must be stereo or mono")
    output = data.get("output", [])
    outputs = tuple([output] if isinstance(output, str) else output)
    bitrate = int(data.get("bitrate", MP3_KBPS))
    line = _line_options(data, LineOptions(), str(path))
    variants = tuple(
        (str(v["output"]), str(v.get("layout", layout)), int(v.get("bitrate", bitrate)),
         _line_options(v, line, f"{path}: variant {v['output']}"))
        for v in data.get("variant", [])
    )
    return Spec(str(data.get("title", path.stem)), turns, outputs, layout, bitrate, line, variants)


def as_turn(raw: Turn | Mapping[str, Any] | Sequence[Any]) -> Turn:
    """A ``Turn`` from a Turn, a ``{speaker, text, pause}`` mapping or a ``(speaker, text[, pause])`` tuple."""
    if isinstance(raw, Turn):
        turn = raw
    elif isinstance(raw, Mapping):
        turn = Turn(raw.get("speaker", ""), str(raw.get("text", "")).strip(), float(raw.get("pause", DEFAULT_PAUSE)))
    else:
        turn = Turn(str(raw[0]), str(raw[1]).strip(), float(raw[2]) if len(raw) > 2 else DEFAULT_PAUSE)
    if turn.speaker not in SPEAKERS:
        raise SynthError("speaker must be manager or client")
    if not turn.text:
        raise SynthError("empty text")
    return turn


def lay_out(turns: list[Turn], speeches: list[np.ndarray]) -> tuple[list[PlacedTurn], dict[str, np.ndarray]]:
    """Place the turns in time: each starts ``pause`` after everything before it has ended, or,
    with a negative pause, that long before the previous turn ends. Returns the placed turns and
    each speaker's own track (int32, zero where the speaker is silent, all of one length)."""
    spans: list[tuple[int, int]] = []
    cursor = 0
    last_end = dict.fromkeys(SPEAKERS, 0)
    for i, (turn, speech) in enumerate(zip(turns, speeches, strict=True)):
        gap = int(turn.pause * RATE)
        if gap >= 0:
            start = cursor + gap
        else:
            if not i or turns[i - 1].speaker == turn.speaker:
                raise SynthError(f"turn {i + 1}: a negative pause overlaps the other speaker's previous turn only")
            start = max(spans[-1][0], spans[-1][1] + gap)
        if start < last_end[turn.speaker]:
            raise SynthError(f"turn {i + 1}: overlaps the same speaker's previous turn")
        spans.append((start, start + len(speech)))
        last_end[turn.speaker] = cursor = max(cursor, start + len(speech))
    total = cursor + int(TAIL_S * RATE)
    own = {s: np.zeros(total, dtype=np.int32) for s in SPEAKERS}
    for turn, speech, (start, end) in zip(turns, speeches, spans, strict=True):
        own[turn.speaker][start:end] += speech
    placed = [PlacedTurn(t.speaker, t.text, s / RATE, e / RATE) for t, (s, e) in zip(turns, spans, strict=True)]
    return placed, own


def reference_text(turns: Sequence[Turn]) -> str:
    """Sidecar reference text: one ``speaker: text`` line per turn."""
    return "".join(f"{t.speaker}: {t.text}\n" for t in turns)


def render_call(
    turns: Sequence[Turn | Mapping[str, Any] | Sequence[Any]],
    out_path: str | Path,
    *,
    layout: str = "stereo",
    profiles: Any = None,
    snr_db: float | None = None,
    noise: str = "pink",
    codec: str | None = None,
    bitrate: int = MP3_KBPS,
    crosstalk_db: float | None = None,
    crosstalk_delay_ms: float = CROSSTALK_DELAY_MS,
    seed: int = 0,
) -> list[PlacedTurn]:
    """Render a call into ``out_path`` (.mp3, .wav, .ogg) plus its ``.txt`` reference sidecar.

    ``profiles``: None keeps the classic voices; ``"seeded"`` draws a distinct ``PROFILES`` entry per
    speaker from ``seed``; or name them (``["baritone", "alto"]`` or ``{"client": "alto", ...}``).
    ``snr_db``: background ``noise`` (white, pink, babble of synthesized office talk) that far below
    each channel's own speech. ``crosstalk_db`` (stereo): each channel also carries the other
    speaker, delayed ``crosstalk_delay_ms``. ``codec``: ulaw/alaw (8-bit WAV), gsm (GSM 06.10), or
    by the extension; MP3 at ``bitrate`` kbps. Returns where each turn lies in the recording.
    """
    if layout not in ("stereo", "mono"):
        raise SynthError("layout must be stereo or mono")
    out = Path(out_path)
    placed_turns = [as_turn(t) for t in turns]
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="synth_calls_") as tmp:
        workdir = Path(tmp)
        if profiles is None:
            effects = {s: [*SPEAKER_EFFECTS[s], "rate", str(RATE), "norm", "-3"] for s in SPEAKERS}
        else:
            effects = {s: profile_effects(p) for s, p in pick_profiles(SPEAKERS, profiles, seed).items()}
        sounds: dict[tuple[str, str], np.ndarray] = {}

        def say(text: str, fx: list[str]) -> np.ndarray:
            key = (text, " ".join(fx))
            if key not in sounds:
                sounds[key] = synthesize(text, fx, workdir, f"t{len(sounds)}")
            return sounds[key]

        speeches = [say(t.text, effects[t.speaker]) for t in placed_turns]
        placed, own = lay_out(placed_turns, speeches)
        own_tracks = [own["manager"], own["client"]]
        tracks = own_tracks if layout == "stereo" else [own_tracks[0] + own_tracks[1]]
        levels = own_tracks if layout == "stereo" else tracks
        mixed = [t.astype(np.float64) for t in tracks]
        if crosstalk_db is not None:
            if layout != "stereo":
                raise SynthError("crosstalk needs a stereo layout")
            mixed = add_crosstalk(mixed, crosstalk_db, crosstalk_delay_ms)
        if snr_db is not None:
            mixed = add_noise(mixed, levels, noise, snr_db, seed, lambda text, p: say(text, profile_effects(p)))
        clean, line = workdir / "clean.wav", workdir / "line.wav"
        write_wav(clean, [to_int16(t) for t in mixed])
        phone_line(clean, line, len(tracks), len(own_tracks[0]) / RATE)
        if codec is None:
            encode(line, out, len(tracks), bitrate)
        else:
            encode_codec(line, out, len(tracks), codec, bitrate)
    out.with_suffix(".txt").write_text(reference_text(placed_turns), encoding="utf-8")
    return placed


def render(spec: Spec, out: Path, stereo: bool, line: LineOptions | None = None) -> list[PlacedTurn]:
    """Render ``spec`` into ``out`` plus the ``.txt`` reference sidecar."""
    options = line or spec.line
    return render_call(spec.turns, out, layout="stereo" if stereo else "mono", bitrate=spec.bitrate,
                       profiles=options.profiles, snr_db=options.snr_db, noise=options.noise,
                       codec=options.codec, crosstalk_db=options.crosstalk_db,
                       crosstalk_delay_ms=options.crosstalk_delay_ms, seed=options.seed)


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
        write_wav(quiet, [np.zeros(10 * RATE, dtype=np.int16)])
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
        for name, layout, bitrate, line in spec.variants:
            out = (path.parent / name).resolve()
            print(f"{path.relative_to(ROOT)} -> {out.relative_to(ROOT)}")
            render(replace(spec, bitrate=bitrate), out, layout == "stereo", line)
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
    conditions = parser.add_argument_group("line conditions (override the spec's)")
    conditions.add_argument("--profiles", help="'seeded' or MANAGER,CLIENT profile names (see --list-profiles)")
    conditions.add_argument("--noise", choices=("white", "pink", "babble"), help="background noise kind")
    conditions.add_argument("--snr", type=float, dest="snr_db", help="background noise SNR, dB (e.g. 25)")
    conditions.add_argument("--codec", choices=("pcm", "ulaw", "alaw", "gsm", "mp3"))
    conditions.add_argument("--crosstalk", type=float, dest="crosstalk_db", help="leak of the other speaker, dB (e.g. -25)")
    conditions.add_argument("--seed", type=int)
    conditions.add_argument("--bitrate", type=int, help="MP3 kbps")
    parser.add_argument("--list-profiles", action="store_true", help="print the voice profiles and exit")
    args = parser.parse_args(argv)
    if args.list_profiles:
        for profile in PROFILES.values():
            print(f"{profile.name:<11} {' '.join(profile.effects())}  level {profile.level_db:+g} dB")
        return 0
    try:
        check_tools()
        if args.demo:
            demo()
        elif args.spec and args.out:
            spec = load_spec(args.spec)
            given = {k: getattr(args, k) for k in ("noise", "snr_db", "codec", "crosstalk_db", "seed")
                     if getattr(args, k) is not None}
            if args.profiles:
                given["profiles"] = "seeded" if args.profiles == "seeded" else args.profiles.split(",")
            spec = replace(spec, line=replace(spec.line, **given), bitrate=args.bitrate or spec.bitrate)
            render(spec, args.out, stereo=not args.mono)
        else:
            parser.error("give SPEC and OUT, or --demo")
    except SynthError as exc:
        print(f"synth_calls: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
