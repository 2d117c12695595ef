"""What a verdict owes the CRM: the outbox row written with the verdict, its note, and its plan.

``enqueue_verdict`` runs inside the verdict's own unit of work (``ReviewService.apply_verdict``),
so the verdict and its outbox row are committed together or not at all. ``resolve`` turns a row
into the CRM's ids when it is sent (the mappings may have been fixed since the verdict).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from qa_desk.crm.errors import CrmError
from qa_desk.crm.types import PushPlan
from qa_desk.domain.identity import User
from qa_desk.domain.statuses import Status
from qa_desk.domain.verdicts import Verdict, VerdictPlan, format_money
from qa_desk.storage.crm_models import PENDING, CrmOutbox
from qa_desk.storage.models import Deal, ReviewSession, utcnow
from qa_desk.storage.uow import UnitOfWork

VERDICT = "verdict"


def enqueue_verdict(uow: UnitOfWork, user: User, deal: Deal, review: ReviewSession | None, plan: VerdictPlan) -> None:
    """The CRM push a verdict owes, in the verdict's transaction; a deal not from a CRM owes nothing."""
    link = uow.crm.link_of_deal(deal.id)
    if link is None:
        return
    stamp = str(review.id) if review is not None else utcnow().strftime("%Y%m%d%H%M%S%f")
    key = f"verdict-{deal.id}-{stamp}"
    if uow.crm.outbox_by_key(key) is not None:
        return
    violation = plan.violation
    payload: dict[str, Any] = {
        "verdict": plan.verdict.value,
        "target": plan.target.value,
        "manager_id": plan.manager_id,
        "manager": uow.managers.name(plan.manager_id),
        "reassigned": plan.verdict is Verdict.FALSE_REFUSAL,
        "refusal_reason": plan.refusal_reason,
        "claimed_reason": review.claimed_reason if review is not None else deal.refusal_reason,
        "reviewer": user.display_name,
        "unsupported_reason": uow.crm.reason_unsupported(deal.id),
        "violation": violation.kind.label if violation else None,
        "penalty": str(violation.penalty) if violation else None,
        "penalty_rule": violation.rule.label if violation else None,
        "comment": violation.comment if violation else None,
    }
    uow.crm.add(
        CrmOutbox(
            connection_id=link.connection_id,
            deal_id=deal.id,
            crm_deal_id=link.crm_deal_id,
            key=key,
            action=VERDICT,
            payload=payload,
            state=PENDING,
            attempts=0,
            created_by=user.id,
        )
    )


def marker(key: str) -> str:
    """The line that makes a pushed note findable again: the push's idempotency key."""
    return f"Код проверки QA Desk: {key}"


def note_text(payload: dict[str, Any], key: str) -> str:
    """The note added to the CRM deal: the verdict, the reviewer, the finding and the penalty."""
    lines = [
        f"Проверка отказа в QA Desk: {Verdict(payload['verdict']).label}",
        f"Проверяющий: {payload['reviewer']}",
    ]
    if payload.get("claimed_reason"):
        lines.append(f"Причина, указанная менеджером: {payload['claimed_reason']}")
    finding = payload.get("unsupported_reason")
    if finding is not None:
        lines.append(
            "Звонки не подтверждают указанную причину отказа" if finding else "Звонки подтверждают указанную причину отказа"
        )
    if payload.get("target") == Status.CLOSED_LOST.value and payload.get("refusal_reason"):
        lines.append(f"Подтверждённая причина: {payload['refusal_reason']}")
    if payload.get("reassigned") and payload.get("manager"):
        lines.append(f"Сделка возвращена в работу, менеджер: {payload['manager']}")
    if payload.get("violation"):
        penalty = format_money(Decimal(payload["penalty"])) if payload.get("penalty") else "—"
        lines.append(f"Нарушение: {payload['violation']}; штраф {penalty} ({payload.get('penalty_rule')})")
    if payload.get("comment"):
        lines.append(f"Комментарий: {payload['comment']}")
    lines.append(marker(key))
    return "\n".join(lines)


def _pipeline(stage_id: str) -> str:
    """The pipeline part of a stage id: amoCRM «100:1002» → «100», Bitrix24 «C1:LOSE» → «C1», «LOSE» → «»."""
    return stage_id.split(":")[0] if ":" in stage_id else ""


def _stage_for(uow: UnitOfWork, row: CrmOutbox, target: str) -> str:
    stages = [m for m in uow.crm.mappings(row.connection_id, "stage") if m.local_value == target]
    if not stages:
        raise CrmError(f"Нет этапа CRM для статуса «{Status(target).label}»: сопоставьте этапы в настройках CRM")
    link = uow.crm.deal_links(row.connection_id, [row.crm_deal_id]).get(row.crm_deal_id)
    pipeline = _pipeline(link.crm_stage_id or "") if link is not None else ""
    same = [m for m in stages if _pipeline(m.crm_id) == pipeline] or stages
    named = [m for m in same if "в работе" in m.crm_name.casefold()]
    return (named or same)[0].crm_id


def resolve(uow: UnitOfWork, row: CrmOutbox) -> PushPlan:
    """The row in the CRM's ids. A later verdict of the same deal supersedes this one's stage and
    responsible user (only its note is still added), so a late retry never moves the deal back."""
    p = row.payload
    plan = PushPlan(deal_id=row.crm_deal_id, note=note_text(p, row.key), marker=marker(row.key))
    if uow.crm.newer_outbox(row):
        return plan
    plan.stage_id = _stage_for(uow, row, p["target"])
    if p["target"] == Status.CLOSED_LOST.value and p.get("refusal_reason"):
        reasons = uow.crm.mappings(row.connection_id, "reason")
        reason = next((m for m in reasons if m.local_value == p["refusal_reason"]), None)
        plan.loss_reason_id = reason.crm_id if reason else None
    if p.get("reassigned") and p.get("manager_id") is not None:
        users = [m for m in uow.crm.mappings(row.connection_id, "user") if m.local_value == str(p["manager_id"])]
        if not users:
            raise CrmError(
                f"Менеджер «{p.get('manager')}» не сопоставлен пользователю CRM: укажите его в настройках CRM"
            )
        plan.responsible_id = users[0].crm_id
    return plan
