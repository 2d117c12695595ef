"""«Пользователи…» for administrators: add a login, change a role, set a new password, disable or
enable. The services check the administrator's rights and audit every change."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qa_desk.domain.roles import Role
from qa_desk.services import Services
from qa_desk.services.errors import USER_ERRORS, message

HEADERS = ("Логин", "Имя", "Роль", "Состояние")
NEW_PERSON = "— другой человек —"


class AccountsDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setWindowTitle("Пользователи")
        self.resize(760, 460)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QHBoxLayout()
        for text, slot in (
            ("Добавить…", self.add),
            ("Роль…", self.change_role),
            ("Новый пароль…", self.new_password),
            ("Отключить / включить", self.toggle),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        close = QPushButton("Закрыть")
        close.clicked.connect(self.accept)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        accounts = self.services.accounts.all()
        self.table.setRowCount(len(accounts))
        for row, a in enumerate(accounts):
            state = "отключён" if not a.active else "без пароля" if not a.has_password else "активен"
            if a.same_person:
                state += f"; тот же человек: {', '.join(a.same_person)}"
            for col, text in enumerate((a.login, a.display_name, a.role.label, state)):
                self.table.setItem(row, col, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()

    def selected(self) -> str | None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        return item.text() if item is not None else None

    def _do(self, action) -> bool:  # noqa: ANN001 - a callable doing one service call
        try:
            action()
        except USER_ERRORS as exc:
            QMessageBox.warning(self, "Пользователи", message(exc))
            return False
        self.reload()
        return True

    def add(self) -> None:
        form = QDialog(self)
        form.setWindowTitle("Новый пользователь")
        login, name, password = QLineEdit(), QLineEdit(), QLineEdit()
        password.setEchoMode(QLineEdit.EchoMode.Password)
        role = QComboBox()
        for r in Role:
            role.addItem(r.label, r.value)
        person = QComboBox()
        person.addItem(NEW_PERSON, None)
        for a in self.services.accounts.all():
            person.addItem(f"тот же человек, что {a.login} ({a.display_name})", a.login)
        layout = QFormLayout(form)
        for label, widget in (("Логин", login), ("Имя и фамилия", name), ("Роль", role), ("Пароль", password), ("Человек", person)):
            layout.addRow(label, widget)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        box.accepted.connect(form.accept)
        box.rejected.connect(form.reject)
        layout.addRow(box)
        if form.exec() != QDialog.DialogCode.Accepted:
            return
        same = person.currentData()
        self._do(
            lambda: self.services.accounts.add(
                login.text(), name.text(), Role(role.currentData()), password=password.text() or None,
                same_person_as=same, new_person=same is None,
            )
        )

    def change_role(self) -> None:
        login = self.selected()
        if login is None:
            return
        labels = [r.label for r in Role]
        label, ok = QInputDialog.getItem(self, "Роль", f"Роль пользователя {login}:", labels, 0, False)
        if ok:
            self._do(lambda: self.services.accounts.set_role(login, list(Role)[labels.index(label)]))

    def new_password(self) -> None:
        login = self.selected()
        if login is None:
            return
        text, ok = QInputDialog.getText(self, "Новый пароль", f"Новый пароль для {login}:", QLineEdit.EchoMode.Password)
        if ok and self._do(lambda: self.services.accounts.reset_password(login, text)):
            QMessageBox.information(self, "Пользователи", f"Пароль пользователя {login} изменён.")

    def toggle(self) -> None:
        login = self.selected()
        if login is None:
            return
        active = next(a.active for a in self.services.accounts.all() if a.login == login)
        self._do(lambda: self.services.accounts.set_active(login, not active))
