"""«Синхронизация»: what QA Desk owes the CRM (the outbox), with its state, attempts and last error."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qa_desk.services import Services
from qa_desk.ui.background import BackgroundCall

COLUMNS = ("Сделка", "В CRM", "Что", "Состояние", "Попыток", "Последняя ошибка", "Создано", "Отправлено")


class CrmSyncView(QWidget):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.worker = BackgroundCall("crm-push", self)
        self.worker.finished.connect(self._pushed)
        self.worker.failed.connect(self._push_failed)
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setObjectName("Muted")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.push_button = QPushButton("Отправить сейчас")
        self.push_button.setToolTip("Отправить в CRM всё, что ещё не отправлено, не дожидаясь следующей попытки")
        self.push_button.clicked.connect(self.push_now)
        refresh = QPushButton("Обновить")
        refresh.clicked.connect(self.refresh)
        row.addWidget(self.push_button)
        row.addWidget(refresh)
        row.addStretch(1)
        layout.addLayout(row)
        self.note = ""
        self.refresh()

    def refresh(self) -> None:
        rows = self.services.crm_outbox.rows()
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            values = (
                r.deal,
                r.crm_deal_id,
                r.action,
                r.state_label,
                str(r.attempts),
                r.last_error or "",
                r.created_at.strftime("%d.%m.%Y %H:%M"),
                r.sent_at.strftime("%d.%m.%Y %H:%M") if r.sent_at else "",
            )
            for j, value in enumerate(values):
                self.table.setItem(i, j, QTableWidgetItem(value))
        waiting = sum(1 for r in rows if r.state != "done")
        connected = self.services.crm.connected()
        self.push_button.setEnabled(connected and self.services.actor is not None)
        if not connected:
            self.summary.setText("CRM не подключена: подключите её на странице «Интеграция с CRM».")
            return
        view = self.services.crm.connection()
        last = view.last_sync or "синхронизации ещё не было"
        lines = [f"{view.kind_label}. Последняя синхронизация: {last}", f"Ждут отправки в CRM: {waiting}"]
        self.summary.setText("\n".join([*lines, self.note] if self.note else lines))

    def push_now(self) -> None:
        self.push_button.setEnabled(False)
        self.worker.run("push", self.services.crm_outbox.push_now)

    def _pushed(self, _key: object, report: Any) -> None:
        self.note = report.summary()
        self.refresh()

    def _push_failed(self, _key: object, error: str) -> None:
        self.note = f"Ошибка: {error}"
        self.refresh()

    def shutdown(self) -> None:
        self.worker.shutdown()
