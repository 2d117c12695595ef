"""Pull from the CRM: refused deals and their call recordings, incrementally (``Services.crm_sync``).

The app's button, ``qa-desk crm sync`` and a scheduled job all call ``CrmSyncService.sync``.
Network work (lists, downloads) and the recording checks happen outside any transaction; each
chunk of a page is then written in one short unit of work holding the write lock (as an import
batch does), with the cursor in the page's last one, so an interrupted sync resumes where it
stopped and a re-run writes nothing new. One sync per connection runs at a time (a lease on the
connection row, given back by a process that is gone).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import httpx

from qa_desk.crm.clock import Clock, SystemClock
from qa_desk.crm.connector import Connector
from qa_desk.crm.download import download
from qa_desk.crm.errors import CrmDownloadError, CrmError
from qa_desk.crm.types import CrmCall, CrmDeal
from qa_desk.domain import crm_policy
from qa_desk.domain.access import Capability
from qa_desk.domain.identity import User
from qa_desk.domain.refusal_reasons import OTHER
from qa_desk.domain.roles import REVIEWER_ROLES, SETTINGS_ROLES
from qa_desk.domain.statuses import Status
from qa_desk.domain.transitions import TransitionError
from qa_desk.importing.files import check_recording
from qa_desk.services.base import Service
from qa_desk.services.crm_connections import CrmService
from qa_desk.services.crm_pull import (
    MAX_CALL_ATTEMPTS,
    Fetched,
    PullMapping,
    SyncReport,
    store_call,
    store_deal,
)
from qa_desk.services.settings import SettingsService
from qa_desk.storage.crm_models import CrmCall as CallRow
from qa_desk.storage.models import utcnow
from qa_desk.storage.uow import Storage

__all__ = ["SYNC_DENIED", "CrmSyncService", "SyncReport"]

SYNC_DENIED = "Синхронизацию с CRM запускает контроль качества, руководитель или администратор"
SYNC_ROLES = REVIEWER_ROLES | SETTINGS_ROLES
CURSOR = "deals"
CALLS_CURSOR = "calls"  # when the last sync asked for calls logged without a change to their deal
CLOCK_SLACK = timedelta(minutes=5)  # the CRM's clock may run behind ours: ask again from a little earlier
MAX_DOWNLOAD_WAIT_S = 30.0  # longest Retry-After a download waits out; a longer one is the next sync's
CHUNK_DEALS = 50  # deals written per transaction: the write lock is held a fraction of a second
STOPPED = "Синхронизация остановлена; следующая продолжит с того же места"
NO_REFUSAL_STAGE = "Не указан этап «условный отказ»: сопоставьте этапы CRM (crm map --load, затем crm map stage …)"


def _safe(text: str) -> str:
    return re.sub(r"[^\w.-]+", "_", text)[:80] or "_"


class CrmSyncService(Service):
    def __init__(self, storage: Storage, actor: User | None, settings: SettingsService, *, crm: CrmService) -> None:
        super().__init__(storage, actor, settings)
        self.crm = crm

    def can_sync(self) -> Capability:
        if self.actor is None or self.actor.role not in SYNC_ROLES:
            return Capability(False, SYNC_DENIED)
        return Capability(True)

    def sync(
        self,
        connection_id: int | None = None,
        *,
        connector: Connector | None = None,
        clock: Clock | None = None,
        download_client: httpx.Client | None = None,
        recordings_root: Path | None = None,
        on_progress: Callable[[str], None] | None = None,
        should_stop: Callable[[], bool] | None = None,
    ) -> SyncReport:
        """Pull what changed since the last sync; a CRM failure ends it with ``report.failures``
        (what was written before stays), a person without the right gets ``TransitionError``.
        ``should_stop`` (the window closing) ends it between two downloads; the next sync resumes."""
        user = self._user()
        if user.role not in SYNC_ROLES:
            raise TransitionError(SYNC_DENIED)
        view = self.crm.connection(connection_id)
        with self.storage.write() as uow:
            if not uow.crm.lease_sync(view.id, utcnow()):
                raise CrmError(f"{view.kind_label}: синхронизация уже идёт (запущена в другом окне или задании)")
        clock = clock or SystemClock()
        report = SyncReport()
        conn: Connector | None = None
        fetch = download_client or httpx.Client(timeout=httpx.Timeout(60.0, connect=10.0), follow_redirects=True)
        try:
            conn = connector or self.crm.connector(view.id, clock=clock)
            root = recordings_root or self.settings.data_dir / "recordings" / f"{view.kind}-{view.id}"
            pull = _Pull(self.storage, view.id, conn, fetch, clock, root, report, on_progress or (lambda _t: None))
            pull.should_stop = should_stop or (lambda: False)
            pull.run()
        except CrmError as exc:
            report.failures.append(str(exc))
        finally:
            if conn is not None:
                report.requests, report.retries = conn.stats.requests, conn.stats.retries
                report.warnings += conn.stats.warnings
                if connector is None:
                    conn.close()
            if download_client is None:
                fetch.close()
            self._finish(user, view.id, view.kind_label, report)
        return report

    def _finish(self, user: User, connection_id: int, crm_name: str, report: SyncReport) -> None:
        """Give the sync back, remember its result on the connection and audit who ran it."""
        message = report.summary() + ("" if not report.failures else " Ошибка: " + report.failures[0])
        with self.storage.write() as uow:
            uow.crm.release_sync(connection_id)
            row = uow.crm.connection(connection_id)
            if row is not None:
                row.last_sync_at, row.last_sync_message = utcnow(), message
            uow.audit.add(
                actor=user.id,
                action=crm_policy.CRM_SYNCED,
                after={"requests": report.requests, "created": report.deals_created,
                       "updated": report.deals_updated, "recordings": report.recordings_added},
                comment=f"{crm_name}: {message}",
            )


class _Pull:
    """One sync run: pages of changed deals, their calls, downloads, then short write batches."""

    def __init__(
        self,
        storage: Storage,
        connection_id: int,
        conn: Connector,
        fetch: httpx.Client,
        clock: Clock,
        root: Path,
        report: SyncReport,
        progress: Callable[[str], None],
    ) -> None:
        self.storage, self.connection_id, self.conn, self.fetch = storage, connection_id, conn, fetch
        self.clock, self.root, self.report, self.progress = clock, root, report, progress
        self.should_stop: Callable[[], bool] = lambda: False
        self.done: set[str] = set()  # CRM deals whose calls this run has looked at
        self.mapping = self._mapping()

    def _mapping(self) -> PullMapping:
        with self.storage.read() as uow:
            rows = uow.crm.mappings(self.connection_id)
            return PullMapping(
                connection_id=self.connection_id,
                crm_name=self.conn.name,
                stages={r.crm_id: r.local_value for r in rows if r.kind == "stage" and r.local_value},
                reasons={r.crm_id: (r.local_value or OTHER, r.crm_name) for r in rows if r.kind == "reason"},
                users={r.crm_id: int(r.local_value) for r in rows if r.kind == "user" and r.local_value},
                user_names={r.crm_id: r.crm_name for r in rows if r.kind == "user"},
            )

    def run(self) -> None:
        refusal = [s for s, v in self.mapping.stages.items() if v == Status.CONDITIONAL_REFUSAL.value]
        if not refusal:
            raise CrmError(NO_REFUSAL_STAGE)
        with self.storage.read() as uow:
            raw = uow.crm.cursor_value(self.connection_id, CURSOR)
        since = datetime.fromisoformat(raw) if raw else None
        # The first sync takes only refusals; later ones follow every mapped stage of linked deals.
        stages = refusal if since is None else sorted(self.mapping.stages)
        started = utcnow().replace(microsecond=0)
        in_order = getattr(self.conn, "changes_in_order", True)
        newest: datetime | None = None
        for number, page in enumerate(self.conn.changed_deals(stages, since), start=1):
            self.progress(f"Страница {number}: {len(page)} сделок")
            newest = max([d.updated_at for d in page] + ([newest] if newest else []))
            # amoCRM pages come oldest change first, so each page may move the cursor; Bitrix24
            # pages by id, so its cursor moves only once every page is written.
            cursor = min(newest, started) if in_order else None
            self._page(number, page, cursor)
        if not in_order and newest is not None:
            with self.storage.write() as uow:
                uow.crm.begin_batch()
                uow.crm.cursor(self.connection_id, CURSOR).value = min(newest, started).isoformat()
        if since is not None:
            self._new_calls_of_quiet_deals(since)
        with self.storage.write() as uow:
            uow.crm.begin_batch()
            uow.crm.cursor(self.connection_id, CALLS_CURSOR).value = (started - CLOCK_SLACK).isoformat()
        self._retry_failed_calls()

    def _new_calls_of_quiet_deals(self, since: datetime) -> None:
        """A call logged on a deal without changing the deal (telephony adds a note or an activity
        only) is pulled too: the deals we follow with calls logged since the last sync asked."""
        with self.storage.read() as uow:
            raw = uow.crm.cursor_value(self.connection_id, CALLS_CURSOR)
        changed = sorted(self.conn.deals_with_new_calls(datetime.fromisoformat(raw) if raw else since) - self.done)
        with self.storage.read() as uow:
            linked = set(uow.crm.deal_links(self.connection_id, changed))
        ids = [i for i in changed if i in linked]
        if ids:
            self.progress(f"Звонки без изменений сделки: {len(ids)} сделок")
        self._calls_of(ids, "Новые звонки")

    def _retry_failed_calls(self) -> None:
        """Recordings that failed to download (cut off, timed out) are tried again by the next sync
        even when their deal did not change, up to ``MAX_CALL_ATTEMPTS`` in all."""
        with self.storage.read() as uow:
            ids = [i for i in uow.crm.deals_with_failed_calls(self.connection_id, MAX_CALL_ATTEMPTS) if i not in self.done]
        self._calls_of(ids, "Повтор неудавшихся")

    def _calls_of(self, ids: list[str], where: str) -> None:
        """The calls of deals this run did not page (their deal did not change): new or failed recordings only."""
        self.done |= set(ids)
        for offset in range(0, len(ids), CHUNK_DEALS):
            chunk = ids[offset : offset + CHUNK_DEALS]
            calls = self.conn.calls(chunk)
            fetched = self._download(where, calls)
            if fetched:
                self._write([], [c for c in calls if c.id in fetched], fetched, None)

    def _page(self, number: int, page: list[CrmDeal], cursor: datetime | None) -> None:
        with self.storage.read() as uow:
            linked = set(uow.crm.deal_links(self.connection_id, [d.id for d in page]))
        refusal = Status.CONDITIONAL_REFUSAL.value
        wanted = [d for d in page if d.id in linked or self.mapping.stages.get(d.stage_id) == refusal]
        self.report.deals_unchanged += len(page) - len(wanted)
        calls = self.conn.calls([d.id for d in wanted]) if wanted else []
        self.done |= {d.id for d in wanted}
        chunks = [wanted[i : i + CHUNK_DEALS] for i in range(0, len(wanted), CHUNK_DEALS)] or [[]]
        for index, chunk in enumerate(chunks, start=1):
            ids = {d.id for d in chunk}
            mine = [c for c in calls if c.deal_id in ids]
            fetched = self._download(f"Страница {number}", mine)
            last = index == len(chunks)
            self._write(chunk, mine, fetched, cursor if last else None)

    def _download(self, where: str, calls: list[CrmCall]) -> dict[str, Fetched]:
        with self.storage.read() as uow:
            known = uow.crm.calls(self.connection_id, [c.id for c in calls])
        todo = [c for c in calls if _needs_download(known.get(c.id))]
        urls = self.conn.recording_urls(todo) if todo else {}
        fetched: dict[str, Fetched] = {}
        for index, call in enumerate(todo, start=1):
            if self.should_stop():
                raise CrmError(STOPPED)
            self.progress(f"{where}: запись {index} из {len(todo)}")
            fetched[call.id] = self._fetch(urls.get(call.id), call)
        return fetched

    def _fetch(self, url: str | None, call: CrmCall) -> Fetched:
        what = f"{self.conn.name}, сделка {call.deal_id}, звонок {call.id}"
        if not url:
            return Fetched(error=f"{what}: у звонка нет ссылки на запись")
        last = ""
        for _attempt in range(2):
            try:
                got = download(self.fetch, url, self.root / _safe(call.deal_id), clock=self.clock, what=what)
            except CrmDownloadError as exc:
                last = str(exc)
                if exc.final:
                    break
                if exc.retry_after is not None:  # 429/503 from the file server: wait as asked, briefly
                    self.clock.sleep(min(exc.retry_after, MAX_DOWNLOAD_WAIT_S))
                continue
            when = call.started_at.strftime("%Y-%m-%d_%H-%M-%S") if call.started_at else "без-времени"
            final = got.path.with_name(f"{when}_{_safe(call.id)}{got.path.suffix}")
            got.path.replace(final)
            check = check_recording(final)  # the very check of an imported file
            if check.error:
                check = replace(check, error=f"{what}: {check.error}")
            return Fetched(check=check)
        return Fetched(error=last)

    def _write(self, deals: list[CrmDeal], calls: list[CrmCall], fetched: dict[str, Fetched], cursor: datetime | None) -> None:
        with self.storage.write() as uow:
            uow.crm.begin_batch()
            links = uow.crm.deal_links(self.connection_id, [d.id for d in deals])
            stored = {d.id: store_deal(uow, d, links.get(d.id), self.mapping, self.report) for d in deals}
            uow.flush()
            if not deals:  # calls tried again without their deal: the deals they already belong to
                stored = uow.crm.linked_deals(self.connection_id, {c.deal_id for c in calls})
            known = uow.crm.calls(self.connection_id, [c.id for c in calls])
            for call in sorted(calls, key=lambda c: (c.started_at or datetime.max, c.id)):
                deal = stored.get(call.deal_id)
                if deal is not None:
                    store_call(uow, self.mapping, deal, call, known.get(call.id), fetched.get(call.id), self.report)
            uow.crm.touch_sync(self.connection_id, utcnow())
            if cursor is not None:
                uow.crm.cursor(self.connection_id, CURSOR).value = cursor.isoformat()


def _needs_download(row: CallRow | None) -> bool:
    return row is None or (row.state == "failed" and row.attempts < MAX_CALL_ATTEMPTS)
