"""Which deal fields a CRM pull may change, and which belong to the QC workflow.

The rule is the manifest re-import's: QC's decisions (the status after a review, the manager
after a reassignment, the verdict, penalties) are never undone by an import. A CRM change that
would undo one is not applied; when the CRM changed it since the last pull, it is returned as a
conflict for the deal's history.

This module is deliberately small and pure so that the intake helper's shared policy module can
replace ``reconcile`` one-for-one (same inputs, same ``Reconciled`` output).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from qa_desk.domain.statuses import Status

# Status moves a CRM may make on its own: a new conditional refusal of a deal in work, and a
# refusal the manager withdrew before anyone started to check it.
CRM_MOVES: frozenset[tuple[Status, Status]] = frozenset(
    {(Status.ACTIVE, Status.CONDITIONAL_REFUSAL), (Status.CONDITIONAL_REFUSAL, Status.ACTIVE)}
)
# Fields the QC workflow owns once it has acted on a deal.
QC_OWNED_FIELDS: frozenset[str] = frozenset({"status", "manager_id", "refusal_reason", "refusal_comment"})


@dataclass(frozen=True, slots=True)
class LocalState:
    status: Status
    manager_id: int | None
    refusal_reason: str | None
    review_open: bool  # an unfinished review session exists
    push_pending: bool  # a verdict not yet delivered to the CRM


@dataclass(frozen=True, slots=True)
class Incoming:
    status: Status | None  # None: the CRM stage is not mapped
    manager_id: int | None
    refusal_reason: str | None
    refusal_comment: str | None
    stage_changed: bool  # the CRM stage differs from the one seen at the last pull
    manager_changed: bool


@dataclass
class Reconciled:
    changes: dict[str, object] = field(default_factory=dict)
    conflicts: list[tuple[str, object, object]] = field(default_factory=list)  # (field, ours, CRM's)


def reconcile(local: LocalState, incoming: Incoming) -> Reconciled:
    out = Reconciled()
    locked = local.review_open or local.push_pending
    status = local.status
    if incoming.status is not None and incoming.status is not local.status:
        if not locked and (local.status, incoming.status) in CRM_MOVES:
            status = incoming.status
            out.changes["status"] = status
        elif incoming.stage_changed:
            out.conflicts.append(("status", local.status.value, incoming.status.value))
    if status is Status.CONDITIONAL_REFUSAL and not locked:
        if incoming.refusal_reason and incoming.refusal_reason != local.refusal_reason:
            out.changes["refusal_reason"] = incoming.refusal_reason
            out.changes["refusal_comment"] = incoming.refusal_comment
    elif status is Status.ACTIVE and "status" in out.changes:
        out.changes["refusal_reason"] = None
        out.changes["refusal_comment"] = None
    if incoming.manager_id is not None and incoming.manager_id != local.manager_id:
        if not locked and status in (Status.ACTIVE, Status.CONDITIONAL_REFUSAL):
            out.changes["manager_id"] = incoming.manager_id
        elif incoming.manager_changed:
            out.conflicts.append(("manager_id", local.manager_id, incoming.manager_id))
    return out
