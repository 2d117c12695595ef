"""Waveform of a call: one lane per channel (manager above, client below) and the playhead."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from qa_desk.audio.waveform import Peaks

STEREO_LABELS = ("Менеджер", "Клиент")
MONO_LABELS = ("Запись",)
LANE_COLORS = ("#1f5fa8", "#2e7d32", "#555555")
PLAYHEAD_COLOR = "#d32f2f"


def _columns(values: np.ndarray, width: int, reduce: np.ufunc) -> np.ndarray:
    """Reduce one lane's buckets to ``width`` pixel columns (min or max of each span)."""
    if width <= 0 or len(values) == 0:
        return np.zeros(0, np.float32)
    edges = np.linspace(0, len(values), width + 1).astype(int)[:-1]
    edges = np.minimum(edges, len(values) - 1)
    return reduce.reduceat(values, edges)


class WaveformWidget(QWidget):
    """Draws :class:`Peaks`; a click or drag asks to seek there (``seekRequested(seconds)``)."""

    seekRequested = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._peaks: Peaks | None = None
        self._position = 0.0
        self._labels: tuple[str, ...] = ()
        self._cache: QPixmap | None = None
        self.setMinimumHeight(44)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip("Щелчок по графику — перейти к этому месту записи")

    def sizeHint(self) -> QSize:
        return QSize(600, 84 if self.lane_count > 1 else 50)  # small: a laptop's height goes to the text

    # --- state -------------------------------------------------------------------------------

    def set_peaks(self, peaks: Peaks | None) -> None:
        """Show ``peaks``: two channels as manager/client lanes, otherwise one lane."""
        self._peaks = peaks
        if peaks is None:
            self._labels = ()
        else:
            self._labels = STEREO_LABELS if peaks.channels == 2 else MONO_LABELS
        self._position = 0.0
        self._cache = None
        self.updateGeometry()
        self.update()

    @property
    def lane_count(self) -> int:
        return len(self._labels)

    @property
    def labels(self) -> tuple[str, ...]:
        return self._labels

    @property
    def duration(self) -> float:
        return self._peaks.duration_s if self._peaks else 0.0

    def position(self) -> float:
        return self._position

    def set_position(self, seconds: float) -> None:
        self._position = seconds
        self.update()

    def x_for(self, seconds: float) -> int:
        if self.duration <= 0:
            return 0
        return round(min(max(seconds / self.duration, 0.0), 1.0) * (self.width() - 1))

    def seconds_at(self, x: float) -> float:
        if self.duration <= 0 or self.width() <= 1:
            return 0.0
        return min(max(x / (self.width() - 1), 0.0), 1.0) * self.duration

    # --- events ------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._peaks is not None:
            self.seekRequested.emit(self.seconds_at(event.position().x()))
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton and self._peaks is not None:
            self.seekRequested.emit(self.seconds_at(event.position().x()))
            event.accept()
            return
        super().mouseMoveEvent(event)

    def resizeEvent(self, event) -> None:  # noqa: ANN001
        self._cache = None
        super().resizeEvent(event)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        if self._cache is None or self._cache.size() != self.size():
            self._cache = self._render()
        painter.drawPixmap(0, 0, self._cache)
        if self._peaks is not None:
            x = self.x_for(self._position)
            painter.setPen(QPen(QColor(PLAYHEAD_COLOR), 2))
            painter.drawLine(x, 0, x, self.height())
        painter.end()

    def _render(self) -> QPixmap:
        """The static part (lanes, waveform, labels), redrawn only on resize or a new file."""
        pixmap = QPixmap(self.size())
        pixmap.fill(self.palette().base().color())
        if self._peaks is None:
            return pixmap
        painter = QPainter(pixmap)
        lanes = self.lane_count
        lane_h = self.height() / lanes
        width = self.width()
        for lane in range(lanes):
            top = lane * lane_h
            mid = top + lane_h / 2
            half = lane_h / 2 - 2
            low = _columns(self._peaks.low[lane], width, np.minimum)
            high = _columns(self._peaks.high[lane], width, np.maximum)
            painter.setPen(QColor(LANE_COLORS[lane % len(LANE_COLORS)]))
            for x in range(len(low)):
                painter.drawLine(QPointF(x, mid - high[x] * half), QPointF(x, mid - low[x] * half))
            if lane:
                painter.setPen(QColor("#bbbbbb"))
                painter.drawLine(0, round(top), width, round(top))
            painter.setPen(self.palette().text().color())
            painter.drawText(
                QRect(4, round(top) + 2, width - 8, 16), Qt.AlignmentFlag.AlignLeft, self._labels[lane]
            )
        painter.end()
        return pixmap
