"""What the team's transcription workers write and every workstation reads: per-recording progress,
and storing a transcript at most once (see ``qa_desk.jobs``)."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, exists, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from qa_desk.domain.transcript import RecordingTranscript
from qa_desk.storage import recordings as rec_store
from qa_desk.storage.models import Recording, Transcript, utcnow
from qa_desk.storage.team_models import TranscriptionProgress
from qa_desk.storage.transcripts import save_transcript


@dataclass(frozen=True, slots=True)
class RecordingStatus:
    """A recording's transcription as any workstation sees it."""

    recording_id: int
    state: str  # pending | processing | done | failed
    fraction: float | None  # while a worker is on it
    worker: str | None
    error: str | None
    updated_at: datetime | None


def awaiting_worker(session: Session, *, deal_id: int | None = None, retry_failed: bool = False) -> list[int]:
    """Readable recordings with no transcript that no worker has started (oldest call first)."""
    states = [rec_store.PENDING, rec_store.FAILED] if retry_failed else [rec_store.PENDING]
    query = (
        select(Recording.id)
        .where(
            Recording.sha256.is_not(None),
            Recording.state.in_(states),
            ~exists().where(Transcript.recording_id == Recording.id),
        )
        .order_by(Recording.deal_id, Recording.call_started_at, Recording.id)
    )
    if deal_id is not None:
        query = query.where(Recording.deal_id == deal_id)
    return list(session.scalars(query))


def has_transcript(session: Session, recording_id: int) -> bool:
    return session.scalar(select(Transcript.id).where(Transcript.recording_id == recording_id)) is not None


def start(session: Session, recording_id: int, worker: str) -> None:
    """A worker took the recording: 'processing', progress 0 under the worker's name."""
    rec_store.mark_processing(session, recording_id)
    row = session.get(TranscriptionProgress, recording_id)
    now = utcnow()
    if row is None:
        session.add(TranscriptionProgress(recording_id=recording_id, fraction=0.0, worker=worker, started_at=now, updated_at=now))
    else:
        row.fraction, row.worker, row.started_at, row.updated_at = 0.0, worker, now, now


def advance(session: Session, recording_id: int, fraction: float) -> None:
    session.execute(
        update(TranscriptionProgress)
        .where(TranscriptionProgress.recording_id == recording_id)
        .values(fraction=fraction, updated_at=utcnow())
    )


def clear(session: Session, recording_id: int) -> None:
    session.execute(delete(TranscriptionProgress).where(TranscriptionProgress.recording_id == recording_id))


def store_once(
    session: Session, recording_id: int, result: RecordingTranscript, *, model: str, options_key: str
) -> bool:
    """Store the transcript unless the recording already has one (another worker was first).

    The unique constraint on ``transcript.recording_id`` decides a race: the loser's insert fails
    inside a savepoint and nothing of it is kept. Returns True when this call stored it.
    """
    recording = session.get(Recording, recording_id, with_for_update=session.get_bind().dialect.name != "sqlite")
    if recording is None or has_transcript(session, recording_id):
        clear(session, recording_id)
        return False
    try:
        with session.begin_nested():
            save_transcript(session, recording, result, model=model, options_key=options_key)
    except IntegrityError:
        clear(session, recording_id)
        return False
    clear(session, recording_id)
    return True


def statuses(session: Session, recording_ids: Collection[int]) -> dict[int, RecordingStatus]:
    if not recording_ids:
        return {}
    rows: Sequence[tuple[int, str, str | None, float | None, str | None, datetime | None]] = session.execute(
        select(
            Recording.id,
            Recording.state,
            Recording.error,
            TranscriptionProgress.fraction,
            TranscriptionProgress.worker,
            TranscriptionProgress.updated_at,
        )
        .outerjoin(TranscriptionProgress, TranscriptionProgress.recording_id == Recording.id)
        .where(Recording.id.in_(list(recording_ids)))
    ).all()  # type: ignore[assignment]
    return {
        rid: RecordingStatus(rid, state, fraction, worker, error, updated)
        for rid, state, error, fraction, worker, updated in rows
    }


def labels(session: Session, recording_ids: Collection[int]) -> dict[int, tuple[str, str]]:
    """recording id -> (deal's CRM id, file name), for job lists."""
    from qa_desk.storage.models import Deal

    rows = session.execute(
        select(Recording.id, Deal.external_id, Recording.path)
        .join(Deal, Deal.id == Recording.deal_id)
        .where(Recording.id.in_(list(recording_ids)))
    ).all()
    return {rid: (external_id, re.split(r"[\\/]", path)[-1]) for rid, external_id, path in rows}


def unfinished(session: Session, deal_id: int) -> list[int]:
    """The deal's recordings still waiting for, or being given, a transcript."""
    return list(
        session.scalars(
            select(Recording.id).where(
                Recording.deal_id == deal_id, Recording.state.in_([rec_store.PENDING, rec_store.PROCESSING])
            )
        )
    )


def active_workers(session: Session, within_s: float) -> int:
    """Workers whose last heartbeat is at most ``within_s`` old (procrastinate's worker table)."""
    from sqlalchemy import text

    return int(
        session.scalar(
            text("SELECT count(*) FROM procrastinate_workers WHERE last_heartbeat > now() - make_interval(secs => :s)"),
            {"s": within_s},
        )
        or 0
    )
