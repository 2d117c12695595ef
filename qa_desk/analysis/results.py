"""Plain result dataclasses of a deal analysis, with ``to_json()``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from qa_desk.domain.transcript import RecordingTranscript


@dataclass(slots=True)
class Evidence:
    """Where something happened: recording index (0-based), seconds, speaker, quote, value."""

    recording: int
    start: float
    end: float
    speaker: str
    quote: str
    value: dict[str, Any] | None = None
    volunteered: bool = False
    confidence: float = 1.0
    later_call: bool = False  # answered in a later call than the question was first asked in

    def to_json(self, with_value: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {
            "recording": self.recording,
            "start": round(self.start, 2),
            "end": round(self.end, 2),
            "speaker": self.speaker,
            "quote": self.quote,
            "confidence": self.confidence,
        }
        if with_value:
            data["value"] = self.value
            data["volunteered"] = self.volunteered
            data["later_call"] = self.later_call
        return data


@dataclass(slots=True)
class QuestionResult:
    id: str
    title: str
    kind: str
    asked_evidence: list[Evidence] = field(default_factory=list)
    answer_evidence: list[Evidence] = field(default_factory=list)
    evasions: list[Evidence] = field(default_factory=list)
    # index in ``answer_evidence`` of the answer the card shows; None: the latest. The engine pins the first
    # reply to a question it is sure was asked when a later mention only repeats or elaborates it.
    primary: int | None = None
    pinned_by_form: bool = False  # the pinned reply answers a need asked by its form only (pairing.record)
    pinned_read_back: bool = False  # and it answers our read-back (acts.reads_back)
    first_reply: int | None = None  # the first reply in its call to a question asked unsure (pairing.record)
    first_held: bool = False  # that reply carried nothing of the question: held, recorded as its window closed

    @property
    def asked(self) -> bool:
        return bool(self.asked_evidence)

    @property
    def answered(self) -> bool:
        return bool(self.answer_evidence)

    @property
    def primary_answer(self) -> Evidence | None:
        """The answer the card shows (its value is ``value``)."""
        if not self.answer_evidence:
            return None
        if self.primary is not None and 0 <= self.primary < len(self.answer_evidence):
            return self.answer_evidence[self.primary]
        return self.answer_evidence[-1]

    @property
    def value(self) -> dict[str, Any] | None:
        """The card's answer's value (by default the latest: a later call overrides an earlier one)."""
        primary = self.primary_answer
        return primary.value if primary is not None else None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "answer_kind": self.kind,
            "asked": self.asked,
            "answered": self.answered,
            "value": self.value,
            "asked_evidence": [e.to_json(with_value=False) for e in self.asked_evidence],
            "answer_evidence": [e.to_json() for e in self.answer_evidence],
            "evasion_evidence": [e.to_json(with_value=False) for e in self.evasions],
            "confidence": self.confidence,
        }

    @property
    def confidence(self) -> float:
        """How sure the card is: of the answer shown, else of the asking, else 1 (nothing found)."""
        primary = self.primary_answer
        if primary is not None:
            return primary.confidence
        return max((e.confidence for e in self.asked_evidence), default=1.0)


@dataclass(frozen=True, slots=True)
class Flag:
    """``kind`` of a ``refusal_reason_unsupported`` flag: not_asked | not_answered | evaded | contradicted."""

    code: str
    question: str | None
    message: str
    kind: str | None = None
    confidence: float = 1.0

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"code": self.code, "question": self.question, "message": self.message}
        if self.kind is not None:
            data["kind"] = self.kind
        data["confidence"] = self.confidence
        return data


@dataclass(slots=True)
class DealAnalysis:
    recordings: list[RecordingTranscript]
    questions: list[QuestionResult]
    flags: list[Flag] = field(default_factory=list)
    refusal_reason: str | None = None
    reason_questions: list[str] = field(default_factory=list)
    reason_check: dict[str, Any] = field(default_factory=dict)

    def question(self, qid: str) -> QuestionResult | None:
        return next((q for q in self.questions if q.id == qid), None)

    def to_json(self) -> dict[str, Any]:
        return {
            "recordings": [r.to_json() for r in self.recordings],
            "questions": [q.to_json() for q in self.questions],
            "flags": [f.to_json() for f in self.flags],
            "refusal_reason": self.refusal_reason,
            "reason_questions": self.reason_questions,
            "reason_check": self.reason_check or None,
        }
