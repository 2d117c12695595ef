"""Managers (who deals belong to, with their pay) and app users (who signs in)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from qa_desk.storage import repositories as repo
from qa_desk.storage.models import AppUser, Manager


class ManagerRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, manager_id: int | None, *, lock: bool = False) -> Manager | None:
        """The manager (``lock``: the row is locked until the transaction ends, for a pay change)."""
        if manager_id is None:
            return None
        return self.session.get(Manager, manager_id, with_for_update=lock or None)

    def name(self, manager_id: int | None) -> str | None:
        manager = self.get(manager_id)
        return manager.name if manager is not None else None

    def active(self) -> Sequence[Manager]:
        return self.session.scalars(select(Manager).where(Manager.active.is_(True)).order_by(Manager.name)).all()

    def all(self) -> Sequence[Manager]:
        return self.session.scalars(select(Manager).order_by(Manager.id)).all()

    def names(self) -> dict[int, str]:
        return {i: n for i, n in self.session.execute(select(Manager.id, Manager.name))}

    def by_name(self, name: str) -> Manager | None:
        """Case-insensitive (Python's casefold, so Cyrillic matches on every database)."""
        key = name.strip().casefold()
        return next((m for m in self.session.scalars(select(Manager)) if m.name.casefold() == key), None)

    def get_or_create(self, name: str, email: str | None = None, salary: Decimal | None = None) -> Manager:
        return repo.get_or_create_manager(self.session, name, email, salary)


class UserRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def any(self) -> bool:
        return self.session.scalar(select(AppUser.id).limit(1)) is not None

    def logins(self) -> set[str]:
        return set(self.session.scalars(select(AppUser.login)))

    def by_login(self, login: str) -> AppUser | None:
        return self.session.scalar(select(AppUser).where(AppUser.login == login))

    def active(self) -> Sequence[AppUser]:
        return self.session.scalars(select(AppUser).where(AppUser.active.is_(True)).order_by(AppUser.id)).all()

    def names(self) -> dict[str, str]:
        """login -> display name, every user (a disabled user's history keeps their name)."""
        return {k: n for k, n in self.session.execute(select(AppUser.login, AppUser.display_name))}

    def linked_manager_ids(self) -> set[int]:
        return set(self.session.scalars(select(AppUser.manager_id).where(AppUser.manager_id.is_not(None))))

    def manager_of_login(self, login: str) -> int | None:
        return self.session.scalar(
            select(AppUser.manager_id).where(AppUser.login == login, AppUser.manager_id.is_not(None))
        )

    def add(self, user: AppUser) -> AppUser:
        self.session.add(user)
        self.session.flush()
        return user
