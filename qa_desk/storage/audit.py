"""The append-only audit log: entries, their hash chain, a deal's trail or a period.

An entry is sealed into the chain when its transaction commits (``seal``, called by
``Database.session``): the transaction's other changes are flushed first (so the row locks they
need are taken before the chain's lock), then the chain is locked (SQLite: the transaction
already holds the database's write lock; PostgreSQL: a transaction-scoped advisory lock), the
last entry's hash is read, and the new entries are hashed in order and inserted. Two writers
therefore never fork the chain. ``hash``/``prev_hash`` are NOT NULL, so an entry added around
``AuditRepository.add`` is refused by the database.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from datetime import datetime

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from qa_desk.domain.audit_chain import GENESIS, ChainEntry, entry_hash
from qa_desk.storage.models import AuditEntry, Deal, utcnow

PENDING = "qa_desk.audit_pending"  # ``Session.info`` key: entries waiting for the commit
CHAIN_LOCK = 7_340_021  # PostgreSQL advisory lock key of the audit chain
SQLITE_GUARDS = ("audit_log_no_update", "audit_log_no_delete")
POSTGRES_GUARDS = ("audit_log_append_only",)


class AuditRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(
        self,
        *,
        actor: str,
        action: str,
        deal: Deal | None = None,
        before: dict | None = None,
        after: dict | None = None,
        comment: str | None = None,
        at: datetime | None = None,
    ) -> AuditEntry:
        """An entry of this transaction; it is hashed and inserted when the transaction commits."""
        entry = AuditEntry(
            at=at or utcnow(),
            actor=actor,
            action=action,
            deal_id=deal.id if deal is not None else None,
            before=before,
            after=after,
            comment=comment,
        )
        self.session.info.setdefault(PENDING, []).append(entry)
        return entry

    def for_deal(self, deal_id: int) -> Sequence[AuditEntry]:
        """The deal's entries, oldest first."""
        query = select(AuditEntry).where(AuditEntry.deal_id == deal_id).order_by(AuditEntry.id)
        return self.session.scalars(query).all()

    def last_for(self, deal_id: int, actions: Collection[str] | None = None) -> AuditEntry | None:
        """The deal's newest entry (of one of ``actions``)."""
        query = select(AuditEntry).where(AuditEntry.deal_id == deal_id)
        if actions:
            query = query.where(AuditEntry.action.in_(list(actions)))
        return self.session.scalar(query.order_by(AuditEntry.id.desc()).limit(1))

    def between(self, low: datetime, high: datetime, actions: Collection[str]) -> Sequence[AuditEntry]:
        query = select(AuditEntry).where(
            AuditEntry.at >= low, AuditEntry.at < high, AuditEntry.action.in_(list(actions))
        )
        return self.session.scalars(query.order_by(AuditEntry.id)).all()

    def chain(self, batch: int = 2000) -> Iterator[ChainEntry]:
        """Every entry in id order, as the chain sees it, read in batches (bounded memory)."""
        columns = (
            AuditEntry.id, AuditEntry.at, AuditEntry.actor, AuditEntry.action, AuditEntry.deal_id,
            AuditEntry.before, AuditEntry.after, AuditEntry.comment, AuditEntry.prev_hash, AuditEntry.hash,
        )  # fmt: skip
        last = 0
        while True:
            rows = self.session.execute(
                select(*columns).where(AuditEntry.id > last).order_by(AuditEntry.id).limit(batch)
            ).all()
            for row in rows:
                yield ChainEntry(*row)
            if len(rows) < batch:
                return
            last = rows[-1][0]

    def guards_missing(self) -> tuple[str, ...]:
        """The append-only triggers that are no longer there (someone dropped them)."""
        expected: tuple[str, ...]
        dialect = self.session.get_bind().dialect.name
        if dialect == "sqlite":
            query = "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'"
            expected = SQLITE_GUARDS
        elif dialect == "postgresql":
            query = (
                "SELECT tgname FROM pg_trigger WHERE tgrelid = 'audit_log'::regclass "
                "AND NOT tgisinternal AND tgenabled <> 'D'"
            )
            expected = POSTGRES_GUARDS
        else:
            return ()
        present = set(self.session.execute(text(query)).scalars())
        return tuple(name for name in expected if name not in present)


def seal(session: Session) -> None:
    """Hash the transaction's pending audit entries onto the end of the chain and insert them."""
    pending: list[AuditEntry] = session.info.pop(PENDING, [])
    if not pending:
        return
    session.flush()  # the transaction's own changes (and their row locks) come before the chain's lock
    if session.get_bind().dialect.name == "postgresql":
        deal_ids = sorted({e.deal_id for e in pending if e.deal_id is not None})
        if deal_ids:  # the entries' foreign keys lock these rows: take them before the chain's lock
            session.execute(select(Deal.id).where(Deal.id.in_(deal_ids)).with_for_update(read=True, key_share=True))
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CHAIN_LOCK})
    prev = session.scalar(select(AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)) or GENESIS
    for entry in pending:
        entry.prev_hash = prev
        entry.hash = prev = entry_hash(prev, _chain_entry(entry))
        session.add(entry)
    session.flush()


def _chain_entry(entry: AuditEntry) -> ChainEntry:
    return ChainEntry(
        0, entry.at, entry.actor, entry.action, entry.deal_id, entry.before, entry.after, entry.comment
    )
