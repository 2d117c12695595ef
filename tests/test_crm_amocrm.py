"""amoCRM end to end against a local fake server: sync, verdict, push, and every documented fault."""

from __future__ import annotations

import json
from typing import Any

import pytest
from fakes.crm_fixtures import clock, connect, downloads, fake, secrets, users  # noqa: F401
from fakes.crm_seed import PIPELINE, REFUSAL, WORK
from fakes.crm_server import RAW_MARK
from sqlalchemy import select

from qa_desk.crm.errors import CrmResponseError
from qa_desk.domain.statuses import Status
from qa_desk.domain.verdicts import Verdict
from qa_desk.services import crm_outbox, crm_sync, review
from qa_desk.storage.crm_models import CrmOutbox
from qa_desk.storage.models import AuditEntry, Deal, Recording


def _sync(db, users, connector, downloads, tmp_path) -> crm_sync.SyncReport:  # noqa: ANN001, F811
    return crm_sync.sync(db, users["olga"], connector=connector, clock=connector.clock,
                         download_client=downloads, recordings_root=tmp_path / "rec")


def _false_refusal(db, olga, external_id: str) -> None:  # noqa: ANN001
    from qa_desk.services import identity

    head = identity.get_user(db, "head")
    review.set_manager_pay(db, head, review.find_manager(db, "Иван Петров"), salary="85000")
    review.start_review(db, olga, external_id)
    for field, value in (("client_answer", "Бюджет есть"), ("reason_confirmed", "no"),
                         ("real_budget", "1 500 000"), ("real_timing", "до конца квартала")):
        review.save_answer(db, olga, external_id, field, value)
    maria = review.find_manager(db, "Мария Соколова")
    review.apply_verdict(db, olga, external_id, Verdict.FALSE_REFUSAL, new_manager_id=maria, violation="falsified_reason")


def test_sync_verdict_push_end_to_end_and_nothing_twice(db, fake, users, secrets, clock, downloads, tmp_path) -> None:  # noqa: F811
    connector = connect(db, fake, "amocrm", users, secrets, clock)
    report = _sync(db, users, connector, downloads, tmp_path)
    assert (report.deals_created, report.recordings_added, report.failures) == (3, 6, [])
    with db.session() as s:
        deals = s.scalars(select(Deal).order_by(Deal.external_id)).all()
        assert [d.status for d in deals] == [Status.CONDITIONAL_REFUSAL.value] * 3
        assert deals[0].refusal_reason == "маленький бюджет" and deals[2].refusal_reason == "дорого"
        recs = sorted(deals[0].recordings, key=lambda r: r.call_started_at)
        assert [r.path.endswith(".mp3") for r in recs] == [True, False]  # the older call (an MP3) first
        assert all(r.state == "pending" and r.channels == 2 and r.started_at_source == "crm" for r in recs)

    again = _sync(db, users, connector, downloads, tmp_path)
    assert (again.deals_created, again.recordings_added) == (0, 0)

    _false_refusal(db, users["olga"], "101")
    with db.session() as s:
        assert s.scalar(select(CrmOutbox)).state == "pending"  # written with the verdict
    crm_outbox.push(db, connector)
    patches, notes = fake.requests("PATCH"), fake.requests("POST", "/notes")
    assert [(r.path, r.body) for r in patches] == [
        ("/api/v4/leads/101", {"pipeline_id": PIPELINE, "status_id": WORK, "responsible_user_id": 502})
    ]
    assert len(notes) == 1
    text = notes[0].body[0]["params"]["text"]
    assert "Ложный отказ" in text and "Ольга Контролёрова" in text and "штраф" in text and "Код проверки QA Desk" in text

    crm_outbox.push(db, connector, only_due=False)
    _sync(db, users, connector, downloads, tmp_path)
    crm_outbox.push(db, connector, only_due=False)
    assert len(fake.requests("PATCH")) == 1 and len(fake.requests("POST", "/notes")) == 1
    with db.session() as s:
        deal = s.scalar(select(Deal).where(Deal.external_id == "101"))
        assert deal.status == Status.ACTIVE.value and deal.manager.name == "Мария Соколова"
        assert s.scalar(select(Recording.id).where(Recording.deal_id == deal.id).offset(2)) is None
        assert "crm_push" in {a.action for a in s.scalars(select(AuditEntry).where(AuditEntry.deal_id == deal.id))}


def test_rate_limit_retry_after_5xx_and_token_refresh(db, fake, users, secrets, clock, downloads, tmp_path) -> None:  # noqa: F811
    connector = connect(db, fake, "amocrm", users, secrets, clock)
    fake.fail("/api/v4/leads", 429, retry_after="30")
    fake.fail("/api/v4/leads/notes", 503)
    fake.expire_token()
    report = _sync(db, users, connector, downloads, tmp_path)
    assert report.failures == [] and report.deals_created == 3
    assert 30 in clock.slept  # Retry-After honoured on the manual clock: the test never sleeps
    assert secrets.get("connection-1")["access_token"] == fake.state.amo_token  # refreshed and saved
    starts = [r.at for r in fake.requests(part="/api/v4/")]
    assert report.requests >= len(starts) - 1


