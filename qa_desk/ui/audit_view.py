"""A deal's audit trail: who changed what and when, oldest first (read-only, like the log itself)."""

from __future__ import annotations

from datetime import UTC

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qa_desk.services import identity, review
from qa_desk.storage.db import Database

COLUMNS = ("Когда", "Кто", "Действие", "Было → стало", "Комментарий")


class AuditView(QWidget):
    def __init__(self, db: Database, deal_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.deal_id = deal_id
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        self.refresh()

    def set_deal(self, deal_id: int | None) -> None:
        self.deal_id = deal_id
        self.refresh()

    def refresh(self) -> None:
        rows = review.audit_trail(self.db, self.deal_id) if self.deal_id is not None else []
        names = {u.id: u.display_name for u in identity.list_users(self.db)}
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            local = row.at.replace(tzinfo=UTC).astimezone()  # stored as naive UTC
            cells = (
                local.strftime("%d.%m.%Y %H:%M:%S"),
                names.get(row.actor, row.actor),
                review.ACTION_LABELS.get(row.action, row.action),
                review.describe_change(row.before, row.after),
                row.comment or "",
            )
            for c, value in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.resizeRowsToContents()
