"""Units of work: one transaction and the repositories (DAOs) that work inside it.

Services are given a ``Storage`` and open every transaction through it (``read()`` or
``write()``); the repositories of that transaction come on the ``UnitOfWork``. Nothing outside
``services`` and ``storage`` opens a session. ``write()`` is the one place where a writing
transaction begins, so locking it (``BEGIN IMMEDIATE`` on SQLite, row locks on PostgreSQL) is a
change here and in the repositories, not in every caller.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

from qa_desk.storage.accounts import AccountRepository, ClaimRepository
from qa_desk.storage.analyses import AnalysisRepository
from qa_desk.storage.audit import AuditRepository
from qa_desk.storage.db import Database
from qa_desk.storage.deals import DealRepository, SearchRepository
from qa_desk.storage.job_progress import JobProgressRepository
from qa_desk.storage.leads import LeadRepository
from qa_desk.storage.people import ManagerRepository, UserRepository
from qa_desk.storage.queue import QueueRepository
from qa_desk.storage.recordings import RecordingRepository
from qa_desk.storage.reviews import PenaltyRepository, ReviewRepository
from qa_desk.storage.workspace import WorkspaceRepository


class UnitOfWork:
    """The repositories of one transaction."""

    def __init__(self, session: Session) -> None:
        self.session = session
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
        self.progress = JobProgressRepository(session)  # team transcription workers
        self.accounts = AccountRepository(session)  # sign-in
        self.claims = ClaimRepository(session)  # who reviews a deal right now
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
        """A transaction that reads (it may still cache what it computed, e.g. an analysis)."""
        with self.db.session() as session:
            yield UnitOfWork(session)

    @contextmanager
    def write(self) -> Iterator[UnitOfWork]:
        """A transaction that changes data: commits on success, rolls back on any error."""
        with self.db.session() as session:
            yield UnitOfWork(session)

    def dispose(self) -> None:
        self.db.dispose()