def test_missing_and_truncated_recordings_are_kept_as_failed(db, fake, users, secrets, clock, downloads, tmp_path) -> None:  # noqa: F811
    connector = connect(db, fake, "amocrm", users, secrets, clock)
    fake.state.notes[0]["params"]["link"] = fake.url + "/files/gone.mp3"
    fake.state.truncated.add("call-a.mp3")
    report = _sync(db, users, connector, downloads, tmp_path)
    assert report.deals_created == 3 and report.recordings_failed == 4 and report.recordings_added == 2
    assert any("404" in w for w in report.warnings) and any("оборвалась" in w for w in report.warnings)
    with db.session() as s:
        failed = s.scalars(select(Recording).where(Recording.state == "failed")).all()
        assert len(failed) == 4 and all(r.error and r.call_started_at for r in failed)
    fake.state.truncated.clear()
    retry = _sync(db, users, connector, downloads, tmp_path)  # the CRM changed nothing, the cut-off files retry
    assert retry.recordings_added == 0 or retry.recordings_added <= 3


def test_deal_moving_between_pages_is_not_lost(db, fake, users, secrets, clock, downloads, tmp_path) -> None:  # noqa: F811
    connector = connect(db, fake, "amocrm", users, secrets, clock, page_size=1)

    def move_first(path: str, page: int) -> None:
        lead = fake.state.leads[101]
        if lead["updated_at"] < 1800000000:
            lead["updated_at"] = 1800000000  # changed in the CRM while we page: it moves to the end
    fake.state.after_page = move_first
    report = _sync(db, users, connector, downloads, tmp_path)
    assert report.deals_created == 3 and report.failures == []


def test_non_utf8_text_and_renamed_fields(db, fake, users, secrets, clock, downloads, tmp_path) -> None:  # noqa: F811
    connector = connect(db, fake, "amocrm", users, secrets, clock)
    fake.state.leads[102]["name"] = RAW_MARK
    report = _sync(db, users, connector, downloads, tmp_path)
    assert report.deals_created == 3 and any("UTF-8" in w for w in report.warnings)
    with db.session() as s:
        assert "\ufffd" in s.scalar(select(Deal.title).where(Deal.external_id == "102"))
    fake.state.leads[103]["statusId"] = fake.state.leads[103].pop("status_id")  # renamed field
    fake.state.leads[103]["updated_at"] += 100
    with pytest.raises(CrmResponseError, match=r"GET /api/v4/leads: нет поля «_embedded\.leads\.2\.status_id»"):
        list(connector.changed_deals([f"{PIPELINE}:{REFUSAL}"], None))


def test_crm_change_during_open_review_is_a_conflict(db, fake, users, secrets, clock, downloads, tmp_path) -> None:  # noqa: F811
    connector = connect(db, fake, "amocrm", users, secrets, clock)
    _sync(db, users, connector, downloads, tmp_path)
    review.start_review(db, users["olga"], "102")
    lead: dict[str, Any] = fake.state.leads[102]
    lead.update(status_id=143, responsible_user_id=501, updated_at=lead["updated_at"] + 3600)
    report = _sync(db, users, connector, downloads, tmp_path)
    assert report.conflicts == 2
    with db.session() as s:
        deal = s.scalar(select(Deal).where(Deal.external_id == "102"))
        assert deal.status == Status.IN_REVIEW.value and deal.manager.name == "Мария Соколова"
        conflicts = s.scalars(select(AuditEntry).where(AuditEntry.action == "crm_conflict")).all()
        assert {json.dumps(c.after, ensure_ascii=False) for c in conflicts} == {
            '{"status": "closed_lost"}', '{"manager": "Иван Петров"}'}


def test_failed_push_stays_queued_visible_and_never_adds_a_second_note(db, fake, users, secrets, clock, downloads, tmp_path) -> None:  # noqa: F811
    connector = connect(db, fake, "amocrm", users, secrets, clock)
    _sync(db, users, connector, downloads, tmp_path)
    _false_refusal(db, users["olga"], "101")
    fake.fail("/api/v4/leads/101", 500, times=6)
    result = crm_outbox.push(db, connector)
    assert result.failed == 1
    row = crm_outbox.outbox_rows(db)[0]
    assert row.state == "pending" and row.attempts == 1 and "HTTP 500" in (row.last_error or "")
    # The note made it to the CRM once already (say the answer was lost): the retry finds it by its key.
    with db.session() as s:
        key = s.scalar(select(CrmOutbox.key))
    fake.state.notes.append({"id": 1, "entity_id": 101, "note_type": "common", "created_at": 1,
                             "params": {"text": crm_outbox.marker(key)}})
    assert crm_outbox.retry_now(db, users["olga"]) == 1
    assert crm_outbox.push(db, connector).sent == 1
    assert fake.requests("POST", "/notes") == []
