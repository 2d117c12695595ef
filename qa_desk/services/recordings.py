"""Reaching a recording's audio from any host: playback and transcription go through here.

A thin use-case wrapper over ``storage.recording_store``: the UI, the CLI and the workers ask for a
recording by id and get a local, hash-checked file, or ``RecordingUnavailable`` with one Russian
line naming the recording.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from qa_desk.storage import recordings as rec_store
from qa_desk.storage.db import Database
from qa_desk.storage.recording_store import (
    RecordingIntegrityError,
    RecordingStore,
    RecordingUnavailable,
    StoreConfig,
)

__all__ = ["RecordingAudio", "RecordingIntegrityError", "RecordingUnavailable"]


class RecordingAudio:
    """Local files for recordings, fetched from the shared store (and cached) when needed."""

    def __init__(self, db: Database, store_config: StoreConfig | None = None) -> None:
        self._store = RecordingStore(db, store_config)

    @property
    def backend(self) -> str:
        return self._store.config.backend

    def local_path(self, recording_id: int) -> Path:
        """A file with exactly this recording's audio; raises ``RecordingUnavailable``."""
        return self._store.local_path(recording_id)


def claim_for_local_transcription(
    db: Database,
    audio: RecordingAudio,
    *,
    deal_id: int | None,
    model: str,
    options_key: str,
    exclude: Collection[int] = (),
    retry_failed: bool = False,
) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """The single-seat (SQLite) queue: recordings to transcribe here, each with a verified local
    file, marked 'processing'; and those whose audio cannot be had, marked failed with the reason.

    Returns ``(jobs, failures)`` as ``(recording id, path)`` and ``(recording id, message)``.
    """
    with db.session() as session:
        rows = rec_store.recordings_to_transcribe(session, deal_id=deal_id, model=model, options_key=options_key)
        wanted = [r.id for r in rows if r.id not in exclude and (retry_failed or r.state != rec_store.FAILED)]
    jobs: list[tuple[int, str]] = []
    failures: list[tuple[int, str]] = []
    for rid in wanted:
        try:
            jobs.append((rid, str(audio.local_path(rid))))
        except RecordingUnavailable as exc:
            failures.append((rid, str(exc)))
    with db.session() as session:
        for rid, _ in jobs:
            rec_store.mark_processing(session, rid)
        for rid, error in failures:
            rec_store.mark_failed(session, rid, error)
    return jobs, failures
