"""The ``qa-desk`` command line. Each sub-command lives in its own module with ``register``/``run``."""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import Any

from qa_desk import __version__

# Sub-command modules, in the order ``--help`` lists them.
COMMANDS = ("app", "importer", "transcribe", "analyze", "deal", "audit", "leads", "evidence", "models", "crm")


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
    """Run one command. Errors that are the user's problem print one line (exit 2); Ctrl-C or
    SIGTERM print one line (exit 130 / 143); a reader that closed the pipe ends it quietly (141)."""
    from qa_desk.cli import console

    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args(["app", *(argv or sys.argv[1:])])
    try:
        with console.interruptible():
            code = int(args.handler(args) or 0)
            sys.stdout.flush()
            return code
    except KeyboardInterrupt as exc:
        return _interrupted(exc, console)
    except BrokenPipeError:
        console.silence_closed_pipes()
        return 141
    except Exception as exc:  # noqa: BLE001 - the user sees one readable line, not a traceback
        from qa_desk.cli.errors import describe

        message = describe(exc)
        if message is None:
            raise
        try:
            console.error(message)
        except BrokenPipeError:
            console.silence_closed_pipes()
        return 2


def _interrupted(exc: KeyboardInterrupt, console: Any) -> int:
    terminated = isinstance(exc, console.Terminated)
    try:
        print("Остановлено (SIGTERM)." if terminated else "Прервано.", file=sys.stderr, flush=True)
    except (BrokenPipeError, OSError):
        console.silence_closed_pipes()
    return 143 if terminated else 130
