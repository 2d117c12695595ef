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
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from qa_desk.asr import TranscribeOptions, Transcriber
from qa_desk.asr.errors import AsrError
from qa_desk.audio import AudioError
from qa_desk.jobs.queue import TransientError
from qa_desk.services.recordings import RecordingAudio, RecordingIntegrityError, RecordingUnavailable
from qa_desk.storage import job_progress
from qa_desk.storage import recordings as rec_store
from qa_desk.storage.db import Database
from qa_desk.storage.recording_store import StoreConfigError

log = logging.getLogger("qa_desk.worker")
PROGRESS_EVERY_S = 1.0


class TranscriptionFailed(RuntimeError):
    """The recording cannot be transcribed (damaged file, audio unavailable): not retried."""


class WorkerRuntime:
    def __init__(self, db: Database, options: TranscribeOptions, name: str, concurrency: int = 1) -> None:
        self.db = db
        self.options = options
        self.name = name
        self.audio = RecordingAudio(db)
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
        except DBAPIError as exc:
            raise TransientError(f"база данных недоступна: {exc.orig or exc}") from exc

    def _run(self, recording_id: int) -> str:
        with self.db.session() as session:
            if job_progress.has_transcript(session, recording_id):
                return "already"
            job_progress.start(session, recording_id, self.name)
        try:
            path = self.audio.local_path(recording_id)
        except (RecordingIntegrityError, StoreConfigError) as exc:
            self._fail(recording_id, str(exc))
            raise TranscriptionFailed(str(exc)) from None
        except RecordingUnavailable as exc:
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
        with self.db.session() as session:
            stored = job_progress.store_once(
                session, recording_id, result, model=self.options.model, options_key=self.options.cache_key()
            )
        if not stored:
            log.info("запись #%s уже распознана другим обработчиком", recording_id)
            return "already"
        self.stored += 1
        self._refresh_analysis(recording_id)
        with self.db.session() as session:
            deal, name = job_progress.labels(session, [recording_id]).get(recording_id, ("—", Path(path).name))
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
                with self.db.session() as session:
                    job_progress.advance(session, recording_id, round(float(fraction), 3))
            except DBAPIError:
                pass  # progress is a courtesy; the result is what must be stored

        return write

    def _fail(self, recording_id: int, error: str) -> None:
        with self.db.session() as session:
            rec_store.mark_failed(session, recording_id, error)
            job_progress.clear(session, recording_id)
        log.warning("запись #%s не распознана: %s", recording_id, error)

    def _refresh_analysis(self, recording_id: int) -> None:
        """Recompute the deal's analysis so the queue's "reason unsupported" mark stays true."""
        from qa_desk.services.ingest import refresh_analysis

        try:
            refresh_analysis(self.db.url, recording_id)
        except DBAPIError as exc:  # the transcript is stored; the analysis is recomputed on opening
            log.warning("анализ сделки не обновлён: %s", exc)
