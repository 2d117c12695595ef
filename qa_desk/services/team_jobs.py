"""Team mode's transcription: recordings go on the department's job queue, workers do the rest.

On PostgreSQL the app never runs the model: ``TeamQueueService`` queues the recordings that need a
transcript (at import and when a deal is opened) and reads each one's progress back from the
database, where ``WorkerService`` (used by ``qa-desk worker``) writes it. On SQLite the app keeps
its in-process worker (``TranscriptionService``).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from qa_desk.asr.options import TranscribeOptions
from qa_desk.domain.transcript import RecordingTranscript
from qa_desk.services.analysis import refresh
from qa_desk.services.base import Service
from qa_desk.storage.job_progress import RecordingStatus, is_transient

if TYPE_CHECKING:
    from qa_desk.jobs.queue import QueueClient

__all__ = ["RecordingStatus", "TeamQueueService", "WorkerService", "is_transient"]


class TeamQueueService(Service):
    """What a workstation asks of the department's queue."""

    _client: QueueClient | None = None

    @property
    def uses_workers(self) -> bool:
        """True when transcription runs on the department's workers (a PostgreSQL database)."""
        return self.storage.db.dialect == "postgresql"

    def _queue(self) -> QueueClient:
        if self._client is None:
            from qa_desk.jobs.queue import QueueClient

            self._client = QueueClient(self.storage.url)
        return self._client

    def enqueue_pending(self, deal_id: int | None = None, *, retry_failed: bool = False) -> list[int]:
        """Queue the recordings (of one deal, or all) with no transcript that no worker has started;
        a recording already waiting is not queued twice. Returns the recordings now waiting."""
        with self.storage.read() as uow:
            ids = uow.progress.awaiting_worker(deal_id=deal_id, retry_failed=retry_failed)
        if ids:
            self._queue().enqueue(ids)
        return ids

    def unfinished(self, deal_id: int) -> list[int]:
        with self.storage.read() as uow:
            return uow.progress.unfinished(deal_id)

    def statuses(self, recording_ids: Collection[int]) -> dict[int, RecordingStatus]:
        with self.storage.read() as uow:
            return uow.progress.statuses(recording_ids)

    def labels(self, recording_ids: Collection[int]) -> dict[int, tuple[str, str]]:
        """recording id -> (deal's CRM id, file name)."""
        with self.storage.read() as uow:
            return uow.progress.labels(recording_ids)

    def active_workers(self, within_s: float = 60.0) -> int:
        with self.storage.read() as uow:
            return uow.progress.active_workers(within_s)

    def cancel(self, recording_ids: Collection[int]) -> int:
        """Take these recordings' still-waiting jobs off the queue (running ones finish)."""
        return self._queue().cancel(list(recording_ids)) if recording_ids else 0

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None


class WorkerService(Service):
    """What a ``qa-desk worker`` records about the recording it transcribes."""

    def begin(self, recording_id: int, worker: str) -> bool:
        """Take the recording; False when it already has a transcript (nothing to do)."""
        with self.storage.write() as uow:
            if uow.progress.has_transcript(recording_id):
                return False
            uow.progress.start(recording_id, worker)
            return True

    def advance(self, recording_id: int, fraction: float) -> None:
        with self.storage.write() as uow:
            uow.progress.advance(recording_id, fraction)

    def finish(self, recording_id: int, transcript: RecordingTranscript, options: TranscribeOptions) -> bool:
        """Store the transcript unless another worker stored one first; then refresh the deal's
        analysis (its own transaction: a failing analysis never loses the transcript)."""
        with self.storage.write() as uow:
            deal_id = uow.progress.store_once(
                recording_id, transcript, model=options.model, options_key=options.cache_key()
            )
        if deal_id is None:
            return False
        refresh(self.storage, deal_id)
        return True

    def fail(self, recording_id: int, error: str) -> None:
        with self.storage.write() as uow:
            uow.progress.fail(recording_id, error)

    def label(self, recording_id: int) -> tuple[str, str]:
        with self.storage.read() as uow:
            return uow.progress.labels([recording_id]).get(recording_id, ("—", f"#{recording_id}"))
