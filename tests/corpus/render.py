#!/usr/bin/env python3
"""Re-render the corpus dialogues to tests/corpus/audio with scripts/synth_calls.py.

Telephone line as synth_calls renders it (8 kHz, ``sinc 300-3400``, line hiss, its own voice
effects), encoded at 32 kbps instead of the specs' 16: at 16 kbps the base Whisper model garbled the
festival voice badly (word error rate 0.47 vs 0.29 on six clips, see
README.md). The festival voice (clunits) ignores ``Duration_Stretch``; ``--tempo`` slows it with sox
instead (synth_calls.py has no option for either, so this script sets its per-speaker effects).

    python3 tests/corpus/render.py                          # every set
    python3 tests/corpus/render.py --set heldout_v3 --tempo 0.8 --bitrate 16 k01_all_four
    python3 tests/corpus/render.py --v7 tests/corpus/v7/tuning --out DIR [names]   # format v7

Format v7 deals are rendered call by call with varied lines, drawn per call from its name: a voice
profile per speaker (pitch, tempo, timbre), background noise (pink, white, or babble) at 20-30 dB
SNR, and a codec (16 kbps MP3, GSM 06.10, A-law or µ-law 8 kHz WAV), mono or stereo as the call
says. Each call gets ``<author>/<stem>.call<N>.<ext>`` and a ``.json`` sidecar with where each turn
lies (for pairing). ``AudioTranscripts`` renders what is missing and transcribes (cached).
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import re
import sys
from dataclasses import replace
from pathlib import Path
from types import ModuleType
from typing import Any

CORPUS = Path(__file__).resolve().parent
ROOT = CORPUS.parent.parent
SETS = {"tuning": CORPUS / "dialogues", "heldout_v1": CORPUS / "heldout_v1" / "dialogues",
        "heldout": CORPUS / "heldout" / "dialogues", "heldout_v3": CORPUS / "heldout_v3" / "dialogues",
        "heldout_v4": CORPUS / "heldout_v4" / "dialogues", "heldout_v5": CORPUS / "heldout_v5" / "dialogues"}
BITRATE = 32  # kbps (the specs say 16)


def synth_calls() -> ModuleType:
    """Import scripts/synth_calls.py as a module."""
    if "synth_calls" in sys.modules:
        return sys.modules["synth_calls"]
    spec = importlib.util.spec_from_file_location("synth_calls", ROOT / "scripts" / "synth_calls.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["synth_calls"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def festival_cache() -> Path:
    """Where festival's speech is kept between renderings (the user cache; QA_DESK_CACHE_DIR moves it)."""
    sys.path.insert(0, str(ROOT))
    from qa_desk.config import cache_dir

    path = cache_dir() / "festival"
    path.mkdir(parents=True, exist_ok=True)
    return path


def cached_synthesis(synth: ModuleType) -> None:
    """Make ``synth``'s festival calls reuse earlier output: festival's raw speech is kept per text and
    the voice-profile result per (text, sox effects), so a re-rendering and babble noise (the same
    office sentences in every call) cost a sox run or a file read instead of a festival run.

    Byte-identical to an uncached rendering: the same text2wave and sox commands, run once.
    """
    import subprocess
    import wave

    import numpy as np

    if getattr(synth.synthesize, "cached", False):
        return
    cache = festival_cache()
    voice, rate, run = synth.synthesize.__globals__["VOICE"], synth.RATE, synth.synthesize.__globals__["run"]

    def synthesize(text: str, effects: list[str], workdir: Path, tag: str) -> Any:
        key = hashlib.sha256(f"{voice}\n{text}".encode()).hexdigest()[:32]
        fx_key = hashlib.sha256(f"{key}\n{' '.join(effects)}".encode()).hexdigest()[:32]
        done = cache / f"{fx_key}.npy"
        if done.exists():
            return np.load(done)
        raw = cache / f"{key}.wav"
        if not raw.exists():
            txt, tmp_raw = workdir / f"{tag}.txt", workdir / f"{tag}_raw.wav"
            for attempt in (text, festival_safe(text)):  # festival's Russian rules fail on «пока! …Так»
                txt.write_text(attempt + "\n", encoding="utf-8")
                proc = subprocess.run(["text2wave", "-eval", voice, str(txt), "-o", str(tmp_raw)],
                                      capture_output=True, text=True)
                if proc.returncode == 0 and tmp_raw.exists() and tmp_raw.stat().st_size > 44:
                    break
            if proc.returncode != 0 or not tmp_raw.exists() or tmp_raw.stat().st_size <= 44:
                raise synth.SynthError(f"text2wave failed: {proc.stderr.strip()[-300:]}")
            tmp_raw.replace(raw)
        out = workdir / f"{tag}.wav"
        run(["sox", "-R", str(raw), "-r", str(rate), "-c", "1", "-b", "16", str(out), *effects])
        with wave.open(str(out), "rb") as w:
            speech = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").copy()
        partial = done.with_suffix(".part.npy")
        np.save(partial, speech)
        partial.replace(done)
        return speech

    synthesize.cached = True  # type: ignore[attr-defined]
    synth.synthesize = synthesize


