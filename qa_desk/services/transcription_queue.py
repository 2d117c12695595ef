"""Team mode's transcription: recordings go on the department's job queue, workers do the rest.

On PostgreSQL the app never runs the model: it queues the recordings that need a transcript (at
import and when a deal is opened) and reads each one's progress back from the database, written
there by whichever ``qa-desk worker`` took it. On SQLite the app keeps its own in-process worker.
"""

from __future__ import annotations

from collections.abc import Collection

from qa_desk.storage import job_progress
from qa_desk.storage.db import Database
from qa_desk.storage.job_progress import RecordingStatus

__all__ = ["RecordingStatus", "TranscriptionQueue", "uses_workers"]


def uses_workers(db: Database) -> bool:
    """True when transcription runs on the department's workers (a PostgreSQL database)."""
    return db.dialect == "postgresql"


class TranscriptionQueue:
    def __init__(self, db: Database) -> None:
        from qa_desk.jobs.queue import QueueClient

        self.db = db
        self._client = QueueClient(db.url)

    def enqueue_pending(self, deal_id: int | None = None, *, retry_failed: bool = False) -> list[int]:
        """Queue the recordings (of one deal, or all) that have no transcript and no worker yet."""
        with self.db.session() as session:
            ids = job_progress.awaiting_worker(session, deal_id=deal_id, retry_failed=retry_failed)
        self._client.enqueue(ids)
        return ids

    def unfinished(self, deal_id: int) -> list[int]:
        with self.db.session() as session:
            return job_progress.unfinished(session, deal_id)

    def statuses(self, recording_ids: Collection[int]) -> dict[int, RecordingStatus]:
        with self.db.session() as session:
            return job_progress.statuses(session, recording_ids)

    def active_workers(self, within_s: float = 60.0) -> int:
        with self.db.session() as session:
            return job_progress.active_workers(session, within_s)

    def cancel(self, recording_ids: Collection[int]) -> int:
        """Take this workstation's still-waiting jobs off the queue (running ones finish)."""
        return self._client.cancel(list(recording_ids))

    def close(self) -> None:
        self._client.close()
