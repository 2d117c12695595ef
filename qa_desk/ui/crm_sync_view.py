"""«Синхронизация»: what QA Desk owes the CRM (the outbox), with its state, attempts and last error."""

from __future__ import annotations

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

from qa_desk.domain.identity import IdentityError, IdentityProvider
from qa_desk.services import crm_connections as conns
from qa_desk.services import crm_outbox
from qa_desk.storage.db import Database
from qa_desk.ui.crm_worker import run_in_background

COLUMNS = ("Сделка", "В CRM", "Что", "Состояние", "Попыток", "Последняя ошибка", "Создано", "Отправлено")


class CrmSyncView(QWidget):
    def __init__(
        self, db: Database, identity: IdentityProvider | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db, self.identity = db, identity
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
        self.push_button.clicked.connect(self.push_now)
        refresh = QPushButton("Обновить")
        refresh.clicked.connect(self.refresh)
        row.addWidget(self.push_button)
        row.addWidget(refresh)
        row.addStretch(1)
        layout.addLayout(row)
        self.refresh()

    def refresh(self) -> None:
        rows = crm_outbox.outbox_rows(self.db)
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
        if not conns.has_connection(self.db):
            self.summary.setText("CRM не подключена: подключите её на странице «Интеграция с CRM».")
        else:
            view = conns.connection(self.db)
            last = view.last_sync or "синхронизации ещё не было"
            self.summary.setText(
                f"{view.kind_label}. Последняя синхронизация: {last}\nЖдут отправки в CRM: {waiting}"
            )

    def push_now(self) -> None:
        if not conns.has_connection(self.db):
            return
        user = None
        if self.identity is not None:
            try:
                user = self.identity.current_user()
            except IdentityError:
                user = None

        def work() -> str:
            if user is not None:
                crm_outbox.retry_now(self.db, user)
            view = conns.connection(self.db)
            connector = conns.connector_for(self.db, view.id)
            try:
                result = crm_outbox.push(self.db, connector)
            finally:
                connector.close()
            return f"Отправлено: {result.sent}, не отправлено: {result.failed}"

        self.push_button.setEnabled(False)

        def done(text: str) -> None:
            self.push_button.setEnabled(True)
            self.refresh()
            self.summary.setText(self.summary.text() + "\n" + text)

        def failed(message: str) -> None:
            self.push_button.setEnabled(True)
            self.summary.setText(f"Ошибка: {message}")

        run_in_background(self, work, done, failed)
