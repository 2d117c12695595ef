"""The queue as ``qa-desk jobs`` shows it: queued, running, stalled and failed jobs."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from qa_desk.jobs.queue import QUEUE, TASK, worker_app
from qa_desk.services import Services

QUEUED, RUNNING, STALLED, FAILED = "queued", "running", "stalled", "failed"
LABELS = {QUEUED: "в очереди", RUNNING: "распознаётся", STALLED: "зависло", FAILED: "ошибка"}
FAILED_SHOWN = 50  # the most recent failures


@dataclass(frozen=True, slots=True)
class JobRow:
    job_id: int
    kind: str  # QUEUED | RUNNING | STALLED | FAILED
    recording_id: int
    deal: str
    file: str
    attempts: int
    scheduled_at: datetime | None
    worker: str | None = None
    fraction: float | None = None
    error: str | None = None


def list_jobs(services: Services, stalled_after_s: float = 30.0) -> list[JobRow]:
    return asyncio.run(_list_jobs(services, stalled_after_s))


async def _list_jobs(services: Services, stalled_after_s: float) -> list[JobRow]:
    app = worker_app(services.url)
    async with app.open_async():
        manager = app.job_manager
        todo = list(await manager.list_jobs_async(queue=QUEUE, task=TASK, status="todo"))
        doing = list(await manager.list_jobs_async(queue=QUEUE, task=TASK, status="doing"))
        failed = list(await manager.list_jobs_async(queue=QUEUE, task=TASK, status="failed"))[-FAILED_SHOWN:]
        stalled = {j.id for j in await manager.get_stalled_jobs(task_name=TASK, seconds_since_heartbeat=stalled_after_s)}
    ids = {_recording_id(j.task_kwargs) for j in todo + doing + failed}
    names = services.team_queue.labels(ids)
    states = services.team_queue.statuses(ids)
    rows: list[JobRow] = []
    for kind, jobs in ((QUEUED, todo), (RUNNING, doing), (FAILED, failed)):
        for job in jobs:
            assert job.id is not None
            rid = _recording_id(job.task_kwargs)
            deal, file = names.get(rid, ("—", f"запись #{rid} удалена"))
            state = states.get(rid)
            rows.append(
                JobRow(
                    job_id=job.id,
                    kind=STALLED if kind == RUNNING and job.id in stalled else kind,
                    recording_id=rid,
                    deal=deal,
                    file=file,
                    attempts=job.attempts,
                    scheduled_at=job.scheduled_at,
                    worker=state.worker if state else None,
                    fraction=state.fraction if state else None,
                    error=state.error if state and kind == FAILED else None,
                )
            )
    return rows


def _recording_id(kwargs: Mapping[str, object]) -> int:
    value = kwargs.get("recording_id")
    return value if isinstance(value, int) else 0
