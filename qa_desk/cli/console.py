"""Console output for the command line: user text is never read as markup, and a closed pipe or
Ctrl-C never ends in a traceback.

A deal title, a file name or a CRM value may contain ``[/x]``; rich would take it for a closing
tag and raise ``MarkupError`` (after the data was already written). Everything here prints
``rich.text.Text`` objects, which rich shows as they are; styles apply to our own labels only.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.text import Text


def stderr() -> Console:
    """The console for progress, messages and errors (stdout stays for data). A new one each time:
    it finds the stream (and whether it is a terminal) when created."""
    return Console(stderr=True, highlight=False, markup=False, emoji=False)


def say(text: str, *, label: str = "", style: str = "") -> None:
    """One line on stderr: an optional styled ``label`` and the text exactly as given."""
    stderr().print(styled(text, label=label, style=style), soft_wrap=True)


def styled(text: str, *, label: str = "", style: str = "") -> Text:
    line = Text()
    if label:
        line.append(label, style=style)
        line.append(" ")
    line.append(text)
    return line


def error(text: str) -> None:
    say(text, label="Ошибка:", style="red")


def warning(text: str) -> None:
    say(text, label="Предупреждение:", style="yellow")


def silence_closed_pipes() -> None:
    """After stdout or stderr was closed by its reader (``| head``): point both at the null device
    so nothing more is written and the interpreter's final flush does not fail."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    for stream in (sys.stdout, sys.stderr):
        try:
            os.dup2(devnull, stream.fileno())
        except (OSError, ValueError, AttributeError):
            pass
    os.close(devnull)


class Terminated(KeyboardInterrupt):
    """SIGTERM, turned into an interruption so that the same clean-up runs as for Ctrl-C."""


@contextmanager
def interruptible() -> Iterator[None]:
    """While the command runs, SIGTERM interrupts it like Ctrl-C (``Terminated``): ``finally``
    blocks stop the worker and put unfinished recordings back. Main thread only; restored after."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_term(_signum: int, _frame: object) -> None:
        raise Terminated()

    previous = signal.signal(signal.SIGTERM, on_term)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextmanager
def shielded() -> Iterator[None]:
    """Clean-up that a second Ctrl-C or SIGTERM must not cut short (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held = {sig: signal.signal(sig, signal.SIG_IGN) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in held.items():
            signal.signal(sig, handler)
