"""The deal's recordings in chronological order, with live transcription state."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from qa_desk.domain.recordings import RecordingState
from qa_desk.domain.workspace import TimelineEntry
from qa_desk.ui import style
from qa_desk.ui.formatting import channels_label, format_duration, format_when, state_label

STATE_COLORS = {
    RecordingState.FAILED: style.DANGER,
    RecordingState.DONE: style.SUCCESS,
    RecordingState.PROCESSING: style.ACCENT,
}

COLUMNS = ("№", "Дата и время", "Длительность", "Каналы", "Состояние")
STATE_COL = 4
PROGRESS_ROLE = Qt.ItemDataRole.UserRole + 1


class _ProgressDelegate(QStyledItemDelegate):
    """Draws a thin progress bar under the state text while a recording is transcribed."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        super().paint(painter, option, index)
        fraction = index.data(PROGRESS_ROLE)
        if fraction is None:
            return
        rect: QRect = option.rect.adjusted(6, option.rect.height() - 6, -6, -3)  # type: ignore[attr-defined]
        painter.save()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(style.BORDER))
        painter.drawRoundedRect(rect, 1.5, 1.5)
        rect.setWidth(int(rect.width() * max(0.0, min(1.0, float(fraction)))))
        painter.setBrush(QColor(style.ACCENT))
        painter.drawRoundedRect(rect, 1.5, 1.5)
        painter.restore()


class TimelineView(QTableWidget):
    """One row per recording; selecting a row emits ``recordingSelected``."""

    recordingSelected = Signal(int)  # noqa: N815 - Qt signal naming

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(COLUMNS), parent)
        self.setHorizontalHeaderLabels(list(COLUMNS))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(30)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, width in enumerate((40, 240, 120, 80)):
            header.resizeSection(col, width)
        header.setStretchLastSection(True)
        self.setItemDelegateForColumn(STATE_COL, _ProgressDelegate(self))
        self.itemSelectionChanged.connect(self._selected)
        self._entries: list[TimelineEntry] = []
        self._progress: dict[int, float] = {}

    @property
    def entries(self) -> list[TimelineEntry]:
        return list(self._entries)

    def set_entries(self, entries: list[TimelineEntry], progress: dict[int, float] | None = None) -> None:
        selected = self.selected_recording()
        self._entries = list(entries)
        self._progress = dict(progress or {})
        self.blockSignals(True)
        self.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            values = (
                str(entry.number),
                format_when(entry.started_at, entry.started_source),
                format_duration(entry.duration_ms),
                channels_label(entry.channels),
                "",
            )
            for col, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, entry.recording_id)
                if col == 0:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.setItem(row, col, item)
            self._paint_state(row, entry)
            if entry.recording_id == selected:
                self.selectRow(row)
        self.blockSignals(False)

    def _paint_state(self, row: int, entry: TimelineEntry) -> None:
        item = self.item(row, STATE_COL)
        processing = entry.state == RecordingState.PROCESSING
        fraction = self._progress.get(entry.recording_id) if processing else None
        item.setText(state_label(entry.state, entry.error, fraction))
        item.setData(PROGRESS_ROLE, fraction)
        color = STATE_COLORS.get(RecordingState(entry.state), style.MUTED)
        item.setForeground(QBrush(QColor(color)))
        failed = entry.state == RecordingState.FAILED
        item.setToolTip(f"Не удалось обработать запись:\n{entry.error}" if failed else entry.path)

    def set_progress(self, recording_id: int, fraction: float) -> bool:
        """Live progress of one recording; False when it is not in this deal."""
        for row, entry in enumerate(self._entries):
            if entry.recording_id == recording_id:
                self._progress[recording_id] = fraction
                if entry.state != RecordingState.PROCESSING:
                    entry = self._entries[row] = _with_state(entry, RecordingState.PROCESSING)
                self._paint_state(row, entry)
                return True
        return False

    def select_recording(self, recording_id: int) -> None:
        for row, entry in enumerate(self._entries):
            if entry.recording_id == recording_id and self.selected_recording() != recording_id:
                self.blockSignals(True)
                self.selectRow(row)
                self.blockSignals(False)

    def selected_recording(self) -> int | None:
        rows = self.selectionModel().selectedRows() if self.selectionModel() else []
        return self._entries[rows[0].row()].recording_id if rows and rows[0].row() < len(self._entries) else None

    def _selected(self) -> None:
        rid = self.selected_recording()
        if rid is not None:
            self.recordingSelected.emit(rid)


def _with_state(entry: TimelineEntry, state: RecordingState) -> TimelineEntry:
    return replace(entry, state=state, error=None)
