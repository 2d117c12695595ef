"""The push outbox (``Services.crm_outbox``): deliver what verdicts owe the CRM, retry what failed.

A verdict writes its outbox row in its own transaction (``crm_push.enqueue_verdict``). ``push``
delivers the rows that are due: each is leased to this process while it is sent (another window,
``qa-desk crm push`` or a queue job leave it alone; a lease of a process that is gone is free
again), and a failure (network, 401, 5xx, a missing mapping) keeps it pending with a growing
delay and its reason, shown in «Синхронизация» and in the deal. The note carries the row's key
and the CRM is searched for it before a note is added, so no retry adds a second one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from qa_desk.crm.connector import Connector
from qa_desk.crm.errors import CrmError
from qa_desk.crm.transport import RetryPolicy
from qa_desk.domain import crm_policy
from qa_desk.domain.identity import User
from qa_desk.services.base import Service
from qa_desk.services.crm_connections import CrmService
from qa_desk.services.crm_push import resolve
from qa_desk.services.settings import SettingsService
from qa_desk.storage.crm_models import DONE, FAILED, PENDING, CrmOutbox
from qa_desk.storage.models import utcnow
from qa_desk.storage.uow import Storage

MAX_ATTEMPTS = 12
BACKOFF_MIN = (1, 2, 5, 10, 30, 60)  # minutes between attempts, then hourly
STATE_LABELS = {PENDING: "ждёт отправки", DONE: "отправлено", FAILED: "не отправлено"}
# A push waits out short CRM pauses itself; anything longer is the outbox's next attempt.
PUSH_RETRY = RetryPolicy(attempts=3, base_delay_s=1.0, max_delay_s=10.0, max_retry_after_s=30.0)


@dataclass
class PushReport:
    sent: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return f"Отправлено в CRM: {self.sent}, не отправлено: {self.failed} (останутся в очереди)"


@dataclass(frozen=True, slots=True)
class OutboxRow:
    id: int
    deal_id: int | None
    deal: str
    crm_deal_id: str
    action: str
    state: str
    state_label: str
    attempts: int
    last_error: str | None
    created_at: datetime
    sent_at: datetime | None
    next_attempt_at: datetime | None


class CrmOutboxService(Service):
    def __init__(self, storage: Storage, actor: User | None, settings: SettingsService, *, crm: CrmService) -> None:
        super().__init__(storage, actor, settings)
        self.crm = crm

    # --- reading --------------------------------------------------------------------------------
    def rows(self, deal_id: int | None = None) -> list[OutboxRow]:
        with self.storage.read() as uow:
            rows = uow.crm.outbox(deal_id=deal_id)
            titles = {r.deal_id: (d.title if (d := uow.deals.by_id(r.deal_id)) else "—") for r in rows if r.deal_id}
            return [
                OutboxRow(
                    r.id,
                    r.deal_id,
                    titles.get(r.deal_id, "—") if r.deal_id else "—",
                    r.crm_deal_id,
                    "Вердикт",
                    r.state,
                    STATE_LABELS.get(r.state, r.state),
                    r.attempts,
                    r.last_error,
                    r.created_at,
                    r.sent_at,
                    r.next_attempt_at,
                )
                for r in rows
            ]

    def waiting(self) -> int:
        """Pushes not delivered yet (pending or given up)."""
        with self.storage.read() as uow:
            return uow.crm.waiting()

    def has_due(self, now: datetime | None = None) -> bool:
        with self.storage.read() as uow:
            conn = uow.crm.connection()
            return conn is not None and bool(uow.crm.due(conn.id, now or utcnow()))

    # --- sending --------------------------------------------------------------------------------
    def push(
        self,
        *,
        connector: Connector | None = None,
        now: datetime | None = None,
        only_due: bool = True,
        should_stop: Callable[[], bool] | None = None,
    ) -> PushReport:
        """Deliver the due rows of the active connection, oldest first (none: nothing is opened)."""
        self._user()
        report = PushReport()
        moment = now or utcnow()
        with self.storage.read() as uow:
            conn_row = uow.crm.connection()
            ids = uow.crm.due(conn_row.id, moment, only_due=only_due) if conn_row is not None else []
        if not ids:
            return report
        assert conn_row is not None
        conn = connector or self.crm.connector(conn_row.id, retry=PUSH_RETRY)
        try:
            for row_id in ids:
                if should_stop is not None and should_stop():
                    break
                self._push_one(conn, row_id, moment, report)
        finally:
            if connector is None:
                conn.close()
        return report

    def _push_one(self, conn: Connector, row_id: int, moment: datetime, report: PushReport) -> None:
        with self.storage.write() as uow:
            if not uow.crm.lease_outbox(row_id, utcnow()):
                return  # another process is sending it, or it was sent meanwhile
            row = uow.crm.outbox_row(row_id)
            assert row is not None
            try:
                plan = resolve(uow, row)
            except CrmError as exc:
                _failed(row, str(exc), moment, report)
                uow.crm.release_outbox(row)
                return
        try:
            result = conn.push(plan)
        except BaseException as exc:
            with self.storage.write() as uow:
                row = uow.crm.outbox_row(row_id)
                assert row is not None
                uow.crm.release_outbox(row)
                if isinstance(exc, CrmError):
                    _failed(row, str(exc), moment, report)
            if isinstance(exc, CrmError):
                return
            raise
        with self.storage.write() as uow:
            row = uow.crm.outbox_row(row_id)
            assert row is not None
            uow.crm.release_outbox(row)
            row.state, row.sent_at, row.result, row.last_error = DONE, utcnow(), _jsonable(result), None
            row.attempts += 1
            deal = uow.deals.by_id(row.deal_id) if row.deal_id else None
            uow.audit.add(
                actor=crm_policy.CRM_ACTOR,
                action=crm_policy.CRM_PUSHED,
                deal=deal,
                after={"crm_deal": row.crm_deal_id, "stage": plan.stage_id, "responsible": plan.responsible_id},
                comment=f"{conn.name}: вердикт отправлен в сделку {row.crm_deal_id}",
            )
        report.sent += 1

    def push_now(self, outbox_id: int | None = None, *, connector: Connector | None = None) -> PushReport:
        """«Отправить сейчас»: every row not yet sent (or one) is due again and sent now; audited."""
        user = self._user()
        self.retry_now(outbox_id)
        with self.storage.write() as uow:
            uow.audit.add(actor=user.id, action=crm_policy.CRM_PUSH_ASKED, comment="Отправка в CRM запущена вручную")
        return self.push(connector=connector, only_due=False)

    def retry_now(self, outbox_id: int | None = None) -> int:
        """A person asks to send again now (one row, or every row not yet sent); audited per deal."""
        user = self._user()
        with self.storage.write() as uow:
            rows: list[CrmOutbox | None] = (
                [uow.crm.outbox_row(outbox_id)] if outbox_id else list(uow.crm.outbox([PENDING, FAILED]))
            )
            count = 0
            for row in rows:
                if row is None or row.state == DONE:
                    continue
                row.state, row.next_attempt_at = PENDING, None
                if row.attempts >= MAX_ATTEMPTS:
                    row.attempts = 0
                count += 1
                deal = uow.deals.by_id(row.deal_id) if row.deal_id else None
                uow.audit.add(actor=user.id, action=crm_policy.CRM_RETRY, deal=deal, comment="Повторная отправка в CRM")
            return count


def _failed(row: CrmOutbox, error: str, now: datetime, report: PushReport) -> None:
    row.attempts += 1
    row.last_error = error
    if row.attempts >= MAX_ATTEMPTS:
        row.state = FAILED
    minutes = BACKOFF_MIN[min(row.attempts - 1, len(BACKOFF_MIN) - 1)]
    row.next_attempt_at = now + timedelta(minutes=minutes)
    report.failed += 1
    report.errors.append(error)


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value if isinstance(value, str | int | float | bool) or value is None else str(value)
