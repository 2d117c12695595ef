"""Reading a CRM export: one row per recording, carrying its deal's fields.

CSV (UTF-8 with or without BOM, UTF-16 with BOM, or Windows-1251; comma, semicolon or tab
separated) or JSON (a list of objects, or ``{"rows": [...]}``). Column names are matched
case-insensitively and a few common aliases are accepted, so exports from different CRMs load
unchanged. A bad row is reported with its line and reason and the others are kept; only a file
that cannot be read at all raises ``ManifestError``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qa_desk.importing.csv_records import Record, physical_lines, read_records, sniff_delimiter
from qa_desk.importing.values import ALIASES, REQUIRED, ManifestRow, RowRejected, to_row

__all__ = ["Manifest", "ManifestError", "ManifestRow", "RowProblem", "read_manifest"]


class ManifestError(ValueError):
    """The manifest as a whole cannot be read (not a single row's problem)."""


@dataclass(frozen=True, slots=True)
class RowProblem:
    where: str  # «строка 4», «запись 3»
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


@dataclass
class Manifest:
    path: Path
    rows: list[ManifestRow] = field(default_factory=list)
    rejected: list[RowProblem] = field(default_factory=list)  # rows not imported
    notes: list[str] = field(default_factory=list)  # about the file as a whole (its encoding)

    @property
    def total(self) -> int:
        return len(self.rows) + len(self.rejected)


def read_manifest(path: Path) -> Manifest:
    path = Path(path)
    manifest = Manifest(path)
    text = _read_text(path, manifest.notes)
    if not text.strip():
        raise ManifestError(f"{path.name}: манифест пустой")
    if path.suffix.lower() == ".json" or text.lstrip().startswith(("[", "{")):
        _json_rows(path, text, manifest)
    else:
        _csv_rows(path, text, manifest)
    if not manifest.rows and not manifest.rejected:
        raise ManifestError(f"{path.name}: в манифесте нет ни одной строки")
    return manifest


def _read_text(path: Path, notes: list[str]) -> str:
    if not path.exists():
        raise ManifestError(f"{path.name}: файл манифеста не найден ({path})")
    if not path.is_file():
        raise ManifestError(f"{path.name}: это не файл манифеста, а папка или устройство")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ManifestError(f"{path.name}: не удаётся прочитать манифест ({exc.strerror or exc})") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ManifestError(f"{path.name}: файл в UTF-16 повреждён") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = data.decode("cp1251")
    except UnicodeDecodeError:
        raise ManifestError(
            f"{path.name}: не текстовый файл (байт {utf8_error.start + 1} не в UTF-8 и не в Windows-1251)"
        ) from None
    notes.append(f"{path.name}: файл не в UTF-8, прочитан как Windows-1251")
    return text


def _json_rows(path: Path, text: str, manifest: Manifest) -> None:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ManifestError(f"{path.name}: неверный JSON (строка {exc.lineno}: {exc.msg})") from None
    except RecursionError:
        raise ManifestError(f"{path.name}: неверный JSON (слишком глубокая вложенность)") from None
    if isinstance(data, dict):
        data = data.get("rows", data.get("recordings", []))
    if not isinstance(data, list):
        raise ManifestError(f"{path.name}: JSON-манифест должен быть списком объектов")
    for number, item in enumerate(data, start=1):
        where = f"запись {number}"
        if not isinstance(item, dict):
            manifest.rejected.append(RowProblem(where, "не объект с полями сделки"))
            continue
        _add(manifest, path.parent, number, where, item)


def _csv_rows(path: Path, text: str, manifest: Manifest) -> None:
    lines = physical_lines(text)
    delimiter = sniff_delimiter(lines[0] if lines else "")
    header: list[str] | None = None
    for record in read_records(text, delimiter):
        where = f"строка {record.line}"
        if record.error is not None:
            if header is None:
                raise ManifestError(f"{path.name}: заголовок не читается ({record.error})")
            manifest.rejected.append(RowProblem(where, record.error))
            continue
        if header is None:
            header = [h.strip().lstrip("\ufeff").lower() for h in record.fields]
            _check_header(path, header)
            continue
        if len(record.fields) != len(header):
            extra = record.fields[len(header):]
            if len(record.fields) > len(header) and not any(f.strip() for f in extra):
                record = Record(record.line, record.fields[: len(header)])
            else:
                manifest.rejected.append(RowProblem(where, _width_problem(len(record.fields), len(header))))
                continue
        _add(manifest, path.parent, record.line, where, dict(zip(header, record.fields, strict=True)))


def _check_header(path: Path, header: list[str]) -> None:
    missing = [name for name in REQUIRED if not any(alias in header for alias in ALIASES[name])]
    if missing:
        raise ManifestError(f"{path.name}: в заголовке нет обязательных полей: {', '.join(missing)}")


def _width_problem(found: int, expected: int) -> str:
    if found < expected:
        return f"в строке {found} полей вместо {expected}: строка обрезана или в ней не хватает разделителей"
    return f"в строке {found} полей вместо {expected}: лишний разделитель (значение с запятой без кавычек?)"


def _add(manifest: Manifest, base: Path, line: int, where: str, raw: dict[str, Any]) -> None:
    try:
        manifest.rows.append(to_row(base, line, where, raw))
    except RowRejected as exc:
        manifest.rejected.append(RowProblem(where, str(exc)))
