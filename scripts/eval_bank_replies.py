#!/usr/bin/env python3
"""Does the client's reply answer the question's topic, and who is the decider: a bank of
independent question/reply cases (``[[case]]``: topic, question, reply, answered, decider).

Each case is a two-turn stereo call (manager asks, client replies) through the real engine with BANT.
A case whose question the engine does not take as asking its topic is counted apart ("not asked":
question detection, not reply reading); the rest score answered precision/recall and the decider
(compared by lemmas, as the v7 corpus scorer does).

    python3 scripts/eval_bank_replies.py [--bank FILE] [--half even|odd] [-v]
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qa_desk.analysis import bank_file  # noqa: E402
from qa_desk.analysis.corpus import Counts  # noqa: E402
from qa_desk.analysis.corpus_v7 import _pair, decider_matches  # noqa: E402
from qa_desk.analysis.deal import analyze_deal  # noqa: E402
from qa_desk.analysis.questions import bant  # noqa: E402

BANK = ROOT / "tests" / "corpus" / "banks" / "replies.toml"


@dataclass(slots=True)
class BankScore(Counts):
    """Answered tp/fp/fn (precision and recall from ``Counts``), plus true negatives and deciders."""

    cases: int = 0
    not_asked: int = 0
    tn: int = 0
    deciders_ok: int = 0
    deciders_total: int = 0
    misses: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (f"cases {self.cases}, not asked {self.not_asked}; answered P {self.precision:.2f} "
                f"R {self.recall:.2f} (tp/fp/fn/tn {self.tp}/{self.fp}/{self.fn}/{self.tn}); "
                f"deciders {self.deciders_ok}/{self.deciders_total}")


def load_cases(path: Path = BANK) -> dict[int, dict[str, object]]:
    """The bank's well-formed cases by their index in the file (a bad case: a one-line message, left out)."""
    return dict(bank_file.cases(path, {"topic": str, "question": str, "reply": str, "answered": bool}))


def score_case(index: int, case: dict[str, object], score: BankScore) -> None:
    topic, question, reply = str(case["topic"]), str(case["question"]), str(case["reply"])
    want = bool(case["answered"])
    label = f"#{index} {topic}: «{question}» → «{reply}»"
    score.cases += 1
    result = analyze_deal([_pair(question, reply)], bant()).question(topic)
    if result is None or not result.asked:
        score.not_asked += 1
        score.misses.append(f"not asked {label}")
        return
    got = result.answered
    if want and got:
        score.tp += 1
    elif want:
        score.fn += 1
        score.misses.append(f"answered missed {label}")
    elif got:
        score.fp += 1
        quote = result.primary_answer.quote if result.primary_answer else ""
        score.misses.append(f"answered false «{quote}» {label}")
    else:
        score.tn += 1
    decider = case.get("decider")
    if decider and want:
        score.deciders_total += 1
        text = str((result.value or {}).get("text", ""))
        if decider_matches(str(decider), text):
            score.deciders_ok += 1
        else:
            score.misses.append(f"decider «{text}» != «{decider}» {label}")


def score_bank(path: Path = BANK, half: str = "") -> BankScore:
    score = BankScore()
    for i, case in load_cases(path).items():
        if (half == "even" and i % 2) or (half == "odd" and not i % 2):
            continue
        score_case(i, case, score)
    return score


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bank", type=Path, default=BANK)
    ap.add_argument("--half", choices=("even", "odd"), default="")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    try:
        score = score_bank(args.bank, args.half)
    except bank_file.BankError as exc:
        print(exc, file=sys.stderr)
        sys.exit(2)
    print(f"{args.bank.name}{' ' + args.half if args.half else ''}: {score.summary()}")
    if args.verbose:
        for m in score.misses:
            print("  ✗", m)


if __name__ == "__main__":
    main()
