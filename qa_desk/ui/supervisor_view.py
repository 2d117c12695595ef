"""The head of QC's figures over a period: a bar chart and a table per figure, each exportable to CSV.

QtCharts is not in PySide6-Essentials, so ``BarChart`` draws plain horizontal bars with QPainter.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QDate, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from qa_desk.domain.verdicts import format_money
from qa_desk.services import Services, supervisor
from qa_desk.ui import style

BAR_COLOR = QColor("#3b7dd8")
ROW_HEIGHT = 26


class BarChart(QWidget):
    """Horizontal bars, label on the left, value at the bar's end."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bars: list[tuple[str, float]] = []
        self.unit = ""
        self.setFixedHeight(60)

    def set_bars(self, bars: list[tuple[str, float]], unit: str = "") -> None:
        """``unit`` («%», «₽») follows each value, so a bar reads «50 %» rather than a bare «50»."""
        self.bars, self.unit = bars, unit
        self.setFixedHeight(max(60, ROW_HEIGHT * len(bars) + 16))
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not self.bars:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "Нет данных за период")
            return
        metrics = painter.fontMetrics()
        label_w = min(max(metrics.horizontalAdvance(label) for label, _ in self.bars) + 12, self.width() // 2)
        value_w = 90
        top = 8
        peak = max(value for _, value in self.bars) or 1.0
        span = max(self.width() - label_w - value_w - 16, 10)
        for label, value in self.bars:
            row = QRectF(8, top, label_w - 8, ROW_HEIGHT - 6)
            painter.setPen(self.palette().text().color())
            text = metrics.elidedText(label, Qt.TextElideMode.ElideRight, int(row.width()))
            painter.drawText(row, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, text)
            width = span * value / peak
            painter.fillRect(QRectF(label_w + 4, top + 2, max(width, 1), ROW_HEIGHT - 10), BAR_COLOR)
            number = f"{value:,.1f}".replace(",", "\u00a0").removesuffix(".0").replace(".", ",")
            number += f"\u00a0{self.unit}" if self.unit else ""
            painter.drawText(
                QRectF(label_w + 8 + width, top, value_w, ROW_HEIGHT - 6),
                Qt.AlignmentFlag.AlignVCenter,
                number,
            )
            top += ROW_HEIGHT


def _cell(value: object) -> str:
    """Money is kept with kopecks (two places), percentages with one."""
    if isinstance(value, Decimal):
        return format_money(value) if value.as_tuple().exponent == -2 else str(value).replace(".", ",")
    return str(value)


class FigurePanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.figure: supervisor.Figure | None = None
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.chart = BarChart()
        self.table = QTableWidget()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.export_button = QPushButton("Экспорт CSV")
        self.export_button.clicked.connect(self._export_dialog)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.chart)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignRight)

    def show_figure(self, figure: supervisor.Figure, summary: str = "") -> None:
        self.figure = figure
        self.summary.setText(summary)
        self.summary.setVisible(bool(summary))
        header = figure.headers[figure.chart_column]
        self.chart.set_bars(figure.bars(), header.rpartition(", ")[2] if ", " in header else "")
        self.table.setColumnCount(len(figure.headers))
        self.table.setHorizontalHeaderLabels(figure.headers)
        self.table.setRowCount(len(figure.rows))
        for r, row in enumerate(figure.rows):
            for c, value in enumerate(row):
                self.table.setItem(r, c, QTableWidgetItem(_cell(value)))

    def export_csv(self, path: Path | str) -> None:
        if self.figure is not None:
            self.figure.write_csv(path)

    def _export_dialog(self) -> None:
        if self.figure is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, "Экспорт CSV", f"{self.figure.title}.csv", "CSV (*.csv)")
        if path:
            self.export_csv(path)


