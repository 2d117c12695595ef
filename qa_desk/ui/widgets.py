"""Small widgets the workspace shares: labels that never widen the window, and Russian date fields.

A ``QLabel`` without word wrap asks for its whole text's width as its minimum, so a label whose
text grows (a summary, the call being played) used to widen the window by itself.
``ElidedLabel`` shows what fits with «…» and the whole text as its tooltip instead.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QCalendarWidget, QDateEdit, QLabel, QSizePolicy, QWidget

RU = QLocale(QLocale.Language.Russian, QLocale.Country.Russia)


class ElidedLabel(QLabel):
    """One line of plain text, elided on the right when narrow; the full text is the tooltip."""

    def __init__(self, text: str = "", parent: QWidget | None = None, *, mode: Qt.TextElideMode = Qt.TextElideMode.ElideRight) -> None:
        super().__init__(text, parent)
        self._mode = mode
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt API
        super().setText(text)
        self.setToolTip(text if text else "")
        self.update()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(40, super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(min(super().sizeHint().width(), 600), super().sizeHint().height())

    def elided(self) -> str:
        """The text as painted now."""
        width = self.contentsRect().width()
        return self.fontMetrics().elidedText(self.text(), self._mode, width)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(self.contentsRect(), int(self.alignment() | Qt.AlignmentFlag.AlignVCenter), self.elided())


class RuCalendar(QCalendarWidget):
    """A month calendar in Russian (Monday first) sized so its sixth week is never cut off."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setLocale(RU)
        self.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.setGridVisible(False)
        metrics = self.fontMetrics()
        row = metrics.height() + 12
        cell = max(metrics.horizontalAdvance("000"), metrics.horizontalAdvance("пн")) + 16
        self.setMinimumSize(max(7 * cell, 250), (metrics.height() + 18) + 7 * row)


def date_edit(value: date | QDate, parent: QWidget | None = None) -> QDateEdit:
    """A «дд.мм.гггг» field with a Russian popup calendar."""
    edit = QDateEdit(value if isinstance(value, QDate) else QDate(value.year, value.month, value.day), parent)
    edit.setLocale(RU)
    edit.setDisplayFormat("dd.MM.yyyy")
    edit.setCalendarPopup(True)
    edit.setCalendarWidget(RuCalendar(edit))
    return edit


def to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())
