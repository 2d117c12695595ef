"""A throwaway PostgreSQL server for the team-mode tests, and a fresh database for each test.

Uses ``QA_DESK_TEST_PG`` when set; otherwise starts Debian's PostgreSQL (installed by the test
command when run as root) in a temporary folder on a free loopback port (``scripts/pg_local.py``),
tuned for throwaway data (no fsync). One session migrates a template database once; every test
gets its own copy (``CREATE DATABASE … TEMPLATE``: a file copy, ~50× cheaper than migrating again),
dropped afterwards. Migrating from zero stays tested: the template itself, ``server init`` and the
migration tests do it.
"""

from __future__ import annotations

import itertools
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

TEMPLATE = "qa_desk_template"


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """The server's address (its ``postgres`` database)."""
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
    url, stop = pg_local.start(pg_local.THROWAWAY)
    try:
        yield url
    finally:
        stop()


def _admin(server: str):  # noqa: ANN202 - an AUTOCOMMIT engine on the server's maintenance database
    from sqlalchemy import create_engine

    return create_engine(server, isolation_level="AUTOCOMMIT")


@pytest.fixture(scope="session")
def pg_fresh(pg_server: str) -> Iterator[Callable[[], str]]:
    """``pg_fresh()``: the URL of a new database at the newest schema (copied from the template)."""
    from sqlalchemy import text
    from sqlalchemy.engine import make_url

    from qa_desk.storage.db import Database

    admin = _admin(pg_server)
    server = make_url(pg_server)
    prefix = f"qa_test_{os.getpid()}"
    template = f"{TEMPLATE}_{os.getpid()}"
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{template}"'))
    migrated = Database(server.set(database=template).render_as_string(hide_password=False))
    migrated.dispose()  # a template must have no connections while it is copied
    made: list[str] = []
    numbers = itertools.count(1)

    def fresh() -> str:
        name = f"{prefix}_{next(numbers)}"
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}" STRATEGY FILE_COPY'))
        made.append(name)
        return server.set(database=name).render_as_string(hide_password=False)

    yield fresh
    if os.environ.get("QA_DESK_TEST_PG"):  # someone else's server: leave it as found (ours goes whole)
        with admin.connect() as conn:
            for name in [*made, template]:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def pg_url(pg_fresh: Callable[[], str]) -> str:
    """This test's own database, at the newest schema and empty."""
    return pg_fresh()


@pytest.fixture
def pg_db(pg_url: str):
    """``Database`` over this test's own database (already at head: nothing to migrate)."""
    from qa_desk.storage.db import Database

    database = Database(pg_url)
    yield database
    database.dispose()
