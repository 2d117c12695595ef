"""One action, one locked transaction: conflicts name who won, stale writes are refused, nothing half-done.

In-process checks of the service rules on real SQLite files (the races with real processes are in
``test_faults_*.py``).
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

import pytest
from conftest import AUDIO, DEMO
from conftest import services_for as S
from faults import sqlite_locked
from sqlalchemy import select

from qa_desk.domain.conflicts import Conflict, ConflictError, local_time
from qa_desk.domain.russian import past_tense
from qa_desk.domain.statuses import Status
from qa_desk.domain.verdicts import MoneyError, Verdict
from qa_desk.importing.service import import_manifest
from qa_desk.services.errors import USER_ERRORS, DatabaseBusy
from qa_desk.storage.db import Database
from qa_desk.storage.models import AuditEntry, Deal, ReviewAnswer
from qa_desk.storage.uow import Storage


@pytest.fixture
def demo_db(db: Database) -> Database:
    import_manifest(db, DEMO / "manifest.csv")
    S(db).users.sync()
    return db


def _in_review(db: Database, login: str = "olga", deal: str = "D-1001") -> None:
    S(db, login).review.start(deal)
    S(db, login).review.save_answer(deal, "reason_confirmed", "yes")


def _audit(db: Database, deal: str = "D-1001") -> list[AuditEntry]:
    with db.session(write=False) as s:
        deal_id = s.scalar(select(Deal.id).where(Deal.external_id == deal))
        return list(s.scalars(select(AuditEntry).where(AuditEntry.deal_id == deal_id).order_by(AuditEntry.id)))


def test_russian_wording_of_a_conflict() -> None:
    assert past_tense("Ольга Контролёрова", "проверил", "проверила") == "проверила"
    assert past_tense("Пётр Руководителев", "проверил", "проверила") == "проверил"
    assert past_tense("Никита Орлов", "изменил", "изменила") == "изменил"
    assert past_tense("Саша Белова", "изменил", "изменила") == "изменил(а)"
    at = datetime(2026, 3, 2, 7, 42)  # naive UTC, as stored
    local = at.replace(tzinfo=UTC).astimezone()
    assert local_time(at, local) == f"в {local:%H:%M}"
    assert local_time(at, local.replace(year=2027), since=True) == f"{local:%d.%m.%Y} с {local:%H:%M}"
    error = ConflictError(
        Conflict.REVIEWED, deal_id=1, external_id="D-1", by="olga", by_name="Ольга", at=at, detail="ложный отказ", now=local
    )
    assert str(error).startswith(f"Сделку D-1 уже проверила Ольга в {local:%H:%M} (ложный отказ): ")
    assert "не сохранены" in str(error) and isinstance(error, USER_ERRORS[0])


def test_second_verdict_is_a_conflict_naming_the_winner(demo_db: Database) -> None:
    _in_review(demo_db)
    S(demo_db, "olga").review.apply_verdict("D-1001", Verdict.REFUSAL_CONFIRMED)
    maria = S(demo_db).managers.find("Мария Соколова")
    with pytest.raises(ConflictError) as caught:
        S(demo_db, "olga").review.apply_verdict(
            "D-1001", Verdict.FALSE_REFUSAL, new_manager_id=maria, violation="falsified_reason"
        )
    error = caught.value
    assert (error.kind, error.by, error.by_name, error.detail) == (
        Conflict.REVIEWED, "olga", "Ольга Контролёрова", "отказ подтверждён"
    )
    assert error.at is not None and "уже проверила Ольга Контролёрова" in str(error)
    assert [e.action for e in _audit(demo_db)].count("verdict") == 1
    with pytest.raises(ConflictError, match="уже проверила"):  # the answers of the loser are refused too
        S(demo_db, "olga").review.save_answer("D-1001", "notes", "перезвонить")


def test_another_reviewer_cannot_take_an_open_review(demo_db: Database) -> None:
    _in_review(demo_db)
    for action in (
        lambda: S(demo_db, "head").review.start("D-1001"),
        lambda: S(demo_db, "head").review.save_answer("D-1001", "notes", "x"),
        lambda: S(demo_db, "head").review.apply_verdict("D-1001", Verdict.REFUSAL_CONFIRMED),
        lambda: S(demo_db, "ivan.petrov").statuses.change("D-1001", Status.ACTIVE),  # withdraw: too late
    ):
        with pytest.raises(ConflictError, match="уже проверяет Ольга Контролёрова с ") as caught:
            action()
        assert caught.value.kind is Conflict.REVIEWING
    assert S(demo_db, "olga").review.start("D-1001").open  # her own review resumes
    assert [e.action for e in _audit(demo_db)] == ["import", "status"]  # one "→ На проверке"


def test_a_postponed_review_is_taken_over_by_whoever_resumes_it(demo_db: Database) -> None:
    _in_review(demo_db)
    S(demo_db, "olga").statuses.change("D-1001", Status.CONDITIONAL_REFUSAL, comment="клиент в отпуске")
    with pytest.raises(ConflictError, match="уже изменила Ольга Контролёрова") as caught:
        S(demo_db, "olga").review.save_answer("D-1001", "notes", "x")
    assert caught.value.kind is Conflict.CHANGED
    state = S(demo_db, "head").review.start("D-1001")
    assert state.open and state.reviewer == "head" and state.answers == {"reason_confirmed": "yes"}
    S(demo_db, "head").review.apply_verdict("D-1001", Verdict.REFUSAL_CONFIRMED)


def test_a_stale_version_is_refused(demo_db: Database) -> None:
    state = S(demo_db, "olga").review.state("D-1001")
    S(demo_db, "ivan.petrov").statuses.change("D-1001", Status.ACTIVE)  # withdrawn meanwhile
    with pytest.raises(ConflictError, match="уже изменил Иван Петров") as caught:
        S(demo_db, "olga").review.start("D-1001", expected_version=state.version)
    assert caught.value.detail == "статус «В работе»"
    now = S(demo_db, "olga").review.state("D-1001")
    assert now.version == state.version + 1 and now.status is Status.ACTIVE


def test_a_write_on_a_stale_row_is_refused_whole(demo_db: Database) -> None:
    """Two transactions read the deal; the later write finds the version moved on (the
    PostgreSQL guard behind the row lock) and nothing of it is stored."""
    storage = Storage(demo_db)
    with storage.read() as uow:
        stale = uow.deals.get("D-1003")
        assert stale is not None
    S(demo_db, "alexey.smirnov").statuses.request_refusal("D-1003", "маленький бюджет")
    with pytest.raises(ConflictError, match="Сделку D-1003 уже изменил Алексей Смирнов"), storage.write() as uow:
        deal = uow.deals.get("D-1003", lock=True)
        assert deal is not None
        uow.session.expunge(deal)
        merged = uow.session.merge(stale, load=False)  # the row as it was read before the refusal
        merged.title = "перезаписано"
        uow.audit.add(actor="olga", action="status", deal=merged)
    assert S(demo_db).deals.card("D-1003").title != "перезаписано"
    assert [e.action for e in _audit(demo_db, "D-1003")] == ["import", "status"]


def test_verdict_with_answers_is_one_transaction(demo_db: Database) -> None:
    _in_review(demo_db)
    with pytest.raises(MoneyError):
        S(demo_db, "olga").review.apply_verdict(
            "D-1001", Verdict.REFUSAL_CONFIRMED, answers={"real_timing": "весной", "real_budget": "много"}
        )
    with demo_db.session(write=False) as s:  # the valid answer before the bad one is not kept either
        assert s.scalar(select(ReviewAnswer.id).where(ReviewAnswer.field_id == "real_timing")) is None
    plan = S(demo_db, "olga").review.apply_verdict(
        "D-1001", Verdict.REFUSAL_CONFIRMED, answers={"real_budget": "100 000", "real_timing": "весной"}
    )
    assert plan.facts is not None and plan.facts.budget == 100000
    assert [e.action for e in _audit(demo_db)] == ["import", "status", "answers", "verdict", "facts"]


def test_status_change_out_of_review_is_the_verdict(demo_db: Database) -> None:
    _in_review(demo_db)
    assert S(demo_db, "olga").statuses.change("D-1001", Status.CLOSED_LOST) is Status.CLOSED_LOST
    with pytest.raises(ConflictError, match="уже проверила"):
        S(demo_db, "olga").statuses.change("D-1001", Status.CLOSED_LOST)


def test_attach_is_authorised_and_audited(demo_db: Database) -> None:
    with pytest.raises(USER_ERRORS):
        S(demo_db, "maria.sokolova").review.attach_callback("D-1001", AUDIO / "mono_short.wav")
    _in_review(demo_db)
    rid = S(demo_db, "olga").review.attach_callback("D-1001", AUDIO / "mono_short.wav")
    entry = _audit(demo_db)[-1]
    assert (entry.action, entry.actor) == ("callback", "olga")
    assert entry.after is not None and (entry.after["recording_id"], entry.after["file"]) == (rid, "mono_short.wav")


def test_adding_a_user_is_audited(demo_db: Database) -> None:
    S(demo_db, "admin").users.add("nina", "Нина Новикова", S(demo_db).users.get("olga").role)
    with demo_db.session(write=False) as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "user_add")).one()
    assert entry.actor == "admin" and entry.after is not None and entry.after["login"] == "nina"


def test_writers_take_the_lock_first_readers_never_wait(demo_db: Database) -> None:
    path = demo_db.url.removeprefix("sqlite:///")

    def lock_is_free() -> bool:
        return not sqlite_locked(path)

    storage = Storage(demo_db)
    with storage.write() as uow:
        uow.deals.get("D-1001", lock=True)
        assert not lock_is_free()  # BEGIN IMMEDIATE: held from the first read
    with storage.read() as uow:
        uow.deals.get("D-1001")
        assert lock_is_free()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        assert S(demo_db).deals.card("D-1001").external_id == "D-1001"  # reading goes on meanwhile
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_writer_that_waits_too_long_gets_one_russian_line(demo_db: Database, monkeypatch) -> None:
    from qa_desk.storage import db as db_module

    monkeypatch.setattr(db_module, "LOCK_WAIT_S", 0.2)
    impatient = Database(demo_db.url)
    holder = sqlite3.connect(demo_db.url.removeprefix("sqlite:///"), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(DatabaseBusy, match="База данных занята"):
            S(impatient, "ivan.petrov").statuses.request_refusal("D-1003", "маленький бюджет")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        impatient.dispose()
