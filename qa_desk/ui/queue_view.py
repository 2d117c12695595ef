"""The review queue: deals waiting for a QC controller, conditional refusals first, with filters."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from qa_desk.domain import workspace as ws
from qa_desk.domain.russian import count
from qa_desk.domain.statuses import Status
from qa_desk.services import Services
from qa_desk.ui import style
from qa_desk.ui.formatting import format_days, format_money
from qa_desk.ui.widgets import ElidedLabel, date_edit, to_date

COLUMNS = ("", "Сделка", "Клиент", "Менеджер", "Сумма", "Статус", "Причина отказа", "Ждёт", "Звонки")
FLAG_COL, DEAL_COL, AMOUNT_COL, WAIT_COL, CALLS_COL = 0, 1, 4, 7, 8
UNSUPPORTED_TIP = "Анализ звонков не подтверждает причину отказа"
ModelIndex = QModelIndex | QPersistentModelIndex


class QueueModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[ws.QueueRow] = []

    def set_rows(self, rows: list[ws.QueueRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole:
                return COLUMNS[section]
            if role == Qt.ItemDataRole.ToolTipRole and section == FLAG_COL:
                return UNSUPPORTED_TIP
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, col)
        if role == Qt.ItemDataRole.UserRole:
            return row.deal_id
        if role == Qt.ItemDataRole.ToolTipRole:
            if col in (FLAG_COL, 6) and row.unsupported:
                return UNSUPPORTED_TIP
            if col == CALLS_COL:
                return self._calls_tip(row)
            if col == DEAL_COL:
                return f"{row.external_id} · {row.title}"
            return self._text(row, col) or None  # a cell too narrow is elided; its whole text is here
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == FLAG_COL or (col == 6 and row.unsupported):
                return QColor(style.DANGER)
            if row.status == Status.CONDITIONAL_REFUSAL and col in (5, 6):
                return QColor(style.WARNING)
            if col == CALLS_COL and row.failed:
                return QColor(style.DANGER)
            return None
        if role == Qt.ItemDataRole.FontRole and (col == DEAL_COL or (col == FLAG_COL and row.unsupported)):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (AMOUNT_COL, WAIT_COL, CALLS_COL, FLAG_COL):
            align = Qt.AlignmentFlag.AlignCenter if col == FLAG_COL else Qt.AlignmentFlag.AlignRight
            return align | Qt.AlignmentFlag.AlignVCenter
        return None

    @staticmethod
    def _text(row: ws.QueueRow, col: int) -> str:
        return (
            "⚠" if row.unsupported else "",
            f"{row.external_id} · {row.title}" if row.title and row.title != row.external_id else row.external_id,
            row.client,
            row.manager,
            format_money(row.amount, row.currency) if row.amount is not None else "",
            row.status_label,
            f"{row.refusal_reason} — звонками не подтверждается" if row.unsupported else row.refusal_reason,
            format_days(row.waiting_days),
            str(row.recordings) + (" ⚠" if row.failed else ""),
        )[col]

    @staticmethod
    def _calls_tip(row: ws.QueueRow) -> str:
        parts = [count(row.recordings, ("звонок", "звонка", "звонков"))]
        if row.untranscribed:
            parts.append(f"не распознано: {row.untranscribed}")
        if row.failed:
            parts.append(f"с ошибкой: {row.failed}")
        return ", ".join(parts)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        keys = {
            FLAG_COL: lambda r: (not r.unsupported, r.rank),
            AMOUNT_COL: lambda r: r.amount or 0,
            WAIT_COL: lambda r: r.waiting_days if r.waiting_days is not None else -1,
            CALLS_COL: lambda r: r.recordings,
            5: lambda r: (r.rank, r.status_label),
        }
        key = keys.get(column, lambda r, c=column: self._text(r, c).casefold())
        self.layoutAboutToBeChanged.emit()
        self.rows.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        self.layoutChanged.emit()

    def row_of(self, deal_id: int) -> int | None:
        return next((i for i, r in enumerate(self.rows) if r.deal_id == deal_id), None)


class QueueView(QWidget):
    """Filters on top, the deals below; Enter or a double click opens a deal."""

    dealActivated = Signal(int)  # noqa: N815 - Qt signal naming

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.model = QueueModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setSortingEnabled(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(30)
        header = self.table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(False)
        header.sectionClicked.connect(self._sort_by)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, width in enumerate((34, 240, 170, 140, 110, 140, 200, 72, 72)):
            header.resizeSection(col, width)
        header.setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(30)
        self.table.doubleClicked.connect(self._activated)
        self.table.activated.connect(self._activated)
        self._sort_order = Qt.SortOrder.AscendingOrder

        self.status = QComboBox()
        self.manager = QComboBox()
        self.contract = QComboBox()
        for combo in (self.status, self.manager, self.contract):  # a long name never widens the window
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
        self.use_period = QCheckBox("Период")
        self.use_period.setToolTip("Дата последней смены статуса сделки")
        self.since = date_edit(QDate.currentDate().addDays(-30))
        self.until = date_edit(QDate.currentDate())
        for edit in (self.since, self.until):
            edit.setEnabled(False)  # and visibly so (style: :disabled) while «Период» is unticked
            edit.setToolTip("Отметьте «Период», чтобы выбрать даты")
        self.use_period.toggled.connect(self.since.setEnabled)
        self.use_period.toggled.connect(self.until.setEnabled)
        reset = QPushButton("Сбросить")
        reset.clicked.connect(self.reset_filters)
        self.summary = ElidedLabel()
        self.summary.setObjectName("Muted")
        self.summary.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        filters = QHBoxLayout()
        for label, widget in (("Статус", self.status), ("Менеджер", self.manager), ("Договор", self.contract)):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        filters.addSpacing(8)
        filters.addWidget(self.use_period)
        filters.addWidget(self.since)
        filters.addWidget(QLabel("—"))
        filters.addWidget(self.until)
        filters.addWidget(reset)
        filters.addStretch(1)

        title = QLabel("Очередь проверки")
        title.setObjectName("Title")
        heading = QHBoxLayout()
        heading.addWidget(title)
        heading.addSpacing(16)
        heading.addWidget(self.summary, 1)
        hint = QLabel("Сначала сделки в условном отказе — дольше всех ждущие сверху. Откройте сделку двойным щелчком или Enter.")
        hint.setObjectName("Muted")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(heading)
        layout.addWidget(hint)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)

        self._fill_choices()
        for combo in (self.status, self.manager, self.contract):
            combo.currentIndexChanged.connect(self.reload)
        for signal in (self.use_period.toggled, self.since.dateChanged, self.until.dateChanged):
            signal.connect(self.reload)
        self.reload()

    # --- filters ---------------------------------------------------------------------------
    def _fill_choices(self) -> None:
        choices = self.services.queue.choices()
        for combo, items in (
            (self.status, choices.statuses),
            (self.manager, [(c.id, c.name) for c in choices.managers]),
            (self.contract, [(c.id, c.name) for c in choices.contracts]),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem("Все", None)
            for value, label in items:
                combo.addItem(label, value)
            combo.setCurrentIndex(max(combo.findData(current), 0) if current is not None else 0)
            combo.blockSignals(False)

    def current_filter(self) -> ws.QueueFilter:
        since = until = None
        if self.use_period.isChecked():
            since, until = to_date(self.since.date()), to_date(self.until.date())
        return ws.QueueFilter(
            status=self.status.currentData(),
            manager_id=self.manager.currentData(),
            contract_id=self.contract.currentData(),
            since=since,
            until=until,
        )

    def set_filter(self, *, status: str | None = None, manager_id: int | None = None) -> None:
        if status is not None:
            self.status.setCurrentIndex(max(self.status.findData(status), 0))
        if manager_id is not None:
            self.manager.setCurrentIndex(max(self.manager.findData(manager_id), 0))

    def reset_filters(self) -> None:
        for combo in (self.status, self.manager, self.contract):
            combo.setCurrentIndex(0)
        self.use_period.setChecked(False)

    # --- rows ------------------------------------------------------------------------------
    def refresh(self) -> None:
        """New managers/contracts may have been imported: refill the filters, then the rows."""
        self._fill_choices()
        self.reload()

    def reload(self) -> None:
        selected = self.selected_deal()
        rows = self.services.queue.rows(self.current_filter())
        self.model.set_rows(rows)
        refusals = sum(r.status == Status.CONDITIONAL_REFUSAL for r in rows)
        flagged = sum(r.unsupported for r in rows)
        text = count(len(rows), ("сделка", "сделки", "сделок"))
        if refusals:
            text += f" · в условном отказе: {refusals}"
        if flagged:
            text += f" · причина не подтверждается: {flagged}"
        self.summary.setText(text)
        if selected is not None:
            self.select_deal(selected)
        elif rows:
            self.table.selectRow(0)

    def select_deal(self, deal_id: int) -> bool:
        row = self.model.row_of(deal_id)
        if row is None:
            return False
        self.table.selectRow(row)
        return True

    def selected_deal(self) -> int | None:
        indexes = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.data(indexes[0], Qt.ItemDataRole.UserRole) if indexes else None

    def _activated(self, index: QModelIndex) -> None:
        deal_id = self.model.data(index, Qt.ItemDataRole.UserRole)
        if deal_id is not None:
            self.dealActivated.emit(int(deal_id))

    def _sort_by(self, column: int) -> None:
        header = self.table.horizontalHeader()
        if header.sortIndicatorSection() == column and header.isSortIndicatorShown():
            self._sort_order = (
                Qt.SortOrder.DescendingOrder
                if self._sort_order == Qt.SortOrder.AscendingOrder
                else Qt.SortOrder.AscendingOrder
            )
        else:
            self._sort_order = Qt.SortOrder.AscendingOrder
        header.setSortIndicatorShown(True)
        header.setSortIndicator(column, self._sort_order)
        self.model.sort(column, self._sort_order)
