"""Refusal verification use cases: status moves, the callback review, verdicts, the audit trail.

Every function is one transaction (``db.session()``): checks go through the domain
(``check_transition``, ``check_reassign``, ``plan_verdict``) and raise its ``TransitionError``
unchanged, so the UI and the command line show the very same Russian message. Every status
change, verdict, violation and reassignment is written to the append-only audit log in the same
transaction as the change itself. Wizard answers are saved one field at a time, as entered.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from qa_desk.config import company_name
from qa_desk.domain.callback_script import (
    AnswerField,
    CallbackScript,
    FilledStep,
    ScriptContext,
    fill,
    load_script,
    missing_answers,
)
from qa_desk.domain.identity import User
from qa_desk.domain.refusal_reasons import RefusalReasons, load_refusal_reasons
from qa_desk.domain.roles import REVIEWER_ROLES, SETTINGS_ROLES, Role
from qa_desk.domain.statuses import Status
from qa_desk.domain.transitions import (
    SELF_REVIEW,
    DealSnapshot,
    TransitionError,
    check_reassign,
    check_transition,
)
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
    to_money,
)
from qa_desk.services.crm_outbox import enqueue_verdict
from qa_desk.storage import repositories as repo
from qa_desk.storage.db import Database
from qa_desk.storage.models import Deal, Manager, PenaltyEntry, Recording, ReviewAnswer, ReviewSession, utcnow

# Verdict-step choices are autosaved like script answers, under these reserved keys.
VERDICT_KEYS = frozenset({"verdict", "verdict.new_manager", "verdict.violation", "verdict.comment"})
ANSWERS_DENIED = "Ответы проверки записывает только контроль качества или руководитель отдела продаж"
NOT_IN_REVIEW = "Сделка не на проверке: сначала начните проверку"
PAY_DENIED = "Оклад и штрафы менеджеров меняет администратор или руководитель отдела продаж"


class DealNotFoundError(LookupError):
    """No deal with that id; the message is Russian."""


@cache
def default_script() -> CallbackScript:
    return load_script()


@cache
def default_reasons() -> RefusalReasons:
    return load_refusal_reasons()


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
    reviewer: str | None = None
    current_step: int = 0
    finished: bool = False
    verdict: str | None = None
    answers: dict[str, str] = field(default_factory=dict)
    steps: list[FilledStep] = field(default_factory=list)
    missing: list[AnswerField] = field(default_factory=list)


# --- helpers ----------------------------------------------------------------------------------


def _deal(session: Session, deal_ref: int | str) -> Deal:
    deal = repo.get_deal(session, deal_ref)
    if deal is None:
        raise DealNotFoundError(f"Сделка «{deal_ref}» не найдена")
    return deal


def snapshot(deal: Deal) -> DealSnapshot:
    return DealSnapshot(
        deal.id, Status(deal.status), deal.manager_id, deal.refusal_reason, deal.refusal_comment
    )


def _manager_name(session: Session, manager_id: int | None) -> str | None:
    manager = session.get(Manager, manager_id) if manager_id is not None else None
    return manager.name if manager is not None else None


def _card(session: Session, deal: Deal) -> dict[str, object]:
    return {
        "status": deal.status,
        "manager_id": deal.manager_id,
        "manager": _manager_name(session, deal.manager_id),
        "refusal_reason": deal.refusal_reason,
    }


def _open_review(session: Session, deal_id: int) -> ReviewSession | None:
    query = select(ReviewSession).where(ReviewSession.deal_id == deal_id, ReviewSession.finished_at.is_(None))
    return session.scalar(query.order_by(ReviewSession.id.desc()))


def _last_review(session: Session, deal_id: int) -> ReviewSession | None:
    query = select(ReviewSession).where(ReviewSession.deal_id == deal_id)
    return session.scalar(query.order_by(ReviewSession.id.desc()))


def _answers(review: ReviewSession | None) -> dict[str, str]:
    return {a.field_id: a.value for a in review.answers if a.value is not None} if review else {}


def _script_answers(answers: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in answers.items() if k not in VERDICT_KEYS}


def _check_reviewer(user: User, deal: Deal) -> None:
    if user.role not in REVIEWER_ROLES:
        raise TransitionError(ANSWERS_DENIED)
    if user.manager_id is not None and user.manager_id == deal.manager_id:
        raise TransitionError(SELF_REVIEW)


def _move(session: Session, user: User, deal: Deal, target: Status, comment: str | None) -> None:
    before = _card(session, deal)
    deal.status = target.value
    deal.status_changed_at = utcnow()
    _audit_card(session, user, deal, "status", before, comment)


def _audit_card(
    session: Session, user: User, deal: Deal, action: str, before: dict[str, object], comment: str | None
) -> None:
    """Audit a change of the deal's card: ``before`` against the card as it is now."""
    session.flush()
    repo.add_audit(
        session,
        actor=user.id,
        action=action,
        deal=deal,
        before=before,
        after=_card(session, deal),
        comment=comment,
    )


