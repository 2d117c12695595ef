"""Engine, sessions and automatic Alembic migration on start.

Writing transactions are serialised: on SQLite a writing session begins with ``BEGIN
IMMEDIATE`` (the database's write lock is taken before anything is read, so two writers never
interleave and nobody writes on a stale snapshot); on PostgreSQL the services lock the deal's row
(``SELECT … FOR UPDATE``) and every UPDATE of a deal checks the version it read
(``Deal.version``). Reading sessions begin with a plain ``BEGIN`` and never wait for a writer.
A writer waits up to ``LOCK_WAIT_S`` for the lock, then gets ``DatabaseBusy`` (one Russian line).
Before a session commits, its audit entries are sealed into the hash chain (``audit.seal``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from qa_desk.config import default_db_url
from qa_desk.storage.audit import seal

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
LOCK_WAIT_S = 30  # how long a writer waits for another writer (an import batch, a verdict)
WRITE = "qa_desk_write"  # execution option of a writing session's connection


class DatabaseError(RuntimeError):
    """A database that cannot be opened or migrated, with a readable message."""


class DatabaseBusy(DatabaseError):
    """Another writer held the database longer than ``LOCK_WAIT_S``."""


BUSY = (
    f"База данных занята другой операцией (например, импортом) дольше {LOCK_WAIT_S} с; "
    "ничего не сохранено, повторите действие"
)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # pysqlite must not begin transactions itself: ``_sqlite_begin`` does, IMMEDIATE for writers.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={int(LOCK_WAIT_S * 1000)}")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    writing = connection.get_execution_options().get(WRITE, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")


def _is_busy(exc: BaseException) -> bool:
    return isinstance(exc, OperationalError) and "database is locked" in str(exc.orig)


def alembic_config(url: str) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


_REVISION = re.compile(r'^(down_revision|revision)\s*=\s*["\']([^"\']+)["\']', re.MULTILINE)


def newest_revision() -> str | None:
    """The head of ``migrations/versions`` read from the files' ``revision``/``down_revision``
    lines (``None`` when they do not form one chain: Alembic then decides)."""
    revisions, parents = set(), set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        found = dict((key, value) for key, value in _REVISION.findall(path.read_text(encoding="utf-8")))
        if "revision" not in found:
            return None
        revisions.add(found["revision"])
        parents.add(found.get("down_revision"))
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


class Database:
    """One database: an engine, a session factory, and its migrations applied."""

    def __init__(self, url: str | None = None, *, migrate: bool = True) -> None:
        self.url = url or default_db_url()
        try:
            parsed = make_url(self.url)
        except ArgumentError as exc:
            raise DatabaseError(f"Неверный адрес базы данных «{self.url}»: {exc}") from None
        if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        self.engine: Engine = create_engine(self.url, future=True)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
            event.listen(self.engine, "begin", _sqlite_begin)
        self._writer = sessionmaker(self.engine.execution_options(**{WRITE: True}), expire_on_commit=False)
        self._reader = sessionmaker(self.engine, expire_on_commit=False)
        if migrate:
            self.migrate()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def _at_head(self) -> bool:
        """The schema is already at the newest revision (checked without loading Alembic)."""
        head = newest_revision()
        try:
            with self.engine.connect() as connection:
                current = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        except Exception:  # noqa: BLE001 - no version table yet, or no database: let Alembic decide
            return False
        return head is not None and current == head

    def migrate(self, revision: str = "head", *, downgrade: bool = False) -> None:
        """Bring the schema to ``revision`` (the newest by default)."""
        if revision == "head" and not downgrade and self._at_head():
            return
        from alembic import command

        cfg = alembic_config(self.url)
        sqlite = self.dialect == "sqlite"
        try:
            with self.engine.connect() as connection:
                if sqlite:
                    # SQLite's batch migrations rebuild tables: with foreign keys on, dropping the
                    # old copy would cascade-delete the rows that reference it (transcripts...).
                    # A pragma is a no-op inside a transaction, so it goes to the driver directly.
                    connection.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
                cfg.attributes["connection"] = connection
                (command.downgrade if downgrade else command.upgrade)(cfg, revision)
                connection.commit()
                if sqlite:
                    connection.connection.driver_connection.execute("PRAGMA foreign_keys=ON")  # type: ignore[union-attr]
        except Exception as exc:  # noqa: BLE001 - turn any driver error into one readable line
            raise DatabaseError(f"Не удалось открыть базу данных {self.safe_url}: {exc}") from exc

    @property
    def safe_url(self) -> str:
        return make_url(self.url).render_as_string(hide_password=True)

    @contextmanager
    def session(self, *, write: bool = True) -> Iterator[Session]:
        """A unit of work: commits on success, rolls back on any error.

        ``write`` (the default) takes the write lock first on SQLite (``BEGIN IMMEDIATE``);
        ``write=False`` is for reading. Audit entries are sealed into the chain before commit.
        """
        session = (self._writer if write else self._reader)()
        try:
            yield session
            seal(session)
            session.commit()
        except BaseException as exc:
            session.rollback()
            if _is_busy(exc):
                raise DatabaseBusy(BUSY) from exc
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()
