"""The services' contract on a real SQLite file: authorisation of reads, the verdict's dry run,
recording states and the typed settings."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from conftest import DEMO
from conftest import services_for as S

from qa_desk import config
from qa_desk.domain import access
from qa_desk.domain.access import AccessDenied
from qa_desk.domain.identity import User
from qa_desk.domain.recordings import RecordingState
from qa_desk.domain.roles import Role
from qa_desk.domain.statuses import Status
from qa_desk.domain.verdict_preview import VerdictChoice
from qa_desk.domain.verdicts import Verdict
from qa_desk.importing.service import import_manifest
from qa_desk.storage.db import Database


@pytest.fixture
def demo_db(db: Database) -> Database:
    import_manifest(db, DEMO / "manifest.csv")
    head = S(db, "head")
    head.managers.set_pay(head.managers.find("Иван Петров"), salary="85000")
    return db


def _in_review(db: Database, deal: str = "D-1001") -> None:
    olga = S(db, "olga").review
    olga.start(deal)
    olga.save_answer(deal, "reason_confirmed", "no")
    olga.save_answer(deal, "real_budget", "1 500 000")


def test_preview_is_what_the_verdict_then_writes(demo_db: Database) -> None:
    _in_review(demo_db)
    olga = S(demo_db, "olga")
    maria = olga.managers.find("Мария Соколова")
    partial = olga.review.preview_verdict("D-1001", VerdictChoice(Verdict.FALSE_REFUSAL))
    assert partial.plan is None and "Выберите другого менеджера" in (partial.problem or "")
    assert partial.penalty is not None and partial.penalty.amount == Decimal("850.00")  # known already
    assert partial.penalty.basis == "1\u00a0% оклада 85\u00a0000\u00a0₽"

    choice = {"new_manager_id": maria, "violation": "client_dropped"}
    preview = olga.review.preview_verdict("D-1001", VerdictChoice(Verdict.FALSE_REFUSAL, **choice))
    assert preview.ok and preview.problem is None and preview.missing == ()
    assert preview.facts is not None and preview.facts.budget == Decimal("1500000.00")
    plan = olga.review.apply_verdict("D-1001", Verdict.FALSE_REFUSAL, **choice)
    assert plan == preview.plan  # the dry run planned exactly what was carried out
    assert plan.violation is not None and plan.violation.penalty == preview.penalty.amount


def test_preview_names_missing_answers_and_a_bad_budget(demo_db: Database) -> None:
    olga = S(demo_db, "olga").review
    olga.start("D-1002")
    olga.save_answer("D-1002", "real_budget", "много")
    preview = olga.preview_verdict("D-1002", VerdictChoice(Verdict.REFUSAL_CONFIRMED))
    assert not preview.ok and preview.facts_problem and "много" in preview.facts_problem
    assert "Клиент подтвердил причину отказа" in preview.missing
    assert preview.target is Status.CLOSED_LOST and preview.refusal_reason == "выбрали конкурента"


def test_managers_see_no_colleagues_pay_and_no_department_figures(demo_db: Database) -> None:
    _in_review(demo_db)
    olga = S(demo_db, "olga")
    maria_id = olga.managers.find("Мария Соколова")
    olga.review.apply_verdict("D-1001", Verdict.FALSE_REFUSAL, new_manager_id=maria_id, violation="client_dropped")

    maria = S(demo_db, "maria.sokolova")
    assert not maria.supervisor.can_view() and maria.supervisor.can_view().reason == access.SUPERVISOR_DENIED
    with pytest.raises(AccessDenied, match="Показатели отдела"):
        maria.supervisor.report()
    ivan = next(m for m in maria.managers.active() if m.name == "Иван Петров")
    assert (ivan.salary, ivan.rule, ivan.pay_visible, ivan.penalty_label) == (None, None, False, "скрыто")
    own = next(m for m in maria.managers.active() if m.id == maria_id)
    assert own.pay_visible

    trail = {row.action: row for row in maria.audit.trail("D-1001")}
    assert "penalty" not in (trail["violation"].after or {}) and "salary" not in (trail["violation"].after or {})
    assert "штраф" not in trail["violation"].change and "оклад" not in trail["violation"].change
    ivan_view = {row.action: row for row in S(demo_db, "ivan.petrov").audit.trail("D-1001")}
    assert ivan_view["violation"].after["penalty"] == "850.00"  # his own penalty
    assert "оклад, ₽: 85000.00" in {r.action: r for r in olga.audit.trail("D-1001")}["violation"].change
    assert olga.supervisor.can_view() and olga.supervisor.report().penalties.rows


def test_review_capability_and_attach_are_for_reviewers(demo_db: Database) -> None:
    ivan = S(demo_db, "ivan.petrov")
    refused = ivan.review.can_review("D-1001")
    assert not refused and refused.reason == access.REVIEW_ONLY_REVIEWERS
    assert ivan.review.state("D-1001").denied == access.REVIEW_ONLY_REVIEWERS
    selling_head = User("head2", "Руководитель-продавец", Role.HEAD_OF_SALES, ivan.actor.manager_id)
    assert S(demo_db, selling_head).review.can_review("D-1001").reason == access.SELF_REVIEW
    assert S(demo_db, "olga").review.can_review("D-1001")
    assert S(demo_db).review.can_review("D-1001").reason == access.NO_USER
    with pytest.raises(AccessDenied):
        S(demo_db, "maria.sokolova").review.attach_callback("D-1001", DEMO / "manifest.csv")
    with pytest.raises(AccessDenied, match="не выбран пользователь"):
        S(demo_db).statuses.request_refusal("D-1003", "дорого")


def test_recording_states_are_one_enum(demo_db: Database) -> None:
    services = S(demo_db, "olga")
    options = services.transcription.options()
    deal = services.deals.card("D-1006").deal_id
    jobs = services.transcription.claim(options, deal_id=deal)
    assert jobs and {e.state for e in services.deals.timeline(deal)} == {RecordingState.PROCESSING}
    assert services.transcription.reset_interrupted() == len(jobs)
    states = [e.state for e in services.deals.timeline(deal)]
    assert states == [RecordingState.PENDING] * len(jobs) and all(isinstance(s, RecordingState) for s in states)
    assert services.deals.untranscribed_count(deal) == len(jobs) and RecordingState.PENDING.waiting


def test_settings_are_typed_read_from_the_file_and_overridden_by_the_environment(
    tmp_path: Path, monkeypatch, services
) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('company = "Из файла"\nchannel_map = ["client", "manager"]\npenalty_percent = "2"\n', "utf-8")
    monkeypatch.delenv("QA_DESK_COMPANY", raising=False)
    settings = config.load_settings(path)
    assert (settings.company, settings.channel_map, settings.penalty_percent) == (
        "Из файла",
        ("client", "manager"),
        Decimal("2"),
    )
    monkeypatch.setenv("QA_DESK_COMPANY", "Из окружения")
    assert config.load_settings(path).company == "Из окружения"
    with pytest.raises(config.SettingsError, match="меньше минимального"):
        config.Settings(penalty_percent=Decimal("0.5"))
    with pytest.raises(config.SettingsError, match="Каналы записи"):
        config.Settings(channel_map=("robot",))

    admin = S(services.storage.db, "admin").settings
    admin.path = path
    saved = admin.save(model="small", penalty_percent=Decimal("3"))
    assert (saved.model, saved.penalty_percent, saved.company) == ("small", Decimal("3"), "Из окружения")
    assert config.load_settings_file(path).company == "Из файла"  # the environment's value is not written
    olga = S(services.storage.db, "olga").settings
    olga.path = path
    with pytest.raises(AccessDenied, match="Настройки меняет только администратор"):
        olga.save(model="tiny")
