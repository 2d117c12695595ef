"""``qa-desk import MANIFEST``: load a CRM export of deals and recordings."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from qa_desk.domain.russian import count


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "import",
        help="импортировать сделки и записи из манифеста (CSV или JSON)",
        description="Импорт выгрузки CRM: одна строка на запись звонка с полями сделки. "
        "Повторный импорт не создаёт дубликатов.",
    )
    p.add_argument("manifest", type=Path, help="файл манифеста .csv или .json")
    p.add_argument("--strict", action="store_true", help="код выхода 1, если какая-то запись не прочиталась")
    from qa_desk.cli.auth import add_options

    add_options(p, top=True)  # on a team database the import is signed in (qc, head of sales, admin)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from rich.console import Console

    from qa_desk.services import Services

    err = Console(stderr=True)
    services = Services.open(args.db)
    if services.team_queue.uses_workers:
        from qa_desk.cli.team_import import check_importer

        check_importer(services, args)
    with err.status("Импорт…"):
        report = services.imports.import_manifest(args.manifest)
    print_report(report, err)
    if services.team_queue.uses_workers:  # team mode: the new recordings go to the workers' queue
        queued = services.team_queue.enqueue_pending()
        err.print(f"В очереди распознавания отдела: {count(len(queued), ('запись', 'записи', 'записей'))}.")
    services.close()
    return 1 if (args.strict and not report.ok) else 0


def print_report(report, console) -> None:  # noqa: ANN001 - ImportReport, rich Console
    console.print(
        f"Сделок: новых {report.deals_created}, обновлено {report.deals_updated}. "
        f"Записей: добавлено {report.recordings_added}, уже были {report.recordings_skipped}."
    )
    for warning in report.warnings:
        console.print(f"[yellow]Предупреждение:[/] {warning}", highlight=False)
    for _path, reason in report.failures:
        console.print(f"[red]Ошибка записи[/] {reason}", highlight=False)
    if report.failures:
        failed = count(len(report.failures), ("запись", "записи", "записей"))
        print(f"Не удалось прочитать: {failed}; сохранены со статусом «ошибка».", file=sys.stderr)
