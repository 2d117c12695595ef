"""Who may import a CRM export into the team database: a signed-in QC controller, head of sales or
administrator (a manager's import could otherwise rewrite colleagues' deals)."""

from __future__ import annotations

import argparse
from typing import Any

IMPORT_DENIED = "Импортировать выгрузку CRM в общую базу может контроль качества, руководитель отдела продаж или администратор"


def check_importer(services: Any, args: argparse.Namespace) -> None:
    from qa_desk.cli.auth import acting_user
    from qa_desk.domain.identity import IdentityError
    from qa_desk.domain.roles import Role

    user = acting_user(services, args, required=True)
    if user is None or user.role is Role.MANAGER:
        raise IdentityError(IMPORT_DENIED)
