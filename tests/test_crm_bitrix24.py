"""Bitrix24 end to end against the local fake: webhook, batch disk.file.get, leaky bucket, OAuth refresh."""

from __future__ import annotations

from datetime import UTC, datetime

from fakes.crm_fixtures import acting, clock, connect, downloads, fake, false_refusal, secrets, sync  # noqa: F401
from fakes.crm_seed import AUDIO
from fakes.crm_server import b24_time
from sqlalchemy import select

from qa_desk.crm.bitrix24 import Bitrix24Connector, OAuth
from qa_desk.crm.clock import ManualClock
from qa_desk.domain.statuses import Status
from qa_desk.storage.models import Deal, Recording


def test_sync_verdict_push_end_to_end(db, fake, acting, clock, downloads, tmp_path) -> None:  # noqa: F811
    connector = connect(acting, fake, "bitrix24", clock)
    olga = acting("olga")
    report = sync(olga, connector, downloads, tmp_path)
    assert (report.deals_created, report.recordings_added, report.failures) == (3, 6, [])
    assert len(fake.requests(part="batch")) == 1  # six disk.file.get in one batch
    with db.session() as s:
        deal = s.scalar(select(Deal).where(Deal.external_id == "101"))
        assert deal.status == Status.CONDITIONAL_REFUSAL.value and deal.refusal_reason == "маленький бюджет"
        assert [r.path[-4:] for r in sorted(deal.recordings, key=lambda r: r.call_started_at)] == [".mp3", ".ogg"]
    assert sync(olga, connector, downloads, tmp_path).recordings_added == 0

    false_refusal(acting, "101")
    olga.crm_outbox.push(connector=connector)
    olga.crm_outbox.push(connector=connector, only_due=False)
    updates = fake.requests(part="crm.deal.update")
    assert [u.body for u in updates] == [{"id": 101, "fields": {"STAGE_ID": "EXECUTING", "ASSIGNED_BY_ID": 7}}]
    comments = fake.requests(part="crm.timeline.comment.add")
    assert len(comments) == 1 and "Ложный отказ" in comments[0].body["fields"]["COMMENT"]


def test_query_limit_exceeded_and_missing_disk_file(db, fake, acting, clock, downloads, tmp_path) -> None:  # noqa: F811
    connector = connect(acting, fake, "bitrix24", clock)
    fake.fail("crm.deal.list", 503)  # QUERY_LIMIT_EXCEEDED: retried after a pause
    del fake.state.disk[3000]  # disk.file.get fails inside the batch for one file
    report = sync(acting("olga"), connector, downloads, tmp_path)
    assert report.failures == [] and report.recordings_added == 5 and report.recordings_failed == 1
    assert clock.slept  # backed off on the manual clock
    with db.session() as s:
        assert s.scalar(select(Recording.error).where(Recording.state == "failed")).endswith("нет ссылки на запись")


def test_interrupted_sync_resumes_without_losing_deals(db, fake, acting, clock, downloads, tmp_path) -> None:  # noqa: F811
    """Bitrix24 pages by id, not by change: its cursor moves only after the last page, so a sync
    that stops after page 1 takes up the deals of page 2 next time."""
    connector = connect(acting, fake, "bitrix24", clock, page_size=1)
    fake.state.b24_page = 1
    olga = acting("olga")
    seen: list[str] = []
    stop_after_first = olga.crm_sync.sync(
        connector=connector, clock=clock, download_client=downloads, recordings_root=tmp_path / "rec",
        on_progress=seen.append, should_stop=lambda: any("Страница 2" in text for text in seen),
    )
    assert stop_after_first.deals_created == 1 and "остановлена" in stop_after_first.failures[0]
    again = sync(olga, connector, downloads, tmp_path)
    assert again.deals_created == 2 and again.failures == []


def test_leaky_bucket_paces_a_long_run_and_oauth_refreshes(fake) -> None:  # noqa: F811
    from fakes.crm_seed import seed_b24

    seed_b24(fake)
    manual = ManualClock()
    saved = {}
    auth = OAuth({"access_token": "stale", "refresh_token": fake.state.b24_refresh, "client_id": "a",
                  "client_secret": "b", "oauth_url": fake.url}, on_change=saved.update)
    connector = Bitrix24Connector(fake.url + "/rest", auth, clock=manual)
    for _ in range(60):
        connector.check()
    assert saved["access_token"] == fake.state.b24_token  # refreshed once after the 401
    # 61 requests to the portal: 50 go at once, the rest are paced at 2 per second.
    assert 5.0 <= sum(manual.slept) <= 6.0
    connector.close()


def test_a_call_logged_without_a_change_to_its_deal_is_pulled_by_the_next_sync(db, fake, acting, clock, downloads, tmp_path) -> None:  # noqa: F811
    """A telephony activity added to a deal leaves DATE_MODIFY alone: the next sync asks for call
    activities with ``>=LAST_UPDATED`` since the last one (https://apidocs.bitrix24.ru/api-reference/crm/timeline/activities/activity-base/crm-activity-list.html)."""
    connector = connect(acting, fake, "bitrix24", clock)
    olga = acting("olga")
    assert sync(olga, connector, downloads, tmp_path).recordings_added == 6
    s = fake.state
    fake.add_file("b24-quiet.wav", AUDIO / "mono_short.wav")
    s.disk[3999] = "b24-quiet.wav"
    now = b24_time(datetime.now(UTC).replace(tzinfo=None))
    s.activities.append({"ID": "990", "OWNER_ID": "102", "OWNER_TYPE_ID": "2", "TYPE_ID": "2", "PROVIDER_ID": "VOXIMPLANT_CALL",
                         "DIRECTION": "1", "START_TIME": now, "LAST_UPDATED": now, "SUBJECT": "Звонок",
                         "FILES": [{"id": 3999, "url": f"{fake.url}/bitrix/tools/crm_show_file.php?fileId=3999"}]})
    report = sync(olga, connector, downloads, tmp_path)
    assert (report.recordings_added, report.deals_updated, report.failures) == (1, 0, [])
    with db.session() as session:
        deal = session.scalar(select(Deal).where(Deal.external_id == "102"))
        assert len(deal.recordings) == 3
    assert sync(olga, connector, downloads, tmp_path).recordings_added == 0
