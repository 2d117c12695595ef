"""Stored question-engine results of deals, with their evidence rows."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from qa_desk.domain import transcript as dom
from qa_desk.storage.models import DealAnalysis, Evidence, Recording
from qa_desk.storage.transcripts import latest_transcript, to_domain


class AnalysisRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def stored(self, deal_id: int) -> tuple[str, dict[str, Any]] | None:
        """(fingerprint, result) of the deal's stored analysis, without its evidence."""
        row = self.session.execute(
            select(DealAnalysis.fingerprint, DealAnalysis.result).where(DealAnalysis.deal_id == deal_id)
        ).first()
        return (row[0], row[1]) if row is not None else None

    def transcripts(self, recordings: list[Recording]) -> list[dom.RecordingTranscript]:
        """The latest transcript of each recording, with words, as domain objects."""
        return [to_domain(r, latest_transcript(self.session, r.id)) for r in recordings]

    def save(
        self,
        deal_id: int,
        fingerprint: str,
        result: dict[str, Any],
        *,
        unsupported: bool,
        evidence: list[dict[str, Any]],
    ) -> None:
        """Replace the deal's stored analysis; ``evidence`` items are ``Evidence`` column values."""
        stored = self.session.scalar(select(DealAnalysis).where(DealAnalysis.deal_id == deal_id))
        if stored is None:
            stored = DealAnalysis(deal_id=deal_id, fingerprint=fingerprint, result=result)
            self.session.add(stored)
        else:
            stored.fingerprint, stored.result = fingerprint, result
            stored.evidence.clear()
        stored.unsupported_reason = unsupported
        stored.evidence.extend(Evidence(**item) for item in evidence)
        self.session.flush()