def _last_call(deal: Deal) -> date | None:
    calls = [r.call_started_at for r in deal.recordings if r.call_started_at and r.origin != "callback"]
    return max(calls).date() if calls else None


# --- status moves -------------------------------------------------------------------------------


def change_status(
    db: Database,
    user: User,
    deal_ref: int | str,
    target: Status | str,
    *,
    reason: str | None = None,
    comment: str | None = None,
    new_manager_id: int | None = None,
    violation: ViolationKind | str | None = None,
) -> Status:
    """Any status move by ``user``; moves out of a review go through ``apply_verdict``."""
    target = Status(target)
    with db.session() as session:
        deal = _deal(session, deal_ref)
        current = Status(deal.status)
    if current is Status.IN_REVIEW and target in (Status.CLOSED_LOST, Status.ACTIVE):
        verdict = Verdict.REFUSAL_CONFIRMED if target is Status.CLOSED_LOST else Verdict.FALSE_REFUSAL
        apply_verdict(
            db,
            user,
            deal_ref,
            verdict,
            new_manager_id=new_manager_id,
            violation=violation,
            reason=reason,
            comment=comment,
        )
        return target
    if target is Status.IN_REVIEW:
        start_review(db, user, deal_ref)
        return target
    reasons = default_reasons()
    with db.session() as session:
        deal = _deal(session, deal_ref)
        check_transition(user, snapshot(deal), target, reason=reason, comment=comment, reasons=reasons)
        if target is Status.CONDITIONAL_REFUSAL and current is Status.ACTIVE:
            deal.refusal_reason = reasons.validate(reason, comment)
            deal.refusal_comment = comment.strip() if comment and comment.strip() else None
        elif current is Status.CONDITIONAL_REFUSAL and target is Status.ACTIVE:
            deal.refusal_reason, deal.refusal_comment = None, None
        _move(session, user, deal, target, comment)
    return target


def request_refusal(
    db: Database, user: User, deal_ref: int | str, reason: str, comment: str | None = None
) -> None:
    """A manager drops their deal to conditional refusal with a reason from the list."""
    change_status(db, user, deal_ref, Status.CONDITIONAL_REFUSAL, reason=reason, comment=comment)


def reassign(
    db: Database, user: User, deal_ref: int | str, new_manager_id: int, comment: str | None = None
) -> None:
    """Head of sales hands an active deal to another manager."""
    with db.session() as session:
        deal = _deal(session, deal_ref)
        check_reassign(user, snapshot(deal), new_manager_id)
        if session.get(Manager, new_manager_id) is None:
            raise DealNotFoundError(f"Менеджер #{new_manager_id} не найден")
        before = _card(session, deal)
        deal.manager_id = new_manager_id
        _audit_card(session, user, deal, "reassign", before, comment)


# --- the review -------------------------------------------------------------------------------


def start_review(db: Database, user: User, deal_ref: int | str) -> ReviewState:
    """Take a conditional refusal into review, or resume the open review of a deal in review."""
    with db.session() as session:
        deal = _deal(session, deal_ref)
        if Status(deal.status) is Status.IN_REVIEW:
            _check_reviewer(user, deal)
        else:
            check_transition(user, snapshot(deal), Status.IN_REVIEW, reasons=default_reasons())
            _move(session, user, deal, Status.IN_REVIEW, None)
        if _open_review(session, deal.id) is None:
            session.add(
                ReviewSession(
                    deal_id=deal.id,
                    reviewer=user.id,
                    manager_id=deal.manager_id,
                    claimed_reason=deal.refusal_reason,
                    current_step=0,
                )
            )
            session.flush()
        deal_id = deal.id
    return review_state(db, user, deal_id)


