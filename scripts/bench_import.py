"""How long another writer waits while a large export is imported: batched import vs one transaction.

    .venv/bin/python scripts/bench_import.py [--rows 3000]

Both runs import the same generated export into a fresh SQLite file while a second process writes a
small row every 50 ms (what a reviewer's click does) and records how long each write waited.
Baseline: the whole import in one transaction (how imports worked before batching). Printed: the
import's duration as a ratio to the baseline, and the other writer's longest wait and failures
("database is locked") in each run.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

WRITER = r"""
import json, sqlite3, sys, time
from pathlib import Path
db, stop = sys.argv[1], Path(sys.argv[2])
conn = sqlite3.connect(db, timeout=5, isolation_level=None)
conn.execute("CREATE TABLE IF NOT EXISTS bench_ping (at REAL)")
waits, failures = [], 0
while not stop.exists():
    started = time.monotonic()
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO bench_ping VALUES (?)", (started,))
        conn.execute("COMMIT")
        waits.append(time.monotonic() - started)
    except sqlite3.OperationalError:
        failures += 1
    time.sleep(0.05)
print(json.dumps({"waits": waits, "failures": failures}))
"""


def export(folder: Path, rows: int) -> Path:
    audio = ROOT / "tests" / "fixtures" / "audio" / "mono_short.wav"
    lines = [f"B-{i},Сделка {i},Менеджер {i % 20},active,{1000 + i},{audio}" for i in range(rows)]
    path = folder / "export.csv"
    path.write_text("deal_id,deal_title,manager,status,amount,recording\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(folder: Path, manifest: Path, *, one_transaction: bool) -> dict[str, float]:
    from qa_desk.importing import service
    from qa_desk.storage.db import Database

    db_path = folder / ("one.sqlite3" if one_transaction else "batched.sqlite3")
    db = Database(f"sqlite:///{db_path}")
    saved = service.BATCH_ROWS, service.BATCH_SECONDS, service.YIELD_SECONDS
    if one_transaction:
        service.BATCH_ROWS, service.BATCH_SECONDS, service.YIELD_SECONDS = 10**9, 1e9, 0.0
    stop = folder / "stop"
    stop.unlink(missing_ok=True)
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(db_path), str(stop)], stdout=subprocess.PIPE, text=True)
    time.sleep(0.5)
    started = time.monotonic()
    try:
        service.import_manifest(db, manifest)
    finally:
        service.BATCH_ROWS, service.BATCH_SECONDS, service.YIELD_SECONDS = saved
    elapsed = time.monotonic() - started
    stop.touch()
    result = json.loads(writer.communicate(timeout=60)[0])
    db.dispose()
    waits = sorted(result["waits"]) or [0.0]
    return {
        "seconds": elapsed,
        "max_wait": waits[-1],
        "p95_wait": waits[int(0.95 * (len(waits) - 1))],
        "failures": result["failures"],
        "writes": len(result["waits"]),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=3000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="qa-desk-bench-import-"))
    try:
        manifest = export(folder, args.rows)
        base = run(folder, manifest, one_transaction=True)
        batched = run(folder, manifest, one_transaction=False)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"rows: {args.rows}")
    for name, figures in (("one transaction (baseline)", base), ("batched", batched)):
        print(
            f"{name:28s} import {figures['seconds']:6.1f} s; other writer: {figures['writes']} writes, "
            f"longest wait {figures['max_wait'] * 1000:6.0f} ms, p95 {figures['p95_wait'] * 1000:5.0f} ms, "
            f"failed (locked) {figures['failures']}"
        )
    print(f"batched import time / baseline: {batched['seconds'] / base['seconds']:.2f}")
    if base["max_wait"] > 0:
        print(f"longest wait of the other writer, batched / baseline: {batched['max_wait'] / base['max_wait']:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
