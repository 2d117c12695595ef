"""Background transcription for the UI: a spawned worker process polled by a QTimer.

The UI thread never waits on the model: it only drains the worker's message queue
every few tens of milliseconds and writes finished transcripts to the database.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from qa_desk.asr.messages import Done, Failed, Finished, Progress
from qa_desk.asr.options import TranscribeOptions
from qa_desk.asr.worker import WorkerHandle, start_worker
from qa_desk.storage import recordings as rec_store
from qa_desk.storage.db import Database
from qa_desk.storage.models import Recording

POLL_MS = 40


class TranscriptionController(QObject):
    """Queues recordings, streams their progress, stores results as they complete."""

    progress = Signal(int, float)  # recording id, 0..1
    recording_done = Signal(int)
    recording_failed = Signal(int, str)
    queue_changed = Signal(int, int)  # done, total in this run
    idle = Signal()

    def __init__(self, db: Database, options: TranscribeOptions | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.db = db
        self.options = options or TranscribeOptions()
        self._handle: WorkerHandle | None = None
        self._queue: list[tuple[int, str]] = []
        self._running: set[int] = set()
        self._done = 0
        self._total = 0
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._drain)

    @property
    def busy(self) -> bool:
        return self._handle is not None

    def pending_ids(self) -> set[int]:
        return {rid for rid, _ in self._queue} | self._running

    def enqueue_deal(self, deal_id: int | None = None) -> int:
        """Queue every readable, not yet transcribed recording of a deal (or of all deals)."""
        with self.db.session() as session:
            rows = rec_store.recordings_to_transcribe(
                session, deal_id=deal_id, model=self.options.model, options_key=self.options.cache_key()
            )
            jobs = [(r.id, r.path) for r in rows if r.id not in self.pending_ids()]
            for rid, _ in jobs:
                rec_store.mark_processing(session, rid)
        self._queue.extend(jobs)
        self._total += len(jobs)
        self.queue_changed.emit(self._done, self._total)
        if jobs and self._handle is None:
            self._start()
        return len(jobs)

    def _start(self) -> None:
        jobs, self._queue = self._queue, []
        self._running = {rid for rid, _ in jobs}
        self._handle = start_worker([(str(rid), path) for rid, path in jobs], self.options)
        self._timer.start()

    def cancel(self) -> None:
        """Stop the worker; unfinished recordings go back to 'pending'."""
        if self._handle is not None:
            self._handle.cancel()
        with self.db.session() as session:
            for rid in self.pending_ids():
                recording = session.get(Recording, rid)
                if recording is not None and recording.state == rec_store.PROCESSING:
                    recording.state = rec_store.PENDING
        self._queue.clear()
        self._finish_run()

    def _drain(self) -> None:
        if self._handle is None:
            return
        for message in self._handle.poll(0):
            self._handle_message(message)
        if self._handle is not None and not self._handle.is_alive() and not self._running:
            self._after_worker()

    def _handle_message(self, message: object) -> None:
        if isinstance(message, Progress):
            self.progress.emit(int(message.recording_key), float(message.fraction))
        elif isinstance(message, Done):
            rid = int(message.recording_key)
            with self.db.session() as session:
                rec_store.store_result(
                    session,
                    rid,
                    message.transcript,
                    model=self.options.model,
                    options_key=self.options.cache_key(),
                )
            self._completed(rid)
            self.recording_done.emit(rid)
        elif isinstance(message, Failed):
            rid = int(message.recording_key)
            with self.db.session() as session:
                rec_store.mark_failed(session, rid, message.error)
            self._completed(rid)
            self.recording_failed.emit(rid, message.error)
        elif isinstance(message, Finished):
            self._after_worker()

    def _completed(self, rid: int) -> None:
        self._running.discard(rid)
        self._done += 1
        self.queue_changed.emit(self._done, self._total)

    def _after_worker(self) -> None:
        self._handle = None
        if self._running:  # the worker died without reporting these
            with self.db.session() as session:
                for rid in self._running:
                    rec_store.mark_failed(session, rid, "процесс распознавания неожиданно завершился")
                    self.recording_failed.emit(rid, "процесс распознавания неожиданно завершился")
            self._running.clear()
        if self._queue:
            self._start()
        else:
            self._finish_run()

    def _finish_run(self) -> None:
        self._timer.stop()
        self._handle = None
        self._running.clear()
        self._done = self._total = 0
        self.idle.emit()

    def shutdown(self) -> None:
        if self._handle is not None:
            self.cancel()
