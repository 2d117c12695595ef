"""One step of the callback script in the wizard: the text to read aloud and the answer fields.

Each field saves itself through ``save(field_id, value)`` the moment it changes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from qa_desk.domain.callback_script import AnswerField, FieldKind, FilledStep
from qa_desk.domain.verdicts import MoneyError, parse_money
from qa_desk.ui import style

Save = Callable[[str, str | None], None]
YES_NO = (("—", None), ("да", "yes"), ("нет", "no"))
SAY_ALOUD_STYLE = (
    f"font-size: 14pt; color: {style.TEXT}; background: #eef4fc; padding: 12px;"
    f"border-left: 4px solid {style.ACCENT}; border-radius: 4px;"
)
INSTRUCTION_STYLE = f"font-size: 11pt; background: {style.WARNING_BG}; padding: 10px; border-radius: 4px;"


def step_page(
    step: FilledStep,
    answers: dict[str, str],
    reasons: Sequence[str],
    save: Save,
    on_error: Callable[[str], None],
) -> tuple[QWidget, dict[str, QWidget]]:
    """The page of ``step`` and its answer widgets by field id."""
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 4, 6, 4)
    aloud = "?" in step.text  # questions are read to the client; the rest is for the reviewer
    caption = QLabel("Прочитайте клиенту:" if aloud else "Что сделать:")
    caption.setObjectName("Muted")
    layout.addWidget(caption)
    text = QLabel(step.text.strip())
    text.setWordWrap(True)
    text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    text.setStyleSheet(SAY_ALOUD_STYLE if aloud else INSTRUCTION_STYLE)
    text.setObjectName(f"script_{step.id}")
    layout.addWidget(text)
    gaps = [*step.missing, *step.unknown]
    if gaps:
        warn = QLabel("Не заполнено в тексте: " + ", ".join(f"[{g}]" for g in gaps) + " — назовите сами.")
        warn.setStyleSheet(f"color: {style.WARNING};")
        warn.setWordWrap(True)
        layout.addWidget(warn)
    if step.fields:
        title = QLabel("Ответ клиента" if len(step.fields) == 1 else "Запишите")
        title.setObjectName("Section")
        layout.addSpacing(6)
        layout.addWidget(title)
    form = QFormLayout()
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
    fields: dict[str, QWidget] = {}
    for answer in step.fields:
        fields[answer.id] = widget = _field(answer, answers.get(answer.id), reasons, save, on_error)
        form.addRow(answer.label + (" *" if answer.required else ""), widget)
    layout.addLayout(form)
    if any(a.required for a in step.fields):
        note = QLabel("* — обязательно для вердикта")
        note.setObjectName("Muted")
        layout.addWidget(note)
    layout.addStretch(1)
    return page, fields


def _field(
    answer: AnswerField,
    value: str | None,
    reasons: Sequence[str],
    save: Save,
    on_error: Callable[[str], None],
) -> QWidget:
    fid = answer.id
    if answer.kind in (FieldKind.YES_NO, FieldKind.REASON):
        box = QComboBox()
        items = YES_NO if answer.kind is FieldKind.YES_NO else (("—", None), *((r, r) for r in reasons))
        for label, data in items:
            box.addItem(label, data)
        box.setCurrentIndex(max(0, box.findData(value)) if value is not None else 0)
        box.currentIndexChanged.connect(lambda _i: save(fid, box.currentData()))
        return box
    if answer.kind is FieldKind.NOTES:
        edit = QPlainTextEdit(value or "")
        edit.setFixedHeight(70)
        edit.textChanged.connect(lambda: save(fid, edit.toPlainText()))
        return edit
    line = QLineEdit(value or "")
    line.textChanged.connect(lambda text: save(fid, text))
    if answer.kind is FieldKind.MONEY:
        line.setPlaceholderText("например, 850 000")
        line.editingFinished.connect(lambda: _check_money(line.text(), on_error))
    return line


def _check_money(text: str, on_error: Callable[[str], None]) -> None:
    try:
        if text.strip():
            parse_money(text)
    except MoneyError as exc:
        on_error(str(exc))


def field_value(widget: QWidget | None) -> str | None:
    """The answer as it stands in its field (what is saved)."""
    if isinstance(widget, QComboBox):
        return widget.currentData()
    if isinstance(widget, QLineEdit):
        return widget.text().strip() or None
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText().strip() or None
    return None
