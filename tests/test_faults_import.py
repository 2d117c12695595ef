"""A ``deal refuse`` from another process during a long import is not locked out.

The import (``python -m qa_desk import``, ``ROWS`` new deals) runs as a real process; once it holds
the database's write lock, a manager's ``deal refuse`` starts in a second process. The refusal
waits for the lock (at most ``storage.db.LOCK_WAIT_S``; an import that commits in batches lets it
in between two batches) and is stored with its audit entry; the import keeps every row.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from conftest import AUDIO, DEMO
from conftest import services_for as S
from faults import sqlite_locked
from sqlalchemy import func, select

from qa_desk.importing.service import import_manifest
from qa_desk.storage.db import Database
from qa_desk.storage.models import AuditEntry, Deal

ROWS = 300


def _qa_desk(url: str, *argv: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "qa_desk", "--db", url, *argv], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )


def test_refuse_during_a_long_import(db_url: str, tmp_path: Path) -> None:
    db = Database(db_url)
    import_manifest(db, DEMO / "manifest.csv")
    S(db).users.sync()
    manifest = tmp_path / "big.csv"
    lines = ["deal_id,deal_title,manager,status,recording"]
    lines += [f"B-{n},Сделка {n},Иван Петров,active,{AUDIO / 'mono_short.wav'}" for n in range(ROWS)]
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")

    path = db_url.removeprefix("sqlite:///")
    importer = _qa_desk(db_url, "import", str(manifest))
    deadline = time.monotonic() + 120
    while not sqlite_locked(path) and importer.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    refuse = _qa_desk(db_url, "deal", "refuse", "D-1003", "--reason", "маленький бюджет", "--as", "alexey.smirnov")
    refused_output, _ = refuse.communicate(timeout=300)
    import_output, _ = importer.communicate(timeout=300)

    assert refuse.returncode == 0, refused_output
    assert "условный отказ" in refused_output and "Traceback" not in refused_output
    assert importer.returncode == 0, import_output
    assert S(db).deals.card("D-1003").status == "conditional_refusal"
    with db.session(write=False) as s:
        assert s.scalar(select(func.count(Deal.id)).where(Deal.external_id.like("B-%"))) == ROWS
        refusal = s.scalars(select(AuditEntry).where(AuditEntry.actor == "alexey.smirnov")).one()
        assert (refusal.after or {}).get("status") == "conditional_refusal"
    assert S(db).audit.verify_chain().ok
    db.dispose()
