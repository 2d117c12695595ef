"""Choosing who is using the app at start; the last choice is remembered in QSettings.

Team sign-in will replace this dialog by another ``IdentityProvider``; nothing else changes.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qa_desk.domain.identity import LocalIdentity, User
from qa_desk.services import Services

SETTINGS_KEY = "identity/last_user"


class UserPickerDialog(QDialog):
    def __init__(
        self, users: list[User], remembered: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("QA Desk — кто работает?")
        self.setMinimumWidth(480)
        self.list = QListWidget()
        for user in users:
            item = QListWidgetItem(f"{user.display_name} — {user.role.label}")
            item.setData(Qt.ItemDataRole.UserRole, user.id)
            self.list.addItem(item)
            if user.id == remembered:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Войти")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Отмена")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Выберите себя в списке:"))
        layout.addWidget(self.list)
        layout.addWidget(buttons)

    def chosen(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None


def choose_identity(
    services: Services, parent: QWidget | None = None, settings: QSettings | None = None
) -> LocalIdentity | None:
    """Seed users, ask who is working (the last user preselected); ``None`` when cancelled."""
    settings = settings or QSettings()
    users = services.users.sync()
    remembered = settings.value(SETTINGS_KEY)
    dialog = UserPickerDialog(users, str(remembered) if remembered else None, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.chosen() is None:
        return None
    login = dialog.chosen()
    settings.setValue(SETTINGS_KEY, login)
    return LocalIdentity(users, login)


def choose_user(services: Services, parent: QWidget | None = None, settings: QSettings | None = None) -> User | None:
    """«Сменить пользователя» in the single-seat mode: the same list, the current user preselected."""
    identity = choose_identity(services, parent, settings)
    return identity.current_user() if identity is not None else None


def remembered_identity(services: Services, settings: QSettings | None = None) -> LocalIdentity | None:
    """The last chosen user without asking, when that user still exists."""
    settings = settings or QSettings()
    login = settings.value(SETTINGS_KEY)
    users = services.users.sync()
    if login and any(u.id == login for u in users):
        return LocalIdentity(users, str(login))
    return None
