"""One supervisor figure: its table (numbers right-aligned, the first column taking the width), a bar
chart beside it, and the drill-down: the deals behind the selected row, a double click opening one.

QtCharts is not in PySide6-Essentials, so ``BarChart`` draws plain horizontal bars with QPainter.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qa_desk.domain.verdicts import format_money
from qa_desk.services.figures import DealRef, Figure
from qa_desk.ui.widgets import ElidedLabel

BAR_COLOR = QColor("#3b7dd8")
PART_COLORS = (QColor("#2e7d32"), QColor("#c62828"))  # confirmed, false
PART_NAMES = ("подтверждено", "ложных", "не проверено")
REST_COLOR = QColor("#cfd6df")  # the part of a bar not reviewed yet
ROW_HEIGHT = 24
DEAL_COLUMNS = ("Сделка", "Название", "Менеджер", "Причина", "Итог", "Дата")
NUMBER = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class BarChart(QWidget):
    """Horizontal bars, label on the left, value at the bar's end."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bars: list[tuple[str, float]] = []
        self.parts: list[tuple[float, ...]] = []
        self.unit = ""
        self.setMinimumSize(240, 60)

    def set_bars(self, bars: list[tuple[str, float]], unit: str = "", parts: list[tuple[float, ...]] | None = None) -> None:
        """``unit`` («%», «₽») follows each value, so a bar reads «50 %» rather than a bare «50»;
        ``parts`` split each bar (confirmed in green, false in red), with a legend below."""
        self.bars, self.unit, self.parts = bars, unit, parts or []
        self.setMinimumHeight(max(60, ROW_HEIGHT * (len(bars) + (1 if self.parts else 0)) + 16))
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not self.bars:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "Нет данных за период")
            return
        metrics = painter.fontMetrics()
        label_w = min(max(metrics.horizontalAdvance(label) for label, _ in self.bars) + 12, self.width() // 2)
        value_w = 80
        top = 8
        peak = max(value for _, value in self.bars) or 1.0
        span = max(self.width() - label_w - value_w - 16, 10)
        for label, value in self.bars:
            row = QRectF(8, top, label_w - 8, ROW_HEIGHT - 6)
            painter.setPen(self.palette().text().color())
            text = metrics.elidedText(label, Qt.TextElideMode.ElideRight, int(row.width()))
            painter.drawText(row, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, text)
            width = span * value / peak
            index = (top - 8) // ROW_HEIGHT
            if self.parts and index < len(self.parts):
                painter.fillRect(QRectF(label_w + 4, top + 2, max(width, 1), ROW_HEIGHT - 10), REST_COLOR)
                x = label_w + 4
                for part, color in zip(self.parts[index], PART_COLORS, strict=False):
                    painter.fillRect(QRectF(x, top + 2, span * part / peak, ROW_HEIGHT - 10), color)
                    x += span * part / peak
            else:
                painter.fillRect(QRectF(label_w + 4, top + 2, max(width, 1), ROW_HEIGHT - 10), BAR_COLOR)
            number = f"{value:,.1f}".replace(",", "\u00a0").removesuffix(".0").replace(".", ",")
            number += f"\u00a0{self.unit}" if self.unit else ""
            painter.drawText(QRectF(label_w + 8 + width, top, value_w, ROW_HEIGHT - 6), Qt.AlignmentFlag.AlignVCenter, number)
            top += ROW_HEIGHT
        if self.parts:
            x = label_w + 4
            rest = any(value > sum(parts) for (_label, value), parts in zip(self.bars, self.parts, strict=False))
            legend = zip(PART_NAMES, (*PART_COLORS, REST_COLOR), strict=True)
            for name, color in list(legend)[: 3 if rest else 2]:
                painter.fillRect(QRectF(x, top + 6, 12, 10), color)
                painter.setPen(self.palette().text().color())
                painter.drawText(QRectF(x + 16, top, 140, ROW_HEIGHT - 2), Qt.AlignmentFlag.AlignVCenter, name)
                x += 24 + metrics.horizontalAdvance(name)


def cell(value: object) -> str:
    """Money is kept with kopecks (two places), percentages with one."""
    if isinstance(value, Decimal):
        return format_money(value) if value.as_tuple().exponent == -2 else str(value).replace(".", ",")
    return str(value)


class FitTable(QTableWidget):
    """Columns as wide as their contents; ``wide`` takes whatever width is left (never less than its text)."""

    def __init__(self, columns: int, wide: int = 0) -> None:
        super().__init__(0, columns)
        self.wide = wide
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setStretchLastSection(False)

    def fit(self) -> None:
        header = self.horizontalHeader()
        if self.columnCount() == 0:
            return
        for col in range(self.columnCount()):
            self.resizeColumnToContents(col)
        others = sum(header.sectionSize(c) for c in range(self.columnCount()) if c != self.wide)
        left = self.viewport().width() - others
        header.resizeSection(self.wide, max(header.sectionSize(self.wide), left))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.fit()


def _table(headers: tuple[str, ...], wide: int = 0) -> FitTable:
    table = FitTable(len(headers), wide)
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(26)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    return table


class FigurePanel(QWidget):
    dealActivated = Signal(int)  # noqa: N815 - a deal of the drill-down was double-clicked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.figure: Figure | None = None
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.chart = BarChart()
        self.table = _table(())
        self.table.itemSelectionChanged.connect(self._row_selected)
        self.table.cellDoubleClicked.connect(self._row_double_clicked)
        self.deals_title = ElidedLabel("Выберите строку — здесь появятся её сделки; двойной щелчок по сделке открывает её")
        self.deals_title.setObjectName("Muted")
        self.deals = _table(DEAL_COLUMNS, wide=1)
        self.deals.cellDoubleClicked.connect(lambda row, _col: self._open(row))
        self.export_button = QPushButton("Экспорт CSV")
        self.export_button.clicked.connect(self._export_dialog)

        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(self.table)
        top.addWidget(self.chart)
        top.setStretchFactor(0, 3)
        top.setStretchFactor(1, 1)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 4, 0, 0)
        bottom_layout.addWidget(self.deals_title)
        bottom_layout.addWidget(self.deals, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(bottom)
        split.setChildrenCollapsible(False)
        foot = QHBoxLayout()
        foot.addStretch(1)
        foot.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        layout.addLayout(foot)

    def show_figure(self, figure: Figure, summary: str = "") -> None:
        self.figure = figure
        self.summary.setText(summary)
        self.summary.setVisible(bool(summary))
        header = figure.headers[figure.chart_column] if figure.headers else ""
        self.chart.set_bars(figure.bars(), header.rpartition(", ")[2] if ", " in header else "", figure.parts())
        self.table.clear()
        self.table.setColumnCount(len(figure.headers))
        self.table.setHorizontalHeaderLabels(list(figure.headers))
        self.table.setRowCount(len(figure.rows))
        for r, row in enumerate(figure.rows):
            for c, value in enumerate(row):
                item = QTableWidgetItem(cell(value))
                if not isinstance(value, str):
                    item.setTextAlignment(NUMBER)
                item.setToolTip(cell(value))
                self.table.setItem(r, c, item)
        self.table.fit()
        self.show_deals([], "")

    def show_deals(self, deals: list[DealRef], label: str) -> None:
        self.deals.setRowCount(len(deals))
        for r, deal in enumerate(deals):
            when = deal.when.strftime("%d.%m.%Y") if deal.when else "—"
            for c, text in enumerate((deal.external_id, deal.title, deal.manager, deal.reason, deal.outcome, when)):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, deal.deal_id)
                item.setToolTip(text)
                self.deals.setItem(r, c, item)
        self.deals.fit()
        if label:
            self.deals_title.setText(f"Сделки строки «{label}»: {len(deals)} — двойной щелчок открывает сделку")

    def selected_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return rows[0].row() if rows else None

    def _row_selected(self) -> None:
        row = self.selected_row()
        if self.figure is not None and row is not None:
            self.show_deals(self.figure.deals_of(row), str(self.figure.rows[row][0]))

    def _row_double_clicked(self, row: int, _col: int) -> None:
        """A row standing for one deal (a returned deal) opens it; otherwise its deals are below."""
        deals = self.figure.deals_of(row) if self.figure is not None else []
        if len(deals) == 1:
            self.dealActivated.emit(deals[0].deal_id)

    def _open(self, row: int) -> None:
        item = self.deals.item(row, 0)
        if item is not None:
            self.dealActivated.emit(int(item.data(Qt.ItemDataRole.UserRole)))

    def export_csv(self, path: Path | str) -> None:
        if self.figure is not None:
            self.figure.write_csv(path)

    def _export_dialog(self) -> None:
        if self.figure is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, "Экспорт CSV", f"{self.figure.title}.csv", "CSV (*.csv)")
        if path:
            self.export_csv(path)
