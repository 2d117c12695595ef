"""``Services``: every use case of QA Desk for one acting user, over one database.

The UI and the command line build one ``Services`` (``Services.open(url)``, then
``as_user(user)`` once someone is signed in) and call its services; they never open a session
or import ``storage``. Each service gets the shared ``Storage`` (its DAOs come per transaction
on a ``UnitOfWork``), the acting user and the settings, so authorisation is checked inside the
services for every read and write.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from qa_desk.domain.identity import User
from qa_desk.services.settings import SettingsService
from qa_desk.storage.uow import Storage

if TYPE_CHECKING:  # a service's module is imported when it is first used (the command line starts fast)
    from qa_desk.services.analysis import AnalysisService
    from qa_desk.services.audit import AuditService
    from qa_desk.services.crm_connections import CrmService
    from qa_desk.services.crm_outbox import CrmOutboxService
    from qa_desk.services.crm_sync import CrmSyncService
    from qa_desk.services.deals import DealService
    from qa_desk.services.evidence import EvidenceService
    from qa_desk.services.imports import ImportService
    from qa_desk.services.leads import LeadService
    from qa_desk.services.managers import ManagerService
    from qa_desk.services.queue import QueueService
    from qa_desk.services.review import ReviewService
    from qa_desk.services.search import SearchService
    from qa_desk.services.statuses import StatusService
    from qa_desk.services.supervisor import SupervisorService
    from qa_desk.services.transcription import TranscriptionService
    from qa_desk.services.users import UserService


class Services:
    """The services of one acting user (``actor``; ``None`` before anyone signs in)."""

    def __init__(self, storage: Storage, actor: User | None = None, *, settings_path: Path | None = None) -> None:
        self.storage = storage
        self.actor = actor
        self._settings_path = settings_path

    @classmethod
    def open(cls, url: str | None = None, actor: User | None = None, *, migrate: bool = True) -> Services:
        """Open (and migrate) the database at ``url`` (default: the settings' database)."""
        return cls(Storage.open(url, migrate=migrate), actor)

    def as_user(self, actor: User | None) -> Services:
        """The same database, another acting user (after sign-in or «Сменить пользователя»)."""
        return Services(self.storage, actor, settings_path=self._settings_path)

    @property
    def url(self) -> str:
        return self.storage.url

    @property
    def safe_url(self) -> str:
        """The database's address without its password, for messages."""
        return self.storage.safe_url

    def close(self) -> None:
        self.storage.dispose()

    # --- the services ----------------------------------------------------------------------------
    @cached_property
    def settings(self) -> SettingsService:
        return SettingsService(self.actor, self.storage, self._settings_path)

    def _args(self) -> tuple[Storage, User | None, SettingsService]:
        return self.storage, self.actor, self.settings

    @cached_property
    def queue(self) -> QueueService:
        from qa_desk.services.queue import QueueService

        return QueueService(*self._args())

    @cached_property
    def deals(self) -> DealService:
        from qa_desk.services.deals import DealService

        return DealService(*self._args())

    @cached_property
    def analysis(self) -> AnalysisService:
        from qa_desk.services.analysis import AnalysisService

        return AnalysisService(*self._args())

    @cached_property
    def review(self) -> ReviewService:
        from qa_desk.services.review import ReviewService

        return ReviewService(*self._args())

    @cached_property
    def statuses(self) -> StatusService:
        from qa_desk.services.statuses import StatusService

        return StatusService(*self._args(), review=self.review)

    @cached_property
    def managers(self) -> ManagerService:
        from qa_desk.services.managers import ManagerService

        return ManagerService(*self._args())

    @cached_property
    def audit(self) -> AuditService:
        from qa_desk.services.audit import AuditService

        return AuditService(*self._args())

    @cached_property
    def users(self) -> UserService:
        from qa_desk.services.users import UserService

        return UserService(*self._args())

    @cached_property
    def search(self) -> SearchService:
        from qa_desk.services.search import SearchService

        return SearchService(*self._args())

    @cached_property
    def supervisor(self) -> SupervisorService:
        from qa_desk.services.supervisor import SupervisorService

        return SupervisorService(*self._args())

    @cached_property
    def transcription(self) -> TranscriptionService:
        from qa_desk.services.transcription import TranscriptionService

        return TranscriptionService(*self._args())

    @cached_property
    def imports(self) -> ImportService:
        from qa_desk.services.imports import ImportService

        return ImportService(*self._args())

    @cached_property
    def crm(self) -> CrmService:
        """CRM connections and mappings (``connector()`` builds the client the others use)."""
        from qa_desk.services.crm_connections import CrmService

        return CrmService(*self._args())

    @cached_property
    def crm_sync(self) -> CrmSyncService:
        from qa_desk.services.crm_sync import CrmSyncService

        return CrmSyncService(*self._args(), crm=self.crm)

    @cached_property
    def crm_outbox(self) -> CrmOutboxService:
        from qa_desk.services.crm_outbox import CrmOutboxService

        return CrmOutboxService(*self._args(), crm=self.crm)

    @cached_property
    def leads(self) -> LeadService:
        from qa_desk.services.leads import LeadService

        return LeadService(*self._args())

    @cached_property
    def evidence(self) -> EvidenceService:
        from qa_desk.services.evidence import EvidenceService

        return EvidenceService(*self._args())
