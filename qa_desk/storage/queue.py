"""The review queue's query: every deal with its manager, contract, flags and call counts."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from qa_desk.domain.recordings import WAITING_STATES, RecordingState
from qa_desk.domain.statuses import Status
from qa_desk.domain.workspace import (
    WAITING_STATUSES,
    Choice,
    FilterChoices,
    QueueFilter,
    QueueRow,
    status_label,
)
from qa_desk.storage.models import Contract, Deal, DealAnalysis, Manager, Recording


class QueueRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def filter_choices(self) -> FilterChoices:
        managers = [
            Choice(i, n)
            for i, n in self.session.execute(select(Manager.id, Manager.name).order_by(Manager.name))
        ]
        contracts = [
            Choice(i, n)
            for i, n in self.session.execute(select(Contract.id, Contract.name).order_by(Contract.name))
        ]
        return FilterChoices(managers, contracts, [(s.value, s.label) for s in Status])

    def _current_flags(self, reasons: dict[int, str | None]) -> set[int]:
        """Deals whose stored «reason not supported» flag is about the reason they have now.

        The flag is computed for one refusal reason; once a verdict or a CRM update changes (or
        clears) the reason, the stored flag is stale until the deal is analysed again.
        """
        if not reasons:
            return set()
        query = select(DealAnalysis.deal_id, DealAnalysis.result).where(DealAnalysis.deal_id.in_(list(reasons)))
        return {
            deal_id
            for deal_id, result in self.session.execute(query)
            if reasons[deal_id] and (result or {}).get("refusal_reason") == reasons[deal_id]
        }

    def rows(self, flt: QueueFilter, now: datetime) -> list[QueueRow]:
        """Matching deals, unsorted (the service orders them)."""
        waiting = [s.value for s in WAITING_STATES]
        rec_counts = (
            select(
                Recording.deal_id,
                func.count(Recording.id).label("total"),
                func.sum(case((Recording.state == RecordingState.FAILED.value, 1), else_=0)).label("failed"),
                func.sum(case((Recording.state.in_(waiting), 1), else_=0)).label("todo"),
            )
            .group_by(Recording.deal_id)
            .subquery()
        )
        changed = func.coalesce(Deal.status_changed_at, Deal.created_at)
        query = (
            select(
                Deal,
                Manager.name,
                Contract.name,
                DealAnalysis.unsupported_reason,
                rec_counts.c.total,
                rec_counts.c.failed,
                rec_counts.c.todo,
            )
            .outerjoin(Manager, Deal.manager_id == Manager.id)
            .outerjoin(Contract, Deal.contract_id == Contract.id)
            .outerjoin(DealAnalysis, DealAnalysis.deal_id == Deal.id)
            .outerjoin(rec_counts, rec_counts.c.deal_id == Deal.id)
        )
        if flt.status:
            query = query.where(Deal.status == flt.status)
        if flt.manager_id is not None:
            query = query.where(Deal.manager_id == flt.manager_id)
        if flt.contract_id is not None:
            query = query.where(Deal.contract_id == flt.contract_id)
        if flt.since is not None:
            query = query.where(changed >= datetime.combine(flt.since, datetime.min.time()))
        if flt.until is not None:
            query = query.where(
                changed < datetime.combine(flt.until + timedelta(days=1), datetime.min.time())
            )
        found = self.session.execute(query).all()
        current = self._current_flags({row[0].id: row[0].refusal_reason for row in found if row[3]})
        rows = []
        for deal, manager, contract, _flag, total, failed, todo in found:
            since = deal.status_changed_at or deal.created_at
            days = max((now - since).days, 0) if deal.status in WAITING_STATUSES and since else None
            rows.append(
                QueueRow(
                    deal_id=deal.id,
                    external_id=deal.external_id,
                    title=deal.title or "",
                    client=deal.client_company or "",
                    manager=manager or "",
                    amount=deal.amount,
                    currency=deal.currency or "RUB",
                    status=deal.status,
                    status_label=status_label(deal.status),
                    refusal_reason=deal.refusal_reason or "",
                    contract=contract or "",
                    waiting_days=days,
                    unsupported=deal.id in current,
                    recordings=int(total or 0),
                    failed=int(failed or 0),
                    untranscribed=int(todo or 0),
                )
            )
        return rows
