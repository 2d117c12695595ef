"""The QC callback recording: where it is saved, and attaching it to the deal as QC's own record.

A callback is not a manager's call: it is stored with ``origin = callback``, numbered and shown
apart, and left out of the manager's question analysis. A file whose content equals a recording
already in the database (a copy of a manager's call, or the same callback twice) is refused with
the place where that recording already is. Attaching is audited in the same transaction.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from qa_desk.domain.identity import User
from qa_desk.domain.recordings import RecordingOrigin, RecordingState
from qa_desk.services.errors import ServiceError
from qa_desk.storage.models import Deal, Recording
from qa_desk.storage.uow import UnitOfWork


class DuplicateRecordingError(ServiceError):
    """The file is a copy of a recording already attached; the message says where it is."""


def _where(uow: UnitOfWork, recording: Recording) -> str:
    """«сделке D-1001 как звонок 2 (05.03.2026 14:22)»."""
    deal = uow.deals.by_id(recording.deal_id)
    entry = next((e for e in uow.workspace.timeline(recording.deal_id) if e.recording_id == recording.id), None)
    what = entry.title.casefold() if entry is not None else "запись"
    when = f" ({recording.call_started_at:%d.%m.%Y %H:%M})" if recording.call_started_at else ""
    return f"сделке {deal.external_id if deal else '—'} как {what}{when}"


def attach(uow: UnitOfWork, user: User, deal: Deal, path: Path, started_at: datetime | None) -> int:
    """Add ``path`` as the deal's callback recording (queued for transcription); returns its id."""
    from qa_desk.audio import AudioError, file_sha256, probe

    try:
        sha256 = file_sha256(path)
    except OSError as exc:
        raise ServiceError(f"{path.name}: не удалось прочитать файл ({exc.strerror or exc})") from exc
    same = uow.recordings.with_sha256(sha256)
    if same is not None:
        raise DuplicateRecordingError(
            f"{path.name}: эта запись уже есть в {_where(uow, same)} — прикрепите запись проверочного звонка"
        )
    recording = Recording(
        deal=deal,
        path=str(path),
        sha256=sha256,
        call_started_at=started_at or datetime.now(),
        started_at_source="manifest",
        origin=RecordingOrigin.CALLBACK.value,
        state=RecordingState.PENDING.value,
    )
    try:
        info = probe(path)
        recording.duration_ms = round(info.duration_s * 1000)
        recording.channels, recording.sample_rate = info.channels, info.sample_rate
    except (AudioError, OSError) as exc:
        recording.state, recording.error = RecordingState.FAILED.value, str(exc)
    recording_id = uow.recordings.add(recording).id
    uow.audit.add(
        actor=user.id,
        action="callback",
        deal=deal,
        after={
            "recording_id": recording_id,
            "file": path.name,
            "sha256": sha256,
            "duration_ms": recording.duration_ms,
            "error": recording.error,
        },
    )
    return recording_id


def callback_path(folder: Path, external_id: str, started: datetime) -> Path:
    """Where a callback recorded in the app is saved."""
    return folder / f"{external_id}_{started:%Y-%m-%d_%H-%M-%S}_callback.wav"
