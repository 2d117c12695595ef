"""Knowing when another workstation changed something: pushed by PostgreSQL (LISTEN/NOTIFY), or
polled through a change marker on SQLite."""

from __future__ import annotations

import threading
from collections.abc import Callable

from qa_desk.services.base import Service
from qa_desk.storage import notifications


class ChangeService(Service):
    @property
    def pushed(self) -> bool:
        """True when the database tells us (PostgreSQL); else poll ``marker``."""
        return self.storage.db.dialect == "postgresql"

    def marker(self) -> tuple[object, ...]:
        with self.storage.read() as uow:
            return notifications.marker(uow.session)

    def listen(self, on_change: Callable[[str], None], stop: threading.Event) -> None:
        """Blocks, calling ``on_change(deal id)`` per notice, until ``stop`` is set (run it in a thread)."""
        notifications.listen(self.storage.url, on_change, stop)
