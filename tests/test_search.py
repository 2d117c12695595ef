"""Morphology-aware full-text search on real SQLite and PostgreSQL, and its widget."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import text

from qa_desk.domain.transcript import RecordingTranscript, Segment
from qa_desk.storage.db import Database
from qa_desk.storage.models import Deal, Recording
from qa_desk.storage.search import parse_query, reindex_all, search
from qa_desk.storage.transcripts import save_transcript

WEIRD = [
    '"',
    "*",
    "OR",
    "",
    "   ",
    '"бюджет',
    "бюджет*",
    "NEAR(бюджет",
    "AND OR NOT",
    "'; DROP TABLE deal; --",
    "^$%",
]


def _call(
    db: Database, external_id: str, started: datetime, lines: list[tuple[float, str, str]]
) -> tuple[int, int]:
    """A deal with one transcribed call; returns (deal id, recording id)."""
    with db.session() as s:
        deal = s.query(Deal).filter_by(external_id=external_id).one_or_none()
        if deal is None:
            deal = Deal(external_id=external_id, title=f"Сделка {external_id}", status="conditional_refusal")
            s.add(deal)
        rec = Recording(deal=deal, path=f"/calls/{external_id}-{started:%H%M}.mp3", call_started_at=started)
        s.add(rec)
        s.flush()
        segments = [Segment(t, t + 2.0, spk, body) for t, spk, body in lines]
        save_transcript(
            s, rec, RecordingTranscript(rec.path, 60.0, 2, segments), model="base", options_key="k"
        )
        return deal.id, rec.id


def _fill(db: Database) -> dict[str, tuple[int, int]]:
    return {
        "a": _call(
            db,
            "A-1",
            datetime(2026, 3, 5, 14, 22),
            [
                (0.0, "manager", "Добрый день, это Ольга из компании."),
                (12.5, "manager", "Какой бюджет вы закладываете на проект?"),
                (15.0, "client", "С бюджетом пока не определились."),
            ],
        ),
        "b": _call(
            db,
            "B-2",
            datetime(2026, 3, 6, 10, 0),
            [(42.0, "client", "Денег в рамках бюджета хватит, решение принимает директор.")],
        ),
        "c": _call(
            db, "C-3", datetime(2026, 3, 7, 9, 30), [(3.0, "client", "Пришлите коммерческое предложение.")]
        ),
    }


def _check_morphology(db: Database) -> None:
    ids = _fill(db)
    with db.session() as s:
        hits = search(s, "бюджет")
        assert {h.quote for h in hits} == {
            "Какой бюджет вы закладываете на проект?",
            "С бюджетом пока не определились.",
            "Денег в рамках бюджета хватит, решение принимает директор.",
        }
        b = next(h for h in hits if h.deal_external_id == "B-2")
        assert (b.deal_id, b.recording_id) == ids["b"]
        assert b.deal_title == "Сделка B-2" and b.call_started_at == datetime(2026, 3, 6, 10, 0)
        assert b.start_ms == 42_000 and b.end_ms == 44_000 and b.seconds == 42.0 and b.speaker == "client"
        assert b.quote[b.spans[0][0] : b.spans[0][1]] == "бюджета"
        # Several words: all lemmas must occur ("директора" finds "директор").
        [both] = search(s, "бюджеты директора")
        assert both.deal_external_id == "B-2"
        assert search(s, "бюджет предложение") == []
        # A quoted phrase keeps order; ё and case do not matter.
        assert [h.deal_external_id for h in search(s, '"принимать директор"')] == ["B-2"]
        assert search(s, '"директор принимать"') == []
        assert [h.start_ms for h in search(s, "КОММЕРЧЕСКИЕ Предложения")] == [3000]
        for weird in WEIRD:
            search(s, weird)  # harmless: no exception
        assert search(s, "") == [] and search(s, '"') == [] and search(s, "*") == []
        assert len(search(s, "бюджет", limit=1)) == 1


def test_inflected_forms_are_found_with_deal_call_and_second(db: Database) -> None:
    _check_morphology(db)


@pytest.mark.postgres
def test_search_on_postgresql(pg_db: Database) -> None:
    _check_morphology(pg_db)
    _check_updates(pg_db)


def _check_updates(db: Database) -> None:
    deal_id, rec_id = _call(db, "D-4", datetime(2026, 3, 8, 11, 0), [(1.0, "client", "Сроки поджимают.")])
    with db.session() as s:
        assert [h.recording_id for h in search(s, "срок")] == [rec_id]
        rec = s.get(Recording, rec_id)
        assert rec is not None
        # Saving again (same model + settings) replaces the indexed text.
        save_transcript(
            s,
            rec,
            RecordingTranscript(rec.path, 60.0, 2, [Segment(5.0, 7.0, "client", "Обсудим сроком позже")]),
            model="base",
            options_key="k",
        )
        [hit] = search(s, "сроки")
        assert hit.quote == "Обсудим сроком позже" and hit.start_ms == 5000
        # A newer transcript of another model becomes the searchable one; no duplicates.
        save_transcript(
            s,
            rec,
            RecordingTranscript(rec.path, 60.0, 2, [Segment(6.0, 8.0, "client", "Сроки обсудим позже")]),
            model="small",
            options_key="k",
        )
        assert [h.start_ms for h in search(s, "срок")] == [6000]
    with db.session() as s:
        assert reindex_all(s) >= 1
        assert [h.start_ms for h in search(s, "срок")] == [6000]
        s.delete(s.get(Deal, deal_id))
    with db.session() as s:
        assert search(s, "срок") == []


def test_index_follows_saved_transcripts(db: Database) -> None:
    _check_updates(db)
    with db.engine.connect() as conn:  # the deletion trigger left no orphan rows in FTS5
        assert (
            conn.execute(
                text("SELECT count(*) FROM segment_search WHERE rowid NOT IN (SELECT id FROM segment)")
            ).scalar()
            == 0
        )


def test_existing_transcripts_are_indexed_by_the_migration(db_url: str) -> None:
    """A database transcribed before revision 0002 gets its index filled on upgrade."""
    from alembic import command

    from qa_desk.storage.db import alembic_config

    db = Database(db_url, migrate=False)
    cfg = alembic_config(db_url)
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        now = datetime(2026, 3, 1)
        conn.execute(
            text(
                "INSERT INTO deal (id, external_id, title, currency, status, created_at, updated_at) "
                "VALUES (1, 'OLD-1', 'Старая', 'RUB', 'active', :now, :now)"
            ),
            {"now": now},
        )
        conn.execute(
            text(
                "INSERT INTO recording (id, deal_id, path, started_at_source, state, created_at) "
                "VALUES (1, 1, '/calls/old.mp3', 'manifest', 'done', :now)"
            ),
            {"now": now},
        )
        for tid, body in ((1, "Бюджет устаревшей модели"), (2, "Бюджетами распоряжается директор")):
            conn.execute(
                text(
                    "INSERT INTO transcript (id, recording_id, model, options_key, created_at) "
                    "VALUES (:tid, 1, :model, 'k', :now)"
                ),
                {"tid": tid, "model": f"m{tid}", "now": now},
            )
            conn.execute(
                text(
                    "INSERT INTO segment (transcript_id, speaker, start_ms, end_ms, text) "
                    "VALUES (:tid, 'client', 7000, 9000, :body)"
                ),
                {"tid": tid, "body": body},
            )
    db.migrate()
    with db.session() as s:  # only the latest transcript of the recording is searchable
        assert [h.quote for h in search(s, "бюджетом")] == ["Бюджетами распоряжается директор"]
    db.dispose()


def test_query_parsing() -> None:
    q = parse_query('бюджета "принимает директор" Бюджетом "')
    assert q.terms == ("бюджет",) and q.phrases == (("принимать", "директор"),)
    assert parse_query('"один"').terms == ("один",)
    assert parse_query('* OR "').empty is False and parse_query('*  " ').empty


def test_search_widget_emits_the_hit(qtbot, db: Database, services) -> None:
    from qa_desk.ui.search_widget import SearchWidget

    ids = _fill(db)
    widget = SearchWidget(services)
    qtbot.addWidget(widget)
    widget.show()
    with qtbot.waitSignal(widget.searchFinished, timeout=5000):
        widget.input.setText("бюджетами")  # QTest.keyClicks cannot type Cyrillic
    assert widget.results.count() == 3
    texts = [widget.results.item(i).data(Qt.ItemDataRole.DisplayRole) or "" for i in range(3)]
    html = [widget.results.item(i).data(Qt.ItemDataRole.UserRole + 1) for i in range(3)]
    assert all("<b>" in h for h in html) and texts
    row = next(i for i in range(3) if "B-2" in html[i])
    widget.results.setCurrentRow(row)
    with qtbot.waitSignal(widget.hitActivated) as blocker:
        qtbot.keyClick(widget.results, Qt.Key.Key_Return)
    assert blocker.args == [ids["b"][0], ids["b"][1], 42.0]
    # Weird input shows no error and no results.
    with qtbot.waitSignal(widget.searchFinished, timeout=5000):
        widget.input.setText('"*OR')
    assert widget.results.count() == 0
