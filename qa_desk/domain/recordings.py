"""A recording's transcription state and where it came from: one enum each, used by every layer.

Both are ``StrEnum``: the database keeps the plain values (``"pending"``…), and a value read back
compares equal to its member.
"""

from __future__ import annotations

from enum import StrEnum


class RecordingState(StrEnum):
    PENDING = "pending"  # readable, waiting for the transcriber
    PROCESSING = "processing"  # queued in (or decoding by) a transcription worker
    DONE = "done"  # has a transcript
    FAILED = "failed"  # unreadable file or a failed decode; ``error`` says why

    @property
    def label(self) -> str:
        """Russian name for the UI."""
        return _LABELS[self]

    @property
    def waiting(self) -> bool:
        """Not transcribed yet, but will be (pending or in the queue)."""
        return self in WAITING_STATES


_LABELS: dict[RecordingState, str] = {
    RecordingState.PENDING: "не распознана",
    RecordingState.PROCESSING: "в очереди",
    RecordingState.DONE: "распознана",
    RecordingState.FAILED: "ошибка",
}

WAITING_STATES: frozenset[RecordingState] = frozenset({RecordingState.PENDING, RecordingState.PROCESSING})


class RecordingOrigin(StrEnum):
    CRM = "crm"  # imported with the deal: a manager's call
    CALLBACK = "callback"  # the QC verification call, recorded or attached in the app
