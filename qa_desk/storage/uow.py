"""Units of work: one transaction and the repositories (DAOs) that work inside it.

Services are given a ``Storage`` and open every transaction through it (``read()`` or
``write()``); the repositories of that transaction come on the ``UnitOfWork``. Nothing outside
``services`` and ``storage`` opens a session.

The locking rule: ``write()`` is the one place a writing transaction begins. On SQLite it begins
with ``BEGIN IMMEDIATE`` (``Database.session``), so the whole transaction — the reads the action
is decided on and its writes — runs under the database's write lock. On PostgreSQL the action
locks the rows it decides on (``uow.deals.get(ref, lock=True)``: ``SELECT … FOR UPDATE``), and
every UPDATE of a deal checks the version it read (``Deal.version``); a stale one surfaces here
as ``ConflictError``. Reading transactions (``read()``) never wait for a writer.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from qa_desk.domain.conflicts import Conflict, ConflictError
from qa_desk.storage.analyses import AnalysisRepository
from qa_desk.storage.audit import AuditRepository
from qa_desk.storage.crm import CrmRepository
from qa_desk.storage.db import Database
from qa_desk.storage.deals import DealRepository, SearchRepository
from qa_desk.storage.leads import LeadRepository
from qa_desk.storage.people import ManagerRepository, UserRepository
from qa_desk.storage.queue import QueueRepository
from qa_desk.storage.recordings import RecordingRepository
from qa_desk.storage.reviews import PenaltyRepository, ReviewRepository
from qa_desk.storage.workspace import WorkspaceRepository


class UnitOfWork:
    """The repositories of one transaction."""

    def __init__(self, session: Session, *, writing: bool = False) -> None:
        self.session = session
        self.writing = writing
        self.deals = DealRepository(session)
        self.queue = QueueRepository(session)
        self.workspace = WorkspaceRepository(session)
        self.recordings = RecordingRepository(session)
        self.analyses = AnalysisRepository(session)
        self.reviews = ReviewRepository(session)
        self.penalties = PenaltyRepository(session)
        self.managers = ManagerRepository(session)
        self.users = UserRepository(session)
        self.audit = AuditRepository(session)
        self.search = SearchRepository(session)
        self.crm = CrmRepository(session)
        self.leads = LeadRepository(session)

    def flush(self) -> None:
        self.session.flush()


class Storage:
    """Where services get their transactions from: wraps one ``Database``."""

    def __init__(self, db: Database) -> None:
        self.db = db

    @classmethod
    def open(cls, url: str | None = None, *, migrate: bool = True) -> Storage:
        return cls(Database(url, migrate=migrate))

    @property
    def url(self) -> str:
        return self.db.url

    @property
    def safe_url(self) -> str:
        return self.db.safe_url

    @contextmanager
    def read(self) -> Iterator[UnitOfWork]:
        """A transaction that reads; it never waits for a writer (and should write nothing)."""
        with self.db.session(write=False) as session:
            yield UnitOfWork(session)

    @contextmanager
    def write(self) -> Iterator[UnitOfWork]:
        """A transaction that changes data under the write lock: commits on success, rolls back on
        any error. An UPDATE of a deal that another writer changed since it was read raises
        ``ConflictError`` (nothing of this transaction is written)."""
        uow: UnitOfWork | None = None
        try:
            with self.db.session(write=True) as session:
                uow = UnitOfWork(session, writing=True)
                yield uow
        except StaleDataError as exc:
            seen = uow.deals.seen if uow is not None else []
            raise self._changed(*seen[0]) if seen else ConflictError(Conflict.CHANGED, deal_id=0, external_id="?") from exc

    def _changed(self, deal_id: int, external_id: str) -> ConflictError:
        """The deal changed under a writer: who changed it last, and when (from its audit trail)."""
        with self.read() as uow:
            entry = uow.audit.last_for(deal_id)
            by = entry.actor if entry is not None else None
            name = uow.users.names().get(by, by) if by is not None else None
            at = entry.at if entry is not None else None
        return ConflictError(Conflict.CHANGED, deal_id=deal_id, external_id=external_id, by=by, by_name=name, at=at)

    def dispose(self) -> None:
        self.db.dispose()
