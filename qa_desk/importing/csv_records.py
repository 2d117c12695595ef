"""Splitting a CSV export into records without letting one bad row take the rest with it.

Lines end only at ``\\n``, ``\\r\\n`` or ``\\r``: a form feed, U+0085 or U+2028 inside a field is
part of the field (``str.splitlines`` would cut the row there), and a quoted newline stays in its
field. Each record carries the physical line where it starts. When a record cannot be read (a quote
that never closes, a stray quote, a NUL byte), it is reported at the line where it started and
reading resumes on the next line, so the rows after it are kept. (A NUL byte is data to Python's
csv module; the field cleaning removes it.)
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Record:
    line: int  # physical line (1-based) where the record starts
    fields: list[str]
    error: str | None = None  # why the record could not be read (then ``fields`` is empty)


class _Lines:
    """An iterator over ``lines[start:]`` that counts what the csv reader took."""

    def __init__(self, lines: list[str], start: int) -> None:
        self._lines = lines
        self._next = start
        self.taken = 0

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self._next >= len(self._lines):
            raise StopIteration
        self._next += 1
        self.taken += 1
        return self._lines[self._next - 1]


def physical_lines(text: str) -> list[str]:
    return io.StringIO(text, newline="").readlines()


def sniff_delimiter(first_line: str) -> str:
    candidates = (";", ",", "\t")
    return max(candidates, key=lambda d: (first_line.count(d), d == ","))


def read_records(text: str, delimiter: str, width: int | None = None) -> Iterator[Record]:
    """Records of ``text``; blank lines are skipped.

    ``width``: the header's number of fields, once known. A record spanning several lines whose
    field count is wrong is a quote that opened on its first line and never closed properly.
    """
    lines = physical_lines(text)
    index = 0
    while index < len(lines):
        source = _Lines(lines, index)
        reader = csv.reader(source, delimiter=delimiter, strict=True)
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Record(index + 1, [], _explain(str(exc), delimiter, spanned=source.taken > 1))
            index += 1
            continue
        start, index = index, index + max(source.taken, 1)
        if not any(f.strip() for f in fields):
            continue
        if width is not None and source.taken > 1 and len(fields) != width:
            yield Record(start + 1, [], UNCLOSED_QUOTE)
            index = start + 1
            continue
        if width is None:
            width = len(fields)
        yield Record(start + 1, fields)


UNCLOSED_QUOTE = "незакрытая кавычка: поле, открытое в этой строке, не закрыто"


def _explain(message: str, delimiter: str, *, spanned: bool) -> str:
    if "unexpected end of data" in message or (spanned and "expected after" in message):
        return UNCLOSED_QUOTE
    if "expected after" in message:
        return f"лишняя кавычка: после закрывающей кавычки ожидался разделитель «{delimiter}»"
    if "field larger than field limit" in message:
        return f"слишком длинное поле (больше {csv.field_size_limit()} символов)"
    return f"строка CSV не читается ({message})"
