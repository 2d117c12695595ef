"""Reading a CRM export: one row per recording, carrying its deal's fields.

CSV (UTF-8, with or without BOM, comma or semicolon separated) or JSON (a list of
objects, or ``{"rows": [...]}``). Column names are matched case-insensitively and a
few common aliases are accepted, so exports from different CRMs load unchanged.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from qa_desk.domain.ordering import parse_call_time

ALIASES: dict[str, tuple[str, ...]] = {
    "deal_id": ("deal_id", "deal_external_id", "external_id", "crm_id", "id сделки", "сделка"),
    "deal_title": ("deal_title", "title", "название"),
    "client_company": ("client_company", "company", "client", "клиент", "компания"),
    "contact_name": ("contact_name", "contact", "контакт"),
    "contact_phone": ("contact_phone", "phone", "телефон"),
    "product": ("product", "продукт", "товар"),
    "amount": ("amount", "deal_amount", "сумма"),
    "currency": ("currency", "валюта"),
    "manager": ("manager", "manager_name", "менеджер"),
    "manager_email": ("manager_email",),
    "manager_salary": ("manager_salary", "salary", "оклад"),
    "status": ("status", "статус"),
    "refusal_reason": ("refusal_reason", "reason", "причина отказа"),
    "refusal_comment": ("refusal_comment", "комментарий"),
    "contract": ("contract", "contract_name", "договор"),
    "recording": ("recording", "recording_path", "path", "file", "запись", "файл"),
    "call_started_at": ("call_started_at", "started_at", "call_time", "call_start", "время звонка"),
}
REQUIRED = ("deal_id", "recording")


class ManifestError(ValueError):
    """The manifest as a whole cannot be read (not a single row's problem)."""


@dataclass(frozen=True, slots=True)
class ManifestRow:
    line: int
    deal_id: str
    recording: Path
    deal_title: str = ""
    client_company: str | None = None
    contact_name: str | None = None
    contact_phone: str | None = None
    product: str | None = None
    amount: Decimal | None = None
    currency: str = "RUB"
    manager: str | None = None
    manager_email: str | None = None
    manager_salary: Decimal | None = None
    status: str | None = None
    refusal_reason: str | None = None
    refusal_comment: str | None = None
    contract: str | None = None
    call_started_at: datetime | None = None
    # A problem with this row's own values (bad time, bad amount): imported, but reported.
    warning: str | None = None


def read_manifest(path: Path) -> list[ManifestRow]:
    path = Path(path)
    if not path.is_file():
        raise ManifestError(f"{path}: файл манифеста не найден")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ManifestError(f"{path}: не удаётся прочитать манифест ({exc})") from None
    if not text.strip():
        raise ManifestError(f"{path}: манифест пустой")
    if path.suffix.lower() == ".json" or text.lstrip().startswith(("[", "{")):
        raw_rows = _json_rows(path, text)
    else:
        raw_rows = _csv_rows(text)
    rows = [_to_row(path.parent, number, raw) for number, raw in raw_rows]
    if not rows:
        raise ManifestError(f"{path}: в манифесте нет ни одной строки")
    return rows


def _json_rows(path: Path, text: str) -> list[tuple[int, dict[str, Any]]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ManifestError(f"{path}: неверный JSON (строка {exc.lineno}: {exc.msg})") from None
    if isinstance(data, dict):
        data = data.get("rows") or data.get("recordings") or []
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise ManifestError(f"{path}: JSON-манифест должен быть списком объектов")
    return list(enumerate(data, start=1))


def _csv_rows(text: str) -> list[tuple[int, dict[str, Any]]]:
    first_line = text.splitlines()[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.DictReader(text.splitlines(), delimiter=delimiter)
    return [(reader.line_num, row) for row in reader]


def _canonical(raw: dict[str, Any]) -> dict[str, str]:
    lowered = {str(k).strip().lower(): v for k, v in raw.items() if k is not None}
    result: dict[str, str] = {}
    for field, names in ALIASES.items():
        for name in names:
            value = lowered.get(name)
            if value not in (None, ""):
                result[field] = str(value).strip()
                break
    return result


def _to_row(base: Path, number: int, raw: dict[str, Any]) -> ManifestRow:
    values = _canonical(raw)
    missing = [field for field in REQUIRED if not values.get(field)]
    if missing:
        raise ManifestError(f"строка {number}: нет обязательных полей: {', '.join(missing)}")
    warnings: list[str] = []
    started: datetime | None = None
    try:
        started = parse_call_time(values.get("call_started_at", ""))
    except ValueError as exc:
        warnings.append(str(exc))
    amount = _decimal(values.get("amount"), "сумма", warnings)
    salary = _decimal(values.get("manager_salary"), "оклад", warnings)
    recording = Path(values["recording"])
    if not recording.is_absolute():
        recording = base / recording
    return ManifestRow(
        line=number,
        deal_id=values["deal_id"],
        recording=recording,
        deal_title=values.get("deal_title", ""),
        client_company=values.get("client_company"),
        contact_name=values.get("contact_name"),
        contact_phone=values.get("contact_phone"),
        product=values.get("product"),
        amount=amount,
        currency=(values.get("currency") or "RUB").upper()[:3],
        manager=values.get("manager"),
        manager_email=values.get("manager_email"),
        manager_salary=salary,
        status=values.get("status"),
        refusal_reason=values.get("refusal_reason"),
        refusal_comment=values.get("refusal_comment"),
        contract=values.get("contract"),
        call_started_at=started,
        warning="; ".join(warnings) or None,
    )


def _decimal(text: str | None, what: str, warnings: list[str]) -> Decimal | None:
    if not text:
        return None
    try:
        return Decimal(text.replace(" ", "").replace("\u00a0", "").replace(",", "."))
    except InvalidOperation:
        warnings.append(f"неверное значение «{what}»: «{text}»")
        return None
