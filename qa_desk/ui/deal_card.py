"""The deal's card: who, what, how much, and why the manager wants to drop it."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from qa_desk.domain.statuses import Status
from qa_desk.domain.workspace import DealCard
from qa_desk.ui import style
from qa_desk.ui.formatting import format_money

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
        self.title = QLabel()
        self.title.setObjectName("Title")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = QLabel()
        self.values: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(28)
        grid.setVerticalSpacing(2)
        for i, name in enumerate(FIELDS):
            row, col = divmod(i, 4)
            caption = QLabel(name)
            caption.setObjectName("FieldName")
            value = QLabel("—")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            self.values[name] = value
            grid.addWidget(caption, row * 2, col)
            grid.addWidget(value, row * 2 + 1, col)
            grid.setColumnStretch(col, 1)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.addLayout(top)
        layout.addLayout(grid)

    def show_card(self, card: DealCard) -> None:
        title = card.external_id + (f" · {card.title}" if card.title and card.title != card.external_id else "")
        self.title.setText(title)
        fg, bg = STATUS_COLORS.get(card.status, (style.TEXT, "#eceff3"))
        self.status.setText(card.status_label)
        self.status.setStyleSheet(
            f"color:{fg}; background:{bg}; border-radius:10px; padding:3px 12px; font-weight:600;"
        )
        contact = ", ".join(p for p in (card.contact_name, card.contact_phone) if p)
        reason = card.refusal_reason or "—"
        values = {
            "Клиент": card.client or "—",
            "Контакт": contact or "—",
            "Продукт": card.product or "—",
            "Сумма": format_money(card.amount, card.currency),
            "Менеджер": card.manager or "—",
            "Статус": card.status_label,
            "Причина отказа": reason,
            "Договор": card.contract or "стандартный (BANT)",
        }
        for name, text in values.items():
            self.values[name].setText(text)
        reason_label = self.values["Причина отказа"]
        if card.refusal_reason:
            reason_label.setText(f"<b style='color:{style.WARNING}'>{escape(reason)}</b>")
            reason_label.setToolTip(card.refusal_comment or "")
        else:
            reason_label.setToolTip("")
