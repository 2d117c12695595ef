"""Writing one manifest row: its deal (under the CRM policy) and its recording.

Runs inside an import batch's transaction, which holds the write lock (``storage.imports``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy.orm import Session

from qa_desk.domain import crm_policy as policy
from qa_desk.domain.ordering import timestamp_from_filename
from qa_desk.domain.statuses import Status
from qa_desk.importing.files import FileCheck
from qa_desk.importing.values import ManifestRow
from qa_desk.storage import imports as store
from qa_desk.storage import repositories as repo
from qa_desk.storage.audit import AuditRepository
from qa_desk.storage.models import Deal, Recording

DEFAULT_STATUS = Status.ACTIVE.value


@dataclass
class RowOutcome:
    """What one row did, for the report."""

    deal_created: bool = False
    deal_updated: bool = False
    recording_added: bool = False
    conflict: str | None = None  # «менеджер: в CRM «…», оставлено «…»»
    changes: str | None = None


@dataclass
class RunState:
    """Deals already written in this run: a deal's fields come from its first row in the file."""

    seen: set[str] = field(default_factory=set)


def import_row(session: Session, row: ManifestRow, check: FileCheck, state: RunState, actor: str) -> RowOutcome:
    outcome = RowOutcome()
    deal = store.deal_for_update(session, row.deal_id)
    if deal is None:
        deal = _create(session, row, actor)
        outcome.deal_created = True
    elif row.deal_id not in state.seen:
        _update(session, deal, row, actor, outcome)
    state.seen.add(row.deal_id)
    outcome.recording_added = _add_recording(session, deal, row, check, new_deal=outcome.deal_created)
    return outcome


# --- deals ----------------------------------------------------------------------------------------


def _create(session: Session, row: ManifestRow, actor: str) -> Deal:
    status = row.status or DEFAULT_STATUS
    deal = Deal(
        external_id=row.deal_id,
        title=row.deal_title or row.deal_id,
        status=status,
        status_changed_at=datetime.now(),
        currency=row.currency or "RUB",
    )
    session.add(deal)
    _apply(session, deal, row, {name: (None, value) for name, value in incoming(row).items() if value is not None})
    session.flush()
    card = current(deal)
    after = {k: _json(card[k]) for k in (*policy.WORKFLOW_FIELDS, "amount") if card[k] is not None}
    _audit(session, actor, policy.IMPORT_CREATED, deal, row, after=after)
    return deal


def _update(session: Session, deal: Deal, row: ManifestRow, actor: str, outcome: RowOutcome) -> None:
    owned = policy.owned_by_workflow(store.deal_history(session, deal.id))
    plan = policy.merge(current(deal), incoming(row), owned)
    if row.manager and row.manager == current(deal)["manager"]:
        # Contact details and salary of the deal's own manager are filled in, never overwritten.
        repo.get_or_create_manager(session, row.manager, row.manager_email, row.manager_salary)
    if plan.changes:
        before = {k: _json(old) for k, (old, _new) in plan.changes.items()}
        _apply(session, deal, row, plan.changes)
        session.flush()
        after = {k: _json(new) for k, (_old, new) in plan.changes.items()}
        outcome.changes = policy.describe(plan.changes)
        _audit(session, actor, policy.IMPORT_UPDATED, deal, row, before=before, after=after)
        outcome.deal_updated = True
    if plan.conflicts:
        outcome.conflict = policy.describe(plan.conflicts, conflict=True)
        record: dict[str, object] = {
            "crm": {k: _json(crm) for k, (_kept, crm) in plan.conflicts.items()},
            "kept": {k: _json(kept) for k, (kept, _crm) in plan.conflicts.items()},
        }
        if store.last_conflict(session, deal.id, policy.IMPORT_CONFLICT) != record:
            _audit(session, actor, policy.IMPORT_CONFLICT, deal, row, after=record, detail=outcome.conflict)


def _audit(
    session: Session,
    actor: str,
    action: str,
    deal: Deal,
    row: ManifestRow,
    *,
    before: dict[str, object] | None = None,
    after: dict[str, object] | None = None,
    detail: str | None = None,
) -> None:
    comment = f"выгрузка CRM, {row.where}" + (f": {detail}" if detail else "")
    AuditRepository(session).add(actor=actor, action=action, deal=deal, before=before, after=after, comment=comment)


def current(deal: Deal) -> dict[str, object]:
    """The deal's import fields as the policy compares them."""
    return {
        "title": deal.title,
        "client_company": deal.client_company,
        "contact_name": deal.contact_name,
        "contact_phone": deal.contact_phone,
        "product": deal.product,
        "amount": deal.amount,
        "currency": deal.currency,
        "contract": deal.contract.name if deal.contract is not None else None,
        "status": deal.status,
        "manager": deal.manager.name if deal.manager is not None else None,
        "refusal_reason": deal.refusal_reason,
        "refusal_comment": deal.refusal_comment,
    }


def incoming(row: ManifestRow) -> dict[str, object]:
    return {
        "title": row.deal_title or None,
        "client_company": row.client_company,
        "contact_name": row.contact_name,
        "contact_phone": row.contact_phone,
        "product": row.product,
        "amount": row.amount,
        "currency": row.currency,
        "contract": row.contract,
        "status": row.status,
        "manager": row.manager,
        "refusal_reason": row.refusal_reason,
        "refusal_comment": row.refusal_comment,
    }


def _apply(session: Session, deal: Deal, row: ManifestRow, changes: dict[str, tuple[object, object]]) -> None:
    for name, (_old, new) in changes.items():
        if name == "manager":
            deal.manager = repo.get_or_create_manager(session, str(new), row.manager_email, row.manager_salary)
        elif name == "contract":
            deal.contract = repo.get_or_create_contract(session, str(new))
        elif name == "status":
            deal.status, deal.status_changed_at = str(new), datetime.now()
        else:
            setattr(deal, name, new)


def _json(value: object) -> object:
    return str(value) if isinstance(value, Decimal) else value


# --- recordings -----------------------------------------------------------------------------------


def _add_recording(session: Session, deal: Deal, row: ManifestRow, check: FileCheck, *, new_deal: bool) -> bool:
    """Add the row's recording unless the deal has it already; True when added."""
    path = check.path
    recording = None if new_deal else repo.find_recording(session, deal, check.sha256, str(path))
    if recording is None and check.sha256 is not None and not new_deal:
        # A file that failed last time and is readable now: repair that row instead of adding one.
        recording = repo.find_recording(session, deal, None, str(path))
    if recording is not None and not (recording.state == "failed" and recording.sha256 is None):
        return False
    added = recording is None
    if recording is None:
        started, source = _call_time(row, path)
        recording = Recording(deal=deal, path=str(path), call_started_at=started, started_at_source=source)
        session.add(recording)
    recording.sha256 = check.sha256
    recording.state = "failed" if check.error else "pending"
    recording.error = check.error
    if check.info is not None:
        recording.duration_ms = round(check.info.duration_s * 1000)
        recording.channels = check.info.channels
        recording.sample_rate = check.info.sample_rate
    session.flush()
    return added


def _call_time(row: ManifestRow, path: Path) -> tuple[datetime | None, str]:
    if row.call_started_at is not None:
        return row.call_started_at, "manifest"
    from_name = timestamp_from_filename(path.name)
    if from_name is not None:
        return from_name, "filename"
    try:
        return datetime.fromtimestamp(path.stat().st_mtime), "mtime"
    except (OSError, ValueError, OverflowError):
        return None, "unknown"
