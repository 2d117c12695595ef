"""One deal on one screen: card, calls in order, the continuous transcript, player and the side panel.

Playing goes on from one call into the next, in the deal's order, the way a controller listens
to the whole deal; it only ever starts on the reviewer's click.
"""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from qa_desk.domain import workspace as ws
from qa_desk.domain.access import Capability
from qa_desk.domain.recordings import RecordingState
from qa_desk.domain.statuses import Status
from qa_desk.services import Services
from qa_desk.ui import style
from qa_desk.ui.background import BackgroundCall
from qa_desk.ui.deal_card import DealCardView
from qa_desk.ui.deal_side import REVIEW_WIDTH, SidePanel
from qa_desk.ui.formatting import format_clock, format_day
from qa_desk.ui.player_fallback import create_player
from qa_desk.ui.questions_panel import EvidenceRef, evidence_refs, next_evidence
from qa_desk.ui.timeline_view import TimelineView
from qa_desk.ui.transcript_view import Highlight, TranscriptView
from qa_desk.ui.widgets import ElidedLabel

__all__ = ["REVIEW_WIDTH", "DealView"]
KIND_WORDS = {"asked": "вопрос", "answer": "ответ", "evasion": "уход от ответа"}
REVIEWABLE = (Status.CONDITIONAL_REFUSAL.value, Status.IN_REVIEW.value)


