"""Storing a finished transcript and refreshing its deal's analysis, in a helper process.

The desktop app runs this in a separate (spawned) process rather than a thread: storing and
indexing a call is a few hundred milliseconds of Python and database work, and in a thread of the
window's process it held the interpreter lock long enough to stall the event loop (~90 ms).
The functions take the database URL (picklable) and work through ``TranscriptionService``.
"""

from __future__ import annotations

from qa_desk.asr.options import TranscribeOptions
from qa_desk.domain.transcript import RecordingTranscript
from qa_desk.services.container import Services
from qa_desk.services.transcription import TranscriptionService

_services: dict[str, Services] = {}


def _transcription(url: str) -> TranscriptionService:
    if url not in _services:
        _services[url] = Services.open(url, migrate=False)  # the app migrated it at start
    return _services[url].transcription


def warm_up() -> None:
    """Load the morphology dictionaries and compile the question patterns ahead of the first call."""
    from qa_desk.analysis.deal import analyze_deal
    from qa_desk.analysis.questions import bant
    from qa_desk.services import engine_words
    from qa_desk.services.search import SearchService

    SearchService.warm_up()
    engine_words.before_analysis()
    analyze_deal([], bant(), "маленький бюджет")
    engine_words.after_analysis()


def store_transcript(url: str, recording_id: int, transcript: RecordingTranscript, options: TranscribeOptions) -> None:
    _transcription(url).store_result(recording_id, transcript, options)


def store_failure(url: str, recording_id: int, error: str) -> None:
    _transcription(url).mark_failed(recording_id, error)
