#!/usr/bin/env python3
"""The client's budget amount on an amounts bank (question, reply → amount / range / period / none).

Each case is fed through the real engine (``analyze_deal``, BANT) as a two-turn stereo call: the manager
asks, the client replies. Scored: value right, range right (both ends), period right, a trap read as no
budget, and exact (all of them). A miss is put down to one cause: the budget question was not detected,
the reply was not paired with it (no value), or the amount was misread (a value, the wrong one).

    python3 scripts/eval_amounts.py [BANK] [-v] [--half even|odd]   # BANK: tests/corpus/banks/amounts.toml by default
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qa_desk.analysis.amount_bank import BANK, score_bank  # noqa: E402
from qa_desk.analysis.bank_file import BankError  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("bank", nargs="?", type=Path, default=BANK)
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss with its cause")
    parser.add_argument("--half", choices=("even", "odd"), default="", help="only cases with an even/odd index (from 0)")
    args = parser.parse_args()
    try:
        score = score_bank(args.bank, args.half)
    except BankError as exc:
        print(exc, file=sys.stderr)
        return 2
    for line in score.summary():
        print(line)
    if args.verbose:
        for miss in score.misses:
            print(miss)
    return 0


if __name__ == "__main__":
    sys.exit(main())
