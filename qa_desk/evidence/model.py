"""What a pack is built from: the contract, each lead with its verdict, calls and findings.

Plain data, filled by ``services.evidence`` from the stored checks; nothing here reads a database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from qa_desk.leads import CallState, LeadContract, LeadStatus, LeadVerdict


@dataclass(frozen=True, slots=True)
class PackCall:
    index: int  # 0-based, chronological
    name: str  # the original file's name
    path: Path | None  # where the original is on this machine
    sha256: str | None
    state: CallState
    started_at: datetime | None = None
    duration_s: float | None = None
    channels: int | None = None
    error: str | None = None
    model: str | None = None

    @property
    def number(self) -> int:
        return self.index + 1


@dataclass(frozen=True, slots=True)
class PackLead:
    id: str  # the CRM id
    title: str
    company: str
    contact: str
    phone: str
    manager: str
    verdict: LeadVerdict  # with the reviewers' decisions applied
    auto_status: LeadStatus
    auto_reason: str
    calls: tuple[PackCall, ...]
    checked_at: datetime
    checked_by: str
    engine_version: str

    @property
    def slug(self) -> str:
        return (
            "".join(ch if ch.isascii() and (ch.isalnum() or ch in "._-") else "_" for ch in self.id) or "lead"
        )


@dataclass(frozen=True, slots=True)
class Builder:
    login: str
    name: str
    role: str


@dataclass(frozen=True, slots=True)
class PackInput:
    contract: LeadContract
    contract_version: int
    leads: tuple[PackLead, ...]
    built_by: Builder
    built_at: datetime
    app_version: str
    engine_version: str
    mask_pii: bool = False
    title: str = field(default="")
