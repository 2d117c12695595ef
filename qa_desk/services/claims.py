"""Two reviewers, one deal: «Проверить отказ» claims the deal for the reviewer who opened it.

Others see «проверяет Ольга с 10:42» and cannot start a second review or write into this one;
the head of sales may take a claim over (audited). A claim expires after the configured idle time
(``claim_idle_minutes``) without activity; any write of its reviewer renews it. The check runs in
the same transaction as the write it guards (``hold``), so of two workstations racing for one deal
exactly one wins and the other is told who has it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy.exc import IntegrityError

from qa_desk.domain import access
from qa_desk.domain.access import Capability
from qa_desk.domain.identity import User
from qa_desk.domain.roles import Role
from qa_desk.domain.transitions import TransitionError
from qa_desk.services.base import Service, require_deal
from qa_desk.storage.models import utcnow
from qa_desk.storage.team_models import DealClaim
from qa_desk.storage.uow import UnitOfWork

TAKEOVER_DENIED = "Забрать проверку у другого сотрудника может только руководитель отдела продаж"
NOT_CLAIMED = "Сделку сейчас никто не проверяет"


class ClaimTaken(TransitionError):
    """Someone else reviews this deal right now; ``str(error)`` says who and since when."""


@dataclass(frozen=True, slots=True)
class ClaimInfo:
    deal_id: int
    reviewer: str  # login
    reviewer_name: str
    since: datetime  # UTC, naive (as stored)
    last_activity: datetime

    @property
    def label(self) -> str:
        """«проверяет Ольга с 10:42» (local time)."""
        first = self.reviewer_name.split()[0] if self.reviewer_name.strip() else self.reviewer
        return f"проверяет {first} с {_local(self.since):%H:%M}"


def _local(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC).astimezone()


def _expired(claim: DealClaim, idle: timedelta, now: datetime) -> bool:
    return claim.last_activity_at < now - idle


def _info(uow: UnitOfWork, claim: DealClaim) -> ClaimInfo:
    name = uow.users.names().get(claim.reviewer, claim.reviewer)
    return ClaimInfo(claim.deal_id, claim.reviewer, name, claim.claimed_at, claim.last_activity_at)


def idle_time() -> timedelta:
    from qa_desk.config import load_settings

    return timedelta(minutes=load_settings().claim_idle_minutes)


def hold(uow: UnitOfWork, deal_id: int, user: User, idle: timedelta | None = None) -> None:
    """Make sure ``user`` holds the deal's claim now (taking a free or expired one), or raise
    ``ClaimTaken`` naming who holds it. Runs inside the caller's write transaction."""
    idle = idle if idle is not None else idle_time()
    now = utcnow()
    claim = uow.claims.get(deal_id, for_update=True)  # a row that exists is locked from here on
    if claim is not None:
        if claim.reviewer != user.id and not _expired(claim, idle, now):
            raise ClaimTaken(f"Сделку уже {_info(uow, claim).label}: вторую проверку начать нельзя")
        _take(claim, user, now)
        return
    try:
        with uow.session.begin_nested():  # two workstations inserting at once: the key lets one win
            uow.claims.insert(deal_id, user.id, now)
    except IntegrityError:
        claim = uow.claims.get(deal_id, for_update=True)
        if claim is None or claim.reviewer != user.id:
            holder = f"Сделку уже {_info(uow, claim).label}" if claim else "Сделку только что взял другой сотрудник"
            raise ClaimTaken(f"{holder}: вторую проверку начать нельзя") from None


def _take(claim: DealClaim, user: User, now: datetime) -> None:
    """Renew one's own (locked) claim, or take over an expired or handed-over one."""
    if claim.reviewer != user.id:
        claim.reviewer, claim.claimed_at = user.id, now
    claim.last_activity_at = now


def labels(uow: UnitOfWork, idle: timedelta | None = None) -> dict[int, str]:
    """deal id -> «проверяет Ольга с 10:42», for every live claim."""
    idle = idle if idle is not None else idle_time()
    now = utcnow()
    return {d: _info(uow, c).label for d, c in uow.claims.all().items() if not _expired(c, idle, now)}


def held_by_other(uow: UnitOfWork, deal_id: int, user: User | None) -> str | None:
    """«проверяет Ольга с 10:42» when someone other than ``user`` holds a live claim on the deal."""
    claim = uow.claims.get(deal_id)
    if claim is None or (user is not None and claim.reviewer == user.id) or _expired(claim, idle_time(), utcnow()):
        return None
    return _info(uow, claim).label


def review_capability(uow: UnitOfWork, deal_id: int, manager_id: int | None, user: User | None) -> Capability:
    """May ``user`` review this deal now: the role rules, then nobody else's live claim."""
    allowed = access.can_review(user, manager_id)
    held = held_by_other(uow, deal_id, user) if allowed else None
    return access.deny(f"Сделку сейчас {held}") if held else allowed


def release(uow: UnitOfWork, deal_id: int) -> None:
    uow.claims.release(deal_id)


class ClaimService(Service):
    @property
    def idle(self) -> timedelta:
        return timedelta(minutes=self.settings.claim_idle_minutes)

    def current(self, deal_ref: int | str) -> ClaimInfo | None:
        """The live claim of a deal (``None`` when free or expired)."""
        with self.storage.read() as uow:
            deal = require_deal(uow, deal_ref)
            claim = uow.claims.get(deal.id)
            if claim is None or _expired(claim, self.idle, utcnow()):
                return None
            return _info(uow, claim)

    def live(self) -> dict[int, ClaimInfo]:
        """Every live claim, by deal id (the queue shows them)."""
        now = utcnow()
        with self.storage.read() as uow:
            return {d: _info(uow, c) for d, c in uow.claims.all().items() if not _expired(c, self.idle, now)}

    def can_take_over(self) -> bool:
        return self.actor is not None and self.actor.role is Role.HEAD_OF_SALES

    def take_over(self, deal_ref: int | str, comment: str | None = None) -> ClaimInfo:
        """The head of sales takes the review over from whoever holds it (an audit row says so)."""
        user = self._user()
        if not self.can_take_over():
            raise TransitionError(TAKEOVER_DENIED)
        with self.storage.write() as uow:
            deal = require_deal(uow, deal_ref)
            claim = uow.claims.get(deal.id, for_update=True)
            before = {"reviewer": claim.reviewer} if claim is not None else None
            if claim is None:
                taken = uow.claims.insert(deal.id, user.id, utcnow())
            else:
                _take(claim, user, utcnow())
                taken = claim
            uow.audit.add(
                actor=user.id, action="claim_takeover", deal=deal, before=before,
                after={"reviewer": user.id}, comment=comment,
            )
            return _info(uow, taken)

    def release(self, deal_ref: int | str) -> None:
        """The reviewer leaves the deal (closing the wizard without a verdict keeps the answers)."""
        user = self._user()
        with self.storage.write() as uow:
            deal = require_deal(uow, deal_ref)
            claim = uow.claims.get(deal.id, for_update=True)
            if claim is not None and claim.reviewer == user.id:
                uow.claims.release(deal.id)
