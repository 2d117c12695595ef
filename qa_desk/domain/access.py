"""Who may see what: the read side of authorisation (the write side is ``transitions``).

Pure rules over the domain ``User``; services call them for every read and write and raise
``AccessDenied`` (a one-line Russian message). The UI asks the same rules through the services'
``can_*`` queries to hide or disable a control, with the reason as its tooltip.
"""

from __future__ import annotations

from dataclasses import dataclass

from qa_desk.domain.identity import User
from qa_desk.domain.roles import REVIEWER_ROLES, SETTINGS_ROLES, Role
from qa_desk.domain.transitions import SELF_REVIEW, TransitionError

NO_USER = "Действие недоступно: не выбран пользователь"
REVIEW_ONLY_REVIEWERS = "Проверять отказы может только контроль качества или руководитель отдела продаж"
SUPERVISOR_DENIED = "Показатели отдела видят контроль качества, руководитель отдела продаж и администратор"
PAY_HIDDEN = "Оклады и штрафы других менеджеров менеджеру не показываются"
PAY_DENIED = "Оклад и штрафы менеджеров меняет администратор или руководитель отдела продаж"
USERS_DENIED = "Пользователями управляет только администратор"
SETTINGS_DENIED = "Настройки меняет только администратор"

# Who sees the department's figures (reasons, false refusals, every manager's penalties).
SUPERVISOR_ROLES: frozenset[Role] = frozenset({Role.QC, Role.HEAD_OF_SALES, Role.ADMIN})
# Who sets a manager's salary and penalty rule.
PAY_ROLES: frozenset[Role] = SETTINGS_ROLES | {Role.HEAD_OF_SALES}


class AccessDenied(TransitionError):
    """The acting user may not see or do this; ``str(error)`` is one Russian line.

    A ``TransitionError`` too, so every caller that already shows refused moves shows this.
    """


@dataclass(frozen=True, slots=True)
class Capability:
    """The answer to a ``can_*`` query: allowed, or not with the reason to show."""

    allowed: bool
    reason: str | None = None

    def __bool__(self) -> bool:
        return self.allowed

    def check(self) -> None:
        """Raise ``AccessDenied`` with the reason unless allowed."""
        if not self.allowed:
            raise AccessDenied(self.reason or NO_USER)


ALLOWED = Capability(True)


def deny(reason: str) -> Capability:
    return Capability(False, reason)


def can_review(user: User | None, deal_manager_id: int | None) -> Capability:
    """May ``user`` verify the refusal of a deal led by ``deal_manager_id`` (start, answer, verdict)."""
    if user is None:
        return deny(NO_USER)
    if user.role not in REVIEWER_ROLES:
        return deny(REVIEW_ONLY_REVIEWERS)
    if user.manager_id is not None and user.manager_id == deal_manager_id:
        return deny(SELF_REVIEW)
    return ALLOWED


def can_see_supervisor(user: User | None) -> Capability:
    """The department's figures. ``None`` is the local single-seat reader (no sign-in yet)."""
    if user is None or user.role in SUPERVISOR_ROLES:
        return ALLOWED
    return deny(SUPERVISOR_DENIED)


def can_see_pay(user: User | None, manager_id: int | None) -> Capability:
    """A manager's salary, penalty rule and penalties: everyone but managers; a manager sees their own."""
    if user is None or user.role is not Role.MANAGER:
        return ALLOWED
    if manager_id is not None and user.manager_id == manager_id:
        return ALLOWED
    return deny(PAY_HIDDEN)


def can_set_pay(user: User | None) -> Capability:
    if user is None:
        return deny(NO_USER)
    return ALLOWED if user.role in PAY_ROLES else deny(PAY_DENIED)


def can_manage_users(user: User | None) -> Capability:
    if user is None:
        return deny(NO_USER)
    return ALLOWED if user.role in SETTINGS_ROLES else deny(USERS_DENIED)


def can_change_settings(user: User | None) -> Capability:
    if user is None:
        return deny(NO_USER)
    return ALLOWED if user.role in SETTINGS_ROLES else deny(SETTINGS_DENIED)


def require_user(user: User | None) -> User:
    """The acting person of a write; ``AccessDenied`` without one."""
    if user is None:
        raise AccessDenied(NO_USER)
    return user


# Audit keys that carry pay figures: hidden from a manager unless the entry is about them.
PAY_KEYS: frozenset[str] = frozenset({"salary", "penalty", "penalty_rule"})


def redact_pay(user: User | None, values: dict | None, manager_id: int | None) -> dict | None:
    """``values`` without the pay figures ``user`` may not see (``manager_id``: whose they are)."""
    if values is None or can_see_pay(user, manager_id):
        return values
    return {k: v for k, v in values.items() if k not in PAY_KEYS}
