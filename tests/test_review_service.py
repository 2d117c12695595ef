"""Refusal verification services on real databases: moves, review, verdicts, ledger, audit, figures."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import AUDIO, DEMO
from conftest import services_for as S
from sqlalchemy import select, text

from qa_desk.domain import transitions as t
from qa_desk.domain.statuses import Status
from qa_desk.domain.transitions import TransitionError
from qa_desk.domain.verdicts import Verdict, ViolationKind
from qa_desk.importing.service import import_manifest
from qa_desk.services import review, supervisor
from qa_desk.services.audit import describe_change
from qa_desk.storage.db import Database
from qa_desk.storage.models import AuditEntry, Deal, PenaltyEntry, Recording, ReviewSession


def _prepare(database: Database) -> Database:
    import_manifest(database, DEMO / "manifest.csv")
    S(database).users.sync()
    head = S(database).users.get("head")
    S(database, head).managers.set_pay(S(database).managers.find("Иван Петров"), salary="85000")
    return database


@pytest.fixture
def demo_db(db: Database) -> Database:
    return _prepare(db)


def user(database: Database, login: str):
    return S(database).users.get(login)


def _false_refusal(database: Database) -> None:
    olga = user(database, "olga")
    S(database, olga).review.start("D-1001")
    S(database, olga).review.save_answer("D-1001", "client_answer", "Бюджет есть, менеджер не перезвонил")
    S(database, olga).review.save_answer("D-1001", "reason_confirmed", "no")
    S(database, olga).review.save_answer("D-1001", "real_budget", "1 500 000")
    S(database, olga).review.save_answer("D-1001", "real_timing", "до конца квартала")
    maria = S(database).managers.find("Мария Соколова")
    S(database, olga).review.apply_verdict(
        "D-1001", Verdict.FALSE_REFUSAL, new_manager_id=maria, violation="falsified_reason"
    )


def test_default_users_are_seeded_from_managers(demo_db: Database) -> None:
    logins = {u.id: u for u in S(demo_db).users.active()}
    assert {"olga", "head", "admin", "ivan.petrov", "maria.sokolova", "alexey.smirnov"} <= set(logins)
    assert logins["olga"].display_name == "Ольга Контролёрова"
    assert logins["ivan.petrov"].manager_id == S(demo_db).managers.find("Иван Петров")
    S(demo_db).users.sync()  # idempotent
    assert len(S(demo_db).users.active()) == len(logins)


def test_false_refusal_returns_deal_records_penalty_and_audit(demo_db: Database) -> None:
    _false_refusal(demo_db)
    with demo_db.session() as s:
        deal = s.scalar(select(Deal).where(Deal.external_id == "D-1001"))
        assert deal.status == Status.ACTIVE
        assert deal.manager.name == "Мария Соколова"
        assert deal.refusal_reason is None
        assert deal.verified_budget == Decimal("1500000.00")
        assert deal.verified_timing == "до конца квартала"
        penalty = s.scalar(select(PenaltyEntry))
        assert penalty.manager.name == "Иван Петров"
        assert penalty.amount == Decimal("850.00")  # 1 % of 85 000
        assert penalty.kind == ViolationKind.FALSIFIED_REASON
        session = s.scalar(select(ReviewSession).where(ReviewSession.deal_id == deal.id))
        assert session.finished_at is not None and session.verdict == Verdict.FALSE_REFUSAL
    actions = [(row.actor, row.action) for row in S(demo_db).audit.trail("D-1001")]
    assert actions == [
        ("импорт", "import"),
        ("olga", "status"),
        ("olga", "answers"),  # the client's answers enter the history with the verdict
        ("olga", "verdict"),
        ("olga", "violation"),
        ("olga", "facts"),
    ]
    answers = S(demo_db).audit.trail("D-1001")[2]
    assert "Что ответил клиент: «Бюджет есть, менеджер не перезвонил»" in answers.change
    assert "Клиент подтвердил причину отказа: нет" in answers.change
    verdict = S(demo_db).audit.trail("D-1001")[3]
    assert verdict.before["status"] == "in_review" and verdict.after["status"] == "active"
    assert "Иван Петров → Мария Соколова" in describe_change(verdict.before, verdict.after)


def test_confirmed_refusal_closes_the_deal_without_penalty(demo_db: Database) -> None:
    olga = user(demo_db, "olga")
    S(demo_db, olga).review.start("D-1002")
    S(demo_db, olga).review.save_answer("D-1002", "reason_confirmed", "yes")
    plan = S(demo_db, olga).review.apply_verdict("D-1002", Verdict.REFUSAL_CONFIRMED)
    assert plan.target is Status.CLOSED_LOST and plan.violation is None
    with demo_db.session() as s:
        deal = s.scalar(select(Deal).where(Deal.external_id == "D-1002"))
        assert deal.status == Status.CLOSED_LOST and deal.refusal_reason == "выбрали конкурента"
        assert s.scalar(select(PenaltyEntry)) is None


@pytest.mark.parametrize(
    ("login", "deal", "target", "kwargs", "message"),
    [
        ("ivan.petrov", "D-1001", Status.CLOSED_LOST, {}, t.LOST_DENIED),
        ("olga", "D-1001", Status.CLOSED_LOST, {}, t.LOST_NEEDS_REVIEW),
        ("admin", "D-1001", Status.IN_REVIEW, {}, t.ADMIN_DENIED),
        ("ivan.petrov", "D-1001", Status.IN_REVIEW, {}, t.REVIEW_DENIED),
        ("maria.sokolova", "D-1003", Status.CONDITIONAL_REFUSAL, {"reason": "дорого"}, t.NOT_OWN_DEAL),
        (
            "alexey.smirnov",
            "D-1003",
            Status.CONDITIONAL_REFUSAL,
            {"reason": "другое"},
            "обязательно добавьте комментарий",
        ),
        ("alexey.smirnov", "D-1003", Status.CONDITIONAL_REFUSAL, {"reason": "погода"}, "не входит в список"),
        ("olga", "D-1005", Status.ACTIVE, {}, "Сделка закрыта"),
    ],
)
def test_illegal_moves_are_refused_with_the_domain_message(
    demo_db, login, deal, target, kwargs, message
) -> None:
    with pytest.raises(TransitionError, match=message):
        S(demo_db, user(demo_db, login)).statuses.change(deal, target, **kwargs)


def test_verdict_needs_a_finished_review_and_another_manager(demo_db: Database) -> None:
    olga = user(demo_db, "olga")
    S(demo_db, olga).review.start("D-1001")
    with pytest.raises(TransitionError, match=t.LOST_REVIEW_UNFINISHED):
        S(demo_db, olga).review.apply_verdict("D-1001", Verdict.REFUSAL_CONFIRMED)
    S(demo_db, olga).review.save_answer("D-1001", "reason_confirmed", "no")
    ivan = S(demo_db).managers.find("ivan.petrov")
    with pytest.raises(TransitionError, match=t.NEW_MANAGER_SAME):
        S(demo_db, olga).review.apply_verdict(
            "D-1001", Verdict.FALSE_REFUSAL, new_manager_id=ivan, violation="other"
        )
    maria = S(demo_db).managers.find("maria.sokolova")
    with pytest.raises(TransitionError, match="для вида «Другое нарушение» нужен комментарий"):
        S(demo_db, olga).review.apply_verdict(
            "D-1001", Verdict.FALSE_REFUSAL, new_manager_id=maria, violation="other"
        )
    with pytest.raises(TransitionError, match=review.ANSWERS_DENIED):
        S(demo_db, user(demo_db, "ivan.petrov")).review.save_answer("D-1001", "notes", "x")
    assert S(demo_db, olga).review.state("D-1001").status is Status.IN_REVIEW  # nothing half-written


def test_manager_refuses_and_withdraws_own_deal(demo_db: Database) -> None:
    alexey = user(demo_db, "alexey.smirnov")
    S(demo_db, alexey).statuses.request_refusal("D-1003", "другое", "клиент закрывает склад")
    state = S(demo_db, alexey).review.state("D-1003")
    assert state.status is Status.CONDITIONAL_REFUSAL and state.refusal_reason == "другое"
    S(demo_db, alexey).statuses.change("D-1003", Status.ACTIVE)
    assert S(demo_db, alexey).review.state("D-1003").refusal_reason is None


def test_answers_survive_a_new_connection_and_postponing(db_url: str) -> None:
    first = _prepare(Database(db_url))
    olga = user(first, "olga")
    S(first, olga).review.start("D-1001")
    S(first, olga).review.save_answer("D-1001", "client_answer", "Бюджет есть")
    S(first, olga).review.set_step("D-1001", 2)
    S(first, olga).statuses.change("D-1001", Status.CONDITIONAL_REFUSAL, comment="клиент в отпуске")
    first.dispose()

    again = Database(db_url)
    assert S(again, olga).review.resume("D-1001") is not None  # postponed, review still open
    state = S(again, user(again, "head")).review.start("D-1001")
    assert state.answers == {"client_answer": "Бюджет есть"} and state.current_step == 2
    with again.session() as s:
        assert len(s.scalars(select(ReviewSession)).all()) == 1
    again.dispose()


def test_imported_in_review_deal_gets_a_review_session(demo_db: Database) -> None:
    olga = user(demo_db, "olga")
    assert S(demo_db, olga).review.resume("D-1004") is None
    state = S(demo_db, olga).review.start("D-1004")
    assert state.review_id is not None and state.status is Status.IN_REVIEW


def test_fixed_penalty_per_manager(demo_db: Database) -> None:
    ivan = S(demo_db).managers.find("Иван Петров")
    S(demo_db, user(demo_db, "admin")).managers.set_pay(ivan, fixed="5000")
    _false_refusal(demo_db)
    with demo_db.session() as s:
        assert s.scalar(select(PenaltyEntry.amount)) == Decimal("5000.00")
    with pytest.raises(TransitionError, match="руководитель отдела продаж"):
        S(demo_db, user(demo_db, "olga")).managers.set_pay(ivan, salary="1")


def test_audit_log_is_append_only(demo_db: Database) -> None:
    _false_refusal(demo_db)
    with pytest.raises(Exception, match="append-only"), demo_db.session() as s:
        s.execute(text("UPDATE audit_log SET actor = 'x'"))


def test_callback_recording_is_attached_for_transcription(demo_db: Database) -> None:
    olga = user(demo_db, "olga")
    state = S(demo_db, olga).review.start("D-1001")
    rid = S(demo_db, olga).review.attach_callback(state.deal_id, AUDIO / "mono_short.wav")
    with demo_db.session() as s:
        rec = s.get(Recording, rid)
        assert (rec.origin, rec.state, rec.channels) == ("callback", "pending", 1)
        assert rec.sha256 and rec.duration_ms > 0


def test_supervisor_figures(demo_db: Database, tmp_path: Path) -> None:
    _false_refusal(demo_db)
    olga, head = user(demo_db, "olga"), user(demo_db, "head")
    S(demo_db, head).review.start("D-1002")
    S(demo_db, head).review.save_answer("D-1002", "reason_confirmed", "yes")
    S(demo_db, head).review.apply_verdict("D-1002", Verdict.REFUSAL_CONFIRMED)
    S(demo_db, head).statuses.change("D-1001", Status.WON)  # the returned deal was won

    report = S(demo_db).supervisor.report()
    reasons = {r[0]: r[1:] for r in report.reasons.rows}  # declared, reviewed, confirmed, false, share
    assert reasons["маленький бюджет"] == (1, 1, 0, 1, Decimal("100.0"))
    assert reasons["выбрали конкурента"] == (1, 1, 1, 0, Decimal("0.0"))
    assert ("Иван Петров", 1, 0, 1, Decimal("100.0")) in report.false_refusals.rows
    assert ("Мария Соколова", 1, 1, 0, Decimal("0.0")) in report.false_refusals.rows
    row = report.false_refusals.rows.index(("Иван Петров", 1, 0, 1, Decimal("100.0")))
    [deal] = report.false_refusals.deals_of(row)  # the drill-down
    assert (deal.external_id, deal.outcome, deal.reason) == ("D-1001", "Ложный отказ", "маленький бюджет")
    [month] = report.months.rows
    assert month[1:] == (2, 1, 1, Decimal("50.0")) and month[0].split()[1].isdigit()
    assert report.penalties.rows == [("Иван Петров", 1, Decimal("850.00"))]
    assert (report.returned_count, report.won_count) == (1, 1)
    assert report.won_amount == report.returned_amount == Decimal("1200000.00")
    assert dict((r[0], r[1]) for r in report.reviewers.rows) == {
        "Ольга Контролёрова": 1,
        "Пётр Руководителев": 1,
    }
    csv_text = report.penalties.to_csv()
    assert csv_text.splitlines() == ["Менеджер;Нарушений;Сумма штрафов, ₽", "Иван Петров;1;850,00"]
    report.penalties.write_csv(tmp_path / "p.csv")
    assert (tmp_path / "p.csv").read_bytes().startswith(b"\xef\xbb\xbf")

    empty = S(demo_db).supervisor.report(supervisor.Period(end=date(2000, 1, 1)))
    assert empty.reasons.rows == [] and empty.returned_count == 0
    assert olga.role.value == "qc"


def test_review_workflow_on_postgresql(pg_db: Database) -> None:
    _prepare(pg_db)
    _false_refusal(pg_db)
    with pg_db.session() as s:
        assert s.scalar(select(PenaltyEntry.amount)) == Decimal("850.00")
        assert s.scalar(select(Recording.origin).limit(1)) == "crm"
        assert len(s.scalars(select(AuditEntry)).all()) >= 5
    with pytest.raises(Exception, match="append-only"), pg_db.session() as s:
        s.execute(text("DELETE FROM audit_log"))
    assert S(pg_db).supervisor.report().penalties.rows == [("Иван Петров", 1, Decimal("850.00"))]


def test_migration_upgrades_an_existing_0002_database(tmp_path: Path) -> None:
    from alembic import command

    from qa_desk.storage.db import alembic_config

    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    old = Database(url, migrate=False)
    cfg = alembic_config(url)
    with old.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0002")
        conn.execute(text("INSERT INTO manager (name, active) VALUES ('Иван Петров', 1)"))
    with old.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    with old.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0002")
        command.upgrade(cfg, "head")
    old.dispose()
    assert {u.id for u in S(Database(url)).users.sync()} >= {"olga", "ivan.petrov"}
