"""The ``qa-desk`` command line. Each sub-command lives in its own module with ``register``/``run``."""

from __future__ import annotations

import argparse
import importlib
import sys

from qa_desk import __version__

# Sub-command modules, in the order ``--help`` lists them.
COMMANDS = ("app", "importer", "transcribe", "analyze", "deal", "models", "worker", "jobs", "server")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="qa-desk",
        description="QA Desk — контроль качества звонков: условные отказы, вопросы договора, проверка.",
    )
    parser.add_argument("--version", action="version", version=f"qa-desk {__version__}")
    parser.add_argument(
        "--db",
        metavar="URL",
        help="база данных (SQLAlchemy URL); по умолчанию $QA_DESK_DB или SQLite в папке данных пользователя",
    )
    sub = parser.add_subparsers(dest="command", metavar="КОМАНДА")
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"qa_desk.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"qa_desk.cli.{name}":
                continue  # a command still being built
            raise
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args(["app", *(argv or sys.argv[1:])])
    try:
        return int(args.handler(args) or 0)
    except KeyboardInterrupt:
        print("Прервано.", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - the user sees one readable line, not a traceback
        from qa_desk.cli.errors import describe

        message = describe(exc)
        if message is None:
            raise
        print(f"Ошибка: {message}", file=sys.stderr)
        return 2
