"""Read models for the reviewer's workspace: the queue, a deal's card, timeline and transcript.

Plain dataclasses built with a handful of queries (words are read as column tuples, not ORM
objects), so opening a deal with an hour of speech stays well under the UI's paint budget.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session, selectinload

from qa_desk.domain.statuses import Status
from qa_desk.services import analysis as analysis_service
from qa_desk.services.analysis import StoredAnalysis
from qa_desk.storage import repositories as repo
from qa_desk.storage.models import Contract, Deal, DealAnalysis, Manager, Recording, Segment, Word
from qa_desk.storage.transcripts import latest_transcript_ids

WAITING_STATUSES = frozenset({Status.CONDITIONAL_REFUSAL.value, Status.IN_REVIEW.value})


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


def filter_choices(session: Session) -> FilterChoices:
    managers = [
        Choice(i, n) for i, n in session.execute(select(Manager.id, Manager.name).order_by(Manager.name))
    ]
    contracts = [
        Choice(i, n) for i, n in session.execute(select(Contract.id, Contract.name).order_by(Contract.name))
    ]
    return FilterChoices(managers, contracts, [(s.value, s.label) for s in Status])


def queue_rows(
    session: Session, flt: QueueFilter | None = None, now: datetime | None = None
) -> list[QueueRow]:
    """The review queue: conditional refusals first (longest waiting first), then the others."""
    flt = flt or QueueFilter()
    now = now or datetime.now()
    rec_counts = (
        select(
            Recording.deal_id,
            func.count(Recording.id).label("total"),
            func.sum(case((Recording.state == "failed", 1), else_=0)).label("failed"),
            func.sum(case((Recording.state.in_(("pending", "processing")), 1), else_=0)).label("todo"),
        )
        .group_by(Recording.deal_id)
        .subquery()
    )
    changed = func.coalesce(Deal.status_changed_at, Deal.created_at)
    query = (
        select(
            Deal,
            Manager.name,
            Contract.name,
            DealAnalysis.unsupported_reason,
            rec_counts.c.total,
            rec_counts.c.failed,
            rec_counts.c.todo,
        )
        .outerjoin(Manager, Deal.manager_id == Manager.id)
        .outerjoin(Contract, Deal.contract_id == Contract.id)
        .outerjoin(DealAnalysis, DealAnalysis.deal_id == Deal.id)
        .outerjoin(rec_counts, rec_counts.c.deal_id == Deal.id)
    )
    if flt.status:
        query = query.where(Deal.status == flt.status)
    if flt.manager_id is not None:
        query = query.where(Deal.manager_id == flt.manager_id)
    if flt.contract_id is not None:
        query = query.where(Deal.contract_id == flt.contract_id)
    if flt.since is not None:
        query = query.where(changed >= datetime.combine(flt.since, datetime.min.time()))
    if flt.until is not None:
        query = query.where(changed < datetime.combine(flt.until + timedelta(days=1), datetime.min.time()))
    rows = []
    for deal, manager, contract, unsupported, total, failed, todo in session.execute(query):
        since = deal.status_changed_at or deal.created_at
        waiting = max((now - since).days, 0) if deal.status in WAITING_STATUSES and since else None
        rows.append(
            QueueRow(
                deal_id=deal.id,
                external_id=deal.external_id,
                title=deal.title or "",
                client=deal.client_company or "",
                manager=manager or "",
                amount=deal.amount,
                currency=deal.currency or "RUB",
                status=deal.status,
                status_label=status_label(deal.status),
                refusal_reason=deal.refusal_reason or "",
                contract=contract or "",
                waiting_days=waiting,
                unsupported=bool(unsupported),
                recordings=int(total or 0),
                failed=int(failed or 0),
                untranscribed=int(todo or 0),
            )
        )
    rows.sort(key=lambda r: (r.rank, -(r.waiting_days or 0), r.external_id))
    return rows


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
    state: str
    error: str | None

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


@dataclass(slots=True)
class DealWorkspace:
    card: DealCard
    timeline: list[TimelineEntry]
    calls: list[CallTranscript]
    # The stored analysis when it matches the current transcripts; None: (re)compute with ``analyze``.
    analysis: StoredAnalysis | None = None

    def entry(self, recording_id: int) -> TimelineEntry | None:
        return next((e for e in self.timeline if e.recording_id == recording_id), None)

    @property
    def words(self) -> int:
        return sum(len(t.words) for c in self.calls for t in c.turns)


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
    )


def timeline(deal: Deal) -> list[TimelineEntry]:
    return [
        TimelineEntry(
            recording_id=r.id,
            number=i,
            path=r.path,
            started_at=r.call_started_at,
            started_source=r.started_at_source,
            duration_ms=r.duration_ms,
            channels=r.channels,
            state=r.state,
            error=r.error,
        )
        for i, r in enumerate(repo.ordered_recordings(deal), start=1)
    ]


def open_deal(session: Session, deal_id: int) -> DealWorkspace | None:
    """Card, chronological timeline and the whole-deal transcript with words (five queries)."""
    deal = session.get(
        Deal,
        deal_id,
        options=(selectinload(Deal.recordings), selectinload(Deal.manager), selectinload(Deal.contract)),
    )
    if deal is None:
        return None
    entries = timeline(deal)
    latest = latest_transcript_ids(session, [e.recording_id for e in entries])
    turns = load_turns(session, latest)
    calls = [
        CallTranscript(e, turns.get(e.recording_id, []), transcribed=e.recording_id in turns) for e in entries
    ]
    return DealWorkspace(deal_card(deal), entries, calls, stored_analysis(session, deal, entries, latest))


def stored_analysis(
    session: Session, deal: Deal, entries: list[TimelineEntry], latest: dict[int, int]
) -> StoredAnalysis | None:
    """The stored analysis if it matches these transcripts (no words loaded); else None and the
    caller runs ``analysis.analyze`` off the UI thread."""
    return analysis_service.cached(session, deal, latest, [e.recording_id for e in entries])


def load_turns(session: Session, latest: dict[int, int]) -> dict[int, list[Turn]]:
    """Turns with words of each recording's latest transcript (``latest``: recording -> transcript)."""
    if not latest:
        return {}
    by_transcript: dict[int, list[Turn]] = {tid: [] for tid in latest.values()}
    by_segment: dict[int, Turn] = {}
    for seg_id, tid, speaker, start, end, text in session.execute(
        select(
            Segment.id, Segment.transcript_id, Segment.speaker, Segment.start_ms, Segment.end_ms, Segment.text
        )
        .where(Segment.transcript_id.in_(list(latest.values())))
        .order_by(Segment.transcript_id, Segment.start_ms, Segment.id)
    ):
        turn = Turn(speaker, start, end, text)
        by_transcript[tid].append(turn)
        by_segment[seg_id] = turn
    if by_segment:
        words = session.execute(
            select(Word.segment_id, Word.start_ms, Word.end_ms, Word.word)
            .join(Segment, Segment.id == Word.segment_id)
            .where(Segment.transcript_id.in_(list(latest.values())))
            .order_by(Word.segment_id, Word.start_ms, Word.id)
        )
        for seg_id, start, end, text in words:
            by_segment[seg_id].words.append(TurnWord(start, end, text.strip()))
    return {rid: by_transcript[tid] for rid, tid in latest.items()}


def deal_timeline(session: Session, deal_id: int) -> list[TimelineEntry]:
    """Just the timeline (states change while transcribing)."""
    deal = session.get(Deal, deal_id, options=(selectinload(Deal.recordings),))
    return timeline(deal) if deal is not None else []


def deal_of_recording(session: Session, recording_id: int) -> int | None:
    return session.scalar(select(Recording.deal_id).where(Recording.id == recording_id))


def untranscribed_count(session: Session, deal_id: int) -> int:
    return int(
        session.scalar(
            select(func.count(Recording.id)).where(
                and_(
                    Recording.deal_id == deal_id,
                    or_(Recording.state == "pending", Recording.state == "processing"),
                )
            )
        )
        or 0
    )
