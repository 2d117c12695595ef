"""Shared pytest fixtures of the CRM tests: the fake server, a file secret store, a manual clock,
services per login (with that store), and a connection with its lists loaded."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from conftest import services_for

from fakes.crm_seed import seed_amo, seed_b24
from fakes.crm_server import FakeCrm
from qa_desk.crm.clock import ManualClock
from qa_desk.crm.secrets import FileStore
from qa_desk.services import Services
from qa_desk.storage.db import Database


@pytest.fixture
def fake() -> Iterator[FakeCrm]:
    server = FakeCrm().start()
    yield server
    server.stop()


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def secrets(tmp_path: Path) -> FileStore:
    return FileStore(tmp_path / "secrets" / "crm_secrets.json")


@pytest.fixture
def acting(db: Database, secrets: FileStore) -> Callable[[str], Services]:
    """``acting("olga")``: the services of that login, keeping CRM secrets in the test's file."""

    def make(login: str) -> Services:
        services = services_for(db, login)
        services.crm.secrets = secrets
        return services

    return make


def connect(acting: Callable[[str], Services], fake: FakeCrm, kind: str, clock: ManualClock, **options: Any) -> Any:
    """Connect as the administrator, load the CRM's lists with first guesses, and return a connector
    on the manual clock (``options`` set on it, e.g. ``page_size``)."""
    admin = acting("admin").crm
    if kind == "amocrm":
        seed_amo(fake)
        secret: dict[str, Any] = {"access_token": fake.state.amo_token, "refresh_token": fake.state.amo_refresh,
                                  "client_id": "cid", "client_secret": "csecret", "redirect_uri": "https://example.com"}
        cid = admin.connect(kind, fake.url, secret)
    else:
        seed_b24(fake)
        cid = admin.connect(kind, fake.url, {"webhook": fake.webhook_url})
    connector = admin.connector(cid, clock=clock)
    for key, value in options.items():
        setattr(connector, key, value)
    admin.load_lists(cid, connector=connector)
    if kind == "bitrix24":  # the reason field found by load_lists is part of the connection now
        connector = admin.connector(cid, clock=clock)
        for key, value in options.items():
            setattr(connector, key, value)
    return connector


@pytest.fixture
def downloads() -> Iterator[httpx.Client]:
    client = httpx.Client(timeout=10.0)
    yield client
    client.close()


def sync(services: Services, connector: Any, downloads: httpx.Client, root: Path) -> Any:
    return services.crm_sync.sync(
        connector=connector, clock=connector.clock, download_client=downloads, recordings_root=root / "rec"
    )


def false_refusal(acting: Callable[[str], Services], external_id: str) -> None:
    """Olga (QC) reviews the deal and finds the refusal false: back to Мария with a penalty."""
    head, olga = acting("head"), acting("olga")
    head.managers.set_pay(head.managers.find("Иван Петров"), salary="85000")
    olga.review.start(external_id)
    for field, value in (("client_answer", "Бюджет есть"), ("reason_confirmed", "no"),
                         ("real_budget", "1 500 000"), ("real_timing", "до конца квартала")):
        olga.review.save_answer(external_id, field, value)
    maria = olga.managers.find("Мария Соколова")
    olga.review.apply_verdict(external_id, "false_refusal", new_manager_id=maria, violation="falsified_reason")
