"""Who is using the app, behind one interface.

Today ``LocalIdentity`` lets the user pick themselves from a list at start; a team
sign-in later only has to implement ``IdentityProvider``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from qa_desk.domain.roles import Role


@dataclass(frozen=True, slots=True)
class User:
    """An app user.

    ``id`` is the stable login. ``manager_id`` links a user to the storage ``Manager`` row
    they sell as (deals point at managers, not at users); ``None`` for people who do not sell.
    """

    id: str
    display_name: str
    role: Role
    manager_id: int | None = None


class IdentityError(LookupError):
    """No user chosen, or an unknown login."""


@runtime_checkable
class IdentityProvider(Protocol):
    def current_user(self) -> User: ...


class LocalIdentity:
    """Single-seat identity: a fixed list of users, one chosen at start."""

    def __init__(self, users: Iterable[User], current_id: str | None = None) -> None:
        self._users: dict[str, User] = {}
        for user in users:
            if user.id in self._users:
                raise IdentityError(f"Логин «{user.id}» встречается дважды")
            self._users[user.id] = user
        self._current: User | None = None
        if current_id is not None:
            self.choose(current_id)

    def users(self) -> tuple[User, ...]:
        return tuple(self._users.values())

    def choose(self, user_id: str) -> User:
        try:
            self._current = self._users[user_id]
        except KeyError:
            raise IdentityError(f"Пользователь «{user_id}» не найден") from None
        return self._current

    def current_user(self) -> User:
        if self._current is None:
            raise IdentityError("Пользователь не выбран: выберите себя при запуске")
        return self._current
