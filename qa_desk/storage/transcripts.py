"""Storing ASR results: seconds in the domain, integer milliseconds in the database."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from qa_desk.domain import transcript as dom
from qa_desk.domain.recordings import RecordingState
from qa_desk.storage import search
from qa_desk.storage.models import Recording, Segment, Transcript, Word


def _ms(seconds: float) -> int:
    return round(float(seconds) * 1000)


def save_transcript(
    session: Session,
    recording: Recording,
    result: dom.RecordingTranscript,
    *,
    model: str,
    options_key: str,
    language: str | None = None,
) -> Transcript:
    """Replace the recording's transcript for this model + settings and mark it done."""
    existing = session.scalar(
        select(Transcript).where(
            Transcript.recording_id == recording.id,
            Transcript.model == model,
            Transcript.options_key == options_key,
        )
    )
    if existing is not None:
        session.delete(existing)
        session.flush()
    transcript = Transcript(recording=recording, model=model, options_key=options_key, language=language)
    for seg in result.segments:
        transcript.segments.append(
            Segment(
                speaker=seg.speaker,
                start_ms=_ms(seg.start),
                end_ms=_ms(seg.end),
                text=seg.text.strip(),
                words=[
                    Word(start_ms=_ms(w.start), end_ms=_ms(w.end), word=w.word, probability=float(w.probability))
                    for w in seg.words
                ],
            )
        )
    session.add(transcript)
    recording.state = RecordingState.DONE
    recording.error = None
    recording.duration_ms = recording.duration_ms or _ms(result.duration_s)
    recording.channels = recording.channels or result.channels
    session.flush()
    search.index_transcript(session, transcript)
    return transcript


def latest_transcript_ids(session: Session, recording_ids: list[int]) -> dict[int, int]:
    """recording id -> id of its latest transcript (the one every view and the analysis use)."""
    if not recording_ids:
        return {}
    rows = session.execute(
        select(Transcript.recording_id, func.max(Transcript.id))
        .where(Transcript.recording_id.in_(recording_ids))
        .group_by(Transcript.recording_id)
    ).all()
    return {int(rid): int(tid) for rid, tid in rows}


def latest_transcript(session: Session, recording_id: int) -> Transcript | None:
    return session.scalar(
        select(Transcript)
        .options(selectinload(Transcript.segments).selectinload(Segment.words))
        .where(Transcript.recording_id == recording_id)
        .order_by(Transcript.id.desc())
        .limit(1)
    )


def to_domain(recording: Recording, transcript: Transcript | None) -> dom.RecordingTranscript:
    segments = []
    if transcript is not None:
        segments = [
            dom.Segment(
                start=s.start_ms / 1000,
                end=s.end_ms / 1000,
                speaker=s.speaker,
                text=s.text,
                words=[dom.Word(w.start_ms / 1000, w.end_ms / 1000, w.word, w.probability) for w in s.words],
            )
            for s in transcript.segments
        ]
    return dom.RecordingTranscript(
        path=recording.path,
        duration_s=(recording.duration_ms or 0) / 1000,
        channels=recording.channels or 1,
        segments=segments,
    )
