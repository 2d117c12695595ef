"""``qa-desk app`` opens the desktop application; ``qa-desk demo`` opens it on the bundled demo deals."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

DEMO_COMPANY = "ТехноСнаб"  # the seller in the demo calls
DEMO_MANIFEST = Path(__file__).resolve().parents[2] / "resources" / "demo" / "manifest.csv"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("app", help="открыть приложение (по умолчанию)")
    p.set_defaults(handler=run_app)
    d = sub.add_parser("demo", help="открыть приложение на демонстрационных сделках")
    d.add_argument("--reset", action="store_true", help="начать демо-базу заново")
    d.add_argument("--manifest", type=Path, default=DEMO_MANIFEST, help=argparse.SUPPRESS)
    d.add_argument("--no-gui", action="store_true", help="только подготовить демо-базу")
    d.set_defaults(handler=run_demo)


def _check_display() -> str | None:
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or os.environ.get("QT_QPA_PLATFORM")
    ):
        return (
            "Нет графического дисплея (DISPLAY не задан). Запустите на рабочем столе, "
            "через `xvfb-run`, или с QT_QPA_PLATFORM=offscreen."
        )
    return None


def run_app(args: argparse.Namespace) -> int:
    problem = _check_display()
    if problem:
        print(problem, file=sys.stderr)
        return 2
    from qa_desk.ui.app import run

    return run(db_url=args.db)


def demo_db_url() -> str:
    from qa_desk.config import data_dir

    return f"sqlite:///{data_dir() / 'demo.sqlite3'}"


def run_demo(args: argparse.Namespace) -> int:
    from qa_desk.cli import console
    from qa_desk.cli.importer import print_report
    from qa_desk.services import Services

    url = args.db or demo_db_url()
    os.environ.setdefault("QA_DESK_COMPANY", DEMO_COMPANY)
    if args.reset and url.startswith("sqlite:///"):
        for suffix in ("", "-wal", "-shm"):
            Path(url.removeprefix("sqlite:///") + suffix).unlink(missing_ok=True)
    services = Services.open(url)
    try:
        # Once per demo database: a restart must not re-import over the reviewer's work.
        report = services.imports.import_once(args.manifest)
        console.say(f"Демо-база: {services.safe_url}")
        if report is None:
            console.say("Демо-выгрузка уже импортирована (начать заново: qa-desk demo --reset).")
        else:
            print_report(report, source=args.manifest.name)
    finally:
        services.close()
    if args.no_gui:
        return 0
    args.db = url
    return run_app(args)
