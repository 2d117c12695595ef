"""Queries over the CRM tables (the only SQL of the CRM connectors)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

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
from qa_desk.storage.models import ReviewSession

__all__ = ["DONE", "FAILED", "PENDING"]


def connections(session: Session) -> Sequence[CrmConnection]:
    return session.scalars(select(CrmConnection).order_by(CrmConnection.id)).all()


def active_connection(session: Session) -> CrmConnection | None:
    return session.scalar(select(CrmConnection).where(CrmConnection.active.is_(True)).order_by(CrmConnection.id))


def mappings(session: Session, connection_id: int, kind: str | None = None) -> Sequence[CrmMapping]:
    query = select(CrmMapping).where(CrmMapping.connection_id == connection_id)
    if kind:
        query = query.where(CrmMapping.kind == kind)
    return session.scalars(query.order_by(CrmMapping.kind, CrmMapping.id)).all()


def mapping(session: Session, connection_id: int, kind: str, crm_id: str) -> CrmMapping | None:
    return session.scalar(
        select(CrmMapping).where(
            CrmMapping.connection_id == connection_id, CrmMapping.kind == kind, CrmMapping.crm_id == crm_id
        )
    )


def cursor(session: Session, connection_id: int, name: str) -> CrmCursor:
    row = session.scalar(select(CrmCursor).where(CrmCursor.connection_id == connection_id, CrmCursor.name == name))
    if row is None:
        row = CrmCursor(connection_id=connection_id, name=name)
        session.add(row)
        session.flush()
    return row


def deal_links(session: Session, connection_id: int, crm_deal_ids: Iterable[str]) -> dict[str, CrmDealLink]:
    ids = list(crm_deal_ids)
    rows = session.scalars(
        select(CrmDealLink).where(CrmDealLink.connection_id == connection_id, CrmDealLink.crm_deal_id.in_(ids))
    )
    return {row.crm_deal_id: row for row in rows}


def link_of_deal(session: Session, deal_id: int) -> CrmDealLink | None:
    return session.scalar(select(CrmDealLink).where(CrmDealLink.deal_id == deal_id))


def calls(session: Session, connection_id: int, crm_call_ids: Iterable[str]) -> dict[str, CrmCall]:
    ids = list(crm_call_ids)
    rows = session.scalars(
        select(CrmCall).where(CrmCall.connection_id == connection_id, CrmCall.crm_call_id.in_(ids))
    )
    return {row.crm_call_id: row for row in rows}


def open_review(session: Session, deal_id: int) -> bool:
    query = select(ReviewSession.id).where(ReviewSession.deal_id == deal_id, ReviewSession.finished_at.is_(None))
    return session.scalar(query.limit(1)) is not None


def pending_push(session: Session, deal_id: int) -> bool:
    query = select(CrmOutbox.id).where(CrmOutbox.deal_id == deal_id, CrmOutbox.state != DONE)
    return session.scalar(query.limit(1)) is not None


def outbox(session: Session, states: Iterable[str] | None = None, deal_id: int | None = None) -> Sequence[CrmOutbox]:
    query = select(CrmOutbox)
    if states is not None:
        query = query.where(CrmOutbox.state.in_(list(states)))
    if deal_id is not None:
        query = query.where(CrmOutbox.deal_id == deal_id)
    return session.scalars(query.order_by(CrmOutbox.id)).all()


def due_outbox(session: Session, now: datetime) -> Sequence[CrmOutbox]:
    query = select(CrmOutbox).where(
        CrmOutbox.state == PENDING, (CrmOutbox.next_attempt_at.is_(None)) | (CrmOutbox.next_attempt_at <= now)
    )
    return session.scalars(query.order_by(CrmOutbox.id)).all()


def outbox_by_key(session: Session, key: str) -> CrmOutbox | None:
    return session.scalar(select(CrmOutbox).where(CrmOutbox.key == key))
