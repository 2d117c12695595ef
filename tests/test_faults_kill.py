"""``kill -9`` at random points of ``qa-desk deal verdict --budget … --timing …``: the answers, the
verdict, the penalty, the facts and their audit entries are stored whole or not at all.

Each run is the real CLI entry point in a child forked from a warmed-up server (no interpreter
start-up per run; ``REAL_KILLS`` runs are full ``python -m qa_desk`` processes). Most runs are
*hunted*: the child is stopped at random short intervals until it is caught holding its
transaction open (SQLite: it holds the write lock; PostgreSQL: its backend has written), and is
killed right there; the others are killed after a random delay over the run's whole life.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable

import pytest
from conftest import services_for as S
from faults import BUDGET, NEW_MANAGER, ForkServer, exited, facts, hunt, seed, sqlite_locked, verdict_outcome
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from qa_desk.storage.db import Database

KILLS = 32
PG_KILLS = 8
REAL_KILLS = 2
APP_NAME = "qa-desk-kill-test"


def _verdict(url: str, n: int) -> list[str]:
    which = (
        ["--confirmed"]
        if n % 2
        else ["--false-refusal", "--new-manager", NEW_MANAGER, "--violation", "falsified_reason"]
    )
    return ["--db", url, "deal", "verdict", f"V-{n}", *which, "--budget", BUDGET, "--timing", "весной", "--as", "olga"]


def _kill_runs(db: Database, url: str, count: int, inside: Callable[[], bool]) -> Counter[str]:
    rng = random.Random(os.environ.get("QA_DESK_FAULT_SEED") or time.time_ns())
    server = ForkServer()
    tally: Counter[str] = Counter()
    try:
        started = time.monotonic()  # one run to completion: how long a verdict takes here
        assert server.wait(server.run(_verdict(url, count + 1))) == 0
        whole_run = time.monotonic() - started
        for n in range(1, count + 1):
            pid = server.run(_verdict(url, n))
            if n % 4 == 0:  # a random point of the run's whole life
                time.sleep(rng.uniform(0, whole_run))
                if not exited(pid):
                    os.kill(pid, signal.SIGKILL)
                caught = False
            else:
                caught = hunt(pid, inside, rng)
            code = server.wait(pid)
            outcome = verdict_outcome(facts(db, f"V-{n}"), with_facts=True)  # whole or nothing, never half
            assert code != 0 or outcome != "none"
            tally["inside transaction" if caught else "elsewhere"] += 1
            tally["stored" if outcome != "none" else "not stored"] += 1
    finally:
        server.close()
    assert S(db).audit.verify_chain().ok
    print(f"kill -9 runs: {dict(tally)}")  # shown with pytest -s
    return tally


def test_kill_9_during_a_verdict_on_sqlite(db_url: str) -> None:
    db = seed(db_url, KILLS + REAL_KILLS + 2)
    path = db_url.removeprefix("sqlite:///")
    tally = _kill_runs(db, db_url, KILLS, lambda: sqlite_locked(path))
    assert tally["inside transaction"] >= KILLS // 4, tally  # the interesting window is really hit

    rng = random.Random()
    for n in range(KILLS + 2, KILLS + 2 + REAL_KILLS):  # full processes, hunted the same way
        proc = subprocess.Popen(
            [sys.executable, "-m", "qa_desk", *_verdict(db_url, n)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        hunt(proc.pid, lambda: sqlite_locked(path), rng)
        proc.wait(timeout=60)
        verdict_outcome(facts(db, f"V-{n}"), with_facts=True)
    assert not sqlite_locked(path)  # a killed writer leaves no lock behind
    db.dispose()


@pytest.mark.usefixtures("pg_db")
def test_kill_9_during_a_verdict_on_postgresql(pg_url: str) -> None:
    url = make_url(pg_url).update_query_dict({"application_name": APP_NAME}).render_as_string(hide_password=False)
    db = seed(pg_url, PG_KILLS + 1)
    probe = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    query = text("SELECT count(*) FROM pg_stat_activity WHERE application_name = :app AND backend_xid IS NOT NULL")

    def inside() -> bool:
        with probe.connect() as conn:
            return bool(conn.execute(query, {"app": APP_NAME}).scalar())

    try:
        tally = _kill_runs(db, url, PG_KILLS, inside)
    finally:
        probe.dispose()
    assert tally["inside transaction"] >= 1, tally
    db.dispose()

