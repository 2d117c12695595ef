"""Two writers on one deal, on SQLite and PostgreSQL: exactly one wins, every time.

Per database: ``REPS`` rounds of two spawned worker processes released together by a barrier —
one gives «отказ подтверждён» while the other gives «ложный отказ» on the same deal, then both
start the review of another deal (Ольга against Пётр); then ``FORKED_PAIRS`` pairs of the same
races as ``qa-desk deal verdict`` / ``deal review`` runs forked from a warmed-up server, and
``CLI_PAIRS`` pairs as real ``python -m qa_desk`` processes, each batch started at once. A fresh
``qa-desk`` process costs about a second of CPU to start (imports), so the hundred repetitions run
in workers that each open their own connection and call the services in a loop, and most CLI
runs are forked; the real processes prove the installed entry point takes the same path. After each batch: one winner per deal, the loser told who won, exactly one
verdict (or one «→ На проверке») in the history, and the audit chain intact.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import services_for as S
from faults import NEW_MANAGER, ForkServer, facts, race, run_batch, seed, verdict_outcome

from qa_desk.storage.db import Database

REPS = 100  # rounds of two worker processes (a verdict race and a review race each)
FORKED_PAIRS = 6  # pairs of each race as ``qa-desk`` CLI runs forked from a warmed-up server
CLI_PAIRS = 1  # pairs of each race as real ``python -m qa_desk`` processes (about 1 s of CPU each)


def _rounds(numbers: range) -> tuple[list, list]:
    first, second = [], []
    for n in numbers:
        first += [("confirm", f"V-{n}", "olga"), ("review", f"R-{n}", "olga")]
        second += [("false", f"V-{n}", "olga"), ("review", f"R-{n}", "head")]
    return first, second


def _one_winner(db: Database, n: int, verdict_winner: str, review_winner: str) -> None:
    assert verdict_outcome(facts(db, f"V-{n}")) == verdict_winner
    review = facts(db, f"R-{n}")
    assert (review.status, review.into_review, review.reviews, review.reviewer) == (
        "in_review", 1, 1, review_winner
    ), review


def _race_in_workers(db: Database, url: str) -> None:
    first, second = race(url, *_rounds(range(1, REPS + 1)))
    for (deal, a, text_a), (deal_b, b, text_b) in zip(first, second, strict=True):
        assert deal == deal_b and sorted([a, b]) == ["conflict", "ok"], (deal, a, text_a, b, text_b)
        assert "уже провер" in (text_a or text_b)  # «уже проверила…» / «уже проверяет…»
    for n in range(1, REPS + 1):
        confirm_won = first[2 * n - 2][1] == "ok"
        olga_won = first[2 * n - 1][1] == "ok"
        _one_winner(db, n, "confirmed" if confirm_won else "false", "olga" if olga_won else "head")


def _race_cli_pairs(db: Database, url: str, numbers: range, tmp: Path, server: ForkServer | None) -> None:
    batch: dict[tuple[int, str], list[str]] = {}
    for n in numbers:  # every run of the batch starts at once
        batch[(n, "confirm")] = ["deal", "verdict", f"V-{n}", "--confirmed", "--as", "olga"]
        batch[(n, "false")] = [
            "deal", "verdict", f"V-{n}", "--false-refusal", "--new-manager", NEW_MANAGER,
            "--violation", "falsified_reason", "--as", "olga",
        ]  # fmt: skip
        batch[(n, "olga")] = ["deal", "review", f"R-{n}", "--as", "olga"]
        batch[(n, "head")] = ["deal", "review", f"R-{n}", "--as", "head"]
    done = run_batch(url, batch, tmp, server)
    for n in numbers:
        for one, other, prefix in (("confirm", "false", "V"), ("olga", "head", "R")):
            pair = done[(n, one)], done[(n, other)]
            assert sorted(code for code, _ in pair) == [0, 2], (n, pair)
            loser = next(out for code, out in pair if code == 2)
            assert loser.startswith(f"Ошибка: Сделку {prefix}-{n} уже ")
            assert len(loser.strip().splitlines()) == 1  # one line, no traceback
        _one_winner(
            db, n,
            "confirmed" if done[(n, "confirm")][0] == 0 else "false",
            "olga" if done[(n, "olga")][0] == 0 else "head",
        )  # fmt: skip


def _races(url: str, tmp: Path) -> None:
    db = seed(url, REPS + FORKED_PAIRS + CLI_PAIRS)
    _race_in_workers(db, url)
    server = ForkServer()
    try:
        _race_cli_pairs(db, url, range(REPS + 1, REPS + FORKED_PAIRS + 1), tmp, server)
    finally:
        server.close()
    _race_cli_pairs(db, url, range(REPS + FORKED_PAIRS + 1, REPS + FORKED_PAIRS + CLI_PAIRS + 1), tmp, None)
    report = S(db).audit.verify_chain()  # two writers never forked the chain
    assert report.ok, report.summary
    db.dispose()


def test_races_on_sqlite(db_url: str, tmp_path: Path) -> None:
    _races(db_url, tmp_path)


@pytest.mark.usefixtures("pg_db")
def test_races_on_postgresql(pg_url: str, tmp_path: Path) -> None:
    _races(pg_url, tmp_path)
