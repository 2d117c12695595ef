"""``qa-desk server init --db postgresql+psycopg://…``: prepare the department's database.

Run once by the IT administrator with the database owner's (or a superuser's) address: creates the
database if missing, the schema and the job queue, the application role every workstation and
worker connects as, and the first administrator of QA Desk; prints what it did. Run it again after
an upgrade: it applies the new migrations and grants and changes no passwords.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

APP_PASSWORD_ENV = "QA_DESK_APP_DB_PASSWORD"


def register(subparsers: Any) -> None:
    server = subparsers.add_parser("server", help="подготовить общую базу отдела (PostgreSQL)")
    sub = server.add_subparsers(dest="server_command", metavar="ДЕЙСТВИЕ", required=True)
    p = sub.add_parser(
        "init",
        help="база, схема, роли и первый администратор",
        description="Создаёт базу (если её нет), схему, очередь заданий, роль программы и первого администратора.",
    )
    p.add_argument("--db", metavar="URL", default=argparse.SUPPRESS, help="адрес базы (как глобальный --db)")
    p.add_argument("--admin", default="admin", metavar="ЛОГИН", help="логин первого администратора (по умолчанию admin)")
    p.add_argument("--admin-name", default="Администратор", metavar="ИМЯ", help="его имя")
    p.add_argument("--admin-password-stdin", action="store_true", help="пароль администратора из стандартного ввода")
    p.add_argument("--app-role", default="qa_desk_app", metavar="РОЛЬ", help="роль PostgreSQL для рабочих мест и обработчиков")
    p.add_argument("--new-app-password", action="store_true", help=f"задать роли новый пароль (из ${APP_PASSWORD_ENV} или случайный)")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    import secrets

    from qa_desk.cli.auth import STDIN, new_password
    from qa_desk.config import default_db_url
    from qa_desk.services.server_init import initialise, needs_first_admin

    url = args.db or default_db_url()
    password = None
    if needs_first_admin(url):
        if args.admin_password_stdin:
            password = STDIN.next("пароль администратора")
        else:
            password = new_password(argparse.Namespace(new_password_stdin=False), args.admin)
        if not password:
            print("Ошибка: нужен пароль первого администратора: --admin-password-stdin или ввод на терминале", file=sys.stderr)
            return 2
    app_password = os.environ.get(APP_PASSWORD_ENV) or (secrets.token_urlsafe(18) if args.new_app_password else None)
    try:
        report = initialise(
            url, admin_login=args.admin, admin_name=args.admin_name, admin_password=password,
            app_role=args.app_role, app_password=app_password,
        )
    except ValueError as exc:
        print(f"Ошибка: {exc}", file=sys.stderr)
        return 2
    for line in report.done:
        print(f"• {line}")
    if report.app_url:
        secret = " (пароль показан один раз — сохраните его)" if report.app_password_new else " (пароль роли не менялся)"
        print(f"Адрес для рабочих мест и обработчиков{secret}:\n    {report.app_url}")
        print("Дальше: qa-desk worker --db АДРЕС на серверах распознавания, qa-desk --db АДРЕС на рабочих местах.")
    return 0
