"""Schema migrations on real SQLite and PostgreSQL, and the append-only audit trail."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import DBAPIError

from qa_desk.domain.transcript import RecordingTranscript, Segment, Word
from qa_desk.storage import repositories as repo
from qa_desk.storage.db import Database, DatabaseError
from qa_desk.storage.models import AuditEntry, Deal, Recording
from qa_desk.storage.transcripts import latest_transcript, save_transcript, to_domain

TABLES = {"contract", "manager", "deal", "recording", "transcript", "segment", "word", "audit_log"}


def test_empty_sqlite_is_migrated_on_start(db_url: str) -> None:
    db = Database(db_url)
    assert TABLES <= set(inspect(db.engine).get_table_names())
    with db.engine.connect() as conn:
        assert conn.execute(text("select version_num from alembic_version")).scalar()
    db.dispose()
    Database(db_url).dispose()  # a second start finds it at head and does nothing


def test_default_database_lives_in_the_data_dir(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("QA_DESK_DATA_DIR", str(tmp_path / "profile"))
    monkeypatch.delenv("QA_DESK_DB", raising=False)
    db = Database()
    assert (tmp_path / "profile" / "qa_desk.sqlite3").is_file()
    db.dispose()


def test_db_url_from_environment(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("QA_DESK_DB", f"sqlite:///{tmp_path / 'team.sqlite3'}")
    Database().dispose()
    assert (tmp_path / "team.sqlite3").is_file()


def test_bad_database_url_is_one_readable_error() -> None:
    with pytest.raises(DatabaseError, match="Неверный адрес"):
        Database("not a url")


def _roundtrip(db: Database) -> None:
    with db.session() as s:
        deal = Deal(external_id="X-1", title="Тест", status="active")
        deal.manager = repo.get_or_create_manager(s, "Иван Петров")
        s.add(deal)
        s.flush()
        rec = Recording(deal=deal, path="/calls/a.mp3", sha256="a" * 64)
        s.add(rec)
        s.flush()
        result = RecordingTranscript(
            "/calls/a.mp3", 3.5, 2, [Segment(0.25, 1.5, "manager", "Добрый день", [Word(0.25, 0.7, "Добрый", 0.9)])]
        )
        save_transcript(s, rec, result, model="base", options_key="k")
        repo.add_audit(s, actor="тест", action="status", deal=deal, before={"status": "active"}, after={"x": 1})
        rec_id = rec.id
    with db.session() as s:
        rec = s.get(Recording, rec_id)
        assert rec is not None and rec.state == "done"
        back = to_domain(rec, latest_transcript(s, rec_id))
        assert back.segments[0].text == "Добрый день"
        assert back.segments[0].start == 0.25 and back.segments[0].words[0].end == 0.7
        entry = s.scalar(select(AuditEntry).where(AuditEntry.action == "status"))
        assert entry is not None and entry.before == {"status": "active"}


def _audit_is_append_only(db: Database) -> None:
    with pytest.raises(DBAPIError, match="append-only"), db.session() as s:
        s.execute(text("UPDATE audit_log SET actor = 'someone else'"))
    with pytest.raises(DBAPIError, match="append-only"), db.session() as s:
        s.execute(text("DELETE FROM audit_log"))


def test_sqlite_roundtrip_and_append_only_audit(db: Database) -> None:
    _roundtrip(db)
    _audit_is_append_only(db)


@pytest.mark.postgres
def test_postgresql_team_mode(pg_db: Database) -> None:
    assert pg_db.dialect == "postgresql"
    assert TABLES <= set(inspect(pg_db.engine).get_table_names())
    _roundtrip(pg_db)
    _audit_is_append_only(pg_db)


def test_downgrade_and_upgrade_keep_transcripts(db: Database) -> None:
    """Batch migrations rebuild SQLite tables; that must not cascade-delete dependent rows."""
    _roundtrip(db)
    db.migrate("0001", downgrade=True)
    db.migrate()
    with db.session() as s:
        rec = s.scalar(select(Recording))
        assert rec is not None
        assert to_domain(rec, latest_transcript(s, rec.id)).segments[0].text == "Добрый день"
