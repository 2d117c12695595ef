"""Who acts on the command line: signed in with a password or a personal API token.

* ``QA_DESK_TOKEN`` (or ``--token-stdin``): a token an administrator issued (``qa-desk users token``);
* else ``--as LOGIN`` (or ``QA_DESK_USER``) names the login, and the password comes from
  ``--password-stdin`` (the first line of standard input) or a prompt on the terminal.

``--as`` alone grants nothing, except on the demo database (``qa-desk demo``), where people pick
themselves without a password, as in the demo window.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import Any

USER_ENV = "QA_DESK_USER"
TOKEN_ENV = "QA_DESK_TOKEN"
NEED_LOGIN = (
    f"Войдите: --as ЛОГИН (или {USER_ENV}) с паролем (--password-stdin или запрос на терминале), "
    f"или личный токен в {TOKEN_ENV}"
)
NEED_PASSWORD = f"Нужен пароль для «{{login}}»: передайте его через --password-stdin или используйте токен ({TOKEN_ENV})"


def add_options(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    default: Any = None if top else argparse.SUPPRESS
    parser.add_argument("--as", dest="as_user", metavar="ЛОГИН", default=default, help=f"ваш логин (по умолчанию ${USER_ENV})")
    parser.add_argument(
        "--password-stdin", action="store_true", default=False if top else argparse.SUPPRESS,
        help="прочитать ваш пароль из первой строки стандартного ввода",
    )
    parser.add_argument(
        "--token-stdin", action="store_true", default=False if top else argparse.SUPPRESS,
        help=f"прочитать личный токен из стандартного ввода (или переменная {TOKEN_ENV})",
    )


class StdinLines:
    """Standard input read one line at a time, in the order values are asked for."""

    def __init__(self) -> None:
        self._lines: list[str] | None = None
        self._stream: object = None

    def next(self, what: str) -> str:
        if self._lines is None or self._stream is not sys.stdin:  # read once per input stream
            self._stream = sys.stdin
            self._lines = sys.stdin.read().splitlines()
        if not self._lines:
            raise_identity(f"Во входном потоке нет строки: {what}")
        return self._lines.pop(0)


STDIN = StdinLines()


def raise_identity(message: str) -> None:
    from qa_desk.domain.identity import IdentityError

    raise IdentityError(message)


def acting_user(services: Any, args: argparse.Namespace, *, required: bool) -> Any:
    """The signed-in ``User``; ``None`` when nobody signed in and ``required`` is False."""
    token = os.environ.get(TOKEN_ENV) or (STDIN.next("токен") if getattr(args, "token_stdin", False) else "")
    if token.strip():
        return services.auth.sign_in_token(token.strip())
    login = getattr(args, "as_user", None) or os.environ.get(USER_ENV)
    if services.auth.is_demo():  # the demo database: the login is enough, as in the demo window
        return services.users.get(login) if login else None
    if not login:
        if required:
            raise_identity(NEED_LOGIN)
        return None
    if getattr(args, "password_stdin", False):
        password = STDIN.next("пароль")
    elif sys.stdin.isatty():
        password = getpass.getpass(f"Пароль для {login}: ")
    else:
        raise_identity(NEED_PASSWORD.format(login=login))
    return services.auth.sign_in(login, password, source="cli")


def open_services(args: argparse.Namespace, *, need_user: bool) -> Any:
    """``Services`` of the signed-in user for a sub-command. ``need_user``: the action writes.

    Reading without signing in is allowed on the demo database only; elsewhere every command is
    signed in (a password or a token), so the audit and the authorisation know who acts."""
    from qa_desk.services import Services

    services = Services.open(getattr(args, "db", None))
    try:
        services.users.sync()
        user = acting_user(services, args, required=need_user or not services.auth.is_demo())
        if user is None and need_user:
            raise_identity(NEED_LOGIN)
    except BaseException:
        services.close()
        raise
    return services.as_user(user)


def new_password(args: argparse.Namespace, login: str) -> str | None:
    """A new password for ``login``: the next stdin line (``--new-password-stdin``) or asked twice."""
    if getattr(args, "new_password_stdin", False):
        return STDIN.next(f"новый пароль для {login}")
    if not sys.stdin.isatty():
        return None
    first = getpass.getpass(f"Новый пароль для {login}: ")
    if first != getpass.getpass("Ещё раз: "):
        raise_identity("Пароли не совпадают")
    return first
