"""Recording state changes used by the CLI and the UI while transcribing."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from qa_desk.domain.ordering import recording_sort_key
from qa_desk.domain.transcript import RecordingTranscript
from qa_desk.storage import claims
from qa_desk.storage.models import Recording, Transcript
from qa_desk.storage.transcripts import save_transcript

PENDING, PROCESSING, DONE, FAILED = "pending", "processing", "done", "failed"


def recordings_to_transcribe(
    session: Session, *, deal_id: int | None = None, model: str, options_key: str
) -> Sequence[Recording]:
    """Readable recordings with no transcript for this model + settings, oldest call first."""
    done_ids = select(Transcript.recording_id).where(
        Transcript.model == model, Transcript.options_key == options_key
    )
    query = select(Recording).where(Recording.sha256.is_not(None), Recording.id.not_in(done_ids))
    if deal_id is not None:
        query = query.where(Recording.deal_id == deal_id)
    rows = session.scalars(query).all()
    return sorted(rows, key=lambda r: (r.deal_id, recording_sort_key(r.call_started_at, r.id)))


def unreadable(session: Session, *, deal_id: int | None = None) -> Sequence[Recording]:
    """Recordings that failed before any content could be read (missing or empty files)."""
    query = select(Recording).where(Recording.state == FAILED, Recording.sha256.is_(None))
    if deal_id is not None:
        query = query.where(Recording.deal_id == deal_id)
    return session.scalars(query).all()


def mark_processing(session: Session, recording_id: int) -> None:
    """Claimed by this process; an earlier error stays until a result replaces it."""
    claims.claim(session, [recording_id])


def mark_failed(session: Session, recording_id: int, error: str) -> None:
    recording = session.get(Recording, recording_id)
    if recording is not None:
        recording.state = FAILED
        recording.error = error


def store_result(
    session: Session, recording_id: int, result: RecordingTranscript, *, model: str, options_key: str
) -> None:
    recording = session.get(Recording, recording_id)
    if recording is not None:
        save_transcript(session, recording, result, model=model, options_key=options_key)


def reset_interrupted(session: Session, recording_ids: Collection[int] | None = None) -> int:
    """Recordings left 'processing' go back to the queue (or to 'failed' with their error): those
    of a cancelled run (``recording_ids``), or, at start, those whose process is gone."""
    if recording_ids is not None:
        return claims.release(session, recording_ids)
    return claims.recover_orphans(session)
