"""The outcome of a verification review, as a plan for storage to carry out.

Money is ``Decimal`` roubles quantized to kopecks (storage keeps ``Numeric(14, 2)``); floats are
refused outright so no rounding error can creep into a penalty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum

from qa_desk.domain.identity import User
from qa_desk.domain.refusal_reasons import DEFAULT_REFUSAL_REASONS, RefusalReasons
from qa_desk.domain.roles import REVIEWER_ROLES
from qa_desk.domain.statuses import Status
from qa_desk.domain.transitions import DealSnapshot, TransitionError, check_transition

KOPECK = Decimal("0.01")
DEFAULT_PENALTY_PERCENT = Decimal("1")
NO_SALARY = "Не указан оклад менеджера: штраф в процентах посчитать нельзя"

Money = Decimal | int | str


class Verdict(StrEnum):
    REFUSAL_CONFIRMED = "refusal_confirmed"  # -> closed_lost with the verified reason
    FALSE_REFUSAL = "false_refusal"  # -> active with another manager, violation recorded

    @property
    def label(self) -> str:
        return {Verdict.REFUSAL_CONFIRMED: "Отказ подтверждён", Verdict.FALSE_REFUSAL: "Ложный отказ"}[self]


class ViolationKind(StrEnum):
    FALSIFIED_REASON = "falsified_reason"
    CLIENT_DROPPED = "client_dropped"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _VIOLATION_LABELS[self]


_VIOLATION_LABELS: dict[ViolationKind, str] = {
    ViolationKind.FALSIFIED_REASON: "Указана неверная причина отказа",
    ViolationKind.CLIENT_DROPPED: "Менеджер бросил клиента",
    ViolationKind.OTHER: "Другое нарушение",
}


class AuditAction(StrEnum):
    VERDICT = "verdict"
    VIOLATION = "violation"
    FACTS = "facts"


class MoneyError(ValueError):
    """Not an amount of money; the message is Russian."""


def to_money(value: Money) -> Decimal:
    """Exact roubles with kopecks; floats and negative amounts are refused."""
    if isinstance(value, float | bool):
        raise TypeError("money must be Decimal, int or str, never float or bool")
    try:
        amount = Decimal(value)
    except InvalidOperation:
        raise MoneyError(f"«{value}» — это не сумма") from None
    if not amount.is_finite() or amount < 0:
        raise MoneyError(f"Сумма должна быть неотрицательным числом, а не «{value}»")
    return amount.quantize(KOPECK, rounding=ROUND_HALF_UP)


_CURRENCY = re.compile(r"(₽|руб(лей|ля|ль)?\.?|р\.)$", re.IGNORECASE)


def parse_money(text: str) -> Decimal:
    """Parse what a reviewer types: «85 000», «85 000,50 ₽», «1200 руб.»."""
    cleaned = _CURRENCY.sub("", text.strip()).strip()
    cleaned = re.sub(r"[\s\u00a0\u202f]", "", cleaned).replace(",", ".")
    if not re.fullmatch(r"\d+(\.\d{1,2})?", cleaned):
        raise MoneyError(
            f"Не удалось прочитать сумму «{text.strip()}»: напишите, например, 85 000 или 85 000,50"
        )
    return to_money(cleaned)


def format_money(amount: Decimal) -> str:
    """«850 ₽», «85 000,50 ₽» (non-breaking spaces between thousands)."""
    amount = to_money(amount)
    whole, _, kopecks = f"{amount:,.2f}".partition(".")
    whole = whole.replace(",", "\u00a0")
    return f"{whole}\u00a0₽" if kopecks == "00" else f"{whole},{kopecks}\u00a0₽"


@dataclass(frozen=True, slots=True)
class PenaltyRule:
    """A manager's penalty per violation: a percent of salary or a fixed amount (exactly one)."""

    percent: Decimal | None = None
    fixed: Decimal | None = None

    def __post_init__(self) -> None:
        if (self.percent is None) == (self.fixed is None):
            raise ValueError("Штраф задаётся либо процентом от оклада, либо фиксированной суммой")
        if self.percent is not None:
            if isinstance(self.percent, float | bool):
                raise TypeError("percent must be Decimal, int or str, never float")
            percent = Decimal(self.percent)
            if not percent.is_finite() or not 0 <= percent <= 100:
                raise ValueError(f"Процент штрафа должен быть от 0 до 100, а не {self.percent}")
            object.__setattr__(self, "percent", percent)
        if self.fixed is not None:
            object.__setattr__(self, "fixed", to_money(self.fixed))

    @classmethod
    def for_manager(
        cls, percent: Money | None = None, fixed: Money | None = None, default: Money = DEFAULT_PENALTY_PERCENT
    ) -> PenaltyRule:
        """The rule stored for a manager; nothing stored means ``default`` % of salary (the company's)."""
        if fixed is not None:
            return cls(fixed=to_money(fixed))
        return cls(percent=Decimal(default if percent is None else percent))

    @property
    def label(self) -> str:
        if self.fixed is not None:
            return format_money(self.fixed)
        assert self.percent is not None
        return f"{self.percent.normalize():f}".replace(".", ",") + "\u00a0% оклада"

    def amount(self, salary: Money | None) -> Decimal:
        if self.fixed is not None:
            return self.fixed
        if salary is None:
            raise ValueError(NO_SALARY)
        assert self.percent is not None
        return (to_money(salary) * self.percent / 100).quantize(KOPECK, rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class PenaltyQuote:
    """What one violation under ``rule`` costs a manager with ``salary``.

    ``amount`` is ``None`` when it cannot be computed (a percent rule without a salary), and
    ``problem`` says why; a verdict with a violation is refused with that very message.
    """

    rule: PenaltyRule
    salary: Decimal | None
    amount: Decimal | None
    problem: str | None = None

    @property
    def basis(self) -> str:
        """«1 % оклада 85 000 ₽», «1 % оклада» (no salary) or «5 000 ₽» (a fixed rule)."""
        if self.rule.fixed is not None or self.salary is None:
            return self.rule.label
        return f"{self.rule.label} {format_money(self.salary)}"


def quote_penalty(rule: PenaltyRule | None, salary: Money | None) -> PenaltyQuote:
    """The one computation of a penalty: the verdict's plan and its preview both use it."""
    rule = rule or PenaltyRule.for_manager()
    salary_value = None if salary is None else to_money(salary)
    try:
        return PenaltyQuote(rule, salary_value, rule.amount(salary_value))
    except ValueError as exc:
        return PenaltyQuote(rule, salary_value, None, str(exc))


def compute_penalty(salary: Money | None, rule: PenaltyRule | None = None) -> Decimal:
    """Penalty in roubles (kopeck precision, half up); ``rule=None`` is 1 % of salary."""
    return (rule or PenaltyRule.for_manager()).amount(salary)


@dataclass(frozen=True, slots=True)
class ClientFacts:
    """What the client really said on the callback, to write onto the deal."""

    budget: Decimal | None = None
    timing: str | None = None
    notes: str | None = None

    def __post_init__(self) -> None:
        if self.budget is not None:
            object.__setattr__(self, "budget", to_money(self.budget))

    def is_empty(self) -> bool:
        return self.budget is None and not (self.timing or "").strip() and not (self.notes or "").strip()

    def as_json(self) -> dict[str, object]:
        return {
            "budget": None if self.budget is None else str(self.budget),
            "timing": self.timing,
            "notes": self.notes,
        }


@dataclass(frozen=True, slots=True)
class Violation:
    deal_id: int
    manager_id: int  # the manager who gave the false refusal
    kind: ViolationKind
    penalty: Decimal
    rule: PenaltyRule
    salary: Decimal | None
    recorded_by: str  # user id
    comment: str | None = None


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One row of the audit log; ``before``/``after`` are JSON-ready dicts."""

    actor: str
    action: AuditAction
    deal_id: int
    before: dict[str, object] | None
    after: dict[str, object] | None
    comment: str | None = None


@dataclass(frozen=True, slots=True)
class VerdictPlan:
    """Everything storage must write, in one transaction."""

    deal_id: int
    verdict: Verdict
    target: Status
    manager_id: int | None  # the deal's manager afterwards
    refusal_reason: str | None  # the verified reason, or ``None`` once the deal is back in work
    facts: ClientFacts | None
    violation: Violation | None
    audit: tuple[AuditEntry, ...]


VERDICT_ONLY_IN_REVIEW = "Вердикт выносится только по сделке на проверке (статус «На проверке»)"
VIOLATION_REQUIRED = "Укажите вид нарушения менеджера"
VIOLATION_NEEDS_COMMENT = "Опишите нарушение: для вида «Другое нарушение» нужен комментарий"
VIOLATION_ON_CONFIRMED = "При подтверждённом отказе нарушение менеджеру не записывается"
NO_MANAGER = "У сделки нет менеджера: нарушение записать не на кого"


def _violation(
    user: User,
    deal: DealSnapshot,
    kind: ViolationKind | None,
    comment: str | None,
    salary: Money | None,
    penalty: PenaltyRule | None,
) -> Violation:
    if kind is None:
        raise TransitionError(VIOLATION_REQUIRED)
    kind = ViolationKind(kind)
    if kind is ViolationKind.OTHER and not (comment and comment.strip()):
        raise TransitionError(VIOLATION_NEEDS_COMMENT)
    if deal.manager_id is None:
        raise TransitionError(NO_MANAGER)
    quote = quote_penalty(penalty, salary)
    if quote.amount is None:
        raise TransitionError(quote.problem or NO_SALARY)
    return Violation(deal.id, deal.manager_id, kind, quote.amount, quote.rule, quote.salary, user.id, comment)


def plan_verdict(
    user: User,
    deal: DealSnapshot,
    verdict: Verdict,
    *,
    new_manager_id: int | None = None,
    violation: ViolationKind | None = None,
    salary: Money | None = None,
    penalty: PenaltyRule | None = None,
    reason: str | None = None,
    comment: str | None = None,
    facts: ClientFacts | None = None,
    review_finished: bool = True,
    reasons: RefusalReasons | None = None,
) -> VerdictPlan:
    """Validate a verdict and say what to write; raises ``TransitionError`` (Russian message).

    ``reason`` is the verified reason for a confirmed refusal (default: the deal's own).
    ``penalty=None`` means 1 % of ``salary``. Pass ``review_finished=False`` while required
    script answers are missing (see ``callback_script.missing_answers``).
    """
    verdict = Verdict(verdict)
    reasons = reasons or DEFAULT_REFUSAL_REASONS
    if user.role in REVIEWER_ROLES and deal.status is not Status.IN_REVIEW:
        raise TransitionError(VERDICT_ONLY_IN_REVIEW)
    facts = None if facts is None or facts.is_empty() else facts
    before: dict[str, object] = {
        "status": str(deal.status),
        "manager_id": deal.manager_id,
        "refusal_reason": deal.refusal_reason,
    }
    if verdict is Verdict.REFUSAL_CONFIRMED:
        if violation is not None:
            raise TransitionError(VIOLATION_ON_CONFIRMED)
        target = Status.CLOSED_LOST
        check_transition(
            user,
            deal,
            target,
            reason=reason,
            comment=comment,
            review_finished=review_finished,
            reasons=reasons,
        )
        verified = reasons.match(reason) if reason is not None else deal.refusal_reason
        manager_id, violation_record = deal.manager_id, None
    else:
        target = Status.ACTIVE
        check_transition(
            user,
            deal,
            target,
            review_finished=review_finished,
            new_manager_id=new_manager_id,
            reasons=reasons,
        )
        violation_record = _violation(user, deal, violation, comment, salary, penalty)
        verified, manager_id = None, new_manager_id
    after: dict[str, object] = {
        "status": str(target),
        "manager_id": manager_id,
        "refusal_reason": verified,
        "verdict": str(verdict),
    }
    audit = [AuditEntry(user.id, AuditAction.VERDICT, deal.id, before, after, comment)]
    if violation_record is not None:
        v = violation_record
        details: dict[str, object] = {
            "manager_id": v.manager_id,
            "kind": str(v.kind),
            "penalty": str(v.penalty),
            "penalty_rule": v.rule.label,
            "salary": None if v.salary is None else str(v.salary),
        }
        audit.append(AuditEntry(user.id, AuditAction.VIOLATION, deal.id, None, details, comment))
    if facts is not None:
        audit.append(AuditEntry(user.id, AuditAction.FACTS, deal.id, None, facts.as_json()))
    return VerdictPlan(deal.id, verdict, target, manager_id, verified, facts, violation_record, tuple(audit))
