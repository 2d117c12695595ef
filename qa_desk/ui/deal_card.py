"""The deal's card: who, what, how much, and why the manager wants to drop it.

Compact (a title line and two rows of «поле: значение»), so a 768-pixel-high screen keeps its
height for the transcript; a value too long for its cell is elided with the whole text as its
tooltip, so the card never widens the window.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from qa_desk.domain.statuses import Status
from qa_desk.domain.workspace import DealCard
from qa_desk.ui import style
from qa_desk.ui.formatting import format_money
from qa_desk.ui.widgets import ElidedLabel

FIELDS = ("Клиент", "Контакт", "Продукт", "Сумма", "Менеджер", "Статус", "Причина отказа", "Договор")
STATUS_COLORS = {
    Status.CONDITIONAL_REFUSAL.value: (style.WARNING, style.WARNING_BG),
    Status.IN_REVIEW.value: (style.ACCENT, "#e3ecfb"),
    Status.CLOSED_LOST.value: (style.MUTED, "#eceff3"),
    Status.WON.value: (style.SUCCESS, "#e3f4e4"),
}


class DealCardView(QFrame):
    """Title line and a two-row grid of the CRM fields; values are selectable for copying."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Card")
        self.title = ElidedLabel()
        self.title.setObjectName("Title")
        self.status = QLabel()
        self.values: dict[str, ElidedLabel] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(2)
        for i, name in enumerate(FIELDS):
            row, col = divmod(i, 4)
            caption = QLabel(name + ":")
            caption.setObjectName("FieldName")
            value = ElidedLabel("—")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.values[name] = value
            cell = QHBoxLayout()
            cell.setSpacing(6)
            cell.addWidget(caption)
            cell.addWidget(value, 1)
            grid.addLayout(cell, row, col)
            grid.setColumnStretch(col, 1)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 6, 14, 6)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addLayout(grid)

    def show_card(self, card: DealCard) -> None:
        title = card.external_id + (f" · {card.title}" if card.title and card.title != card.external_id else "")
        self.title.setText(title)
        fg, bg = STATUS_COLORS.get(card.status, (style.TEXT, "#eceff3"))
        self.status.setText(card.status_label)
        self.status.setStyleSheet(
            f"color:{fg}; background:{bg}; border-radius:10px; padding:2px 12px; font-weight:600;"
        )
        contact = ", ".join(p for p in (card.contact_name, card.contact_phone) if p)
        values = {
            "Клиент": card.client or "—",
            "Контакт": contact or "—",
            "Продукт": card.product or "—",
            "Сумма": format_money(card.amount, card.currency),
            "Менеджер": card.manager or "—",
            "Статус": card.status_label,
            "Причина отказа": card.refusal_reason or "—",
            "Договор": card.contract or "стандартный (BANT)",
        }
        for name, text in values.items():
            self.values[name].setText(text)
        reason = self.values["Причина отказа"]
        reason.setStyleSheet(f"color:{style.WARNING}; font-weight:700;" if card.refusal_reason else "")
        if card.refusal_reason and card.refusal_comment:
            reason.setToolTip(f"{card.refusal_reason}\nКомментарий менеджера: {card.refusal_comment}")
