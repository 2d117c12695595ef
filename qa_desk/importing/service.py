"""Import a manifest into the database: deals, managers, contracts and recordings.

Idempotent: a deal is keyed by its CRM id and a recording by its content hash within
the deal, so importing the same export twice adds nothing. A missing or unreadable file
becomes a *failed* recording with its reason; the rest of the manifest is imported.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from qa_desk.audio import AudioError, file_sha256, probe
from qa_desk.domain.ordering import timestamp_from_filename
from qa_desk.domain.statuses import Status
from qa_desk.importing.manifest import ManifestRow, read_manifest
from qa_desk.storage import repositories as repo
from qa_desk.storage.db import Database
from qa_desk.storage.models import Deal, Recording
from qa_desk.storage.recording_store import keep_audio

IMPORT_ACTOR = "импорт"
DEFAULT_STATUS = Status.ACTIVE.value
KNOWN_STATUSES = frozenset(s.value for s in Status)


@dataclass
class ImportReport:
    deals_created: int = 0
    deals_updated: int = 0
    recordings_added: int = 0
    recordings_skipped: int = 0
    failures: list[tuple[Path, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


def import_manifest(
    db: Database,
    manifest: Path,
    *,
    on_row: Callable[[int, int, ManifestRow], None] | None = None,
    known_statuses: frozenset[str] = KNOWN_STATUSES,
) -> ImportReport:
    """Read ``manifest`` and write it in one transaction (all or nothing on a crash)."""
    rows = read_manifest(manifest)
    report = ImportReport()
    with db.session() as session:
        seen_deals: set[str] = set()
        for index, row in enumerate(rows, start=1):
            if on_row:
                on_row(index, len(rows), row)
            if row.warning:
                report.warnings.append(f"строка {row.line}: {row.warning}")
            deal = _upsert_deal(session, row, report, seen_deals, known_statuses)
            _add_recording(session, deal, row, report)
    return report


def _upsert_deal(
    session: Session,
    row: ManifestRow,
    report: ImportReport,
    seen: set[str],
    known_statuses: frozenset[str],
) -> Deal:
    deal = repo.deal_by_external_id(session, row.deal_id)
    first_time_this_run = row.deal_id not in seen
    seen.add(row.deal_id)
    status = row.status or DEFAULT_STATUS
    if status not in known_statuses:
        report.warnings.append(f"строка {row.line}: неизвестный статус «{status}», сделка оставлена в «{DEFAULT_STATUS}»")
        status = DEFAULT_STATUS
    if deal is None:
        deal = Deal(external_id=row.deal_id, status=status, status_changed_at=datetime.now())
        session.add(deal)
        _fill_deal(session, deal, row)
        session.flush()
        repo.add_audit(
            session,
            actor=IMPORT_ACTOR,
            action="import",
            deal=deal,
            after={"status": status, "refusal_reason": row.refusal_reason},
        )
        report.deals_created += 1
    elif first_time_this_run:
        # Card fields follow the CRM; the status belongs to the review process and is kept.
        _fill_deal(session, deal, row)
        report.deals_updated += 1
    return deal


def _fill_deal(session: Session, deal: Deal, row: ManifestRow) -> None:
    deal.title = row.deal_title or deal.title or row.deal_id
    deal.client_company = row.client_company or deal.client_company
    deal.contact_name = row.contact_name or deal.contact_name
    deal.contact_phone = row.contact_phone or deal.contact_phone
    deal.product = row.product or deal.product
    deal.amount = row.amount if row.amount is not None else deal.amount
    deal.currency = row.currency or deal.currency
    if deal.refusal_reason is None and row.refusal_reason:
        deal.refusal_reason = row.refusal_reason
        deal.refusal_comment = row.refusal_comment
    if row.manager:
        deal.manager = repo.get_or_create_manager(session, row.manager, row.manager_email, row.manager_salary)
    if row.contract:
        deal.contract = repo.get_or_create_contract(session, row.contract)


def _add_recording(session: Session, deal: Deal, row: ManifestRow, report: ImportReport) -> None:
    path = row.recording.resolve()
    sha: str | None = None
    error: str | None = None
    info = None
    try:
        info = probe(path)
    except AudioError as exc:
        error = str(exc)
    try:
        if path.is_file() and path.stat().st_size > 0:
            sha = file_sha256(path)
    except OSError as exc:
        error = error or f"{path.name}: не удаётся прочитать файл ({exc.strerror or exc})"
    if error:
        report.failures.append((path, error))
    recording = repo.find_recording(session, deal, sha, str(path))
    if recording is None and sha is not None:
        # A file that failed last time and is readable now: repair that row instead of adding one.
        recording = repo.find_recording(session, deal, None, str(path))
    if recording is not None and not (recording.state == "failed" and recording.sha256 is None):
        report.recordings_skipped += 1
        return
    if recording is None:
        started, source = _call_time(row, path)
        recording = Recording(deal=deal, path=str(path), call_started_at=started, started_at_source=source)
        session.add(recording)
        report.recordings_added += 1
    else:
        report.recordings_skipped += 1
    if sha and not error:
        keep_audio(session, path, sha)  # the one team-mode hook: audio into the shared recording store
    recording.sha256 = sha
    recording.state = "failed" if error else "pending"
    recording.error = error
    if info is not None:
        recording.duration_ms = round(info.duration_s * 1000)
        recording.channels = info.channels
        recording.sample_rate = info.sample_rate
    session.flush()


def _call_time(row: ManifestRow, path: Path) -> tuple[datetime | None, str]:
    if row.call_started_at is not None:
        return row.call_started_at, "manifest"
    from_name = timestamp_from_filename(path.name)
    if from_name is not None:
        return from_name, "filename"
    try:
        return datetime.fromtimestamp(path.stat().st_mtime), "mtime"
    except OSError:
        return None, "unknown"
