"""CRM building blocks: rate limiters, Retry-After, the secret store, guesses, the shared policy."""

from __future__ import annotations

import stat
from pathlib import Path

import httpx

from qa_desk.crm.clock import ManualClock
from qa_desk.crm.ratelimit import LeakyBucket, SlidingWindow
from qa_desk.crm.secrets import FileStore, default_store
from qa_desk.crm.transport import retry_after
from qa_desk.crm.types import CrmStage, StageKind
from qa_desk.domain import crm_policy
from qa_desk.domain.statuses import Status
from qa_desk.services.crm_connections import guess_reason, guess_stage


def test_sliding_window_never_lets_more_than_the_limit_start_within_a_second() -> None:
    clock = ManualClock()
    window = SlidingWindow(7, 1.0, clock)
    starts = []
    for _ in range(50):
        window.acquire()
        starts.append(clock.monotonic())
    assert max(sum(1 for t in starts if s <= t < s + 1.0) for s in starts) == 7


def test_leaky_bucket_allows_a_burst_then_the_drain_rate() -> None:
    clock = ManualClock()
    bucket = LeakyBucket(50, 2.0, clock)
    waits = [bucket.acquire() for _ in range(60)]
    assert sum(waits[:50]) == 0 and abs(sum(waits) - 5.0) < 1e-9


def test_retry_after_seconds_and_http_date() -> None:
    assert retry_after(httpx.Response(429, headers={"Retry-After": "30"})) == 30
    dated = httpx.Response(503, headers={"Retry-After": "Wed, 21 Oct 2026 07:28:30 GMT", "Date": "Wed, 21 Oct 2026 07:28:00 GMT"})
    assert retry_after(dated) == 30
    assert retry_after(httpx.Response(503)) is None


def test_file_secrets_are_private_and_no_keyring_falls_back(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    store = FileStore(tmp_path / "s.json")
    store.put("connection-1", {"token": "x"})
    assert store.get("connection-1") == {"token": "x"}
    assert stat.S_IMODE((tmp_path / "s.json").stat().st_mode) == 0o600
    store.delete("connection-1")
    assert store.get("connection-1") is None
    assert isinstance(default_store(), FileStore)  # the test machine has no keyring backend


def test_first_guesses_from_names() -> None:
    assert guess_stage(CrmStage("1", "Условный отказ", "Продажи")) == Status.CONDITIONAL_REFUSAL.value
    assert guess_stage(CrmStage("2", "Закрыто и не реализовано", "Продажи", StageKind.LOST)) == Status.CLOSED_LOST.value
    assert guess_stage(CrmStage("3", "В работе", "Продажи")) == Status.ACTIVE.value
    assert guess_reason("Маленький бюджет") == "маленький бюджет"
    assert guess_reason("Клиент не ЛПР") == "не ЛПР"
    assert guess_reason("Пропал") == "другое"


def test_the_crm_pull_and_its_pushes_claim_no_field_a_person_claims_them() -> None:
    history = [crm_policy.HistoryEntry(crm_policy.IMPORT_CREATED), crm_policy.HistoryEntry(crm_policy.CRM_PUSHED)]
    assert crm_policy.owned_by_workflow(history) == frozenset()
    history.append(crm_policy.HistoryEntry("status", {"status": "conditional_refusal"}, {"status": "in_review"}))
    assert crm_policy.owned_by_workflow(history) == {"status", "refusal_reason", "refusal_comment"}
