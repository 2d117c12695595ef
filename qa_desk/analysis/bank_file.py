"""Reading an outside bank (tests/corpus/banks/*.toml): its ``[[case]]`` tables, checked field by field.

A file that cannot be read or parsed raises ``BankError`` with one line in Russian naming it; a case that
lacks a required field, or has one of the wrong type, is reported (one line naming the file, the case's
index and the field) and left out, and every other case is kept with its index, so the even/odd halves
of a bank keep their members when one case is bad.
"""

from __future__ import annotations

import sys
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any


class BankError(ValueError):
    """A bank that cannot be scored at all; ``str()`` is the one-line message for the user."""


def _read(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BankError(f"{path}: нет такого файла") from None
    except UnicodeDecodeError:
        raise BankError(f"{path}: файл не в кодировке UTF-8") from None
    except OSError as exc:
        raise BankError(f"{path}: файл не читается ({exc.strerror or exc})") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise BankError(f"{path}: ошибка TOML: {exc}") from None


def tables(path: Path, key: str, check: bool = True) -> list[Any]:
    """The bank's ``[[key]]`` tables (``check``: each must be a table); none at all is a ``BankError``."""
    raw = _read(path).get(key)
    if not isinstance(raw, list) or not raw:
        raise BankError(f"{path}: в банке нет ни одного [[{key}]]")
    if check and (bad := next((i for i, t in enumerate(raw) if not isinstance(t, dict)), None)) is not None:
        raise BankError(f"{path}: [[{key}]] #{bad} не таблица")
    return raw


def cases(path: Path, fields: dict[str, type | tuple[type, ...]],
          warn: Callable[[str], None] | None = None) -> Iterator[tuple[int, dict[str, Any]]]:
    """``(index, case)`` for every well-formed ``[[case]]`` of ``path``; ``fields``: required name → type(s)."""
    say = warn or (lambda line: print(line, file=sys.stderr))
    for index, case in enumerate(tables(path, "case", check=False)):
        if not isinstance(case, dict):
            say(f"{path}: случай #{index} не таблица, пропущен")
            continue
        bad = next((name for name, kind in fields.items() if not isinstance(case.get(name), kind)), None)
        if bad is not None:
            problem = "нет поля" if bad not in case else "неверный тип поля"
            say(f"{path}: случай #{index}: {problem} «{bad}», пропущен")
            continue
        yield index, case
