"""Team mode's transcription in the window: recordings go on the department's queue, the progress
and the results come back from the database, written by ``qa-desk worker`` on other hosts.

Same signals and methods as ``TranscriptionController`` (the single-seat, in-process one), so the
main window does not care which it has. Polling runs on a helper thread (the UI thread only reads
finished futures on a timer); queueing waits for its few short statements.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor

from PySide6.QtCore import QObject, QTimer, Signal

from qa_desk.domain.recordings import RecordingState
from qa_desk.services import Services
from qa_desk.services.team_jobs import RecordingStatus
from qa_desk.ui.transcription import TranscriptionEvents, wait_while

POLL_MS = 1500
NO_WORKER = "Записи в очереди отдела, но ни один обработчик распознавания не на связи (qa-desk worker)"


class TeamTranscriptionController(TranscriptionEvents):
    notice = Signal(str)  # e.g. no worker is running

    def __init__(self, services: Services, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.queue = services.team_queue
        self._watched: set[int] = set()
        self._done = 0
        self._total = 0
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="qa-desk-team-queue")
        self._poll: Future[tuple[dict[int, RecordingStatus], int]] | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._tick)
        self._warned = False

    @property
    def busy(self) -> bool:
        return bool(self._watched)

    def pending_ids(self) -> set[int]:
        return set(self._watched)

    def enqueue_deal(self, deal_id: int | None = None, *, retry_failed: bool = False) -> int:
        """Queue the deal's (or every) recording without a transcript; watch the deal's unfinished
        ones, whoever queued them. Returns how many are waiting for a worker."""
        queued = self._pool.submit(self.queue.enqueue_pending, deal_id, retry_failed=retry_failed).result()
        watch = set(queued)
        if deal_id is not None:
            watch |= set(self._pool.submit(self.queue.unfinished, deal_id).result())
        new = watch - self._watched
        self._watched |= new
        self._total += len(new)
        if self._watched:
            self.queue_changed.emit(self._done, self._total)
            self._timer.start()
        return len(queued)

    def cancel(self) -> None:
        """Take this window's waiting jobs off the queue; ones a worker has started finish."""
        ids = set(self._watched)
        self._pool.submit(self.queue.cancel, ids)
        self._watched.clear()
        self._finish()

    def _tick(self) -> None:
        if self._poll is None:
            ids = set(self._watched)
            self._poll = self._pool.submit(lambda: (self.queue.statuses(ids), self.queue.active_workers()))
            return
        if not self._poll.done():
            return
        future, self._poll = self._poll, None
        try:
            statuses, workers = future.result()
        except Exception as exc:  # noqa: BLE001 - the database blinked: say so, try again next tick
            self.notice.emit(f"Нет связи с базой: {exc}")
            return
        if workers == 0 and self._watched and not self._warned:
            self._warned = True
            self.notice.emit(NO_WORKER)
        for rid, status in statuses.items():
            if rid not in self._watched:
                continue
            if status.state == RecordingState.DONE:
                self._completed(rid)
                self.recording_done.emit(rid)
            elif status.state == RecordingState.FAILED:
                self._completed(rid)
                self.recording_failed.emit(rid, status.error or "не распознана")
            elif status.fraction is not None:
                self.progress.emit(rid, float(status.fraction))
        if not self._watched:
            self._finish()

    def _completed(self, rid: int) -> None:
        self._watched.discard(rid)
        self._done += 1
        self.queue_changed.emit(self._done, self._total)

    def _finish(self) -> None:
        self._timer.stop()
        self._done = self._total = 0
        self._warned = False
        self.idle.emit()

    def wait_idle(self, timeout_s: float = 600.0) -> bool:
        """Block until every watched recording is done (scripts and tests; never the UI)."""
        return wait_while(lambda: self.busy, self._tick, timeout_s, pause_s=0.05)

    def shutdown(self) -> None:
        self._timer.stop()
        self._pool.shutdown(wait=True)
        self.queue.close()
