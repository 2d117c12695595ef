"""A throwaway PostgreSQL server for the team-mode tests.

Uses ``QA_DESK_TEST_PG`` when set; otherwise starts Debian's PostgreSQL (installed by the
test command when run as root) in a temporary folder on a free loopback port (``scripts/pg_local.py``).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    if os.environ.get("QA_DESK_TEST_PG"):
        yield os.environ["QA_DESK_TEST_PG"]
        return
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("psycopg не установлен (extra 'postgres')")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
    import pg_local

    if pg_local.pg_bin() is None:
        pytest.skip("PostgreSQL не установлен: apt-get install postgresql")
    url, stop = pg_local.start()
    try:
        yield url
    finally:
        stop()


@pytest.fixture
def pg_db(pg_url: str):
    """A fresh schema on the shared server: drop everything, migrate from zero."""
    from sqlalchemy import create_engine, text

    engine = create_engine(pg_url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        conn.execute(text("DROP FUNCTION IF EXISTS audit_log_append_only() CASCADE"))
    engine.dispose()
    from qa_desk.storage.db import Database

    database = Database(pg_url)
    yield database
    database.dispose()
