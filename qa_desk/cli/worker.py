"""``qa-desk worker``: transcribe the department's recordings on this host (a GPU server or a spare PC).

Takes jobs from the PostgreSQL job queue (procrastinate), fetches each recording from the recording
store, and writes the transcript and its progress back to the database. Stop with Ctrl+C or
SIGTERM: the running job is finished first; a worker killed outright is noticed by the others
(no heartbeat) and its job goes back to the queue.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from typing import Any

NOT_TEAM = (
    "qa-desk worker работает с общей базой отдела (PostgreSQL): укажите --db postgresql+psycopg://…; "
    "с локальной базой SQLite звонки распознаются в самой программе"
)


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "worker",
        help="обработчик распознавания для отдела (PostgreSQL)",
        description="Берёт записи из общей очереди и распознаёт их на этом компьютере.",
    )
    p.add_argument("--db", metavar="URL", default=argparse.SUPPRESS, help="адрес базы (как глобальный --db)")
    p.add_argument("--concurrency", type=int, default=1, metavar="N", help="сколько записей распознавать одновременно")
    p.add_argument("--device", default="auto", choices=("auto", "cpu", "cuda"), help="где считать (по умолчанию auto)")
    p.add_argument("--model", default="base", help="модель: tiny, base, small, medium, large-v3, turbo или папка")
    p.add_argument("--nice", type=int, default=10, metavar="N", help="уступать процессор рабочим программам (POSIX nice, по умолчанию 10; 0 — не уступать)")
    p.add_argument("--heartbeat", type=float, default=5.0, metavar="С", help="как часто сообщать, что обработчик жив")
    p.add_argument("--stalled-after", type=float, default=30.0, metavar="С", help="через сколько секунд без сигнала задание считается зависшим")
    p.add_argument("--stall-check", type=float, default=10.0, help=argparse.SUPPRESS)
    p.add_argument("--poll", type=float, default=5.0, help=argparse.SUPPRESS)
    p.set_defaults(handler=run)


def options_for(args: argparse.Namespace) -> Any:
    from qa_desk.asr import TranscribeOptions

    threads = 0
    if args.device != "cuda" and args.concurrency > 1:
        threads = max(1, (os.cpu_count() or 1) // args.concurrency)  # share the cores between jobs
    return TranscribeOptions(model=args.model, device=args.device, cpu_threads=threads)


def run(args: argparse.Namespace) -> int:
    import asyncio

    from qa_desk.jobs import worker
    from qa_desk.jobs.queue import worker_app
    from qa_desk.jobs.runtime import WorkerRuntime
    from qa_desk.services import Services

    if args.concurrency < 1:
        print("Ошибка: --concurrency должно быть не меньше 1", file=sys.stderr)
        return 2
    services = Services.open(args.db)
    if not services.team_queue.uses_workers:
        print(f"Ошибка: {NOT_TEAM}", file=sys.stderr)
        return 2
    _logging()
    if args.nice and hasattr(os, "nice"):
        os.nice(args.nice)  # a spare PC stays usable; the decoder's threads inherit it
    name = worker.worker_name()
    runtime = WorkerRuntime(services, options_for(args), name, args.concurrency)
    transcriber = runtime.warm_up()
    settings = worker.WorkerSettings(
        concurrency=args.concurrency,
        heartbeat_s=args.heartbeat,
        stalled_after_s=args.stalled_after,
        stall_check_s=args.stall_check,
        poll_s=args.poll,
    )
    crm_login, crm_every = _crm_schedule(services)
    print(
        f"Обработчик {name}: модель {args.model} ({transcriber.device}), одновременно {args.concurrency}; "
        f"база {services.safe_url}. Остановить: Ctrl+C.",
        file=sys.stderr,
        flush=True,
    )
    crm_sync = None
    if crm_login:
        from qa_desk.services.crm_jobs import scheduled_sync

        url = services.url
        crm_sync = lambda: scheduled_sync(url, crm_login)  # noqa: E731 - the job context's callable
        print(f"Синхронизация с CRM: каждые {crm_every} мин от имени {crm_login}.", file=sys.stderr, flush=True)
    try:
        app = worker_app(services.url, crm_every if crm_login else None)
        asyncio.run(worker.run(app, runtime, settings, crm_sync))
    finally:
        services.close()
    print(f"Обработчик {name} остановлен; распознано записей: {runtime.stored}.", file=sys.stderr)
    return 0


def _crm_schedule(services: Any) -> tuple[str, int]:
    """The login the scheduled CRM sync acts as (``crm_sync_login``; empty: none) and how often."""
    settings = services.settings.current()
    return settings.crm_sync_login, settings.crm_sync_minutes


def _logging() -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(message)s", "%H:%M:%S"))
    ours = logging.getLogger("qa_desk.worker")
    ours.addHandler(handler)
    ours.setLevel(logging.INFO)
    ours.propagate = False
    logging.getLogger("procrastinate").setLevel(logging.WARNING)
