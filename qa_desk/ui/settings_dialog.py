"""«Настройки»: the typed settings (``config.Settings``) through the settings service.

Everyone may look; only an administrator may change them (the service's ``can_change``, its
reason shown when not). A value the environment decides is shown but locked, naming the variable.
Saving is one audited call; a bad value comes back as the service's one Russian line.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from qa_desk.asr.models import KNOWN_NAMES
from qa_desk.config import Settings
from qa_desk.services import Services
from qa_desk.services.errors import USER_ERRORS, message
from qa_desk.ui import style

SPEAKERS = (("manager", "менеджер"), ("client", "клиент"), ("unknown", "неизвестно"))


class SettingsDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Настройки")
        self.setMinimumWidth(560)
        self.services = services
        self.saved: Settings | None = None
        current = services.settings.current()
        locked = services.settings.overridden()
        allowed = services.settings.can_change()

        self.company = QLineEdit(current.company)
        self.company.setPlaceholderText("ООО «Ваша компания» — звучит в скрипте проверочного звонка")
        self.left, self.right = QComboBox(), QComboBox()
        for combo, value in zip((self.left, self.right), (*current.channel_map, "client")[:2], strict=True):
            for key, label in SPEAKERS:
                combo.addItem(label, key)
            combo.setCurrentIndex(max(combo.findData(value), 0))
        channels = QHBoxLayout()
        for caption, combo in (("левый:", self.left), ("правый:", self.right)):
            channels.addWidget(QLabel(caption))
            channels.addWidget(combo, 1)
        self.model = QComboBox()
        self.model.setEditable(True)
        self.model.addItems(list(dict.fromkeys([current.model, *KNOWN_NAMES])))
        self.model.setCurrentText(current.model)
        self.penalty = _percent_box(current.penalty_percent)
        self.minimum = _percent_box(current.penalty_min_percent)
        self.callbacks = _folder_row(current.callbacks_dir, current.resolved_callbacks_dir)
        self.cache = _folder_row(current.cache_dir, current.resolved_cache_dir)
        data = QLabel(str(current.data_dir))
        data.setObjectName("Muted")
        data.setToolTip("Папку данных задаёт переменная окружения QA_DESK_DATA_DIR")

        form = QFormLayout()
        form.addRow("Наша компания", self.company)
        form.addRow("Каналы стерео-записи", channels)
        form.addRow("Модель распознавания", self.model)
        form.addRow("Штраф по умолчанию, % оклада", self.penalty)
        form.addRow("Минимальный штраф по правилам, %", self.minimum)
        form.addRow("Папка записей проверочных звонков", self.callbacks)
        form.addRow("Папка кэша (модели, расшифровки)", self.cache)
        form.addRow("Папка данных", data)
        for name, widget in (("company", self.company), ("model", self.model), ("cache_dir", self.cache)):
            if name in locked:
                widget.setEnabled(False)
                widget.setToolTip(f"Задано переменной окружения {locked[name]}")

        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {style.DANGER}; font-weight: 600;")
        self.error.setVisible(not allowed)
        self.error.setText(allowed.reason or "")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("Сохранить")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Отмена")
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setEnabled(bool(allowed))
        self.save_button.setToolTip(allowed.reason or "")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def changes(self) -> dict[str, object]:
        locked = self.services.settings.overridden()
        values: dict[str, object] = {
            "company": self.company.text().strip(),
            "channel_map": (self.left.currentData(), self.right.currentData()),
            "model": self.model.currentText().strip(),
            "penalty_percent": Decimal(str(round(self.penalty.value(), 2))),
            "penalty_min_percent": Decimal(str(round(self.minimum.value(), 2))),
            "callbacks_dir": _folder(self.callbacks),
            "cache_dir": _folder(self.cache),
        }
        return {k: v for k, v in values.items() if k not in locked}

    def save(self) -> bool:
        try:
            self.saved = self.services.settings.save(**self.changes())
        except (*USER_ERRORS, ValueError) as exc:
            self.error.setText(message(exc) if isinstance(exc, USER_ERRORS) else str(exc))
            self.error.show()
            return False
        self.accept()
        return True


def _percent_box(value: Decimal) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(0, 100)
    box.setDecimals(2)
    box.setSingleStep(0.5)
    box.setSuffix(" %")
    box.setValue(float(value))
    return box


def _folder_row(value: Path | None, shown: Path) -> QWidget:
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    edit = QLineEdit(str(value) if value else "")
    edit.setPlaceholderText(f"по умолчанию: {shown}")
    browse = QPushButton("Выбрать…")
    browse.clicked.connect(lambda: _choose(edit))
    layout.addWidget(edit, 1)
    layout.addWidget(browse)
    row.setProperty("edit", edit)
    return row


def _choose(edit: QLineEdit) -> None:
    folder = QFileDialog.getExistingDirectory(edit, "Выберите папку", edit.text() or str(Path.home()))
    if folder:
        edit.setText(folder)


def _folder(row: QWidget) -> Path | None:
    edit = row.property("edit")
    text = edit.text().strip() if isinstance(edit, QLineEdit) else ""
    return Path(text).expanduser() if text else None
