"""Signing in: a login and an Argon2id password (the app, the CLI), or a personal API token (the CLI).

Failed attempts are audited (``sign_in_failed``) and limited per login: after ``MAX_FAILURES`` in
``WINDOW`` the login is refused, even with the right password, until the window has passed. Only
the demo database (marked by ``qa-desk demo``) lets someone in without a password.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from qa_desk.domain.identity import IdentityError, User
from qa_desk.domain.roles import Role
from qa_desk.services.base import Service
from qa_desk.services.users import to_domain
from qa_desk.storage.models import AppUser, utcnow
from qa_desk.storage.uow import UnitOfWork

MAX_FAILURES = 5
WINDOW = timedelta(minutes=15)
MIN_PASSWORD = 8
TOKEN_PREFIX = "qad_"
SIGNED_IN, FAILED, BLOCKED = "sign_in", "sign_in_failed", "sign_in_blocked"
DEMO_KEY = "demo"

WRONG = "Неверный логин или пароль"
NO_PASSWORD = "У пользователя «{login}» ещё нет пароля: его задаёт администратор (qa-desk users password {login})"
DISABLED = "Учётная запись «{login}» отключена администратором"
LOCKED = "Слишком много неудачных попыток входа под «{login}»: повторите через {minutes} мин."
BAD_TOKEN = "Токен не подходит: он неверен, отозван или его владелец отключён"
SHORT_PASSWORD = f"Пароль слишком короткий: нужно не меньше {MIN_PASSWORD} символов"

_hasher = PasswordHasher()  # Argon2id with the library's current (RFC 9106 low-memory) parameters


@cache
def _dummy(hasher: PasswordHasher) -> str:
    """A hash to check against when the login does not exist (made once, when first needed: a
    command that never checks a password does not pay for it)."""
    return hasher.hash("no such user: keep the timing of a real check")


class SignInError(IdentityError):
    """Sign-in refused; ``str(error)`` is one Russian line."""


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise SignInError(SHORT_PASSWORD)
    return _hasher.hash(password)


def token_sha256(token: str) -> str:
    return hashlib.sha256(token.strip().encode()).hexdigest()


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


class AuthService(Service):
    # --- the database's mode ---------------------------------------------------------------
    def is_demo(self) -> bool:
        """The demo database: people pick themselves from a list, no password (clearly marked)."""
        with self.storage.read() as uow:
            return uow.accounts.setting(DEMO_KEY) == "1"

    def mark_demo(self) -> None:
        """Called by ``qa-desk demo`` on its own (SQLite) database only."""
        if self.storage.db.dialect != "sqlite":
            raise SignInError("Демо-режим без пароля бывает только у локальной демо-базы SQLite")
        with self.storage.write() as uow:
            uow.accounts.set_setting(DEMO_KEY, "1")

    def needs_first_admin(self) -> bool:
        """No login has a password yet: the first administrator must be created."""
        with self.storage.read() as uow:
            return uow.accounts.with_password() == 0

    def create_first_admin(self, login: str, display_name: str, password: str) -> User:
        """The first administrator of a database where nobody has a password yet."""
        from qa_desk.services.accounts import check_login

        login = check_login(login)
        hashed = hash_password(password)
        with self.storage.write() as uow:
            if uow.accounts.with_password() > 0:
                raise SignInError("Администратор уже есть: войдите под ним и добавьте пользователей")
            row = uow.accounts.by_login(login)
            before = None if row is None else {"role": row.role, "active": row.active}
            if row is None:
                row = uow.users.add(AppUser(login=login, display_name=display_name.strip() or login, role=Role.ADMIN.value))
            row.role, row.active = Role.ADMIN.value, True
            row.password_hash, row.password_changed_at = hashed, utcnow()
            if row.person_id is None:
                row.person_id = uow.accounts.add_person(row.display_name).id
            uow.audit.add(
                actor=login, action="account_add", before=before,
                after={"login": login, "role": Role.ADMIN.value, "password": "задан"},
                comment="первый администратор",
            )
            return to_domain(row)

    # --- signing in ------------------------------------------------------------------------
    def sign_in(self, login: str, password: str, *, source: str = "app") -> User:
        """The user behind a login and password; ``SignInError`` (audited) otherwise."""
        login = login.strip()[:100]
        refusal: str | None = None
        with self.storage.write() as uow:
            wait = self._locked_for(uow, login)
            if wait is not None:
                uow.audit.add(actor=login, action=BLOCKED, comment=source)
                refusal = LOCKED.format(login=login, minutes=wait)
            else:
                row = uow.accounts.by_login(login)
                refusal = self._check_password(row, login, password)
                if refusal is None and row is not None:
                    if _hasher.check_needs_rehash(row.password_hash or ""):
                        row.password_hash = _hasher.hash(password)
                    uow.audit.add(actor=login, action=SIGNED_IN, comment=source)
                    return to_domain(row)
        if wait is None:  # a refused attempt counts (and is kept) even though sign-in fails
            with self.storage.write() as uow:
                uow.audit.add(actor=login, action=FAILED, comment=f"{source}: {refusal}")
        raise SignInError(refusal)

    def sign_in_token(self, token: str, *, source: str = "cli") -> User:
        with self.storage.write() as uow:
            row = uow.accounts.token_by_hash(token_sha256(token))
            user = uow.accounts.get(row.user_id) if row is not None else None
            if row is not None and row.revoked_at is None and user is not None and user.active:
                row.last_used_at = utcnow()
                uow.audit.add(actor=user.login, action=SIGNED_IN, comment=f"{source}: токен #{row.id}")
                return to_domain(user)
            actor = user.login if user is not None else "?"
        with self.storage.write() as uow:
            uow.audit.add(actor=actor, action=FAILED, comment=f"{source}: {BAD_TOKEN}")
        raise SignInError(BAD_TOKEN)

    def _check_password(self, row: AppUser | None, login: str, password: str) -> str | None:
        if row is None or not row.password_hash:
            _verify(_dummy(_hasher), password)  # the same time whether or not the login exists
            return WRONG if row is None else NO_PASSWORD.format(login=login)
        if not _verify(row.password_hash, password):
            return WRONG
        if not row.active:
            return DISABLED.format(login=login)
        return None

    def _locked_for(self, uow: UnitOfWork, login: str) -> int | None:
        """Minutes left when the login has had too many failures lately (since its last success)."""
        now = utcnow()
        since = now - WINDOW
        success = uow.accounts.last_success(login, SIGNED_IN)
        if success is not None and success > since:
            since = success
        failures = uow.accounts.failures_since(login, since, FAILED)
        if len(failures) < MAX_FAILURES:
            return None
        free_at = failures[-MAX_FAILURES] + WINDOW
        return max(1, int((free_at - now).total_seconds() // 60) + 1)


def _verify(hashed: str, password: str) -> bool:
    try:
        return _hasher.verify(hashed, password)
    except (VerificationError, InvalidHashError):
        return False
