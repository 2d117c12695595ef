"""Administrators manage logins: add, set a role, reset a password, disable or enable, issue and
revoke personal API tokens. Every change is audited; nothing is deleted, so a disabled user's
history keeps their name.

A login belongs to a person. Every login of one person carries that person's ``manager_id``, so a
seller given a QC login still cannot review their own deals (``access.can_review`` compares the
deal's manager with the acting user's). A new login whose name matches an existing one must say
whether it is the same person or another.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from qa_desk.domain import access
from qa_desk.domain.identity import IdentityError, User
from qa_desk.domain.roles import Role
from qa_desk.services.auth import SignInError, hash_password, new_token, token_sha256
from qa_desk.services.base import Service
from qa_desk.services.users import to_domain
from qa_desk.storage.models import AppUser, utcnow
from qa_desk.storage.team_models import ApiToken
from qa_desk.storage.uow import UnitOfWork

LAST_ADMIN = "Нельзя отключить или понизить последнего администратора"
SAME_NAME = (
    "Пользователь с именем «{name}» уже есть ({logins}): укажите, тот же ли это человек "
    "(--same-person-as ЛОГИН) или другой (--new-person)"
)


def check_login(login: str) -> str:
    login = login.strip()
    if not re.fullmatch(r"[A-Za-z0-9._-]{1,100}", login):
        raise IdentityError(f"Логин «{login}»: только латинские буквы, цифры, точка, дефис и подчёркивание")
    return login


@dataclass(frozen=True, slots=True)
class Account:
    login: str
    display_name: str
    role: Role
    active: bool
    has_password: bool
    manager_id: int | None
    same_person: tuple[str, ...]  # the person's other logins
    tokens: int  # active API tokens


@dataclass(frozen=True, slots=True)
class TokenInfo:
    id: int
    login: str
    label: str
    issued_by: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class AccountService(Service):
    def can_manage(self) -> access.Capability:
        return access.can_manage_users(self.actor)

    def _admin(self) -> User:
        self.can_manage().check()
        return self._user()

    def all(self) -> list[Account]:
        self.can_manage().check()
        with self.storage.read() as uow:
            rows = uow.accounts.all()
            tokens = [t for t in uow.accounts.tokens() if t.revoked_at is None]
            out = []
            for row in rows:
                others = [u.login for u in uow.accounts.of_person(row.person_id)] if row.person_id else []
                out.append(
                    Account(
                        row.login, row.display_name, Role(row.role), row.active, bool(row.password_hash),
                        row.manager_id, tuple(o for o in others if o != row.login),
                        sum(1 for t in tokens if t.user_id == row.id),
                    )
                )
            return out

    def add(
        self,
        login: str,
        display_name: str,
        role: Role,
        *,
        password: str | None = None,
        manager_name: str | None = None,
        same_person_as: str | None = None,
        new_person: bool = False,
    ) -> User:
        """A new login; a manager login is linked to (or creates) the ``Manager`` of that name."""
        admin = self._admin()
        login, role, display_name = check_login(login), Role(role), display_name.strip()
        hashed = hash_password(password) if password is not None else None
        with self.storage.write() as uow:
            if uow.accounts.by_login(login) is not None:
                raise IdentityError(f"Логин «{login}» уже занят")
            person_id, manager_id = self._person_for(uow, display_name, same_person_as, new_person)
            if role is Role.MANAGER:
                own = uow.managers.get_or_create(manager_name or display_name).id
                if manager_id is not None and manager_id != own:
                    raise IdentityError("У этого человека уже есть другая карточка менеджера")
                manager_id = own
                for other in uow.accounts.of_person(person_id):
                    other.manager_id = own  # every login of the person is this seller
            row = uow.users.add(
                AppUser(login=login, display_name=display_name, role=role.value, manager_id=manager_id,
                        person_id=person_id, password_hash=hashed, password_changed_at=utcnow() if hashed else None)
            )
            after = {"login": login, "role": role.value, "display_name": display_name,
                     "password": "задан" if hashed else "нет", "same_person": same_person_as}
            uow.audit.add(actor=admin.id, action="account_add", after=after)
            return to_domain(row)

    def _person_for(
        self, uow: UnitOfWork, name: str, same_as: str | None, new_person: bool
    ) -> tuple[int, int | None]:
        if same_as:
            other = uow.accounts.by_login(same_as.strip())
            if other is None:
                raise IdentityError(f"Пользователь «{same_as}» не найден")
            if other.person_id is None:
                other.person_id = uow.accounts.add_person(other.display_name).id
            return other.person_id, other.manager_id
        namesakes = uow.accounts.named(name)
        if namesakes and not new_person:
            raise IdentityError(SAME_NAME.format(name=name, logins=", ".join(u.login for u in namesakes)))
        return uow.accounts.add_person(name).id, None

    def set_role(self, login: str, role: Role) -> None:
        admin, role = self._admin(), Role(role)
        with self.storage.write() as uow:
            row = _row(uow, login)
            if row.role == Role.ADMIN.value and role is not Role.ADMIN:
                _keep_an_admin(uow, row)
            if role is Role.MANAGER and row.manager_id is None:
                row.manager_id = uow.managers.get_or_create(row.display_name).id
            before = {"role": row.role}
            row.role = role.value
            uow.audit.add(actor=admin.id, action="account_role", before=before, after={"login": login, "role": role.value})

    def reset_password(self, login: str, password: str) -> None:
        admin = self._admin()
        hashed = hash_password(password)
        with self.storage.write() as uow:
            row = _row(uow, login)
            row.password_hash, row.password_changed_at = hashed, utcnow()
            uow.audit.add(actor=admin.id, action="account_password", after={"login": login, "password": "новый"})

    def set_active(self, login: str, active: bool) -> None:
        """Disable (or enable again) a login; its tokens stop working while it is disabled."""
        admin = self._admin()
        with self.storage.write() as uow:
            row = _row(uow, login)
            if not active and row.role == Role.ADMIN.value:
                _keep_an_admin(uow, row)
            before = {"active": row.active}
            row.active = active
            action = "account_enable" if active else "account_disable"
            uow.audit.add(actor=admin.id, action=action, before=before, after={"login": login, "active": active})

    # --- personal API tokens ---------------------------------------------------------------
    def issue_token(self, login: str, label: str = "") -> tuple[int, str]:
        """A new token for ``login``; the token itself is returned once and stored only hashed."""
        admin = self._admin()
        token = new_token()
        with self.storage.write() as uow:
            row = _row(uow, login)
            if not row.active:
                raise SignInError(f"Учётная запись «{login}» отключена: токен не выдаётся")
            saved = uow.accounts.add_token(
                ApiToken(user_id=row.id, token_sha256=token_sha256(token), label=label.strip(), issued_by=admin.id)
            )
            uow.audit.add(actor=admin.id, action="token_issue", after={"login": login, "token": saved.id, "label": label})
            return saved.id, token

    def revoke_token(self, token_id: int) -> None:
        admin = self._admin()
        with self.storage.write() as uow:
            token = uow.accounts.token(token_id)
            if token is None:
                raise IdentityError(f"Токен #{token_id} не найден")
            if token.revoked_at is None:
                token.revoked_at = utcnow()
                owner = uow.accounts.get(token.user_id)
                uow.audit.add(actor=admin.id, action="token_revoke",
                              after={"login": owner.login if owner else "?", "token": token_id})

    def tokens(self, login: str | None = None) -> list[TokenInfo]:
        self.can_manage().check()
        with self.storage.read() as uow:
            user_id = _row(uow, login).id if login else None
            logins = {u.id: u.login for u in uow.accounts.all()}
            return [
                TokenInfo(t.id, logins.get(t.user_id, "?"), t.label, t.issued_by, t.created_at, t.last_used_at, t.revoked_at)
                for t in uow.accounts.tokens(user_id)
            ]


def _row(uow: UnitOfWork, login: str | None) -> AppUser:
    row = uow.accounts.by_login((login or "").strip())
    if row is None:
        raise IdentityError(f"Пользователь «{login}» не найден")
    return row


def _keep_an_admin(uow: UnitOfWork, leaving: AppUser) -> None:
    admins = [u for u in uow.accounts.all() if u.role == Role.ADMIN.value and u.active and u.id != leaving.id]
    if not admins:
        raise IdentityError(LAST_ADMIN)
