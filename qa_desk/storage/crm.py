"""The CRM connectors' repository: connections, mappings, cursors, links, calls and the outbox.

The only SQL of the CRM connectors. A pull's page is written as an import batch is
(``storage.imports``: the write lock, deals locked as they are read, the deal's history for the
CRM policy); the outbox and a running sync are leased to one process at a time (``lease``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from qa_desk.domain.crm_policy import HistoryEntry
from qa_desk.storage import imports
from qa_desk.storage import repositories as repo
from qa_desk.storage.claims import owner_alive, this_process
from qa_desk.storage.crm_models import (
    DONE,
    FAILED,
    PENDING,
    CrmCall,
    CrmConnection,
    CrmCursor,
    CrmDealLink,
    CrmMapping,
    CrmOutbox,
)
from qa_desk.storage.models import Base, Deal, DealAnalysis, Recording

__all__ = ["DONE", "FAILED", "PENDING", "CrmRepository"]

# A lease held by a process on another computer is taken as abandoned after this long.
FOREIGN_LEASE_EXPIRES = timedelta(minutes=15)


class CrmRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    # --- connections and mappings -----------------------------------------------------------------
    def connections(self) -> Sequence[CrmConnection]:
        return self.session.scalars(select(CrmConnection).order_by(CrmConnection.id)).all()

    def connection(self, connection_id: int | None = None) -> CrmConnection | None:
        """The connection by id, or the first active one."""
        if connection_id is not None:
            return self.session.get(CrmConnection, connection_id)
        query = select(CrmConnection).where(CrmConnection.active.is_(True)).order_by(CrmConnection.id)
        return self.session.scalar(query)

    def add(self, row: Base) -> None:
        """A new row (a connection, mapping, link, call, outbox row, or a deal a pull creates)."""
        self.session.add(row)
        self.session.flush()

    def mappings(self, connection_id: int, kind: str | None = None) -> Sequence[CrmMapping]:
        query = select(CrmMapping).where(CrmMapping.connection_id == connection_id)
        if kind:
            query = query.where(CrmMapping.kind == kind)
        return self.session.scalars(query.order_by(CrmMapping.kind, CrmMapping.id)).all()

    def mapping(self, connection_id: int, kind: str, crm_id: str) -> CrmMapping | None:
        return self.session.scalar(
            select(CrmMapping).where(
                CrmMapping.connection_id == connection_id, CrmMapping.kind == kind, CrmMapping.crm_id == crm_id
            )
        )

    def cursor_value(self, connection_id: int, name: str) -> str | None:
        query = select(CrmCursor.value).where(CrmCursor.connection_id == connection_id, CrmCursor.name == name)
        return self.session.scalar(query)

    def cursor(self, connection_id: int, name: str) -> CrmCursor:
        """The cursor row to move (created on first use)."""
        query = select(CrmCursor).where(CrmCursor.connection_id == connection_id, CrmCursor.name == name)
        row = self.session.scalar(query)
        if row is None:
            row = CrmCursor(connection_id=connection_id, name=name)
            self.session.add(row)
            self.session.flush()
        return row

    # --- a pull's page (see ``storage.imports``) ---------------------------------------------------
    def begin_batch(self) -> None:
        """The write lock of one page, taken before anything is read (as an import batch does)."""
        imports.begin_write(self.session)

    def deal_for_update(self, external_id: str) -> Deal | None:
        return imports.deal_for_update(self.session, external_id)

    def deal_history(self, deal_id: int) -> list[HistoryEntry]:
        return imports.deal_history(self.session, deal_id)

    def last_conflict(self, deal_id: int, action: str) -> dict | None:
        return imports.last_conflict(self.session, deal_id, action)

    def deal_links(self, connection_id: int, crm_deal_ids: Iterable[str]) -> dict[str, CrmDealLink]:
        query = select(CrmDealLink).where(
            CrmDealLink.connection_id == connection_id, CrmDealLink.crm_deal_id.in_(list(crm_deal_ids))
        )
        return {row.crm_deal_id: row for row in self.session.scalars(query)}

    def linked_deals(self, connection_id: int, crm_deal_ids: Iterable[str]) -> dict[str, Deal]:
        """QA Desk deals by CRM deal id (those a pull created or matched)."""
        query = (
            select(CrmDealLink.crm_deal_id, Deal)
            .join(Deal, Deal.id == CrmDealLink.deal_id)
            .where(CrmDealLink.connection_id == connection_id, CrmDealLink.crm_deal_id.in_(list(crm_deal_ids)))
        )
        return {crm_id: deal for crm_id, deal in self.session.execute(query)}

    def deals_with_failed_calls(self, connection_id: int, max_attempts: int) -> list[str]:
        """CRM deal ids with a call whose recording failed and may be tried again."""
        query = (
            select(CrmDealLink.crm_deal_id)
            .join(CrmCall, (CrmCall.deal_id == CrmDealLink.deal_id) & (CrmCall.connection_id == connection_id))
            .where(CrmDealLink.connection_id == connection_id, CrmCall.state == "failed", CrmCall.attempts < max_attempts)
            .distinct()
        )
        return sorted(self.session.scalars(query))

    def link_of_deal(self, deal_id: int) -> CrmDealLink | None:
        return self.session.scalar(select(CrmDealLink).where(CrmDealLink.deal_id == deal_id))

    def calls(self, connection_id: int, crm_call_ids: Iterable[str]) -> dict[str, CrmCall]:
        query = select(CrmCall).where(
            CrmCall.connection_id == connection_id, CrmCall.crm_call_id.in_(list(crm_call_ids))
        )
        return {row.crm_call_id: row for row in self.session.scalars(query)}

    def recording(self, recording_id: int | None) -> Recording | None:
        return self.session.get(Recording, recording_id) if recording_id is not None else None

    def same_recording(self, deal: Deal, sha256: str | None, path: str) -> Recording | None:
        return repo.find_recording(self.session, deal, sha256, path)

    def reason_unsupported(self, deal_id: int) -> bool | None:
        """The question engine's finding on the deal (None: not analysed yet)."""
        query = select(DealAnalysis.unsupported_reason).where(DealAnalysis.deal_id == deal_id)
        return self.session.scalar(query)

    # --- the outbox -----------------------------------------------------------------------------------
    def outbox(self, states: Iterable[str] | None = None, deal_id: int | None = None) -> Sequence[CrmOutbox]:
        query = select(CrmOutbox)
        if states is not None:
            query = query.where(CrmOutbox.state.in_(list(states)))
        if deal_id is not None:
            query = query.where(CrmOutbox.deal_id == deal_id)
        return self.session.scalars(query.order_by(CrmOutbox.id)).all()

    def outbox_row(self, row_id: int) -> CrmOutbox | None:
        return self.session.get(CrmOutbox, row_id)

    def newer_outbox(self, row: CrmOutbox) -> bool:
        """Whether a later push of the same CRM deal exists (it supersedes this one's moves)."""
        query = select(CrmOutbox.id).where(
            CrmOutbox.connection_id == row.connection_id,
            CrmOutbox.crm_deal_id == row.crm_deal_id,
            CrmOutbox.id > row.id,
        )
        return self.session.scalar(query.limit(1)) is not None

    def outbox_by_key(self, key: str) -> CrmOutbox | None:
        return self.session.scalar(select(CrmOutbox).where(CrmOutbox.key == key))

    def due(self, connection_id: int, now: datetime, *, only_due: bool = True) -> list[int]:
        """Pending rows of the connection that may be sent now and no live process is sending."""
        query = select(CrmOutbox.id, CrmOutbox.leased_by, CrmOutbox.leased_at).where(
            CrmOutbox.connection_id == connection_id, CrmOutbox.state == PENDING
        )
        if only_due:
            query = query.where(or_(CrmOutbox.next_attempt_at.is_(None), CrmOutbox.next_attempt_at <= now))
        rows = self.session.execute(query.order_by(CrmOutbox.id)).all()
        return [row_id for row_id, owner, at in rows if _free(owner, at, now)]

    def waiting(self, connection_id: int | None = None) -> int:
        """Rows not delivered yet (pending or given up)."""
        query = select(CrmOutbox.id).where(CrmOutbox.state != DONE)
        if connection_id is not None:
            query = query.where(CrmOutbox.connection_id == connection_id)
        return len(self.session.scalars(query).all())

    def lease_outbox(self, row_id: int, now: datetime) -> bool:
        """Take one pending row for this process (compare-and-set); False when another has it."""
        row = self.session.get(CrmOutbox, row_id)
        if row is None or row.state != PENDING or not _free(row.leased_by, row.leased_at, now):
            return False
        return self._take(CrmOutbox, row_id, CrmOutbox.leased_by, CrmOutbox.leased_at, row.leased_by, now)

    def release_outbox(self, row: CrmOutbox) -> None:
        row.leased_by, row.leased_at = None, None

    def lease_sync(self, connection_id: int, now: datetime) -> bool:
        """Take the connection's sync for this process; False while another sync runs."""
        row = self.session.get(CrmConnection, connection_id)
        if row is None or not _free(row.sync_by, row.sync_at, now):
            return False
        return self._take(CrmConnection, connection_id, CrmConnection.sync_by, CrmConnection.sync_at, row.sync_by, now)

    def _take(self, model: Any, row_id: int, owner: Any, at: Any, old: str | None, now: datetime) -> bool:
        """Set the row's owner to this process only if it is still ``old`` (one UPDATE, so two
        processes can never both take it)."""
        held = owner.is_(None) if old is None else owner == old
        result = self.session.execute(
            update(model)
            .where(model.id == row_id, held)
            .values({owner: this_process(), at: now})
            .execution_options(synchronize_session=False)
        )
        self.session.expire_all()
        return bool(getattr(result, "rowcount", 0))

    def touch_sync(self, connection_id: int, now: datetime) -> None:
        """A running sync's heartbeat (another computer waits ``FOREIGN_LEASE_EXPIRES`` past it)."""
        self.session.execute(
            update(CrmConnection)
            .where(CrmConnection.id == connection_id, CrmConnection.sync_by == this_process())
            .values(sync_at=now)
            .execution_options(synchronize_session=False)
        )

    def release_sync(self, connection_id: int) -> None:
        self.session.execute(
            update(CrmConnection)
            .where(CrmConnection.id == connection_id, CrmConnection.sync_by == this_process())
            .values(sync_by=None, sync_at=None)
            .execution_options(synchronize_session=False)
        )


def _free(owner: str | None, at: datetime | None, now: datetime) -> bool:
    """A lease is free when nobody holds it, its process is gone, or (another computer) it is old."""
    if owner is None:
        return True
    alive = owner_alive(owner)
    if alive is None:
        return at is None or now - at > FOREIGN_LEASE_EXPIRES
    return not alive

