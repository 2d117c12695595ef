"""The push outbox: a verdict owes the CRM a stage change, a responsible user and one note.

``enqueue_verdict`` is called inside the verdict's own transaction (``services.review``), so a
verdict and its outbox row are written together or not at all. ``push`` delivers due rows; a
failure (network, 401, 5xx, a missing mapping) keeps the row pending with a growing delay and
the reason shown in the «Синхронизация» view. The note carries the row's key, and the CRM is
searched for it before any note is added, so no retry can add a second one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from qa_desk.crm.connector import Connector
from qa_desk.crm.errors import CrmError
from qa_desk.crm.types import PushPlan
from qa_desk.domain.identity import User
from qa_desk.domain.statuses import Status
from qa_desk.domain.verdicts import Verdict, VerdictPlan, format_money
from qa_desk.storage import crm as store
from qa_desk.storage import repositories as repo
from qa_desk.storage.crm_models import DONE, FAILED, PENDING, CrmConnection, CrmMapping, CrmOutbox
from qa_desk.storage.db import Database
from qa_desk.storage.models import Deal, DealAnalysis, Manager, ReviewSession, utcnow

PUSH_ACTOR = "синхронизация с CRM"
MAX_ATTEMPTS = 12
BACKOFF_MIN = (1, 2, 5, 10, 30, 60)  # minutes between attempts, then hourly
STATE_LABELS = {PENDING: "ждёт отправки", DONE: "отправлено", FAILED: "не отправлено"}


def enqueue_verdict(
    session: Session, user: User, deal: Deal, review: ReviewSession | None, plan: VerdictPlan
) -> None:
    """Called by the verdict in its transaction; a deal not pulled from a CRM owes it nothing."""
    link = store.link_of_deal(session, deal.id)
    if link is None:
        return
    analysis = session.scalar(select(DealAnalysis).where(DealAnalysis.deal_id == deal.id))
    violation = plan.violation
    new_manager = session.get(Manager, plan.manager_id) if plan.manager_id is not None else None
    key = f"verdict-{deal.id}-{review.id if review is not None else utcnow().strftime('%Y%m%d%H%M%S%f')}"
    payload: dict[str, Any] = {
        "verdict": plan.verdict.value,
        "target": plan.target.value,
        "manager_id": plan.manager_id,
        "manager": new_manager.name if new_manager else None,
        "reassigned": plan.verdict is Verdict.FALSE_REFUSAL,
        "refusal_reason": plan.refusal_reason,
        "claimed_reason": review.claimed_reason if review is not None else deal.refusal_reason,
        "reviewer": user.display_name,
        "unsupported_reason": None if analysis is None else bool(analysis.unsupported_reason),
        "violation": violation.kind.label if violation else None,
        "penalty": str(violation.penalty) if violation else None,
        "penalty_rule": violation.rule.label if violation else None,
        "comment": violation.comment if violation else None,
    }
    if store.outbox_by_key(session, key) is None:
        session.add(
            CrmOutbox(
                connection_id=link.connection_id,
                deal_id=deal.id,
                crm_deal_id=link.crm_deal_id,
                key=key,
                action="verdict",
                payload=payload,
                state=PENDING,
                attempts=0,
                created_by=user.id,
            )
        )


def note_text(payload: dict[str, Any], key: str) -> str:
    lines = [
        f"Проверка отказа в QA Desk: {Verdict(payload['verdict']).label}",
        f"Проверяющий: {payload['reviewer']}",
    ]
    if payload.get("claimed_reason"):
        lines.append(f"Причина, указанная менеджером: {payload['claimed_reason']}")
    finding = payload.get("unsupported_reason")
    if finding is not None:
        lines.append(
            "Звонки не подтверждают указанную причину отказа"
            if finding
            else "Звонки подтверждают указанную причину отказа"
        )
    if payload.get("target") == Status.CLOSED_LOST.value and payload.get("refusal_reason"):
        lines.append(f"Подтверждённая причина: {payload['refusal_reason']}")
    if payload.get("reassigned") and payload.get("manager"):
        lines.append(f"Сделка возвращена в работу, менеджер: {payload['manager']}")
    if payload.get("violation"):
        from decimal import Decimal

        penalty = format_money(Decimal(payload["penalty"])) if payload.get("penalty") else "—"
        lines.append(f"Нарушение: {payload['violation']}; штраф {penalty} ({payload.get('penalty_rule')})")
    if payload.get("comment"):
        lines.append(f"Комментарий: {payload['comment']}")
    lines.append(marker(key))
    return "\n".join(lines)


def marker(key: str) -> str:
    return f"Код проверки QA Desk: {key}"


def _stage_for(session: Session, row: CrmOutbox, target: str) -> str | None:
    stages = [m for m in store.mappings(session, row.connection_id, "stage") if m.local_value == target]
    if not stages:
        raise CrmError(
            f"Нет этапа CRM для статуса «{Status(target).label}»: сопоставьте этапы в настройках CRM"
        )
    link = store.deal_links(session, row.connection_id, [row.crm_deal_id]).get(row.crm_deal_id)
    current = (link.crm_stage_id or "") if link else ""
    prefix = current.split(":")[0] if ":" in current else ""
    same = [m for m in stages if prefix and m.crm_id.startswith(prefix + ":")] or stages
    named = [m for m in same if "в работе" in m.crm_name.casefold()]
    return (named or same)[0].crm_id


def _plan(session: Session, row: CrmOutbox) -> PushPlan:
    p = row.payload
    plan = PushPlan(deal_id=row.crm_deal_id, note=note_text(p, row.key), marker=marker(row.key))
    plan.stage_id = _stage_for(session, row, p["target"])
    if p["target"] == Status.CLOSED_LOST.value and p.get("refusal_reason"):
        reason = next(
            (
                m
                for m in store.mappings(session, row.connection_id, "reason")
                if m.local_value == p["refusal_reason"]
            ),
            None,
        )
        plan.loss_reason_id = reason.crm_id if reason else None
    if p.get("reassigned") and p.get("manager_id") is not None:
        users: list[CrmMapping] = [
            m
            for m in store.mappings(session, row.connection_id, "user")
            if m.local_value == str(p["manager_id"])
        ]
        if not users:
            raise CrmError(
                f"Менеджер «{p.get('manager')}» не сопоставлен пользователю CRM: укажите его в настройках CRM"
            )
        plan.responsible_id = users[0].crm_id
    return plan


@dataclass
class PushReport:
    sent: int = 0
    failed: int = 0
    errors: list[str] | None = None


def push(
    db: Database, connector: Connector, *, now: datetime | None = None, only_due: bool = True
) -> PushReport:
    """Deliver pending outbox rows of the connector's connection, oldest first."""
    report = PushReport(errors=[])
    moment = now or utcnow()
    with db.session() as session:
        rows = store.due_outbox(session, moment) if only_due else store.outbox(session, [PENDING])
        ids = [r.id for r in rows if _kind(session, r.connection_id) == connector.kind]
    for row_id in ids:
        with db.session() as session:
            row = session.get(CrmOutbox, row_id)
            if row is None or row.state != PENDING:
                continue
            try:
                plan = _plan(session, row)
            except CrmError as exc:
                _failed(row, str(exc), moment, report)
                continue
        try:
            result = connector.push(plan)
        except CrmError as exc:
            with db.session() as session:
                row = session.get(CrmOutbox, row_id)
                assert row is not None
                _failed(row, str(exc), moment, report)
            continue
        with db.session() as session:
            row = session.get(CrmOutbox, row_id)
            assert row is not None
            row.state, row.sent_at, row.result, row.last_error = DONE, utcnow(), _jsonable(result), None
            row.attempts += 1
            deal = session.get(Deal, row.deal_id) if row.deal_id else None
            repo.add_audit(
                session,
                actor=PUSH_ACTOR,
                action="crm_push",
                deal=deal,
                after={
                    "crm_deal": row.crm_deal_id,
                    "stage": plan.stage_id,
                    "responsible": plan.responsible_id,
                },
                comment="Вердикт отправлен в CRM",
            )
            report.sent += 1
    return report


