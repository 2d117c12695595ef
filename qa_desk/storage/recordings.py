"""Recordings: the transcription queue's state changes and the QC callback recordings."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from qa_desk.domain.ordering import recording_sort_key
from qa_desk.domain.recordings import RecordingState
from qa_desk.domain.transcript import RecordingTranscript
from qa_desk.storage import claims
from qa_desk.storage.models import Recording, Transcript
from qa_desk.storage.transcripts import save_transcript


class RecordingRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, recording_id: int) -> Recording | None:
        return self.session.get(Recording, recording_id)

    def add(self, recording: Recording) -> Recording:
        self.session.add(recording)
        self.session.flush()
        return recording

    def to_transcribe(
        self, *, deal_id: int | None = None, model: str, options_key: str
    ) -> Sequence[Recording]:
        """Readable recordings with no transcript for this model + settings, oldest call first."""
        done_ids = select(Transcript.recording_id).where(
            Transcript.model == model, Transcript.options_key == options_key
        )
        query = select(Recording).where(Recording.sha256.is_not(None), Recording.id.not_in(done_ids))
        if deal_id is not None:
            query = query.where(Recording.deal_id == deal_id)
        rows = self.session.scalars(query).all()
        return sorted(rows, key=lambda r: (r.deal_id, recording_sort_key(r.call_started_at, r.id)))

    def unreadable(self, *, deal_id: int | None = None) -> Sequence[Recording]:
        """Recordings that failed before any content could be read (missing or empty files)."""
        query = select(Recording).where(Recording.state == RecordingState.FAILED, Recording.sha256.is_(None))
        if deal_id is not None:
            query = query.where(Recording.deal_id == deal_id)
        return self.session.scalars(query).all()

    def mark_processing(self, recording_id: int) -> None:
        """Claimed by this process; an earlier error stays until a result replaces it."""
        claims.claim(self.session, [recording_id])

    def claim(self, recording_ids: Collection[int]) -> set[int]:
        """Claim recordings for this process; returns those it got (see ``storage.claims``)."""
        return claims.claim(self.session, recording_ids)

    def mark_failed(self, recording_id: int, error: str) -> None:
        recording = self.get(recording_id)
        if recording is not None:
            recording.state = RecordingState.FAILED
            recording.error = error

    def store_result(
        self, recording_id: int, result: RecordingTranscript, *, model: str, options_key: str
    ) -> int | None:
        """Save the transcript; returns the recording's deal id (``None``: the recording is gone)."""
        recording = self.get(recording_id)
        if recording is None:
            return None
        save_transcript(self.session, recording, result, model=model, options_key=options_key)
        return recording.deal_id

    def reset_interrupted(self, recording_ids: Collection[int] | None = None) -> int:
        """Recordings left 'processing' go back to the queue (or to 'failed' with their error): those
        of a cancelled run (``recording_ids``), or, at start, those whose process is gone."""
        if recording_ids is not None:
            return claims.release(self.session, recording_ids)
        return claims.recover_orphans(self.session)

    def failed(self, *, deal_id: int | None = None) -> Sequence[Recording]:
        """Recordings that failed (at import or in an earlier run), with their errors."""
        query = select(Recording).where(Recording.state == RecordingState.FAILED)
        if deal_id is not None:
            query = query.where(Recording.deal_id == deal_id)
        return self.session.scalars(query.order_by(Recording.id)).all()

    def deal_of(self, recording_id: int) -> int | None:
        return self.session.scalar(select(Recording.deal_id).where(Recording.id == recording_id))

    def with_sha256(self, sha256: str) -> Recording | None:
        """A recording with exactly this content (any deal), the earliest stored."""
        query = select(Recording).where(Recording.sha256 == sha256).order_by(Recording.id)
        return self.session.scalars(query).first()
