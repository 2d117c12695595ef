"""``qa-desk users add | role | password | disable | enable | token``: administrators manage logins."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

ROLES = "manager, qc, head_of_sales, admin"


def register(add: Callable[[str, str], argparse.ArgumentParser], handler: Any) -> None:
    """Add the account commands to ``qa-desk users`` (``add`` makes a sub-command)."""

    def cmd(name: str, help_text: str) -> argparse.ArgumentParser:
        p = add(name, help_text)
        p.set_defaults(handler=handler, action=name)
        return p

    p = cmd("add", "добавить пользователя (администратор)")
    p.add_argument("login")
    p.add_argument("--name", required=True, help="имя и фамилия")
    p.add_argument("--role", required=True, help=ROLES)
    p.add_argument("--manager", metavar="ИМЯ", help="для менеджера: имя в сделках (по умолчанию --name)")
    person = p.add_mutually_exclusive_group()
    person.add_argument("--same-person-as", metavar="ЛОГИН", help="это тот же человек, что и у другого логина")
    person.add_argument("--new-person", action="store_true", help="другой человек с тем же именем")
    _new_password_option(p)
    p = cmd("role", "сменить роль пользователя (администратор)")
    p.add_argument("login")
    p.add_argument("role", metavar="РОЛЬ", help=ROLES)
    p = cmd("password", "задать новый пароль пользователю (администратор)")
    p.add_argument("login")
    _new_password_option(p)
    cmd("disable", "отключить пользователя; его история остаётся (администратор)").add_argument("login")
    cmd("enable", "снова включить пользователя (администратор)").add_argument("login")
    p = cmd("token", "личные токены для командной строки (администратор)")
    p.add_argument("token_action", choices=("issue", "revoke", "list"), metavar="issue|revoke|list")
    p.add_argument("target", nargs="?", metavar="ЛОГИН|НОМЕР", help="issue: чей; revoke: номер токена; list: чьи")
    p.add_argument("--label", default="", help="issue: для чего токен (например, «скрипт отчётов»)")


def _new_password_option(parser: Any) -> None:
    parser.add_argument(
        "--new-password-stdin", action="store_true",
        help="новый пароль — следующая строка стандартного ввода (после вашего, если --password-stdin)",
    )


def role_of(text: str) -> Any:
    from qa_desk.domain.roles import Role

    try:
        return Role(text.strip())
    except ValueError:
        raise KeyError(f"Неизвестная роль «{text}»: {ROLES}") from None


def run(services: Any, args: argparse.Namespace) -> int:
    from qa_desk.cli.auth import new_password

    accounts, action = services.accounts, args.action
    if action == "add":
        password = new_password(args, args.login)
        added = accounts.add(
            args.login, args.name, role_of(args.role), password=password, manager_name=args.manager,
            same_person_as=args.same_person_as, new_person=args.new_person,
        )
        note = "" if password else "; пароль не задан: qa-desk users password " + added.id
        print(f"Пользователь {added.id} ({added.role.label}) добавлен{note}.")
    elif action == "role":
        accounts.set_role(args.login, role_of(args.role))
        print(f"Пользователь {args.login}: роль «{role_of(args.role).label}».")
    elif action == "password":
        password = new_password(args, args.login)
        if not password:
            raise KeyError("Новый пароль не получен: введите его на терминале или через --new-password-stdin")
        accounts.reset_password(args.login, password)
        print(f"Пользователь {args.login}: пароль задан.")
    elif action in ("disable", "enable"):
        accounts.set_active(args.login, action == "enable")
        print(f"Пользователь {args.login} {'включён' if action == 'enable' else 'отключён; его история сохранена'}.")
    elif action == "token":
        return _token(accounts, args)
    return 0


def _token(accounts: Any, args: argparse.Namespace) -> int:
    if args.token_action == "issue":
        if not args.target:
            raise KeyError("Укажите, кому выдать токен: qa-desk users token issue ЛОГИН")
        token_id, token = accounts.issue_token(args.target, args.label)
        print(f"Токен #{token_id} для {args.target} (показывается один раз, сохраните его):")
        print(token)
    elif args.token_action == "revoke":
        if not (args.target or "").isdigit():
            raise KeyError("Укажите номер токена: qa-desk users token revoke НОМЕР (номера: qa-desk users token list)")
        accounts.revoke_token(int(args.target))
        print(f"Токен #{args.target} отозван.")
    else:
        for t in accounts.tokens(args.target):
            state = f"отозван {t.revoked_at:%d.%m.%Y %H:%M}" if t.revoked_at else "действует"
            used = f", последний раз {t.last_used_at:%d.%m.%Y %H:%M}" if t.last_used_at else ""
            print(f"#{t.id:<4} {t.login:<20} {state}{used} — выдал {t.issued_by} {t.created_at:%d.%m.%Y}. {t.label}")
    return 0
