"""Queries and small write helpers over the ORM (the DAO layer)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from qa_desk.domain.ordering import recording_sort_key
from qa_desk.storage.models import AuditEntry, Contract, Deal, Manager, Recording


def get_or_create_manager(
    session: Session, name: str, email: str | None = None, salary: Decimal | None = None
) -> Manager:
    """The manager by name; missing contact details and salary are filled in, never overwritten."""
    manager = session.scalar(select(Manager).where(Manager.name == name))
    if manager is None:
        manager = Manager(name=name, email=email, salary=salary)
        session.add(manager)
        session.flush()
        return manager
    if email and not manager.email:
        manager.email = email
    if salary is not None and manager.salary is None:
        manager.salary = salary
    return manager


def get_or_create_contract(session: Session, name: str) -> Contract:
    contract = session.scalar(select(Contract).where(Contract.name == name))
    if contract is None:
        contract = Contract(name=name)
        session.add(contract)
        session.flush()
    return contract


def deal_by_external_id(session: Session, external_id: str) -> Deal | None:
    return session.scalar(select(Deal).where(Deal.external_id == external_id))


def get_deal(session: Session, deal_ref: int | str, *, lock: bool = False) -> Deal | None:
    """A deal by its database id or its CRM id (``lock``: ``SELECT … FOR UPDATE``)."""
    options = (selectinload(Deal.recordings), selectinload(Deal.manager), selectinload(Deal.contract))
    if isinstance(deal_ref, int) or str(deal_ref).isdigit():
        deal = session.get(Deal, int(deal_ref), options=options, with_for_update=lock or None)
        if deal is not None:
            return deal
    query = select(Deal).options(*options).where(Deal.external_id == str(deal_ref))
    return session.scalar(query.with_for_update() if lock else query)


def list_deals(session: Session, status: str | None = None) -> Sequence[Deal]:
    query = select(Deal).options(selectinload(Deal.manager), selectinload(Deal.recordings))
    if status:
        query = query.where(Deal.status == status)
    return session.scalars(query.order_by(Deal.external_id)).all()


def ordered_recordings(deal: Deal) -> list[Recording]:
    """The deal's recordings in chronological order (the one order every view uses)."""
    return sorted(deal.recordings, key=lambda r: recording_sort_key(r.call_started_at, r.id))


def find_recording(session: Session, deal: Deal, sha256: str | None, path: str) -> Recording | None:
    """The same recording of the same deal: same content, or (unreadable files) same path."""
    query = select(Recording).where(Recording.deal_id == deal.id)
    if sha256:
        return session.scalar(query.where(Recording.sha256 == sha256))
    return session.scalar(query.where(Recording.path == path, Recording.sha256.is_(None)))


def add_audit(session: Session, **fields: Any) -> AuditEntry:
    """One audit entry (see ``AuditRepository.add`` for the fields)."""
    from qa_desk.storage.audit import AuditRepository

    return AuditRepository(session).add(**fields)
