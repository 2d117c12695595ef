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
    python3 scripts/eval_questions.py --set DIR --by-author [--audio]  # one summary line per author
    python3 scripts/eval_questions.py --set DIR --loao [--audio]       # leave-one-author-out: the topic
        # classifier is trained without the author it scores (scripts/train_topics.py), per author + pooled
    python3 scripts/eval_questions.py --set DIR --topics MODEL.json    # another topic model file (a LOSO one)
    python3 scripts/eval_questions.py --set DIR --degrade[=lower]    # exact text with ASR-like damage: every
        # «?» and «!» becomes «.» (Whisper base keeps few); "lower" also lowercases and drops commas and dashes
    python3 scripts/eval_questions.py --sealed tests/corpus/sealed/NAME.tar.gz [--by-author] [--audio]
        # a sealed fresh set (scripts/sealed_sets.py): pooled figures only, never a miss list
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qa_desk.analysis.corpus import (  # noqa: E402
    Score,
    degrade_text,
    load_dialogue,
    score_dialogue,
    score_dialogues,
    score_utterances,
)
from qa_desk.analysis.corpus_v7 import (  # noqa: E402
    Deal,
    V7Score,
    exact_transcripts,
    find_deals,
    score_deals,
    score_utterance_files,
)
from qa_desk.analysis.questions import bant_ids  # noqa: E402
from qa_desk.analysis.topics import TopicModel, load_model  # noqa: E402
from qa_desk.domain.transcript import RecordingTranscript, Segment  # noqa: E402

BANT_IDS = bant_ids()  # "contract" figures: a lead contract's own questions, these left out

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
    for aspect in ("asked", "answered"):
        t = score.total(aspect, _contract)
        if t.tp + t.fp + t.fn:  # the lead contracts' own questions, BANT ids left out
            print(f"{'CONTRACT':<12}{aspect:<10}{t.precision:6.2f}{t.recall:6.2f}{t.f1:6.2f}   {t.tp}/{t.fp}/{t.fn}")
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


DEGRADE = ""  # --degrade: "marks" (no «?»/«!») or "lower" (also lowercase, no commas or dashes)


def degraded(deal: Deal, index: int) -> tuple[RecordingTranscript | None, list[tuple[float, float]]]:
    rec, spans = exact_transcripts(deal, index)
    if rec is None or not DEGRADE:
        return rec, spans
    segments = [Segment(s.start, s.end, s.speaker, degrade_text(s.text, DEGRADE), s.words) for s in rec.segments]
    return RecordingTranscript(rec.path, rec.duration_s, rec.channels, segments), spans


def v7(folder: Path, audio: bool, model: str, verbose: bool, audio_dir: Path | None,
       topics: TopicModel | None = None) -> None:
    deals = find_deals(folder)
    if not deals:
        lines = score_utterance_files(folder, topics) if not audio else V7Score()
        if lines.amounts_total or lines.counts:  # line files only (a paraphrase set)
            print_score(f"{folder.name}: questions.toml (asked = topic) and amounts.toml (reply to q)", lines, verbose)
        else:
            print(f"{folder}: нет диалогов формата v7", file=sys.stderr)
        return
    authors = sorted({d.author for d in deals})
    label = f"{folder.name} ({len(deals)} deals, {sum(len(d.calls) for d in deals)} calls, authors {', '.join(authors)})"
    if not audio:
        lines = score_utterance_files(folder, topics)
        if lines.amounts_total or lines.counts:
            print_score(f"{folder.name}: questions.toml (asked = topic) and amounts.toml (reply to q)", lines, verbose)
        what = f"exact transcripts, degraded ({DEGRADE})" if DEGRADE else "exact transcripts"
        print_score(f"{label}, {what}", score_deals(deals, degraded, topics), verbose)
        return
    transcripts = _audio(folder, model, audio_dir, verbose)
    print_score(f"{label}, audio through the '{model}' model", score_deals(deals, transcripts, topics), verbose)


def _contract(qid: str) -> bool:
    return qid not in BANT_IDS


def summary_line(name: str, deals: V7Score, lines: V7Score | None) -> str:
    asked, answered = deals.total("asked"), deals.total("answered")
    text = (f"{name:<10} asked {asked.f1:.2f} ({asked.tp}/{asked.fp}/{asked.fn})  answered {answered.f1:.2f} "
            f"({answered.tp}/{answered.fp}/{answered.fn})  amounts {deals.amounts_ok}/{deals.amounts_total}  "
            f"deciders {deals.deciders_ok}/{deals.deciders_total}  checks {deals.checks_ok}/{deals.checks_total}  "
            f"pairing {deals.pairs_ok}/{deals.pairs_total}")
    c_asked, c_answered = deals.total("asked", _contract), deals.total("answered", _contract)
    if c_asked.tp + c_asked.fp + c_asked.fn:
        text += (f"  | contract asked {c_asked.f1:.2f} ({c_asked.tp}/{c_asked.fp}/{c_asked.fn}) answered "
                 f"{c_answered.f1:.2f} ({c_answered.tp}/{c_answered.fp}/{c_answered.fn})")
    if lines is not None and lines.counts:
        q = lines.total("asked")
        text += f"  | questions.toml asked {q.f1:.2f}  amounts.toml {lines.amounts_ok}/{lines.amounts_total}"
    return text


