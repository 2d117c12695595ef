#!/usr/bin/env python3
"""Accuracy of the contract-question engine on labelled corpora.

Old-format sets (tests/corpus, its held-out folders): P/R/F1 per question for "asked" and
"answered", and amount accuracy. Format v7 sets (tests/corpus/v7/..., or any folder given with
--set): also decider accuracy, refusal-check accuracy and pairing accuracy, with a confusion
list of the misses (-v).

    python3 scripts/eval_questions.py                       # every committed set, exact transcripts
    python3 scripts/eval_questions.py --set DIR [-v]        # one v7 folder (author sub-folders)
    python3 scripts/eval_questions.py --set DIR --audio     # rendered to audio, then the base model
    python3 scripts/eval_questions.py --audio               # committed audio of every set
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
from qa_desk.analysis.corpus_v7 import V7Score, find_deals, score_deals, score_utterance_files  # noqa: E402

CORPUS = ROOT / "tests" / "corpus"
V7_TUNING = CORPUS / "v7" / "tuning"
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
    if isinstance(score, V7Score):
        print(f"deciders: {score.share(score.deciders_ok, score.deciders_total)}")
        print(f"refusal checks: {score.share(score.checks_ok, score.checks_total)}")
        print(f"pairing: {score.share(score.pairs_ok, score.pairs_total)}")
    if verbose and score.errors:
        print("misses:")
        for e in score.errors:
            print("  ✗", e)


def exact_old(verbose: bool) -> None:
    for label, folder, _sub in SETS:
        for mono in (False, True):
            score = Score()
            if (folder / "utterances.toml").exists():
                score_utterances(folder / "utterances.toml", score, mono=mono)
            score_dialogues(folder / "dialogues", score, mono=mono)
            print_score(f"{label}, exact transcripts, {'mono' if mono else 'stereo'}", score, verbose)


def audio_old(verbose: bool, model: str) -> None:
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


def v7(folder: Path, audio: bool, model: str, verbose: bool, audio_dir: Path | None) -> None:
    deals = find_deals(folder)
    if not deals:
        print(f"{folder}: нет диалогов формата v7", file=sys.stderr)
        return
    authors = sorted({d.author for d in deals})
    label = f"{folder.name} ({len(deals)} deals, {sum(len(d.calls) for d in deals)} calls, authors {', '.join(authors)})"
    if not audio:
        lines = score_utterance_files(folder)
        if lines.amounts_total or lines.counts:
            print_score(f"{folder.name}: questions.toml (asked = topic) and amounts.toml (reply to q)", lines, verbose)
        print_score(f"{label}, exact transcripts", score_deals(deals), verbose)
        return
    import importlib.util

    spec = importlib.util.spec_from_file_location("corpus_render", CORPUS / "render.py")
    assert spec is not None and spec.loader is not None
    render = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(render)
    transcripts = render.AudioTranscripts(folder, model, audio_dir, verbose=verbose)
    print_score(f"{label}, audio through the '{model}' model", score_deals(deals, transcripts), verbose)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", dest="folder", type=Path, help="a folder of v7 deals (default: every committed set)")
    parser.add_argument("--audio", action="store_true", help="render (v7) and transcribe with Whisper first")
    parser.add_argument("--audio-dir", type=Path, help="where a v7 set's audio is (rendered there when missing)")
    parser.add_argument("--model", default="base")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    if args.folder is not None:
        v7(args.folder.resolve(), args.audio, args.model, args.verbose, args.audio_dir)
        return 0
    if args.audio:
        audio_old(args.verbose, args.model)
    else:
        exact_old(args.verbose)
    if V7_TUNING.is_dir():
        v7(V7_TUNING, args.audio, args.model, args.verbose, args.audio_dir)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
