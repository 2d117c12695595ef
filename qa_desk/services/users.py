"""App users in the database, behind the domain ``IdentityProvider``.

Seeding (``UserService.sync``, called on every start by the UI and the CLI; cheap and idempotent):

* on first start (no users at all) three fixed users are created: the QC controller
  ``olga`` «Ольга Контролёрова», the head of sales ``head`` «Пётр Руководителев» and the
  administrator ``admin``;
* every ``Manager`` row without a user gets a manager user whose login is the local part of
  their e-mail, else the transliterated name («Иван Петров» → ``ivan.petrov``), so managers
  imported later can sign in too.
"""

from __future__ import annotations

import re

from qa_desk.domain import access
from qa_desk.domain.identity import IdentityError, LocalIdentity, User
from qa_desk.domain.roles import Role
from qa_desk.services.base import Service
from qa_desk.storage.models import AppUser, Manager
from qa_desk.storage.uow import UnitOfWork

DEFAULT_USERS: tuple[tuple[str, str, Role], ...] = (
    ("olga", "Ольга Контролёрова", Role.QC),
    ("head", "Пётр Руководителев", Role.HEAD_OF_SALES),
    ("admin", "Администратор", Role.ADMIN),
)
USERS_DENIED = access.USERS_DENIED

_TRANSLIT = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch - y - e yu ya".split(),
        strict=True,
    )
)


def login_for(name: str) -> str:
    """«Иван Петров» → ``ivan.petrov`` (ASCII, dots between words)."""
    out = "".join(_TRANSLIT.get(ch, ch) if ch in _TRANSLIT else ch for ch in name.casefold())
    out = out.replace("-", "")
    words = re.findall(r"[a-z0-9]+", out)
    return ".".join(words) or "user"


def _manager_login(manager: Manager) -> str:
    """The e-mail's local part when it is a plain login, else the transliterated name."""
    local = (manager.email or "").partition("@")[0].casefold()
    return local if re.fullmatch(r"[a-z0-9._-]{2,100}", local) else login_for(manager.name)


def to_domain(row: AppUser) -> User:
    return User(row.login, row.display_name, Role(row.role), row.manager_id)


def _unique_login(taken: set[str], wanted: str) -> str:
    login, n = wanted, 2
    while login in taken:
        login, n = f"{wanted}{n}", n + 1
    return login


def needs_seed(uow: UnitOfWork) -> bool:
    """No users yet, or a manager without a user (checked without taking the write lock)."""
    if not uow.users.any():
        return True
    linked = uow.users.linked_manager_ids()
    return any(m.id not in linked for m in uow.managers.all())


def seed(uow: UnitOfWork) -> None:
    """The default users on first start, and a user for every manager without one."""
    if not uow.users.any():
        for login, name, role in DEFAULT_USERS:
            uow.users.add(AppUser(login=login, display_name=name, role=role.value, active=True))
    linked = uow.users.linked_manager_ids()
    for manager in uow.managers.all():
        if manager.id not in linked:
            login = _unique_login(uow.users.logins(), _manager_login(manager))
            uow.users.add(
                AppUser(login=login, display_name=manager.name, role=Role.MANAGER.value, manager_id=manager.id)
            )


class UserService(Service):
    def sync(self) -> list[User]:
        """Seed the default users and one user per manager; return all active users.

        Called on every start, so it writes (and waits for the write lock) only when needed."""
        with self.storage.read() as uow:
            needed = needs_seed(uow)
        if needed:
            with self.storage.write() as uow:
                seed(uow)
        return self.active()

    def active(self) -> list[User]:
        with self.storage.read() as uow:
            return [to_domain(r) for r in uow.users.active()]

    def names(self) -> dict[str, str]:
        """login -> display name of every user."""
        with self.storage.read() as uow:
            return uow.users.names()

    def get(self, login: str) -> User:
        with self.storage.read() as uow:
            row = uow.users.by_login(login.strip())
            if row is None or not row.active:
                raise IdentityError(f"Пользователь «{login}» не найден")
            return to_domain(row)

    def local_identity(self, current: str | None = None) -> LocalIdentity:
        """A ``LocalIdentity`` over the database's users (seeded first), optionally with one chosen."""
        return LocalIdentity(self.sync(), current)

    def can_manage(self) -> access.Capability:
        return access.can_manage_users(self.actor)

    def add(self, login: str, display_name: str, role: Role, manager_name: str | None = None) -> User:
        """Admin adds a user; a manager user is linked to (or creates) the ``Manager`` of that name."""
        if not self.can_manage():
            raise IdentityError(USERS_DENIED)
        login = login.strip()
        if not re.fullmatch(r"[A-Za-z0-9._-]{1,100}", login):
            raise IdentityError(f"Логин «{login}»: только латинские буквы, цифры, точка, дефис и подчёркивание")
        with self.storage.write() as uow:
            if uow.users.by_login(login) is not None:
                raise IdentityError(f"Логин «{login}» уже занят")
            manager_id = None
            if Role(role) is Role.MANAGER:
                manager_id = uow.managers.get_or_create(manager_name or display_name).id
            row = uow.users.add(
                AppUser(login=login, display_name=display_name.strip(), role=Role(role).value, manager_id=manager_id)
            )
            after = {"login": row.login, "name": row.display_name, "role": row.role, "manager_id": manager_id}
            uow.audit.add(actor=self._user().id, action="user_add", after=after)
            return to_domain(row)
