"""Who may move a deal from which status to which, and under what conditions.

Policy in one place (``RULES`` below is the whole matrix; a pair that is not there is refused):

* A manager only ever touches their own deals. They may drop a deal only to *conditional
  refusal*, with a reason from the configured list, and may withdraw that refusal before review.
* QC and the head of sales verify refusals: take the deal into review, postpone the review back to
  the queue (with a comment), close it as lost after a finished review, or return it to work with
  a *different* manager. Nobody verifies a refusal on their own deal.
* The head of sales can also mark a deal won and reassign an active deal (``check_reassign``).
* The admin manages users and settings and moves no deals.
* ``closed_lost`` and ``won`` are final; a client who comes back is a new deal.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from qa_desk.domain.identity import User
from qa_desk.domain.refusal_reasons import DEFAULT_REFUSAL_REASONS, ReasonError, RefusalReasons
from qa_desk.domain.roles import REVIEWER_ROLES, Role
from qa_desk.domain.statuses import Status


class TransitionError(ValueError):
    """An illegal move; ``str(error)`` is a Russian message for the user."""


class Action(StrEnum):
    REQUEST_REFUSAL = "request_refusal"
    WITHDRAW_REFUSAL = "withdraw_refusal"
    MARK_WON = "mark_won"
    START_REVIEW = "start_review"
    POSTPONE_REVIEW = "postpone_review"
    CLOSE_LOST = "close_lost"
    RETURN_TO_WORK = "return_to_work"
    REASSIGN = "reassign"

    @property
    def label(self) -> str:
        return _ACTION_LABELS[self]


_ACTION_LABELS: dict[Action, str] = {
    Action.REQUEST_REFUSAL: "Условный отказ",
    Action.WITHDRAW_REFUSAL: "Отозвать отказ",
    Action.MARK_WON: "Сделка выиграна",
    Action.START_REVIEW: "Начать проверку",
    Action.POSTPONE_REVIEW: "Отложить проверку",
    Action.CLOSE_LOST: "Закрыть как проигранную",
    Action.RETURN_TO_WORK: "Вернуть в работу другому менеджеру",
    Action.REASSIGN: "Передать другому менеджеру",
}


@dataclass(frozen=True, slots=True)
class DealSnapshot:
    """What the rules need to know about a deal; storage builds it from its row."""

    id: int
    status: Status
    manager_id: int | None
    refusal_reason: str | None = None
    refusal_comment: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "status", Status(self.status))  # storage keeps plain strings


@dataclass(frozen=True, slots=True)
class Rule:
    action: Action
    roles: frozenset[Role]
    denied: str  # message for a role outside ``roles``
    reviewer: bool = False  # the actor must not be the deal's own manager
    needs_reason: bool = False  # a reason from the list must be given now
    verifies_reason: bool = False  # the given reason, or the deal's one, must be valid
    needs_comment: bool = False
    needs_finished_review: bool = False
    needs_new_manager: bool = False


ADMIN_DENIED = "Администратор управляет пользователями и настройками, но не меняет статусы сделок"
LOST_DENIED = "Закрыть сделку как проигранную может только контроль качества или руководитель отдела продаж"
WON_DENIED = "Отметить сделку выигранной может только её менеджер или руководитель отдела продаж"
REVIEW_DENIED = "Начать проверку может только контроль качества или руководитель отдела продаж"
REFUSAL_DENIED = "Перевести сделку в условный отказ может только её менеджер"
RETURN_DENIED = (
    "Вернуть сделку в работу после проверки может только контроль качества или руководитель отдела продаж"
)
POSTPONE_DENIED = "Отложить проверку может только контроль качества или руководитель отдела продаж"
WITHDRAW_DENIED = (
    "Отозвать условный отказ может только менеджер сделки; "
    "после проверки сделку возвращают в работу другому менеджеру"
)
REASSIGN_DENIED = "Передать сделку другому менеджеру может только руководитель отдела продаж"
NOT_OWN_DEAL = "Менеджер может менять только свои сделки"
SELF_REVIEW = "Нельзя проверять отказ по собственной сделке: это делает другой сотрудник"
LOST_NEEDS_REVIEW = (
    "Закрыть сделку как проигранную можно только по итогам проверки: сначала сделку нужно взять на проверку"
)
LOST_REVIEW_UNFINISHED = (
    "Закрыть сделку как проигранную можно только после завершённой проверки: "
    "позвоните клиенту по скрипту и запишите результат"
)
RETURN_REVIEW_UNFINISHED = "Вернуть сделку в работу можно только по итогам завершённой проверки"
REVIEW_ONLY_FROM_REFUSAL = "На проверку можно взять только сделку в статусе «Условный отказ»"
NEW_MANAGER_MISSING = "Выберите другого менеджера, которому сделка вернётся в работу"
NEW_MANAGER_SAME = "Сделку нужно передать другому менеджеру, а не тому, кто ведёт её сейчас"
POSTPONE_NEEDS_COMMENT = "Укажите, почему проверка отложена"
REASSIGN_ONLY_ACTIVE = "Передать другому менеджеру можно только сделку в работе; отказ сначала проверяют"

_A, _C, _R, _L, _W = (
    Status.ACTIVE,
    Status.CONDITIONAL_REFUSAL,
    Status.IN_REVIEW,
    Status.CLOSED_LOST,
    Status.WON,
)
_MANAGER = frozenset({Role.MANAGER})

# The permission matrix. (from, to) -> who and what it needs. Nothing else is allowed.
RULES: dict[tuple[Status, Status], Rule] = {
    (_A, _C): Rule(Action.REQUEST_REFUSAL, _MANAGER, REFUSAL_DENIED, needs_reason=True),
    (_A, _W): Rule(Action.MARK_WON, frozenset({Role.MANAGER, Role.HEAD_OF_SALES}), WON_DENIED),
    (_C, _A): Rule(Action.WITHDRAW_REFUSAL, _MANAGER, WITHDRAW_DENIED),
    (_C, _R): Rule(Action.START_REVIEW, REVIEWER_ROLES, REVIEW_DENIED, reviewer=True),
    (_R, _C): Rule(
        Action.POSTPONE_REVIEW,
        REVIEWER_ROLES,
        POSTPONE_DENIED,
        reviewer=True,
        needs_comment=True,
    ),
    (_R, _L): Rule(
        Action.CLOSE_LOST,
        REVIEWER_ROLES,
        LOST_DENIED,
        reviewer=True,
        verifies_reason=True,
        needs_finished_review=True,
    ),
    (_R, _A): Rule(
        Action.RETURN_TO_WORK,
        REVIEWER_ROLES,
        RETURN_DENIED,
        reviewer=True,
        needs_finished_review=True,
        needs_new_manager=True,
    ),
}

# Refusal when a role has no rule at all leading to the target status.
_TARGET_DENIED: dict[Status, str] = {
    _A: RETURN_DENIED,
    _C: REFUSAL_DENIED,
    _R: REVIEW_DENIED,
    _L: LOST_DENIED,
    _W: WON_DENIED,
}

# Refusal when the role may reach the target, but not from the deal's current status.
_PAIR_MISSING: dict[Status, str] = {_L: LOST_NEEDS_REVIEW, _R: REVIEW_ONLY_FROM_REFUSAL}


def _owns(user: User, deal: DealSnapshot) -> bool:
    return user.manager_id is not None and user.manager_id == deal.manager_id


def _rule_for(user: User, deal: DealSnapshot, target: Status) -> Rule:
    """Checks that do not depend on the form the user fills in (role, ownership, status pair)."""
    if user.role is Role.ADMIN:
        raise TransitionError(ADMIN_DENIED)
    if deal.status.is_terminal:
        raise TransitionError(f"Сделка закрыта (статус «{deal.status.label}»), её статус больше не меняется")
    if target == deal.status:
        raise TransitionError(f"Сделка уже в статусе «{deal.status.label}»")
    rule = RULES.get((deal.status, target))
    if rule is None:
        if not any(to == target and user.role in r.roles for (_, to), r in RULES.items()):
            raise TransitionError(_TARGET_DENIED[target])
        raise TransitionError(
            _PAIR_MISSING.get(
                target, f"Переход из статуса «{deal.status.label}» в статус «{target.label}» не предусмотрен"
            )
        )
    if user.role not in rule.roles:
        raise TransitionError(rule.denied)
    if user.role is Role.MANAGER and not _owns(user, deal):
        raise TransitionError(NOT_OWN_DEAL)
    if rule.reviewer and _owns(user, deal):
        raise TransitionError(SELF_REVIEW)
    return rule


def _check_new_manager(deal: DealSnapshot, new_manager_id: int | None) -> None:
    if new_manager_id is None:
        raise TransitionError(NEW_MANAGER_MISSING)
    if new_manager_id == deal.manager_id:
        raise TransitionError(NEW_MANAGER_SAME)


def check_transition(
    user: User,
    deal: DealSnapshot,
    target: Status,
    *,
    reason: str | None = None,
    comment: str | None = None,
    review_finished: bool = False,
    new_manager_id: int | None = None,
    reasons: RefusalReasons | None = None,
) -> Action:
    """Raise ``TransitionError`` unless ``user`` may move ``deal`` to ``target``; return the action.

    Arguments a move does not need are ignored. ``reason`` on closing is the verified reason
    (defaults to the deal's). ``reasons`` defaults to the built-in list; pass the loaded one.
    """
    rule = _rule_for(user, deal, Status(target))
    reasons = reasons or DEFAULT_REFUSAL_REASONS
    try:
        if rule.needs_reason:
            reasons.validate(reason, comment)
        if rule.verifies_reason:
            if reason is None:
                reasons.validate(deal.refusal_reason, comment or deal.refusal_comment)
            else:
                reasons.validate(reason, comment)
    except ReasonError as exc:
        raise TransitionError(str(exc)) from exc
    if rule.needs_comment and not (comment and comment.strip()):
        raise TransitionError(POSTPONE_NEEDS_COMMENT)
    if rule.needs_finished_review and not review_finished:
        raise TransitionError(LOST_REVIEW_UNFINISHED if target == _L else RETURN_REVIEW_UNFINISHED)
    if rule.needs_new_manager:
        _check_new_manager(deal, new_manager_id)
    return rule.action


def allowed_targets(user: User, deal: DealSnapshot) -> list[Status]:
    """Statuses to offer in the UI (the form's own checks still apply on submit)."""
    result = []
    for target in Status:
        try:
            _rule_for(user, deal, target)
        except TransitionError:
            continue
        result.append(target)
    return result


def check_reassign(user: User, deal: DealSnapshot, new_manager_id: int | None) -> Action:
    """Head of sales hands an active deal to another manager (not a status change)."""
    if user.role is Role.ADMIN:
        raise TransitionError(ADMIN_DENIED)
    if user.role is not Role.HEAD_OF_SALES:
        raise TransitionError(REASSIGN_DENIED)
    if deal.status is not Status.ACTIVE:
        raise TransitionError(REASSIGN_ONLY_ACTIVE)
    _check_new_manager(deal, new_manager_id)
    return Action.REASSIGN
