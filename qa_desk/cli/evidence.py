"""``qa-desk evidence pack`` and ``qa-desk evidence verify``: the evidence pack of a lead dispute.

    qa-desk evidence pack --contract C --leads L1,L2,… --out dispute-2026-03.zip [--mask-pii]
    qa-desk evidence verify PACK.zip [--recordings DIR]

``verify`` exits with 0 when every hash matches (and, with ``--recordings``, every clip is the stated
cut of its original), 1 when something was changed (each problem names the file).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from qa_desk.cli.deal import USER_ENV


def register(subparsers: Any) -> None:
    evidence = subparsers.add_parser(
        "evidence",
        help="пакет доказательств по спорным лидам: собрать и проверить",
        description="Пакет доказательств: страницы и PDF по лидам, фрагменты записей, манифест с SHA-256.",
    )
    sub = evidence.add_subparsers(dest="evidence_command", metavar="ДЕЙСТВИЕ", required=True)
    p = sub.add_parser("pack", help="собрать пакет (ZIP) по выбранным лидам", description="Собрать пакет доказательств.")
    p.add_argument("--contract", required=True, metavar="C.toml|ИМЯ", help="договор (файл или имя зарегистрированного)")
    p.add_argument("--version", type=int, metavar="N", help="версия договора (по умолчанию последняя)")
    p.add_argument("--leads", required=True, metavar="L1,L2,…", help="лиды (id в CRM через запятую)")
    p.add_argument("--out", required=True, type=Path, metavar="ПАКЕТ.zip")
    p.add_argument("--mask-pii", action="store_true", help="скрыть телефоны и e-mail в текстах пакета")
    p.add_argument("--as", dest="as_user", metavar="ЛОГИН", help=f"кто собирает пакет (по умолчанию ${USER_ENV})")
    p.set_defaults(handler=run_pack)
    v = sub.add_parser("verify", help="проверить пакет: хеши, фрагменты", description="Проверить пакет доказательств.")
    v.add_argument("pack", type=Path, metavar="ПАКЕТ.zip")
    v.add_argument("--recordings", type=Path, metavar="ПАПКА", help="папка с исходными записями (ищутся по SHA-256)")
    v.set_defaults(handler=run_verify)


def run_pack(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn
    from rich.progress import Progress as Bar

    from qa_desk.cli.leads import open_services, resolve_contract
    from qa_desk.ui.pdf_writer import QtPdfRenderer  # the one Qt piece the command line uses (offscreen)

    refs = [part.strip() for part in args.leads.split(",") if part.strip()]
    services = open_services(args, need_user=True)
    try:
        contract = resolve_contract(services, args.contract, args.version)
        console = Console(stderr=True, markup=False, highlight=False, emoji=False)
        with Bar(TextColumn("{task.description}", markup=False), BarColumn(), MofNCompleteColumn(), console=console,
                 transient=True) as bar:
            task = bar.add_task("Пакет доказательств", total=len(refs))

            def step(done: int, total: int, lead: str) -> None:
                bar.update(task, completed=done, total=total, description=f"Пакет доказательств: {lead}")

            result = services.evidence.build(
                contract, refs, args.out, QtPdfRenderer(), mask_pii=args.mask_pii, on_progress=step
            )
    finally:
        services.close()
    for warning in result.warnings:
        print(f"Предупреждение: {warning}", file=sys.stderr)
    size = result.size / 1024 / 1024
    print(f"Пакет собран: {result.path} ({size:.1f} МБ; файлов {result.files}, фрагментов {result.clips})")
    print(f"SHA-256 манифеста: {result.manifest_sha256}")
    return 0


def run_verify(args: argparse.Namespace) -> int:
    from qa_desk.evidence import verify_pack

    report = verify_pack(args.pack, args.recordings)
    for note in report.notes:
        print(f"Замечание: {note}", file=sys.stderr)
    for problem in report.problems:
        print(f"НАРУШЕНИЕ: {problem}")
    checked = f"файлов проверено: {report.files}"
    if args.recordings is not None:
        checked += f"; оригиналов найдено: {report.originals_found}; фрагментов сверено с оригиналами: {report.clips_checked}"
    if report.ok:
        seal = report.manifest.get("manifest_sha256", "")
        print(f"Пакет цел: все хеши совпадают ({checked}). SHA-256 манифеста: {seal}")
        return 0
    print(f"Пакет НЕ прошёл проверку: нарушений {len(report.problems)} ({checked})")
    return 1
