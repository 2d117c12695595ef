"""Two reviewers, one deal: the deal's open review is its claim («проверяет Ольга Контролёрова с 10:42»).

One rule, shared with ``services.conflicts``. While a deal is in review its open review
(``ReviewSession``) belongs to one reviewer: that is the claim. Every action on the deal runs in
one transaction that locks the deal first (``lock_deal``); ``hold`` inside it makes sure the acting
reviewer holds the claim, or raises ``ConflictError`` (``Conflict.REVIEWING``: «Сделку D-1001 уже
проверяет Ольга Контролёрова с 10:42: ваши изменения не сохранены»), the same words the queue and
the deal's card show (``domain.conflicts.reviewing``). Of two workstations racing for one deal the
lock lets exactly one in; the other is told who has it.

* Every write of the holder (start, an answer, a step, the verdict) renews the claim. After
  ``claim_idle_minutes`` without one it expires: the next reviewer who starts or writes takes the
  review over with its saved answers (audited ``claim_takeover``).
* The head of sales takes a live claim over (``ClaimService.take_over``, audited).
* A claim lives only while the deal is in review: a verdict or postponing ends it; a postponed
  review is taken by whoever resumes it (``ReviewService.start_in``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from qa_desk.domain import access
from qa_desk.domain.access import Capability
from qa_desk.domain.conflicts import reviewing
from qa_desk.domain.identity import User
from qa_desk.domain.roles import Role
from qa_desk.domain.statuses import Status
from qa_desk.domain.transitions import TransitionError
from qa_desk.services.base import Service, lock_deal, require_deal
from qa_desk.services.conflicts import reviewing_conflict
from qa_desk.storage.models import Deal, ReviewSession, utcnow
from qa_desk.storage.uow import UnitOfWork

TAKEOVER_DENIED = "Забрать проверку у другого сотрудника может только руководитель отдела продаж"
NOT_CLAIMED = "Сделку сейчас никто не проверяет"
TAKEOVER = "claim_takeover"  # the audit action of a review handed to someone else


@dataclass(frozen=True, slots=True)
class ClaimInfo:
    deal_id: int
    reviewer: str  # login
    reviewer_name: str
    since: datetime  # UTC, naive (as stored)
    last_activity: datetime

    @property
    def label(self) -> str:
        """«проверяет Ольга Контролёрова с 10:42» (local time)."""
        return reviewing(self.reviewer_name, self.since)


def live(review: ReviewSession, idle: timedelta, now: datetime | None = None) -> bool:
    """The reviewer has acted on the review within ``idle``."""
    return (review.last_activity_at or review.held_since) >= (now or utcnow()) - idle


def _info(uow: UnitOfWork, review: ReviewSession) -> ClaimInfo:
    name = uow.users.names().get(review.reviewer, review.reviewer)
    return ClaimInfo(review.deal_id, review.reviewer, name, review.held_since, review.last_activity_at or review.held_since)


def claimed(uow: UnitOfWork, deal: Deal, idle: timedelta) -> ReviewSession | None:
    """The deal's live claim: its open review while it is in review and its reviewer is active."""
    if Status(deal.status) is not Status.IN_REVIEW:
        return None
    review = uow.reviews.open_for(deal.id)
    return review if review is not None and live(review, idle) else None


def hold(uow: UnitOfWork, user: User, deal: Deal, review: ReviewSession, idle: timedelta) -> None:
    """``user`` holds the review of the (locked) deal from here on, or ``ConflictError`` names who does.

    Someone else's live claim is refused; an expired one is taken over by a user allowed to review
    the deal (audited). The holder's claim is renewed. Runs inside the caller's write transaction."""
    now = utcnow()
    if review.reviewer != user.id:
        if live(review, idle, now) or not access.can_review(user, deal.manager_id):
            raise reviewing_conflict(uow, deal, review)
        minutes = int(idle.total_seconds() // 60)
        hand_over(uow, user, deal, review, now, f"проверка простаивала дольше {minutes} мин")
    review.last_activity_at = now


def hand_over(uow: UnitOfWork, user: User, deal: Deal, review: ReviewSession, now: datetime, comment: str | None) -> None:
    """The review passes to ``user`` with its saved answers; an audit entry says from whom."""
    before = {"reviewer": review.reviewer, "review_id": review.id}
    review.reviewer, review.claimed_at, review.last_activity_at = user.id, now, now
    uow.audit.add(
        actor=user.id, action=TAKEOVER, deal=deal, before=before,
        after={"reviewer": user.id, "review_id": review.id}, comment=comment,
    )  # fmt: skip


def labels(uow: UnitOfWork, idle: timedelta) -> dict[int, str]:
    """deal id -> «проверяет Ольга Контролёрова с 10:42», for every live claim."""
    now = utcnow()
    reviews = uow.reviews.open_with_status(Status.IN_REVIEW.value)
    return {r.deal_id: _info(uow, r).label for r in reviews if live(r, idle, now)}


def review_capability(uow: UnitOfWork, deal: Deal, user: User | None, idle: timedelta) -> Capability:
    """May ``user`` review this deal now: the role rules, then nobody else's live claim."""
    allowed = access.can_review(user, deal.manager_id)
    review = claimed(uow, deal, idle) if allowed else None
    if review is None or (user is not None and review.reviewer == user.id):
        return allowed
    return access.deny(f"Сделку {deal.external_id} уже {_info(uow, review).label}")


class ClaimService(Service):
    @property
    def idle(self) -> timedelta:
        return timedelta(minutes=self.settings.claim_idle_minutes)

    def current(self, deal_ref: int | str) -> ClaimInfo | None:
        """The live claim of a deal (``None`` when free or expired)."""
        with self.storage.read() as uow:
            review = claimed(uow, require_deal(uow, deal_ref), self.idle)
            return _info(uow, review) if review is not None else None

    def live(self) -> dict[int, ClaimInfo]:
        """Every live claim, by deal id."""
        now = utcnow()
        with self.storage.read() as uow:
            reviews = uow.reviews.open_with_status(Status.IN_REVIEW.value)
            return {r.deal_id: _info(uow, r) for r in reviews if live(r, self.idle, now)}

    def can_take_over(self) -> bool:
        return self.actor is not None and self.actor.role is Role.HEAD_OF_SALES

    def take_over(self, deal_ref: int | str, comment: str | None = None) -> ClaimInfo:
        """The head of sales takes the review over from whoever holds it (an audit row says so)."""
        user = self._user()
        if not self.can_take_over():
            raise TransitionError(TAKEOVER_DENIED)
        with self.storage.write() as uow:
            deal = lock_deal(uow, deal_ref)
            review = uow.reviews.open_for(deal.id)
            if Status(deal.status) is not Status.IN_REVIEW or review is None:
                raise TransitionError(NOT_CLAIMED)
            access.can_review(user, deal.manager_id).check()
            now = utcnow()
            if review.reviewer != user.id:
                hand_over(uow, user, deal, review, now, comment)
            review.last_activity_at = now
            return _info(uow, review)
