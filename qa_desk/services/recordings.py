"""Reaching a recording's audio from any host: playback and transcription go through here.

A use-case wrapper over ``storage.recording_store``: the UI, the CLI and the workers ask for a
recording by id and get a local, hash-checked file, or ``RecordingUnavailable`` with one Russian
line naming the recording.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from qa_desk.services.base import Service
from qa_desk.storage.recording_store import (
    RecordingIntegrityError,
    RecordingStore,
    RecordingUnavailable,
    StoreConfig,
)

__all__ = ["RecordingIntegrityError", "RecordingService", "RecordingUnavailable"]


class RecordingService(Service):
    @cached_property
    def store(self) -> RecordingStore:
        db = self.storage.db
        return RecordingStore(db, StoreConfig.from_settings(db.dialect, self.settings))

    @property
    def backend(self) -> str:
        """``database``, ``folder`` or ``files`` (where this host keeps newly imported audio)."""
        return self.store.config.backend

    def local_path(self, recording_id: int) -> Path:
        """A file with exactly this recording's audio; raises ``RecordingUnavailable``."""
        return self.store.local_path(recording_id)