def festival_safe(text: str) -> str:
    """The line with its punctuation runs («! …», «?!», quotes, dashes) reduced to what festival's Russian
    letter-to-sound rules accept: words, commas, full stops and question marks."""
    import re

    text = re.sub(r"[«»\"“”„()\[\]*]", " ", text)
    text = re.sub(r"\s*[…!;:—–]+\s*", ", ", text)
    text = re.sub(r"[,\s]*([.?])[.?!,\s]*", r"\1 ", text)
    return re.sub(r"\s+", " ", re.sub(r"(,\s*)+", ", ", text)).strip(" ,")


CODECS_V7 = ("mp3", "gsm", "alaw", "mp3", "ulaw", "gsm")
NOISES_V7 = ("pink", "white", "pink", "babble")
V7_BITRATE = 16


def _draw(name: str) -> int:
    return int(hashlib.sha256(name.encode()).hexdigest()[:8], 16)


def v7_conditions(name: str) -> dict[str, Any]:
    """The line a v7 call is rendered with, drawn from its name (stable across runs)."""
    h = _draw(name)
    return {"codec": CODECS_V7[h % len(CODECS_V7)], "noise": NOISES_V7[(h >> 4) % len(NOISES_V7)],
            "snr_db": 20 + (h >> 8) % 11, "seed": h % 1000}


def v7_audio_path(out: Path, deal: Any, index: int) -> Path:
    codec = v7_conditions(f"{deal.name}.call{index + 1}")["codec"]
    return out / deal.author / f"{deal.path.stem}.call{index + 1}.{'mp3' if codec == 'mp3' else 'wav'}"


_LATIN = str.maketrans("abcdefghijklmnopqrstuvwxyz", "абцдефгхийклмнопкрстуввкиз")


def speakable(text: str) -> str:
    """Text festival's Russian voice can read: no quotes or dashes, Latin letters spelled in Cyrillic."""
    text = text.lower().translate(_LATIN)
    for old, new in (("«", ""), ("»", ""), ('"', ""), ("—", ","), ("–", ","), ("…", "."), ("ё", "е")):
        text = text.replace(old, new)
    text = "".join(ch if ch.isalnum() or ch in " .,?!-" else " " for ch in text)
    text = re.sub(r"(?<!\w)-|-(?!\w)", " ", text)  # a dash that joins no words
    text = re.sub(r"\s+([.,?!])", r"\1", text)
    text = re.sub(r"([.,?!])[.,?!]+", r"\1", text)
    return re.sub(r"^[\s.,?!]+", "", " ".join(text.split())) or "алло"


def render_v7_call(deal: Any, index: int, out: Path) -> Path:
    """Render one call of a v7 deal (see the module docstring); returns the audio path."""
    synth = synth_calls()
    cached_synthesis(synth)
    call = deal.calls[index]
    path = v7_audio_path(out, deal, index)
    c = v7_conditions(f"{deal.name}.call{index + 1}")
    turns = [{"speaker": t.speaker, "text": speakable(t.text)} for t in call.turns]
    placed = synth.render_call(turns, path, layout="stereo" if call.stereo else "mono", profiles="seeded",
                               snr_db=float(c["snr_db"]), noise=c["noise"],
                               codec=None if c["codec"] == "mp3" else c["codec"], bitrate=V7_BITRATE, seed=c["seed"])
    path.with_suffix(".txt").unlink(missing_ok=True)
    sidecar = {"conditions": c, "turns": [[round(p.start_s, 2), round(p.end_s, 2)] for p in placed]}
    path.with_suffix(".json").write_text(json.dumps(sidecar), encoding="utf-8")
    return path


