#!/usr/bin/env python3
"""Does a manager line ASK budget / authority / need / timing? Scored on an independent bank.

The bank (default tests/corpus/banks/questions.toml, written by an outside author who never saw the
engine) holds ``[[case]]`` tables: optional ``before`` (the client's previous line), the manager's
``line`` and ``asks`` (a list of BANT topics, [] for a trap). Each case becomes a short stereo call —
``before`` (client), ``line`` (manager), a neutral client reply — analysed by the real engine with the
BANT set; a topic counts as asked when its asked evidence lies on the manager's line.

    python3 scripts/eval_bank_questions.py [BANK] [-v] [--degrade] [--reply TEXT|--no-reply]
        [--half even|odd] [--topics MODEL.json]   # another topic model (e.g. a leave-one-set-out one)
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qa_desk.analysis import bank_file  # noqa: E402
from qa_desk.analysis.corpus import Counts, degrade_text  # noqa: E402
from qa_desk.analysis.deal import analyze_deal  # noqa: E402
from qa_desk.analysis.questions import bant  # noqa: E402
from qa_desk.analysis.topics import TopicModel, load_model  # noqa: E402
from qa_desk.domain.transcript import RecordingTranscript, Segment  # noqa: E402

BANK = ROOT / "tests" / "corpus" / "banks" / "questions.toml"
TOPICS = ("budget", "authority", "need", "timing")
NEUTRAL = "Угу."


@dataclass(slots=True)
class Case:
    index: int
    line: str
    asks: list[str]
    before: str | None = None
    note: str = ""


@dataclass(slots=True)
class BankScore:
    tp: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TOPICS, 0))
    fp: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TOPICS, 0))
    fn: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TOPICS, 0))
    traps: int = 0
    traps_fired: int = 0
    cases: int = 0
    exact: int = 0
    misses: list[str] = field(default_factory=list)

    def total(self) -> tuple[int, int, int]:
        return sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values())


def load_bank(path: Path = BANK) -> list[Case]:
    return [Case(i, c["line"], [str(t) for t in c["asks"]], c.get("before"), str(c.get("note", "")))
            for i, c in bank_file.cases(path, {"line": str, "asks": list})]


def call(case: Case, reply: str | None, degrade: bool) -> tuple[RecordingTranscript, float]:
    fix = degrade_text if degrade else (lambda s: s)
    turns: list[tuple[str, str]] = []
    if case.before:
        turns.append(("client", fix(case.before)))
    turns.append(("manager", fix(case.line)))
    if reply is not None:
        turns.append(("client", reply))
    segments, t, start = [], 0.0, 0.0
    for speaker, text in turns:
        length = max(1.0, len(text.split()) / 2.5)
        if speaker == "manager":
            start = round(t, 2)
        segments.append(Segment(round(t, 2), round(t + length, 2), speaker, text))
        t += length + 0.5
    return RecordingTranscript("bank", t, 2, segments), start


def asked_topics(case: Case, reply: str | None = NEUTRAL, degrade: bool = False,
                 topics: TopicModel | None = None) -> list[str]:
    rec, start = call(case, reply, degrade)
    analysis = analyze_deal([rec], bant(), topics=topics)
    return sorted(q.id for q in analysis.questions
                  if q.id in TOPICS and any(abs(e.start - start) < 0.01 for e in q.asked_evidence))


def score_bank(cases: Iterable[Case], reply: str | None = NEUTRAL, degrade: bool = False,
               topics: TopicModel | None = None) -> BankScore:
    score = BankScore()
    for case in cases:
        got = set(asked_topics(case, reply, degrade, topics))
        want = set(case.asks)
        score.cases += 1
        score.exact += got == want
        if not want:
            score.traps += 1
            score.traps_fired += bool(got)
        for t in TOPICS:
            score.tp[t] += t in got and t in want
            score.fp[t] += t in got and t not in want
            score.fn[t] += t in want and t not in got
        if got != want:
            before = f"[{case.before}] " if case.before else ""
            score.misses.append(f"#{case.index} want {sorted(want)} got {sorted(got)}: {before}«{case.line}»")
    return score


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    counts = Counts(tp, fp, fn)
    return counts.precision, counts.recall, counts.f1


def report(name: str, score: BankScore, verbose: bool) -> None:
    print(f"\n== {name}: {score.cases} cases, exact {score.exact}/{score.cases}, "
          f"traps fired {score.traps_fired}/{score.traps}")
    print(f"{'topic':<10}{'P':>6}{'R':>6}{'F1':>6}   tp/fp/fn")
    for t in TOPICS:
        p, r, f = _prf(score.tp[t], score.fp[t], score.fn[t])
        print(f"{t:<10}{p:6.2f}{r:6.2f}{f:6.2f}   {score.tp[t]}/{score.fp[t]}/{score.fn[t]}")
    tp, fp, fn = score.total()
    p, r, f = _prf(tp, fp, fn)
    print(f"{'ALL':<10}{p:6.2f}{r:6.2f}{f:6.2f}   {tp}/{fp}/{fn}")
    if verbose:
        for m in score.misses:
            print("  ✗", m)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("bank", nargs="?", type=Path, default=BANK)
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--degrade", action="store_true", help="every «?»/«!» becomes «.»")
    ap.add_argument("--reply", default=NEUTRAL, help="the client's neutral reply after the line")
    ap.add_argument("--no-reply", action="store_true", help="no reply after the line")
    ap.add_argument("--half", choices=("even", "odd"), help="only cases with an even/odd index (from 0)")
    ap.add_argument("--topics", type=Path, help="another topic model file (scripts/train_topics.py --out)")
    args = ap.parse_args()
    topics = load_model(args.topics) if args.topics else None
    try:
        cases = load_bank(args.bank)
    except bank_file.BankError as exc:
        print(exc, file=sys.stderr)
        sys.exit(2)
    if args.half:
        cases = [c for c in cases if c.index % 2 == (args.half == "odd")]
    reply = None if args.no_reply else args.reply
    name = f"{args.bank.name}{' ' + args.half if args.half else ''}, reply {reply!r}{', degraded' if args.degrade else ''}"
    report(name, score_bank(cases, reply, args.degrade, topics), args.verbose)


if __name__ == "__main__":
    main()
