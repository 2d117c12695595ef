"""What the team's transcription workers write and every workstation reads: per-recording progress,
and storing a transcript at most once (see ``qa_desk.jobs``)."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, exists, select, text, update
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session

from qa_desk.domain.recordings import RecordingState
from qa_desk.domain.transcript import RecordingTranscript
from qa_desk.storage import claims
from qa_desk.storage.models import Deal, Recording, Transcript, utcnow
from qa_desk.storage.team_models import TranscriptionProgress
from qa_desk.storage.transcripts import save_transcript


@dataclass(frozen=True, slots=True)
class RecordingStatus:
    """A recording's transcription as any workstation sees it."""

    recording_id: int
    state: str  # RecordingState
    fraction: float | None  # while a worker is on it
    worker: str | None
    error: str | None
    updated_at: datetime | None


class JobProgressRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def awaiting_worker(self, *, deal_id: int | None = None, retry_failed: bool = False) -> list[int]:
        """Readable recordings with no transcript that no worker has started (oldest call first)."""
        states = [RecordingState.PENDING, RecordingState.FAILED] if retry_failed else [RecordingState.PENDING]
        query = (
            select(Recording.id)
            .where(
                Recording.sha256.is_not(None),
                Recording.state.in_([s.value for s in states]),
                ~exists().where(Transcript.recording_id == Recording.id),
            )
            .order_by(Recording.deal_id, Recording.call_started_at, Recording.id)
        )
        if deal_id is not None:
            query = query.where(Recording.deal_id == deal_id)
        return list(self.session.scalars(query))

    def unfinished(self, deal_id: int) -> list[int]:
        """The deal's recordings still waiting for, or being given, a transcript."""
        waiting = [RecordingState.PENDING.value, RecordingState.PROCESSING.value]
        query = select(Recording.id).where(Recording.deal_id == deal_id, Recording.state.in_(waiting))
        return list(self.session.scalars(query))

    def has_transcript(self, recording_id: int) -> bool:
        query = select(Transcript.id).where(Transcript.recording_id == recording_id)
        return self.session.scalar(query) is not None

    def start(self, recording_id: int, worker: str) -> None:
        """A worker took the recording: 'processing', progress 0 under the worker's name."""
        recording = self.session.get(Recording, recording_id)
        now = utcnow()
        if recording is not None:  # the job's lock says this worker has it: claim the row as ours
            recording.state, recording.error = RecordingState.PROCESSING, None
            recording.claimed_by, recording.claimed_at = claims.this_process(), now
        row = self.session.get(TranscriptionProgress, recording_id)
        if row is None:
            row = TranscriptionProgress(recording_id=recording_id, worker=worker, started_at=now)
            self.session.add(row)
        row.fraction, row.worker, row.started_at, row.updated_at = 0.0, worker, now, now

    def advance(self, recording_id: int, fraction: float) -> None:
        self.session.execute(
            update(TranscriptionProgress)
            .where(TranscriptionProgress.recording_id == recording_id)
            .values(fraction=fraction, updated_at=utcnow())
        )

    def clear(self, recording_id: int) -> None:
        self.session.execute(delete(TranscriptionProgress).where(TranscriptionProgress.recording_id == recording_id))

    def fail(self, recording_id: int, error: str) -> None:
        recording = self.session.get(Recording, recording_id)
        if recording is not None:
            recording.state, recording.error = RecordingState.FAILED, error
        self.clear(recording_id)

    def store_once(
        self, recording_id: int, result: RecordingTranscript, *, model: str, options_key: str
    ) -> int | None:
        """Store the transcript unless the recording already has one (another worker was first).

        The recording row is locked first (PostgreSQL), and the unique constraint on
        ``transcript.recording_id`` settles any race left: the loser's insert fails inside a
        savepoint and nothing of it is kept. Returns the deal id when this call stored it.
        """
        lock = self.session.get_bind().dialect.name != "sqlite"
        recording = self.session.get(Recording, recording_id, with_for_update=lock)
        stored: int | None = None
        if recording is not None and not self.has_transcript(recording_id):
            try:
                with self.session.begin_nested():
                    save_transcript(self.session, recording, result, model=model, options_key=options_key)
                stored = recording.deal_id
            except IntegrityError:
                stored = None
        self.clear(recording_id)
        return stored

    def statuses(self, recording_ids: Collection[int]) -> dict[int, RecordingStatus]:
        if not recording_ids:
            return {}
        rows = self.session.execute(
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
        ).all()
        return {
            rid: RecordingStatus(rid, state, fraction, worker, error, updated)
            for rid, state, error, fraction, worker, updated in rows
        }

    def labels(self, recording_ids: Collection[int]) -> dict[int, tuple[str, str]]:
        """recording id -> (deal's CRM id, file name), for job lists and logs."""
        rows = self.session.execute(
            select(Recording.id, Deal.external_id, Recording.path)
            .join(Deal, Deal.id == Recording.deal_id)
            .where(Recording.id.in_(list(recording_ids)))
        ).all()
        return {rid: (external_id, re.split(r"[\\/]", path)[-1]) for rid, external_id, path in rows}

    def active_workers(self, within_s: float) -> int:
        """Workers whose last heartbeat is at most ``within_s`` old (procrastinate's worker table)."""
        query = text(
            "SELECT count(*) FROM procrastinate_workers WHERE last_heartbeat > now() - make_interval(secs => :s)"
        )
        return int(self.session.scalar(query, {"s": within_s}) or 0)


def is_transient(exc: BaseException) -> bool:
    """A lost or refused database connection: worth another try later."""
    return isinstance(exc, OperationalError) or (isinstance(exc, DBAPIError) and exc.connection_invalidated)
