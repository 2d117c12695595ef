"""Engine, sessions and automatic Alembic migration on start."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker

from qa_desk.config import default_db_url

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


class DatabaseError(RuntimeError):
    """A database that cannot be opened or migrated, with a readable message."""


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


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
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        if migrate:
            self.migrate()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def migrate(self, revision: str = "head", *, downgrade: bool = False) -> None:
        """Bring the schema to ``revision`` (the newest by default)."""
        cfg = alembic_config(self.url)
        sqlite = self.dialect == "sqlite"
        try:
            with self.engine.connect() as connection:
                if sqlite:
                    # SQLite's batch migrations rebuild tables: with foreign keys on, dropping the
                    # old copy would cascade-delete the rows that reference it (transcripts...).
                    connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
                cfg.attributes["connection"] = connection
                (command.downgrade if downgrade else command.upgrade)(cfg, revision)
                connection.commit()
                if sqlite:
                    connection.exec_driver_sql("PRAGMA foreign_keys=ON")
        except Exception as exc:  # noqa: BLE001 - turn any driver error into one readable line
            if "permission denied" in str(exc) or "InsufficientPrivilege" in type(getattr(exc, "orig", exc)).__name__:
                raise DatabaseError(
                    f"Схема базы {self.safe_url} устарела, а у этой учётной записи нет прав её обновить: "
                    "администратор выполняет qa-desk server init --db … от имени владельца базы"
                ) from exc
            first_line = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise DatabaseError(f"Не удалось открыть базу данных {self.safe_url}: {first_line}") from exc

    @property
    def safe_url(self) -> str:
        return make_url(self.url).render_as_string(hide_password=True)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: commits on success, rolls back on any error."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()
