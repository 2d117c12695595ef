"""Background transcription for the UI: a spawned worker process polled by a QTimer.

The UI thread never waits on the model or the database: it drains the worker's message queue
every few tens of milliseconds and hands each finished transcript to one writer thread, which has
a helper process (``services.ingest``) store it and refresh the deal's analysis (so the queue's
"reason unsupported" mark stays true); completion is reported back on the UI thread by the timer.
"""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor

from PySide6.QtCore import QObject, QTimer, Signal

from qa_desk.asr.messages import Done, Failed, Finished, Progress
from qa_desk.asr.options import TranscribeOptions
from qa_desk.asr.worker import WorkerHandle, start_worker, watch_parent
from qa_desk.domain.transcript import RecordingTranscript
from qa_desk.services import Services, ingest

POLL_MS = 40
CRASHED = "процесс распознавания неожиданно завершился"


class TranscriptionController(QObject):
    """Queues recordings, streams their progress, stores results as they complete."""

    progress = Signal(int, float)  # recording id, 0..1
    recording_done = Signal(int)
    recording_failed = Signal(int, str)
    queue_changed = Signal(int, int)  # done, total in this run
    idle = Signal()

    def __init__(
        self, services: Services, options: TranscribeOptions | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.options = options or services.transcription.options()
        self._handle: WorkerHandle | None = None
        self._queue: list[tuple[int, str]] = []
        self._running: set[int] = set()  # in the worker, not reported yet
        self._writing: set[int] = set()  # reported, being stored
        self._writes: list[tuple[Future[None], Callable[[], None]]] = []
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="qa-desk-db")
        # Stores and analyses in another process; the writer thread only waits on it.
        self._store_process = ProcessPoolExecutor(
            max_workers=1, mp_context=mp.get_context("spawn"), initializer=watch_parent
        )  # watch_parent: the helper exits with the app, however the app ends
        self._done = 0
        self._total = 0
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._drain)
        self.warmed = self._writer.submit(ingest.warm_up)  # the window itself lemmatizes search queries
        self._store_warm: Future[None] | None = None

    @property
    def busy(self) -> bool:
        return self._handle is not None or bool(self._writes)

    def pending_ids(self) -> set[int]:
        return {rid for rid, _ in self._queue} | self._running | self._writing

    def enqueue_deal(self, deal_id: int | None = None, *, retry_failed: bool = False) -> int:
        """Queue every readable, not yet transcribed recording of a deal (or of all deals).

        Recordings that already failed (damaged files) are left alone unless ``retry_failed``."""
        claimed = self.services.transcription.claim(
            self.options, deal_id=deal_id, exclude=self.pending_ids(), retry_failed=retry_failed
        )
        jobs = [(job.recording_id, job.path) for job in claimed]
        self._queue.extend(jobs)
        self._total += len(jobs)
        self.queue_changed.emit(self._done, self._total)
        if jobs and self._handle is None:
            self._start()
        return len(jobs)

    def _start(self) -> None:
        self.warm_store()  # while the worker decodes the first call
        jobs, self._queue = self._queue, []
        self._running = {rid for rid, _ in jobs}
        self._handle = start_worker([(str(rid), path) for rid, path in jobs], self.options, background=True)
        self._timer.start()

    def cancel(self) -> None:
        """Stop the worker without waiting for it; unfinished recordings go back to 'pending'."""
        handle, ids = self._handle, self.pending_ids()
        self._handle = None
        self._queue.clear()

        def stop() -> None:
            if handle is not None:
                handle.cancel()
            self.services.transcription.reset_interrupted(ids)

        self._writes.append((self._writer.submit(stop), lambda: None))
        self._running.clear()
        self._finish_run()
        self._timer.start()  # keep draining until the writer is done

    # --- the timer -------------------------------------------------------------------------
    def _drain(self) -> None:
        self._collect_writes()
        if self._handle is not None:
            for message in self._handle.poll(0):
                self._handle_message(message)
            if self._handle is not None and not self._handle.is_alive() and not self._running:
                self._after_worker()
        if self._handle is None and not self._writes and not self._queue:
            self._timer.stop()

    def _collect_writes(self) -> None:
        still: list[tuple[Future[None], Callable[[], None]]] = []
        for future, then in self._writes:
            if not future.done():
                still.append((future, then))
                continue
            then()
        self._writes = still

    def _handle_message(self, message: object) -> None:
        if isinstance(message, Progress):
            self.progress.emit(int(message.recording_key), float(message.fraction))
        elif isinstance(message, Done):
            rid = int(message.recording_key)
            self._write(rid, lambda: self._store(rid, message.transcript), lambda: self.recording_done.emit(rid))
        elif isinstance(message, Failed):
            rid, error = int(message.recording_key), message.error
            self._write(rid, lambda: self._fail(rid, error), lambda: self.recording_failed.emit(rid, error))
        elif isinstance(message, Finished):
            self._after_worker()

    def _write(self, rid: int, work: Callable[[], None], then: Callable[[], None]) -> None:
        """Run ``work`` on the writer thread; when it is done, count the recording and run ``then``."""

        self._running.discard(rid)
        self._writing.add(rid)

        def finished() -> None:
            self._writing.discard(rid)
            self._completed(rid)
            then()

        self._writes.append((self._writer.submit(work), finished))

    def warm_store(self) -> Future[None]:
        """Start the storing process and load its dictionaries and patterns, once: done at the first
        stored call, the loading (C code holding the interpreter lock for ~0.5 s) froze the window.
        Started with the first transcription run, so a window that never transcribes spawns nothing."""
        if self._store_warm is None:
            self._store_warm = self._store_process.submit(ingest.warm_up)
        return self._store_warm

    def _store(self, rid: int, transcript: RecordingTranscript) -> None:
        self._store_process.submit(ingest.store_transcript, self.services.url, rid, transcript, self.options).result()

    def _fail(self, rid: int, error: str) -> None:
        self._store_process.submit(ingest.store_failure, self.services.url, rid, error).result()

    def _completed(self, rid: int) -> None:
        if self._total:  # not after a cancel
            self._done += 1
            self.queue_changed.emit(self._done, self._total)

    def _after_worker(self) -> None:
        self._handle = None
        for rid in list(self._running):  # the worker died without reporting these
            self._write(rid, lambda rid=rid: self._fail(rid, CRASHED), lambda rid=rid: self.recording_failed.emit(rid, CRASHED))
        if self._queue:
            self._start()
        elif self._writes:
            self._writes.append((self._writer.submit(lambda: None), self._finish_run))
        else:
            self._finish_run()

    def _finish_run(self) -> None:
        if self._handle is not None:  # a new run started meanwhile
            return
        self._running.clear()
        self._done = self._total = 0
        self.idle.emit()

    def wait_idle(self, timeout_s: float = 600.0) -> bool:
        """Block until the queue is empty (scripts and tests; never called by the UI)."""
        import time

        from PySide6.QtCore import QCoreApplication

        deadline = time.monotonic() + timeout_s
        while self.busy and time.monotonic() < deadline:
            QCoreApplication.processEvents()
            time.sleep(0.01)
            self._drain()
        return not self.busy

    def shutdown(self) -> None:
        if self._handle is not None:
            self.cancel()
        self._writer.shutdown(wait=True)
        self._store_process.shutdown(wait=True)
