"""amoCRM end to end against a local fake server: sync, verdict, push, and every documented fault."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest
from fakes.crm_fixtures import acting, clock, connect, downloads, fake, false_refusal, secrets, sync  # noqa: F401
from fakes.crm_seed import AUDIO, PIPELINE, REFUSAL, WORK
from fakes.crm_server import RAW_MARK
from sqlalchemy import select

from qa_desk.crm.errors import CrmResponseError
from qa_desk.domain import crm_policy
from qa_desk.domain.statuses import Status
from qa_desk.services.crm_push import marker
from qa_desk.storage.crm_models import CrmOutbox
from qa_desk.storage.models import AuditEntry, Deal, Recording


def test_sync_verdict_push_end_to_end_and_nothing_twice(db, fake, acting, clock, downloads, tmp_path) -> None:  # noqa: F811
    connector = connect(acting, fake, "amocrm", clock)
    olga = acting("olga")
    report = sync(olga, connector, downloads, tmp_path)
    assert (report.deals_created, report.recordings_added, report.failures) == (3, 6, [])
    with db.session() as s:
        deals = s.scalars(select(Deal).order_by(Deal.external_id)).all()
        assert [d.status for d in deals] == [Status.CONDITIONAL_REFUSAL.value] * 3
        assert deals[0].refusal_reason == "маленький бюджет" and deals[2].refusal_reason == "дорого"
        recs = sorted(deals[0].recordings, key=lambda r: r.call_started_at)
        assert [r.path.endswith(".mp3") for r in recs] == [True, False]  # the older call (an MP3) first
        assert all(r.state == "pending" and r.channels == 2 and r.started_at_source == "crm" for r in recs)
        created = s.scalars(select(AuditEntry).where(AuditEntry.action == crm_policy.IMPORT_CREATED)).all()
        assert len(created) == 3 and {e.actor for e in created} == {crm_policy.CRM_ACTOR}
    assert [r.external_id for r in olga.queue.rows()] == ["101", "102", "103"]

    again = sync(olga, connector, downloads, tmp_path)
    assert (again.deals_created, again.deals_updated, again.recordings_added) == (0, 0, 0)

    false_refusal(acting, "101")
    with db.session() as s:
        assert s.scalar(select(CrmOutbox)).state == "pending"  # written with the verdict
    olga.crm_outbox.push(connector=connector)
    patches, notes = fake.requests("PATCH"), fake.requests("POST", "/notes")
    assert [(r.path, r.body) for r in patches] == [
        ("/api/v4/leads/101", {"pipeline_id": PIPELINE, "status_id": WORK, "responsible_user_id": 502})
    ]
    assert len(notes) == 1
    text = notes[0].body[0]["params"]["text"]
    assert "Ложный отказ" in text and "Ольга Контролёрова" in text and "штраф" in text and "Код проверки QA Desk" in text

    olga.crm_outbox.push(connector=connector, only_due=False)
    sync(olga, connector, downloads, tmp_path)
    olga.crm_outbox.push_now(connector=connector)
    assert len(fake.requests("PATCH")) == 1 and len(fake.requests("POST", "/notes")) == 1
    with db.session() as s:
        deal = s.scalar(select(Deal).where(Deal.external_id == "101"))
        assert deal.status == Status.ACTIVE.value and deal.manager.name == "Мария Соколова"
        assert s.scalar(select(Recording.id).where(Recording.deal_id == deal.id).offset(2)) is None
    trail = olga.audit.trail("101")
    assert "Отправлено в CRM" in [row.action_label for row in trail]


def test_rate_limit_retry_after_5xx_and_token_refresh(db, fake, acting, secrets, clock, downloads, tmp_path) -> None:  # noqa: F811
    connector = connect(acting, fake, "amocrm", clock)
    fake.fail("/api/v4/leads", 429, retry_after="30")
    fake.fail("/api/v4/leads/notes", 503)
    fake.expire_token()
    report = sync(acting("olga"), connector, downloads, tmp_path)
    assert report.failures == [] and report.deals_created == 3
    assert 30 in clock.slept  # Retry-After honoured on the manual clock: the test never sleeps
    assert secrets.get("connection-1")["access_token"] == fake.state.amo_token  # refreshed and saved
    assert report.requests == len(fake.requests(part="/api/v4/")) + len(fake.requests(part="/oauth2/"))


def test_missing_and_truncated_recordings_are_kept_as_failed(db, fake, acting, clock, downloads, tmp_path) -> None:  # noqa: F811
    connector = connect(acting, fake, "amocrm", clock)
    fake.state.notes[0]["params"]["link"] = fake.url + "/files/gone.mp3"
    fake.state.truncated.add("call-a.mp3")
    olga = acting("olga")
    report = sync(olga, connector, downloads, tmp_path)
    assert report.deals_created == 3 and report.recordings_failed == 4 and report.recordings_added == 2
    assert any("404" in w for w in report.warnings) and any("оборвалась" in w for w in report.warnings)
    with db.session() as s:
        failed = s.scalars(select(Recording).where(Recording.state == "failed")).all()
        assert len(failed) == 4 and all(r.error and r.call_started_at for r in failed)
    fake.state.truncated.clear()
    fake.state.leads[101]["updated_at"] += 10  # the CRM changed 101: it comes again with 103 (the newest)
    retry = sync(olga, connector, downloads, tmp_path)  # 102 did not change: its failed call is retried too
    assert retry.recordings_added == 3 and retry.recordings_failed == 1  # the cut-off ones whole; 404 stays
    with db.session() as s:
        assert len(s.scalars(select(Recording).where(Recording.state == "failed")).all()) == 1
    for _ in range(3):  # a recording that stays missing is tried MAX_CALL_ATTEMPTS times in all
        sync(olga, connector, downloads, tmp_path)
    assert len(fake.requests("GET", "/files/gone.mp3")) == 3


def test_deal_moving_between_pages_is_not_lost(db, fake, acting, clock, downloads, tmp_path) -> None:  # noqa: F811
    connector = connect(acting, fake, "amocrm", clock, page_size=1)

    def move_first(path: str, page: int) -> None:
        lead = fake.state.leads[101]
        if lead["updated_at"] < 1800000000:
            lead["updated_at"] = 1800000000  # changed in the CRM while we page: it moves to the end
    fake.state.after_page = move_first
    report = sync(acting("olga"), connector, downloads, tmp_path)
    assert report.deals_created == 3 and report.failures == []


def test_non_utf8_text_bad_values_and_renamed_fields(db, fake, acting, clock, downloads, tmp_path) -> None:  # noqa: F811
    connector = connect(acting, fake, "amocrm", clock)
    fake.state.leads[102]["name"] = RAW_MARK
    fake.state.leads[103]["price"] = -5  # checked at the border as an imported amount is
    report = sync(acting("olga"), connector, downloads, tmp_path)
    assert report.deals_created == 3 and any("UTF-8" in w for w in report.warnings)
    assert any(w.startswith("amoCRM, сделка 103: сумма: отрицательное значение") for w in report.warnings)
    with db.session() as s:
        assert "\ufffd" in s.scalar(select(Deal.title).where(Deal.external_id == "102"))
        assert s.scalar(select(Deal.amount).where(Deal.external_id == "103")) is None
    fake.state.leads[103]["statusId"] = fake.state.leads[103].pop("status_id")  # renamed field
    fake.state.leads[103]["updated_at"] += 100
    with pytest.raises(CrmResponseError, match=r"GET /api/v4/leads: нет поля «_embedded\.leads\.2\.status_id»"):
        list(connector.changed_deals([f"{PIPELINE}:{REFUSAL}"], None))


def test_crm_change_during_open_review_is_a_conflict_shown_once(db, fake, acting, clock, downloads, tmp_path) -> None:  # noqa: F811
    connector = connect(acting, fake, "amocrm", clock)
    olga = acting("olga")
    sync(olga, connector, downloads, tmp_path)
    olga.review.start("102")
    lead: dict[str, Any] = fake.state.leads[102]
    lead.update(status_id=143, price=2_000_000, updated_at=lead["updated_at"] + 3600)
    report = sync(olga, connector, downloads, tmp_path)
    assert report.conflicts == 1 and report.deals_updated == 1
    with db.session() as s:
        deal = s.scalar(select(Deal).where(Deal.external_id == "102"))
        assert deal.status == Status.IN_REVIEW.value and deal.amount == 2_000_000  # the card follows the CRM
        conflicts = s.scalars(select(AuditEntry).where(AuditEntry.action == crm_policy.IMPORT_CONFLICT)).all()
        assert [json.dumps(c.after, ensure_ascii=False) for c in conflicts] == [
            '{"crm": {"status": "closed_lost"}, "kept": {"status": "in_review"}}']
    labels = [row.action_label for row in olga.audit.trail("102")]
    assert "Конфликт с CRM: оставлено решение QC" in labels and "Обновление из CRM" in labels
    lead["updated_at"] += 60
    assert sync(olga, connector, downloads, tmp_path).conflicts == 0  # the same conflict is not written again


def test_failed_push_stays_queued_visible_and_never_adds_a_second_note(db, fake, acting, clock, downloads, tmp_path) -> None:  # noqa: F811
    connector = connect(acting, fake, "amocrm", clock)
    olga = acting("olga")
    sync(olga, connector, downloads, tmp_path)
    false_refusal(acting, "101")
    fake.fail("/api/v4/leads/101", 500, times=6)
    result = olga.crm_outbox.push(connector=connector)
    assert result.failed == 1
    row = olga.crm_outbox.rows()[0]
    assert row.state == "pending" and row.attempts == 1 and "HTTP 500" in (row.last_error or "")
    assert olga.crm_outbox.push(connector=connector).failed == 0  # not due yet: nothing is sent
    # The note made it to the CRM once already (say the answer was lost): the retry finds it by its key.
    with db.session() as s:
        key = s.scalar(select(CrmOutbox.key))
    fake.state.notes.append({"id": 1, "entity_id": 101, "note_type": "common", "created_at": 1,
                             "params": {"text": marker(key)}})
    assert olga.crm_outbox.retry_now() == 1
    assert olga.crm_outbox.push(connector=connector).sent == 1
    assert fake.requests("POST", "/notes") == []


def test_a_note_without_an_answer_is_not_sent_again_blindly(db, fake, acting, clock, downloads, tmp_path) -> None:  # noqa: F811
    connector = connect(acting, fake, "amocrm", clock)
    olga = acting("olga")
    sync(olga, connector, downloads, tmp_path)
    false_refusal(acting, "101")
    fake.fail("/api/v4/leads/101/notes", 502, method="POST")  # the CRM may have added it: no blind retry
    result = olga.crm_outbox.push(connector=connector)
    assert result.failed == 1 and len(fake.requests("POST", "/notes")) == 1
    assert "HTTP 502" in (olga.crm_outbox.rows()[0].last_error or "")
    olga.crm_outbox.retry_now()
    assert olga.crm_outbox.push(connector=connector).sent == 1  # looked for its note first, then added it
    assert len([n for n in fake.state.notes if n["note_type"] == "common"]) == 1


def test_two_processes_refreshing_one_token_spend_the_refresh_token_once(db, fake, acting, secrets, clock) -> None:  # noqa: F811
    """A refresh token is good for one use: the second client takes the pair the first one saved."""
    connect(acting, fake, "amocrm", clock)
    first, second = acting("admin").crm.connector(clock=clock), acting("olga").crm.connector(clock=clock)
    fake.expire_token()
    first.check()
    second.check()
    assert len(fake.requests("POST", "/oauth2/access_token")) == 1
    assert secrets.get("connection-1")["access_token"] == fake.state.amo_token
    first.close(), second.close()


@pytest.mark.postgres
def test_sync_verdict_and_push_on_postgres(pg_db, fake, secrets, clock, downloads, tmp_path) -> None:  # noqa: ANN001, F811
    """The same path on PostgreSQL: the import's advisory lock, row locks, the leases' conditional UPDATEs."""
    from conftest import services_for

    def on_pg(login: str) -> Any:
        services = services_for(pg_db, login)
        services.crm.secrets = secrets
        return services

    connector = connect(on_pg, fake, "amocrm", clock)
    olga = on_pg("olga")
    assert sync(olga, connector, downloads, tmp_path).deals_created == 3
    false_refusal(on_pg, "101")
    assert olga.crm_outbox.push(connector=connector).sent == 1
    again = sync(olga, connector, downloads, tmp_path)
    assert (again.deals_created, again.recordings_added, again.conflicts) == (0, 0, 0)
    assert len(fake.requests("PATCH")) == 1 and len(fake.requests("POST", "/notes")) == 1


def test_calls_logged_on_the_contact_are_pulled_once_into_the_lead_of_their_time(db, fake, acting, clock, downloads, tmp_path) -> None:  # noqa: F811
    """amoCRM telephony may log a call on the contact instead of (or beside) the lead; notes of
    contacts: https://developers.kommo.com/reference/notes (GET /api/v4/contacts/notes)."""
    connector = connect(acting, fake, "amocrm", clock)
    s = fake.state
    created = s.leads[101]["created_at"]
    s.leads[103]["created_at"] = created + 3600
    s.contacts[103] = [603, 601]  # 601 is 101's contact too: a client with two leads
    mono = fake.add_file("contact-mono.wav", AUDIO / "mono_short.wav")
    gsm = fake.add_file("contact-gsm.wav", AUDIO / "codec_gsm.wav")
    old = fake.add_file("contact-old.wav", AUDIO / "codec_alaw.wav")

    def note(nid: int, at: int, uniq: str, link: str) -> dict[str, Any]:
        return {"id": nid, "entity_id": 601, "note_type": "call_in", "created_at": at,
                "params": {"uniq": uniq, "duration": 9, "source": "Mango", "link": link, "phone": "+79990001122"}}

    s.contact_notes += [
        note(1, created + 1800, "contact-call-101", mono),  # before 103 existed: 101's
        note(2, created + 7200, "contact-call-103", gsm),  # both exist: the newer lead's
        note(3, created - 86400, "contact-call-old", old),  # before either: another deal's, not pulled
        note(4, created + 60, "call-101-0", s.notes[0]["params"]["link"]),  # logged on the lead as well
    ]
    report = sync(acting("olga"), connector, downloads, tmp_path)
    assert report.failures == [] and report.recordings_added == 8
    with db.session() as session:
        counts = {d.external_id: len(d.recordings) for d in session.scalars(select(Deal))}
    assert counts == {"101": 3, "102": 2, "103": 3}
    assert fake.requests("GET", "/files/contact-old.wav") == []
    again = sync(acting("olga"), connector, downloads, tmp_path)
    assert again.recordings_added == 0


