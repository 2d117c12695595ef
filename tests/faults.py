"""Helpers of the fault suite (``test_faults_*.py``): seeded deals, racing worker processes, a fork
server for cheap ``kill -9`` runs, and the checks that an action was stored whole or not at all.

Real processes throughout: race workers are spawned interpreters, each with its own database
connection, released together by a barrier; ``qa-desk`` runs are ``python -m qa_desk`` or the same
CLI entry point in a child forked from a warmed-up server (no interpreter start-up per run).
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from qa_desk.storage.db import Database
from qa_desk.storage.models import AuditEntry, Deal, Manager, PenaltyEntry, ReviewAnswer, ReviewSession

SPAWN = mp.get_context("spawn")
REASON = "маленький бюджет"
NEW_MANAGER = "Мария Соколова"
BUDGET = "100 000"


def seed(url: str, count: int) -> Database:
    """``count`` deals in review by olga with the required answer (``V-1``…), ``count`` deals in
    conditional refusal (``R-1``…), their managers and the app's users; one transaction."""
    from conftest import services_for

    db = Database(url)
    with db.session() as s:
        ivan = Manager(name="Иван Петров", salary=Decimal("85000"))
        maria = Manager(name=NEW_MANAGER, salary=Decimal("90000"))
        s.add_all([ivan, maria])
        s.flush()
        for n in range(1, count + 1):
            for prefix, status in (("V", "in_review"), ("R", "conditional_refusal")):
                s.add(Deal(external_id=f"{prefix}-{n}", title=f"Сделка {n}", status=status, manager_id=ivan.id,
                           refusal_reason=REASON))  # fmt: skip
        s.flush()
        for deal in s.scalars(select(Deal).where(Deal.external_id.like("V-%"))):
            review = ReviewSession(deal_id=deal.id, reviewer="olga", manager_id=ivan.id, claimed_reason=REASON)
            review.answers.append(ReviewAnswer(field_id="reason_confirmed", value="yes", updated_by="olga"))
            s.add(review)
    services_for(db).users.sync()
    return db


# --- racing workers ---------------------------------------------------------------------------------


def race_worker(url: str, index: int, rounds: Sequence[tuple[str, str, str]], barrier: Any, out: Any) -> None:
    """Spawned process: for each ``(action, deal, login)`` wait at the barrier, then act.

    ``action``: ``confirm`` / ``false`` (a verdict) or ``review`` (start the review). Puts
    ``[(deal, "ok" | "conflict" | "error", text)]`` on ``out``."""
    from qa_desk.domain.verdicts import Verdict
    from qa_desk.services import Services
    from qa_desk.services.errors import ConflictError

    services = Services.open(url, migrate=False)
    people = {login: services.as_user(services.users.get(login)) for login in {r[2] for r in rounds}}
    maria = services.managers.find(NEW_MANAGER)
    results = []
    for action, deal, login in rounds:
        me = people[login]
        barrier.wait(timeout=120)
        try:
            if action == "confirm":
                me.review.apply_verdict(deal, Verdict.REFUSAL_CONFIRMED)
            elif action == "false":
                me.review.apply_verdict(deal, Verdict.FALSE_REFUSAL, new_manager_id=maria, violation="falsified_reason")
            else:
                me.review.start(deal)
            results.append((deal, "ok", ""))
        except ConflictError as exc:
            results.append((deal, "conflict", str(exc)))
        except Exception as exc:  # noqa: BLE001 - reported to the test, which fails on it
            results.append((deal, "error", f"{type(exc).__name__}: {exc}"))
    out.put((index, results))
    services.close()


def race(url: str, first: Sequence[tuple[str, str, str]], second: Sequence[tuple[str, str, str]]) -> list[list]:
    """Run two workers round by round; their results, in the order of ``first``/``second``."""
    barrier, out = SPAWN.Barrier(2), SPAWN.Queue()
    workers = [
        SPAWN.Process(target=race_worker, args=(url, index, rounds, barrier, out))
        for index, rounds in enumerate((first, second))
    ]
    for w in workers:
        w.start()
    results = dict(out.get(timeout=600) for _ in workers)
    for w in workers:
        w.join(timeout=60)
    return [results[0], results[1]]