class SupervisorView(QWidget):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        today = QDate.currentDate()
        self.start_edit = QDateEdit(today.addDays(-30))
        self.end_edit = QDateEdit(today)
        for edit in (self.start_edit, self.end_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd.MM.yyyy")
            edit.dateChanged.connect(lambda _d: self.refresh())
        self.all_time = QCheckBox("За всё время")
        self.all_time.setChecked(True)
        self.all_time.toggled.connect(self._period_mode)
        refresh = QPushButton("Обновить")
        refresh.clicked.connect(self.refresh)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("Период: с"))
        bar.addWidget(self.start_edit)
        bar.addWidget(QLabel("по"))
        bar.addWidget(self.end_edit)
        bar.addWidget(self.all_time)
        bar.addStretch(1)
        bar.addWidget(refresh)
        self.tabs = QTabWidget()
        self.panels = [FigurePanel() for _ in range(5)]
        self.tiles = [QLabel() for _ in range(4)]
        tiles = QHBoxLayout()
        for tile in self.tiles:
            tile.setObjectName("Card")
            tile.setTextFormat(Qt.TextFormat.RichText)
            tile.setStyleSheet(
                f"QLabel#Card {{ background: {style.PANEL}; border: 1px solid {style.BORDER};"
                " border-radius: 8px; padding: 8px 12px; }"
            )
            tiles.addWidget(tile, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(tiles)
        layout.addWidget(self.tabs, 1)
        self.report: supervisor.SupervisorReport | None = None
        self._period_mode(True)

    def period(self) -> supervisor.Period:
        if self.all_time.isChecked():
            return supervisor.Period()
        return supervisor.Period(self.start_edit.date().toPython(), self.end_edit.date().toPython())

    def _period_mode(self, all_time: bool) -> None:
        self.start_edit.setEnabled(not all_time)
        self.end_edit.setEnabled(not all_time)
        self.refresh()

    def refresh(self) -> None:
        if not self.services.supervisor.can_view():  # a manager: the view is never shown to them
            return
        self.report = report = self.services.supervisor.report(self.period())
        returned = (
            f"Возвращено в работу: {report.returned_count} на {format_money(report.returned_amount)}; "
            f"из них выиграно {report.won_count} на {format_money(report.won_amount)} — "
            "деньги, которые вернул контроль качества."
        )
        self._fill_tiles(report)
        index = self.tabs.currentIndex()
        self.tabs.clear()
        for panel, figure in zip(self.panels, report.figures(), strict=True):
            panel.show_figure(figure, returned if figure is report.returned else "")
            self.tabs.addTab(panel, figure.title)
        self.tabs.setCurrentIndex(max(index, 0))

    def _fill_tiles(self, report: supervisor.SupervisorReport) -> None:
        """The period at a glance: reviews, false refusals, penalties, money brought back."""
        reviewed = sum(int(r[1]) for r in report.false_refusals.rows)
        false = sum(int(r[2]) for r in report.false_refusals.rows)
        share = f" ({round(false * 100 / reviewed)}\u00a0%)" if reviewed else ""
        fined = sum(Decimal(r[2]) for r in report.penalties.rows)
        fines = sum(int(r[1]) for r in report.penalties.rows)
        values = (
            ("Проверено отказов", str(reviewed), "вердиктов за период"),
            ("Ложных отказов", f"{false}{share}", "менеджер отказался от живого клиента"),
            ("Штрафы менеджерам", format_money(Decimal(fined)), f"нарушений: {fines}"),
            (
                "Возвращено в работу",
                format_money(report.returned_amount),
                f"сделок: {report.returned_count}, из них выиграно {report.won_count}"
                f" на {format_money(report.won_amount)}",
            ),
        )
        for tile, (title, value, note) in zip(self.tiles, values, strict=True):
            tile.setText(
                f"<span style='color:{style.MUTED}'>{title}</span><br>"
                f"<span style='font-size:16pt; font-weight:600'>{value}</span>"
                + (f"<br><span style='color:{style.MUTED}'>{note}</span>" if note else "")
            )