class DealView(QWidget):
    """Shows a deal; ``open_at(recording, seconds)`` is what every click on evidence does."""

    analysisShown = Signal()  # noqa: N815 - Qt signal naming
    dealChanged = Signal(int)  # noqa: N815 - the review changed the deal's status, answers or recordings
    message = Signal(str)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.deal_id: int | None = None
        self.workspace: ws.DealWorkspace | None = None
        self.analysis: Any = None
        self.evidence: list[EvidenceRef] = []
        self.player_recording: int | None = None
        self.last_open_ms = 0.0
        self.timings: dict[str, float] = {}
        self.timeline_sized_by_user = False
        self._analysis_job = BackgroundCall("qa-desk-analysis", self)
        self._analysis_job.finished.connect(lambda deal, result: deal == self.deal_id and self._show_analysis(result))
        self._analysis_job.failed.connect(self._analysis_failed)
        self._progress: dict[int, float] = {}

        self.card = DealCardView()
        self.review_button = QPushButton("Проверить отказ")
        self.review_button.setObjectName("Primary")
        self.review_button.clicked.connect(self.show_review)
        self.review_note = QLabel()  # why the button is disabled, said where it is seen
        self.review_note.setObjectName("Muted")
        self.review_note.setWordWrap(True)
        self.review_note.setMaximumWidth(230)
        self.timeline = TimelineView()
        self.timeline.recordingSelected.connect(self._recording_selected)
        self.timeline.rowsChanged.connect(lambda rows: self._fit_timeline(rows) if not self.timeline_sized_by_user else None)
        self.transcript = TranscriptView()
        self.transcript.wordClicked.connect(lambda rid, sec: self.open_at(rid, sec, play=True))
        self.player = create_player(self)
        self.player.positionChanged.connect(self._position_changed)
        if hasattr(self.player, "finished"):
            self.player.finished.connect(self.play_next_call)
        self.now_playing = ElidedLabel("")
        self.now_playing.setObjectName("Muted")

        calls_title = QLabel("Звонки по порядку")
        calls_title.setObjectName("Section")
        calls = QWidget()
        calls_layout = QVBoxLayout(calls)
        calls_layout.setContentsMargins(0, 0, 0, 0)
        calls_layout.setSpacing(2)
        calls_layout.addWidget(calls_title)
        calls_layout.addWidget(self.timeline)
        text_title = QLabel("Расшифровка всей сделки")
        text_title.setObjectName("Section")
        hint = ElidedLabel("щелчок по слову — слушать с этого места · F3 / Shift+F3 — следующая / предыдущая цитата")
        hint.setObjectName("Muted")
        self.expand_button = QPushButton("Панель «")
        self.expand_button.setToolTip("Показать панель вопросов, проверки и истории (Ctrl+B)")
        self.expand_button.hide()
        text = QWidget()
        text_layout = QVBoxLayout(text)
        text_layout.setContentsMargins(0, 0, 0, 0)
        text_layout.setSpacing(2)
        head = QHBoxLayout()
        head.addWidget(text_title)
        head.addWidget(hint, 1)
        head.addWidget(self.expand_button)
        text_layout.addLayout(head)
        text_layout.addWidget(self.transcript, 1)
        text_layout.addWidget(self.now_playing)
        text_layout.addWidget(self.player)

        self.left_split = QSplitter(Qt.Orientation.Vertical)
        self.left_split.addWidget(calls)
        self.left_split.addWidget(text)
        self.left_split.setSizes([150, 600])
        self.left_split.setChildrenCollapsible(False)
        self.left_split.setStretchFactor(0, 0)
        self.left_split.setStretchFactor(1, 1)
        self.left_split.splitterMoved.connect(lambda *_: setattr(self, "timeline_sized_by_user", True))
        self.main_split = QSplitter(Qt.Orientation.Horizontal)
        self.main_split.addWidget(self.left_split)
        self.side = SidePanel(services, self.main_split)
        self.main_split.addWidget(self.side)
        self.main_split.setSizes([860, 420])
        self.main_split.setStretchFactor(0, 3)
        self.main_split.setStretchFactor(1, 1)
        self.main_split.setCollapsible(0, False)
        self.side.dealChanged.connect(self.dealChanged)
        self.side.currentChanged.connect(lambda _i: self._update_review_button())
        self.side.collapsedChanged.connect(self.expand_button.setVisible)
        self.expand_button.clicked.connect(self.side.expand)
        self.questions = self.side.questions
        self.questions.evidenceActivated.connect(lambda rid, sec: self.open_at(rid, sec, play=True))

        button_box = QVBoxLayout()
        button_box.addWidget(self.review_button)
        button_box.addWidget(self.review_note)
        button_box.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.card, 1)
        top.addLayout(button_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 6)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.main_split, 1)
        self.setEnabled(False)

    # --- the side panel, as tests and the window reach it -----------------------------------
    side_tabs = property(lambda self: self.side)
    review_page = property(lambda self: self.side.review_page)
    audit_page = property(lambda self: self.side.audit_page)
    wizard = property(lambda self: self.side.wizard)
    audit = property(lambda self: self.side.audit)

    def toggle_side_panel(self) -> None:
        self.side.toggle()

    def reviewing(self) -> bool:
        """A review of the open deal is under way in the wizard."""
        return self.side.reviewing

    # --- opening ---------------------------------------------------------------------------
    def open_deal(self, deal_id: int) -> bool:
        """Load and paint a deal; the analysis follows right after (it may need computing)."""
        started = time.perf_counter()
        workspace = self.services.deals.open(deal_id)
        if workspace is None:
            return False
        loaded = time.perf_counter()
        new_deal = deal_id != self.deal_id
        if new_deal:
            self.player.pause()
            self.player_recording = None
            self.now_playing.setText("")
            self._progress.clear()
            self.analysis, self.evidence = None, []
        self.deal_id, self.workspace = deal_id, workspace
        self.setEnabled(True)
        self.card.show_card(workspace.card)
        self.timeline.set_entries(workspace.timeline, self._progress)
        self.transcript.set_calls(workspace.calls)
        if new_deal:
            self.side.reset(deal_id, workspace.card.status == Status.IN_REVIEW.value)
        elif self.side.audit is not None:
            self.side.audit.refresh()
        self._update_review_button()
        rendered = time.perf_counter()
        self.refresh_analysis()
        done = time.perf_counter()
        if new_deal:
            self._cue_first_call()
        self.timings = {
            "load": (loaded - started) * 1000,
            "render": (rendered - loaded) * 1000,
            "analysis": (done - rendered) * 1000,
        }
        self.last_open_ms = (done - started) * 1000
        return True

    def _cue_first_call(self) -> None:
        """Have the first playable call ready in the player (after the deal has painted)."""
        deal_id = self.deal_id
        playable = [e for e in self.workspace.timeline if e.state != RecordingState.FAILED] if self.workspace else []
        if playable:
            first = playable[0].recording_id
            QTimer.singleShot(
                0, lambda: self.open_at(first, 0.0, play=False) if self.deal_id == deal_id and self.player_recording is None else None
            )

    def _fit_timeline(self, rows: int) -> None:
        """Show every call (up to six) without scrolling; the transcript gets the rest."""
        sizes = self.left_split.sizes()
        total = sum(sizes) or 770
        wanted = self.timeline.height_for(min(max(rows, 1), 6)) + 26
        self.left_split.setSizes([wanted, max(total - wanted, 160)])

    def reload(self) -> None:
        """Re-read the current deal (a call finished transcribing, the status changed...)."""
        if self.deal_id is not None:
            self.open_deal(self.deal_id)

    def refresh_timeline(self) -> None:
        if self.deal_id is not None:
            self.timeline.set_entries(self.services.deals.timeline(self.deal_id), self._progress)

    def refresh_analysis(self) -> None:
        """Show the stored analysis, or compute it on a background thread and show it when ready."""
        if self.deal_id is None or self.workspace is None:
            return
        if not any(c.transcribed for c in self.workspace.calls if not c.entry.is_callback):
            self._show_analysis(None)
            self.questions.show_pending(self.workspace.manager_calls)
            return
        if self.workspace.analysis is not None:
            self._show_analysis(self.workspace.analysis)
            return
        if self.analysis is None:
            self.questions.show_message("Анализируем звонки сделки…")
        self._analysis_job.run(self.deal_id, self.services.analysis.analyze, self.deal_id)

    def _analysis_failed(self, deal_id: object, error: str) -> None:
        if deal_id == self.deal_id:  # the transcript stays usable without the analysis
            self.questions.show_message(f"Не удалось проанализировать звонки: {error}")

    def _show_analysis(self, analysis: Any) -> None:
        self.analysis = analysis
        self.side.show_findings(analysis)
        if analysis is None or self.workspace is None:
            self.evidence = []
            self.transcript.set_highlights([])
            return
        entries = self.workspace.timeline
        self.questions.show_analysis(analysis, entries, self.workspace.card.refusal_reason)
        self.evidence = evidence_refs(analysis, entries)
        highlights = []
        for ref in self.evidence:
            _strong, soft = style.question_color(ref.question_index)
            tip = f"{ref.question_title}: {KIND_WORDS.get(ref.kind, ref.kind)}"
            highlights.append(Highlight(ref.recording_id, ref.start, ref.end, ref.speaker, soft, tip))
        self.transcript.set_highlights(highlights)
        self.analysisShown.emit()

    # --- the review ------------------------------------------------------------------------
    def show_review(self) -> None:
        """Show the callback wizard of the open deal beside its transcript."""
        self.side.show_review()

    def refresh_review(self) -> None:
        """Re-read the wizard and the history (after F5, or when someone else changed the deal)."""
        self.side.refresh()

    def _update_review_button(self) -> None:
        """«Проверить отказ» for a deal waiting for its review, unless the wizard is in view. Hidden
        from a role that never reviews; disabled, with the reason beside it, for anyone else who may not."""
        status = self.workspace.card.status if self.workspace else ""
        can_review = self.workspace.can_review if self.workspace else Capability(False)
        shown = (
            status in REVIEWABLE
            and self.side.isTabVisible(1)
            and (self.side.currentWidget() is not self.side.review_page or self.side.collapsed)
        )
        self.review_button.setVisible(shown)
        self.review_button.setEnabled(bool(can_review))
        self.review_button.setToolTip(can_review.reason or "")
        self.review_note.setText(can_review.reason or "")
        self.review_note.setVisible(shown and not can_review)
        self.review_button.setText("Продолжить проверку" if status == Status.IN_REVIEW.value else "Проверить отказ")

    # --- transcription events --------------------------------------------------------------
    def on_progress(self, recording_id: int, fraction: float) -> None:
        self._progress[recording_id] = fraction
        self.timeline.set_progress(recording_id, fraction)

    def on_recording_finished(self, recording_id: int) -> None:
        """A call of this deal finished (or failed): show its text and refresh the analysis."""
        self._progress.pop(recording_id, None)
        if self.workspace is not None and self.workspace.entry(recording_id) is not None:
            self.reload()

    # --- player ----------------------------------------------------------------------------
    def open_at(self, recording_id: int, seconds: float, play: bool = True) -> None:
        """Load that call in the player, move to ``seconds`` and (optionally) play."""
        entry = self.workspace.entry(recording_id) if self.workspace is not None else None
        if entry is None:
            return
        if self.player_recording != recording_id:
            duration = entry.duration_ms / 1000 if entry.duration_ms else None
            loaded = self.player.load(entry.path, duration)
            self.player_recording = recording_id
            if not loaded:
                self.message.emit(f"Не удалось открыть для прослушивания: {entry.title.casefold()}")
        self.now_playing.setText(f"{entry.title}: {format_day(entry.started_at)} · с {format_clock(seconds)}")
        self.player.seek(seconds)
        self.timeline.select_recording(recording_id)
        self.transcript.scroll_to(recording_id, seconds)
        self.transcript.set_current(recording_id, seconds)
        if play:
            self.player.play()

    def play_next_call(self) -> int | None:
        """The call that just ended is over: go on with the next playable call of the deal."""
        entries = self.workspace.timeline if self.workspace is not None else []
        index = next((i for i, e in enumerate(entries) if e.recording_id == self.player_recording), None)
        if index is None:
            return None
        following = next((e for e in entries[index + 1 :] if e.state != RecordingState.FAILED), None)
        if following is None:
            self.message.emit("Это был последний звонок сделки")
            return None
        self.open_at(following.recording_id, 0.0, play=True)
        self.message.emit(f"Дальше — {following.title.casefold()}, {format_day(following.started_at)}")
        return following.recording_id

    def _recording_selected(self, recording_id: int) -> None:
        self.transcript.scroll_to(recording_id)
        if self.player_recording != recording_id:
            self.open_at(recording_id, 0.0, play=False)

    def _position_changed(self, seconds: float) -> None:
        if self.player_recording is not None:
            self.transcript.set_current(self.player_recording, seconds)

    def position(self) -> tuple[int | None, float]:
        return self.player_recording, float(self.player.position())

    def next_evidence(self, step: int = 1) -> EvidenceRef | None:
        """Jump to the next (step=1) or previous (step=-1) piece of question evidence."""
        if not self.evidence or self.workspace is None:
            return None
        rid, seconds = self.position()
        order = next((i for i, e in enumerate(self.workspace.timeline) if e.recording_id == rid), None)
        target = next_evidence(self.evidence, order if order is not None else -1, seconds if order is not None else -1.0, step)
        if target is None:
            self.message.emit("Дальше цитат нет" if step > 0 else "Раньше цитат нет")
            return None
        self.open_at(target.recording_id, target.start, play=True)
        self.message.emit(f"{target.question_title}: {KIND_WORDS.get(target.kind, target.kind)} — «{target.quote}»")
        return target

    def stop(self) -> None:
        self.player.pause()
        self._analysis_job.shutdown()
