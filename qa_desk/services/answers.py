"""The client's answers entering the deal's history.

Answers are saved as the reviewer types (a draft attributed to them, so nothing is lost to a
crash); they enter the append-only audit log when the reviewer leaves the step, and with the
verdict: one «answers» entry per such moment with every answer changed since the last one.
"""

from __future__ import annotations

from qa_desk.domain.identity import User
from qa_desk.services.workflow import script_answers
from qa_desk.storage.models import Deal, ReviewSession
from qa_desk.storage.uow import UnitOfWork

ACTION = "answers"


def audited(uow: UnitOfWork, deal: Deal, review: ReviewSession) -> dict[str, str | None]:
    """The answers of ``review`` as the audit log has them so far."""
    values: dict[str, str | None] = {}
    for entry in uow.audit.for_deal(deal.id):
        after = entry.after or {}
        if entry.action == ACTION and after.get("review_id") == review.id:
            values.update(after.get("answers") or {})
    return values


def commit(uow: UnitOfWork, user: User, deal: Deal, review: ReviewSession) -> bool:
    """Append one audit entry with the answers changed since the last; ``False``: nothing changed."""
    now = script_answers(uow.reviews.answers(review))
    before = audited(uow, deal, review)
    changed: dict[str, str | None] = {k: v for k, v in now.items() if before.get(k) != v}
    changed |= {k: None for k, v in before.items() if v is not None and k not in now}
    if not changed:
        return False
    uow.audit.add(
        actor=user.id,
        action=ACTION,
        deal=deal,
        before={"answers": {k: before.get(k) for k in changed}},
        after={"review_id": review.id, "answers": changed},
    )
    return True
