"""Why a workflow action lost a race, told from the deal's own state and audit trail.

Every workflow action runs in one ``storage.write()`` transaction that first locks the deal
(``lock_deal``) and then decides on what it finds. When the deal is no longer in the state the
action was meant for *because another person moved it*, the service raises the
``ConflictError`` built here (who, when, what) instead of a plain refusal:

* the deal is in review and its open review belongs to someone else → ``REVIEWING``;
* the deal's latest move took it out of review: a verdict → ``REVIEWED``, a status move
  (postponed) → ``CHANGED``;
* the caller passed the ``expected_version`` it showed the person and the deal has moved on
  since → the above, or ``CHANGED`` naming the deal's latest audit entry.
"""

from __future__ import annotations

from qa_desk.domain.conflicts import Conflict, ConflictError
from qa_desk.domain.identity import User
from qa_desk.domain.statuses import Status
from qa_desk.domain.verdicts import Verdict
from qa_desk.services.audit import SYSTEM_ACTORS
from qa_desk.storage.models import AuditEntry, Deal
from qa_desk.storage.uow import UnitOfWork

MOVES = ("status", "verdict")  # audit actions that change a deal's status


def _error(uow: UnitOfWork, kind: Conflict, deal: Deal, entry: AuditEntry | None, detail: str | None) -> ConflictError:
    by = entry.actor if entry is not None else None
    names = uow.users.names() | SYSTEM_ACTORS
    return ConflictError(
        kind,
        deal_id=deal.id,
        external_id=deal.external_id,
        by=by,
        by_name=names.get(by, by) if by is not None else None,
        at=entry.at if entry is not None else None,
        detail=detail,
    )


def _status_detail(entry: AuditEntry) -> str | None:
    after = entry.after or {}
    if entry.action == "verdict" and after.get("verdict"):
        try:
            return Verdict(str(after["verdict"])).label.lower()
        except ValueError:
            return None
    try:
        return f"статус «{Status(str(after.get('status'))).label}»"
    except ValueError:
        return None


def explain(uow: UnitOfWork, user: User, deal: Deal) -> ConflictError | None:
    """The conflict that explains why ``user`` may no longer act on ``deal``, if another person's
    action is the reason (``None``: the action is simply not allowed)."""
    status = Status(deal.status)
    review = uow.reviews.open_for(deal.id)
    if status is Status.IN_REVIEW and review is not None and review.reviewer != user.id:
        moves = [e for e in uow.audit.for_deal(deal.id) if e.action == "status"]
        into = next((e for e in reversed(moves) if (e.after or {}).get("status") == Status.IN_REVIEW), None)
        since = into.at if into is not None and into.actor == review.reviewer else review.started_at
        return ConflictError(
            Conflict.REVIEWING,
            deal_id=deal.id,
            external_id=deal.external_id,
            by=review.reviewer,
            by_name=(uow.users.names() | SYSTEM_ACTORS).get(review.reviewer, review.reviewer),
            at=since,
        )
    if status is Status.IN_REVIEW:
        return None
    last = uow.audit.last_for(deal.id, MOVES)
    if last is None or (last.before or {}).get("status") != Status.IN_REVIEW:
        return None  # the deal's latest move did not take it out of a review
    kind = Conflict.REVIEWED if last.action == "verdict" else Conflict.CHANGED
    return _error(uow, kind, deal, last, _status_detail(last))


def check_version(uow: UnitOfWork, user: User, deal: Deal, expected: int | None) -> None:
    """Refuse a write based on a stale read: the caller showed the person ``expected``."""
    if expected is None or deal.version == expected:
        return
    error = explain(uow, user, deal)
    if error is None:
        last = uow.audit.last_for(deal.id)
        error = _error(uow, Conflict.CHANGED, deal, last, _status_detail(last) if last is not None else None)
    raise error


def refused(uow: UnitOfWork, user: User, deal: Deal, error: Exception) -> Exception:
    """What to raise for a refused action: the conflict behind it, or the refusal itself."""
    return explain(uow, user, deal) or error
