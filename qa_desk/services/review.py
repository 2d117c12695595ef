"""The callback review of a conditional refusal: start, answers, the verdict and its preview.

Every method is one transaction that locks the deal first (``lock_deal``) and decides and writes
under that lock. Checks go through the domain (``check_transition``, ``plan_verdict``,
``access.can_review``) and raise its ``TransitionError`` (``AccessDenied`` for a refused role)
unchanged, so the UI and the command line show the very same Russian message; when another
person's action is why it is refused, ``ConflictError`` says who and when
(``services.conflicts``). Every status change, verdict, violation, fact and attached recording
is audited in the same transaction as the change itself. Wizard answers are saved one field at a
time, as entered, and enter the history with each step and the verdict (``services.answers``).

Only the reviewer who holds a deal's open review answers it and gives its verdict; another
reviewer gets ``ConflictError`` («уже проверяет Ольга с 10:42»). A postponed review (the deal
back in conditional refusal) may be taken over: whoever starts it again holds it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from qa_desk.domain import access
from qa_desk.domain.access import Capability
from qa_desk.domain.callback_script import AnswerField, FilledStep, ScriptContext, fill, missing_answers
from qa_desk.domain.identity import User
from qa_desk.domain.recordings import RecordingOrigin
from qa_desk.domain.roles import REVIEWER_ROLES
from qa_desk.domain.statuses import Status
from qa_desk.domain.transitions import SELF_REVIEW, TransitionError, check_transition
from qa_desk.domain.verdict_preview import VerdictChoice, VerdictPreview
from qa_desk.domain.verdicts import ClientFacts, Money, Verdict, VerdictPlan, ViolationKind
from qa_desk.services import answers as answers_log
from qa_desk.services import callbacks, verdicts
from qa_desk.services.base import Service, lock_deal, require_deal
from qa_desk.services.conflicts import check_version, explain, refused
from qa_desk.services.crm_push import enqueue_verdict
from qa_desk.services.verdicts import VerdictInputs, facts_from_answers
from qa_desk.services.wording import inflect
from qa_desk.services.workflow import (
    NOT_IN_REVIEW,
    VERDICT_KEYS,
    default_reasons,
    default_script,
    move,
    script_answers,
    snapshot,
)
from qa_desk.storage.models import Deal, ReviewSession
from qa_desk.storage.uow import UnitOfWork

ANSWERS_DENIED = "Ответы проверки записывает только контроль качества или руководитель отдела продаж"

__all__ = ["ANSWERS_DENIED", "NOT_IN_REVIEW", "ReviewService", "ReviewState", "facts_from_answers"]


@dataclass
class ReviewState:
    """What the wizard shows: the deal, its open (or last) review and the filled script."""

    deal_id: int
    external_id: str
    title: str
    status: Status
    manager_id: int | None
    manager_name: str | None
    refusal_reason: str | None
    review_id: int | None = None
    reviewer: str | None = None  # login
    reviewer_name: str | None = None
    current_step: int = 0
    finished: bool = False
    verdict: str | None = None
    answers: dict[str, str] = field(default_factory=dict)
    steps: list[FilledStep] = field(default_factory=list)
    missing: list[AnswerField] = field(default_factory=list)
    denied: str | None = None  # why the acting user may not review this deal (None: they may)
    version: int = 0  # the deal's version read here: pass it back as ``expected_version``

    @property
    def open(self) -> bool:
        return self.status is Status.IN_REVIEW and self.review_id is not None and not self.finished


def _check_reviewer(user: User, deal: Deal) -> None:
    """Answers and steps: reviewer roles only, never on one's own deal."""
    if user.role not in REVIEWER_ROLES:
        raise TransitionError(ANSWERS_DENIED)
    if user.manager_id is not None and user.manager_id == deal.manager_id:
        raise TransitionError(SELF_REVIEW)


def _last_call(deal: Deal) -> date | None:
    calls = [
        r.call_started_at
        for r in deal.recordings
        if r.call_started_at and r.origin != RecordingOrigin.CALLBACK
    ]
    return max(calls).date() if calls else None


