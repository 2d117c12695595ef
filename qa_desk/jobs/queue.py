"""The team's job queue on procrastinate (a PostgreSQL job queue): the tasks and the client.

* Transcription: one job per recording. The job's ``queueing_lock`` keeps a second copy from
  being queued while one waits, and its ``lock`` keeps two workers from running the same
  recording at once. The worker (``qa_desk.jobs.worker``) supplies the runtime that does the work
  through the job context.
* The CRM's scheduled sync (``services.crm_jobs.scheduled_sync``): a periodic task every
  ``crm_sync_minutes``, on its own queue, registered by workers whose settings name the login it
  acts as (``crm_sync_login``). procrastinate defers each tick once however many workers run; the
  queueing lock skips a tick while the last run still waits, the lock keeps two runs apart.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from procrastinate import App, JobContext, PsycopgConnector, RetryStrategy, SyncPsycopgConnector
from procrastinate.exceptions import AlreadyEnqueued
from sqlalchemy.engine import make_url

TASK = "qa_desk.transcribe_recording"
QUEUE = "transcription"
RUNTIME_KEY = "qa_desk_runtime"
CRM_TASK = "qa_desk.crm_sync"
CRM_QUEUE = "crm"
CRM_LOCK = "qa-desk:crm-sync"
CRM_KEY = "qa_desk_crm_sync"  # the job context's callable that runs one sync


class TransientError(RuntimeError):
    """A failure worth another try later (the database went away, a shared folder blinked)."""


class Runtime(Protocol):
    def run(self, recording_id: int) -> str: ...


# Retried: transient errors only. A file that cannot be decoded fails at once (the recording keeps
# the reason); a worker that dies mid-job is handled by stalled-job recovery, not by this.
RETRY = RetryStrategy(max_attempts=5, wait=10, linear_wait=10, retry_exceptions={TransientError})

def transcribe_recording(context: JobContext, recording_id: int) -> str:
    """The task: the worker's runtime does the work (see ``qa_desk.jobs.runtime``)."""
    runtime: Runtime = (context.additional_context or {})[RUNTIME_KEY]
    return runtime.run(recording_id)


def lock_for(recording_id: int) -> str:
    return f"qa-desk:recording:{recording_id}"


def conninfo(db_url: str) -> str:
    """libpq connection string from a SQLAlchemy URL (``postgresql+psycopg://…``)."""
    url = make_url(db_url)
    if url.get_backend_name() != "postgresql":
        raise ValueError(f"Очередь распознавания работает только на PostgreSQL, а это {url.get_backend_name()}")
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def sync_crm(context: JobContext, timestamp: int) -> str:
    """The periodic task: one scheduled CRM sync (pull, then push), by the worker's callable."""
    run: Callable[[], str] = (context.additional_context or {})[CRM_KEY]
    return run()


def crm_cron(every_minutes: int) -> str:
    """The cron line of «every N minutes» (N from 1 to 60)."""
    return "0 * * * *" if every_minutes >= 60 else f"*/{every_minutes} * * * *"


def worker_app(db_url: str, crm_every_minutes: int | None = None) -> App:
    """An app a worker (or ``qa-desk jobs``) opens asynchronously, with the tasks registered;
    ``crm_every_minutes``: also defer the CRM's scheduled sync that often."""
    worker = App(connector=PsycopgConnector(conninfo=conninfo(db_url), min_size=1, max_size=4))
    worker.task(name=TASK, queue=QUEUE, pass_context=True, retry=RETRY)(transcribe_recording)
    if crm_every_minutes:
        task = worker.task(name=CRM_TASK, queue=CRM_QUEUE, pass_context=True, queueing_lock=CRM_LOCK, lock=CRM_LOCK)
        worker.periodic(cron=crm_cron(crm_every_minutes), periodic_id="crm")(task(sync_crm))
    return worker


class QueueClient:
    """Puts recordings on the queue from synchronous code (the app, the CLI, an import)."""

    def __init__(self, db_url: str) -> None:
        # No task registered here: deferring by name needs only the job manager.
        self._app = App(connector=SyncPsycopgConnector(conninfo=conninfo(db_url), min_size=1, max_size=2))
        self._opened = False

    def enqueue(self, recording_ids: list[int]) -> int:
        """Queue each recording unless a job for it already waits; returns how many were queued."""
        self._open()
        queued = 0
        for rid in recording_ids:
            job = self._app.configure_task(TASK, lock=lock_for(rid), queueing_lock=lock_for(rid), queue=QUEUE)
            try:
                job.defer(recording_id=rid)
            except AlreadyEnqueued:
                continue
            queued += 1
        return queued

    def cancel(self, recording_ids: list[int]) -> int:
        """Cancel the waiting (not yet started) jobs of these recordings."""
        self._open()
        cancelled = 0
        for rid in recording_ids:
            for job in self._app.job_manager.list_jobs(queue=QUEUE, queueing_lock=lock_for(rid), status="todo"):
                if job.id is not None and self._app.job_manager.cancel_job_by_id(job.id):
                    cancelled += 1
        return cancelled

    def _open(self) -> None:
        if not self._opened:
            self._app.open()
            self._opened = True

    def close(self) -> None:
        if self._opened:
            self._app.close()
            self._opened = False

    def __enter__(self) -> QueueClient:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
