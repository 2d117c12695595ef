"""The append-only audit log: writing an entry and reading a deal's trail or a period."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from qa_desk.storage.models import AuditEntry, Deal


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
        entry = AuditEntry(
            actor=actor,
            action=action,
            deal_id=deal.id if deal is not None else None,
            before=before,
            after=after,
            comment=comment,
        )
        if at is not None:
            entry.at = at
        self.session.add(entry)
        return entry

    def for_deal(self, deal_id: int) -> Sequence[AuditEntry]:
        """The deal's entries, oldest first."""
        query = select(AuditEntry).where(AuditEntry.deal_id == deal_id).order_by(AuditEntry.id)
        return self.session.scalars(query).all()

    def between(self, low: datetime, high: datetime, actions: Collection[str]) -> Sequence[AuditEntry]:
        query = select(AuditEntry).where(
            AuditEntry.at >= low, AuditEntry.at < high, AuditEntry.action.in_(list(actions))
        )
        return self.session.scalars(query.order_by(AuditEntry.id)).all()
