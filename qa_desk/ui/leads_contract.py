"""Editing a contract's TOML in the app: the text is checked before it is saved as a new version."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from qa_desk.leads import ContractError, parse_contract

HELP = (
    'Вопросы договора — таблицы [[question]]. Условие засчитывания: qualify = "yes" | "no" | "present" | '
    '"decision_maker", min_amount = 300000 или within_months = 6; required = false — необязательный вопрос; '
    'bant = "budget" — взять формулировки вопроса BANT. Сохранение создаёт новую версию договора.'
)


class ContractDialog(QDialog):
    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Договор: вопросы и условия засчитывания лида")
        self.resize(820, 640)
        hint = QLabel(HELP)
        hint.setWordWrap(True)
        hint.setObjectName("Muted")
        self.editor = QPlainTextEdit(text)
        self.editor.setFont(QFont("DejaVu Sans Mono", 10))
        self.note = QLineEdit()
        self.note.setPlaceholderText("Что изменилось (попадёт в историю версий)")
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (hint, self.editor, self.note, self.error, buttons):
            layout.addWidget(widget, 1 if widget is self.editor else 0)

    def text(self) -> str:
        return self.editor.toPlainText()

    def comment(self) -> str:
        return self.note.text().strip()

    def accept(self) -> None:
        try:
            parse_contract(self.text(), "договор")
        except ContractError as exc:
            self.error.setText(str(exc))
            return
        super().accept()
