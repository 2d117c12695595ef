"""``qa-desk worker``'s loop: procrastinate's worker plus recovery of jobs whose worker died.

Each worker sends a heartbeat every ``heartbeat_s``. A job still 'doing' under a worker whose
heartbeat is older than ``stalled_after_s`` (killed, powered off, cut off the network) is put back
on the queue by whichever worker notices first; its lock then lets exactly one worker take it (a
transcription, or a CRM sync: a stalled one would otherwise hold the sync's lock for good).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass

from procrastinate import App
from procrastinate.exceptions import ConnectorException

from qa_desk.jobs.queue import CRM_KEY, CRM_QUEUE, CRM_TASK, QUEUE, RUNTIME_KEY, TASK
from qa_desk.jobs.runtime import WorkerRuntime

log = logging.getLogger("qa_desk.worker")


@dataclass(frozen=True, slots=True)
class WorkerSettings:
    concurrency: int = 1
    heartbeat_s: float = 5.0
    stalled_after_s: float = 30.0
    stall_check_s: float = 10.0
    poll_s: float = 5.0  # fallback when LISTEN/NOTIFY is missed


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


async def retry_stalled(app: App, stalled_after_s: float) -> list[int]:
    """Put back on the queue the jobs of workers that stopped sending heartbeats."""
    retried: list[int] = []
    stalled = [
        job
        for task in (TASK, CRM_TASK)
        for job in await app.job_manager.get_stalled_jobs(task_name=task, seconds_since_heartbeat=stalled_after_s)
    ]
    for job in stalled:
        assert job.id is not None
        try:
            await app.job_manager.retry_job(job)
        except ConnectorException as exc:  # a copy of the job already waits: this one is redundant
            log.info("задание %s не возвращено в очередь (%s); закрываю его", job.id, exc)
            from procrastinate.jobs import Status

            await app.job_manager.finish_job_by_id_async(job.id, Status.FAILED, delete_job=False)
            continue
        retried.append(job.id)
        log.warning("задание %s остановившегося обработчика возвращено в очередь", job.id)
    return retried


async def _watch_stalled(app: App, settings: WorkerSettings) -> None:
    while True:
        with contextlib.suppress(ConnectorException, OSError):
            await retry_stalled(app, settings.stalled_after_s)
        await asyncio.sleep(settings.stall_check_s)


async def run(
    app: App, runtime: WorkerRuntime, settings: WorkerSettings, crm_sync: Callable[[], str] | None = None
) -> None:
    """Work until stopped: transcription jobs, and the CRM's scheduled sync when ``crm_sync`` is given
    (the app then has the periodic task, ``queue.worker_app(…, crm_every_minutes)``)."""
    async with app.open_async():
        watcher = asyncio.create_task(_watch_stalled(app, settings), name="qa-desk stalled jobs")
        try:
            await app.run_worker_async(
                queues=[QUEUE, CRM_QUEUE] if crm_sync is not None else [QUEUE],
                name=runtime.name,
                concurrency=settings.concurrency,
                update_heartbeat_interval=settings.heartbeat_s,
                stalled_worker_timeout=settings.stalled_after_s,
                fetch_job_polling_interval=settings.poll_s,
                additional_context={RUNTIME_KEY: runtime, CRM_KEY: crm_sync},
                delete_jobs="successful",
            )
        finally:
            watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watcher
