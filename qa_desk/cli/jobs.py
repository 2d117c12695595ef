"""``qa-desk jobs``: the department's transcription queue: queued, running, stalled and failed.

The list names deals and files, so it is shown to a signed-in reviewer, head of sales or
administrator only (a password or a personal token, as every other command on a team database)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from qa_desk.cli.auth import add_options, open_services

JOBS_DENIED = "Очередь распознавания видят контроль качества, руководитель отдела продаж и администратор"


def register(subparsers: Any) -> None:
    p = subparsers.add_parser("jobs", help="очередь распознавания отдела (PostgreSQL)")
    p.add_argument("--db", metavar="URL", default=argparse.SUPPRESS, help="адрес базы (как глобальный --db)")
    p.add_argument("--stalled-after", type=float, default=30.0, metavar="С", help="сколько секунд без сигнала обработчика считать зависанием")
    add_options(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from qa_desk.cli.worker import NOT_TEAM
    from qa_desk.domain.roles import REVIEWER_ROLES, SETTINGS_ROLES
    from qa_desk.jobs.status import LABELS, list_jobs

    services = open_services(args, need_user=True)
    if not services.team_queue.uses_workers:
        services.close()
        print(f"Ошибка: {NOT_TEAM}", file=sys.stderr)
        return 2
    if services.actor is None or services.actor.role not in REVIEWER_ROLES | SETTINGS_ROLES:
        services.close()
        print(f"Ошибка: {JOBS_DENIED}", file=sys.stderr)
        return 2
    rows = list_jobs(services, args.stalled_after)
    workers = services.team_queue.active_workers(max(args.stalled_after, 1.0))
    counts = {kind: sum(1 for r in rows if r.kind == kind) for kind in LABELS}
    print(
        f"Обработчиков на связи: {workers}. "
        + ", ".join(f"{label}: {counts[kind]}" for kind, label in LABELS.items())
        + "."
    )
    for r in rows:
        where = f" — {r.worker}" if r.worker and r.kind in ("running", "stalled") else ""
        done = f" {r.fraction:.0%}" if r.fraction is not None and r.kind == "running" else ""
        error = f" — {r.error}" if r.error else ""
        print(f"{r.job_id:>7} {LABELS[r.kind]:<13} {r.deal:<10} #{r.recording_id} {r.file}{done}{where}{error} (попыток: {r.attempts})")
    services.close()
    return 0
