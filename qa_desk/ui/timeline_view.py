"""The deal's recordings in chronological order, with live transcription state.

The manager's calls come first, numbered from 1; QC's callback recordings follow, marked «КК» on
a tinted row. A cell too narrow for its text is elided at its end (the date and «не проверен: файл повреждён»
come first, so they stay readable) and shows the whole text as its tooltip.
"""

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

from qa_desk.domain.findings import short_cause
from qa_desk.domain.recordings import RecordingState
from qa_desk.domain.workspace import TimelineEntry
from qa_desk.ui import style
from qa_desk.ui.formatting import channels_label, format_duration, format_when, state_label

STATE_COLORS = {
    RecordingState.FAILED: style.DANGER,
    RecordingState.DONE: style.SUCCESS,
    RecordingState.PROCESSING: style.ACCENT,
}

COLUMNS = ("№", "Дата и время", "Длит.", "Каналы", "Состояние")
STATE_COL = 4
ROW_HEIGHT = 26
CALLBACK_BG = "#eef6ee"
SOURCES = {"filename": "время взято из имени файла", "mtime": "время взято из даты изменения файла"}
SHORT_SOURCES = {"filename": "из имени файла", "mtime": "по дате файла"}
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
    rowsChanged = Signal(int)  # noqa: N815 - the number of calls changed (fit the table to them)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(COLUMNS), parent)
        self.setHorizontalHeaderLabels(list(COLUMNS))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)  # the date, or «не проверен: …», stays readable
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, width in enumerate((44, 250, 64, 70)):
            header.resizeSection(col, width)
        header.setStretchLastSection(True)
        self.setItemDelegateForColumn(STATE_COL, _ProgressDelegate(self))
        self.itemSelectionChanged.connect(self._selected)
        self._entries: list[TimelineEntry] = []
        self._progress: dict[int, float] = {}

    @property
    def entries(self) -> list[TimelineEntry]:
        return list(self._entries)

    def height_for(self, rows: int) -> int:
        """The table's height showing ``rows`` rows without a scroll bar."""
        header = self.horizontalHeader().sizeHint().height()
        return header + rows * self.verticalHeader().defaultSectionSize() + 2 * self.frameWidth() + 2

    def set_entries(self, entries: list[TimelineEntry], progress: dict[int, float] | None = None) -> None:
        selected = self.selected_recording()
        rows_before = len(self._entries)
        self._entries = list(entries)
        self._progress = dict(progress or {})
        self.blockSignals(True)
        self.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            values = (
                f"КК{entry.number if entry.number > 1 else ''}" if entry.is_callback else str(entry.number),
                format_when(entry.started_at, "manifest")
                + (f" · {SHORT_SOURCES[entry.started_source]}" if entry.started_source in SHORT_SOURCES else ""),
                format_duration(entry.duration_ms),
                channels_label(entry.channels),
                "",
            )
            for col, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, entry.recording_id)
                item.setToolTip(self._tip(entry, col, text))
                if col == 0:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if col in (2, 3):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if entry.is_callback:
                    item.setBackground(QBrush(QColor(CALLBACK_BG)))
                self.setItem(row, col, item)
            self._paint_state(row, entry)
            if entry.recording_id == selected:
                self.selectRow(row)
        self.blockSignals(False)
        if len(entries) != rows_before:
            self.rowsChanged.emit(len(entries))

    @staticmethod
    def _tip(entry: TimelineEntry, col: int, text: str) -> str:
        if col == 0:
            return "Проверочный звонок контроля качества (в анализ звонков менеджера не входит)" if entry.is_callback else entry.title
        if col == 1 and entry.started_source in SOURCES:
            return f"{format_when(entry.started_at, 'manifest')}: {SOURCES[entry.started_source]}"
        return text

    def _paint_state(self, row: int, entry: TimelineEntry) -> None:
        item = self.item(row, STATE_COL)
        processing = entry.state == RecordingState.PROCESSING
        fraction = self._progress.get(entry.recording_id) if processing else None
        failed = entry.state == RecordingState.FAILED
        item.setText(f"не проверен: {short_cause(entry.error)}" if failed else state_label(entry.state, None, fraction))
        item.setData(PROGRESS_ROLE, fraction)
        color = STATE_COLORS.get(RecordingState(entry.state), style.MUTED)
        item.setForeground(QBrush(QColor(color)))
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
