"""A deal's contract-question analysis, computed from its transcripts and kept in the database.

The stored result carries a fingerprint of its inputs (the transcripts, the question set, the
refusal reason, the engine version), so it is recomputed exactly when one of them changes.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from qa_desk.analysis import ENGINE_VERSION
from qa_desk.analysis.deal import analyze_deal
from qa_desk.analysis.questions import QuestionSet, bant, parse_question_set
from qa_desk.storage import repositories as repo
from qa_desk.storage.models import Deal, DealAnalysis, Evidence, Recording
from qa_desk.storage.transcripts import latest_transcript, latest_transcript_ids, to_domain

UNSUPPORTED = "refusal_reason_unsupported"


@dataclass
class StoredAnalysis:
    """The engine's JSON result, plus which database recording each result index refers to."""

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


def question_set_for(deal: Deal) -> QuestionSet:
    if deal.contract is not None and deal.contract.questions_toml:
        return parse_question_set(deal.contract.questions_toml, deal.contract.name)
    return bant()


def failed_calls(recordings: list[Recording], latest: dict[int, int]) -> list[str]:
    """Calls of the deal whose transcription failed ("звонок 2"): checks resting on them say "не проверено"."""
    return [f"звонок {i}" for i, r in enumerate(recordings, 1) if r.id not in latest and r.state == "failed"]


def fingerprint(deal: Deal, transcript_ids: list[int], failed: list[str] | None = None) -> str:
    """What a stored analysis was computed from: transcripts, failed calls, question set, reason, engine."""
    questions_toml = deal.contract.questions_toml if deal.contract else None
    return _fingerprint(transcript_ids, questions_toml or "", deal.refusal_reason or "", ENGINE_VERSION, failed or [])


def cached(
    session: Session, deal: Deal, latest: dict[int, int], recording_ids: list[int], failed: list[str] | None = None
) -> StoredAnalysis | None:
    """The stored analysis when its inputs are unchanged, without loading any transcript text.

    ``recording_ids`` are the deal's recordings in chronological order; ``latest`` maps each
    transcribed one to its latest transcript id.
    """
    ids = [rid for rid in recording_ids if rid in latest]
    if failed is None:
        states = dict(session.execute(select(Recording.id, Recording.state).where(Recording.id.in_(recording_ids))).all())
        failed = [f"звонок {i}" for i, rid in enumerate(recording_ids, 1) if rid not in latest and states.get(rid) == "failed"]
    row = session.execute(
        select(DealAnalysis.fingerprint, DealAnalysis.result).where(DealAnalysis.deal_id == deal.id)
    ).first()
    if row is None or row[0] != fingerprint(deal, [latest[rid] for rid in ids], failed):
        return None
    return StoredAnalysis(row[1], ids, len(recording_ids) - len(ids))


def analyze(session: Session, deal_id: int, *, force: bool = False) -> StoredAnalysis | None:
    """The deal's analysis: the stored one when its inputs are unchanged, else computed and stored."""
    deal = repo.get_deal(session, deal_id)
    if deal is None:
        return None
    recordings: list[Recording] = repo.ordered_recordings(deal)
    recording_ids = [r.id for r in recordings]
    latest = latest_transcript_ids(session, recording_ids)
    failed = failed_calls(recordings, latest)
    if not force and (hit := cached(session, deal, latest, recording_ids, failed)) is not None:
        return hit

    transcribed = [(r, latest_transcript(session, r.id)) for r in recordings if r.id in latest]
    ids = [r.id for r, _ in transcribed]
    result = analyze_deal(
        [to_domain(r, t) for r, t in transcribed], question_set_for(deal), deal.refusal_reason, failed_calls=failed
    ).to_json()
    result.pop("recordings", None)  # the transcripts are in the database already
    stored = session.scalar(select(DealAnalysis).where(DealAnalysis.deal_id == deal.id))
    new_fingerprint = fingerprint(deal, [latest[rid] for rid in ids], failed)
    if stored is None:
        stored = DealAnalysis(deal_id=deal.id, fingerprint=new_fingerprint, result=result)
        session.add(stored)
    else:
        stored.fingerprint, stored.result = new_fingerprint, result
        stored.evidence.clear()
    view = StoredAnalysis(result, ids, len(recordings) - len(ids))
    stored.unsupported_reason = view.reason_unsupported
    for question in view.questions:
        for kind, key in (("asked", "asked_evidence"), ("answer", "answer_evidence")):
            for item in question.get(key, []):
                stored.evidence.append(
                    Evidence(
                        question_id=question["id"],
                        kind=kind,
                        recording_id=view.recording_id(int(item["recording"])),
                        start_ms=round(float(item["start"]) * 1000),
                        end_ms=round(float(item["end"]) * 1000),
                        speaker=item.get("speaker", "unknown"),
                        quote=item.get("quote", ""),
                        value=item.get("value"),
                    )
                )
    session.flush()
    return view


def _fingerprint(*parts: Any) -> str:
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False, sort_keys=True).encode()).hexdigest()
