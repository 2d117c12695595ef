"""Managers and their pay: the list the verdict step offers, finding one, salary and penalty rule.

A manager's salary and penalty rule are shown to everyone but other managers
(``access.can_see_pay``); they are set by an administrator or the head of sales, with an audit row.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from qa_desk.domain import access
from qa_desk.domain.access import Capability
from qa_desk.domain.verdicts import Money, MoneyError, PenaltyRule, parse_money, quote_penalty, to_money
from qa_desk.services.base import Service
from qa_desk.services.errors import DealNotFoundError
from qa_desk.storage.models import Manager


@dataclass(frozen=True, slots=True)
class ManagerInfo:
    """A manager as the acting user may see them: ``salary`` and ``rule`` are ``None`` when hidden."""

    id: int
    name: str
    salary: Decimal | None
    rule: PenaltyRule | None
    pay_visible: bool = True

    @property
    def penalty_label(self) -> str:
        """«1 % оклада», «5 000 ₽», or «скрыто»."""
        return self.rule.label if self.rule is not None else "скрыто"

    @property
    def penalty(self) -> Decimal | None:
        """One violation's penalty under the rule (``None``: hidden, or a percent without a salary)."""
        return quote_penalty(self.rule, self.salary).amount if self.rule is not None else None


class ManagerService(Service):
    def _rule(self, manager: Manager) -> PenaltyRule:
        return PenaltyRule.for_manager(manager.penalty_percent, manager.penalty_fixed, self.settings.penalty_percent)

    def _info(self, manager: Manager) -> ManagerInfo:
        if not access.can_see_pay(self.actor, manager.id):
            return ManagerInfo(manager.id, manager.name, None, None, pay_visible=False)
        return ManagerInfo(manager.id, manager.name, manager.salary, self._rule(manager))

    def active(self) -> list[ManagerInfo]:
        """Active managers by name."""
        with self.storage.read() as uow:
            return [self._info(m) for m in uow.managers.active()]

    def get(self, manager_id: int) -> ManagerInfo:
        with self.storage.read() as uow:
            manager = uow.managers.get(manager_id)
            if manager is None:
                raise DealNotFoundError(f"Менеджер #{manager_id} не найден")
            return self._info(manager)

    def find(self, name_or_login: str) -> int:
        """A manager id by name (case-insensitive) or by their user's login."""
        key = name_or_login.strip()
        with self.storage.read() as uow:
            manager = uow.managers.by_name(key)
            if manager is not None:
                return manager.id
            manager_id = uow.users.manager_of_login(key)
            if manager_id is not None:
                return manager_id
        raise DealNotFoundError(f"Менеджер «{name_or_login}» не найден")

    def can_set_pay(self) -> Capability:
        return access.can_set_pay(self.actor)

    def set_pay(
        self,
        manager_id: int,
        *,
        salary: Money | None = None,
        percent: Money | None = None,
        fixed: Money | None = None,
    ) -> None:
        """Set a manager's salary and penalty rule (percent of salary or a fixed amount); audited."""
        self.can_set_pay().check()
        user = self._user()
        minimum = self.settings.penalty_min_percent
        with self.storage.write() as uow:
            manager = uow.managers.get(manager_id, lock=True)
            if manager is None:
                raise DealNotFoundError(f"Менеджер #{manager_id} не найден")
            before = self._pay(manager)
            if salary is not None:
                manager.salary = _money(salary)
            if fixed is not None:
                manager.penalty_fixed, manager.penalty_percent = _money(fixed), None
            elif percent is not None:
                manager.penalty_percent, manager.penalty_fixed = _percent(percent, minimum), None
            uow.audit.add(actor=user.id, action="manager_pay", before=before, after=self._pay(manager))

    def _pay(self, manager: Manager) -> dict[str, object]:
        return {
            "manager": manager.name,
            "manager_id": manager.id,
            "salary": None if manager.salary is None else str(manager.salary),
            "penalty_rule": self._rule(manager).label,
        }


def _money(value: Money) -> Decimal:
    """What a person typed («85 000») or an exact amount."""
    return parse_money(value) if isinstance(value, str) else to_money(value)


def _percent(value: Money, minimum: Decimal) -> Decimal:
    try:
        rule = PenaltyRule(percent=Decimal(str(value).replace(",", ".").strip()))
    except (InvalidOperation, ValueError) as exc:
        raise MoneyError(f"Процент штрафа «{value}»: нужно число от 0 до 100") from exc
    assert rule.percent is not None
    if rule.percent < minimum:
        raise MoneyError(f"Процент штрафа «{value}»: по правилам компании не меньше {minimum} %")
    return rule.percent
