"""``qa-desk import MANIFEST``: load a CRM export of deals and recordings.

Exit code: 0 when every row came in whole; 1 when some rows were not imported or came in without
some of their values (each reported with its line), or, with ``--strict``, when a recording could
not be read; 2 when the file as a whole cannot be read.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from qa_desk.cli import console
from qa_desk.domain.russian import count

ROWS = ("строка", "строки", "строк")
RECORDINGS = ("запись", "записи", "записей")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "import",
        help="импортировать сделки и записи из манифеста (CSV или JSON)",
        description="Импорт выгрузки CRM: одна строка на запись звонка с полями сделки. "
        "Повторный импорт не создаёт дубликатов и не отменяет решений контроля качества. "
        "Плохие строки пропускаются с сообщением, остальные импортируются; код выхода 1, "
        "если какая-то строка не импортирована целиком.",
    )
    p.add_argument("manifest", type=Path, help="файл манифеста .csv или .json")
    p.add_argument("--strict", action="store_true", help="код выхода 1 и тогда, когда какая-то запись не прочиталась")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from qa_desk.importing.service import import_manifest
    from qa_desk.storage.db import Database

    db = Database(args.db)
    try:
        with console.stderr().status(console.styled("Импорт…")):
            report = import_manifest(db, args.manifest)
    finally:
        db.dispose()
    print_report(report, source=args.manifest.name)
    if not report.rows_ok:
        return 1
    return 1 if (args.strict and report.failures) else 0


def print_report(report: Any, *, source: str = "") -> None:
    """The import's outcome on stderr: counts, then one line per problem, conflict and change."""
    name = f"{source}: " if source else ""
    console.say(
        f"{name}{count(report.rows_total, ROWS)}, не импортировано {len(report.rejected)}, "
        f"с пропущенными значениями {report.rows_with_problems}. "
        f"Сделок: новых {report.deals_created}, обновлено {report.deals_updated}. "
        f"Записей: добавлено {report.recordings_added}, уже были {report.recordings_skipped}."
    )
    for note in report.warnings:
        console.warning(note)
    for line in report.rejected:
        console.error(f"{line} — строка не импортирована")
    for line in report.problems:
        console.error(f"{line} — значение не импортировано")
    for line in report.conflicts:
        console.say(line, label="Конфликт с CRM, оставлено решение QC:", style="yellow")
    for line in report.changes:
        console.say(line, label="Обновлено из CRM:", style="cyan")
    for _path, reason in report.failures:
        console.say(reason, label="Запись не читается:", style="red")
    if report.failures:
        failed = count(len(report.failures), RECORDINGS)
        console.say(f"Не удалось прочитать: {failed}; сохранены в сделках со статусом «ошибка».")
