"""``qa-desk server init``: make a database ready for the department, and say what was done.

Idempotent: run again after an upgrade, it applies the new migrations and grants, and leaves the
application role's password and the administrators alone.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from qa_desk.domain.identity import User
from qa_desk.services.container import Services
from qa_desk.storage import server_setup
from qa_desk.storage.db import Database
from qa_desk.storage.uow import Storage


@dataclass
class InitReport:
    done: list[str] = field(default_factory=list)
    app_url: str | None = None  # with the role's password when it was just set (shown once)
    app_password_new: bool = False
    admin: User | None = None


def initialise(
    url: str,
    *,
    admin_login: str,
    admin_name: str,
    admin_password: str | None,
    app_role: str = server_setup.APP_ROLE,
    app_password: str | None = None,
) -> InitReport:
    """Database (PostgreSQL: created if missing), schema, job queue, roles, the first administrator."""
    report = InitReport()
    postgres = url.startswith("postgresql")
    if postgres:
        created = server_setup.create_database_if_missing(url)
        if created:
            report.done.append(created)
    db = Database(url)  # applies every migration (the job queue's schema too, on PostgreSQL)
    services = Services(Storage(db))
    try:
        report.done.append(f"схема базы {db.safe_url} в актуальной версии (миграции применены)")
        if postgres:
            report.done.append("очередь заданий распознавания (procrastinate) готова")
            new_role = app_password is not None or not server_setup.role_exists(url, app_role)
            password = app_password or (secrets.token_urlsafe(18) if new_role else None)
            report.done += server_setup.ensure_app_role(url, app_role, password)
            report.app_url = server_setup.app_url(url, app_role, password)
            report.app_password_new = password is not None
        if services.auth.needs_first_admin():
            if not admin_password:
                raise ValueError("нужен пароль первого администратора")
            report.admin = services.auth.create_first_admin(admin_login, admin_name, admin_password)
            report.done.append(f"создан первый администратор {report.admin.id} ({report.admin.display_name})")
        else:
            report.done.append("администратор с паролем уже есть: учётные записи не менялись")
    finally:
        services.close()
    return report


def needs_first_admin(url: str) -> bool:
    """Whether ``initialise`` will ask for the first administrator's password."""
    try:
        services = Services.open(url)
    except Exception:  # noqa: BLE001 - a database that does not exist yet needs one
        return True
    try:
        return services.auth.needs_first_admin()
    finally:
        services.close()