def resume_review(db: Database, user: User, deal_ref: int | str) -> ReviewState | None:
    """The open review with its saved answers and step, or ``None`` when there is none."""
    state = review_state(db, user, deal_ref)
    return state if state.review_id is not None and not state.finished else None


def _editable_review(session: Session, user: User, deal_ref: int | str) -> tuple[Deal, ReviewSession]:
    deal = _deal(session, deal_ref)
    _check_reviewer(user, deal)
    review = _open_review(session, deal.id)
    if Status(deal.status) is not Status.IN_REVIEW or review is None:
        raise TransitionError(NOT_IN_REVIEW)
    return deal, review


def save_answer(db: Database, user: User, deal_ref: int | str, field_id: str, value: str | None) -> None:
    """Store one answer right away (``None`` or blank clears it)."""
    script = default_script()
    if field_id not in VERDICT_KEYS and field_id not in {f.id for f in script.fields()}:
        raise KeyError(f"В скрипте нет поля «{field_id}»")
    text = None if value is None or not str(value).strip() else str(value)
    with db.session() as session:
        _deal_row, review = _editable_review(session, user, deal_ref)
        row = next((a for a in review.answers if a.field_id == field_id), None)
        if row is None:
            review.answers.append(ReviewAnswer(field_id=field_id, value=text, updated_by=user.id))
        else:
            row.value, row.updated_by = text, user.id


def set_step(db: Database, user: User, deal_ref: int | str, step: int) -> None:
    with db.session() as session:
        _deal_row, review = _editable_review(session, user, deal_ref)
        review.current_step = max(0, int(step))


def review_state(
    db: Database, user: User, deal_ref: int | str, *, company: str | None = None, today: date | None = None
) -> ReviewState:
    """The deal and its open (else last) review, with the script filled for ``user`` reading it."""
    script = default_script()
    with db.session() as session:
        deal = _deal(session, deal_ref)
        review = _open_review(session, deal.id) or _last_review(session, deal.id)
        answers = _answers(review)
        reason = (
            review.claimed_reason if review is not None and review.claimed_reason else deal.refusal_reason
        )
        context = ScriptContext(
            reviewer_name=user.display_name,
            company=company if company is not None else company_name(),
            last_call_date=_last_call(deal),
            refusal_reason=reason or "",
            product=deal.product or "",
            client=deal.contact_name or deal.client_company or "",
            today=today or date.today(),
        )
        return ReviewState(
            deal_id=deal.id,
            external_id=deal.external_id,
            title=deal.title,
            status=Status(deal.status),
            manager_id=deal.manager_id,
            manager_name=_manager_name(session, deal.manager_id),
            refusal_reason=deal.refusal_reason,
            review_id=review.id if review else None,
            reviewer=review.reviewer if review else None,
            current_step=review.current_step if review else 0,
            finished=bool(review and review.finished_at),
            verdict=review.verdict if review else None,
            answers=answers,
            steps=fill(script, context),
            missing=missing_answers(script, _script_answers(answers)),
        )


def facts_from_answers(answers: dict[str, str]) -> ClientFacts:
    """The real budget, timing and notes the reviewer wrote down (money parsed, Russian errors)."""
    budget = answers.get("real_budget")
    return ClientFacts(
        budget=parse_money(budget) if budget and budget.strip() else None,
        timing=(answers.get("real_timing") or "").strip() or None,
        notes=(answers.get("notes") or "").strip() or None,
    )