def _kind(session: Session, connection_id: int) -> str | None:
    conn = session.get(CrmConnection, connection_id)
    return conn.kind if conn else None


def _failed(row: CrmOutbox, error: str, now: datetime, report: PushReport) -> None:
    row.attempts += 1
    row.last_error = error
    if row.attempts >= MAX_ATTEMPTS:
        row.state = FAILED
    minutes = BACKOFF_MIN[min(row.attempts - 1, len(BACKOFF_MIN) - 1)]
    row.next_attempt_at = now + timedelta(minutes=minutes)
    report.failed += 1
    assert report.errors is not None
    report.errors.append(error)


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value if isinstance(value, str | int | float | bool) or value is None else str(value)


@dataclass(frozen=True, slots=True)
class OutboxRow:
    id: int
    deal_id: int | None
    deal: str
    crm_deal_id: str
    action: str
    state: str
    state_label: str
    attempts: int
    last_error: str | None
    created_at: datetime
    sent_at: datetime | None
    next_attempt_at: datetime | None


def outbox_rows(db: Database, deal_id: int | None = None) -> list[OutboxRow]:
    with db.session() as session:
        rows = store.outbox(session, deal_id=deal_id)
        out = []
        for r in rows:
            deal = session.get(Deal, r.deal_id) if r.deal_id else None
            out.append(
                OutboxRow(
                    r.id,
                    r.deal_id,
                    deal.title if deal else "—",
                    r.crm_deal_id,
                    "Вердикт",
                    r.state,
                    STATE_LABELS.get(r.state, r.state),
                    r.attempts,
                    r.last_error,
                    r.created_at,
                    r.sent_at,
                    r.next_attempt_at,
                )
            )
        return out


def retry_now(db: Database, user: User, outbox_id: int | None = None) -> int:
    """A person asks to send again now (one row, or every row not yet sent); audited."""
    with db.session() as session:
        rows = [session.get(CrmOutbox, outbox_id)] if outbox_id else store.outbox(session, [PENDING, FAILED])
        count = 0
        for row in rows:
            if row is None or row.state == DONE:
                continue
            row.state, row.next_attempt_at = PENDING, None
            if row.attempts >= MAX_ATTEMPTS:
                row.attempts = 0
            count += 1
            deal = session.get(Deal, row.deal_id) if row.deal_id else None
            repo.add_audit(
                session, actor=user.id, action="crm_retry", deal=deal, comment="Повторная отправка в CRM"
            )
        return count
