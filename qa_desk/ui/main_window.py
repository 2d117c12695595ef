"""Main window: the deals, and the selected deal's recordings in chronological order."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QCloseEvent, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from qa_desk.domain.russian import count
from qa_desk.domain.statuses import Status
from qa_desk.storage import repositories as repo
from qa_desk.storage.db import Database
from qa_desk.storage.recordings import reset_interrupted
from qa_desk.storage.transcripts import latest_transcript
from qa_desk.ui.formatting import format_duration, format_money, format_when, state_label
from qa_desk.ui.transcription import TranscriptionController

SPEAKER_LABELS = {"manager": "Менеджер", "client": "Клиент", "unknown": "Говорящий"}
SPEAKER_COLORS = {"manager": "#1f5fa8", "client": "#2e7d32", "unknown": "#555555"}
DEAL_COLUMNS = ("Сделка", "Клиент", "Менеджер", "Сумма", "Статус", "Причина отказа", "Звонки")
REC_COLUMNS = ("№", "Дата и время", "Длительность", "Каналы", "Состояние")


def _status_rank(status: str) -> int:
    return 0 if status == Status.CONDITIONAL_REFUSAL else 1 if status == Status.IN_REVIEW else 2


class MainWindow(QMainWindow):
    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        self.setWindowTitle("QA Desk — контроль качества звонков")
        self.resize(1280, 800)
        self.transcriber = TranscriptionController(db, parent=self)
        self._progress: dict[int, float] = {}
        self._current_deal: int | None = None

        self.deals = self._table(DEAL_COLUMNS)
        self.deals.itemSelectionChanged.connect(self._deal_selected)
        self.recordings = self._table(REC_COLUMNS)
        self.recordings.itemSelectionChanged.connect(self._recording_selected)
        self.deal_header = QLabel()
        self.deal_header.setTextFormat(Qt.TextFormat.RichText)
        self.deal_header.setWordWrap(True)
        self.transcript = QTextBrowser()
        self.transcript.setPlaceholderText("Выберите запись, чтобы увидеть расшифровку.")

        right = QWidget()
        layout = QVBoxLayout(right)
        layout.addWidget(self.deal_header)
        layout.addWidget(QLabel("<b>Звонки по порядку</b>"))
        layout.addWidget(self.recordings, 2)
        layout.addWidget(QLabel("<b>Расшифровка</b>"))
        layout.addWidget(self.transcript, 3)

        splitter = QSplitter()
        splitter.addWidget(self.deals)
        splitter.addWidget(right)
        splitter.setSizes([560, 720])
        self.setCentralWidget(splitter)

        self.queue_bar = QProgressBar()
        self.queue_bar.setMaximumWidth(260)
        self.queue_bar.setFormat("Распознано %v из %m")
        self.queue_bar.hide()
        self.cancel_button = QPushButton("Остановить распознавание")
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self.transcriber.cancel)
        self.statusBar().addPermanentWidget(self.queue_bar)
        self.statusBar().addPermanentWidget(self.cancel_button)

        self.transcriber.progress.connect(self._on_progress)
        self.transcriber.recording_done.connect(self._on_recording_changed)
        self.transcriber.recording_failed.connect(lambda rid, _err: self._on_recording_changed(rid))
        self.transcriber.queue_changed.connect(self._on_queue_changed)
        self.transcriber.idle.connect(self._on_idle)

        with db.session() as session:
            reset_interrupted(session)
        self.reload_deals()

    @staticmethod
    def _table(columns: tuple[str, ...]) -> QTableWidget:
        table = QTableWidget(0, len(columns))
        table.setHorizontalHeaderLabels(list(columns))
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        table.setAlternatingRowColors(True)
        return table

    # --- deals ---------------------------------------------------------------
    def reload_deals(self) -> None:
        with self.db.session() as session:
            deals = sorted(repo.list_deals(session), key=lambda d: (_status_rank(d.status), d.external_id))
            rows = [
                (
                    d.id,
                    [
                        f"{d.external_id} · {d.title}",
                        d.client_company or "",
                        d.manager.name if d.manager else "",
                        format_money(d.amount, d.currency),
                        Status(d.status).label if d.status in Status._value2member_map_ else d.status,
                        d.refusal_reason or "",
                        str(len(d.recordings)),
                    ],
                    d.status,
                )
                for d in deals
            ]
        self.deals.setRowCount(len(rows))
        for row, (deal_id, values, status) in enumerate(rows):
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, deal_id)
                if status == Status.CONDITIONAL_REFUSAL:
                    item.setForeground(QBrush(QColor("#b23c17")))
                self.deals.setItem(row, col, item)
        if rows and self._current_deal is None:
            self.deals.selectRow(0)

    def select_deal(self, deal_id: int) -> None:
        for row in range(self.deals.rowCount()):
            if self.deals.item(row, 0).data(Qt.ItemDataRole.UserRole) == deal_id:
                self.deals.selectRow(row)
                return

    def _deal_selected(self) -> None:
        items = self.deals.selectedItems()
        if not items:
            return
        self._current_deal = items[0].data(Qt.ItemDataRole.UserRole)
        self.reload_recordings()

    # --- recordings ----------------------------------------------------------
    def reload_recordings(self) -> None:
        if self._current_deal is None:
            return
        with self.db.session() as session:
            deal = repo.get_deal(session, self._current_deal)
            if deal is None:
                return
            recs = repo.ordered_recordings(deal)
            header = (
                f"<h3>{deal.external_id} · {deal.title}</h3>"
                f"Клиент: <b>{deal.client_company or '—'}</b> · Продукт: {deal.product or '—'} · "
                f"Сумма: {format_money(deal.amount, deal.currency)} · "
                f"Менеджер: {deal.manager.name if deal.manager else '—'}<br>"
                f"Статус: <b>{Status(deal.status).label}</b>"
                + (f" · Причина отказа: <b>{deal.refusal_reason}</b>" if deal.refusal_reason else "")
                + f" · {count(len(recs), ('звонок', 'звонка', 'звонков'))}"
            )
            rows = [
                (
                    r.id,
                    [
                        str(i),
                        format_when(r.call_started_at, r.started_at_source),
                        format_duration(r.duration_ms),
                        {1: "моно", 2: "стерео"}.get(r.channels or 0, "—"),
                        state_label(r.state, r.error, self._progress.get(r.id)),
                    ],
                    r.state,
                    r.error,
                )
                for i, r in enumerate(recs, start=1)
            ]
        self.deal_header.setText(header)
        selected = self._selected_recording()
        self.recordings.setRowCount(len(rows))
        for row, (rid, values, state, error) in enumerate(rows):
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, rid)
                if state == "failed":
                    item.setForeground(QBrush(QColor("#c62828")))
                    item.setToolTip(error or "")
                self.recordings.setItem(row, col, item)
            if rid == selected:
                self.recordings.selectRow(row)

    def _selected_recording(self) -> int | None:
        items = self.recordings.selectedItems()
        return items[0].data(Qt.ItemDataRole.UserRole) if items else None

    def _recording_selected(self) -> None:
        rid = self._selected_recording()
        if rid is None:
            return
        with self.db.session() as session:
            recording = session.get(repo.Recording, rid)
            transcript = latest_transcript(session, rid)
            if recording is None:
                return
            if recording.state == "failed":
                html = f"<p style='color:#c62828'>Запись не обработана: {recording.error}</p>"
            elif transcript is None:
                html = "<p><i>Запись ещё не распознана.</i></p>"
            elif not transcript.segments:
                html = "<p><i>Речи в записи не найдено.</i></p>"
            else:
                html = "".join(
                    f"<p><span style='color:{SPEAKER_COLORS.get(s.speaker, '#555')}'><b>"
                    f"{SPEAKER_LABELS.get(s.speaker, s.speaker)}</b></span> "
                    f"<span style='color:#888'>[{format_duration(s.start_ms)}]</span> {s.text}</p>"
                    for s in transcript.segments
                )
        self.transcript.setHtml(html)

    # --- transcription -------------------------------------------------------
    def start_background_transcription(self) -> None:
        """Queue everything not yet transcribed; the UI keeps working meanwhile."""
        QTimer.singleShot(0, lambda: self.transcriber.enqueue_deal(None))

    def _on_progress(self, rid: int, fraction: float) -> None:
        self._progress[rid] = fraction
        for row in range(self.recordings.rowCount()):
            item = self.recordings.item(row, 4)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == rid:
                item.setText(state_label("processing", None, fraction))

    def _on_recording_changed(self, rid: int) -> None:
        self._progress.pop(rid, None)
        self.reload_recordings()
        if self._selected_recording() == rid:
            self._recording_selected()

    def _on_queue_changed(self, done: int, total: int) -> None:
        self.queue_bar.setMaximum(max(total, 1))
        self.queue_bar.setValue(done)
        self.queue_bar.setVisible(total > 0)
        self.cancel_button.setVisible(total > 0)
        self.statusBar().showMessage("Идёт распознавание записей…" if done < total else "")

    def _on_idle(self) -> None:
        self.queue_bar.hide()
        self.cancel_button.hide()
        self.statusBar().showMessage("Распознавание завершено", 5000)
        self.reload_recordings()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.transcriber.shutdown()
        super().closeEvent(event)