def apply_verdict(
    db: Database,
    user: User,
    deal_ref: int | str,
    verdict: Verdict | str,
    *,
    new_manager_id: int | None = None,
    violation: ViolationKind | str | None = None,
    reason: str | None = None,
    comment: str | None = None,
    facts: ClientFacts | None = None,
) -> VerdictPlan:
    """Finish the review with a verdict: close as lost, or return to another manager with a penalty."""
    script = default_script()
    with db.session() as session:
        deal = _deal(session, deal_ref)
        review = _open_review(session, deal.id)
        answers = _script_answers(_answers(review))
        if facts is None:
            facts = facts_from_answers(answers)
        manager = session.get(Manager, deal.manager_id) if deal.manager_id is not None else None
        if new_manager_id is not None and session.get(Manager, new_manager_id) is None:
            raise DealNotFoundError(f"Менеджер #{new_manager_id} не найден")
        plan = plan_verdict(
            user,
            snapshot(deal),
            Verdict(verdict),
            new_manager_id=new_manager_id,
            violation=ViolationKind(violation) if violation else None,
            salary=manager.salary if manager else None,
            penalty=PenaltyRule.for_manager(manager.penalty_percent, manager.penalty_fixed)
            if manager
            else None,
            reason=reason
            or (answers.get("real_reason") if Verdict(verdict) is Verdict.REFUSAL_CONFIRMED else None),
            comment=comment,
            facts=facts,
            review_finished=review is not None and not missing_answers(script, answers),
            reasons=default_reasons(),
        )
        _carry_out(session, user, deal, review, plan)
    return plan


