"""The callback wizard inside the deal view: script steps ready to read aloud, answers, verdict.

Every answer (and every verdict-step choice) is written to the database the moment it changes,
through the review service; nothing is held in the widget, so a closed or crashed app resumes
where it stopped. The engine's findings for the deal stay visible above the script, so the
reviewer knows what to ask. The layout is one column: it lives in the deal view's side panel.
The pages live in ``review_script`` and ``review_verdict``, the recorder row in ``review_recorder``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from qa_desk.domain.findings import UncheckedCall, unchecked_calls
from qa_desk.domain.statuses import Status
from qa_desk.services import Services
from qa_desk.services.errors import USER_ERRORS, message
from qa_desk.ui import style
from qa_desk.ui.review_recorder import RecorderBox
from qa_desk.ui.review_script import field_value, step_page
from qa_desk.ui.review_texts import findings_html, summary_html
from qa_desk.ui.review_verdict import VerdictPage


class ReviewWizard(QWidget):
    """Walks a reviewer (the services' acting user) through the verification call of one deal."""

    deal_changed = Signal(int)

    def __init__(
        self, services: Services, deal_id: int, parent: QWidget | None = None, *, analysis: Any = None
    ) -> None:
        super().__init__(parent)
        self.services, self.deal_id = services, deal_id
        self.review = services.review
        self.fields: dict[str, QWidget] = {}
        self.step_titles: list[str] = []
        self.verdict_page: VerdictPage | None = None
        self._loading = False
        self._in_review = False
        self._analysis: Any = None
        self._unchecked: list[UncheckedCall] = []
        self._waiting = 0

        self.error = QLabel()
        self.error.setStyleSheet(f"color: {style.DANGER}; font-weight: 600;")
        self.error.setWordWrap(True)
        self.header = QLabel()  # the start / summary text when no review is open
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setObjectName("summary")
        self.start_button = QPushButton("Начать проверку")
        self.start_button.setObjectName("Primary")
        self.start_button.clicked.connect(self.start)
        intro_row = QHBoxLayout()
        intro_row.addWidget(self.start_button)
        intro_row.addStretch(1)
        self.intro = QWidget()
        intro_layout = QVBoxLayout(self.intro)
        intro_layout.setContentsMargins(0, 0, 0, 0)
        intro_layout.addWidget(self.header)
        intro_layout.addLayout(intro_row)

        self.step_label = QLabel()
        self.step_label.setObjectName("Section")
        self.step_title = QLabel()
        self.step_title.setObjectName("Section")
        self.step_title.setWordWrap(True)
        self.stepper = QHBoxLayout()
        self.stepper.setSpacing(4)
        self.step_head = QWidget()
        head_layout = QVBoxLayout(self.step_head)
        head_layout.setContentsMargins(0, 0, 0, 0)
        head_layout.setSpacing(4)
        head_layout.addLayout(self.stepper)
        title_row = QHBoxLayout()
        title_row.addWidget(self.step_label)
        title_row.addWidget(QLabel("·"))
        title_row.addWidget(self.step_title, 1)
        head_layout.addLayout(title_row)

        self.findings = QLabel()
        self.findings.setWordWrap(True)
        self.findings.setTextFormat(Qt.TextFormat.RichText)
        self.findings.setObjectName("Findings")
        box = QFrame()
        box.setObjectName("Card")
        box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        box_layout = QVBoxLayout(box)
        box_layout.setContentsMargins(10, 6, 10, 6)
        box_layout.addWidget(self.findings)

        self.pages = QStackedWidget()
        self.back_button = QPushButton("← Назад")
        self.next_button = QPushButton("Далее →")
        self.next_button.setObjectName("Primary")
        self.verdict_button = QPushButton("Вынести вердикт")
        self.verdict_button.setObjectName("Primary")
        self.verdict_button.clicked.connect(self.submit_verdict)
        self.back_button.clicked.connect(lambda: self.go_to(self.pages.currentIndex() - 1))
        self.next_button.clicked.connect(self.next_step)
        self.nav = QWidget()
        nav = QHBoxLayout(self.nav)
        nav.setContentsMargins(0, 0, 0, 0)
        nav.addWidget(self.back_button)
        nav.addStretch(1)
        nav.addWidget(self.next_button)
        nav.addWidget(self.verdict_button)

        self.recorder = RecorderBox(self._callback_path, self.attach)
        self.record_button, self.attach_button = self.recorder.record_button, self.recorder.attach_button
        self.record_status, self.line_box = self.recorder.status, self.recorder.line_box

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.step_head)
        layout.addWidget(self.intro)
        layout.addWidget(box)
        layout.addWidget(self.error)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.nav)
        layout.addWidget(self.recorder)
        self.error.hide()
        self.show_findings(analysis)
        self.reload()

    # --- the verdict page's controls, as the deal view and tests reach them -----------------------
    def _page(self) -> VerdictPage:
        if self.verdict_page is None:
            raise AttributeError("the verdict page exists only while a review is open")
        return self.verdict_page

    confirmed_radio = property(lambda self: self._page().confirmed_radio)
    false_radio = property(lambda self: self._page().false_radio)
    manager_box = property(lambda self: self._page().manager_box)
    violation_box = property(lambda self: self._page().violation_box)
    comment_edit = property(lambda self: self._page().comment_edit)
    consequences = property(lambda self: self._page().consequences)

    # --- state -------------------------------------------------------------------------------

    @property
    def in_review(self) -> bool:
        """The acting user's review of this deal is open (the script and the verdict are shown)."""
        return self._in_review

    def denied(self) -> str | None:
        """Why the acting user may not review this deal (``None``: they may)."""
        return self.state.denied

    def reload(self) -> None:
        """Rebuild from the database (the one source of truth)."""
        self.state = s = self.review.state(self.deal_id)
        calls = [e for e in self.services.deals.timeline(self.deal_id) if not e.is_callback]
        self._unchecked = unchecked_calls(calls)
        self._waiting = sum(1 for e in calls if e.state.waiting)
        while self.pages.count():
            page = self.pages.widget(0)
            self.pages.removeWidget(page)
            page.deleteLater()
        self.fields.clear()
        self.verdict_page = None
        denied = s.denied
        self._in_review = active = s.open and denied is None
        can_start = s.status in (Status.CONDITIONAL_REFUSAL, Status.IN_REVIEW) and not active
        self.start_button.setVisible(can_start and denied is None)
        self.start_button.setText(
            "Продолжить проверку" if s.status is Status.IN_REVIEW else "Начать проверку"
        )
        self.header.setText(summary_html(self.state, denied, self.services.actor))
        self.intro.setVisible(not active)
        self.step_head.setVisible(active)
        self.pages.setVisible(active)
        self.nav.setVisible(active)
        if active:
            self._loading = True
            self.step_titles = [step.title for step in s.steps] + ["Вердикт"]
            reasons = self.review.reasons()
            for step in s.steps:
                page, fields = step_page(step, s.answers, reasons, self.save, self.set_error)
                self.fields.update(fields)
                self.pages.addWidget(_scrolled(page))
            self.verdict_page = VerdictPage(self.services, s, self.save)
            self.verdict_page.fieldRequested.connect(self.go_to_field)
            self.pages.addWidget(_scrolled(self.verdict_page))
            self._loading = False
            self._build_stepper()
            self.go_to(min(s.current_step, self.pages.count() - 1), save=False)
        self.recorder.setVisible(s.review_id is not None and denied is None)
        self.recorder.set_active(active, active or s.review_id is not None)
        self.show_findings(self._analysis)

    def start(self) -> None:
        self._run(lambda: self.review.start(self.deal_id), changed=True)

    def _run(self, action: Callable[[], object], *, changed: bool = False) -> bool:
        """Call a service; show its Russian message instead of raising."""
        try:
            action()
        except USER_ERRORS as exc:
            self.set_error(message(exc))
            return False
        self.set_error("")
        if changed:
            self.reload()
            self.deal_changed.emit(self.deal_id)
        return True

    def set_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def save(self, field_id: str, value: str | None) -> None:
        widget = self.fields.get(field_id)
        if widget is not None and widget.property("required_missing") and value:
            widget.setProperty("required_missing", False)
            widget.setStyleSheet("")
            self.set_error("")
        if not self._loading:
            self._run(lambda: self.review.save_answer(self.deal_id, field_id, value))
            if self._in_review:
                self._update_consequences()

    def next_step(self) -> None:
        """«Далее →»; the verdict only once the required answers are given («Сначала заполните: …»)."""
        index = self.pages.currentIndex() + 1
        if index == self.pages.count() - 1 and self._require_answers():
            return
        self.go_to(index)

    def _require_answers(self) -> bool:
        """When a required answer is empty: say so, take the reviewer to the field; ``True`` then."""
        try:
            missing = self.review.missing(self.deal_id)
        except USER_ERRORS as exc:
            self.set_error(message(exc))
            return True
        if not missing:
            return False
        self.go_to_field(missing[0].id)
        self.set_error("Сначала заполните: " + ", ".join(f.label for f in missing))
        return True

    def go_to_field(self, field_id: str) -> None:
        """Show the step holding the answer ``field_id`` and put the cursor in it, marked."""
        step = next((i for i, st in enumerate(self.state.steps) if any(f.id == field_id for f in st.fields)), None)
        widget = self.fields.get(field_id)
        if step is None or widget is None:
            return
        self.go_to(step)
        widget.setProperty("required_missing", True)
        widget.setStyleSheet(f"border: 2px solid {style.DANGER}; border-radius: 6px;")
        widget.setFocus()

    def go_to(self, index: int, *, save: bool = True) -> None:
        index = max(0, min(index, self.pages.count() - 1))
        self.pages.setCurrentIndex(index)
        self._update_nav()
        last = self._in_review and index == self.pages.count() - 1
        self.findings.setText(self._findings(compact=last))
        if last and self.verdict_page is not None:
            self.verdict_page.suggest(self._value("reason_confirmed"))
            self._update_consequences()
        if save and self._in_review:
            self._run(lambda: self.review.set_step(self.deal_id, index))

    def _value(self, field_id: str) -> str | None:
        return field_value(self.fields.get(field_id))

    def _build_stepper(self) -> None:
        while self.stepper.count():
            item = self.stepper.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        for number, title in enumerate(self.step_titles, 1):
            bar = QFrame()
            bar.setFixedHeight(5)
            bar.setToolTip(f"Шаг {number}: {title}")
            self.stepper.addWidget(bar, 1)

    def _update_nav(self) -> None:
        index, total = self.pages.currentIndex(), self.pages.count()
        self.back_button.setEnabled(index > 0)
        self.next_button.setVisible(index < total - 1)
        self.verdict_button.setVisible(index == total - 1)
        self.next_button.setText("К вердикту →" if index == total - 2 else "Далее →")
        self.step_label.setText(f"Шаг {index + 1} из {total}")
        if 0 <= index < len(self.step_titles):
            self.step_title.setText(self.step_titles[index])
        for i in range(self.stepper.count()):
            bar = self.stepper.itemAt(i).widget()
            if bar is not None:
                color = style.ACCENT if i <= index else style.BORDER
                bar.setStyleSheet(f"background: {color}; border-radius: 2px;")

    # --- pages -------------------------------------------------------------------------------

    # --- the verdict ---------------------------------------------------------------------------

    def _update_consequences(self) -> None:
        """Spell out what the chosen verdict will do, before the reviewer commits to it."""
        if self.verdict_page is None or self._loading:
            return
        self.verdict_button.setText(self.verdict_page.update(self._value("real_budget")))

    def submit_verdict(self) -> None:
        page = self.verdict_page
        verdict = page.verdict() if page is not None else None
        if page is not None and self._require_answers():
            return
        if page is None or verdict is None:
            self.set_error("Выберите вердикт: отказ подтверждён или ложный отказ")
            return
        c = page.choice(verdict)
        self._run(
            lambda: self.review.apply_verdict(
                self.deal_id,
                c.verdict,
                new_manager_id=c.new_manager_id,
                violation=c.violation,
                comment=c.comment,
                penalty_percent=c.penalty_percent,
            ),
            changed=True,
        )

    # --- findings and the callback recording --------------------------------------------------

    def show_findings(self, analysis: Any) -> None:
        """The engine's result for the deal (``domain.workspace.StoredAnalysis``), compactly."""
        self._analysis = analysis
        last = self._in_review and self.pages.currentIndex() == self.pages.count() - 1
        self.findings.setText(self._findings(compact=last))

    def _findings(self, *, compact: bool) -> str:
        return findings_html(self._analysis, compact=compact, unchecked=self._unchecked, waiting=self._waiting)

    def toggle_recording(self) -> None:
        self.recorder.toggle()

    def _callback_path(self, started: datetime) -> Path:
        return self.review.callback_path(self.deal_id, started)

    def attach(self, path: Path, started_at: datetime | None) -> None:
        if self._run(lambda: self.review.attach_callback(self.deal_id, path, started_at)):
            self.record_status.setText(
                f"Запись {path.name} прикреплена к сделке как проверочный звонок КК и будет расшифрована."
            )
            self.deal_changed.emit(self.deal_id)


def _scrolled(page: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(page)
    return area
