"""What a CRM export may write on a deal, and what belongs to the refusal workflow.

The one rule set for every way deals come in (the manifest import, a CRM connector):

* A deal's **card** (title, client, contact, product, amount, currency, contract) follows the CRM:
  a later export updates it, and every change is audited (before → after).
* Its **workflow fields** (status, manager, refusal reason and comment) follow the CRM only until a
  person acts on the deal in QA Desk. From then on QC's value wins: an export that says otherwise
  leaves the deal as it is, and the conflict is written to the deal's history and reported.
  The status and the refusal reason become QC's with any person's action on the deal (a refusal, a
  review, a verdict, a reassignment, an attached callback); the manager with a reassignment or a
  verdict.
* Verdicts, penalties and the facts the client confirmed on the callback are never written by an
  import at all (they are not import fields).
* An empty value in the export never erases what the deal has.

A CRM connector's pull (``services.crm_sync``) follows the very same rules and writes the same
audit actions; its own actions (connect, mappings, sync, push) are registered here too.

Pure: no database, no I/O. The importer feeds it the deal's current values and its history.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from qa_desk.domain.statuses import Status

# --- fields ---------------------------------------------------------------------------------------

CARD_FIELDS: tuple[str, ...] = (
    "title",
    "client_company",
    "contact_name",
    "contact_phone",
    "product",
    "amount",
    "currency",
    "contract",
)
WORKFLOW_FIELDS: tuple[str, ...] = ("status", "manager", "refusal_reason", "refusal_comment")
# Written only by the workflow, never by an import (listed so a connector can check its mapping).
NEVER_IMPORTED: tuple[str, ...] = (
    "verdict",
    "penalty",
    "verified_budget",
    "verified_timing",
    "verified_notes",
    "verified_at",
)
IMPORT_FIELDS: tuple[str, ...] = CARD_FIELDS + WORKFLOW_FIELDS

FIELD_LABELS: dict[str, str] = {
    "status": "статус",
    "manager": "менеджер",
    "refusal_reason": "причина отказа",
    "refusal_comment": "комментарий к отказу",
    "title": "название",
    "client_company": "клиент",
    "contact_name": "контакт",
    "contact_phone": "телефон",
    "product": "продукт",
    "amount": "сумма",
    "currency": "валюта",
    "contract": "договор",
}

# Fields a person's action in the workflow claims, by audit action; any other person's action on
# the deal claims ``_STATUS_GROUP``.
_STATUS_GROUP = frozenset({"status", "refusal_reason", "refusal_comment"})
_MANAGER_ACTIONS = frozenset({"reassign", "verdict"})

# --- audit actions the import writes ----------------------------------------------------------------

IMPORT_ACTOR = "импорт"
IMPORT_CREATED = "import"  # a new deal from the CRM
IMPORT_UPDATED = "import_update"  # card or workflow fields changed by the CRM (before → after)
IMPORT_CONFLICT = "import_conflict"  # the CRM said otherwise; QC's value was kept
IMPORT_ACTIONS = frozenset({IMPORT_CREATED, IMPORT_UPDATED, IMPORT_CONFLICT})
IMPORT_ACTION_LABELS: dict[str, str] = {
    IMPORT_CREATED: "Импорт из CRM",
    IMPORT_UPDATED: "Обновление из CRM",
    IMPORT_CONFLICT: "Конфликт с CRM: оставлено решение QC",
}

# --- audit actions of the CRM connectors (a pull writes the import's actions above) -----------------

CRM_ACTOR = "синхронизация с CRM"  # a connector's pull or push (who started it is in its own entry)
CRM_PUSHED = "crm_push"  # a verdict delivered to the CRM (not a person's action on the deal)
CRM_CONNECTED, CRM_CHECKED, CRM_LISTS, CRM_MAPPING = "crm_connect", "crm_check", "crm_lists", "crm_mapping"
CRM_SYNCED, CRM_PUSH_ASKED, CRM_RETRY = "crm_sync", "crm_push_now", "crm_retry"
CRM_ACTION_LABELS: dict[str, str] = {
    CRM_PUSHED: "Отправлено в CRM",
    CRM_CONNECTED: "Подключение CRM",
    CRM_CHECKED: "Проверка подключения к CRM",
    CRM_LISTS: "Списки этапов, причин и пользователей из CRM",
    CRM_MAPPING: "Соответствие CRM изменено",
    CRM_SYNCED: "Синхронизация с CRM",
    CRM_PUSH_ASKED: "Отправка в CRM запущена вручную",
    CRM_RETRY: "Повторная отправка в CRM",
}
# Entries that are no person's action on the deal, so they claim none of its fields.
SYSTEM_ACTIONS = IMPORT_ACTIONS | {CRM_PUSHED}


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One row of a deal's audit trail, as the policy needs it."""

    action: str
    before: Mapping[str, object] | None = None
    after: Mapping[str, object] | None = None


def owned_by_workflow(history: Iterable[HistoryEntry]) -> frozenset[str]:
    """The workflow fields a person has taken over (see the module's rules)."""
    owned: set[str] = set()
    for entry in history:
        if entry.action in SYSTEM_ACTIONS:
            continue
        owned |= _STATUS_GROUP
        if entry.action in _MANAGER_ACTIONS or _manager_changed(entry):
            owned.add("manager")
    return frozenset(owned)


