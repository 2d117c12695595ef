"""Writing one page of a CRM pull: its deals under the CRM policy, and its calls' recordings.

Runs inside the page's unit of work, which holds the write lock (``uow.crm.begin_batch``). What a
pull may change on a deal is ``domain.crm_policy``, the very rule of a manifest re-import: the
card follows the CRM; status, manager and refusal reason follow it only until a person acts on
the deal in QA Desk; a CRM value that would undo QC's decision is not applied and is written to
the deal's history once (``IMPORT_CONFLICT``). Values are checked at the border as a manifest
row's are (``importing.values.crm_values``), and recordings as an imported file is
(``importing.files.check_recording``, done before the lock).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from qa_desk.crm.types import CrmCall, CrmDeal
from qa_desk.domain import crm_policy as policy
from qa_desk.domain.recordings import RecordingOrigin, RecordingState
from qa_desk.domain.refusal_reasons import OTHER
from qa_desk.domain.statuses import Status
from qa_desk.importing.deals import current
from qa_desk.importing.files import FileCheck
from qa_desk.importing.values import crm_values
from qa_desk.storage.crm_models import CrmCall as CallRow
from qa_desk.storage.crm_models import CrmDealLink
from qa_desk.storage.models import Deal, Recording, utcnow
from qa_desk.storage.uow import UnitOfWork

MAX_CALL_ATTEMPTS = 3  # downloads of one call's recording before it is left as failed


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
            f"Сделок: новых {self.deals_created}, обновлено {self.deals_updated}, "
            f"без изменений {self.deals_unchanged}. "
            f"Записей: добавлено {self.recordings_added}, уже были {self.recordings_skipped}, "
            f"ошибок {self.recordings_failed}. Конфликтов с проверкой: {self.conflicts}."
        )


@dataclass
class PullMapping:
    """A connection's mappings as a pull reads them (CRM ids → QA Desk values)."""

    connection_id: int
    crm_name: str  # «amoCRM», «Битрикс24»: how messages and the audit name the source
    stages: dict[str, str]
    reasons: dict[str, tuple[str, str]]  # CRM reason id → (QA Desk reason, CRM name)
    users: dict[str, int]  # CRM user id → manager id
    user_names: dict[str, str]


@dataclass(frozen=True, slots=True)
class Fetched:
    """A call's recording downloaded and checked (``check``), or why it could not be (``error``)."""

    check: FileCheck | None = None
    error: str | None = None


def _json(value: object) -> object:
    return str(value) if isinstance(value, Decimal) else value


def incoming(crm: CrmDeal, mapping: PullMapping, manager: str | None, problems: list[str]) -> dict[str, object]:
    """The CRM deal as the policy's import fields (checked; a bad value is None with a problem)."""
    status = mapping.stages.get(crm.stage_id) or None
    reason, comment = None, None
    if crm.loss_reason_id and crm.loss_reason_id in mapping.reasons:
        reason, crm_reason = mapping.reasons[crm.loss_reason_id]
        if reason == OTHER or reason.casefold() != crm_reason.casefold():
            comment = f"Причина в CRM: {crm_reason}"
    elif status == Status.CONDITIONAL_REFUSAL.value:
        reason, comment = OTHER, "Причина в CRM не указана"
    raw = {
        "deal_title": crm.title,
        "manager": manager,
        "refusal_reason": reason,
        "refusal_comment": comment,
        "amount": None if crm.amount is None else str(crm.amount),
        "currency": crm.currency,
    }
    checked = crm_values(raw, problems)
    return {
        "title": checked["deal_title"],
        "amount": checked["amount"],
        "currency": checked["currency"],
        "status": status,
        "manager": checked["manager"],
        "refusal_reason": checked["refusal_reason"],
        "refusal_comment": checked["refusal_comment"],
    }


def _manager_name(uow: UnitOfWork, crm_user: str | None, mapping: PullMapping) -> str | None:
    """The QA Desk manager of a CRM user: the mapped one, else one named after the CRM user (a first
    guess written into the mapping, which a person may change)."""
    if not crm_user:
        return None
    if crm_user in mapping.users:
        return uow.managers.name(mapping.users[crm_user])
    name = mapping.user_names.get(crm_user) or f"Пользователь CRM {crm_user}"
    manager = uow.managers.get_or_create(name)
    mapping.users[crm_user] = manager.id
    row = uow.crm.mapping(mapping.connection_id, "user", crm_user)
    if row is not None and row.local_value is None:
        row.local_value = str(manager.id)
    return manager.name


def store_deal(uow: UnitOfWork, crm: CrmDeal, link: CrmDealLink | None, mapping: PullMapping, report: SyncReport) -> Deal:
    """Create or update the QA Desk deal of ``crm`` under the CRM policy; audited."""
    where = f"{mapping.crm_name}, сделка {crm.id}"
    problems: list[str] = []
    fields = incoming(crm, mapping, _manager_name(uow, crm.responsible_id, mapping), problems)
    report.warnings += [f"{where}: {problem} — значение не импортировано" for problem in problems]
    deal = uow.crm.deal_for_update(crm.id)
    if deal is None:
        deal = _create(uow, crm, fields, where)
        report.deals_created += 1
    elif _update(uow, deal, fields, where, report):
        report.deals_updated += 1
    else:
        report.deals_unchanged += 1
    if link is None:
        link = CrmDealLink(connection_id=mapping.connection_id, crm_deal_id=crm.id, deal_id=deal.id)
        uow.crm.add(link)
    link.crm_stage_id, link.crm_responsible_id, link.crm_updated_at = crm.stage_id, crm.responsible_id, crm.updated_at
    return deal


