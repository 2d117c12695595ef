"""Shared test set-up: an isolated profile, offscreen Qt, a silent sound card, real databases."""

from __future__ import annotations

import os
import signal
import tempfile
from pathlib import Path

import pytest

import qa_desk.asr  # noqa: F401  (asks CTranslate2 for MKL before any test loads it: one transcript on every CPU)

# A suite started in the background (`cmd &`, nohup, some CI runners) inherits SIGINT ignored, and
# Python then keeps it ignored: the Ctrl-C tests need Python's own handler here, and the processes
# they start must not inherit the ignore (a handler, unlike SIG_IGN, is reset by exec).
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
AUDIO = FIXTURES / "audio"
DEMO = ROOT / "resources" / "demo"

# Before Qt or PortAudio load: no window system, and an ALSA "null" device so that sounddevice
# finds an output even on a machine with no sound card.
_PROFILE = Path(tempfile.mkdtemp(prefix="qa-desk-tests-"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["QA_DESK_DATA_DIR"] = str(_PROFILE / "data")
os.environ.setdefault("QA_DESK_CACHE_DIR", str(_PROFILE / "cache"))
os.environ.pop("QA_DESK_DB", None)
(_PROFILE / ".asoundrc").write_text("pcm.!default { type null }\nctl.!default { type hw card 0 }\n")
os.environ["ALSA_CONFIG_PATH"] = os.environ.get("ALSA_CONFIG_PATH", "")
os.environ["HOME"] = str(_PROFILE)
if not os.environ["ALSA_CONFIG_PATH"]:
    del os.environ["ALSA_CONFIG_PATH"]

pytest_plugins = ["conftest_asr", "conftest_pg", "conftest_leads"]


@pytest.fixture(scope="session", autouse=True)
def cheap_password_hashes() -> None:
    """Argon2id still, with the smallest cost: the sign-in tests check the rules, not the hash's
    strength (the library's parameters take ~0.5 s a check on a busy 2-core machine)."""
    from argon2 import PasswordHasher

    from qa_desk.services import auth

    auth._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """A real SQLite file, fresh for each test."""
    return f"sqlite:///{tmp_path / 'qa.sqlite3'}"


@pytest.fixture
def db(db_url: str):
    from qa_desk.storage.db import Database

    database = Database(db_url)
    yield database
    database.dispose()


def services_for(database, user=None):  # noqa: ANN001, ANN201 - Database, User | None -> Services
    """The services over ``database`` acting as ``user`` (a login, a ``User`` or ``None``)."""
    from qa_desk.services import Services
    from qa_desk.storage.uow import Storage

    services = Services(Storage(database))
    if isinstance(user, str):
        services.users.sync()  # the default users exist once the app has started
        user = services.users.get(user)
    return services.as_user(user)


@pytest.fixture
def services(db):  # noqa: ANN001, ANN201
    """Services over the test's database, nobody signed in (``services.as_user`` to act)."""
    return services_for(db)
