"""A deal's contract-question analysis, computed from its transcripts and kept in the database.

The stored result carries a fingerprint of its inputs (the transcripts, the question set, the
refusal reason, the engine version), so it is recomputed exactly when one of them changes.
``cached_in`` works inside a caller's unit of work. ``refresh`` computes in a reading
transaction and stores the result in a short writing one, so the engine never runs under the
write lock (which would hold up a reviewer's save for as long as the analysis takes).

Only the manager's calls are analysed: a QC callback recording is the controller's own call and
says nothing about how the manager asked. The manager's calls that failed are part of the inputs:
a «reason not supported» flag never rests on a call nobody could check (``domain.findings``).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from qa_desk.analysis import ENGINE_VERSION
from qa_desk.domain.findings import UncheckedCall, guard_unchecked, short_cause
from qa_desk.domain.recordings import RecordingOrigin, RecordingState
from qa_desk.domain.workspace import UNSUPPORTED, StoredAnalysis
from qa_desk.services.base import Service
from qa_desk.storage import repositories as repo
from qa_desk.storage.models import Deal, Recording
from qa_desk.storage.uow import Storage, UnitOfWork

if TYPE_CHECKING:
    from qa_desk.analysis.questions import QuestionSet

__all__ = ["UNSUPPORTED", "AnalysisService", "StoredAnalysis", "cached_in", "refresh"]


def question_set_for(deal: Deal) -> QuestionSet:
    from qa_desk.analysis.questions import bant, parse_question_set  # the engine loads on first use

    if deal.contract is not None and deal.contract.questions_toml:
        return parse_question_set(deal.contract.questions_toml, deal.contract.name)
    return bant()


def manager_calls(deal: Deal) -> list[Recording]:
    """The deal's calls the engine analyses, in chronological order: the manager's, not QC's callbacks."""
    return [r for r in repo.ordered_recordings(deal) if r.origin != RecordingOrigin.CALLBACK]


def failed_calls(recordings: list[Recording], latest: dict[int, int]) -> list[UncheckedCall]:
    """The manager's calls that could not be transcribed («звонок 2», with the cause)."""
    return [
        UncheckedCall(i, short_cause(r.error))
        for i, r in enumerate(recordings, 1)
        if r.id not in latest and r.state == RecordingState.FAILED
    ]


def fingerprint(deal: Deal, transcript_ids: list[int], failed: list[UncheckedCall] | None = None) -> str:
    """What a stored analysis was computed from: transcripts, failed calls, question set, reason, engine."""
    questions_toml = deal.contract.questions_toml if deal.contract else None
    names = [c.text for c in failed or []]
    return _fingerprint(transcript_ids, questions_toml or "", deal.refusal_reason or "", ENGINE_VERSION, names)


def cached_in(
    uow: UnitOfWork, deal: Deal, latest: dict[int, int], recordings: list[Recording]
) -> StoredAnalysis | None:
    """The stored analysis when its inputs are unchanged, without loading any transcript text.

    ``recordings`` are the deal's manager calls in chronological order (``manager_calls``);
    ``latest`` maps each transcribed one to its latest transcript id.
    """
    ids = [r.id for r in recordings if r.id in latest]
    row = uow.analyses.stored(deal.id)
    if row is None or row[0] != fingerprint(deal, [latest[rid] for rid in ids], failed_calls(recordings, latest)):
        return None
    return StoredAnalysis(row[1], ids, len(recordings) - len(ids))


@dataclass(frozen=True, slots=True)
class _Computed:
    deal_id: int
    fingerprint: str
    result: dict[str, Any]
    unsupported: bool
    evidence: list[dict[str, Any]]


def _compute(uow: UnitOfWork, deal_id: int, force: bool) -> tuple[StoredAnalysis | None, _Computed | None]:
    """The stored analysis when its inputs are unchanged, else a fresh one and what to store."""
    deal = uow.deals.get(deal_id)
    if deal is None:
        return None, None
    recordings = manager_calls(deal)
    latest = uow.workspace.latest_transcripts([r.id for r in recordings])
    if not force and (hit := cached_in(uow, deal, latest, recordings)) is not None:
        return hit, None

    from qa_desk.analysis.deal import analyze_deal  # the engine loads on first use (fast start)
    from qa_desk.services import engine_words

    engine_words.before_analysis()

    transcribed = [r for r in recordings if r.id in latest]
    ids = [r.id for r in transcribed]
    failed = failed_calls(recordings, latest)
    result = analyze_deal(
        uow.analyses.transcripts(transcribed), question_set_for(deal), deal.refusal_reason,
        call_dates=[r.call_started_at.strftime("%Y-%m-%d %H:%M") if r.call_started_at else "" for r in transcribed],
    ).to_json()
    engine_words.after_analysis()
    result.pop("recordings", None)  # the transcripts are in the database already
    result = guard_unchecked(result, failed, deal.refusal_reason)
    view = StoredAnalysis(result, ids, len(recordings) - len(ids))
    evidence = [
        {
            "question_id": question["id"],
            "kind": kind,
            "recording_id": view.recording_id(int(item["recording"])),
            "start_ms": round(float(item["start"]) * 1000),
            "end_ms": round(float(item["end"]) * 1000),
            "speaker": item.get("speaker", "unknown"),
            "quote": item.get("quote", ""),
            "value": item.get("value"),
        }
        for question in view.questions
        for kind, key in (("asked", "asked_evidence"), ("answer", "answer_evidence"))
        for item in question.get(key, [])
    ]
    stored = _Computed(
        deal.id, fingerprint(deal, [latest[rid] for rid in ids], failed), result, view.reason_unsupported, evidence
    )
    return view, stored


def refresh(storage: Storage, deal_id: int, *, force: bool = False) -> StoredAnalysis | None:
    """The deal's analysis: the stored one when its inputs are unchanged, else computed and stored.

    The fingerprint stored is the one of the inputs the result was computed from, so a deal that
    changed meanwhile is simply computed again next time."""
    with storage.read() as uow:
        view, computed = _compute(uow, deal_id, force)
    if computed is not None:
        with storage.write() as uow:
            if uow.deals.get(computed.deal_id, lock=True) is not None:  # one writer per deal on PostgreSQL
                uow.analyses.save(
                    computed.deal_id,
                    computed.fingerprint,
                    computed.result,
                    unsupported=computed.unsupported,
                    evidence=computed.evidence,
                )
    return view


class AnalysisService(Service):
    def analyze(self, deal_id: int, *, force: bool = False) -> StoredAnalysis | None:
        """The deal's analysis (computed and stored when its inputs changed); ``None``: no such deal."""
        return refresh(self.storage, deal_id, force=force)


def _fingerprint(*parts: Any) -> str:
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False, sort_keys=True).encode()).hexdigest()