def _create(uow: UnitOfWork, crm: CrmDeal, fields: dict[str, object], where: str) -> Deal:
    deal = Deal(
        external_id=crm.id,
        title=str(fields["title"] or crm.id),
        status=str(fields["status"] or Status.ACTIVE.value),
        status_changed_at=utcnow(),
        currency=str(fields["currency"] or "RUB"),
    )
    uow.crm.add(deal)
    _apply(uow, deal, {k: (None, v) for k, v in fields.items() if v not in (None, "") and k != "title"})
    uow.flush()
    card = current(deal)
    after = {k: _json(card[k]) for k in (*policy.WORKFLOW_FIELDS, "amount") if card[k] is not None}
    uow.audit.add(actor=policy.CRM_ACTOR, action=policy.IMPORT_CREATED, deal=deal, after=after, comment=where)
    return deal


def _update(uow: UnitOfWork, deal: Deal, fields: dict[str, object], where: str, report: SyncReport) -> bool:
    """Apply what the policy allows; True when the deal changed."""
    owned = policy.owned_by_workflow(uow.crm.deal_history(deal.id))
    plan = policy.merge(current(deal), fields, owned)
    if plan.changes:
        before = {k: _json(old) for k, (old, _new) in plan.changes.items()}
        _apply(uow, deal, plan.changes)
        uow.flush()
        after = {k: _json(new) for k, (_old, new) in plan.changes.items()}
        comment = f"{where}: {policy.describe(plan.changes)}"
        uow.audit.add(
            actor=policy.CRM_ACTOR, action=policy.IMPORT_UPDATED, deal=deal, before=before, after=after, comment=comment
        )
    if plan.conflicts:
        record: dict[str, object] = {
            "crm": {k: _json(crm) for k, (_kept, crm) in plan.conflicts.items()},
            "kept": {k: _json(kept) for k, (kept, _crm) in plan.conflicts.items()},
        }
        if uow.crm.last_conflict(deal.id, policy.IMPORT_CONFLICT) != record:
            report.conflicts += 1
            detail = policy.describe(plan.conflicts, conflict=True)
            uow.audit.add(
                actor=policy.CRM_ACTOR, action=policy.IMPORT_CONFLICT, deal=deal, after=record, comment=f"{where}: {detail}"
            )
    return bool(plan.changes)


def _apply(uow: UnitOfWork, deal: Deal, changes: dict[str, tuple[object, object]]) -> None:
    for name, (_old, new) in changes.items():
        if name == "manager":
            deal.manager = uow.managers.get_or_create(str(new))
        elif name == "status":
            deal.status, deal.status_changed_at = str(new), utcnow()
        elif name != "contract":  # a CRM pull carries no contract
            setattr(deal, name, new)


# --- calls ------------------------------------------------------------------------------------------


def call_time(call: CrmCall, crm_name: str, problems: list[str]) -> datetime | None:
    """The call's start from the CRM, if plausible (the order of a deal's recordings)."""
    if call.started_at is None:
        return None
    try:
        return policy.check_call_time(call.started_at)
    except policy.ValueProblem as exc:
        problems.append(f"{crm_name}, звонок {call.id}: время звонка: {exc}")
        return None


def store_call(
    uow: UnitOfWork,
    mapping: PullMapping,
    deal: Deal,
    call: CrmCall,
    row: CallRow | None,
    got: Fetched | None,
    report: SyncReport,
) -> None:
    """Record what became of one call: its recording added, found again (same content), or failed."""
    if got is None:  # nothing new to do for this call
        if row is not None and row.state == "done":
            report.recordings_skipped += 1
        return
    if row is None:
        row = CallRow(connection_id=mapping.connection_id, crm_call_id=call.id, deal_id=deal.id, state="failed", attempts=0)
        uow.crm.add(row)
    row.attempts += 1
    problems: list[str] = []
    started = call_time(call, mapping.crm_name, problems)
    report.warnings += problems
    recording = uow.crm.recording(row.recording_id)
    check = got.check
    if check is None or check.sha256 is None:
        error = got.error or (check.error if check is not None else None) or "запись не получена"
        row.state, row.error = "failed", error
        report.recordings_failed += 1
        report.warnings.append(error)
        if recording is None:
            recording = _new_recording(deal, f"crm:{mapping.crm_name}:{call.id}", started)
            recording.state, recording.error = RecordingState.FAILED.value, error
            row.recording_id = uow.recordings.add(recording).id
        return
    duplicate = uow.crm.same_recording(deal, check.sha256, str(check.path))
    if duplicate is not None and duplicate.id != row.recording_id:
        Path(check.path).unlink(missing_ok=True)
        row.state, row.error, row.recording_id = "done", None, duplicate.id
        report.recordings_skipped += 1
        return
    if recording is None:
        recording = uow.recordings.add(_new_recording(deal, str(check.path), started))
    recording.path, recording.sha256 = str(check.path), check.sha256
    recording.state = RecordingState.FAILED.value if check.error else RecordingState.PENDING.value
    recording.error = check.error
    if check.info is not None:
        recording.duration_ms = round(check.info.duration_s * 1000)
        recording.channels, recording.sample_rate = check.info.channels, check.info.sample_rate
    row.state, row.error, row.recording_id = "done", None, recording.id
    if check.error:  # downloaded whole but not usable audio: kept as failed, not downloaded again
        report.warnings.append(check.error)
        report.recordings_failed += 1
    else:
        report.recordings_added += 1


def _new_recording(deal: Deal, path: str, started: datetime | None) -> Recording:
    return Recording(
        deal_id=deal.id,
        path=path,
        call_started_at=started,
        started_at_source="crm" if started is not None else "unknown",
        origin=RecordingOrigin.CRM.value,
    )