def _carry_out(
    session: Session, user: User, deal: Deal, review: ReviewSession | None, plan: VerdictPlan
) -> None:
    now = utcnow()
    names = {"manager": _manager_name(session, deal.manager_id)}
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
        session.add(
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
    session.flush()
    for entry in plan.audit:
        before = None if entry.before is None else {**entry.before, **names}
        after = entry.after
        if after is not None and "status" in after:
            after = {**after, "manager": _manager_name(session, plan.manager_id)}
        elif after is not None and "manager_id" in after:
            after = {**after, "manager": names["manager"]}
        repo.add_audit(
            session,
            actor=entry.actor,
            action=str(entry.action),
            deal=deal,
            before=before,
            after=after,
            comment=entry.comment,
            at=now,
        )
    enqueue_verdict(session, user, deal, review, plan)  # CRM push: an outbox row in this transaction


# --- recordings, managers, audit ------------------------------------------------------------------


def attach_callback_recording(
    db: Database, deal_ref: int | str, path: Path | str, started_at: datetime | None = None
) -> int:
    """Add the recorded callback as a new recording of the deal (queued for transcription)."""
    from qa_desk.audio import AudioError, file_sha256, probe

    path = Path(path).resolve()
    with db.session() as session:
        deal = _deal(session, deal_ref)
        recording = Recording(
            deal=deal,
            path=str(path),
            call_started_at=started_at or datetime.now(),
            started_at_source="manifest",
            origin="callback",
            state="pending",
        )
        try:
            info = probe(path)
            recording.sha256 = file_sha256(path)
            recording.duration_ms = round(info.duration_s * 1000)
            recording.channels, recording.sample_rate = info.channels, info.sample_rate
        except (AudioError, OSError) as exc:
            recording.state, recording.error = "failed", str(exc)
        session.add(recording)
        session.flush()
        return recording.id


@dataclass(frozen=True, slots=True)
class ManagerInfo:
    id: int
    name: str
    salary: Decimal | None
    penalty: str  # the rule's label


def list_managers(db: Database) -> list[ManagerInfo]:
    with db.session() as session:
        rows = session.scalars(select(Manager).where(Manager.active.is_(True)).order_by(Manager.name))
        return [
            ManagerInfo(
                m.id, m.name, m.salary, PenaltyRule.for_manager(m.penalty_percent, m.penalty_fixed).label
            )
            for m in rows
        ]


def find_manager(db: Database, name_or_login: str) -> int:
    """A manager id by name (case-insensitive) or by their user's login."""
    from qa_desk.storage.models import AppUser

    key = name_or_login.strip()
    with db.session() as session:
        for manager in session.scalars(select(Manager)):
            if manager.name.casefold() == key.casefold():
                return manager.id
        user = session.scalar(select(AppUser).where(AppUser.login == key, AppUser.manager_id.is_not(None)))
        if user is not None and user.manager_id is not None:
            return user.manager_id
    raise DealNotFoundError(f"Менеджер «{name_or_login}» не найден")


def set_manager_pay(
    db: Database,
    user: User,
    manager_id: int,
    *,
    salary: Money | None = None,
    percent: Money | None = None,
    fixed: Money | None = None,
) -> None:
    """Set a manager's salary and penalty rule (percent of salary or a fixed amount); audited."""
    if user.role not in SETTINGS_ROLES | {Role.HEAD_OF_SALES}:
        raise TransitionError(PAY_DENIED)
    with db.session() as session:
        manager = session.get(Manager, manager_id)
        if manager is None:
            raise DealNotFoundError(f"Менеджер #{manager_id} не найден")
        before = _pay(manager)
        if salary is not None:
            manager.salary = _money(salary)
        if fixed is not None:
            manager.penalty_fixed, manager.penalty_percent = _money(fixed), None
        elif percent is not None:
            manager.penalty_percent, manager.penalty_fixed = _percent(percent), None
        repo.add_audit(session, actor=user.id, action="manager_pay", before=before, after=_pay(manager))


def _money(value: Money) -> Decimal:
    """What a person typed («85 000») or an exact amount."""
    return parse_money(value) if isinstance(value, str) else to_money(value)


def _percent(value: Money) -> Decimal:
    try:
        rule = PenaltyRule(percent=Decimal(str(value).replace(",", ".").strip()))
    except (InvalidOperation, ValueError) as exc:
        raise MoneyError(f"Процент штрафа «{value}»: нужно число от 0 до 100") from exc
    assert rule.percent is not None
    return rule.percent


def _pay(manager: Manager) -> dict[str, object]:
    return {
        "manager": manager.name,
        "salary": None if manager.salary is None else str(manager.salary),
        "penalty_rule": PenaltyRule.for_manager(manager.penalty_percent, manager.penalty_fixed).label,
    }


@dataclass(frozen=True, slots=True)
class AuditRow:
    at: datetime
    actor: str
    action: str
    before: dict | None
    after: dict | None
    comment: str | None


def audit_trail(db: Database, deal_ref: int | str) -> list[AuditRow]:
    """The deal's audit entries, oldest first."""
    from qa_desk.storage.models import AuditEntry

    with db.session() as session:
        deal = _deal(session, deal_ref)
        rows = session.scalars(
            select(AuditEntry).where(AuditEntry.deal_id == deal.id).order_by(AuditEntry.id)
        )
        return [AuditRow(r.at, r.actor, r.action, r.before, r.after, r.comment) for r in rows]


ACTION_LABELS = {
    "import": "Импорт из CRM",
    "status": "Смена статуса",
    "verdict": "Вердикт",
    "violation": "Нарушение и штраф",
    "facts": "Факты от клиента",
    "reassign": "Передача другому менеджеру",
    "manager_pay": "Оклад и штраф менеджера",
    "crm_update": "Изменение из CRM",
    "crm_conflict": "Конфликт с CRM (не применено)",
    "crm_push": "Отправлено в CRM",
}
_KEY_LABELS = {
    "status": "статус",
    "manager": "менеджер",
    "refusal_reason": "причина отказа",
    "verdict": "вердикт",
    "kind": "нарушение",
    "penalty": "штраф, ₽",
    "penalty_rule": "правило",
    "salary": "оклад, ₽",
    "budget": "бюджет, ₽",
    "timing": "сроки",
    "notes": "заметки",
}


def _shown(key: str, value: object) -> str:
    if value is None or value == "":
        return "—"
    try:
        if key == "status":
            return Status(str(value)).label
        if key == "verdict":
            return Verdict(str(value)).label
        if key == "kind":
            return ViolationKind(str(value)).label
    except ValueError:
        pass
    return str(value)


def describe_change(before: dict | None, after: dict | None) -> str:
    """«статус: Условный отказ → На проверке; менеджер: …» for the audit views (ids left out)."""
    before, after = before or {}, after or {}
    parts = []
    for key in [k for k in _KEY_LABELS if k in before or k in after]:
        old, new = before.get(key), after.get(key)
        if key in before and old != new:
            parts.append(f"{_KEY_LABELS[key]}: {_shown(key, old)} → {_shown(key, new)}")
        elif key not in before and new not in (None, ""):
            parts.append(f"{_KEY_LABELS[key]}: {_shown(key, new)}")
    return "; ".join(parts)
