"""Who can do what: the four roles of QA Desk.

The permission matrix itself lives in ``transitions.py``; here only the names.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    MANAGER = "manager"
    QC = "qc"
    HEAD_OF_SALES = "head_of_sales"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        """Russian name for the UI."""
        return _LABELS[self]


_LABELS: dict[Role, str] = {
    Role.MANAGER: "Менеджер",
    Role.QC: "Контроль качества",
    Role.HEAD_OF_SALES: "Руководитель отдела продаж",
    Role.ADMIN: "Администратор",
}

# Roles that may verify a conditional refusal (start a review, give a verdict).
REVIEWER_ROLES: frozenset[Role] = frozenset({Role.QC, Role.HEAD_OF_SALES})

# Admin manages users and configuration (reasons, script, penalties) but moves no deals.
SETTINGS_ROLES: frozenset[Role] = frozenset({Role.ADMIN})
