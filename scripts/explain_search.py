#!/usr/bin/env python
"""What the search costs on PostgreSQL, and where: EXPLAIN ANALYZE of the very statement
``storage.search.search`` runs, against the whole service call, one client, no other load.

Starts a throwaway PostgreSQL (or uses ``--db``, an empty database), fills it with ``--calls``
synthetic transcribed calls (``bench_search.generate``, as ``load_team.py`` does), then for every
query of ``bench_search.QUERIES``: the server's execution time (EXPLAIN ANALYZE, ``--repeat``
runs), the service call's wall time (lemmatising the query, the statement, highlighting the
hits), and how many rows the plan touched. Prints p50/p95 of each and the plan of the slowest
query. Usage::

    flock /tmp/qa-desk-bench.lock .venv/bin/python scripts/explain_search.py [--calls 3000]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))


def pct(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _nodes(plan: dict) -> list[dict]:
    found = [plan]
    for child in plan.get("Plans", []):
        found.extend(_nodes(child))
    return found


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", help="an empty PostgreSQL database (owner's URL)")
    ap.add_argument("--calls", type=int, default=3000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()

    import pg_local
    from bench_search import QUERIES, generate
    from sqlalchemy import text

    from qa_desk.services import Services
    from qa_desk.storage.db import Database
    from qa_desk.storage.search import parse_query, reindex_all, search_sql
    from qa_desk.storage.uow import Storage

    stop = None
    url = args.db
    if url is None:
        url, stop = pg_local.start()
    try:
        db = Database(url)
        generate(db, args.calls, random.Random(7))
        with db.session() as s:
            segments = reindex_all(s)
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")
        services = Services(Storage(db))
        services.search.warm_up()
        server_ms: list[float] = []
        wall_ms: list[float] = []
        rows: list[tuple[str, float, float, int, int]] = []
        slowest: tuple[float, str, dict] = (0.0, "", {})
        with db.session(write=False) as s:
            conn = s.connection()
            for query in QUERIES:
                statement, params = search_sql(conn, parse_query(query), 50)
                compiled = str(statement.compile(conn, compile_kwargs={}))
                q_server, q_wall = [], []
                for _ in range(args.repeat):
                    result = conn.execute(text(f"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) {compiled}"), params)
                    report = result.scalar()
                    report = report[0] if isinstance(report, list) else json.loads(report)[0]
                    q_server.append(float(report["Execution Time"]) + float(report["Planning Time"]))
                    t0 = time.perf_counter()
                    hits = services.search.search(query)
                    q_wall.append((time.perf_counter() - t0) * 1000)
                plan = report["Plan"]
                matched = max(
                    (n.get("Actual Rows", 0) for n in _nodes(plan) if "Bitmap" in n["Node Type"]), default=0
                )
                server_ms += q_server
                wall_ms += q_wall
                rows.append(
                    (query, statistics.median(q_server), statistics.median(q_wall), matched, len(hits))
                )
                if max(q_server) > slowest[0]:
                    slowest = (max(q_server), query, plan)
        db.dispose()
    finally:
        if stop is not None:
            stop()

    print(f"{args.calls} calls, {segments} indexed segments, {len(QUERIES)} queries × {args.repeat}\n")
    print(f"{'query':28}{'server ms':>10}{'call ms':>9}{'matched':>9}{'hits':>6}")
    for query, server, wall, matched, hits in sorted(rows, key=lambda r: -r[1]):
        print(f"{query:28}{server:10.1f}{wall:9.1f}{matched:9d}{hits:6d}")
    s50, s95 = pct(server_ms)
    w50, w95 = pct(wall_ms)
    print(f"\nserver (plan + execution): p50 {s50:.1f} ms, p95 {s95:.1f} ms")
    print(
        f"service call (one client):  p50 {w50:.1f} ms, p95 {w95:.1f} ms; server share of p50 {s50 / w50:.0%}"
    )
    print(f"\nslowest plan ({slowest[1]}, {slowest[0]:.1f} ms):")
    for node in _nodes(slowest[2]):
        print(
            f"  {node['Node Type']:24} rows {node.get('Actual Rows', 0):>7} loops {node.get('Actual Loops', 1):>4} "
            f"time {node.get('Actual Total Time', 0):8.1f} ms  shared hit {node.get('Shared Hit Blocks', 0)} "
            f"read {node.get('Shared Read Blocks', 0)}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
