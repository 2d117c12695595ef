#!/usr/bin/env python3
"""Accuracy of the contract-question engine on the labelled corpus (tests/corpus).

Prints precision, recall and F1 per question for "asked" and "answered", and amount accuracy,
for the tuning set and the held-out set separately.

    python3 scripts/eval_questions.py            # exact transcripts (stereo and mono)
    python3 scripts/eval_questions.py --audio    # dialogues rendered to tests/corpus/audio, base model
    python3 scripts/eval_questions.py -v         # also list every error
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qa_desk.analysis.corpus import (  # noqa: E402
    Score,
    load_dialogue,
    score_dialogue,
    score_dialogues,
    score_utterances,
)

CORPUS = ROOT / "tests" / "corpus"
# (label, folder, audio sub-folder): burned sets are reported, but they are not evidence of generalisation.
SETS = (
    ("tuning", CORPUS, "tuning"),
    ("held-out v1 (burned)", CORPUS / "heldout_v1", "heldout_v1"),
    ("held-out v2 (burned)", CORPUS / "heldout", "heldout"),
    ("held-out v3 (burned)", CORPUS / "heldout_v3", "heldout_v3"),
    ("held-out v4 (burned)", CORPUS / "heldout_v4", "heldout_v4"),
    ("held-out v5", CORPUS / "heldout_v5", "heldout_v5"),
)


def print_score(name: str, score: Score, verbose: bool) -> None:
    print(f"\n== {name}")
    print(f"{'question':<12}{'aspect':<10}{'P':>6}{'R':>6}{'F1':>6}   tp/fp/fn")
    for (aspect, qid), c in sorted(score.counts.items(), key=lambda kv: (kv[0][0] != "asked", kv[0][1])):
        if c.tp + c.fp + c.fn == 0:
            continue
        print(f"{qid:<12}{aspect:<10}{c.precision:6.2f}{c.recall:6.2f}{c.f1:6.2f}   {c.tp}/{c.fp}/{c.fn}")
    for aspect in ("asked", "answered"):
        t = score.total(aspect)
        print(f"{'ALL':<12}{aspect:<10}{t.precision:6.2f}{t.recall:6.2f}{t.f1:6.2f}   {t.tp}/{t.fp}/{t.fn}")
    print(f"amounts exact: {score.amounts_ok}/{score.amounts_total} = {score.amount_accuracy:.1%}")
    if verbose:
        for e in score.errors:
            print("  ✗", e)


def exact(verbose: bool) -> None:
    for label, folder, _sub in SETS:
        for mono in (False, True):
            score = Score()
            if (folder / "utterances.toml").exists():
                score_utterances(folder / "utterances.toml", score, mono=mono)
            score_dialogues(folder / "dialogues", score, mono=mono)
            print_score(f"{label}, exact transcripts, {'mono' if mono else 'stereo'}", score, verbose)


def audio(verbose: bool, model: str) -> None:
    from qa_desk.asr.options import TranscribeOptions
    from qa_desk.asr.pipeline import Transcriber

    transcriber = Transcriber(TranscribeOptions(model=model, use_cache=False))
    for label, folder, sub in SETS:
        score = Score()
        audio_dir = CORPUS / "audio" / sub
        for spec in sorted((folder / "dialogues").glob("*.toml")):
            mp3 = audio_dir / spec.with_suffix(".mp3").name
            if not mp3.exists():
                print(f"нет аудио: {mp3.relative_to(ROOT)}", file=sys.stderr)
                continue
            rec = transcriber.transcribe(mp3)
            if verbose:
                for s in rec.segments:
                    print(f"    [{spec.stem}] {s.speaker}: {s.text}")
            score_dialogue(load_dialogue(spec), rec, score)
        print_score(f"{label}, audio through the '{model}' model (stereo)", score, verbose)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--audio", action="store_true", help="transcribe tests/corpus/audio with Whisper first")
    parser.add_argument("--model", default="base")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    if args.audio:
        audio(args.verbose, args.model)
    else:
        exact(args.verbose)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
