"""Lead-verification fixtures, loaded as a plugin from ``tests/conftest.py``.

The demo leads (``resources/demo/leads``) are imported into a SQLite file and transcribed once per
session through the real base model; each test works on its own copy of that file.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

LEADS_DEMO = Path(__file__).resolve().parents[1] / "resources" / "demo" / "leads"
CONTRACT_NAME = "Лидогенерация: модернизация оборудования"
DEMO_LEADS = [f"L-2{i:02d}" for i in range(1, 11)]


@pytest.fixture(scope="session")
def leads_demo() -> Path:
    return LEADS_DEMO


@pytest.fixture(scope="session")
def leads_template(tmp_path_factory: pytest.TempPathFactory, transcriber: object) -> Path:
    """A database with the demo leads imported and their readable calls transcribed (real model)."""
    from qa_desk.services import Services

    path = tmp_path_factory.mktemp("leads-template") / "leads.sqlite3"
    services = Services.open(f"sqlite:///{path}")
    services.imports.import_manifest(LEADS_DEMO / "manifest.csv")
    transcription = services.transcription
    options = transcription.options()  # stored as the app would store them (model "base"): nothing left to redo
    for job in transcription.claim(options, retry_failed=False):
        transcription.store_result(job.recording_id, transcriber.transcribe(job.path), options, analyze=False)  # type: ignore[attr-defined]
    services.close()
    return path


@pytest.fixture
def leads_db(leads_template: Path, tmp_path: Path) -> str:
    """A private copy of the transcribed demo database (its URL)."""
    target = tmp_path / "leads.sqlite3"
    shutil.copyfile(leads_template, target)
    return f"sqlite:///{target}"


@pytest.fixture
def lead_services(leads_db: str) -> Iterator[object]:
    """Services of the QC controller ``olga`` over a copy of the demo leads, contract registered."""
    from qa_desk.services import Services

    services = Services.open(leads_db)
    services.users.sync()
    olga = services.as_user(services.users.get("olga"))
    olga.leads.register_file(LEADS_DEMO / "contract.toml")
    yield olga
    services.close()