def test_a_call_logged_without_a_change_to_its_lead_is_pulled_by_the_next_sync(db, fake, acting, clock, downloads, tmp_path) -> None:  # noqa: F811
    """Telephony adds a call note and leaves the lead's ``updated_at`` alone: the next sync asks for
    call notes edited since the last one (filter[updated_at][from], https://developers.kommo.com/reference/notes),
    on the lead and on its contacts (GET /api/v4/contacts?with=leads, https://developers.kommo.com/reference/contacts-list)."""
    connector = connect(acting, fake, "amocrm", clock)
    olga = acting("olga")
    assert sync(olga, connector, downloads, tmp_path).recordings_added == 6
    s = fake.state
    now = int(time.time())
    lead_call = fake.add_file("quiet-lead.wav", AUDIO / "mono_short.wav")
    contact_call = fake.add_file("quiet-contact.wav", AUDIO / "codec_gsm.wav")
    stranger = fake.add_file("quiet-stranger.wav", AUDIO / "codec_alaw.wav")
    params = {"duration": 9, "source": "Mango", "phone": "+79990001122"}
    s.notes.append({"id": 7700, "entity_id": 102, "note_type": "call_in", "created_at": now, "updated_at": now,
                    "params": {**params, "uniq": "quiet-102", "link": lead_call}})
    s.notes.append({"id": 7701, "entity_id": 999, "note_type": "call_in", "created_at": now, "updated_at": now,
                    "params": {**params, "uniq": "quiet-999", "link": stranger}})  # a lead QA Desk does not follow
    s.contact_notes.append({"id": 7702, "entity_id": 603, "note_type": "call_out", "created_at": now, "updated_at": now,
                            "params": {**params, "uniq": "quiet-603", "link": contact_call}})  # lead 103's contact
    before = [dict(lead) for lead in s.leads.values()]
    report = sync(olga, connector, downloads, tmp_path)
    assert (report.recordings_added, report.deals_updated, report.failures) == (2, 0, [])
    assert [dict(lead) for lead in s.leads.values()] == before
    with db.session() as session:
        counts = {d.external_id: len(d.recordings) for d in session.scalars(select(Deal))}
    assert counts == {"101": 2, "102": 3, "103": 3}
    assert fake.requests("GET", "/files/quiet-stranger.wav") == []
    assert sync(olga, connector, downloads, tmp_path).recordings_added == 0
