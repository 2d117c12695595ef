"""«Интеграция с CRM»: connect amoCRM or Bitrix24, check it, edit the mappings, sync now.

Talks to ``Services.crm`` and ``Services.crm_sync`` only. Every network call runs on a worker
thread (``BackgroundCall``); the window never waits on the CRM.
"""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from qa_desk.crm.amocrm import base_url
from qa_desk.crm.bitrix24 import webhook_portal
from qa_desk.crm.errors import CrmError
from qa_desk.services import Services
from qa_desk.services.errors import USER_ERRORS, message
from qa_desk.ui.background import BackgroundCall

KINDS = (
    ("amocrm", "amoCRM (Kommo): долгосрочный токен"),
    ("amocrm-app", "amoCRM (Kommo): интеграция OAuth 2.0"),
    ("bitrix24", "Битрикс24: входящий вебхук"),
    ("bitrix24-app", "Битрикс24: приложение OAuth 2.0"),
)
TABS = (("stage", "Этапы воронки"), ("reason", "Причины отказа"), ("user", "Пользователи → менеджеры"))


class CrmSettingsWidget(QWidget):
    synced = Signal()  # a sync finished: the queue has new deals to show

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.worker = BackgroundCall("crm-settings", self)
        self.worker.finished.connect(self._finished)
        self.worker.failed.connect(self._failed)
        self._done: dict[str, Any] = {}
        self._progress = ""  # written by the sync on the worker thread, shown by ``_ticker``
        self._stopping = threading.Event()  # the window closes: a running sync stops between downloads
        self._ticker = QTimer(self)
        self._ticker.setInterval(250)
        self._ticker.timeout.connect(self._show_progress)
        layout = QVBoxLayout(self)
        box = QGroupBox("Подключение")
        form = QFormLayout(box)
        self.kind = QComboBox()
        for key, label in KINDS:
            self.kind.addItem(label, key)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.address = QLineEdit()
        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        # An application's OAuth 2.0: its ID and key, the one-time authorization code, and the
        # integration's redirect address (amoCRM) or an on-premise portal's OAuth server (Bitrix24).
        self.client_id, self.client_secret, self.code, self.extra = QLineEdit(), QLineEdit(), QLineEdit(), QLineEdit()
        self.client_secret.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow("CRM", self.kind)
        self.address_label, self.secret_label, self.extra_label = QLabel(), QLabel(), QLabel()
        form.addRow(self.address_label, self.address)
        form.addRow("ID приложения (client_id)", self.client_id)
        form.addRow("Секретный ключ (client_secret)", self.client_secret)
        form.addRow(self.extra_label, self.extra)
        form.addRow("Код авторизации", self.code)
        form.addRow(self.secret_label, self.secret)
        self.form = form
        buttons = QHBoxLayout()
        self.connect_button = QPushButton("Подключить")
        self.connect_button.clicked.connect(self.connect_crm)
        self.check_button = QPushButton("Проверить подключение")
        self.check_button.clicked.connect(self.check)
        self.sync_button = QPushButton("Синхронизировать сейчас")
        self.sync_button.clicked.connect(self.sync)
        for b in (self.connect_button, self.check_button, self.sync_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        form.addRow(buttons)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setObjectName("Muted")
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.hide()
        form.addRow(self.status)
        form.addRow(self.busy)
        layout.addWidget(box)

        maps = QGroupBox("Соответствия CRM и QA Desk")
        mlayout = QVBoxLayout(maps)
        self.tabs = QTabWidget()
        self.tables: dict[str, QTableWidget] = {}
        for kind, title in TABS:
            table = QTableWidget(0, 3)
            table.setHorizontalHeaderLabels(["В CRM", "Воронка, e-mail", "В QA Desk"])
            table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
            table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
            table.verticalHeader().hide()
            self.tables[kind] = table
            self.tabs.addTab(table, title)
        mlayout.addWidget(self.tabs)
        row = QHBoxLayout()
        self.load_button = QPushButton("Загрузить списки из CRM")
        self.load_button.clicked.connect(self.load_lists)
        self.save_button = QPushButton("Сохранить соответствия")
        self.save_button.clicked.connect(self.save_mappings)
        row.addWidget(self.load_button)
        row.addWidget(self.save_button)
        row.addStretch(1)
        mlayout.addLayout(row)
        layout.addWidget(maps, 1)
        self._kind_changed()
        self.refresh()

    # --- state -------------------------------------------------------------------------------------
    def _kind_changed(self) -> None:
        kind = str(self.kind.currentData())
        amo, app = kind.startswith("amocrm"), kind.endswith("-app")
        labels = {
            "amocrm": ("Поддомен amoCRM", "mycompany или https://mycompany.amocrm.ru"),
            "amocrm-app": ("Поддомен amoCRM", "mycompany или https://mycompany.amocrm.ru"),
            "bitrix24": ("Входящий вебхук", "https://portal.bitrix24.ru/rest/1/код/"),
            "bitrix24-app": ("Адрес портала", "https://portal.bitrix24.ru"),
        }
        self.address_label.setText(labels[kind][0])
        self.address.setPlaceholderText(labels[kind][1])
        self.secret_label.setText("Долгосрочный токен" if amo else "Поле «Причина отказа»")
        self.secret.setEchoMode(QLineEdit.EchoMode.Password if amo else QLineEdit.EchoMode.Normal)
        self.secret.setPlaceholderText("из настроек интеграции" if amo else "UF_CRM_… (необязательно: найдётся само)")
        self.extra_label.setText("Адрес перенаправления" if amo else "Сервер авторизации")
        self.extra.setPlaceholderText(
            "как в настройках интеграции" if amo else "https://oauth.bitrix.info (коробка — адрес портала)"
        )
        self.code.setPlaceholderText("действует 20 минут" if amo else "действует 30 секунд")
        for field in (self.client_id, self.client_secret, self.extra, self.code):
            self.form.setRowVisible(field, app)
        self.form.setRowVisible(self.secret, not (amo and app))

    def refresh(self) -> None:
        configure = self.services.crm.can_configure()
        for button in (self.connect_button, self.load_button, self.save_button):
            button.setEnabled(configure.allowed)
            button.setToolTip(configure.reason or "")
        sync = self.services.crm_sync.can_sync()
        self.sync_button.setEnabled(sync.allowed)
        self.sync_button.setToolTip(sync.reason or "")
        if not self.services.crm.connected():
            self.status.setText(
                "CRM не подключена. Выберите способ: токен или интеграция OAuth (amoCRM), входящий вебхук "
                "или приложение OAuth (Битрикс24)."
            )
            for table in self.tables.values():
                table.setRowCount(0)
            return
        view = self.services.crm.connection()
        shown = f"{view.kind}-app" if view.settings.get("auth") == "oauth" else view.kind
        self.kind.setCurrentIndex(max(0, [k for k, _ in KINDS].index(shown)))
        self.address.setText(view.url)
        self.status.setText(
            "\n".join(t for t in (f"{view.kind_label}: {view.url}", view.last_check, view.last_sync) if t)
        )
        self._fill_tables()

    def _fill_tables(self) -> None:
        rows = self.services.crm.mapping_rows()
        for kind, table in self.tables.items():
            mine = [r for r in rows if r.kind == kind]
            choices = self.services.crm.choices(kind)
            table.setRowCount(len(mine))
            for i, r in enumerate(mine):
                name = QTableWidgetItem(r.crm_name + ("  (догадка)" if r.guessed and r.value else ""))
                name.setData(256, r.crm_id)
                table.setItem(i, 0, name)
                table.setItem(i, 1, QTableWidgetItem(r.group or ""))
                combo = QComboBox()
                for label, value in choices:
                    combo.addItem(label, value)
                index = combo.findData(r.value or "")
                combo.setCurrentIndex(max(index, 0))
                table.setCellWidget(i, 2, combo)

    # --- actions (network on the worker thread) ---------------------------------------------------
    def _background(self, text: str, fn: Any, done: Any) -> None:
        self.status.setText(text)
        self.busy.show()
        for b in (self.connect_button, self.check_button, self.sync_button, self.load_button):
            b.setEnabled(False)
        key = object()
        self._done = {"key": key, "done": done}
        self.worker.run(key, fn)

    def _finished(self, key: object, result: Any) -> None:
        if self._done.get("key") is key:
            self._idle()
            self._done["done"](result)

    def _failed(self, key: object, error: str) -> None:
        if self._done.get("key") is key:
            self._idle()
            self.status.setText(f"Ошибка: {error}")

    def _idle(self) -> None:
        self._ticker.stop()
        self.busy.hide()
        self.check_button.setEnabled(True)
        self.refresh()

    def connect_crm(self) -> None:
        kind, address, secret = str(self.kind.currentData()), self.address.text().strip(), self.secret.text().strip()
        client_id, client_secret = self.client_id.text().strip(), self.client_secret.text().strip()
        code, extra = self.code.text().strip(), self.extra.text().strip()
        if not address:
            self.status.setText("Укажите адрес CRM")
            return
        crm = self.services.crm

        def work() -> str:
            if kind == "amocrm":
                if not secret:
                    raise CrmError("Укажите долгосрочный токен интеграции amoCRM")
                cid = crm.connect(kind, base_url(address), {"token": secret})
            elif kind == "amocrm-app":
                cid = crm.connect_app("amocrm", base_url(address), client_id, client_secret, code=code, redirect_uri=extra)
            elif kind == "bitrix24-app":
                settings = {"reason_field": secret} if secret else {}
                cid = crm.connect_app(
                    "bitrix24", address, client_id, client_secret, code=code, oauth_url=extra or None, settings=settings
                )
            else:
                settings = {"reason_field": secret} if secret else {}
                cid = crm.connect(kind, webhook_portal(address), {"webhook": address}, settings=settings)
            result = crm.check(cid)
            crm.load_lists(cid)
            return result

        for field in (self.secret, self.client_secret, self.code):
            field.clear()
        self._background("Подключение…", work, self.status.setText)

    def check(self) -> None:
        self._background("Проверяем подключение…", self.services.crm.check, self.status.setText)

    def load_lists(self) -> None:
        self._background(
            "Загружаем списки из CRM…",
            self.services.crm.load_lists,
            lambda added: self.status.setText(f"Загружено; новых строк: {added}"),
        )

    def sync(self) -> None:
        self._progress = ""
        self._ticker.start()
        self._background(
            "Синхронизация с CRM…",
            lambda: self.services.crm_sync.sync(on_progress=self._set_progress, should_stop=self._stopping.is_set),
            self._synced,
        )

    def _set_progress(self, text: str) -> None:  # the worker thread: only a string is handed over
        self._progress = text

    def _show_progress(self) -> None:
        if self._progress:
            self.status.setText(f"Синхронизация с CRM… {self._progress}")

    def _synced(self, report: Any) -> None:
        lines = [report.summary(), *report.failures[:1], *report.warnings[:3]]
        self.status.setText("\n".join(lines))
        self.synced.emit()

    def save_mappings(self) -> None:
        changed = 0
        current = {(r.kind, r.crm_id): r.value or "" for r in self.services.crm.mapping_rows()}
        try:
            for kind, table in self.tables.items():
                for i in range(table.rowCount()):
                    crm_id = table.item(i, 0).data(256)
                    combo = table.cellWidget(i, 2)
                    value = combo.currentData() if isinstance(combo, QComboBox) else ""
                    if current.get((kind, crm_id)) != (value or ""):
                        self.services.crm.set_mapping(kind, crm_id, value or None)
                        changed += 1
        except USER_ERRORS as exc:  # a refused change is shown; the ones before it are kept
            self.status.setText(f"Ошибка: {message(exc)}")
            return
        self.refresh()
        self.status.setText(f"Сохранено соответствий: {changed}")

    def shutdown(self) -> None:
        self._stopping.set()
        self._ticker.stop()
        self.worker.shutdown()
