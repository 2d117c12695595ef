"""Storing a finished transcript and refreshing its deal's analysis, in a helper process.

The desktop app runs this in a separate (spawned) process rather than a thread: storing and
indexing a call is a few hundred milliseconds of Python and database work, and in a thread of the
window's process it held the interpreter lock long enough to stall the event loop (~90 ms).
"""

from __future__ import annotations

from qa_desk.domain.transcript import RecordingTranscript
from qa_desk.services.analysis import analyze
from qa_desk.storage import recordings as rec_store
from qa_desk.storage.db import Database
from qa_desk.storage.models import Recording

_databases: dict[str, Database] = {}


def _db(url: str) -> Database:
    if url not in _databases:
        _databases[url] = Database(url, migrate=False)  # the app migrated it at start
    return _databases[url]


def warm_up() -> None:
    """Load the morphology dictionaries and compile the question patterns ahead of the first call."""
    from qa_desk.analysis.deal import analyze_deal
    from qa_desk.analysis.questions import bant
    from qa_desk.storage.search import lemmatize

    lemmatize("звонок")
    analyze_deal([], bant(), "маленький бюджет")


def store_transcript(url: str, recording_id: int, transcript: RecordingTranscript, model: str, options_key: str) -> None:
    db = _db(url)
    with db.session() as session:
        rec_store.store_result(session, recording_id, transcript, model=model, options_key=options_key)
    refresh_analysis(url, recording_id)


def store_failure(url: str, recording_id: int, error: str) -> None:
    db = _db(url)
    with db.session() as session:
        rec_store.mark_failed(session, recording_id, error)
    refresh_analysis(url, recording_id)


def refresh_analysis(url: str, recording_id: int) -> None:
    """Recompute the deal's analysis so the queue's "reason unsupported" mark stays true."""
    with _db(url).session() as session:
        recording = session.get(Recording, recording_id)
        if recording is not None:
            analyze(session, recording.deal_id)
