"""The head of QC's figures over a period: tiles at a glance, then one tab per figure with its table,
chart and the deals behind each row (``supervisor_figures``); a deal opens with a double click."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from qa_desk.domain.verdicts import format_money
from qa_desk.services import Services, supervisor
from qa_desk.ui import style
from qa_desk.ui.supervisor_figures import FigurePanel
from qa_desk.ui.widgets import date_edit, to_date


class SupervisorView(QWidget):
    dealActivated = Signal(int)  # noqa: N815 - a deal of a drill-down was double-clicked

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        today = QDate.currentDate()
        self.start_edit = date_edit(today.addDays(-30))
        self.end_edit = date_edit(today)
        for edit in (self.start_edit, self.end_edit):
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
        self.panels = [FigurePanel() for _ in range(6)]
        for panel in self.panels:
            panel.dealActivated.connect(self.dealActivated)
        self.tiles = [QLabel() for _ in range(4)]
        tiles = QHBoxLayout()
        for tile in self.tiles:
            tile.setObjectName("Card")
            tile.setTextFormat(Qt.TextFormat.RichText)
            tile.setWordWrap(True)
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
        return supervisor.Period(to_date(self.start_edit.date()), to_date(self.end_edit.date()))

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
        false = sum(int(r[3]) for r in report.false_refusals.rows)
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
