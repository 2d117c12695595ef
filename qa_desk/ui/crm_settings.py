"""«Интеграция с CRM»: connect amoCRM or Bitrix24, check it, edit the mappings, sync now.

Every network call runs on the thread pool (``crm_worker``); the window never waits on the CRM.
"""

from __future__ import annotations

from typing import Any

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

from qa_desk.crm.errors import CrmError
from qa_desk.domain.identity import IdentityError, IdentityProvider, User
from qa_desk.services import crm_connections as conns
from qa_desk.services import crm_sync
from qa_desk.services.review import default_reasons, list_managers
from qa_desk.storage.db import Database
from qa_desk.ui.crm_worker import run_in_background

KINDS = (("amocrm", "amoCRM (Kommo)"), ("bitrix24", "Битрикс24"))
TABS = (("stage", "Этапы воронки"), ("reason", "Причины отказа"), ("user", "Пользователи → менеджеры"))


class CrmSettingsWidget(QWidget):
    def __init__(
        self, db: Database, identity: IdentityProvider | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db, self.identity = db, identity
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
        form.addRow("CRM", self.kind)
        self.address_label, self.secret_label = QLabel(), QLabel()
        form.addRow(self.address_label, self.address)
        form.addRow(self.secret_label, self.secret)
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
    def _user(self) -> User | None:
        if self.identity is None:
            return None
        try:
            return self.identity.current_user()
        except IdentityError:
            return None

    def _kind_changed(self) -> None:
        amo = self.kind.currentData() == "amocrm"
        self.address_label.setText("Поддомен amoCRM" if amo else "Входящий вебхук")
        self.address.setPlaceholderText(
            "mycompany или https://mycompany.amocrm.ru" if amo else "https://portal.bitrix24.ru/rest/1/код/"
        )
        self.secret_label.setText("Долгосрочный токен" if amo else "Поле «Причина отказа»")
        self.secret.setEchoMode(QLineEdit.EchoMode.Password if amo else QLineEdit.EchoMode.Normal)
        self.secret.setPlaceholderText(
            "из настроек интеграции" if amo else "UF_CRM_… (необязательно: найдётся само)"
        )

    def refresh(self) -> None:
        if not conns.has_connection(self.db):
            self.status.setText(
                "CRM не подключена. Укажите адрес и токен (amoCRM) или входящий вебхук (Битрикс24)."
            )
            for table in self.tables.values():
                table.setRowCount(0)
            return
        view = conns.connection(self.db)
        self.kind.setCurrentIndex(max(0, [k for k, _ in KINDS].index(view.kind)))
        self.address.setText(view.url)
        self.status.setText(
            "\n".join(t for t in (f"{view.kind_label}: {view.url}", view.last_check, view.last_sync) if t)
        )
        self._fill_tables()

    def _choices(self, kind: str) -> list[tuple[str, str]]:
        if kind == "stage":
            return [(label, value) for value, label in conns.STAGE_VALUES.items()]
        if kind == "reason":
            return [(r, r) for r in default_reasons().reasons]
        return [("— не сопоставлен —", "")] + [(m.name, str(m.id)) for m in list_managers(self.db)]

    def _fill_tables(self) -> None:
        rows = conns.mapping_rows(self.db)
        for kind, table in self.tables.items():
            mine = [r for r in rows if r.kind == kind]
            choices = self._choices(kind)
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

    # --- actions ------------------------------------------------------------------------------------
    def _background(self, text: str, fn: Any, done: Any) -> None:
        self.status.setText(text)
        self.busy.show()
        for b in (self.connect_button, self.check_button, self.sync_button, self.load_button):
            b.setEnabled(False)

        def finish(result: Any) -> None:
            self._idle()
            done(result)

        def failed(message: str) -> None:
            self._idle()
            self.status.setText(f"Ошибка: {message}")

        run_in_background(self, fn, finish, failed)

    def _idle(self) -> None:
        self.busy.hide()
        for b in (self.connect_button, self.check_button, self.sync_button, self.load_button):
            b.setEnabled(True)

    def _need_user(self) -> User | None:
        user = self._user()
        if user is None:
            self.status.setText("Выберите пользователя: настройки CRM меняет администратор или руководитель")
        return user

    def connect_crm(self) -> None:
        user = self._need_user()
        if user is None:
            return
        kind, address, secret = (
            self.kind.currentData(),
            self.address.text().strip(),
            self.secret.text().strip(),
        )
        if not address:
            self.status.setText("Укажите адрес CRM")
            return

        def work() -> str:
            from qa_desk.crm import amocrm

            if kind == "amocrm":
                if not secret:
                    raise CrmError("Укажите долгосрочный токен интеграции amoCRM")
                cid = conns.connect(self.db, user, kind, amocrm.base_url(address), {"token": secret})
            else:
                base = address.split("/rest/")[0] if "/rest/" in address else address
                settings = {"reason_field": secret} if secret else {}
                cid = conns.connect(self.db, user, kind, base, {"webhook": address}, settings=settings)
            message = conns.check(self.db, cid)
            conns.load_lists(self.db, user, cid)
            return message

        self.secret.clear()
        self._background("Подключение…", work, lambda message: (self.refresh(), self.status.setText(message)))

    def check(self) -> None:
        self._background(
            "Проверяем подключение…",
            lambda: conns.check(self.db),
            lambda m: (self.refresh(), self.status.setText(m)),
        )

    def load_lists(self) -> None:
        user = self._need_user()
        if user is not None:
            self._background(
                "Загружаем списки из CRM…",
                lambda: conns.load_lists(self.db, user),
                lambda added: (self.refresh(), self.status.setText(f"Загружено; новых строк: {added}")),
            )

    def sync(self) -> None:
        user = self._need_user()
        if user is not None:
            self._background(
                "Синхронизация с CRM…",
                lambda: crm_sync.sync(self.db, user),
                lambda report: (self.refresh(), self.status.setText(report.summary())),
            )

    def save_mappings(self) -> None:
        user = self._need_user()
        if user is None:
            return
        changed = 0
        current = {(r.kind, r.crm_id): r.value or "" for r in conns.mapping_rows(self.db)}
        try:
            for kind, table in self.tables.items():
                for i in range(table.rowCount()):
                    crm_id = table.item(i, 0).data(256)
                    combo = table.cellWidget(i, 2)
                    value = combo.currentData() if isinstance(combo, QComboBox) else ""
                    if current.get((kind, crm_id)) != (value or ""):
                        conns.set_mapping(self.db, user, kind, crm_id, value or None)
                        changed += 1
        except Exception as exc:  # noqa: BLE001 - a refused change is shown, the rest is kept
            self.status.setText(f"Ошибка: {exc}")
            return
        self.refresh()
        self.status.setText(f"Сохранено соответствий: {changed}")
