"""A verdict's inputs read from the database, its dry run, and carrying out its plan.

``ReviewService.preview_verdict`` and ``ReviewService.apply_verdict`` both gather their inputs
with ``gather`` and plan with the domain (``preview_verdict`` runs ``plan_verdict`` itself), so
what the reviewer is shown is what gets written.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from qa_desk.config import Settings
from qa_desk.domain.callback_script import missing_answers
from qa_desk.domain.identity import User
from qa_desk.domain.transitions import DealSnapshot
from qa_desk.domain.verdict_preview import VerdictChoice, VerdictPreview, preview_verdict
from qa_desk.domain.verdicts import (
    ClientFacts,
    Money,
    MoneyError,
    PenaltyRule,
    Verdict,
    VerdictPlan,
    ViolationKind,
    parse_money,
    plan_verdict,
)
from qa_desk.services.errors import DealNotFoundError
from qa_desk.services.workflow import default_reasons, default_script, script_answers, snapshot
from qa_desk.storage.models import Deal, PenaltyEntry, ReviewSession, utcnow
from qa_desk.storage.uow import UnitOfWork


def facts_from_answers(answers: dict[str, str]) -> ClientFacts:
    """The real budget, timing and notes the reviewer wrote down (money parsed, Russian errors)."""
    budget = answers.get("real_budget")
    return ClientFacts(
        budget=parse_money(budget) if budget and budget.strip() else None,
        timing=(answers.get("real_timing") or "").strip() or None,
        notes=(answers.get("notes") or "").strip() or None,
    )


@dataclass(frozen=True, slots=True)
class VerdictInputs:
    """Everything ``plan_verdict`` needs, read in the verdict's transaction."""

    deal: DealSnapshot
    review: ReviewSession | None
    answers: dict[str, str]
    salary: Decimal | None
    penalty: PenaltyRule | None
    missing: tuple[str, ...]

    @property
    def review_finished(self) -> bool:
        return self.review is not None and not self.missing


def penalty_override(value: Money, minimum: Decimal) -> PenaltyRule:
    """The reviewer's percent for this violation: a number from the company's minimum to 100."""
    try:
        percent = Decimal(str(value).replace(",", ".").strip())
        rule = PenaltyRule(percent=percent)
    except (InvalidOperation, ValueError):
        raise MoneyError(f"Штраф «{value}»: нужен процент оклада от {minimum} до 100") from None
    if percent < minimum:
        raise MoneyError(f"Штраф {percent} % оклада меньше минимального по правилам компании ({minimum} %)")
    return rule


def gather(
    uow: UnitOfWork, deal: Deal, new_manager_id: int | None, settings: Settings, penalty_percent: Money | None = None
) -> VerdictInputs:
    """The inputs; ``penalty_percent`` is the reviewer's raise of the penalty (never under the minimum)."""
    review = uow.reviews.open_for(deal.id)
    answers = script_answers(uow.reviews.answers(review))
    manager = uow.managers.get(deal.manager_id)
    if new_manager_id is not None and uow.managers.get(new_manager_id) is None:
        raise DealNotFoundError(f"Менеджер #{new_manager_id} не найден")
    rule = (
        PenaltyRule.for_manager(manager.penalty_percent, manager.penalty_fixed, settings.penalty_percent)
        if manager
        else None
    )
    if manager is not None and penalty_percent is not None and str(penalty_percent).strip():
        rule = penalty_override(penalty_percent, settings.penalty_min_percent)
    missing = tuple(f.label for f in missing_answers(default_script(), answers))
    return VerdictInputs(snapshot(deal), review, answers, manager.salary if manager else None, rule, missing)


def _arguments(inputs: VerdictInputs, choice: VerdictChoice) -> dict[str, Any]:
    """The keyword arguments ``plan_verdict`` and ``preview_verdict`` share."""
    confirmed = choice.verdict is Verdict.REFUSAL_CONFIRMED
    return {
        "new_manager_id": choice.new_manager_id,
        "violation": ViolationKind(choice.violation) if choice.violation else None,
        "salary": inputs.salary,
        "penalty": inputs.penalty,
        "reason": choice.reason or (inputs.answers.get("real_reason") if confirmed else None),
        "comment": choice.comment,
        "review_finished": inputs.review_finished,
        "reasons": default_reasons(),
    }


def plan(user: User, inputs: VerdictInputs, choice: VerdictChoice, facts: ClientFacts | None) -> VerdictPlan:
    """The verdict to carry out (``TransitionError`` when it may not be given)."""
    facts = facts if facts is not None else facts_from_answers(inputs.answers)
    return plan_verdict(user, inputs.deal, choice.verdict, facts=facts, **_arguments(inputs, choice))


def preview(user: User, inputs: VerdictInputs, choice: VerdictChoice) -> VerdictPreview:
    """``plan`` as a dry run: never raises for an incomplete choice, says what is missing instead."""
    facts_problem = None
    try:
        facts: ClientFacts | None = facts_from_answers(inputs.answers)
    except MoneyError as exc:
        facts, facts_problem = None, str(exc)
    return preview_verdict(
        user,
        inputs.deal,
        choice.verdict,
        facts=facts,
        missing=inputs.missing,
        facts_problem=facts_problem,
        **_arguments(inputs, choice),
    )


def carry_out(uow: UnitOfWork, deal: Deal, review: ReviewSession | None, plan: VerdictPlan) -> None:
    """Write the plan: the deal, the review, the penalty ledger and the audit entries."""
    now = utcnow()
    names = {"manager": uow.managers.name(deal.manager_id)}
    deal.status, deal.manager_id, deal.status_changed_at = plan.target.value, plan.manager_id, now
    deal.refusal_reason = plan.refusal_reason
    if plan.refusal_reason is None:
        deal.refusal_comment = None
    if plan.facts is not None:
        deal.verified_budget = plan.facts.budget
        deal.verified_timing = plan.facts.timing or deal.verified_timing
        deal.verified_notes = plan.facts.notes or deal.verified_notes
        deal.verified_at = now
    if review is not None:
        review.finished_at, review.verdict, review.new_manager_id = now, plan.verdict.value, None
        if plan.verdict is Verdict.FALSE_REFUSAL:
            review.new_manager_id = plan.manager_id
    v = plan.violation
    if v is not None:
        uow.penalties.add(
            PenaltyEntry(
                deal_id=deal.id,
                manager_id=v.manager_id,
                review_id=review.id if review else None,
                kind=v.kind.value,
                amount=v.penalty,
                rule=v.rule.label,
                salary=v.salary,
                recorded_by=v.recorded_by,
                comment=v.comment,
                created_at=now,
            )
        )
    uow.flush()
    for entry in plan.audit:
        before = None if entry.before is None else {**entry.before, **names}
        after = entry.after
        if after is not None and "status" in after:
            after = {**after, "manager": uow.managers.name(plan.manager_id)}
        elif after is not None and "manager_id" in after:
            after = {**after, "manager": names["manager"]}
        uow.audit.add(
            actor=entry.actor,
            action=str(entry.action),
            deal=deal,
            before=before,
            after=after,
            comment=entry.comment,
            at=now,
        )
