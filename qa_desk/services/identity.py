"""App users in the database, behind the domain ``IdentityProvider``.

Seeding (``sync_users``, called on every start by the UI and the CLI; cheap and idempotent):

* on first start (no users at all) three fixed users are created: the QC controller
  ``olga`` «Ольга Контролёрова», the head of sales ``head`` «Пётр Руководителев» and the
  administrator ``admin``;
* every ``Manager`` row without a user gets a manager user whose login is the local part of
  their e-mail, else the transliterated name («Иван Петров» → ``ivan.petrov``), so managers
  imported later can sign in too.
"""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from qa_desk.domain.identity import IdentityError, LocalIdentity, User
from qa_desk.domain.roles import SETTINGS_ROLES, Role
from qa_desk.storage.db import Database
from qa_desk.storage.models import AppUser, Manager

DEFAULT_USERS: tuple[tuple[str, str, Role], ...] = (
    ("olga", "Ольга Контролёрова", Role.QC),
    ("head", "Пётр Руководителев", Role.HEAD_OF_SALES),
    ("admin", "Администратор", Role.ADMIN),
)

_TRANSLIT = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch - y - e yu ya".split(),
        strict=True,
    )
)
USERS_DENIED = "Пользователями управляет только администратор"


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


def _unique_login(session: Session, wanted: str) -> str:
    taken = set(session.scalars(select(AppUser.login)))
    login, n = wanted, 2
    while login in taken:
        login, n = f"{wanted}{n}", n + 1
    return login


def sync_users_in(session: Session) -> None:
    if session.scalar(select(AppUser.id).limit(1)) is None:
        for login, name, role in DEFAULT_USERS:
            session.add(AppUser(login=login, display_name=name, role=role.value, active=True))
        session.flush()
    linked = set(session.scalars(select(AppUser.manager_id).where(AppUser.manager_id.is_not(None))))
    for manager in session.scalars(select(Manager).order_by(Manager.id)):
        if manager.id not in linked:
            login = _unique_login(session, _manager_login(manager))
            session.add(
                AppUser(
                    login=login, display_name=manager.name, role=Role.MANAGER.value, manager_id=manager.id
                )
            )
            session.flush()


def sync_users(db: Database) -> list[User]:
    """Seed the default users and one user per manager; return all active users."""
    with db.session() as session:
        sync_users_in(session)
    return list_users(db)


def list_users(db: Database) -> list[User]:
    with db.session() as session:
        rows = session.scalars(select(AppUser).where(AppUser.active.is_(True)).order_by(AppUser.id))
        return [to_domain(r) for r in rows]


def get_user(db: Database, login: str) -> User:
    with db.session() as session:
        row = session.scalar(select(AppUser).where(AppUser.login == login.strip()))
        if row is None or not row.active:
            raise IdentityError(f"Пользователь «{login}» не найден")
        return to_domain(row)


def local_identity(db: Database, current: str | None = None) -> LocalIdentity:
    """A ``LocalIdentity`` over the database's users (seeded first), optionally with one chosen."""
    return LocalIdentity(sync_users(db), current)


def add_user(
    db: Database, actor: User, login: str, display_name: str, role: Role, manager_name: str | None = None
) -> User:
    """Admin adds a user; a manager user is linked to (or creates) the ``Manager`` of that name."""
    from qa_desk.storage import repositories as repo

    if actor.role not in SETTINGS_ROLES:
        raise IdentityError(USERS_DENIED)
    login = login.strip()
    if not re.fullmatch(r"[A-Za-z0-9._-]{1,100}", login):
        raise IdentityError(f"Логин «{login}»: только латинские буквы, цифры, точка, дефис и подчёркивание")
    with db.session() as session:
        if session.scalar(select(AppUser.id).where(AppUser.login == login)) is not None:
            raise IdentityError(f"Логин «{login}» уже занят")
        manager_id = None
        if Role(role) is Role.MANAGER:
            manager_id = repo.get_or_create_manager(session, manager_name or display_name).id
        row = AppUser(
            login=login, display_name=display_name.strip(), role=Role(role).value, manager_id=manager_id
        )
        session.add(row)
        session.flush()
        return to_domain(row)
