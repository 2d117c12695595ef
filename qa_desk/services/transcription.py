"""The transcription queue's bookkeeping: which recordings to transcribe, their states, the results.

Recording states are ``domain.recordings.RecordingState``. The decoding itself runs elsewhere (the
``asr`` worker process); these methods are what the app and ``qa-desk transcribe`` record about it.
Storing a transcript refreshes its deal's analysis right after, so the queue's "reason not
supported" mark stays true.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from qa_desk.asr.options import TranscribeOptions
from qa_desk.domain.recordings import RecordingState
from qa_desk.domain.transcript import RecordingTranscript
from qa_desk.services.analysis import refresh
from qa_desk.services.base import Service, require_deal


@dataclass(frozen=True, slots=True)
class Job:
    recording_id: int
    path: str


@dataclass(frozen=True, slots=True)
class Unreadable:
    path: str
    error: str


class TranscriptionService(Service):
    def options(self) -> TranscribeOptions:
        """Decoding options from the settings (model, channel map)."""
        settings = self.settings
        return TranscribeOptions(model=settings.model, channel_map=settings.channel_map)

    def deal_id(self, deal_ref: int | str) -> int:
        with self.storage.read() as uow:
            return require_deal(uow, deal_ref).id

    def claim(
        self,
        options: TranscribeOptions,
        *,
        deal_id: int | None = None,
        exclude: Collection[int] = (),
        retry_failed: bool = True,
    ) -> list[Job]:
        """Mark every readable recording without a transcript for ``options`` as processing and return it.

        ``exclude``: recordings already queued by the caller. Recordings that failed (a damaged
        file, a failed decode) are left alone unless ``retry_failed``.
        """
        with self.storage.write() as uow:
            rows = uow.recordings.to_transcribe(
                deal_id=deal_id, model=options.model, options_key=options.cache_key()
            )
            wanted = [
                Job(r.id, r.path)
                for r in rows
                if r.id not in exclude and (retry_failed or r.state != RecordingState.FAILED)
            ]
            # Claimed for this process; a recording another live process is transcribing is left to it.
            mine = uow.recordings.claim([job.recording_id for job in wanted])
        return [job for job in wanted if job.recording_id in mine]

    def unreadable(self, deal_id: int | None = None) -> list[Unreadable]:
        """Recordings that failed before any content could be read (missing or empty files)."""
        with self.storage.read() as uow:
            return [Unreadable(r.path, r.error or "") for r in uow.recordings.unreadable(deal_id=deal_id)]

    def failed(self, deal_id: int | None = None) -> list[Unreadable]:
        """Every recording that failed (at import or in an earlier run), with its error."""
        with self.storage.read() as uow:
            return [Unreadable(r.path, r.error or "") for r in uow.recordings.failed(deal_id=deal_id)]

    def store_result(
        self, recording_id: int, transcript: RecordingTranscript, options: TranscribeOptions, *, analyze: bool = True
    ) -> None:
        """Save a finished transcript (the recording becomes done), then refresh the deal's analysis.

        Two transactions: a failing analysis never loses the transcript."""
        with self.storage.write() as uow:
            deal_id = uow.recordings.store_result(
                recording_id, transcript, model=options.model, options_key=options.cache_key()
            )
        if analyze and deal_id is not None:
            self._refresh_analysis(deal_id)

    def mark_failed(self, recording_id: int, error: str, *, analyze: bool = True) -> None:
        with self.storage.write() as uow:
            uow.recordings.mark_failed(recording_id, error)
            deal_id = uow.recordings.deal_of(recording_id)
        if analyze and deal_id is not None:
            self._refresh_analysis(deal_id)

    def _refresh_analysis(self, deal_id: int) -> None:
        refresh(self.storage, deal_id)

    def reset_interrupted(self, recording_ids: Collection[int] | None = None) -> int:
        """Recordings left 'processing' go back to 'pending' (or to 'failed' with their error kept):
        ``recording_ids`` of a cancelled run, or (None, at start) those whose process is gone."""
        with self.storage.write() as uow:
            return uow.recordings.reset_interrupted(recording_ids)