def _merge(into: V7Score, other: V7Score) -> None:
    for key, c in other.counts.items():
        mine = into.counts.setdefault(key, type(c)())
        mine.tp, mine.fp, mine.fn = mine.tp + c.tp, mine.fp + c.fp, mine.fn + c.fn
    for name in ("amounts_ok", "amounts_total", "deciders_ok", "deciders_total", "checks_ok", "checks_total",
                 "pairs_ok", "pairs_total"):
        setattr(into, name, getattr(into, name) + getattr(other, name))
    into.errors += other.errors


def by_author(folder: Path, audio: bool, model: str, audio_dir: Path | None, loao: bool, verbose: bool,
              shipped: TopicModel | None = None) -> None:
    """One summary line per author; with ``loao`` the topic classifier is trained without that author."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import train_topics

    deals = find_deals(folder)
    authors = sorted({d.author for d in deals})
    transcribe = _audio(folder, model, audio_dir, verbose) if audio else None
    shared = train_topics.shared_bags() if loao else []
    bags = (train_topics.v7_bags(folder) + (train_topics.audio_bags(folder) if audio else [])) if loao else []
    pooled_deals, pooled_lines = V7Score(), V7Score()
    what = "leave-one-author-out (classifier trained without the author)" if loao else "all-in (shipped model)"
    text = "audio" if audio else f"exact transcripts, degraded ({DEGRADE})" if DEGRADE else "exact transcripts"
    print(f"\n== {folder.name}, {text}, {what}")
    for author in authors:
        topics = shipped
        if loao:
            topics = train_topics.train([b for b in bags if b.author != author] + shared, train_topics.default_spec())
        mine = [d for d in deals if d.author == author]
        score = score_deals(mine, transcribe, topics) if transcribe else score_deals(mine, degraded, topics)
        lines = score_utterance_files(folder / author, topics) if not audio else None
        print(summary_line(author, score, lines))
        _merge(pooled_deals, score)
        if lines is not None:
            _merge(pooled_lines, lines)
        if verbose:
            for e in score.errors:
                print("  ✗", e)
    print(summary_line("pooled", pooled_deals, pooled_lines if not audio else None))


def _audio(folder: Path, model: str, audio_dir: Path | None, verbose: bool) -> object:
    import importlib.util

    spec = importlib.util.spec_from_file_location("corpus_render", CORPUS / "render.py")
    assert spec is not None and spec.loader is not None
    render = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(render)
    return render.AudioTranscripts(folder, model, audio_dir, verbose=verbose, cached_only=CACHED_ONLY)


CACHED_ONLY = False  # --cached-only: a call not rendered and transcribed already is skipped, never made


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", dest="folder", type=Path, help="a folder of v7 deals (default: every committed set)")
    parser.add_argument("--audio", action="store_true", help="render (v7) and transcribe with Whisper first")
    parser.add_argument("--audio-dir", type=Path, help="where a v7 set's audio is (rendered there when missing)")
    parser.add_argument("--cached-only", action="store_true",
                        help="with --audio: skip (as failed) a call whose audio or transcript is not cached")
    parser.add_argument("--model", default="base")
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--by-author", action="store_true", help="a summary line per author (with --set)")
    parser.add_argument("--loao", action="store_true", help="leave-one-author-out classifier (with --set)")
    parser.add_argument("--degrade", nargs="?", const="marks", default="", choices=("marks", "lower"),
                        help="v7 deals on exact text with ASR-like damage: no «?»/«!» (marks), also lowercase (lower)")
    parser.add_argument("--topics", type=Path, help="another topic model file (with --set; e.g. scripts/loso_topics.py --save)")
    parser.add_argument("--sealed", type=Path, help="a sealed fresh set (scripts/sealed_sets.py): figures only")
    args = parser.parse_args()
    if args.sealed is not None:
        return sealed(args, parser)
    global CACHED_ONLY, DEGRADE
    CACHED_ONLY = args.cached_only
    DEGRADE = args.degrade
    try:
        topics = load_model(args.topics) if args.topics else None
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        print(f"{args.topics}: не модель тем ({type(exc).__name__}: {exc})", file=sys.stderr)
        return 2
    if args.folder is not None and (args.by_author or args.loao):
        by_author(args.folder.resolve(), args.audio, args.model, args.audio_dir, args.loao, args.verbose, topics)
        return 0
    if args.folder is not None:
        v7(args.folder.resolve(), args.audio, args.model, args.verbose, args.audio_dir, topics)
        return 0
    if args.audio:
        audio_old(args.verbose, args.model)
    else:
        exact_old(args.verbose)
    if V7_TUNING.is_dir():
        v7(V7_TUNING, args.audio, args.model, args.verbose, args.audio_dir)
    return 0


def sealed(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """Score a sealed set without showing a line of it: no -v, no --loao (its bags would be the set's lines)."""
    if args.verbose or args.loao or args.folder is not None:
        parser.error("--sealed prints pooled figures only: no -v, --loao or --set")
    if not args.sealed.is_file():
        print(f"{args.sealed}: нет такого архива", file=sys.stderr)
        return 2
    sys.path.insert(0, str(ROOT / "scripts"))
    import sealed_sets

    from qa_desk.config import cache_dir

    if (problem := sealed_sets.unreadable(args.sealed)) is not None:
        print(problem, file=sys.stderr)
        return 2
    global CACHED_ONLY, DEGRADE
    CACHED_ONLY, DEGRADE = args.cached_only, args.degrade
    audio_dir = args.audio_dir or (cache_dir() / "eval-audio" / sealed_sets.set_name(args.sealed) if args.audio else None)
    with sealed_sets.opened(args.sealed) as folder:
        if args.by_author:
            by_author(folder, args.audio, args.model, audio_dir, False, False)
        else:
            v7(folder, args.audio, args.model, False, audio_dir)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
