"""Status moves of a deal: conditional refusal, withdrawal, won, postponing, reassignment.

Moves out of a review (closing as lost, returning to work) are verdicts and go through
``ReviewService.apply_verdict``; taking a deal into review is ``ReviewService.start``.
"""

from __future__ import annotations

from qa_desk.domain.identity import User
from qa_desk.domain.statuses import Status
from qa_desk.domain.transitions import allowed_targets, check_reassign, check_transition
from qa_desk.domain.verdicts import Verdict, ViolationKind
from qa_desk.services.base import Service, require_deal
from qa_desk.services.errors import DealNotFoundError
from qa_desk.services.review import ReviewService
from qa_desk.services.settings import SettingsService
from qa_desk.services.workflow import audit_card, card, default_reasons, move, snapshot
from qa_desk.storage.uow import Storage


class StatusService(Service):
    def __init__(
        self, storage: Storage, actor: User | None, settings: SettingsService, review: ReviewService
    ) -> None:
        super().__init__(storage, actor, settings)
        self.review = review

    def targets(self, deal_ref: int | str) -> list[Status]:
        """Statuses the acting user may move the deal to (the move's own checks still apply)."""
        if self.actor is None:
            return []
        with self.storage.read() as uow:
            return allowed_targets(self.actor, snapshot(require_deal(uow, deal_ref)))

    def change(
        self,
        deal_ref: int | str,
        target: Status | str,
        *,
        reason: str | None = None,
        comment: str | None = None,
        new_manager_id: int | None = None,
        violation: ViolationKind | str | None = None,
    ) -> Status:
        """Any status move by the acting user."""
        user = self._user()
        target = Status(target)
        with self.storage.read() as uow:
            current = Status(require_deal(uow, deal_ref).status)
        if current is Status.IN_REVIEW and target in (Status.CLOSED_LOST, Status.ACTIVE):
            verdict = Verdict.REFUSAL_CONFIRMED if target is Status.CLOSED_LOST else Verdict.FALSE_REFUSAL
            self.review.apply_verdict(
                deal_ref, verdict, new_manager_id=new_manager_id, violation=violation, reason=reason, comment=comment
            )
            return target
        if target is Status.IN_REVIEW:
            self.review.start(deal_ref)
            return target
        reasons = default_reasons()
        with self.storage.write() as uow:
            deal = require_deal(uow, deal_ref)
            current = Status(deal.status)
            check_transition(user, snapshot(deal), target, reason=reason, comment=comment, reasons=reasons)
            if target is Status.CONDITIONAL_REFUSAL and current is Status.ACTIVE:
                deal.refusal_reason = reasons.validate(reason, comment)
                deal.refusal_comment = comment.strip() if comment and comment.strip() else None
            elif current is Status.CONDITIONAL_REFUSAL and target is Status.ACTIVE:
                deal.refusal_reason, deal.refusal_comment = None, None
            move(uow, user, deal, target, comment)
        return target

    def request_refusal(self, deal_ref: int | str, reason: str, comment: str | None = None) -> None:
        """A manager drops their deal to conditional refusal with a reason from the list."""
        self.change(deal_ref, Status.CONDITIONAL_REFUSAL, reason=reason, comment=comment)

    def reassign(self, deal_ref: int | str, new_manager_id: int, comment: str | None = None) -> None:
        """Head of sales hands an active deal to another manager."""
        user = self._user()
        with self.storage.write() as uow:
            deal = require_deal(uow, deal_ref)
            check_reassign(user, snapshot(deal), new_manager_id)
            if uow.managers.get(new_manager_id) is None:
                raise DealNotFoundError(f"Менеджер #{new_manager_id} не найден")
            before = card(uow, deal)
            deal.manager_id = new_manager_id
            audit_card(uow, user, deal, "reassign", before, comment)
