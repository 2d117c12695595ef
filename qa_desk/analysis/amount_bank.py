"""Scoring an amounts bank (tests/corpus/banks/amounts.toml): each case a manager's question and the client's
reply with the budget it states ("amount", or "amount_min"/"amount_max"; "period"), or "none = true" for a
reply that states none (a unit price, a bill, a count). Used by scripts/eval_amounts.py and its test."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qa_desk.analysis import bank_file
from qa_desk.analysis.amounts import budget_value
from qa_desk.analysis.corpus_v7 import _pair
from qa_desk.analysis.deal import analyze_deal
from qa_desk.analysis.lexicon import Lexicon
from qa_desk.analysis.questions import bant

BANK = Path(__file__).resolve().parents[2] / "tests" / "corpus" / "banks" / "amounts.toml"
CAUSES = ("not asked", "not paired", "misread", "trap read")
_LEX = Lexicon(())


@dataclass
class BankScore:
    total: int = 0
    exact: int = 0
    values: int = 0  # cases with an amount: the amount right
    values_ok: int = 0
    ranges: int = 0  # cases with a range: both ends right
    ranges_ok: int = 0
    periods: int = 0  # cases with an amount: the period right (none when none is labelled)
    periods_ok: int = 0
    traps: int = 0  # "none" cases: no value
    traps_ok: int = 0
    causes: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CAUSES, 0))
    direct_ok: int = 0  # the reply read on its own after its question (budget_value), whatever the pairing
    misses: list[str] = field(default_factory=list)

    def summary(self) -> list[str]:
        def pct(a: int, b: int) -> str:
            return f"{a}/{b} ({100 * a / b:.0f} %)" if b else "0/0"
        return [
            f"exact   {pct(self.exact, self.total)}",
            f"value   {pct(self.values_ok, self.values)}",
            f"range   {pct(self.ranges_ok, self.ranges)}",
            f"period  {pct(self.periods_ok, self.periods)}",
            f"traps   {pct(self.traps_ok, self.traps)}",
            "misses: " + ", ".join(f"{c} {n}" for c, n in self.causes.items()),
            f"reading alone (budget_value of the reply after its question, no pairing) {pct(self.direct_ok, self.total)}",
        ]


def _want(case: dict[str, Any]) -> dict[str, Any]:
    if case.get("none"):
        return {}
    want: dict[str, Any] = {}
    if "amount_min" in case:
        want = {"amount": case["amount_max"], "amount_min": case["amount_min"], "amount_max": case["amount_max"]}
    else:
        want = {"amount": case["amount"]}
    if case.get("period"):
        want["amount_period"] = case["period"]
    return want


def score_case(case: dict[str, Any], score: BankScore) -> None:
    question, reply = str(case["question"]), str(case["reply"])
    analysis = analyze_deal([_pair(question, reply)], bant())
    budget = analysis.question("budget")
    value = (budget.value if budget else None) or {}
    got = {k: value[k] for k in ("amount", "amount_min", "amount_max", "amount_period") if k in value}
    want = _want(case)
    score.total += 1
    direct = budget_value(_LEX.tokens(reply), _LEX.tokens(question)) or {}
    alone = {k: direct[k] for k in ("amount", "amount_min", "amount_max", "amount_period") if k in direct}
    score.direct_ok += alone == want
    if want:
        score.values += 1
        score.values_ok += got.get("amount") == want["amount"]
        score.periods += 1
        score.periods_ok += got.get("amount_period") == want.get("amount_period")
        if "amount_min" in want:
            score.ranges += 1
            score.ranges_ok += (got.get("amount_min"), got.get("amount_max")) == (want["amount_min"], want["amount_max"])
    else:
        score.traps += 1
        score.traps_ok += not got
    if got == want:
        score.exact += 1
        return
    if not want:
        cause = "trap read"
    elif budget is None or not budget.asked:
        cause = "not asked"
    elif not got:
        cause = "not paired"
    else:
        cause = "misread"
    score.causes[cause] += 1
    read = "" if alone == want else f" (alone: {alone or '—'})"
    score.misses.append(f"{cause}: {got or '—'} != {want or '—'}{read}: «{question}» → «{reply}»")


def score_bank(path: Path = BANK, half: str = "") -> BankScore:
    """Every well-formed case of the bank (``half``: "even"/"odd" index only) scored; a bad case gets a one-line
    message and is left out."""
    score = BankScore()
    for index, case in bank_file.cases(path, {"question": str, "reply": str}):
        if half and index % 2 != (half == "odd"):
            continue
        has_value = "amount" in case or ("amount_min" in case and "amount_max" in case)
        if not case.get("none") and not has_value:
            print(f"{path}: случай #{index}: нет ни «amount», ни «amount_min»/«amount_max», ни «none», пропущен",
                  file=sys.stderr)
            continue
        score_case(case, score)
    return score
