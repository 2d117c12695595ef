"""Read models of the workspace on the demo data: queue, filters, chronological timeline, transcript."""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from pathlib import Path

import pytest
from conftest import DEMO
from conftest import services_for as S

from qa_desk.domain import workspace as ws
from qa_desk.domain.recordings import RecordingState
from qa_desk.importing.service import import_manifest

MANIFEST = DEMO / "manifest.csv"
pytestmark = pytest.mark.skipif(not MANIFEST.is_file(), reason="demo data not generated")


@cache
def demo_transcripts(deal: str = "D-1001") -> dict[str, object]:
    """The deal's demo calls transcribed once per test session by the real pipeline (disk-cached)."""
    from qa_desk.asr.options import TranscribeOptions
    from qa_desk.asr.pipeline import Transcriber

    transcriber = Transcriber(TranscribeOptions())
    return {str(p.resolve()): transcriber.transcribe(p) for p in sorted((DEMO / "calls" / deal).glob("*.mp3"))}


def load_demo(db, transcribe: tuple[str, ...] = ("D-1001",)) -> None:  # noqa: ANN001
    """Import the demo manifest and store the transcripts of ``transcribe`` deals."""
    from qa_desk.asr.options import TranscribeOptions
    from qa_desk.storage import repositories as repo
    from qa_desk.storage.transcripts import save_transcript

    import_manifest(db, MANIFEST)
    options = TranscribeOptions()
    with db.session() as session:
        for external_id in transcribe:
            results = demo_transcripts(external_id)
            deal = repo.get_deal(session, external_id)
            for recording in deal.recordings:
                result = results.get(str(Path(recording.path).resolve()))
                if result is not None:
                    save_transcript(session, recording, result, model=options.model, options_key=options.cache_key())


@pytest.fixture
def demo_db(db):
    load_demo(db)
    return db


def _deal_id(db, external_id: str) -> int:  # noqa: ANN001
    from qa_desk.storage import repositories as repo

    with db.session() as session:
        return repo.get_deal(session, external_id).id


def test_queue_puts_conditional_refusals_first_and_filters(db) -> None:
    import_manifest(db, MANIFEST)
    queue = S(db, "olga").queue
    rows = queue.rows(now=datetime.now())
    assert [r.status for r in rows[:2]] == ["conditional_refusal", "conditional_refusal"]
    assert {r.external_id for r in rows[:2]} == {"D-1001", "D-1002"}
    d1001 = next(r for r in rows if r.external_id == "D-1001")
    assert (d1001.client, d1001.manager, d1001.refusal_reason) == ("ООО «Альфа-Трейд»", "Иван Петров", "маленький бюджет")
    assert d1001.recordings == 3 and d1001.waiting_days == 0 and not d1001.unsupported
    assert next(r for r in rows if r.external_id == "D-1004").failed == 1

    choices = queue.choices()
    maria = next(c.id for c in choices.managers if c.name == "Мария Соколова")
    assert {r.external_id for r in queue.rows(ws.QueueFilter(manager_id=maria))} == {"D-1002", "D-1005"}
    assert [r.external_id for r in queue.rows(ws.QueueFilter(status="won"))] == ["D-1005"]
    bant = next(c.id for c in choices.contracts if c.name == "BANT")
    assert len(queue.rows(ws.QueueFilter(contract_id=bant))) == 6
    assert queue.rows(ws.QueueFilter(until=date(2000, 1, 1))) == []
    assert len(queue.rows(ws.QueueFilter(since=date.today()))) == 6


def test_open_deal_reads_calls_in_chronological_order_with_words(demo_db) -> None:
    deal = S(demo_db).deals.open(_deal_id(demo_db, "D-1001"))
    assert deal is not None
    assert [e.started_at for e in deal.timeline] == sorted(e.started_at for e in deal.timeline)
    assert [e.number for e in deal.timeline] == [1, 2, 3]
    assert deal.timeline[1].started_source == "filename"  # 2026-03-05_14-22-10_alfa.mp3 has no manifest time
    assert all(c.transcribed and c.turns for c in deal.calls)
    assert {t.speaker for c in deal.calls for t in c.turns} == {"manager", "client"}
    assert all(w.start_ms <= w.end_ms for c in deal.calls for t in c.turns for w in t.words)
    assert deal.words > 50
    assert deal.card.refusal_reason == "маленький бюджет" and deal.card.contract == "BANT"


def test_stored_analysis_is_reused_without_recomputing(demo_db) -> None:
    services = S(demo_db)
    deal_id = _deal_id(demo_db, "D-1001")
    assert services.deals.open(deal_id).analysis is None  # never analysed yet
    computed = services.analysis.analyze(deal_id)
    cached = services.deals.open(deal_id).analysis
    row = services.queue.rows()[0]
    assert cached is not None and cached.result == computed.result
    assert cached.recording_ids == computed.recording_ids
    assert cached.reason_unsupported and row.external_id == "D-1001" and row.unsupported


def test_failed_recording_keeps_a_readable_error(db) -> None:
    import_manifest(db, MANIFEST)
    timeline = S(db).deals.timeline(_deal_id(db, "D-1004"))
    failed = [e for e in timeline if e.state == RecordingState.FAILED]
    assert len(failed) == 1 and "broken.mp3" in (failed[0].error or "")