def cli(url: str, *argv: str) -> subprocess.Popen[str]:
    """A real ``python -m qa_desk`` process."""
    return subprocess.Popen(
        [sys.executable, "-m", "qa_desk", "--db", url, *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


# --- what the database holds ------------------------------------------------------------------------


@dataclass(frozen=True)
class DealFacts:
    status: str
    manager: str | None
    verdicts: int
    into_review: int
    facts: int
    violations: int
    penalties: int
    reviews: int
    finished: int
    verdict: str | None
    reviewer: str | None
    budget_answer: str | None


def facts(db: Database, external_id: str) -> DealFacts:
    with db.session(write=False) as s:
        deal = s.scalars(select(Deal).where(Deal.external_id == external_id)).one()
        entries = s.scalars(select(AuditEntry).where(AuditEntry.deal_id == deal.id)).all()
        reviews = s.scalars(select(ReviewSession).where(ReviewSession.deal_id == deal.id)).all()
        budget = s.scalar(
            select(ReviewAnswer.value)
            .join(ReviewSession)
            .where(ReviewSession.deal_id == deal.id, ReviewAnswer.field_id == "real_budget")
        )
        penalties = s.scalar(select(func.count(PenaltyEntry.id)).where(PenaltyEntry.deal_id == deal.id)) or 0
        return DealFacts(
            status=deal.status,
            manager=deal.manager.name if deal.manager else None,
            verdicts=sum(e.action == "verdict" for e in entries),
            into_review=sum(e.action == "status" and (e.after or {}).get("status") == "in_review" for e in entries),
            facts=sum(e.action == "facts" for e in entries),
            violations=sum(e.action == "violation" for e in entries),
            penalties=penalties,
            reviews=len(reviews),
            finished=sum(r.finished_at is not None for r in reviews),
            verdict=next((r.verdict for r in reviews if r.verdict), None),
            reviewer=reviews[-1].reviewer if reviews else None,
            budget_answer=budget,
        )


def verdict_outcome(f: DealFacts, *, with_facts: bool = False) -> str:
    """``"none"``, ``"confirmed"`` or ``"false"`` when the deal holds all of one of them; raises otherwise."""
    untouched = (f.status, f.verdicts, f.facts, f.violations, f.penalties, f.finished, f.budget_answer) == (
        "in_review", 0, 0, 0, 0, 0, None
    )
    if untouched:
        return "none"
    facts_ok = (f.facts, f.budget_answer) == ((1, BUDGET) if with_facts else (0, None))
    if f.verdict == "refusal_confirmed" and facts_ok and (f.status, f.verdicts, f.violations, f.penalties) == (
        "closed_lost", 1, 0, 0
    ):
        return "confirmed"
    if f.verdict == "false_refusal" and facts_ok and (f.status, f.manager, f.verdicts, f.violations, f.penalties) == (
        "active", NEW_MANAGER, 1, 1, 1
    ):
        return "false"
    raise AssertionError(f"half-stored verdict: {f}")


# --- kill -9 ------------------------------------------------------------------------------------------


def fork_server(conn: Connection) -> None:
    """Spawned once: imports the CLI's whole verdict path, then forks one child per request.

    Requests: ``("run", (argv, output))`` → the child's pid (it runs ``qa_desk.cli.main(argv)``
    with stdout and stderr going to the file ``output``, or nowhere); ``("wait", pid)`` → its exit
    code (``-signal`` when killed); ``None`` ends the server."""
    from sqlalchemy.orm import configure_mappers

    import qa_desk.cli
    import qa_desk.cli.deal
    import qa_desk.services.audit
    import qa_desk.services.managers
    import qa_desk.services.review
    import qa_desk.services.statuses
    import qa_desk.services.users  # noqa: F401 - warmed up before forking

    qa_desk.cli.build_parser()  # imports every sub-command's module
    configure_mappers()
    while (request := conn.recv()) is not None:
        kind, arg = request
        if kind == "wait":
            conn.send(os.waitstatus_to_exitcode(os.waitpid(arg, 0)[1]))
            continue
        argv, output = arg
        pid = os.fork()
        if pid == 0:  # the child: one CLI run
            conn.close()
            sink = os.open(output or os.devnull, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
            os.dup2(sink, 1)
            os.dup2(sink, 2)
            try:
                code = qa_desk.cli.main(list(argv))
            except BaseException:  # noqa: BLE001 - any crash is a failure the test sees
                import traceback

                traceback.print_exc()
                code = 3
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
        conn.send(pid)


class ForkServer:
    def __init__(self) -> None:
        self.conn, child = SPAWN.Pipe()
        self.process = SPAWN.Process(target=fork_server, args=(child,), daemon=True)
        self.process.start()

    def run(self, argv: Sequence[str], output: Path | None = None) -> int:
        """Fork a ``qa-desk`` run; its pid."""
        self.conn.send(("run", (list(argv), str(output) if output else None)))
        return int(self.conn.recv())

    def wait(self, pid: int) -> int:
        """The run's exit code (``-9`` when killed)."""
        self.conn.send(("wait", pid))
        return int(self.conn.recv())

    def close(self) -> None:
        self.conn.send(None)
        self.process.join(timeout=10)


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return "X"


def exited(pid: int) -> bool:
    """The process has ended (a zombie waiting to be reaped counts)."""
    return _state(pid) in {"Z", "X"}


def _stopped(pid: int) -> None:
    """Wait until a SIGSTOP has taken effect (or the process is gone)."""
    for _ in range(200):
        if _state(pid) in {"T", "t", "Z", "X"}:
            return
        time.sleep(0.0005)


def sqlite_locked(path: str) -> bool:
    """Someone holds the SQLite database's write lock (a writing transaction is open)."""
    probe = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        probe.execute("BEGIN IMMEDIATE")
        probe.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError:
        return True
    finally:
        probe.close()


def hunt(pid: int, inside: Callable[[], bool], rng: Any, *, limit_s: float = 30.0) -> bool:
    """Stop ``pid`` at random short intervals until it is caught inside its transaction, then
    ``kill -9`` it there. ``False``: it finished first (nothing killed)."""
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        time.sleep(rng.uniform(0, 0.004))
        try:
            os.kill(pid, signal.SIGSTOP)
        except ProcessLookupError:
            return False
        _stopped(pid)
        if exited(pid):
            return False
        if inside():
            os.kill(pid, signal.SIGKILL)
            return True
        os.kill(pid, signal.SIGCONT)
    os.kill(pid, signal.SIGKILL)
    return True


def run_batch(
    url: str, batch: dict[Any, list[str]], tmp: Path, server: ForkServer | None = None
) -> dict[Any, tuple[int, str]]:
    """Start every ``qa-desk`` run of ``batch`` at once (forked from ``server``, or as
    ``python -m qa_desk`` without one); each key's exit code and output (stdout and stderr)."""
    started: dict[Any, Any] = {}
    for key, argv in batch.items():
        full = ["--db", url, *argv]
        if server is None:
            started[key] = subprocess.Popen(
                [sys.executable, "-m", "qa_desk", *full], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
            )
        else:
            output = tmp / f"run-{len(started)}.txt"
            started[key] = (server.run(full, output), output)
    done = {}
    for key, handle in started.items():
        if server is None:
            out, _ = handle.communicate(timeout=300)
            done[key] = (handle.returncode, out)
        else:
            pid, output = handle
            done[key] = (server.wait(pid), output.read_text())
    return done
