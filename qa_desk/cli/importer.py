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
    from qa_desk.services import Services

    services = Services.open(args.db)
    try:
        with console.stderr().status(console.styled("Импорт…")):
            report = services.imports.import_manifest(args.manifest)
    finally:
        services.close()
    print_report(report, source=args.manifest.name)
    if not report.rows_ok:
        return 1
    return 1 if (args.strict and report.failures) else 0


# How each kind of import message is labelled on the console.
_LABELS = {
    "warning": ("Предупреждение:", "yellow"),
    "rejected": ("Ошибка:", "red"),
    "problem": ("Ошибка:", "red"),
    "conflict": ("Конфликт с CRM, оставлено решение QC:", "yellow"),
    "change": ("Обновлено из CRM:", "cyan"),
    "recording": ("Запись не читается:", "red"),
    "note": ("", ""),
}


def print_report(report: Any, *, source: str = "") -> None:
    """The import's outcome on stderr: counts, then one line per problem, conflict and change."""
    console.say(f"{source}: {report.summary()}" if source else report.summary())
    for kind, text in report.messages():
        label, style = _LABELS[kind]
        console.say(text, label=label, style=style)
