"""What a worker does with one recording: fetch its audio, transcribe it, store the result once.

Runs in procrastinate's worker threads (one per concurrent job). Each thread borrows a loaded
``Transcriber`` from a small pool, so ``--concurrency N`` keeps N models and never loads one per job.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable

from qa_desk.asr import TranscribeOptions, Transcriber
from qa_desk.asr.errors import AsrError
from qa_desk.audio import AudioError
from qa_desk.jobs.queue import TransientError
from qa_desk.services import Services
from qa_desk.services.errors import DatabaseError
from qa_desk.services.recordings import RecordingUnavailable
from qa_desk.services.team_jobs import is_transient

log = logging.getLogger("qa_desk.worker")
PROGRESS_EVERY_S = 1.0


class TranscriptionFailed(RuntimeError):
    """The recording cannot be transcribed (damaged file, audio unavailable): not retried."""


class WorkerRuntime:
    def __init__(self, services: Services, options: TranscribeOptions, name: str, concurrency: int = 1) -> None:
        self.services = services
        self.options = options
        self.name = name
        self._pool: queue.Queue[Transcriber] = queue.Queue()
        self._made = 0
        self._size = max(1, concurrency)
        self._lock = threading.Lock()
        self.stored = 0

    # --- transcribers ----------------------------------------------------------------------
    def warm_up(self) -> Transcriber:
        """Load one model now, so a worker that cannot load it stops before taking any job."""
        transcriber = self._borrow()
        transcriber.load()
        self._pool.put(transcriber)
        return transcriber

    def _borrow(self) -> Transcriber:
        try:
            return self._pool.get_nowait()
        except queue.Empty:
            pass
        with self._lock:
            if self._made < self._size:
                self._made += 1
                return Transcriber(self.options)
        return self._pool.get()

    # --- one job ---------------------------------------------------------------------------
    def run(self, recording_id: int) -> str:
        try:
            return self._run(recording_id)
        except DatabaseError as exc:
            raise TransientError(str(exc)) from exc
        except Exception as exc:
            if is_transient(exc):
                raise TransientError(f"база данных недоступна: {exc}") from exc
            raise

    def _run(self, recording_id: int) -> str:
        work = self.services.worker
        if not work.begin(recording_id, self.name):
            return "already"
        try:
            path = self.services.recordings.local_path(recording_id)
        except RecordingUnavailable as exc:  # damaged in the store, or a folder this host lacks
            self._fail(recording_id, str(exc))
            raise TranscriptionFailed(str(exc)) from None
        except OSError as exc:
            raise TransientError(str(exc)) from exc
        started = time.monotonic()
        transcriber = self._borrow()
        try:
            result = transcriber.transcribe(path, on_progress=self._progress_writer(recording_id))
        except (AudioError, AsrError) as exc:
            self._fail(recording_id, " ".join(str(exc).split()))
            raise TranscriptionFailed(str(exc)) from None
        finally:
            self._pool.put(transcriber)
        if not work.finish(recording_id, result, self.options):
            log.info("запись #%s уже распознана другим обработчиком", recording_id)
            return "already"
        self.stored += 1
        deal, name = work.label(recording_id)
        log.info("распознана запись #%s «%s» (%s) за %.1f с", recording_id, name, deal, time.monotonic() - started)
        return "stored"

    def _progress_writer(self, recording_id: int) -> Callable[[float], None]:
        last = [time.monotonic()]

        def write(fraction: float) -> None:
            now = time.monotonic()
            if now - last[0] < PROGRESS_EVERY_S and fraction < 1.0:
                return
            last[0] = now
            try:
                self.services.worker.advance(recording_id, round(float(fraction), 3))
            except Exception as exc:  # noqa: BLE001 - progress is a courtesy; the result must be stored
                if not is_transient(exc):
                    raise

        return write

    def _fail(self, recording_id: int, error: str) -> None:
        self.services.worker.fail(recording_id, error)
        log.warning("запись #%s не распознана: %s", recording_id, error)

