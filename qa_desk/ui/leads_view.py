"""«Лиды по договору»: a contract's leads with their verdicts, one lead's evidence page, reviewers'
decisions, and an evidence pack of the selected leads.

Everything goes through ``services.leads`` and ``services.evidence``; the check and the pack run on
a worker thread (``BackgroundCall``) while a timer shows their progress, so the window stays free.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from qa_desk.leads import DecisionKind, LeadStatus
from qa_desk.services import Services
from qa_desk.ui.background import BackgroundCall
from qa_desk.ui.leads_contract import ContractDialog

COLUMNS = ("Лид", "Компания", "Контакт", "Итог", "Почему", "Решения")
COLOURS = {LeadStatus.QUALIFIED: "#1b7f3b", LeadStatus.REJECTED: "#b3261e", LeadStatus.DISPUTED: "#a15c00"}
DECISIONS = (
    ("Подтвердить", DecisionKind.CONFIRMED),
    ("Засчитать", DecisionKind.PASSED),
    ("Не засчитывать", DecisionKind.FAILED),
)


class LeadsView(QWidget):
    message = Signal(str)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.contract: Any = None
        self.detail: Any = None
        self._progress: tuple[int, int, str] | None = None
        self._job = BackgroundCall("qa-desk-leads", self)
        self._job.finished.connect(self._on_finished)
        self._job.failed.connect(self._on_failed)
        self._timer = QTimer(self)
        self._timer.setInterval(100)
        self._timer.timeout.connect(self._show_progress)
        self._build()
        self.reload_contracts()

    # --- construction ------------------------------------------------------------------------
    def _build(self) -> None:
        self.contracts = QComboBox()
        self.contracts.setMinimumWidth(380)
        self.contracts.currentIndexChanged.connect(self._contract_chosen)
        self.contract_label = QLabel()
        self.contract_label.setObjectName("Muted")
        load = self._button("Загрузить договор…", self.load_contract, work=True)
        edit = self._button("Изменить договор…", self.edit_contract, work=True)
        self.check_button = self._button("Проверить лиды", self.run_check, work=True)
        top = QHBoxLayout()
        for widget in (QLabel("Договор:"), self.contracts, load, edit, self.check_button):
            top.addWidget(widget)
        top.addStretch(1)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._lead_chosen)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.mask = QCheckBox("Скрыть телефоны и e-mail")
        self.pack_button = self._button("Собрать пакет доказательств…", self.build_pack, work=True)
        self.progress = QProgressBar()
        self.progress.hide()
        self.pack_label = QLabel()
        self.pack_label.setObjectName("Muted")
        self.pack_label.setWordWrap(True)
        self.pack_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.last_pack: Any = None
        bottom = QHBoxLayout()
        for widget in (self.summary, self.mask, self.pack_button):
            bottom.addWidget(widget, 1 if widget is self.summary else 0)
        left = _column(self.table, bottom, self.progress, self.pack_label)

        self.page = QTextBrowser()
        self.page.setOpenLinks(False)
        self.comment = QLineEdit()
        self.comment.setPlaceholderText("Комментарий к решению (обязателен)")
        self.question = QComboBox()
        decide = QHBoxLayout()
        decide.addWidget(QLabel("Вопрос:"))
        decide.addWidget(self.question, 1)
        self.decision_buttons = []
        for text, kind in DECISIONS:
            button = QPushButton(text)
            button.clicked.connect(lambda _=False, k=kind: self.decide(k))
            self.decision_buttons.append(button)
            decide.addWidget(button)
        allowed = self.services.leads.can_decide()
        for widget in (self.comment, self.question, *self.decision_buttons):
            widget.setEnabled(allowed)
            if not allowed:
                widget.setToolTip(
                    "Решение по лиду принимает контроль качества или руководитель отдела продаж"
                )
        right = _column(self.page, decide, self.comment)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.contract_label)
        layout.addWidget(split, 1)

    def _button(self, text: str, slot: Any, *, work: bool) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(slot)
        if work and not self.services.leads.can_work():
            button.setEnabled(False)
            button.setToolTip("Доступно контролю качества, руководителю отдела продаж и администратору")
        return button

    # --- contracts ---------------------------------------------------------------------------
    def reload_contracts(self, select: str | None = None) -> None:
        current = select or (self.contract.name if self.contract else None)
        self.contracts.blockSignals(True)
        self.contracts.clear()
        for info in self.services.leads.contracts():
            self.contracts.addItem(info.name, info)
        self.contracts.blockSignals(False)
        index = max(0, self.contracts.findText(current)) if current else 0
        self.contracts.setCurrentIndex(index)
        self._contract_chosen()

    def _contract_chosen(self) -> None:
        self.contract = self.contracts.currentData()
        if self.contract is None:
            self.contract_label.setText("Договоров нет: загрузите файл договора (TOML)")
        else:
            c = self.contract
            self.contract_label.setText(
                f"Заказчик: {c.client or '—'} · версия {c.version} от {c.created_at:%d.%m.%Y %H:%M} UTC "
                f"({c.created_by}) · SHA-256 {c.sha256}"
            )
        self.refresh()

    def load_contract(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Договор", str(Path.home()), "Договор (*.toml)")
        if path:
            self._guard(lambda: self.reload_contracts(self.services.leads.register_file(Path(path)).name))

    def edit_contract(self) -> None:
        dialog = ContractDialog(self.contract.text if self.contract else "", self)
        if dialog.exec():
            name = self.contract.name if self.contract else "договор"
            self._guard(
                lambda: self.reload_contracts(
                    self.services.leads.register_contract(dialog.text(), name, dialog.comment() or None).name
                )
            )

    # --- leads -------------------------------------------------------------------------------
    def refresh(self) -> None:
        rows = self.services.leads.leads(self.contract) if self.contract else []
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            values = (
                row.external_id,
                row.company,
                row.contact,
                row.status.label,
                row.reason,
                str(row.decisions or ""),
            )
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, row.external_id)
                if c == 4:
                    item.setToolTip(value)
                if c == 3:
                    item.setForeground(QColor(COLOURS[row.status]))
                    if row.status is not row.auto_status:
                        item.setToolTip(
                            f"Автоматически: {row.auto_status.label}; с учётом решений проверяющих"
                        )
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        if self.contract is not None and rows:
            summary = self.services.leads.summary(self.contract)
            counts = ", ".join(f"{s.label}: {n}" for s, n in summary.counts.items())
            self.summary.setText(f"Лидов {summary.total}: {counts}")
        else:
            self.summary.setText("Лиды ещё не проверены по этому договору" if self.contract else "")

    def selected_leads(self) -> list[str]:
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        return [self.table.item(r, 0).text() for r in rows]

    def select_leads(self, leads: list[str]) -> None:
        self.table.clearSelection()
        mode = self.table.selectionMode()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        for r in range(self.table.rowCount()):
            if self.table.item(r, 0).text() in leads:
                self.table.selectRow(r)
        self.table.setSelectionMode(mode)

    def _lead_chosen(self) -> None:
        leads = self.selected_leads()
        if not leads or self.contract is None:
            self.page.clear()
            self.detail = None
            return
        self.detail = self.services.leads.lead(self.contract, leads[-1])
        self.page.setHtml(self.services.evidence.preview_html(self.contract, leads[-1]))
        self.question.clear()
        for judged in self.detail.findings:
            self.question.addItem(
                f"{judged.finding.title} — {judged.status.label}", judged.finding.question_id
            )

    def decide(self, kind: DecisionKind) -> None:
        if self.detail is None or self.contract is None:
            return
        lead = self.detail.row.external_id
        qid = self.question.currentData()
        if self._guard(
            lambda: self.services.leads.decide(self.contract, lead, qid, kind, self.comment.text())
        ):
            self.comment.clear()
            self.refresh()
            self.select_leads([lead])
            self.message.emit(f"Лид {lead}: решение записано")

    # --- long jobs ---------------------------------------------------------------------------
    def run_check(self) -> None:
        if self.contract is None:
            return
        refs = self.services.leads.lead_refs(self.contract)
        self._start("check", self.services.leads.check, self.contract, refs, on_progress=self._on_progress)

    def build_pack(self) -> None:
        leads = self.selected_leads()
        if self.contract is None or not leads:
            QMessageBox.information(self, "Пакет доказательств", "Выберите в таблице лиды для пакета")
            return
        path, _ = QFileDialog.getSaveFileName(
            self, "Пакет доказательств", str(Path.home() / "dispute.zip"), "Пакет (*.zip)"
        )
        if path:
            self.start_pack(leads, Path(path))

    def start_pack(self, leads: list[str], out: Path) -> None:
        from qa_desk.ui.pdf_writer import QtPdfRenderer

        self._start(
            "pack",
            self.services.evidence.build,
            self.contract,
            leads,
            out,
            QtPdfRenderer(),
            mask_pii=self.mask.isChecked(),
            on_progress=self._on_progress,
        )

    @property
    def busy(self) -> bool:
        return self._timer.isActive()

    def _start(self, key: str, fn: Any, *args: Any, **kwargs: Any) -> None:
        self._progress = None
        for button in (self.check_button, self.pack_button):
            button.setEnabled(False)
        self.progress.setValue(0)
        self.progress.show()
        self._timer.start()
        self._job.run(key, lambda: fn(*args, **kwargs))

    def _on_progress(self, done: int, total: int, what: str) -> None:
        self._progress = (done, total, what)  # from the worker thread; the timer shows it

    def _show_progress(self) -> None:
        if self._progress is not None:
            done, total, what = self._progress
            self.progress.setMaximum(max(total, 1))
            self.progress.setValue(done)
            self.progress.setFormat(f"{what} — %v из %m")

    def _finish(self) -> None:
        self._timer.stop()
        self.progress.hide()
        allowed = self.services.leads.can_work()
        for button in (self.check_button, self.pack_button):
            button.setEnabled(allowed)

    def _on_finished(self, key: object, result: Any) -> None:
        self._finish()
        if key == "check":
            self.refresh()
            self.message.emit(f"Проверено лидов: {len(result.checked)}, без изменений: {len(result.skipped)}")
        else:
            self.last_pack = result
            warnings = "".join(f"<br>⚠ {w}" for w in result.warnings)
            self.pack_label.setText(
                f"Пакет собран: {result.path} — фрагментов {result.clips}; SHA-256 манифеста {result.manifest_sha256}"
                + warnings
            )
            self.message.emit(f"Пакет доказательств собран: {result.path}")

    def _on_failed(self, _key: object, error: str) -> None:
        self._finish()
        QMessageBox.warning(self, "Лиды по договору", error)

    def _guard(self, action: Any) -> bool:
        """Run ``action``; a refused or invalid action is shown as one line."""
        from qa_desk.services.errors import USER_ERRORS, message

        try:
            action()
        except USER_ERRORS as exc:
            QMessageBox.warning(self, "Лиды по договору", message(exc))
            return False
        return True

    def shutdown(self) -> None:
        self._timer.stop()
        self._job.shutdown()


def _column(first: QWidget, *rest: QWidget | QHBoxLayout) -> QWidget:
    """A margin-less column: ``first`` takes the spare height."""
    column = QWidget()
    layout = QVBoxLayout(column)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(first, 1)
    for item in rest:
        if isinstance(item, QHBoxLayout):
            layout.addLayout(item)
        else:
            layout.addWidget(item)
    return column

