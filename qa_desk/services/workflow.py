"""Helpers the workflow services share: the loaded script and reasons, snapshots, audited moves."""

from __future__ import annotations

from functools import cache

from qa_desk.domain.callback_script import CallbackScript, load_script
from qa_desk.domain.identity import User
from qa_desk.domain.refusal_reasons import RefusalReasons, load_refusal_reasons
from qa_desk.domain.statuses import Status
from qa_desk.domain.transitions import DealSnapshot
from qa_desk.storage.models import Deal, utcnow
from qa_desk.storage.uow import UnitOfWork

# Verdict-step choices are autosaved like script answers, under these reserved keys.
VERDICT_KEYS = frozenset(
    {"verdict", "verdict.new_manager", "verdict.violation", "verdict.comment", "verdict.penalty_percent"}
)
NOT_IN_REVIEW = "Сделка не на проверке: сначала начните проверку"


@cache
def default_script() -> CallbackScript:
    return load_script()


@cache
def default_reasons() -> RefusalReasons:
    return load_refusal_reasons()


def snapshot(deal: Deal) -> DealSnapshot:
    return DealSnapshot(
        deal.id, Status(deal.status), deal.manager_id, deal.refusal_reason, deal.refusal_comment
    )


def script_answers(answers: dict[str, str]) -> dict[str, str]:
    """The callback script's answers, without the verdict step's autosaved choices."""
    return {k: v for k, v in answers.items() if k not in VERDICT_KEYS}


def card(uow: UnitOfWork, deal: Deal) -> dict[str, object]:
    """The deal's audited fields, as the audit log keeps them."""
    return {
        "status": deal.status,
        "manager_id": deal.manager_id,
        "manager": uow.managers.name(deal.manager_id),
        "refusal_reason": deal.refusal_reason,
    }


def audit_card(
    uow: UnitOfWork, user: User, deal: Deal, action: str, before: dict[str, object], comment: str | None
) -> None:
    """Audit a change of the deal's card: ``before`` against the card as it is now."""
    uow.flush()
    uow.audit.add(
        actor=user.id, action=action, deal=deal, before=before, after=card(uow, deal), comment=comment
    )


def move(uow: UnitOfWork, user: User, deal: Deal, target: Status, comment: str | None) -> None:
    """Set the deal's status (already checked by the caller) and audit the move."""
    before = card(uow, deal)
    deal.status = target.value
    deal.status_changed_at = utcnow()
    audit_card(uow, user, deal, "status", before, comment)
