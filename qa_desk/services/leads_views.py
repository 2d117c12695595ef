"""Read models of lead verification: what the CLI, the view and the evidence pack are built from."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from qa_desk.evidence.model import PackCall
from qa_desk.leads import (
    CallInfo,
    CallState,
    Decision,
    DecisionKind,
    Finding,
    FindingStatus,
    Judged,
    LeadContract,
    LeadStatus,
    LeadVerdict,
    judge,
    parse_contract,
)

if TYPE_CHECKING:
    from qa_desk.storage.leads_models import ContractVersion, LeadCheck, LeadDecision
    from qa_desk.storage.models import Deal


@dataclass(frozen=True, slots=True)
class ContractInfo:
    contract_id: int
    version_id: int
    name: str
    client: str
    version: int
    sha256: str
    created_by: str
    created_at: datetime
    text: str
    comment: str | None = None

    @property
    def parsed(self) -> LeadContract:
        return parse_contract(self.text, f"{self.name} (версия {self.version})")

    @property
    def label(self) -> str:
        return f"{self.name}, версия {self.version} ({self.sha256[:12]})"


@dataclass(frozen=True, slots=True)
class LeadRow:
    deal_id: int
    external_id: str
    title: str
    company: str
    contact: str
    phone: str
    manager: str
    status: LeadStatus  # with the reviewers' decisions applied
    auto_status: LeadStatus
    reason: str
    failed: tuple[str, ...]  # titles of the failed required questions
    checked_at: datetime
    checked_by: str
    decisions: int
    calls: int
    lost_calls: int
    answers: tuple[tuple[str, str], ...] = ()  # (question title, «выполнено: 500 000 ₽»), decisions applied


@dataclass(frozen=True, slots=True)
class LeadDetail:
    row: LeadRow
    contract: ContractInfo
    calls: tuple[PackCall, ...]
    verdict: LeadVerdict
    auto_reason: str
    engine_version: str
    history: tuple[Decision, ...] = field(default_factory=tuple)

    @property
    def findings(self) -> tuple[Judged, ...]:
        return self.verdict.findings


def contract_info(version: ContractVersion, name: str, client: str | None) -> ContractInfo:
    return ContractInfo(
        version.contract_id,
        version.id,
        name,
        client or "",
        version.version,
        version.sha256,
        version.created_by,
        version.created_at,
        version.text,
        version.comment,
    )


def to_decision(row: LeadDecision, names: dict[str, str] | None = None) -> Decision:
    return Decision(
        row.question_id,
        DecisionKind(row.decision),
        FindingStatus(row.auto_status),
        row.comment,
        row.decided_by,
        row.decided_by_name or (names or {}).get(row.decided_by, row.decided_by),
        row.decided_at,
    )


def calls_of(check: LeadCheck) -> tuple[PackCall, ...]:
    """The lead's calls as stored with its check (the evidence pack's shape)."""
    out = []
    for index, data in enumerate(check.calls):
        info = CallInfo.from_json(data)
        path = str(data.get("path") or "")
        out.append(
            PackCall(
                index,
                info.name or Path(path).name,
                Path(path) if path else None,
                data.get("sha256"),
                info.state,
                info.started_at,
                data.get("duration_s"),
                data.get("channels"),
                info.error,
                data.get("model"),
            )
        )
    return tuple(out)


def verdict_of(check: LeadCheck, decisions: list[Decision]) -> LeadVerdict:
    findings = [Finding.from_json(f.data) for f in check.findings]
    calls = [CallInfo.from_json(c) for c in check.calls]
    return judge(findings, calls, decisions)


def lead_row(deal: Deal, check: LeadCheck, verdict: LeadVerdict, decisions: int) -> LeadRow:
    failed = tuple(
        j.finding.title for j in verdict.findings if j.finding.required and j.status is FindingStatus.FAILED
    )
    lost = sum(1 for c in verdict.calls if c.state is not CallState.TRANSCRIBED)
    answers = tuple((j.finding.title, _answer(j)) for j in verdict.findings)
    return LeadRow(
        deal.id,
        deal.external_id,
        deal.title or deal.external_id,
        deal.client_company or "",
        deal.contact_name or "",
        deal.contact_phone or "",
        deal.manager.name if deal.manager else "",
        verdict.status,
        LeadStatus(check.verdict),
        verdict.reason,
        failed,
        check.checked_at,
        check.checked_by,
        decisions,
        len(verdict.calls),
        lost,
        answers,
    )


def _answer(judged: Judged) -> str:
    text = judged.status.label
    if judged.finding.value_text not in ("", "—"):
        text += f": {judged.finding.value_text}"
    return text + (" (решение проверяющего)" if judged.decision is not None else "")
