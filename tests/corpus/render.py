#!/usr/bin/env python3
"""Re-render the corpus dialogues to tests/corpus/audio with scripts/synth_calls.py.

Telephone line as synth_calls renders it (8 kHz, ``sinc 300-3400``, line hiss, its own voice
effects), encoded at 32 kbps instead of the specs' 16: at 16 kbps the base Whisper model garbled the
festival voice badly (word error rate 0.47 vs 0.29 on six clips, see
README.md). The festival voice (clunits) ignores ``Duration_Stretch``; ``--tempo`` slows it with sox
instead (synth_calls.py has no option for either, so this script sets its per-speaker effects).

    python3 tests/corpus/render.py                          # every set
    python3 tests/corpus/render.py --set heldout_v3 --tempo 0.8 --bitrate 16 k01_all_four
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from dataclasses import replace
from pathlib import Path
from types import ModuleType

CORPUS = Path(__file__).resolve().parent
ROOT = CORPUS.parent.parent
SETS = {"tuning": CORPUS / "dialogues", "heldout_v1": CORPUS / "heldout_v1" / "dialogues",
        "heldout": CORPUS / "heldout" / "dialogues", "heldout_v3": CORPUS / "heldout_v3" / "dialogues",
        "heldout_v4": CORPUS / "heldout_v4" / "dialogues", "heldout_v5": CORPUS / "heldout_v5" / "dialogues"}
BITRATE = 32  # kbps (the specs say 16)


def synth_calls() -> ModuleType:
    """Import scripts/synth_calls.py as a module."""
    spec = importlib.util.spec_from_file_location("synth_calls", ROOT / "scripts" / "synth_calls.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["synth_calls"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="dialogue stems to render (default: all)")
    parser.add_argument("--set", dest="sets", action="append", choices=sorted(SETS), help="corpus set (repeatable)")
    parser.add_argument("--tempo", type=float, help="sox tempo for both voices (default: synth_calls' own)")
    parser.add_argument("--client-pitch", type=int, default=-300, help="client pitch shift, cents (with --tempo)")
    parser.add_argument("--bitrate", type=int, default=BITRATE, help="MP3 kbps")
    parser.add_argument("--out", type=Path, default=CORPUS / "audio", help="output root (one folder per set)")
    args = parser.parse_args(argv)
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
