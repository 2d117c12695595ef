"""Signing in at start (and after «Сменить пользователя»): a login and a password.

The demo database keeps the quick start: people pick themselves from a list without a password,
under a banner saying it is the demo. A database where nobody has a password yet asks for its
first administrator.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from qa_desk.domain.identity import IdentityError, User
from qa_desk.services import Services

DEMO_TITLE = "QA Desk — ДЕМО-база: вход без пароля"


class SignInDialog(QDialog):
    """Login and password; ``services.auth.sign_in`` decides (and audits, and rate-limits)."""

    def __init__(self, services: Services, parent: QWidget | None = None, *, first_admin: bool = False) -> None:
        super().__init__(parent)
        self.services = services
        self.first_admin = first_admin
        self.user: User | None = None
        self.setWindowTitle("QA Desk — создание администратора" if first_admin else "QA Desk — вход")
        self.setMinimumWidth(440)
        intro = QLabel(
            "В этой базе ещё ни у кого нет пароля. Создайте учётную запись администратора: "
            "он добавит остальных сотрудников."
            if first_admin
            else f"База: {services.safe_url}"
        )
        intro.setWordWrap(True)
        intro.setObjectName("Muted")
        self.login = QLineEdit("admin" if first_admin else "")
        self.login.setPlaceholderText("логин")
        self.name = QLineEdit("Администратор")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel("")
        self.error.setObjectName("Error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e")
        form = QFormLayout()
        form.addRow("Логин", self.login)
        if first_admin:
            form.addRow("Имя", self.name)
        form.addRow("Пароль", self.password)
        if first_admin:
            form.addRow("Ещё раз", self.repeat)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Создать и войти" if first_admin else "Войти")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Отмена")
        buttons.accepted.connect(self.try_sign_in)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        (self.password if self.login.text() else self.login).setFocus(Qt.FocusReason.OtherFocusReason)

    def try_sign_in(self) -> None:
        try:
            if self.first_admin:
                if self.password.text() != self.repeat.text():
                    raise IdentityError("Пароли не совпадают")
                self.user = self.services.auth.create_first_admin(self.login.text(), self.name.text(), self.password.text())
            else:
                self.user = self.services.auth.sign_in(self.login.text(), self.password.text(), source="app")
        except IdentityError as exc:
            self.error.setText(str(exc))
            self.password.clear()
            self.password.setFocus()
            return
        self.accept()


def sign_in(services: Services, parent: QWidget | None = None) -> User | None:
    """Whoever signs in (``None``: cancelled)."""
    if services.auth.is_demo():
        from qa_desk.ui.user_picker import choose_identity

        identity = choose_identity(services, parent, title=DEMO_TITLE)
        return identity.current_user() if identity is not None else None
    dialog = SignInDialog(services, parent, first_admin=services.auth.needs_first_admin())
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.user
