"""The CRM's scheduled sync on the team queue: a procrastinate periodic task on a real PostgreSQL,
deferred once per tick however many workers run, run by a worker's loop as the configured login
(against the local fake Bitrix24, following its documented shapes: ``tests/fakes``)."""

from __future__ import annotations

import asyncio
import time

import pytest
from conftest import services_for
from fakes.crm_fixtures import clock, connect, fake  # noqa: F401
from procrastinate.exceptions import AlreadyEnqueued
from procrastinate.periodic import PeriodicDeferrer
from sqlalchemy import func, select

from qa_desk.jobs.queue import CRM_KEY, CRM_LOCK, CRM_QUEUE, CRM_TASK, crm_cron, worker_app
from qa_desk.services.crm_jobs import scheduled_sync
from qa_desk.storage.db import Database
from qa_desk.storage.models import AuditEntry, Deal


async def _tick_and_work(url: str, login: str) -> tuple[int, list[str]]:
    """Two workers' deferrers see the same tick; then one worker runs what was queued."""
    first, second = worker_app(url, crm_every_minutes=5), worker_app(url, crm_every_minutes=5)
    done: list[str] = []

    def run() -> str:
        done.append(scheduled_sync(url, login))
        return done[-1]

    async with first.open_async(), second.open_async():
        now = time.time()
        for app in (first, second):
            deferrer = PeriodicDeferrer(app.periodic_registry)
            await deferrer.defer_jobs(deferrer.get_previous_tasks(at=now))
        queued = len(await first.job_manager.list_jobs_async(queue=CRM_QUEUE, status="todo"))
        with pytest.raises(AlreadyEnqueued):  # the queueing lock: no second run waits behind one
            await first.configure_task(CRM_TASK, queueing_lock=CRM_LOCK).defer_async(timestamp=int(now))
        await first.run_worker_async(
            queues=[CRM_QUEUE], wait=False, install_signal_handlers=False, additional_context={CRM_KEY: run}
        )
    return queued, done


@pytest.mark.postgres
def test_scheduled_crm_sync_is_a_periodic_task_of_the_workers(
    pg_db: Database, pg_url: str, fake, clock, monkeypatch  # noqa: ANN001, F811
) -> None:
    monkeypatch.setenv("QA_DESK_SECRETS", "file")  # the worker's host keeps the CRM's secret
    connect(lambda login: services_for(pg_db, login), fake, "bitrix24", clock)
    periodic = worker_app(pg_url, crm_every_minutes=5).periodic_registry.periodic_tasks
    assert [(p.task.name, p.cron, p.task.queueing_lock) for p in periodic.values()] == [
        (CRM_TASK, "*/5 * * * *", CRM_LOCK)
    ]
    assert worker_app(pg_url).periodic_registry.periodic_tasks == {}  # no login set: no schedule
    assert crm_cron(60) == "0 * * * *"

    queued, done = asyncio.run(_tick_and_work(pg_url, "olga"))
    assert queued == 1 and len(done) == 1, (queued, done)  # two deferrers, one job, one run
    assert "Сделок: новых 3" in done[0]
    with pg_db.session(write=False) as s:
        assert s.scalar(select(func.count()).select_from(Deal)) == 3
        assert s.scalar(select(AuditEntry.actor).where(AuditEntry.action == "crm_sync")) == "olga"
    assert services_for(pg_db).audit.verify_chain().ok
