"""Reading and changing the settings (``qa_desk.config.Settings``); only an administrator changes them."""

from __future__ import annotations

from dataclasses import fields, replace
from pathlib import Path
from typing import Any

from qa_desk import config
from qa_desk.domain import access
from qa_desk.domain.access import Capability
from qa_desk.domain.identity import User
from qa_desk.storage.uow import Storage


class SettingsService:
    """The current settings (re-read on every call: the environment and the file may change)."""

    def __init__(self, actor: User | None = None, storage: Storage | None = None, path: Path | None = None) -> None:
        self.actor = actor
        self.storage = storage
        self.path = path

    def current(self) -> config.Settings:
        return config.load_settings(self.path)

    def overridden(self) -> dict[str, str]:
        """Settings the environment decides (field -> variable): shown, but not editable."""
        return config.overridden()

    def can_change(self) -> Capability:
        return access.can_change_settings(self.actor)

    def save(self, settings: config.Settings | None = None, **changes: Any) -> config.Settings:
        """Store ``settings`` (or the current ones with ``changes``); returns what is now in effect."""
        self.can_change().check()
        before = self.current()
        wanted = replace(settings or before, **changes)
        config.save_settings(wanted, self.path)
        after = self.current()
        if self.storage is not None and self.actor is not None and _shown(before) != _shown(after):
            with self.storage.write() as uow:
                uow.audit.add(actor=self.actor.id, action="settings", before=_shown(before), after=_shown(after))
        return after


def _shown(settings: config.Settings) -> dict[str, object]:
    """The settings as the audit log keeps them (JSON-ready)."""
    return {
        f.name: (list(v) if isinstance(v, tuple) else None if v is None else str(v) if not isinstance(v, str) else v)
        for f in fields(settings)
        for v in [getattr(settings, f.name)]
    }
