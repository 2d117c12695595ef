"""Neutral value objects both connectors return and the sync service stores."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from qa_desk.crm.errors import CrmResponseError


class StageKind(StrEnum):
    OPEN = "open"
    WON = "won"
    LOST = "lost"


@dataclass(frozen=True, slots=True)
class CrmStage:
    id: str  # amoCRM: "pipeline_id:status_id"; Bitrix24: STAGE_ID ("C1:LOSE")
    name: str
    pipeline: str
    kind: StageKind = StageKind.OPEN


@dataclass(frozen=True, slots=True)
class CrmUser:
    id: str
    name: str
    email: str | None = None


@dataclass(frozen=True, slots=True)
class CrmReason:
    id: str
    name: str


@dataclass(frozen=True, slots=True)
class CrmDeal:
    id: str
    title: str
    stage_id: str
    updated_at: datetime  # naive UTC
    responsible_id: str | None = None
    loss_reason_id: str | None = None
    amount: Decimal | None = None
    currency: str | None = None
    contact_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CrmCall:
    id: str  # stable per CRM: the note's ``uniq``/id, the activity's ID
    deal_id: str
    started_at: datetime | None  # naive UTC
    duration_s: int | None = None
    phone: str | None = None
    direction: str | None = None  # in | out
    url: str | None = None  # a direct link (amoCRM), or None until resolved
    file_id: str | None = None  # Bitrix24 Disk file id, resolved to a link with disk.file.get


@dataclass(frozen=True, slots=True)
class AccountInfo:
    name: str
    id: str | None = None


@dataclass
class PushPlan:
    """What one verdict asks of the CRM, already in the CRM's ids."""

    deal_id: str
    stage_id: str | None = None
    loss_reason_id: str | None = None
    responsible_id: str | None = None
    note: str = ""
    marker: str = ""  # a line inside the note that makes it findable: the push's idempotency key
    extra: dict[str, Any] = field(default_factory=dict)


M = TypeVar("M", bound=BaseModel)


def validated(model: type[M], data: Any, where: str) -> M:
    """``model`` from ``data``; a missing or renamed field names the endpoint and the field."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        path = ".".join(str(p) for p in first["loc"]) or "(весь ответ)"
        problem = "нет поля" if first["type"] == "missing" else f"неверное значение поля ({first['msg']})"
        raise CrmResponseError(f"{where}: {problem} «{path}»") from None
