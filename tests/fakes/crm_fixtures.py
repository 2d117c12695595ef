"""Shared pytest fixtures of the CRM tests: the fake server, a file secret store, a manual clock."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from fakes.crm_seed import seed_amo, seed_b24
from fakes.crm_server import FakeCrm
from qa_desk.crm.clock import ManualClock
from qa_desk.crm.secrets import FileStore
from qa_desk.services import crm_connections, identity
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
def users(db: Database) -> dict[str, Any]:
    identity.sync_users(db)
    return {login: identity.get_user(db, login) for login in ("olga", "head", "admin")}


def connect(db: Database, fake: FakeCrm, kind: str, users: dict[str, Any], secrets: FileStore, clock: ManualClock,
            **connector_options: Any) -> Any:
    """Connect, load the CRM's lists with first guesses, and return a connector on the manual clock."""
    if kind == "amocrm":
        seed_amo(fake)
        secret: dict[str, Any] = {"access_token": fake.state.amo_token, "refresh_token": fake.state.amo_refresh,
                                  "client_id": "cid", "client_secret": "csecret", "redirect_uri": "https://example.com"}
        cid = crm_connections.connect(db, users["admin"], kind, fake.url, secret, secrets=secrets)
    else:
        seed_b24(fake)
        cid = crm_connections.connect(db, users["admin"], kind, fake.url, {"webhook": fake.webhook_url}, secrets=secrets)
    connector = crm_connections.connector_for(db, cid, secrets=secrets, clock=clock)
    for key, value in connector_options.items():
        setattr(connector, key, value)
    crm_connections.load_lists(db, users["admin"], cid, connector=connector)
    if kind == "bitrix24":
        connector = crm_connections.connector_for(db, cid, secrets=secrets, clock=clock)
        for key, value in connector_options.items():
            setattr(connector, key, value)
    return connector


@pytest.fixture
def downloads() -> Iterator[httpx.Client]:
    client = httpx.Client(timeout=10.0)
    yield client
    client.close()
