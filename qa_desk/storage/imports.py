"""Storage for imports: the write lock of one batch, a deal's history, the record of import runs."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from qa_desk.domain.crm_policy import HistoryEntry
from qa_desk.storage.audit import AuditRepository
from qa_desk.storage.models import AuditEntry, Deal, ImportRun, utcnow

# Serialises import batches against each other on PostgreSQL (any constant shared by importers).
_IMPORT_LOCK_KEY = 0x51A_1A7


def begin_write(session: Session) -> None:
    """Take the write lock before the batch reads anything, so what it decides from the deals it
    reads still holds when it writes. SQLite: a writing session (``Database.session()``) already
    began with ``BEGIN IMMEDIATE`` (other writers wait, readers don't); this only opens it.
    PostgreSQL: one import batch at a time; deal rows are locked as they are read."""
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _IMPORT_LOCK_KEY})


def deal_for_update(session: Session, external_id: str) -> Deal | None:
    """The deal by its CRM id, locked until the batch commits (``FOR UPDATE``; SQLite ignores it,
    its whole database is locked by ``begin_write``)."""
    return session.scalar(select(Deal).where(Deal.external_id == external_id).with_for_update())


def deal_history(session: Session, deal_id: int) -> list[HistoryEntry]:
    return [HistoryEntry(e.action, e.before, e.after) for e in AuditRepository(session).for_deal(deal_id)]


def last_conflict(session: Session, deal_id: int, action: str) -> dict | None:
    """The ``after`` of the deal's latest audit row of ``action`` (to not repeat a known conflict)."""
    return session.scalar(
        select(AuditEntry.after)
        .where(AuditEntry.deal_id == deal_id, AuditEntry.action == action)
        .order_by(AuditEntry.id.desc())
        .limit(1)
    )


@dataclass(frozen=True, slots=True)
class RunInfo:
    id: int
    source: str
    state: str
    rows_total: int
    rows_imported: int
    rows_failed: int


def start_run(session: Session, *, source: str, sha256: str, actor: str, rows_total: int) -> int:
    run = ImportRun(source=source, sha256=sha256, actor=actor, rows_total=rows_total, state="running")
    session.add(run)
    session.flush()
    return run.id


def finish_run(session: Session, run_id: int, *, imported: int, failed: int) -> None:
    run = session.get(ImportRun, run_id)
    if run is not None:
        run.state, run.finished_at = "done", utcnow()
        run.rows_imported, run.rows_failed = imported, failed


def finished_runs(session: Session, sha256: str) -> Sequence[RunInfo]:
    """Completed imports of a file with this content, newest first."""
    runs = session.scalars(
        select(ImportRun)
        .where(ImportRun.sha256 == sha256, ImportRun.state == "done")
        .order_by(ImportRun.id.desc())
    )
    return [RunInfo(r.id, r.source, r.state, r.rows_total, r.rows_imported, r.rows_failed) for r in runs]
