"""Who may do what with leads: run checks, edit contracts and build packs; decide on a finding."""

from __future__ import annotations

from qa_desk.domain.access import ALLOWED, NO_USER, Capability, deny
from qa_desk.domain.identity import User
from qa_desk.domain.roles import REVIEWER_ROLES, SETTINGS_ROLES, Role

# Who may run lead checks, build evidence packs and edit contracts; who may decide on a finding.
LEAD_WORK_ROLES: frozenset[Role] = REVIEWER_ROLES | SETTINGS_ROLES
DECISION_ROLES: frozenset[Role] = REVIEWER_ROLES

WORK_DENIED = (
    "Проверять лиды, менять договоры и собирать пакеты доказательств может контроль качества, "
    "руководитель отдела продаж или администратор"
)
DECIDE_DENIED = "Подтвердить или изменить решение по лиду может только контроль качества или руководитель отдела продаж"


def can_work_leads(user: User | None) -> Capability:
    if user is None:
        return deny(NO_USER)
    return ALLOWED if user.role in LEAD_WORK_ROLES else deny(WORK_DENIED)


def can_decide(user: User | None) -> Capability:
    if user is None:
        return deny(NO_USER)
    return ALLOWED if user.role in DECISION_ROLES else deny(DECIDE_DENIED)
