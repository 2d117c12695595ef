"""One deal on one screen: card, calls in order, the continuous transcript, player and questions."""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from qa_desk.domain import workspace as ws
from qa_desk.domain.access import Capability
from qa_desk.domain.identity import IdentityError
from qa_desk.domain.recordings import RecordingState
from qa_desk.domain.statuses import Status
from qa_desk.services import Services
from qa_desk.services.recordings import RecordingUnavailable
from qa_desk.ui import style
from qa_desk.ui.audit_view import AuditView
from qa_desk.ui.background import BackgroundCall
from qa_desk.ui.deal_card import DealCardView
from qa_desk.ui.formatting import format_clock, format_day
from qa_desk.ui.player_fallback import create_player
from qa_desk.ui.questions_panel import EvidenceRef, QuestionsPanel, evidence_refs, next_evidence
from qa_desk.ui.review_wizard import ReviewWizard
from qa_desk.ui.timeline_view import TimelineView
from qa_desk.ui.transcript_view import Highlight, TranscriptView

KIND_WORDS = {"asked": "вопрос", "answer": "ответ", "evasion": "уход от ответа"}
REVIEW_WIDTH = 620  # the side panel's width while the callback wizard is shown: the script must be readable
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
        self._analysis_job = BackgroundCall("qa-desk-analysis", self)
        self._analysis_job.finished.connect(lambda deal, result: deal == self.deal_id and self._show_analysis(result))
        self._analysis_job.failed.connect(self._analysis_failed)
        self._progress: dict[int, float] = {}

        self.card = DealCardView()
        self.review_button = QPushButton("Проверить отказ")
        self.review_button.setObjectName("Primary")
        self.review_button.clicked.connect(self.show_review)
        self.timeline = TimelineView()
        self.timeline.recordingSelected.connect(self._recording_selected)
        self.transcript = TranscriptView()
        self.transcript.wordClicked.connect(lambda rid, sec: self.open_at(rid, sec, play=True))
        self.player = create_player(self)
        self.player.positionChanged.connect(self._position_changed)
        self.now_playing = QLabel("")
        self.now_playing.setObjectName("Muted")
        self.questions = QuestionsPanel()
        self.questions.evidenceActivated.connect(lambda rid, sec: self.open_at(rid, sec, play=True))
        self.wizard: ReviewWizard | None = None
        self.audit: AuditView | None = None
        self.review_page, self.audit_page = QWidget(), QWidget()
        for page in (self.review_page, self.audit_page):
            QVBoxLayout(page).setContentsMargins(0, 0, 0, 0)
        self.side_tabs = QTabWidget()
        self.side_tabs.addTab(self.questions, "Вопросы договора")
        self.side_tabs.addTab(self.review_page, "Проверка отказа")
        self.side_tabs.addTab(self.audit_page, "История")
        self._split_before_review: list[int] | None = None
        self.side_tabs.currentChanged.connect(self._side_tab_changed)

        calls_title = QLabel("Звонки по порядку")
        calls_title.setObjectName("Section")
        calls = QWidget()
        calls_layout = QVBoxLayout(calls)
        calls_layout.setContentsMargins(0, 0, 0, 0)
        calls_layout.addWidget(calls_title)
        calls_layout.addWidget(self.timeline)
        text_title = QLabel("Расшифровка всей сделки")
        text_title.setObjectName("Section")
        hint = QLabel(
            "щелчок по слову — слушать с этого места · F3 / Shift+F3 — следующая / предыдущая цитата"
        )
        hint.setObjectName("Muted")
        text = QWidget()
        text_layout = QVBoxLayout(text)
        text_layout.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(text_title)
        head.addStretch(1)
        head.addWidget(hint)
        text_layout.addLayout(head)
        text_layout.addWidget(self.transcript, 1)
        text_layout.addWidget(self.now_playing)
        text_layout.addWidget(self.player)

        self.left_split = QSplitter(Qt.Orientation.Vertical)
        self.left_split.addWidget(calls)
        self.left_split.addWidget(text)
        self.left_split.setSizes([170, 600])
        self.left_split.setChildrenCollapsible(False)
        self.left_split.setStretchFactor(0, 0)
        self.left_split.setStretchFactor(1, 1)
        self._timeline_sized_by_user = False
        self.left_split.splitterMoved.connect(lambda *_: setattr(self, "_timeline_sized_by_user", True))
        self.main_split = QSplitter(Qt.Orientation.Horizontal)
        self.main_split.addWidget(self.left_split)
        self.main_split.addWidget(self.side_tabs)
        self.main_split.setSizes([860, 420])
        self.main_split.setStretchFactor(0, 3)
        self.main_split.setStretchFactor(1, 1)

        top = QHBoxLayout()
        top.addWidget(self.card, 1)
        top.addWidget(self.review_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addLayout(top)
        layout.addWidget(self.main_split, 1)

        self.setEnabled(False)

    # --- opening ---------------------------------------------------------------------------
    def open_deal(self, deal_id: int) -> bool:
        """Load and paint a deal; the analysis follows right after (it may need computing)."""
        started = time.perf_counter()
        workspace = self.services.deals.open(deal_id)
        if workspace is None:
            return False
        loaded = time.perf_counter()
        if deal_id != self.deal_id:
            self.player.pause()
            self.player_recording = None
            self.now_playing.setText("")
            self._progress.clear()
            self.analysis, self.evidence = None, []
        new_deal = deal_id != self.deal_id
        self.deal_id, self.workspace = deal_id, workspace
        self.setEnabled(True)
        if new_deal and not self._timeline_sized_by_user:
            self._fit_timeline(len(workspace.timeline))
        self.card.show_card(workspace.card)
        self._update_review_button()
        self.timeline.set_entries(workspace.timeline, self._progress)
        self.transcript.set_calls(workspace.calls)
        if new_deal:
            self._reset_side_panels(workspace.card.status == Status.IN_REVIEW.value)
        elif self.audit is not None:
            self.audit.refresh()
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
        total = sum(self.left_split.sizes()) or 770
        wanted = 24 + 32 + min(max(rows, 1), 6) * 30 + 8
        self.left_split.setSizes([wanted, max(total - wanted, 200)])

    def reload(self) -> None:
        """Re-read the current deal (a call finished transcribing, the status changed...)."""
        if self.deal_id is not None:
            self.open_deal(self.deal_id)

    def refresh_timeline(self) -> None:
        if self.deal_id is None:
            return
        self.timeline.set_entries(self.services.deals.timeline(self.deal_id), self._progress)

    def refresh_analysis(self) -> None:
        """Show the stored analysis, or compute it on a background thread and show it when ready."""
        if self.deal_id is None or self.workspace is None:
            return
        if not any(c.transcribed for c in self.workspace.calls):
            self._show_analysis(None)
            pending = self.workspace.waiting
            self.questions.show_message(
                "Звонки распознаются — вопросы договора появятся, как только будет готов первый звонок."
                if pending
                else "Нет распознанных звонков: проверять нечего."
            )
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
        if analysis is None or self.workspace is None:
            self.evidence = []
            self.transcript.set_highlights([])
            return
        entries = self.workspace.timeline
        self.questions.show_analysis(analysis, entries, self.workspace.card.refusal_reason)
        self.evidence = evidence_refs(analysis, entries)
        if self.wizard is not None:
            self.wizard.show_findings(analysis)
        highlights = []
        for ref in self.evidence:
            _strong, soft = style.question_color(ref.question_index)
            tip = f"{ref.question_title}: {KIND_WORDS.get(ref.kind, ref.kind)}"
            highlights.append(Highlight(ref.recording_id, ref.start, ref.end, ref.speaker, soft, tip))
        self.transcript.set_highlights(highlights)
        self.analysisShown.emit()

    # --- the review and the history tabs ----------------------------------------------------
    def _reset_side_panels(self, in_review: bool) -> None:
        """A new deal: drop the old deal's wizard and history; built again when looked at."""
        for widget in (self.wizard, self.audit):
            if widget is not None:
                widget.setParent(None)
                widget.deleteLater()
        for page in (self.review_page, self.audit_page):
            while (item := page.layout().takeAt(0)) is not None:
                if item.widget() is not None:
                    item.widget().deleteLater()
        self.wizard, self.audit = None, None
        if in_review:  # an unfinished review: resume it where it stopped
            self.show_review()
        elif self.side_tabs.currentWidget() in (self.review_page, self.audit_page):
            self._side_tab_changed(self.side_tabs.currentIndex())

    def show_review(self) -> None:
        """Show the callback wizard of the open deal beside its transcript."""
        if self.deal_id is None:
            return
        if self.side_tabs.currentWidget() is self.review_page:
            self._side_tab_changed(self.side_tabs.currentIndex())
        else:
            self.side_tabs.setCurrentWidget(self.review_page)

    def refresh_review(self) -> None:
        """Re-read the wizard and the history (after F5, or when someone else changed the deal)."""
        if self.wizard is not None:
            self.wizard.reload()
        if self.audit is not None:
            self.audit.refresh()

    def _update_review_button(self) -> None:
        """«Проверить отказ» for a deal waiting for its review, unless the wizard is already in view;
        disabled, with the reason as its tooltip, for a user who may not review it."""
        status = self.workspace.card.status if self.workspace else ""
        self.review_button.setVisible(
            status in REVIEWABLE and self.side_tabs.currentWidget() is not self.review_page
        )
        can_review = self.workspace.can_review if self.workspace else Capability(False)
        self.review_button.setEnabled(bool(can_review))
        self.review_button.setToolTip(can_review.reason or "")
        self.review_button.setText(
            "Продолжить проверку" if status == Status.IN_REVIEW.value else "Проверить отказ"
        )

    def _side_tab_changed(self, index: int) -> None:
        self._update_review_button()
        page = self.side_tabs.widget(index)
        if page is self.review_page:
            self._build_wizard()
            sizes = self.main_split.sizes()
            if sizes[1] < REVIEW_WIDTH and self._split_before_review is None:
                self._split_before_review = sizes
                self.main_split.setSizes([max(sum(sizes) - REVIEW_WIDTH, 300), REVIEW_WIDTH])
        elif self._split_before_review is not None:
            self.main_split.setSizes(self._split_before_review)
            self._split_before_review = None
        if page is self.audit_page and self.audit is None and self.deal_id is not None:
            self.audit = AuditView(self.services, self.deal_id)
            self.audit_page.layout().addWidget(self.audit)
            self.audit.show()

    def _build_wizard(self) -> None:
        if self.wizard is not None or self.deal_id is None or self.review_page.layout().count():
            return
        try:
            if self.services.actor is None:
                raise IdentityError("не выбран пользователь — перезапустите программу и выберите себя")
            self.wizard = ReviewWizard(self.services, self.deal_id, analysis=self.analysis)
        except Exception as exc:  # noqa: BLE001 - the wizard must not break the deal view
            note = QLabel(f"Проверка недоступна: {exc}")
            note.setWordWrap(True)
            note.setObjectName("Empty")
            self.review_page.layout().addWidget(note)
            return
        self.wizard.deal_changed.connect(self.dealChanged)
        self.wizard.setMinimumWidth(360)  # else its widest row would hold the side panel wide on every tab
        self.review_page.layout().addWidget(self.wizard)
        self.wizard.show()  # now, not on the next event loop pass

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
        if self.workspace is None:
            return
        entry = self.workspace.entry(recording_id)
        if entry is None:
            return
        if self.player_recording != recording_id:
            duration = entry.duration_ms / 1000 if entry.duration_ms else None
            try:  # through the recording store: a workstation without the original file plays too
                loaded = self.player.load(str(self.services.recordings.local_path(recording_id)), duration)
            except RecordingUnavailable as exc:
                loaded = self.player.unavailable(str(exc), duration)
            self.player_recording = recording_id
            if not loaded:
                self.message.emit(f"Не удалось открыть запись звонка {entry.number} для прослушивания")
        self.now_playing.setText(
            f"Звонок {entry.number}: {format_day(entry.started_at)} · с {format_clock(seconds)}"
        )
        self.player.seek(seconds)
        self.timeline.select_recording(recording_id)
        self.transcript.scroll_to(recording_id, seconds)
        self.transcript.set_current(recording_id, seconds)
        if play:
            self.player.play()

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
        entry = self.workspace.entry(rid) if rid is not None else None
        target = next_evidence(self.evidence, entry.number if entry else 0, seconds if entry else -1.0, step)
        if target is None:
            self.message.emit("Дальше цитат нет" if step > 0 else "Раньше цитат нет")
            return None
        self.open_at(target.recording_id, target.start, play=True)
        self.message.emit(
            f"{target.question_title}: {KIND_WORDS.get(target.kind, target.kind)} — «{target.quote}»"
        )
        return target

    def stop(self) -> None:
        self.player.pause()
        self._analysis_job.shutdown()
