"""Deal statuses of the refusal-verification workflow.

"Returned" is not a status: it is the move ``in_review -> active`` with a different manager.
"""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    ACTIVE = "active"
    CONDITIONAL_REFUSAL = "conditional_refusal"
    IN_REVIEW = "in_review"
    CLOSED_LOST = "closed_lost"
    WON = "won"

    @property
    def label(self) -> str:
        """Russian name for the UI."""
        return _LABELS[self]

    @property
    def is_terminal(self) -> bool:
        return self in TERMINAL_STATUSES


_LABELS: dict[Status, str] = {
    Status.ACTIVE: "В работе",
    Status.CONDITIONAL_REFUSAL: "Условный отказ",
    Status.IN_REVIEW: "На проверке",
    Status.CLOSED_LOST: "Закрыта (проиграна)",
    Status.WON: "Выиграна",
}

TERMINAL_STATUSES: frozenset[Status] = frozenset({Status.CLOSED_LOST, Status.WON})
