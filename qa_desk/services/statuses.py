"""Status moves of a deal: conditional refusal, withdrawal, won, postponing, reassignment.

Moves out of a review (closing as lost, returning to work) are verdicts (``ReviewService.verdict_in``);
taking a deal into review is ``ReviewService.start_in``. Either way the move reads the deal's
status and writes in one transaction under the deal's lock (``lock_deal``), so a move decided on
a status another writer has just changed cannot happen.
"""

from __future__ import annotations

from qa_desk.domain.identity import User
from qa_desk.domain.statuses import Status
from qa_desk.domain.transitions import TransitionError, allowed_targets, check_reassign, check_transition
from qa_desk.domain.verdict_preview import VerdictChoice
from qa_desk.domain.verdicts import Verdict, ViolationKind
from qa_desk.services.base import Service, lock_deal, require_deal
from qa_desk.services.conflicts import check_version, refused
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
        expected_version: int | None = None,
    ) -> Status:
        """Any status move by the acting user (``expected_version``: see ``ReviewService.apply_verdict``)."""
        user = self._user()
        target = Status(target)
        reasons = default_reasons()
        with self.storage.write() as uow:
            deal = lock_deal(uow, deal_ref)
            check_version(uow, user, deal, expected_version)
            current = Status(deal.status)
            if current is Status.IN_REVIEW and target in (Status.CLOSED_LOST, Status.ACTIVE):
                verdict = Verdict.REFUSAL_CONFIRMED if target is Status.CLOSED_LOST else Verdict.FALSE_REFUSAL
                choice = VerdictChoice(verdict, new_manager_id, violation, reason, comment)
                self.review.verdict_in(uow, user, deal, choice)
                return target
            if target is Status.IN_REVIEW:
                self.review.start_in(uow, user, deal)
                return target
            try:
                check_transition(user, snapshot(deal), target, reason=reason, comment=comment, reasons=reasons)
            except TransitionError as exc:
                raise refused(uow, user, deal, exc) from exc
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

    def reassign(
        self,
        deal_ref: int | str,
        new_manager_id: int,
        comment: str | None = None,
        *,
        expected_version: int | None = None,
    ) -> None:
        """Head of sales hands an active deal to another manager."""
        user = self._user()
        with self.storage.write() as uow:
            deal = lock_deal(uow, deal_ref)
            check_version(uow, user, deal, expected_version)
            try:
                check_reassign(user, snapshot(deal), new_manager_id)
            except TransitionError as exc:
                raise refused(uow, user, deal, exc) from exc
            if uow.managers.get(new_manager_id) is None:
                raise DealNotFoundError(f"Менеджер #{new_manager_id} не найден")
            before = card(uow, deal)
            deal.manager_id = new_manager_id
            audit_card(uow, user, deal, "reassign", before, comment)
