#!/usr/bin/env python3
"""Does an operator's line ASK a contract's own question? Scored on an independent contract bank.

The bank (written by an outside author who never saw the engine) holds ``[[set]]`` tables — a contract's
questions as the contract words them (``name``, ``[[set.question]]`` with ``id``, ``title``, ``ask``,
``answer``) — and ``[[case]]`` tables: the ``set`` it belongs to, optional ``before`` (the client's
previous line), the operator's ``line`` and ``asks`` (the set's question ids the line asks, [] for a trap).
Each case becomes a short stereo call — ``before`` (client), ``line`` (manager), a neutral client reply —
analysed by the real engine with that set; a question counts as asked when its asked evidence lies on the
operator's line.

    python3 scripts/eval_bank_contract.py BANK [-v] [--degrade] [--half even|odd] [--by-set]
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from eval_bank_questions import Case, call  # noqa: E402

from qa_desk.analysis import bank_file  # noqa: E402
from qa_desk.analysis.corpus import Counts, degrade_text  # noqa: E402
from qa_desk.analysis.deal import analyze_deal  # noqa: E402
from qa_desk.analysis.questions import QuestionSet, QuestionSetError, question_set_from  # noqa: E402

NEUTRAL = "Угу."


@dataclass(slots=True)
class SetScore:
    counts: Counts = field(default_factory=Counts)
    cases: int = 0
    exact: int = 0
    traps: int = 0
    traps_fired: int = 0


def load_sets(path: Path) -> dict[str, QuestionSet]:
    """The bank's contract sets by name; a set that is not a valid question set is a ``BankError``."""
    raw = bank_file.tables(path, "set")
    sets: dict[str, QuestionSet] = {}
    for i, table in enumerate(raw):
        name = str(table.get("name", f"set{i}"))
        try:
            sets[name] = question_set_from(table, f"{path}, набор «{name}»")
        except QuestionSetError as exc:
            raise bank_file.BankError(str(exc)) from None
    return sets


def load_cases(path: Path, sets: dict[str, QuestionSet]) -> list[tuple[str, Case]]:
    """``(set name, case)`` for every well-formed case; one naming an unknown set or id is named and left out."""
    out: list[tuple[str, Case]] = []
    for i, c in bank_file.cases(path, {"set": str, "line": str, "asks": list}):
        qset = sets.get(c["set"])
        unknown = [a for a in c["asks"] if qset is None or a not in {q.id for q in qset.questions}]
        if qset is None or unknown:
            what = f"нет набора «{c['set']}»" if qset is None else f"нет вопроса «{unknown[0]}» в наборе «{c['set']}»"
            print(f"{path}: случай #{i}: {what}, пропущен", file=sys.stderr)
            continue
        out.append((c["set"], Case(i, c["line"], [str(a) for a in c["asks"]], c.get("before"), str(c.get("note", "")))))
    return out


def asked_ids(case: Case, qset: QuestionSet, degrade: bool = False) -> set[str]:
    rec, start = call(case, NEUTRAL, degrade)
    analysis = analyze_deal([rec], qset)
    ids = {q.id for q in qset.questions}
    return {q.id for q in analysis.questions
            if q.id in ids and any(abs(e.start - start) < 0.01 for e in q.asked_evidence)}


def score(cases: list[tuple[str, Case]], sets: dict[str, QuestionSet], degrade: bool,
          misses: list[str]) -> dict[str, SetScore]:
    by_set: dict[str, SetScore] = {}
    for name, case in cases:
        got, want = asked_ids(case, sets[name], degrade), set(case.asks)
        s = by_set.setdefault(name, SetScore())
        s.cases += 1
        s.exact += got == want
        if not want:
            s.traps += 1
            s.traps_fired += bool(got)
        s.counts.tp += len(got & want)
        s.counts.fp += len(got - want)
        s.counts.fn += len(want - got)
        if got != want:
            before = f"[{degrade_text(case.before) if degrade else case.before}] " if case.before else ""
            misses.append(f"#{case.index} {name}: want {sorted(want)} got {sorted(got)}: {before}«{case.line}»")
    return by_set


def line(label: str, s: SetScore) -> str:
    c = s.counts
    return (f"{label:<14} P {c.precision:.2f} R {c.recall:.2f} F1 {c.f1:.2f}  {c.tp}/{c.fp}/{c.fn}  "
            f"exact {s.exact}/{s.cases}  traps fired {s.traps_fired}/{s.traps}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("bank", type=Path)
    ap.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    ap.add_argument("--degrade", action="store_true", help="every «?»/«!» becomes «.» (as Whisper drops them)")
    ap.add_argument("--half", choices=("even", "odd"), help="only cases with an even/odd index (from 0)")
    ap.add_argument("--by-set", action="store_true", help="a line per contract set")
    args = ap.parse_args()
    try:
        sets = load_sets(args.bank)
        cases = load_cases(args.bank, sets)
    except bank_file.BankError as exc:
        print(exc, file=sys.stderr)
        return 2
    if args.half:
        cases = [(n, c) for n, c in cases if c.index % 2 == (args.half == "odd")]
    misses: list[str] = []
    by_set = score(cases, sets, args.degrade, misses)
    total = SetScore()
    for s in by_set.values():
        total.cases, total.exact = total.cases + s.cases, total.exact + s.exact
        total.traps, total.traps_fired = total.traps + s.traps, total.traps_fired + s.traps_fired
        total.counts.tp, total.counts.fp = total.counts.tp + s.counts.tp, total.counts.fp + s.counts.fp
        total.counts.fn += s.counts.fn
    name = f"{args.bank.name}{' ' + args.half if args.half else ''}{', degraded' if args.degrade else ''}"
    print(f"== {name}: {len(by_set)} sets")
    if args.by_set:
        for set_name, s in sorted(by_set.items()):
            print(line(set_name, s))
    print(line("ALL", total))
    if args.verbose:
        for m in misses:
            print("  ✗", m)
    return 0


if __name__ == "__main__":
    sys.exit(main())
