"""Read models the reviewer's workspace paints from: queue rows, a deal's card, timeline, turns.

Plain data, filled by ``storage`` queries and handed out by the services; no behaviour beyond
small derived properties, so the UI never needs a database object.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from qa_desk.domain.access import Capability
from qa_desk.domain.recordings import RecordingOrigin, RecordingState
from qa_desk.domain.statuses import Status

WAITING_STATUSES = frozenset({Status.CONDITIONAL_REFUSAL.value, Status.IN_REVIEW.value})
UNSUPPORTED = "refusal_reason_unsupported"  # the analysis flag: calls do not support the reason


def status_label(status: str) -> str:
    try:
        return Status(status).label
    except ValueError:
        return status


def status_rank(status: str) -> int:
    """Conditional refusals first, then deals in review, then the rest."""
    return {Status.CONDITIONAL_REFUSAL.value: 0, Status.IN_REVIEW.value: 1}.get(status, 2)


# --- queue ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class QueueFilter:
    """Empty fields mean "any". The period applies to the last status change (or creation)."""

    status: str | None = None
    manager_id: int | None = None
    contract_id: int | None = None
    since: date | None = None
    until: date | None = None


@dataclass(frozen=True, slots=True)
class QueueRow:
    deal_id: int
    external_id: str
    title: str
    client: str
    manager: str
    amount: Decimal | None
    currency: str
    status: str
    status_label: str
    refusal_reason: str
    contract: str
    waiting_days: int | None  # only for deals waiting for a reviewer
    unsupported: bool  # the engine says the calls do not support the refusal reason
    recordings: int
    failed: int
    untranscribed: int

    @property
    def rank(self) -> int:
        return status_rank(self.status)


@dataclass(frozen=True, slots=True)
class Choice:
    id: int
    name: str


@dataclass(frozen=True, slots=True)
class FilterChoices:
    managers: list[Choice]
    contracts: list[Choice]
    statuses: list[tuple[str, str]]  # value, label


# --- deal ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DealCard:
    deal_id: int
    external_id: str
    title: str
    client: str
    contact_name: str
    contact_phone: str
    product: str
    amount: Decimal | None
    currency: str
    manager: str
    status: str
    status_label: str
    refusal_reason: str
    refusal_comment: str
    contract: str
    status_changed_at: datetime | None
    manager_id: int | None = None
    version: int = 0  # the deal's version when read: a write may pass it back as ``expected_version``


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One recording of the deal, ``number`` counting from 1 in chronological order."""

    recording_id: int
    number: int
    path: str
    started_at: datetime | None
    started_source: str
    duration_ms: int | None
    channels: int | None
    state: RecordingState
    error: str | None
    origin: str = "crm"

    @property
    def is_callback(self) -> bool:
        """QC's verification call (recorded or attached in the app), not a manager's call."""
        return self.origin == RecordingOrigin.CALLBACK

    @property
    def title(self) -> str:
        """«Звонок 2», or «Проверочный звонок КК» (numbered when there are several)."""
        if self.is_callback:
            return "Проверочный звонок КК" + (f" {self.number}" if self.number > 1 else "")
        return f"Звонок {self.number}"

    @property
    def stereo(self) -> bool | None:
        return None if self.channels is None else self.channels >= 2


@dataclass(slots=True)
class TurnWord:
    start_ms: int
    end_ms: int
    text: str


@dataclass(slots=True)
class Turn:
    speaker: str
    start_ms: int
    end_ms: int
    text: str
    words: list[TurnWord] = field(default_factory=list)


@dataclass(slots=True)
class CallTranscript:
    entry: TimelineEntry
    turns: list[Turn] = field(default_factory=list)
    transcribed: bool = False


@dataclass
class StoredAnalysis:
    """The question engine's JSON result, plus which recording each result index refers to."""

    result: dict[str, Any]
    recording_ids: list[int] = field(default_factory=list)
    untranscribed: int = 0

    @property
    def questions(self) -> list[dict[str, Any]]:
        return list(self.result.get("questions", []))

    @property
    def flags(self) -> list[dict[str, Any]]:
        return list(self.result.get("flags", []))

    @property
    def reason_unsupported(self) -> bool:
        return any(f.get("code") == UNSUPPORTED for f in self.flags)

    def recording_id(self, index: int) -> int | None:
        return self.recording_ids[index] if 0 <= index < len(self.recording_ids) else None


@dataclass(slots=True)
class DealWorkspace:
    card: DealCard
    timeline: list[TimelineEntry]
    calls: list[CallTranscript]
    # The stored analysis when it matches the current transcripts; None: (re)compute it.
    analysis: StoredAnalysis | None = None
    # May the reader verify this deal's refusal («Проверить отказ»), and if not, why.
    can_review: Capability = field(default_factory=lambda: Capability(False))

    def entry(self, recording_id: int) -> TimelineEntry | None:
        return next((e for e in self.timeline if e.recording_id == recording_id), None)

    @property
    def words(self) -> int:
        return sum(len(t.words) for c in self.calls for t in c.turns)

    @property
    def waiting(self) -> bool:
        """Some call is not transcribed yet but will be."""
        return any(e.state.waiting for e in self.timeline)

    @property
    def manager_calls(self) -> list[TimelineEntry]:
        """The calls the question analysis covers (QC's callbacks left out)."""
        return [e for e in self.timeline if not e.is_callback]
