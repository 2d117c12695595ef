#!/usr/bin/env python
"""Team load: one PostgreSQL, transcription workers and simulated QC controllers, for a bounded time.

Starts a throwaway PostgreSQL (or uses ``--db``), fills it with ``--calls`` transcribed calls (the
synthetic talk of ``bench_search.py``) in conditional-refusal deals, imports ``--new`` fresh
recordings into the recording store and queues them, and signs in one QC login per controller.
Each controller is its own process with its own connections (a workstation), making real service
calls in a loop: the queue, open a deal, search, start the review, answer, give the verdict, with
``--think-ms`` between steps. Two phases in the same run: a baseline of one controller without
workers, then ``--controllers`` controllers with ``--workers`` ``qa-desk worker`` processes.

Prints throughput, p50/p95 per operation (with the load/baseline ratio), errors, refusals that the
claims gave (two controllers on one deal: expected, not errors), lost updates (a verdict a
controller was told succeeded that the database does not show exactly once, by that controller)
and duplicate transcriptions (a recording decoded to completion twice). Usage::

    flock /tmp/qa-desk-bench.lock .venv/bin/python scripts/load_team.py [--seconds 60] [--controllers 20]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

OPS = ("queue", "open", "search", "start", "answer", "verdict")
TARGETS_MS = {"open": 300.0, "search": 100.0}
PASSWORD = "load-test-password"


def prepare(url: str, calls: int, controllers: int, new: int, folder: Path) -> list[int]:
    """The data and the logins; returns the recordings queued for the workers."""
    import soundfile as sf
    from bench_search import generate
    from sqlalchemy import text

    from qa_desk.importing.service import import_manifest
    from qa_desk.services import Services
    from qa_desk.storage.db import Database
    from qa_desk.storage.search import reindex_all
    from qa_desk.storage.uow import Storage

    db = Database(url)
    generate(db, calls, random.Random(7))
    with db.session() as s:
        for table in ("deal", "recording", "transcript", "segment"):
            s.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"))
        reindex_all(s)
    audio, rate = sf.read(ROOT / "tests" / "fixtures" / "audio" / "mono_short.wav", dtype="float32")
    rows = ["deal_id,manager,status,refusal_reason,recording"]
    for i in range(new):
        sf.write(folder / f"new{i}.wav", audio * (0.5 + i / (2 * new)), rate)  # distinct content each
        rows.append(f"N-{i // 4},Иван Петров,active,,new{i}.wav")
    (folder / "new.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    import_manifest(db, folder / "new.csv")
    services = Services(Storage(db))
    with db.session() as s:  # every generated deal: Иван's, refused for a small budget
        ivan = s.execute(text("SELECT id FROM manager WHERE name = 'Иван Петров'")).scalar()
        s.execute(text("UPDATE deal SET manager_id = :m, refusal_reason = 'маленький бюджет' WHERE external_id LIKE 'D-%'"), {"m": ivan})
    admin = services.auth.create_first_admin("boss", "Администратор", PASSWORD)
    for n in range(controllers):
        services.as_user(admin).accounts.add(f"qc{n:02d}", f"Контролёр {n:02d}", "qc", password=PASSWORD, new_person=True)
    queued = services.team_queue.enqueue_pending()
    services.close()
    return queued


def controller(url: str, login: str, seconds: float, think_ms: int, go: Any, ready: mp.Queue, out: mp.Queue) -> None:
    """One workstation: sign in, then review deals until the time is up."""
    from bench_search import QUERIES

    from qa_desk.domain.transitions import TransitionError
    from qa_desk.services import Services

    services = Services.open(url, migrate=False)
    user = services.auth.sign_in(login, PASSWORD, source="load")
    me = services.as_user(user)
    me.search.warm_up()
    rng = random.Random(login)
    times: dict[str, list[float]] = {op: [] for op in OPS}
    errors: list[str] = []
    refused = 0
    verdicts: list[str] = []
    deals: list[tuple[int, str]] = []
    ready.put(login)
    go.wait()  # every controller has started, imported and signed in
    deadline = time.time() + seconds

    def timed(op: str, call):  # noqa: ANN001, ANN202
        t0 = time.perf_counter()
        result = call()
        times[op].append((time.perf_counter() - t0) * 1000)
        time.sleep(rng.uniform(0, 2 * think_ms) / 1000)
        return result

    n = 0
    while time.time() < deadline:
        try:
            if n % 5 == 0 or not deals:
                rows = timed("queue", me.queue.rows)
                deals = [(r.deal_id, r.external_id) for r in rows if r.status == "conditional_refusal" and "проверяет" not in r.status_label]
            n += 1
            if not deals:
                break
            deal_id, external = deals.pop(rng.randrange(len(deals)))
            timed("open", lambda d=deal_id: me.deals.open(d))
            timed("search", lambda: me.search.search(rng.choice(QUERIES)))
            timed("start", lambda e=external: me.review.start(e))
            timed("answer", lambda e=external: me.review.save_answer(e, "reason_confirmed", "yes"))
            timed("verdict", lambda e=external: me.review.apply_verdict(e, "refusal_confirmed"))
            verdicts.append(external)
        except TransitionError:
            refused += 1  # another controller has the deal (its claim), or already closed it
        except Exception as exc:  # noqa: BLE001 - every other failure is an error to report
            errors.append(f"{type(exc).__name__}: {exc}"[:200])
    out.put((login, times, errors, refused, verdicts))
    services.close()


def run_phase(url: str, controllers: int, seconds: float, think_ms: int) -> tuple[dict, list, int, dict]:
    ctx = mp.get_context("spawn")
    out: mp.Queue = ctx.Queue()
    ready: mp.Queue = ctx.Queue()
    go = ctx.Event()
    procs = [
        ctx.Process(target=controller, args=(url, f"qc{i:02d}", seconds, think_ms, go, ready, out))
        for i in range(controllers)
    ]
    for p in procs:
        p.start()
    for _ in procs:
        ready.get(timeout=600)
    go.set()
    results = [out.get(timeout=seconds + 300) for _ in procs]
    for p in procs:
        p.join(30)
    times = {op: [t for r in results for t in r[1][op]] for op in OPS}
    errors = [e for r in results for e in r[2]]
    refused = sum(r[3] for r in results)
    verdicts = {deal: login for login, *_rest, v in results for deal in v}
    return times, errors, refused, verdicts | {"__count__": sum(len(r[4]) for r in results)}


def lost_updates(url: str, verdicts: dict) -> int:
    """Verdicts reported as done that the database does not hold exactly once, by that controller."""
    from sqlalchemy import text

    from qa_desk.storage.db import Database

    db = Database(url, migrate=False)
    lost = 0
    with db.session() as s:
        rows = s.execute(
            text("SELECT d.external_id, a.actor FROM audit_log a JOIN deal d ON d.id = a.deal_id WHERE a.action = 'verdict'")
        ).all()
    by_deal: dict[str, list[str]] = {}
    for external, actor in rows:
        by_deal.setdefault(external, []).append(actor)
    for deal, login in verdicts.items():
        if deal != "__count__" and by_deal.get(deal) != [login]:
            lost += 1
    lost += sum(1 for actors in by_deal.values() if len(actors) > 1)
    db.dispose()
    return lost


def pct(samples: list[float]) -> tuple[float, float]:
    if not samples:
        return float("nan"), float("nan")
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", help="an existing PostgreSQL (owner's URL; its schema is used as is)")
    ap.add_argument("--calls", type=int, default=3000)
    ap.add_argument("--controllers", type=int, default=20)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--new", type=int, default=16, help="fresh recordings queued for the workers")
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--baseline-seconds", type=float, default=20)
    ap.add_argument("--think-ms", type=int, default=1000, help="mean pause between a controller's steps")
    args = ap.parse_args()

    import pg_local

    stop = None
    url = args.db
    if url is None:
        url, stop = pg_local.start(("-c max_connections=200",))
    folder = Path(tempfile.mkdtemp(prefix="qa-desk-load-"))
    env = {**os.environ, "QA_DESK_DATA_DIR": str(folder / "data"), "QA_DESK_CACHE_DIR": os.environ.get("QA_DESK_CACHE_DIR", str(folder / "cache"))}
    os.environ.update(env)
    workers: list[subprocess.Popen] = []
    try:
        t0 = time.perf_counter()
        queued = prepare(url, args.calls, args.controllers, args.new, folder)
        print(f"prepared {args.calls} transcribed calls, {len(queued)} queued recordings in {time.perf_counter() - t0:.0f} s")
        base_times, base_errors, base_refused, base_verdicts = run_phase(url, 1, args.baseline_seconds, args.think_ms)
        logs = [folder / f"worker{i}.log" for i in range(args.workers)]
        for log in logs:
            workers.append(subprocess.Popen(
                [sys.executable, "-m", "qa_desk", "worker", "--db", url, "--device", "cpu"],
                env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT,
            ))
        times, errors, refused, verdicts = run_phase(url, args.controllers, args.seconds, args.think_ms)
        deadline = time.time() + 120  # let the workers finish the queue
        while time.time() < deadline and _transcribed(url, queued) < len(queued):
            time.sleep(1)
        done = _transcribed(url, queued)
        for w in workers:
            w.terminate()
            w.wait(30)
        decoded = Counter(int(m) for log in logs for m in re.findall(r"распознана запись #(\d+)", log.read_text(encoding="utf-8")))
        duplicates = sum(c - 1 for c in decoded.values() if c > 1)
        lost = lost_updates(url, verdicts) + lost_updates(url, base_verdicts)
    finally:
        for w in workers:
            if w.poll() is None:
                w.kill()
        if stop is not None:
            stop()

    print(f"\n{'operation':10}{'base p50':>10}{'base p95':>10}{'load p50':>10}{'load p95':>10}{'p95 ×':>8}{'target':>10}  n")
    for op in OPS:
        b50, b95 = pct(base_times[op])
        l50, l95 = pct(times[op])
        target = f"≤{TARGETS_MS[op]:.0f}" if op in TARGETS_MS else ""
        ratio = l95 / b95 if b95 == b95 and b95 > 0 else float("nan")
        print(f"{op:10}{b50:10.1f}{b95:10.1f}{l50:10.1f}{l95:10.1f}{ratio:8.1f}{target:>10}  {len(times[op])}")
    reviews = verdicts["__count__"]
    print(
        f"\n{args.controllers} controllers, {args.seconds:.0f} s, think {args.think_ms} ms: {reviews} verdicts "
        f"({reviews / args.seconds * 60:.0f}/min), {sum(len(v) for v in times.values()) / args.seconds:.1f} service calls/s; "
        f"baseline 1 controller: {base_verdicts['__count__']} verdicts in {args.baseline_seconds:.0f} s"
    )
    print(f"errors: {len(errors) + len(base_errors)}; refused by claims: {refused + base_refused}; lost updates: {lost}; "
          f"duplicate transcriptions: {duplicates}; queued recordings transcribed: {done} of {len(queued)}")
    for e in (errors + base_errors)[:5]:
        print(f"  error: {e}")
    return 0 if not errors and not base_errors and lost == 0 and duplicates == 0 else 1


def _transcribed(url: str, ids: list[int]) -> int:
    from qa_desk.services import Services

    services = Services.open(url, migrate=False)
    try:
        return sum(1 for s in services.team_queue.statuses(ids).values() if s.state == "done")
    finally:
        services.close()


if __name__ == "__main__":
    raise SystemExit(main())
