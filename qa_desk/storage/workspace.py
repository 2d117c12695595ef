"""Queries behind the reviewer's workspace: a deal's card, its calls in order and their words.

Words are read as column tuples, not ORM objects, so opening a deal with an hour of speech stays
well under the UI's paint budget (five queries in all).
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from qa_desk.domain.recordings import WAITING_STATES, RecordingOrigin, RecordingState
from qa_desk.domain.workspace import DealCard, TimelineEntry, Turn, TurnWord, status_label
from qa_desk.storage import repositories as repo
from qa_desk.storage.models import Deal, Recording, Segment, Word
from qa_desk.storage.transcripts import latest_transcript_ids


def deal_card(deal: Deal) -> DealCard:
    return DealCard(
        deal_id=deal.id,
        external_id=deal.external_id,
        title=deal.title or "",
        client=deal.client_company or "",
        contact_name=deal.contact_name or "",
        contact_phone=deal.contact_phone or "",
        product=deal.product or "",
        amount=deal.amount,
        currency=deal.currency or "RUB",
        manager=deal.manager.name if deal.manager else "",
        status=deal.status,
        status_label=status_label(deal.status),
        refusal_reason=deal.refusal_reason or "",
        refusal_comment=deal.refusal_comment or "",
        contract=deal.contract.name if deal.contract else "",
        status_changed_at=deal.status_changed_at,
        manager_id=deal.manager_id,
        version=deal.version,
    )


def timeline(deal: Deal) -> list[TimelineEntry]:
    """The manager's calls in chronological order (numbered from 1), then QC's callbacks (numbered apart)."""
    ordered = repo.ordered_recordings(deal)
    calls = [r for r in ordered if r.origin != RecordingOrigin.CALLBACK]
    callbacks = [r for r in ordered if r.origin == RecordingOrigin.CALLBACK]
    return [*_entries(calls), *_entries(callbacks)]


def _entries(recordings: list[Recording]) -> list[TimelineEntry]:
    return [
        TimelineEntry(
            recording_id=r.id,
            number=i,
            path=r.path,
            started_at=r.call_started_at,
            started_source=r.started_at_source,
            duration_ms=r.duration_ms,
            channels=r.channels,
            state=RecordingState(r.state),
            error=r.error,
            origin=r.origin,
        )
        for i, r in enumerate(recordings, start=1)
    ]


class WorkspaceRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def deal(self, deal_id: int) -> Deal | None:
        """The deal with its recordings, manager and contract loaded."""
        return self.session.get(
            Deal,
            deal_id,
            options=(selectinload(Deal.recordings), selectinload(Deal.manager), selectinload(Deal.contract)),
        )

    def timeline(self, deal_id: int) -> list[TimelineEntry]:
        """Just the timeline (states change while transcribing)."""
        deal = self.session.get(Deal, deal_id, options=(selectinload(Deal.recordings),))
        return timeline(deal) if deal is not None else []

    def latest_transcripts(self, recording_ids: list[int]) -> dict[int, int]:
        return latest_transcript_ids(self.session, recording_ids)

    def turns(self, latest: dict[int, int]) -> dict[int, list[Turn]]:
        """Turns with words of each recording's latest transcript (``latest``: recording -> transcript)."""
        if not latest:
            return {}
        by_transcript: dict[int, list[Turn]] = {tid: [] for tid in latest.values()}
        by_segment: dict[int, Turn] = {}
        for seg_id, tid, speaker, start, end, text in self.session.execute(
            select(
                Segment.id,
                Segment.transcript_id,
                Segment.speaker,
                Segment.start_ms,
                Segment.end_ms,
                Segment.text,
            )
            .where(Segment.transcript_id.in_(list(latest.values())))
            .order_by(Segment.transcript_id, Segment.start_ms, Segment.id)
        ):
            turn = Turn(speaker, start, end, text)
            by_transcript[tid].append(turn)
            by_segment[seg_id] = turn
        if by_segment:
            words = self.session.execute(
                select(Word.segment_id, Word.start_ms, Word.end_ms, Word.word)
                .join(Segment, Segment.id == Word.segment_id)
                .where(Segment.transcript_id.in_(list(latest.values())))
                .order_by(Word.segment_id, Word.start_ms, Word.id)
            )
            for seg_id, start, end, text in words:
                by_segment[seg_id].words.append(TurnWord(start, end, text.strip()))
        return {rid: by_transcript[tid] for rid, tid in latest.items()}

    def untranscribed_count(self, deal_id: int) -> int:
        query = select(func.count(Recording.id)).where(
            Recording.deal_id == deal_id, Recording.state.in_([s.value for s in WAITING_STATES])
        )
        return int(self.session.scalar(query) or 0)

    def segments_around(self, segment_id: int, before: int = 3, after: int = 3) -> tuple[list[Turn], int]:
        """The turns of a segment's transcript around it (without words), and its index among them."""
        transcript_id = self.session.scalar(select(Segment.transcript_id).where(Segment.id == segment_id))
        if transcript_id is None:
            return [], -1
        rows = self.session.execute(
            select(Segment.id, Segment.speaker, Segment.start_ms, Segment.end_ms, Segment.text)
            .where(Segment.transcript_id == transcript_id)
            .order_by(Segment.start_ms, Segment.id)
        ).all()
        index = next((i for i, row in enumerate(rows) if row[0] == segment_id), -1)
        low = max(index - before, 0)
        window = rows[low : index + after + 1]
        return [Turn(speaker, start, end, text) for _id, speaker, start, end, text in window], index - low

