"""A deal's audit trail: who changed what and when, oldest first (read-only, like the log itself).

Shown in the deal view's narrow side panel, so each entry is a small card with one change per
line rather than a wide table.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC
from decimal import Decimal, InvalidOperation
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from qa_desk.domain.verdicts import format_money
from qa_desk.services import Services
from qa_desk.ui import style

ACTION_COLORS = {"verdict": style.ACCENT, "violation": style.DANGER, "facts": style.SUCCESS}


@dataclass(frozen=True, slots=True)
class AuditLine:
    """One entry as shown: local time, person, action, «было → стало» lines, comment."""

    when: str
    who: str
    action: str
    changes: tuple[str, ...]
    comment: str


class AuditView(QWidget):
    def __init__(self, services: Services, deal_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.deal_id = deal_id
        self.entries: list[AuditLine] = []
        note = QLabel("Журнал только дополняется: записи нельзя изменить или удалить.")
        note.setObjectName("Muted")
        note.setWordWrap(True)
        self.crm_state = QLabel()  # a verdict not yet delivered to the CRM, and why
        self.crm_state.setWordWrap(True)
        self.crm_state.hide()
        self.list = QWidget()
        self.list_layout = QVBoxLayout(self.list)
        self.list_layout.setContentsMargins(0, 0, 6, 0)
        self.list_layout.setSpacing(6)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(self.list)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(note)
        layout.addWidget(self.crm_state)
        layout.addWidget(self.scroll, 1)
        self.refresh()

    def set_deal(self, deal_id: int | None) -> None:
        self.deal_id = deal_id
        self.refresh()

    def refresh(self) -> None:
        rows = self.services.audit.trail(self.deal_id) if self.deal_id is not None else []
        self.entries = []
        for row in rows:
            local = row.at.replace(tzinfo=UTC).astimezone()  # stored as naive UTC
            self.entries.append(
                AuditLine(
                    local.strftime("%d.%m.%Y %H:%M"),
                    row.actor_name,
                    row.action_label,
                    tuple(_money_line(part) for part in row.change.split("; ") if part),
                    row.comment or "",
                )
            )
        self._paint([row.action for row in rows])
        self._show_crm_state()

    def _show_crm_state(self) -> None:
        owed = [r for r in self.services.crm_outbox.rows(self.deal_id) if r.state != "done"] if self.deal_id else []
        self.crm_state.setVisible(bool(owed))
        if owed:
            row = owed[-1]
            error = f"; последняя ошибка: {row.last_error}" if row.last_error else ""
            self.crm_state.setText(f"CRM: вердикт {row.state_label} (попыток: {row.attempts}{error})")

    def _paint(self, actions: list[str]) -> None:
        while (item := self.list_layout.takeAt(0)) is not None:
            if item.widget() is not None:
                item.widget().deleteLater()
        if not self.entries:
            empty = QLabel("Записей пока нет.")
            empty.setObjectName("Empty")
            self.list_layout.addWidget(empty)
        for entry, action in zip(self.entries, actions, strict=True):
            color = ACTION_COLORS.get(action, style.TEXT)
            html = (
                f"<span style='color:{style.MUTED}'>{entry.when} · {escape(entry.who)}</span><br>"
                f"<b style='color:{color}'>{escape(entry.action)}</b>"
                + "".join(f"<br>{escape(line)}" for line in entry.changes)
                + (f"<br><i>«{escape(entry.comment)}»</i>" if entry.comment else "")
            )
            card = QFrame()
            card.setObjectName("Card")
            card_layout = QVBoxLayout(card)
            card_layout.setContentsMargins(10, 6, 10, 6)
            label = QLabel(html)
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            card_layout.addWidget(label)
            self.list_layout.addWidget(card)
        self.list_layout.addStretch(1)


def _money_line(line: str) -> str:
    """«штраф, ₽: 850.00» → «штраф: 850 ₽» (the log keeps exact decimals; people read roubles)."""
    key, sep, value = line.partition(": ")
    if not sep or not key.endswith(", ₽"):
        return line
    try:
        shown = " → ".join("—" if part == "—" else format_money(Decimal(part)) for part in value.split(" → "))
    except (InvalidOperation, ValueError):
        return line
    return f"{key.removesuffix(', ₽')}: {shown}"
