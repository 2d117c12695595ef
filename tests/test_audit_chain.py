"""The audit log's hash chain: sealed on commit, verified by the service, the CLI and the window;
existing logs sealed by migration 0004; on PostgreSQL the application's role cannot change it."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from conftest import DEMO
from conftest import services_for as S
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, IntegrityError

from qa_desk.cli import main
from qa_desk.domain.audit_chain import GENESIS, Problem
from qa_desk.domain.verdicts import Verdict
from qa_desk.importing.service import import_manifest
from qa_desk.storage.db import Database
from qa_desk.storage.models import AuditEntry
from qa_desk.storage.roles import audit_log_privileges, protect_audit_log

APP_ROLE = "qa_desk_app_test"


def _workflow(db: Database) -> None:
    """A few audited actions: import, review, verdict with facts."""
    import_manifest(db, DEMO / "manifest.csv")
    S(db).users.sync()
    S(db, "olga").review.start("D-1001")
    S(db, "olga").review.apply_verdict(
        "D-1001", Verdict.REFUSAL_CONFIRMED, answers={"reason_confirmed": "yes", "real_budget": "100 000"}
    )


def _tamper(db: Database, *statements: str) -> None:
    """What an attacker with the database file does: drop the guard, then change the log."""
    connection = sqlite3.connect(db.url.removeprefix("sqlite:///"), isolation_level=None)
    for statement in statements:
        connection.execute(statement)
    connection.close()


def test_every_entry_is_chained_and_verifies(db: Database) -> None:
    _workflow(db)
    report = S(db).audit.verify_chain()
    assert report.ok and report.checked >= 9 and not report.breaks and report.summary.startswith("Журнал изменений цел")
    with db.session(write=False) as s:
        rows = s.execute(text("SELECT id, prev_hash, hash FROM audit_log ORDER BY id")).all()
    assert rows[0].prev_hash == GENESIS and all(b.prev_hash == a.hash for a, b in zip(rows, rows[1:], strict=False))
    assert report.head == rows[-1].hash and report.last_id == rows[-1].id


def test_an_entry_written_around_the_repository_is_refused(db: Database) -> None:
    with pytest.raises(IntegrityError), db.session() as s:
        s.add(AuditEntry(actor="x", action="status"))  # no hash: NOT NULL refuses it


def test_drop_trigger_then_update_is_caught(db: Database, capsys) -> None:
    _workflow(db)
    _tamper(db, "DROP TRIGGER audit_log_no_update", "UPDATE audit_log SET comment = 'подчищено' WHERE id = 3")
    report = S(db).audit.verify_chain()
    assert [(b.entry_id, b.problems) for b in report.breaks] == [(3, (Problem.CONTENT,))]
    assert report.guards_missing == ("audit_log_no_update",) and not report.ok
    assert "запись #3" in report.breaks[0].message and "изменено" in report.breaks[0].message

    assert main(["--db", db.url, "audit", "verify"]) == 1
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].startswith("запись #3 (") and len(lines) == 2  # one line per broken entry, then the summary
    assert lines[1].startswith("Журнал изменений повреждён: нарушена цепочка подписей в 1 записях (первая — #3)")


def test_a_deleted_entry_breaks_the_link_of_the_next(db: Database) -> None:
    _workflow(db)
    _tamper(db, "DROP TRIGGER audit_log_no_delete", "DELETE FROM audit_log WHERE id = 2")
    report = S(db).audit.verify_chain()
    assert [(b.entry_id, b.problems) for b in report.breaks] == [(3, (Problem.LINK,))]
    assert report.guards_missing == ("audit_log_no_delete",)


def test_cli_says_intact_with_the_anchor(db: Database, capsys) -> None:
    _workflow(db)
    assert main(["--db", db.url, "audit", "verify"]) == 0
    out = capsys.readouterr().out
    assert "Журнал изменений цел" in out and "подпись " in out


def test_migration_0004_seals_an_existing_log(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    old = Database(url, migrate=False)
    old.migrate("0003")  # a database from before the chain, with entries in its log
    with old.engine.begin() as conn:
        conn.execute(text("INSERT INTO deal (external_id, title, currency, status, created_at, updated_at) "
                          "VALUES ('X-1', 'Старая', 'RUB', 'active', '2025-01-01 10:00:00', '2025-01-01 10:00:00')"))
        for n in range(3):
            conn.execute(
                text("INSERT INTO audit_log (at, actor, action, deal_id, before, after, comment) "
                     "VALUES (:at, 'olga', 'status', 1, :before, :after, NULL)"),
                {"at": f"2025-01-0{n + 1} 10:00:00.000000", "before": '{"status": "active"}', "after": json.dumps({"n": n})},
            )  # fmt: skip
    old.dispose()
    db = Database(url)  # migrates to head: the three entries are sealed in id order
    report = S(db).audit.verify_chain()
    assert report.ok and report.checked == 3
    with pytest.raises(DBAPIError, match="append-only"), db.session() as s:  # the guards are back
        s.execute(text("UPDATE audit_log SET actor = 'x'"))
    db.migrate("0003", downgrade=True)  # and the migration goes down and up again
    db.migrate()
    assert S(db).audit.verify_chain().ok
    db.dispose()


def test_banner_turns_red_when_the_chain_breaks(qtbot, db: Database) -> None:
    from qa_desk.ui.audit_banner import AuditBanner

    _workflow(db)
    banner = AuditBanner(S(db, "olga"))
    qtbot.addWidget(banner)
    banner.check()
    qtbot.waitUntil(lambda: banner.report is not None, timeout=10000)
    assert banner.isHidden()
    _tamper(db, "DROP TRIGGER audit_log_no_update", "UPDATE audit_log SET actor = 'admin' WHERE id = 2")
    banner.check()
    qtbot.waitUntil(banner.isVisible, timeout=10000)
    assert "Журнал изменений повреждён" in banner.label.text() and "qa-desk audit verify" in banner.label.text()
    banner.shutdown()


def _app_url(pg_url: str) -> str:
    return make_url(pg_url).set(username=APP_ROLE).render_as_string(hide_password=False)


def test_postgresql_app_role_cannot_change_the_log(pg_db: Database, pg_url: str) -> None:
    owner = create_engine(pg_url)
    with owner.begin() as conn:  # what ``server init`` does: the role, its grants, then the audit log's
        conn.execute(text(f"DROP ROLE IF EXISTS {APP_ROLE}"))
        conn.execute(text(f"CREATE ROLE {APP_ROLE} LOGIN"))
        conn.execute(text(f"GRANT USAGE ON SCHEMA public TO {APP_ROLE}"))
        conn.execute(text(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {APP_ROLE}"))
        conn.execute(text(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {APP_ROLE}"))
        protect_audit_log(conn, APP_ROLE)
    assert any("REVOKE UPDATE, DELETE, TRUNCATE" in s for s in audit_log_privileges(APP_ROLE))

    app = Database(_app_url(pg_url), migrate=False)
    try:
        _workflow(app)  # the application works as that role, audit entries included
        assert S(app).audit.verify_chain().ok
        for statement in ("UPDATE audit_log SET actor = 'x'", "DELETE FROM audit_log", "TRUNCATE audit_log"):
            with pytest.raises(DBAPIError, match="permission denied"), app.session() as s:
                s.execute(text(statement))
    finally:
        app.dispose()
    with owner.begin() as conn:  # the tables' owner could lift the guard: the chain still tells
        conn.execute(text("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only"))
        conn.execute(text("UPDATE audit_log SET comment = 'подчищено' WHERE id = 2"))
    report = S(pg_db).audit.verify_chain()
    assert [b.entry_id for b in report.breaks] == [2] and report.guards_missing == ("audit_log_append_only",)
    with owner.begin() as conn:
        conn.execute(text(f"DROP OWNED BY {APP_ROLE}"))
        conn.execute(text(f"DROP ROLE {APP_ROLE}"))
    owner.dispose()
