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
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from qa_desk.analysis.report import format_value
from qa_desk.domain.statuses import Status
from qa_desk.domain.verdicts import Verdict
from qa_desk.services import Services
from qa_desk.services.errors import USER_ERRORS, message
from qa_desk.ui import style
from qa_desk.ui.review_recorder import RecorderBox
from qa_desk.ui.review_script import field_value, step_page
from qa_desk.ui.review_verdict import VerdictPage

PLAN = (
    "<ol style='margin-left:-20px'>"
    "<li>Сделка перейдёт в статус «На проверке».</li>"
    "<li>Вы звоните клиенту и читаете текст скрипта — он уже заполнен данными сделки. "
    "Ответы клиента записываете в поля под текстом.</li>"
    "<li>Последний шаг — вердикт: <b>отказ подтверждён</b> (сделка закрывается как проигранная) "
    "или <b>ложный отказ</b> (сделка возвращается в работу другому менеджеру, "
    "текущему менеджеру — штраф).</li></ol>"
    f"<p style='color:{style.MUTED}'>Всё сохраняется сразу, по мере ввода: можно прерваться и продолжить "
    "позже. Каждый шаг попадает в историю сделки.</p>"
)


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
        self.next_button.clicked.connect(lambda: self.go_to(self.pages.currentIndex() + 1))
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

    def denied(self) -> str | None:
        """Why the acting user may not review this deal (``None``: they may)."""
        return self.state.denied

    def reload(self) -> None:
        """Rebuild from the database (the one source of truth)."""
        self.state = s = self.review.state(self.deal_id)
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
        self.header.setText(self._summary_html(denied))
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
            self.pages.addWidget(_scrolled(self.verdict_page))
            self._loading = False
            self._build_stepper()
            self.go_to(min(s.current_step, self.pages.count() - 1), save=False)
        self.recorder.setVisible(s.review_id is not None and denied is None)
        self.recorder.set_active(active, active or s.review_id is not None)

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
        if not self._loading:
            self._run(lambda: self.review.save_answer(self.deal_id, field_id, value))
            if self._in_review:
                self._update_consequences()

    def go_to(self, index: int, *, save: bool = True) -> None:
        index = max(0, min(index, self.pages.count() - 1))
        self.pages.setCurrentIndex(index)
        self._update_nav()
        last = self._in_review and index == self.pages.count() - 1
        self.findings.setText(findings_html(self._analysis, compact=last))
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

    def _summary_html(self, denied: str | None) -> str:
        s = self.state
        manager = escape(s.manager_name or "—")
        reason = f" с причиной «{escape(s.refusal_reason)}»" if s.refusal_reason else ""
        if s.finished and s.verdict:
            outcome = (
                f"сделку ведёт {manager}"
                if s.status is Status.ACTIVE
                else f"статус сделки «{s.status.label}»"
            )
            return (
                f"<h3>Проверка завершена: {Verdict(s.verdict).label}</h3>"
                f"<p>Теперь {outcome}. Кто, что и когда решил — во вкладке «История».</p>"
            )
        if s.status is Status.IN_REVIEW and denied is not None:
            who = s.reviewer_name or s.reviewer or "другой сотрудник"
            return f"<h3>Сделка на проверке</h3><p>Проверяет {escape(who)}.</p><p>{escape(denied)}</p>"
        if s.status is Status.IN_REVIEW:
            return (
                "<h3>Проверка не закончена</h3><p>Сделка на проверке. Продолжите: сохранённые ответы "
                "на месте.</p>" + PLAN
            )
        if s.status is Status.CONDITIONAL_REFUSAL:
            text = (
                f"<h3>Проверка отказа</h3><p>Менеджер {manager} перевёл сделку в условный отказ{reason}.</p>"
            )
            if denied is not None:
                user = self.services.actor
                who = f"Вы вошли как {escape(user.display_name)} ({user.role.label})." if user else ""
                return text + f"<p style='color:{style.WARNING}'><b>{escape(denied)}</b><br>{who}</p>"
            return text + "<p>Проверьте его звонком клиенту:</p>" + PLAN
        return (
            f"<h3>Проверять нечего</h3><p>Сделка в статусе «{s.status.label}». Проверка нужна, когда "
            "менеджер переводит сделку в условный отказ.</p>"
        )

    # --- the verdict ---------------------------------------------------------------------------

    def _update_consequences(self) -> None:
        """Spell out what the chosen verdict will do, before the reviewer commits to it."""
        if self.verdict_page is None or self._loading:
            return
        self.verdict_button.setText(self.verdict_page.update(self._value("real_budget")))

    def submit_verdict(self) -> None:
        page = self.verdict_page
        verdict = page.verdict() if page is not None else None
        if page is None or verdict is None:
            self.set_error("Выберите вердикт: отказ подтверждён или ложный отказ")
            return
        c = page.choice(verdict)
        self._run(
            lambda: self.review.apply_verdict(
                self.deal_id, c.verdict, new_manager_id=c.new_manager_id, violation=c.violation, comment=c.comment
            ),
            changed=True,
        )

    # --- findings and the callback recording --------------------------------------------------

    def show_findings(self, analysis: Any) -> None:
        """The engine's result for the deal (``domain.workspace.StoredAnalysis``), compactly."""
        self._analysis = analysis
        last = self._in_review and self.pages.currentIndex() == self.pages.count() - 1
        self.findings.setText(findings_html(analysis, compact=last))

    def toggle_recording(self) -> None:
        self.recorder.toggle()

    def _callback_path(self, started: datetime) -> Path:
        return self.review.callback_path(self.deal_id, started)

    def attach(self, path: Path, started_at: datetime | None) -> None:
        if self._run(lambda: self.review.attach_callback(self.deal_id, path, started_at)):
            self.record_status.setText(f"Запись {path.name} прикреплена к сделке и будет расшифрована.")
            self.deal_changed.emit(self.deal_id)


def findings_html(analysis: Any, *, compact: bool = False) -> str:
    """«✘ Бюджет — ни разу не спрашивали» and the engine's flags, in a few lines (only flags if compact)."""
    head = f"<span style='color:{style.MUTED}'>Что показал анализ звонков менеджера</span>"
    if analysis is None:
        return head + "<br>Анализ звонков ещё не готов — он появится, как только звонки будут распознаны."
    lines = [
        f"<span style='color:{style.DANGER}'><b>{escape(str(f.get('message', '')))}</b></span>"
        for f in analysis.flags
    ]
    if compact:
        return head + "<br>" + ("<br>".join(lines) or "Звонки не противоречат причине отказа.")
    for q in analysis.questions:
        title = escape(str(q.get("title", q.get("id"))))
        if q.get("answered"):
            value = escape(format_value(q.get("value")))
            lines.append(f"<span style='color:{style.SUCCESS}'>✔</span> {title}: {value}")
        elif q.get("asked"):
            lines.append(
                f"<span style='color:{style.WARNING}'>?</span> <b>{title}</b> — спросили, ответа нет: уточните"
            )
        else:
            lines.append(
                f"<span style='color:{style.DANGER}'>✘ <b>{title}</b> — ни разу не спрашивали: спросите</span>"
            )
    if getattr(analysis, "untranscribed", 0):
        lines.append(f"<i>Ещё не расшифровано записей: {analysis.untranscribed}</i>")
    return head + "<br>" + "<br>".join(lines)


def _scrolled(page: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(page)
    return area