def _manager_changed(entry: HistoryEntry) -> bool:
    before, after = entry.before or {}, entry.after or {}
    return any(key in after and before.get(key) != after.get(key) for key in ("manager_id", "manager"))


@dataclass(frozen=True, slots=True)
class Merge:
    """What an export does to an existing deal."""

    changes: dict[str, tuple[object, object]] = field(default_factory=dict)  # field: (before, after)
    conflicts: dict[str, tuple[object, object]] = field(default_factory=dict)  # field: (kept, CRM's)

    @property
    def empty(self) -> bool:
        return not self.changes and not self.conflicts


def merge(current: Mapping[str, object], incoming: Mapping[str, object], owned: frozenset[str]) -> Merge:
    """Apply the rules to one deal: ``current`` and ``incoming`` map import fields to values."""
    result = Merge()
    for name in IMPORT_FIELDS:
        new = incoming.get(name)
        if new is None or new == "":
            continue
        old = current.get(name)
        if _same(old, new):
            continue
        if name in owned:
            result.conflicts[name] = (old, new)
        else:
            result.changes[name] = (old, new)
    return result


def _same(old: object, new: object) -> bool:
    if isinstance(old, Decimal | int) and isinstance(new, Decimal | int):
        return Decimal(old) == Decimal(new)
    return old == new


def shown(name: str, value: object) -> str:
    """A field's value as a person reads it («Условный отказ», «1 200 000»)."""
    if value is None or value == "":
        return "—"
    if name == "status":
        try:
            return Status(str(value)).label
        except ValueError:
            return str(value)
    if name == "amount":
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            return str(value)
        if number.is_finite():
            text = f"{number:,.2f}".replace(",", "\u00a0").removesuffix(".00")
            return text.replace(".", ",")
    return str(value)


def describe(changes: Mapping[str, tuple[object, object]], *, conflict: bool = False) -> str:
    """«сумма: 1 200 000 → 1 500 000; менеджер: …» or, for conflicts, what each side says."""
    parts = []
    for name, (left, right) in changes.items():
        label = FIELD_LABELS.get(name, name)
        if conflict:
            parts.append(f"{label}: в CRM «{shown(name, right)}», оставлено «{shown(name, left)}»")
        else:
            parts.append(f"{label}: {shown(name, left)} → {shown(name, right)}")
    return "; ".join(parts)


# --- values at the border ---------------------------------------------------------------------------

MAX_DEAL_AMOUNT = Decimal(10) ** 11  # 100 billion roubles: far above any deal, far below the column
MAX_SALARY = Decimal(10) ** 8  # 100 million roubles a month
FIRST_CALL_YEAR = 1990
_KOPECK = Decimal("0.01")
_CURRENCY_SUFFIX = re.compile(r"(₽|руб(лей|ля|ль)?\.?|р\.|rub|rur)$", re.IGNORECASE)
_NUMBER = re.compile(r"\d+(\.\d+)?")


class ValueProblem(ValueError):
    """A value an export cannot carry; ``str()`` is the Russian reason (without the field's name)."""


def parse_amount(text: str, ceiling: Decimal = MAX_DEAL_AMOUNT) -> Decimal:
    """«1 200 000», «1200000,50», «85 000 руб.» → Decimal; negative, non-finite, exponent notation
    and anything at or above ``ceiling`` are refused."""
    raw = text.strip()
    cleaned = _CURRENCY_SUFFIX.sub("", raw).strip()
    cleaned = re.sub(r"[\s\u00a0\u202f']", "", cleaned).replace(",", ".")
    if cleaned.startswith(("-", "−")) and _NUMBER.fullmatch(cleaned[1:]):
        raise ValueProblem(f"отрицательное значение «{raw}»")
    if not _NUMBER.fullmatch(cleaned):
        raise ValueProblem(f"«{raw}» — не число (пример: 1 200 000 или 85000,50)")
    try:
        value = Decimal(cleaned).quantize(_KOPECK, rounding=ROUND_HALF_UP)
    except InvalidOperation:
        raise ValueProblem(f"«{raw}» — не число") from None
    if value >= ceiling:
        raise ValueProblem(f"«{raw}» — больше допустимого ({shown('amount', ceiling)})")
    return value


def check_call_time(moment: datetime, today: date | None = None) -> datetime:
    """A call's start between 1990 and the end of next year."""
    today = today or date.today()
    if not FIRST_CALL_YEAR <= moment.year <= today.year + 1:
        raise ValueProblem(
            f"дата {moment:%d.%m.%Y} вне допустимого диапазона ({FIRST_CALL_YEAR}–{today.year + 1})"
        )
    return moment


_STATUS_NAMES: dict[str, Status] = {
    **{s.value: s for s in Status},
    **{s.label.casefold(): s for s in Status},
}


def parse_status(text: str) -> Status | None:
    """A status by its code (``conditional_refusal``) or its Russian name («Условный отказ»)."""
    return _STATUS_NAMES.get(text.strip().casefold())
