"""What a verdict would do, computed by the very function that plans it (a dry run).

The wizard's verdict step shows ``preview_verdict``'s result while the reviewer is still choosing;
``plan_verdict`` is what the service then carries out. The preview calls ``plan_verdict`` itself
with the same inputs, and takes every figure from the plan when there is one, so the preview and
the stored result cannot differ. While the choice is incomplete (no manager, no violation yet)
``problem`` holds the message the verdict would be refused with, and the parts that are already
known (the penalty the manager would get, the facts to be written) are still shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from qa_desk.domain.identity import User
from qa_desk.domain.refusal_reasons import RefusalReasons
from qa_desk.domain.statuses import Status
from qa_desk.domain.transitions import DealSnapshot, TransitionError
from qa_desk.domain.verdicts import (
    ClientFacts,
    Money,
    PenaltyQuote,
    PenaltyRule,
    Verdict,
    VerdictPlan,
    ViolationKind,
    plan_verdict,
    quote_penalty,
)


@dataclass(frozen=True, slots=True)
class VerdictChoice:
    """What the reviewer chose at the verdict step."""

    verdict: Verdict
    new_manager_id: int | None = None
    violation: ViolationKind | str | None = None
    reason: str | None = None  # the verified reason (default: the «real reason» answer, else the deal's)
    comment: str | None = None
    penalty_percent: Money | None = None  # the reviewer's raise: % of salary, never under the company's minimum


@dataclass(frozen=True, slots=True)
class VerdictPreview:
    """The outcome of a verdict as chosen so far.

    ``plan`` is exactly what ``apply_verdict`` would write now, or ``None`` with ``problem``
    saying why it would be refused. ``missing`` lists the labels of required script answers
    still empty; ``facts_problem`` is set when the budget the reviewer wrote is not a sum.
    """

    verdict: Verdict
    target: Status
    manager_id: int | None  # who leads the deal afterwards (None: not chosen yet)
    refusal_reason: str | None  # the reason the deal closes with (confirmed refusal)
    violation: ViolationKind | None
    penalty: PenaltyQuote | None  # false refusal of a deal with a manager
    facts: ClientFacts | None
    plan: VerdictPlan | None
    problem: str | None = None
    missing: tuple[str, ...] = ()
    facts_problem: str | None = None

    @property
    def ok(self) -> bool:
        return self.plan is not None


def preview_verdict(
    user: User,
    deal: DealSnapshot,
    verdict: Verdict | str,
    *,
    new_manager_id: int | None = None,
    violation: ViolationKind | str | None = None,
    salary: Money | None = None,
    penalty: PenaltyRule | None = None,
    reason: str | None = None,
    comment: str | None = None,
    facts: ClientFacts | None = None,
    review_finished: bool = True,
    reasons: RefusalReasons | None = None,
    missing: tuple[str, ...] = (),
    facts_problem: str | None = None,
) -> VerdictPreview:
    """``plan_verdict`` run as a dry run; the arguments are the same (plus what to report)."""
    verdict = Verdict(verdict)
    kind = ViolationKind(violation) if violation else None
    try:
        plan: VerdictPlan | None = plan_verdict(
            user,
            deal,
            verdict,
            new_manager_id=new_manager_id,
            violation=kind,
            salary=salary,
            penalty=penalty,
            reason=reason,
            comment=comment,
            facts=facts,
            review_finished=review_finished,
            reasons=reasons,
        )
        problem = facts_problem
    except TransitionError as exc:
        plan, problem = None, str(exc)
    false = verdict is Verdict.FALSE_REFUSAL
    quote: PenaltyQuote | None = None
    if plan is not None and plan.violation is not None:
        v = plan.violation
        quote = PenaltyQuote(v.rule, v.salary, v.penalty)
    elif false and deal.manager_id is not None:
        quote = quote_penalty(penalty, salary)
    if plan is not None:
        target, manager_id, verified = plan.target, plan.manager_id, plan.refusal_reason
        shown_facts = plan.facts
    else:
        target = Status.ACTIVE if false else Status.CLOSED_LOST
        manager_id = new_manager_id if false else deal.manager_id
        verified = None if false else (reason or deal.refusal_reason)
        shown_facts = None if facts is None or facts.is_empty() else facts
    return VerdictPreview(
        verdict=verdict,
        target=target,
        manager_id=manager_id,
        refusal_reason=verified,
        violation=kind if false else None,
        penalty=quote if false else None,
        facts=shown_facts,
        plan=plan if facts_problem is None else None,
        problem=problem,
        missing=missing,
        facts_problem=facts_problem,
    )