class ReviewService(Service):
    @staticmethod
    def reasons() -> tuple[str, ...]:
        """The refusal reasons a reviewer may record as the verified one (the configured list)."""
        return default_reasons().reasons

    # --- capability ---------------------------------------------------------------------------
    def can_review(self, deal_ref: int | str) -> Capability:
        """May the acting user verify this deal's refusal («Проверить отказ»), and if not, why."""
        with self.storage.read() as uow:
            deal = require_deal(uow, deal_ref)
            return access.can_review(self.actor, deal.manager_id)

    def can_review_deals(self) -> Capability:
        """Whether the acting user's role verifies refusals at all (a manager's never does)."""
        return access.can_review(self.actor, None)

    # --- the review ---------------------------------------------------------------------------
    def start(self, deal_ref: int | str, *, expected_version: int | None = None) -> ReviewState:
        """Take a conditional refusal into review, or resume one's own open review of a deal in review."""
        user = self._user()
        with self.storage.write() as uow:
            deal = lock_deal(uow, deal_ref)
            check_version(uow, user, deal, expected_version)
            self.start_in(uow, user, deal)
            deal_id = deal.id
        return self.state(deal_id)

    def start_in(self, uow: UnitOfWork, user: User, deal: Deal) -> ReviewSession:
        """``start`` inside the caller's transaction (the deal already locked); returns the open review."""
        review = uow.reviews.open_for(deal.id)
        if Status(deal.status) is Status.IN_REVIEW:
            _check_reviewer(user, deal)
            if review is not None and review.reviewer != user.id:
                raise refused(uow, user, deal, TransitionError(NOT_IN_REVIEW))
        else:
            try:
                check_transition(user, snapshot(deal), Status.IN_REVIEW, reasons=default_reasons())
            except TransitionError as exc:
                raise refused(uow, user, deal, exc) from exc
            move(uow, user, deal, Status.IN_REVIEW, None)
            if review is not None:
                review.reviewer = user.id  # a postponed review is taken over by whoever resumes it
        return review or uow.reviews.start(deal.id, user.id, deal.manager_id, deal.refusal_reason)

    def resume(self, deal_ref: int | str) -> ReviewState | None:
        """The open review with its saved answers and step, or ``None`` when there is none."""
        state = self.state(deal_ref)
        return state if state.review_id is not None and not state.finished else None

    def _editable(self, uow: UnitOfWork, deal_ref: int | str) -> tuple[Deal, ReviewSession]:
        """The locked deal and its open review, held by the acting user."""
        user = self._user()
        deal = lock_deal(uow, deal_ref)
        _check_reviewer(user, deal)
        review = uow.reviews.open_for(deal.id)
        if Status(deal.status) is not Status.IN_REVIEW or review is None or review.reviewer != user.id:
            raise refused(uow, user, deal, TransitionError(NOT_IN_REVIEW))
        return deal, review

    @staticmethod
    def _check_field(field_id: str) -> None:
        if field_id not in VERDICT_KEYS and field_id not in {f.id for f in default_script().fields()}:
            raise KeyError(f"В скрипте нет поля «{field_id}»")

    def _save_answers(self, uow: UnitOfWork, review: ReviewSession, values: Mapping[str, str | None]) -> None:
        for field_id, value in values.items():
            self._check_field(field_id)
            text = None if value is None or not str(value).strip() else str(value)
            uow.reviews.set_answer(review, field_id, text, self._user().id)

    def save_answer(self, deal_ref: int | str, field_id: str, value: str | None) -> None:
        """Store one answer right away (``None`` or blank clears it)."""
        self._check_field(field_id)
        with self.storage.write() as uow:
            _deal, review = self._editable(uow, deal_ref)
            self._save_answers(uow, review, {field_id: value})

    def set_step(self, deal_ref: int | str, step: int) -> None:
        """Move to another step; the answers changed meanwhile enter the deal's history."""
        with self.storage.write() as uow:
            deal, review = self._editable(uow, deal_ref)
            review.current_step = max(0, int(step))
            answers_log.commit(uow, self._user(), deal, review)

    def missing(self, deal_ref: int | str) -> list[AnswerField]:
        """Required script answers still empty in the deal's open review («Сначала заполните: …»)."""
        with self.storage.read() as uow:
            review = uow.reviews.open_for(require_deal(uow, deal_ref).id)
            return missing_answers(default_script(), script_answers(uow.reviews.answers(review)))

    def state(
        self, deal_ref: int | str, *, company: str | None = None, today: date | None = None
    ) -> ReviewState:
        """The deal and its open (else last) review, with the script filled for the acting user."""
        script = default_script()
        with self.storage.read() as uow:
            deal = require_deal(uow, deal_ref)
            review = uow.reviews.open_for(deal.id) or uow.reviews.last_for(deal.id)
            answers = uow.reviews.answers(review)
            reason = review.claimed_reason if review is not None and review.claimed_reason else None
            context = ScriptContext(
                reviewer_name=self.actor.display_name if self.actor else "[имя сотрудника]",
                company=company if company is not None else self.settings.company,
                last_call_date=_last_call(deal),
                refusal_reason=reason or deal.refusal_reason or "",
                product=deal.product or "",
                client=deal.contact_name or deal.client_company or "",
                today=today or date.today(),
            )
            reviewer = review.reviewer if review else None
            return ReviewState(
                deal_id=deal.id,
                external_id=deal.external_id,
                title=deal.title,
                status=Status(deal.status),
                manager_id=deal.manager_id,
                manager_name=uow.managers.name(deal.manager_id),
                refusal_reason=deal.refusal_reason,
                review_id=review.id if review else None,
                reviewer=reviewer,
                reviewer_name=uow.users.names().get(reviewer, reviewer) if reviewer else None,
                current_step=review.current_step if review else 0,
                finished=bool(review and review.finished_at),
                verdict=review.verdict if review else None,
                answers=answers,
                steps=fill(script, context, inflect),
                missing=missing_answers(script, script_answers(answers)),
                denied=access.can_review(self.actor, deal.manager_id).reason,
                version=deal.version,
            )

    # --- the verdict --------------------------------------------------------------------------
    def _inputs(self, uow: UnitOfWork, deal: Deal, choice: VerdictChoice) -> VerdictInputs:
        return verdicts.gather(uow, deal, choice.new_manager_id, self.settings, choice.penalty_percent)

    def preview_verdict(self, deal_ref: int | str, choice: VerdictChoice) -> VerdictPreview:
        """What ``apply_verdict`` with this choice would do now (a dry run; nothing is written)."""
        user = self._user()
        with self.storage.read() as uow:
            inputs = self._inputs(uow, require_deal(uow, deal_ref), choice)
            return verdicts.preview(user, inputs, choice)

    def apply_verdict(
        self,
        deal_ref: int | str,
        verdict: Verdict | str,
        *,
        new_manager_id: int | None = None,
        violation: ViolationKind | str | None = None,
        reason: str | None = None,
        comment: str | None = None,
        facts: ClientFacts | None = None,
        penalty_percent: Money | None = None,
        answers: Mapping[str, str | None] | None = None,
        expected_version: int | None = None,
    ) -> VerdictPlan:
        """Finish the review: close as lost, or return to another manager with a penalty.

        ``penalty_percent`` raises the violation's penalty (a percent of the salary, never under
        the company's minimum). ``answers``: script answers to store first (``deal verdict
        --budget``), in the verdict's own transaction, so either all of it is stored or none; the
        answers not yet in the history enter it first. ``expected_version``: the deal's version
        the person saw (``ReviewState.version``); a deal changed since is a ``ConflictError``."""
        user = self._user()
        choice = VerdictChoice(Verdict(verdict), new_manager_id, violation, reason, comment, penalty_percent)
        with self.storage.write() as uow:
            deal = lock_deal(uow, deal_ref)
            check_version(uow, user, deal, expected_version)
            return self.verdict_in(uow, user, deal, choice, facts=facts, answers=answers)

    def verdict_in(
        self,
        uow: UnitOfWork,
        user: User,
        deal: Deal,
        choice: VerdictChoice,
        *,
        facts: ClientFacts | None = None,
        answers: Mapping[str, str | None] | None = None,
    ) -> VerdictPlan:
        """The verdict inside the caller's transaction (the deal already locked): check, plan, write."""
        review = uow.reviews.open_for(deal.id)
        if Status(deal.status) is not Status.IN_REVIEW or (review is not None and review.reviewer != user.id):
            if (conflict := explain(uow, user, deal)) is not None:
                raise conflict
        if answers:
            if review is None:
                raise TransitionError(NOT_IN_REVIEW)
            _check_reviewer(user, deal)
            self._save_answers(uow, review, answers)
        inputs = self._inputs(uow, deal, choice)
        plan = verdicts.plan(user, inputs, choice, facts)
        if inputs.review is not None:
            answers_log.commit(uow, user, deal, inputs.review)
        verdicts.carry_out(uow, deal, inputs.review, plan)
        enqueue_verdict(uow, user, deal, inputs.review, plan)  # the CRM push it owes, same transaction
        return plan

    # --- the callback recording ---------------------------------------------------------------
    def callback_path(self, deal_ref: int | str, started: datetime) -> Path:
        """Where a callback recorded in the app is saved (the configured callbacks folder)."""
        with self.storage.read() as uow:
            external_id = require_deal(uow, deal_ref).external_id
        return callbacks.callback_path(self.settings.resolved_callbacks_dir, external_id, started)

    def attach_callback(
        self, deal_ref: int | str, path: Path | str, started_at: datetime | None = None
    ) -> int:
        """Add the recorded callback as QC's recording of the deal (queued for transcription).

        A copy of a recording already attached anywhere is refused (``DuplicateRecordingError``)."""
        user = self._user()
        with self.storage.write() as uow:
            deal = lock_deal(uow, deal_ref)
            access.can_review(user, deal.manager_id).check()
            return callbacks.attach(uow, user, deal, Path(path).resolve(), started_at)
