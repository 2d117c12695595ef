"""One manifest row's values, checked at the border.

Text is cleaned (line breaks and form feeds inside a one-line field become spaces, control
characters go) and held to the database column's length, so PostgreSQL gets what SQLite gets.
Amounts and salaries must be finite, non-negative and below a ceiling; a call's date between 1990
and next year. A value that fails is left out of the import with a message naming the row and the
field; a row without its deal or its recording is not imported at all.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from qa_desk.domain import crm_policy as policy
from qa_desk.domain.ordering import parse_call_time
from qa_desk.storage.models import Contract, Deal, Manager

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
LABELS: dict[str, str] = {
    "deal_id": "id сделки",
    "deal_title": "название",
    "manager_email": "e-mail менеджера",
    "manager_salary": "оклад",
    "recording": "запись",
    "call_started_at": "время звонка",
    **{k: v for k, v in policy.FIELD_LABELS.items() if k != "title"},
}


def _length(column: Any) -> int | None:
    return getattr(column.type, "length", None)


# The column each text field is stored in: one source for the limits.
_COLUMNS = {
    "deal_id": Deal.__table__.c.external_id,
    "deal_title": Deal.__table__.c.title,
    "client_company": Deal.__table__.c.client_company,
    "contact_name": Deal.__table__.c.contact_name,
    "contact_phone": Deal.__table__.c.contact_phone,
    "product": Deal.__table__.c.product,
    "manager": Manager.__table__.c.name,
    "manager_email": Manager.__table__.c.email,
    "refusal_reason": Deal.__table__.c.refusal_reason,
    "contract": Contract.__table__.c.name,
}
MAX_LENGTH: dict[str, int] = {
    name: n for name, column in _COLUMNS.items() if (n := _length(column)) is not None
} | {"refusal_comment": 10_000, "recording": 4096}
MULTILINE = frozenset({"refusal_comment"})
_CURRENCY_ALIASES = {"РУБ": "RUB", "РУБ.": "RUB", "₽": "RUB", "RUR": "RUB", "Р": "RUB", "$": "USD", "€": "EUR"}
_BREAKS = re.compile(r"\r\n|[\r\n\f\v\x85\u2028\u2029]")


class RowRejected(ValueError):
    """The row cannot be imported (its deal or recording is missing or unusable)."""


@dataclass(frozen=True, slots=True)
class ManifestRow:
    line: int
    deal_id: str
    recording: Path
    where: str = ""  # «строка 4» (CSV) or «запись 3» (JSON): how messages name the row
    deal_title: str = ""
    client_company: str | None = None
    contact_name: str | None = None
    contact_phone: str | None = None
    product: str | None = None
    amount: Decimal | None = None
    currency: str | None = None
    manager: str | None = None
    manager_email: str | None = None
    manager_salary: Decimal | None = None
    status: str | None = None
    refusal_reason: str | None = None
    refusal_comment: str | None = None
    contract: str | None = None
    call_started_at: datetime | None = None
    # Values left out of the import, each «поле: причина» (the row itself is imported).
    problems: tuple[str, ...] = field(default_factory=tuple)

    @property
    def warning(self) -> str | None:
        return "; ".join(self.problems) or None


def canonical(raw: Mapping[Any, Any]) -> tuple[dict[str, str], list[str]]:
    """Known fields by their canonical names; values that are not plain text are reported."""
    lowered = {str(k).strip().lower(): v for k, v in raw.items() if k is not None}
    result: dict[str, str] = {}
    problems: list[str] = []
    for name, aliases in ALIASES.items():
        for alias in aliases:
            value = lowered.get(alias)
            if value is None or value == "":
                continue
            if isinstance(value, dict | list):
                problems.append(f"{LABELS[name]}: вместо значения вложенная структура")
            else:
                result[name] = str(value)
            break
    return result, problems


def to_row(base: Path, line: int, where: str, raw: Mapping[Any, Any]) -> ManifestRow:
    """A checked row; raises ``RowRejected`` when the deal or the recording is missing."""
    values, problems = canonical(raw)
    deal_id = _identifier(values.get("deal_id"), "deal_id")
    recording = _recording(base, values.get("recording"))
    text: dict[str, str | None] = {}
    for name in ("deal_title", "client_company", "contact_name", "contact_phone", "product", "manager",
                 "manager_email", "refusal_reason", "refusal_comment", "contract"):
        text[name] = _text(values.get(name), name, problems)
    email = text["manager_email"]
    if email is not None and ("@" not in email or " " in email):
        problems.append(f"{LABELS['manager_email']}: «{email}» — не адрес почты")
        text["manager_email"] = None
    return ManifestRow(
        line=line,
        where=where,
        deal_id=deal_id,
        recording=recording,
        deal_title=text["deal_title"] or "",
        client_company=text["client_company"],
        contact_name=text["contact_name"],
        contact_phone=text["contact_phone"],
        product=text["product"],
        amount=_money(values.get("amount"), "amount", policy.MAX_DEAL_AMOUNT, problems),
        currency=_currency(values.get("currency"), problems),
        manager=text["manager"],
        manager_email=text["manager_email"],
        manager_salary=_money(values.get("manager_salary"), "manager_salary", policy.MAX_SALARY, problems),
        status=_status(values.get("status"), problems),
        refusal_reason=text["refusal_reason"],
        refusal_comment=text["refusal_comment"],
        contract=text["contract"],
        call_started_at=_call_time(values.get("call_started_at"), problems),
        problems=tuple(problems),
    )


def clean(value: str, *, multiline: bool = False) -> str:
    """Line breaks unified (multi-line) or turned into spaces (one line); control characters dropped."""
    value = _BREAKS.sub("\n" if multiline else " ", value)
    kept = "".join(c for c in value if c in "\n\t" or unicodedata.category(c) != "Cc")
    if not multiline:
        kept = " ".join(kept.split())
    return kept.strip()


def _identifier(raw: str | None, name: str) -> str:
    value = (raw or "").strip()
    if not value:
        raise RowRejected(f"нет обязательного поля «{name}»")
    if any(unicodedata.category(c) == "Cc" for c in value) or _BREAKS.search(value):
        raise RowRejected(f"{LABELS[name]} «{clean(value)}» содержит перевод строки или управляющий символ")
    if len(value) > MAX_LENGTH[name]:
        raise RowRejected(f"{LABELS[name]} длиннее {MAX_LENGTH[name]} символов")
    return value


def _recording(base: Path, raw: str | None) -> Path:
    value = (raw or "").strip()
    if not value:
        raise RowRejected("нет обязательного поля «recording»")
    if any(unicodedata.category(c) == "Cc" for c in value):
        raise RowRejected("путь к записи содержит перевод строки или управляющий символ")
    if len(value) > MAX_LENGTH["recording"]:
        raise RowRejected(f"путь к записи длиннее {MAX_LENGTH['recording']} символов")
    path = Path(value)
    return path if path.is_absolute() else base / path


def _text(raw: str | None, name: str, problems: list[str]) -> str | None:
    if raw is None:
        return None
    value = clean(raw, multiline=name in MULTILINE)
    limit = MAX_LENGTH.get(name)
    if limit is not None and len(value) > limit:
        problems.append(f"{LABELS[name]}: длиннее {limit} символов ({len(value)}), не импортировано")
        return None
    return value or None


def _money(raw: str | None, name: str, ceiling: Decimal, problems: list[str]) -> Decimal | None:
    if raw is None or not raw.strip():
        return None
    try:
        return policy.parse_amount(raw, ceiling)
    except policy.ValueProblem as exc:
        problems.append(f"{LABELS[name]}: {exc}")
        return None


def _currency(raw: str | None, problems: list[str]) -> str | None:
    if raw is None or not raw.strip():
        return None
    value = clean(raw).upper()
    value = _CURRENCY_ALIASES.get(value, value)
    if not re.fullmatch(r"[A-Z]{3}", value):
        problems.append(f"{LABELS['currency']}: «{clean(raw)}» — не код валюты (RUB, USD, EUR…)")
        return None
    return value


def _status(raw: str | None, problems: list[str]) -> str | None:
    if raw is None or not raw.strip():
        return None
    status = policy.parse_status(clean(raw))
    if status is None:
        problems.append(f"{LABELS['status']}: неизвестный статус «{clean(raw)}»")
        return None
    return status.value


def _call_time(raw: str | None, problems: list[str]) -> datetime | None:
    if raw is None or not raw.strip():
        return None
    label = LABELS["call_started_at"]
    try:
        moment = parse_call_time(clean(raw))
    except (ValueError, OverflowError):
        problems.append(f"{label}: «{clean(raw)}» не разобрано (пример: 2026-03-05T14:22 или 05.03.2026 14:22)")
        return None
    try:
        return policy.check_call_time(moment) if moment is not None else None
    except policy.ValueProblem as exc:
        problems.append(f"{label}: {exc}")
        return None


CRM_TEXT_FIELDS = ("deal_title", "client_company", "contact_name", "contact_phone", "product", "manager",
                   "refusal_reason", "refusal_comment")


def crm_values(raw: Mapping[str, str | None], problems: list[str]) -> dict[str, Any]:
    """A CRM connector's deal values checked as a manifest row's are (same limits, same messages):
    text fields by ``CRM_TEXT_FIELDS`` name, ``amount`` and ``currency``; a value that fails is None
    and its reason is added to ``problems``."""
    checked: dict[str, Any] = {name: _text(raw.get(name), name, problems) for name in CRM_TEXT_FIELDS}
    checked["amount"] = _money(raw.get("amount"), "amount", policy.MAX_DEAL_AMOUNT, problems)
    checked["currency"] = _currency(raw.get("currency"), problems)
    return checked