class AudioTranscripts:
    """``score_deal``'s transcriber for audio: render a call when missing, transcribe it (cached)."""

    def __init__(self, folder: Path, model: str, audio_dir: Path | None, verbose: bool = False,
                 cached_only: bool = False) -> None:
        from qa_desk.asr.options import TranscribeOptions
        from qa_desk.asr.pipeline import Transcriber
        from qa_desk.config import cache_dir

        committed = CORPUS / "audio" / "v7" / folder.name
        self.out = audio_dir or (committed if folder.is_relative_to(CORPUS) else cache_dir() / "eval-audio" / folder.name)
        self.transcriber = Transcriber(TranscribeOptions(model=model))
        self.verbose = verbose
        self.cached_only = cached_only  # never render or transcribe: an uncached call counts as failed

    def __call__(self, deal: Any, index: int) -> tuple[Any, list[tuple[float, float]]]:
        from qa_desk.asr.errors import AsrError

        path = v7_audio_path(self.out, deal, index)
        if self.cached_only and not self._cached(path):
            print(f"{deal.name}, звонок {index + 1}: нет в кэше, пропущен (--cached-only)", file=sys.stderr)
            return None, []
        if not path.exists():
            render_v7_call(deal, index, self.out)
        spans = [tuple(t) for t in json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))["turns"]]
        try:
            rec = self.transcriber.transcribe(path)
        except (AsrError, OSError) as exc:
            print(f"{path}: {exc}", file=sys.stderr)
            return None, spans
        if self.verbose:
            for s in rec.segments:
                print(f"    [{deal.name} {index + 1}] {s.speaker}: {s.text}")
        return rec, spans


    def _cached(self, path: Path) -> bool:
        from qa_desk.audio import file_sha256

        if not path.exists() or not path.with_suffix(".json").exists():
            return False
        opts = self.transcriber.options
        return self.transcriber.cache.get(file_sha256(path), opts) is not None


def render_v7(folder: Path, out: Path, names: list[str]) -> None:
    sys.path.insert(0, str(ROOT))
    from qa_desk.analysis.corpus_v7 import find_deals

    for deal in find_deals(folder):
        if names and deal.path.stem not in names:
            continue
        for i in range(len(deal.calls)):
            if not v7_audio_path(out, deal, i).exists():
                print(f"{deal.name} call {i + 1} -> {render_v7_call(deal, i, out)}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="dialogue stems to render (default: all)")
    parser.add_argument("--set", dest="sets", action="append", choices=sorted(SETS), help="corpus set (repeatable)")
    parser.add_argument("--tempo", type=float, help="sox tempo for both voices (default: synth_calls' own)")
    parser.add_argument("--client-pitch", type=int, default=-300, help="client pitch shift, cents (with --tempo)")
    parser.add_argument("--bitrate", type=int, default=BITRATE, help="MP3 kbps")
    parser.add_argument("--out", type=Path, default=CORPUS / "audio", help="output root (one folder per set)")
    parser.add_argument("--v7", type=Path, help="a folder of format v7 deals (author sub-folders)")
    args = parser.parse_args(argv)
    if args.v7 is not None:
        out = args.out if args.out != CORPUS / "audio" else CORPUS / "audio" / "v7" / args.v7.name
        render_v7(args.v7.resolve(), out, args.names)
        return 0
    synth = synth_calls()
    if args.tempo is not None:
        synth.SPEAKER_EFFECTS["manager"] = ["tempo", "-s", str(args.tempo)]
        synth.SPEAKER_EFFECTS["client"] = ["pitch", str(args.client_pitch), "tempo", "-s", str(args.tempo)]
    synth.check_tools()
    for name in args.sets or sorted(SETS):
        folder = SETS[name]
        for path in sorted(folder.glob("*.toml")):
            if args.names and path.stem not in args.names:
                continue
            out = args.out / name / path.with_suffix(".mp3").name
            spec = replace(synth.load_spec(path), bitrate=args.bitrate)
            synth.render(spec, out, stereo=True)
            out.with_suffix(".txt").unlink(missing_ok=True)  # the spec is the reference text
            print(f"{path.relative_to(ROOT)} -> {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
