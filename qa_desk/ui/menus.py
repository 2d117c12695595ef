"""The main window's menus, and the list of keyboard shortcuts built from them (one source).

``MenuSpec`` rows say what each menu holds; ``build_menus`` makes the actions on the window, and
``ShortcutsDialog`` lists every action of the window that has a shortcut, grouped by menu, so a
shortcut added anywhere (the player's space and arrows too) is listed without a second list.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMainWindow,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

Keys = str | QKeySequence.StandardKey | Sequence[str] | None
SEPARATOR = None


@dataclass(frozen=True, slots=True)
class Item:
    text: str
    slot: Callable[[], Any]
    keys: Keys = None
    name: str = ""  # the window keeps the action as ``actions[name]``


def _sequences(keys: Keys) -> list[QKeySequence]:
    if keys is None:
        return []
    if isinstance(keys, QKeySequence.StandardKey):
        return QKeySequence.keyBindings(keys)
    if isinstance(keys, str):
        return [QKeySequence(keys)]
    return [QKeySequence(k) for k in keys]


def build_menus(window: QMainWindow, spec: Sequence[tuple[str, Sequence[Item | None]]]) -> dict[str, QAction]:
    """Menus from ``spec`` (title, items; ``None`` is a separator); returns the named actions."""
    named: dict[str, QAction] = {}
    for title, items in spec:
        menu = window.menuBar().addMenu(title)
        for item in items:
            if item is None:
                menu.addSeparator()
                continue
            action = QAction(item.text, window)
            action.setShortcuts(_sequences(item.keys))
            action.triggered.connect(item.slot)
            menu.addAction(action)
            if item.name:
                named[item.name] = action
    return named


def shortcut_rows(window: QWidget) -> list[tuple[str, str, str]]:
    """(group, action, keys) for every action of the window with a shortcut, in menu order."""
    rows: list[tuple[str, str, str]] = []
    seen: set[int] = set()
    if isinstance(window, QMainWindow):
        for menu_action in window.menuBar().actions():
            menu = menu_action.menu()
            if not isinstance(menu, QMenu):
                continue
            group = menu.title().replace("&", "")
            for action in menu.actions():
                if action.shortcuts():
                    rows.append((group, action.text().replace("&", ""), _keys_text(action)))
                    seen.add(id(action))
    for action in window.actions():  # window-wide shortcuts outside the menus (the player)
        if action.shortcuts() and id(action) not in seen:
            rows.append(("Прослушивание", action.text(), _keys_text(action)))
    return rows


def _keys_text(action: QAction) -> str:
    return ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts())


class ShortcutsDialog(QDialog):
    """«Сочетания клавиш»: what each key does, read from the window's actions."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setWindowTitle("Сочетания клавиш")
        rows = shortcut_rows(window)
        self.table = QTableWidget(len(rows), 3)
        self.table.setHorizontalHeaderLabels(["Раздел", "Действие", "Клавиши"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                self.table.setItem(r, c, QTableWidgetItem(text))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(560, min(120 + 30 * len(rows), 620))
