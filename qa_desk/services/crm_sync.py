"""Pull from the CRM: refused deals and their call recordings, incrementally, one page per transaction.

A plain function (``sync``) so that the app's button, ``qa-desk crm sync`` and a scheduled job on
the team queue all run the same code. Network work (lists, downloads) happens outside the
database transaction; each page is then written in one transaction together with the cursor,
so an interrupted sync resumes where it stopped and a re-run writes nothing new.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import httpx
from sqlalchemy.orm import Session

from qa_desk.audio import AudioError, probe
from qa_desk.config import data_dir
from qa_desk.crm.clock import Clock, SystemClock
from qa_desk.crm.connector import Connector
from qa_desk.crm.download import Downloaded, download
from qa_desk.crm.errors import CrmDownloadError, CrmError
from qa_desk.crm.types import CrmCall, CrmDeal
from qa_desk.domain.identity import User
from qa_desk.domain.refusal_reasons import OTHER
from qa_desk.domain.roles import REVIEWER_ROLES, SETTINGS_ROLES
from qa_desk.domain.statuses import Status
from qa_desk.domain.transitions import TransitionError
from qa_desk.services.crm_connections import connection, connector_for
from qa_desk.services.crm_policy import Incoming, LocalState, reconcile
from qa_desk.storage import crm as store
from qa_desk.storage import repositories as repo
from qa_desk.storage.crm_models import CrmCall as CallRow
from qa_desk.storage.crm_models import CrmConnection, CrmDealLink
from qa_desk.storage.db import Database
from qa_desk.storage.models import Deal, Manager, Recording, utcnow

SYNC_ACTOR = "синхронизация с CRM"
SYNC_DENIED = "Синхронизацию с CRM запускает контроль качества, руководитель или администратор"
MAX_CALL_ATTEMPTS = 3
CURSOR = "deals"


@dataclass
class SyncReport:
    deals_created: int = 0
    deals_updated: int = 0
    deals_unchanged: int = 0
    recordings_added: int = 0
    recordings_skipped: int = 0
    recordings_failed: int = 0
    conflicts: int = 0
    requests: int = 0
    retries: int = 0
    warnings: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"Сделок: новых {self.deals_created}, обновлено {self.deals_updated}, без изменений {self.deals_unchanged}. "
            f"Записей: добавлено {self.recordings_added}, уже были {self.recordings_skipped}, "
            f"ошибок {self.recordings_failed}. Конфликтов с проверкой: {self.conflicts}."
        )


@dataclass
class _Mapping:
    stages: dict[str, str]
    reasons: dict[str, tuple[str, str]]  # crm id -> (QA Desk reason, CRM name)
    users: dict[str, int]
    user_names: dict[str, str]
    connection_id: int


def sync(
    db: Database,
    user: User,
    connection_id: int | None = None,
    *,
    connector: Connector | None = None,
    clock: Clock | None = None,
    download_client: httpx.Client | None = None,
    recordings_root: Path | None = None,
    on_progress: Callable[[str], None] | None = None,
) -> SyncReport:
    if user.role not in REVIEWER_ROLES | SETTINGS_ROLES:
        raise TransitionError(SYNC_DENIED)
    view = connection(db, connection_id)
    clock = clock or SystemClock()
    own = connector is None
    conn = connector or connector_for(db, view.id, clock=clock)
    fetch = download_client or httpx.Client(timeout=httpx.Timeout(60.0, connect=10.0), follow_redirects=True)
    root = recordings_root or data_dir() / "recordings" / f"{view.kind}-{view.id}"
    report = SyncReport()
    try:
        _run(db, view.id, conn, fetch, clock, root, report, on_progress or (lambda _t: None))
    except CrmError as exc:
        report.failures.append(str(exc))
    finally:
        report.requests, report.retries = conn.stats.requests, conn.stats.retries
        report.warnings += conn.stats.warnings
        if own:
            conn.close()
        if download_client is None:
            fetch.close()
    with db.session() as session:
        row = session.get(CrmConnection, view.id)
        assert row is not None
        row.last_sync_at = utcnow()
        row.last_sync_message = report.summary() + (
            "" if not report.failures else " Ошибка: " + report.failures[0]
        )
    return report


def _load_mapping(db: Database, connection_id: int) -> _Mapping:
    with db.session() as session:
        rows = store.mappings(session, connection_id)
        return _Mapping(
            stages={r.crm_id: r.local_value for r in rows if r.kind == "stage" and r.local_value},
            reasons={r.crm_id: (r.local_value or OTHER, r.crm_name) for r in rows if r.kind == "reason"},
            users={r.crm_id: int(r.local_value) for r in rows if r.kind == "user" and r.local_value},
            user_names={r.crm_id: r.crm_name for r in rows if r.kind == "user"},
            connection_id=connection_id,
        )


def _run(
    db: Database,
    connection_id: int,
    conn: Connector,
    fetch: httpx.Client,
    clock: Clock,
    root: Path,
    report: SyncReport,
    progress: Callable[[str], None],
) -> None:
    mapping = _load_mapping(db, connection_id)
    refusal = [s for s, v in mapping.stages.items() if v == Status.CONDITIONAL_REFUSAL.value]
    if not refusal:
        raise CrmError(
            "Не указан этап «условный отказ»: сопоставьте этапы CRM (crm map --load, затем crm map stage …)"
        )
    with db.session() as session:
        raw = store.cursor(session, connection_id, CURSOR).value
    since = datetime.fromisoformat(raw) if raw else None
    stages = refusal if since is None else sorted(mapping.stages)
    started = utcnow().replace(microsecond=0)
    for number, page in enumerate(conn.changed_deals(stages, since), start=1):
        progress(f"Страница {number}: {len(page)} сделок")
        with db.session() as session:
            links = store.deal_links(session, connection_id, [d.id for d in page])
        wanted = [
            d
            for d in page
            if d.id in links or mapping.stages.get(d.stage_id) == Status.CONDITIONAL_REFUSAL.value
        ]
        calls = conn.calls(wanted) if wanted else []
        with db.session() as session:
            known = store.calls(session, connection_id, [c.id for c in calls])
        todo = [c for c in calls if _needs_download(known.get(c.id))]
        urls = conn.recording_urls(todo) if todo else {}
        fetched: dict[str, Downloaded | str] = {}
        for index, call in enumerate(todo, start=1):
            progress(f"Страница {number}: запись {index} из {len(todo)}")
            fetched[call.id] = _fetch(
                fetch, clock, urls.get(call.id), root / _safe(call.deal_id), call, conn.name
            )
        newest = max(d.updated_at for d in page)
        with db.session() as session:
            for deal in wanted:
                _store_deal(session, connection_id, deal, links.get(deal.id), mapping, report)
            session.flush()
            links = store.deal_links(session, connection_id, [d.id for d in wanted])
            for call in sorted(calls, key=lambda c: (c.started_at or datetime.max, c.id)):
                link = links.get(call.deal_id)
                if link is not None:
                    _store_call(
                        session,
                        connection_id,
                        link.deal_id,
                        call,
                        known.get(call.id),
                        fetched.get(call.id),
                        report,
                    )
            cur = store.cursor(session, connection_id, CURSOR)
            cur.value = min(newest, started).isoformat()
        report.deals_unchanged += len(page) - len(wanted)


def _needs_download(row: CallRow | None) -> bool:
    return row is None or (row.state == "failed" and row.attempts < MAX_CALL_ATTEMPTS)


def _safe(text: str) -> str:
    return re.sub(r"[^\w.-]+", "_", text)[:80] or "_"


def _fetch(
    client: httpx.Client, clock: Clock, url: str | None, folder: Path, call: CrmCall, crm: str
) -> Downloaded | str:
    what = f"{crm}, сделка {call.deal_id}, звонок {call.id}"
    if not url:
        return f"{what}: у звонка нет ссылки на запись"
    last = ""
    for _attempt in range(2):
        try:
            got = download(client, url, folder, clock=clock, what=what)
        except CrmDownloadError as exc:
            last = str(exc)
            if "404" in last or "больше" in last:
                break
            continue
        when = call.started_at.strftime("%Y-%m-%d_%H-%M-%S") if call.started_at else "без-времени"
        final = got.path.with_name(f"{when}_{_safe(call.id)}{got.path.suffix}")
        got.path.replace(final)
        return Downloaded(final, got.sha256, got.size)
    return last


def _manager_for(session: Session, crm_user: str | None, mapping: _Mapping) -> int | None:
    if not crm_user:
        return None
    if crm_user in mapping.users:
        return mapping.users[crm_user]
    name = mapping.user_names.get(crm_user) or f"Пользователь CRM {crm_user}"
    manager = repo.get_or_create_manager(session, name)
    mapping.users[crm_user] = manager.id
    row = store.mapping(session, mapping.connection_id, "user", crm_user)
    if row is not None and row.local_value is None:
        row.local_value = str(manager.id)  # a first guess the person can change
    return manager.id


def _store_deal(
    session: Session,
    connection_id: int,
    crm: CrmDeal,
    link: CrmDealLink | None,
    mapping: _Mapping,
    report: SyncReport,
) -> None:
    status_value = mapping.stages.get(crm.stage_id)
    status = Status(status_value) if status_value else None
    reason, comment = None, None
    if crm.loss_reason_id and crm.loss_reason_id in mapping.reasons:
        reason, crm_name = mapping.reasons[crm.loss_reason_id]
        comment = (
            f"Причина в CRM: {crm_name}"
            if reason == OTHER or reason.casefold() != crm_name.casefold()
            else None
        )
    elif status is Status.CONDITIONAL_REFUSAL:
        reason, comment = OTHER, "Причина в CRM не указана"
    manager_id = _manager_for(session, crm.responsible_id, mapping)
    deal = session.get(Deal, link.deal_id) if link is not None else None
    if deal is None:
        deal = repo.deal_by_external_id(session, crm.id)
    if deal is None:
        deal = Deal(external_id=crm.id, status=(status or Status.ACTIVE).value, status_changed_at=utcnow())
        deal.title, deal.amount, deal.currency = crm.title or crm.id, crm.amount, (crm.currency or "RUB")[:3]
        deal.manager_id, deal.refusal_reason, deal.refusal_comment = manager_id, reason, comment
        session.add(deal)
        session.flush()
        repo.add_audit(
            session,
            actor=SYNC_ACTOR,
            action="import",
            deal=deal,
            after={"status": deal.status, "refusal_reason": reason, "crm_deal": crm.id},
        )
        report.deals_created += 1
    else:
        deal.title = crm.title or deal.title
        deal.amount = crm.amount if crm.amount is not None else deal.amount
        local = LocalState(
            Status(deal.status),
            deal.manager_id,
            deal.refusal_reason,
            store.open_review(session, deal.id),
            store.pending_push(session, deal.id),
        )
        incoming = Incoming(
            status,
            manager_id,
            reason,
            comment,
            stage_changed=link is None or link.crm_stage_id != crm.stage_id,
            manager_changed=link is None or link.crm_responsible_id != crm.responsible_id,
        )
        result = reconcile(local, incoming)
        if result.changes:
            before = {k: getattr(deal, k) for k in result.changes}
            for key, value in result.changes.items():
                setattr(deal, key, value.value if isinstance(value, Status) else value)
            if "status" in result.changes:
                deal.status_changed_at = utcnow()
            repo.add_audit(
                session,
                actor=SYNC_ACTOR,
                action="crm_update",
                deal=deal,
                before=_jsonable(before),
                after=_jsonable(result.changes),
            )
        for fname, ours, theirs in result.conflicts:
            report.conflicts += 1
            repo.add_audit(
                session,
                actor=SYNC_ACTOR,
                action="crm_conflict",
                deal=deal,
                before={_FIELD.get(fname, fname): _shown(session, fname, ours)},
                after={_FIELD.get(fname, fname): _shown(session, fname, theirs)},
                comment="Изменение в CRM не применено: решение контроля качества сохранено",
            )
        report.deals_updated += 1
    if link is None:
        link = CrmDealLink(connection_id=connection_id, crm_deal_id=crm.id, deal_id=deal.id)
        session.add(link)
    link.crm_stage_id, link.crm_responsible_id, link.crm_updated_at = (
        crm.stage_id,
        crm.responsible_id,
        crm.updated_at,
    )


_FIELD = {"status": "status", "manager_id": "manager"}


def _shown(session: Session, fname: str, value: object) -> object:
    if fname == "manager_id" and value is not None:
        manager = session.get(Manager, int(str(value)))
        return manager.name if manager else value
    return value


def _jsonable(values: dict[str, object]) -> dict[str, object]:
    return {k: (v.value if isinstance(v, Status) else v) for k, v in values.items()}


def _store_call(
    session: Session,
    connection_id: int,
    deal_id: int,
    call: CrmCall,
    row: CallRow | None,
    got: Downloaded | str | None,
    report: SyncReport,
) -> None:
    if got is None:  # nothing new to do for this call
        if row is not None and row.state == "done":
            report.recordings_skipped += 1
        return
    if row is None:
        row = CallRow(
            connection_id=connection_id, crm_call_id=call.id, deal_id=deal_id, state="failed", attempts=0
        )
        session.add(row)
    row.attempts += 1
    recording = session.get(Recording, row.recording_id) if row.recording_id else None
    if isinstance(got, str):
        row.state, row.error = "failed", got
        report.recordings_failed += 1
        report.warnings.append(got)
        if recording is None:
            recording = Recording(
                deal_id=deal_id,
                path=f"crm:{call.id}",
                call_started_at=call.started_at,
                started_at_source="crm",
                state="failed",
                error=got,
            )
            session.add(recording)
            session.flush()
            row.recording_id = recording.id
        return
    deal = session.get(Deal, deal_id)
    assert deal is not None
    duplicate = repo.find_recording(session, deal, got.sha256, str(got.path))
    if duplicate is not None:
        got.path.unlink(missing_ok=True)
        row.state, row.error, row.recording_id = "done", None, duplicate.id
        report.recordings_skipped += 1
        return
    if recording is None:
        recording = Recording(deal_id=deal_id, call_started_at=call.started_at, started_at_source="crm")
        session.add(recording)
    recording.path, recording.sha256, recording.state, recording.error = (
        str(got.path),
        got.sha256,
        "pending",
        None,
    )
    try:
        info = probe(got.path)
        recording.duration_ms = round(info.duration_s * 1000)
        recording.channels, recording.sample_rate = info.channels, info.sample_rate
    except AudioError as exc:
        recording.state, recording.error = "failed", str(exc)
        report.warnings.append(str(exc))
    session.flush()
    row.state, row.error, row.recording_id = "done", None, recording.id
    report.recordings_added += 1
