"""What every service shares: its storage, the acting user and the settings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from qa_desk.domain.access import require_user
from qa_desk.domain.identity import User
from qa_desk.services.errors import DealNotFoundError
from qa_desk.storage.models import Deal
from qa_desk.storage.uow import Storage, UnitOfWork

if TYPE_CHECKING:
    from qa_desk.config import Settings
    from qa_desk.services.settings import SettingsService


class Service:
    """A use-case object. Each public method is one transaction, opened through ``storage``.

    ``actor`` is the person acting (``None``: nobody signed in, which may read but not write).
    Authorisation is checked inside the methods, for reads as well as writes.
    """

    def __init__(self, storage: Storage, actor: User | None, settings: SettingsService) -> None:
        self.storage = storage
        self.actor = actor
        self._settings = settings

    @property
    def settings(self) -> Settings:
        return self._settings.current()

    def _user(self) -> User:
        """The acting person of a write (``AccessDenied`` without one)."""
        return require_user(self.actor)


def require_deal(uow: UnitOfWork, deal_ref: int | str, *, lock: bool = False) -> Deal:
    deal = uow.deals.get(deal_ref, lock=lock)
    if deal is None:
        raise DealNotFoundError(f"Сделка «{deal_ref}» не найдена")
    return deal


def lock_deal(uow: UnitOfWork, deal_ref: int | str) -> Deal:
    """The deal a workflow action decides on, locked until its transaction ends.

    The locking rule: every action that changes a deal opens ``storage.write()`` and starts
    here, then reads everything it decides on and writes inside that one transaction, so no
    other writer can interleave (see ``storage.uow``).
    """
    return require_deal(uow, deal_ref, lock=True)
