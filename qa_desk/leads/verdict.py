"""A lead's verdict under a contract: засчитан, не засчитан (which question and why), or спорный.

Automatic: every required question passed → засчитан; a call that could not be transcribed (or is
not transcribed yet) and anything short of that → спорный (the answer may be in the lost call);
a required question failed → не засчитан; only unsure ones → спорный.

A reviewer's decision on a finding (confirmed, or overridden to passed/failed, with a comment) is
applied on top and never replaced by a new automatic check; the decision made against another
automatic result is marked. A question a person marked failed makes the lead не засчитан even
with a lost call: the person listened.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from qa_desk.domain.russian import plural
from qa_desk.leads.contract import LeadContract
from qa_desk.leads.findings import Finding, FindingStatus, evaluate


class LeadStatus(StrEnum):
    QUALIFIED = "qualified"
    REJECTED = "rejected"
    DISPUTED = "disputed"

    @property
    def label(self) -> str:
        return {"qualified": "засчитан", "rejected": "не засчитан", "disputed": "спорный"}[self.value]


class CallState(StrEnum):
    TRANSCRIBED = "transcribed"
    FAILED = "failed"
    PENDING = "pending"

    @property
    def label(self) -> str:
        return {"transcribed": "распознан", "failed": "не распознан", "pending": "ещё не распознан"}[self.value]


@dataclass(frozen=True, slots=True)
class CallInfo:
    """One call of the lead, in chronological order (``index`` is the analysis' recording index)."""

    recording_id: int | None
    state: CallState
    started_at: datetime | None = None
    error: str | None = None
    name: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "recording_id": self.recording_id,
            "state": self.state.value,
            "name": self.name,
            "started_at": self.started_at.isoformat() if self.started_at else None,
            "error": self.error,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CallInfo:
        started = data.get("started_at")
        return cls(
            data.get("recording_id"),
            CallState(data["state"]),
            datetime.fromisoformat(started) if started else None,
            data.get("error"),
            str(data.get("name", "")),
        )


class DecisionKind(StrEnum):
    CONFIRMED = "confirmed"
    PASSED = "passed"
    FAILED = "failed"

    @property
    def label(self) -> str:
        return {
            "confirmed": "подтверждено",
            "passed": "засчитано проверяющим",
            "failed": "не засчитано проверяющим",
        }[self.value]


@dataclass(frozen=True, slots=True)
class Decision:
    """A reviewer's decision on one finding (the latest per question applies)."""

    question_id: str
    kind: DecisionKind
    auto_status: FindingStatus  # the automatic result the reviewer saw
    comment: str
    by_login: str
    by_name: str
    at: datetime

    def status(self) -> FindingStatus:
        if self.kind is DecisionKind.CONFIRMED:
            return self.auto_status
        return FindingStatus(self.kind.value)


@dataclass(frozen=True, slots=True)
class Judged:
    """A finding with the human decision applied."""

    finding: Finding
    decision: Decision | None = None

    @property
    def status(self) -> FindingStatus:
        return self.decision.status() if self.decision else self.finding.status

    @property
    def stale(self) -> bool:
        """The decision was made against another automatic result than the current one."""
        return self.decision is not None and self.decision.auto_status is not self.finding.status


@dataclass(frozen=True, slots=True)
class LeadVerdict:
    status: LeadStatus
    reason: str
    findings: tuple[Judged, ...] = ()
    calls: tuple[CallInfo, ...] = field(default_factory=tuple)

    @property
    def failed_questions(self) -> list[str]:
        return [
            j.finding.question_id
            for j in self.findings
            if j.finding.required and j.status is FindingStatus.FAILED
        ]


def check_lead(contract: LeadContract, questions: Sequence[Any], calls: Sequence[CallInfo]) -> list[Finding]:
    """Automatic findings from the engine's question results (``DealAnalysis.questions``) and the calls.

    The engine's recording indexes count only the transcribed calls; findings use the index in ``calls``.
    """
    by_id = {getattr(q, "id", None): q for q in questions}
    transcribed = [i for i, c in enumerate(calls) if c.state is CallState.TRANSCRIBED]
    dates: list[date | None] = [_day(calls[i].started_at) for i in transcribed]
    findings = []
    for rule in contract.rules:
        finding = evaluate(rule, by_id.get(rule.question_id), dates, contract.min_confidence)
        findings.append(_reindex(finding, transcribed))
    return findings


def judge(
    findings: Sequence[Finding], calls: Sequence[CallInfo], decisions: Sequence[Decision] = ()
) -> LeadVerdict:
    """The lead's verdict from its findings, its calls and the reviewers' decisions."""
    latest: dict[str, Decision] = {}
    for decision in sorted(decisions, key=lambda d: d.at):
        latest[decision.question_id] = decision
    judged = tuple(Judged(f, latest.get(f.question_id)) for f in findings)
    required = [j for j in judged if j.finding.required]
    lost = [i for i, c in enumerate(calls) if c.state is not CallState.TRANSCRIBED]
    failed = [j for j in required if j.status is FindingStatus.FAILED]
    by_person = [j for j in failed if j.decision is not None]
    unsure = [j for j in required if j.status is FindingStatus.UNSURE]
    if not calls:
        return LeadVerdict(LeadStatus.DISPUTED, "у лида нет звонков", judged, tuple(calls))
    if not failed and not unsure:
        note = f"; {_lost_text(calls, lost)}" if lost else ""
        return LeadVerdict(
            LeadStatus.QUALIFIED, "все обязательные вопросы выполнены" + note, judged, tuple(calls)
        )
    if by_person:
        return LeadVerdict(LeadStatus.REJECTED, _failed_text(by_person), judged, tuple(calls))
    if lost:
        open_ = "; ".join(f"«{j.finding.title}»" for j in failed + unsure)
        return LeadVerdict(
            LeadStatus.DISPUTED,
            f"{_lost_text(calls, lost)}; без него не выполнено: {open_}",
            judged,
            tuple(calls),
        )
    if failed:
        return LeadVerdict(LeadStatus.REJECTED, _failed_text(failed), judged, tuple(calls))
    reasons = "; ".join(f"«{j.finding.title}» — {j.finding.reason}" for j in unsure)
    return LeadVerdict(LeadStatus.DISPUTED, reasons, judged, tuple(calls))


def _day(moment: datetime | None) -> date | None:
    return moment.date() if moment is not None else None


def _failed_text(failed: Sequence[Judged]) -> str:
    parts = []
    for j in failed:
        why = j.finding.reason if j.decision is None else f"{j.decision.kind.label}: {j.decision.comment}"
        parts.append(f"«{j.finding.title}» — {why}")
    return "; ".join(parts)


def _lost_text(calls: Sequence[CallInfo], lost: list[int]) -> str:
    numbers = ", ".join(str(i + 1) for i in lost)
    noun = plural(len(lost), ("звонок", "звонки", "звонки"))
    verb = "не распознан" if len(lost) == 1 else "не распознаны"
    if all(calls[i].state is CallState.PENDING for i in lost):
        verb = f"ещё {verb}"
    errors = [calls[i].error for i in lost if calls[i].error]
    detail = f" ({errors[0]})" if errors else ""
    return f"{noun} {numbers} {verb}{detail}"


def _reindex(finding: Finding, transcribed: list[int]) -> Finding:
    """Engine recording index (among transcribed calls) → index among all the lead's calls."""

    def fix(moment: Any) -> Any:
        if moment is None or not 0 <= moment.call < len(transcribed):
            return moment
        return replace(moment, call=transcribed[moment.call])

    return replace(
        finding, asked=fix(finding.asked), answer=fix(finding.answer), evasion=fix(finding.evasion)
    )
