"""The callback wizard inside the deal view: script steps ready to read aloud, answers, verdict.

Every answer (and every verdict-step choice) is written to the database the moment it changes,
through ``services.review``; nothing is held in the widget, so a closed or crashed app resumes
where it stopped. The engine's findings for the deal stay visible above the script, so the
reviewer knows what to ask. The layout is one column: it lives in the deal view's side panel.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from qa_desk.analysis.report import format_value
from qa_desk.config import data_dir
from qa_desk.domain.callback_script import AnswerField, FieldKind, FilledStep
from qa_desk.domain.identity import IdentityProvider, User
from qa_desk.domain.roles import REVIEWER_ROLES
from qa_desk.domain.statuses import Status
from qa_desk.domain.transitions import SELF_REVIEW, TransitionError
from qa_desk.domain.verdicts import (
    MoneyError,
    PenaltyRule,
    Verdict,
    ViolationKind,
    format_money,
    parse_money,
)
from qa_desk.services import identity as identity_service
from qa_desk.services import review
from qa_desk.storage.db import Database
from qa_desk.ui import callback_recorder as rec
from qa_desk.ui import style

YES_NO = (("—", None), ("да", "yes"), ("нет", "no"))
NO_MIC = "Микрофона нет — прикрепите запись файлом"
NOT_A_REVIEWER = "Проверять отказы может только контроль качества или руководитель отдела продаж."
SAY_ALOUD_STYLE = (
    f"font-size: 14pt; color: {style.TEXT}; background: #eef4fc; padding: 12px;"
    f"border-left: 4px solid {style.ACCENT}; border-radius: 4px;"
)
INSTRUCTION_STYLE = f"font-size: 11pt; background: {style.WARNING_BG}; padding: 10px; border-radius: 4px;"
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
    """Walks a reviewer through the verification call of one deal."""

    deal_changed = Signal(int)

    def __init__(
        self,
        db: Database,
        identity: IdentityProvider,
        deal_id: int,
        parent: QWidget | None = None,
        *,
        analysis: Any = None,
    ) -> None:
        super().__init__(parent)
        self.db, self.identity, self.deal_id = db, identity, deal_id
        self.fields: dict[str, QWidget] = {}
        self.step_titles: list[str] = []
        self._loading = False
        self._in_review = False
        self._recorder: rec.CallbackRecorder | None = None
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

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.step_head)
        layout.addWidget(self.intro)
        layout.addWidget(box)
        layout.addWidget(self.error)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.nav)
        layout.addWidget(self._recorder_box())
        self.error.hide()
        self.show_findings(analysis)
        self.reload()

    # --- state -------------------------------------------------------------------------------

    def _user(self) -> User:
        return self.identity.current_user()

    def denied(self) -> str | None:
        """Why the current user may not review this deal (``None``: they may)."""
        user = self._user()
        if user.role not in REVIEWER_ROLES:
            return NOT_A_REVIEWER
        if user.manager_id is not None and user.manager_id == self.state.manager_id:
            return SELF_REVIEW
        return None

    def reload(self) -> None:
        """Rebuild from the database (the one source of truth)."""
        self.state = s = review.review_state(self.db, self._user(), self.deal_id)
        while self.pages.count():
            page = self.pages.widget(0)
            self.pages.removeWidget(page)
            page.deleteLater()
        self.fields.clear()
        denied = self.denied()
        open_review = s.status is Status.IN_REVIEW and s.review_id is not None and not s.finished
        self._in_review = active = open_review and denied is None
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
            for step in s.steps:
                self.pages.addWidget(_scrolled(self._step_page(step)))
            self.pages.addWidget(_scrolled(self._verdict_page()))
            self._loading = False
            self._build_stepper()
            self.go_to(min(s.current_step, self.pages.count() - 1), save=False)
        self.recorder.setVisible(s.review_id is not None and denied is None)
        self.record_button.setEnabled(active and self._mic is not None)
        self.attach_button.setEnabled(active or s.review_id is not None)

    def start(self) -> None:
        self._run(lambda: review.start_review(self.db, self._user(), self.deal_id), changed=True)

    def _run(self, action, *, changed: bool = False) -> bool:  # noqa: ANN001
        """Call a service; show its Russian message instead of raising."""
        try:
            action()
        except (TransitionError, MoneyError, LookupError) as exc:
            self.set_error(exc.args[0] if isinstance(exc, KeyError) and exc.args else str(exc))
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
            self._run(lambda: review.save_answer(self.db, self._user(), self.deal_id, field_id, value))
            if self._in_review:
                self._update_consequences()

    def go_to(self, index: int, *, save: bool = True) -> None:
        index = max(0, min(index, self.pages.count() - 1))
        self.pages.setCurrentIndex(index)
        self._update_nav()
        last = self._in_review and index == self.pages.count() - 1
        self.findings.setText(findings_html(self._analysis, compact=last))
        if last:
            self._suggest_verdict()
            self._update_consequences()
        if save and self._in_review:
            self._run(lambda: review.set_step(self.db, self._user(), self.deal_id, index))

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
            who = self._reviewer_name()
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
                user = self._user()
                return text + (
                    f"<p style='color:{style.WARNING}'><b>{escape(denied)}</b><br>"
                    f"Вы вошли как {escape(user.display_name)} ({user.role.label}).</p>"
                )
            return text + "<p>Проверьте его звонком клиенту:</p>" + PLAN
        return (
            f"<h3>Проверять нечего</h3><p>Сделка в статусе «{s.status.label}». Проверка нужна, когда "
            "менеджер переводит сделку в условный отказ.</p>"
        )

    def _reviewer_name(self) -> str:
        login = self.state.reviewer
        names = {u.id: u.display_name for u in identity_service.list_users(self.db)}
        return names.get(login or "", login or "другой сотрудник")

    def _step_page(self, step: FilledStep) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 4, 6, 4)
        aloud = "?" in step.text  # questions are read to the client; the rest is for the reviewer
        caption = QLabel("Прочитайте клиенту:" if aloud else "Что сделать:")
        caption.setObjectName("Muted")
        layout.addWidget(caption)
        text = QLabel(step.text.strip())
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        text.setStyleSheet(SAY_ALOUD_STYLE if aloud else INSTRUCTION_STYLE)
        text.setObjectName(f"script_{step.id}")
        layout.addWidget(text)
        gaps = [*step.missing, *step.unknown]
        if gaps:
            warn = QLabel("Не заполнено в тексте: " + ", ".join(f"[{g}]" for g in gaps) + " — назовите сами.")
            warn.setStyleSheet(f"color: {style.WARNING};")
            warn.setWordWrap(True)
            layout.addWidget(warn)
        if step.fields:
            answers = QLabel("Ответ клиента" if len(step.fields) == 1 else "Запишите")
            answers.setObjectName("Section")
            layout.addSpacing(6)
            layout.addWidget(answers)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        for answer in step.fields:
            form.addRow(answer.label + (" *" if answer.required else ""), self._field(answer))
        layout.addLayout(form)
        if any(a.required for a in step.fields):
            note = QLabel("* — обязательно для вердикта")
            note.setObjectName("Muted")
            layout.addWidget(note)
        layout.addStretch(1)
        return page

    def _field(self, answer: AnswerField) -> QWidget:
        value = self.state.answers.get(answer.id)
        fid = answer.id
        widget: QWidget
        if answer.kind in (FieldKind.YES_NO, FieldKind.REASON):
            box = QComboBox()
            items = (
                YES_NO
                if answer.kind is FieldKind.YES_NO
                else (("—", None),) + tuple((r, r) for r in review.default_reasons().reasons)
            )
            for label, data in items:
                box.addItem(label, data)
            box.setCurrentIndex(max(0, box.findData(value)) if value is not None else 0)
            box.currentIndexChanged.connect(lambda _i, b=box, f=fid: self.save(f, b.currentData()))
            widget = box
        elif answer.kind is FieldKind.NOTES:
            edit = QPlainTextEdit(value or "")
            edit.setFixedHeight(70)
            edit.textChanged.connect(lambda e=edit, f=fid: self.save(f, e.toPlainText()))
            widget = edit
        else:
            line = QLineEdit(value or "")
            line.textChanged.connect(lambda text, f=fid: self.save(f, text))
            if answer.kind is FieldKind.MONEY:
                line.setPlaceholderText("например, 850 000")
                line.editingFinished.connect(lambda e=line: self._check_money(e.text()))
            widget = line
        self.fields[fid] = widget
        return widget

    def _check_money(self, text: str) -> None:
        try:
            if text.strip():
                parse_money(text)
        except MoneyError as exc:
            self.set_error(str(exc))

    def _value(self, field_id: str) -> str | None:
        """The answer as it stands in its field (what is saved)."""
        widget = self.fields.get(field_id)
        if isinstance(widget, QComboBox):
            return widget.currentData()
        if isinstance(widget, QLineEdit):
            return widget.text().strip() or None
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText().strip() or None
        return None

    def _verdict_page(self) -> QWidget:
        answers = self.state.answers
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 4, 6, 4)
        self.verdict_group = QButtonGroup(page)
        self.confirmed_radio = QRadioButton(Verdict.REFUSAL_CONFIRMED.label + " — клиент подтвердил причину")
        self.false_radio = QRadioButton(Verdict.FALSE_REFUSAL.label + " — причина не подтвердилась")
        for radio, verdict in (
            (self.confirmed_radio, Verdict.REFUSAL_CONFIRMED),
            (self.false_radio, Verdict.FALSE_REFUSAL),
        ):
            self.verdict_group.addButton(radio)
            layout.addWidget(radio)
            radio.toggled.connect(lambda on, v=verdict: on and self.save("verdict", v.value))
        self.confirmed_radio.setChecked(answers.get("verdict") == Verdict.REFUSAL_CONFIRMED)
        self.false_radio.setChecked(answers.get("verdict") == Verdict.FALSE_REFUSAL)

        self.false_box = QWidget()
        form = QFormLayout(self.false_box)
        form.setContentsMargins(24, 0, 0, 0)
        self.manager_box = QComboBox()
        self.manager_box.addItem("— выберите менеджера —", None)
        self.managers = {m.id: m for m in review.list_managers(self.db)}
        for manager in self.managers.values():
            if manager.id != self.state.manager_id:
                self.manager_box.addItem(manager.name, manager.id)
        saved = answers.get("verdict.new_manager")
        if saved and saved.isdigit():
            self.manager_box.setCurrentIndex(max(0, self.manager_box.findData(int(saved))))
        self.manager_box.currentIndexChanged.connect(
            lambda _i: self.save("verdict.new_manager", _str(self.manager_box.currentData()))
        )
        self.violation_box = QComboBox()
        self.violation_box.addItem("— выберите нарушение —", None)
        for kind in ViolationKind:
            self.violation_box.addItem(kind.label, kind.value)
        self.violation_box.setCurrentIndex(
            max(0, self.violation_box.findData(answers.get("verdict.violation")))
        )
        self.violation_box.currentIndexChanged.connect(
            lambda _i: self.save("verdict.violation", self.violation_box.currentData())
        )
        form.addRow("Передать менеджеру", self.manager_box)
        form.addRow("Нарушение", self.violation_box)
        layout.addWidget(self.false_box)
        self.comment_edit = QLineEdit(answers.get("verdict.comment", ""))
        self.comment_edit.setPlaceholderText("комментарий к вердикту (обязателен для «Другое нарушение»)")
        self.comment_edit.textChanged.connect(lambda text: self.save("verdict.comment", text))
        layout.addWidget(self.comment_edit)
        self.consequences = QLabel()
        self.consequences.setWordWrap(True)
        self.consequences.setTextFormat(Qt.TextFormat.RichText)
        self.consequences.setObjectName("consequences")
        self.consequences.setStyleSheet(
            f"background: {style.PANEL}; border: 1px solid {style.BORDER}; border-radius: 6px; padding: 8px;"
        )
        layout.addWidget(self.consequences)
        layout.addStretch(1)
        return page

    def _suggest_verdict(self) -> None:
        """No verdict chosen yet: follow the «клиент подтвердил причину» answer."""
        if self.verdict_group.checkedButton() is not None:
            return
        radio = {"yes": self.confirmed_radio, "no": self.false_radio}.get(
            self._value("reason_confirmed") or ""
        )
        if radio is not None:
            radio.setChecked(True)

    def _update_consequences(self) -> None:
        """Spell out what the chosen verdict will do, before the reviewer commits to it."""
        if not hasattr(self, "consequences") or self._loading:
            return
        false = self.false_radio.isChecked()
        self.false_box.setVisible(not self.confirmed_radio.isChecked())
        if not (false or self.confirmed_radio.isChecked()):
            self.consequences.setText("Выберите вердикт — здесь появится, что произойдёт со сделкой.")
            self.verdict_button.setText("Вынести вердикт")
            return
        lines = self._false_lines() if false else self._confirmed_lines()
        lines += self._facts_lines()
        lines.append("вердикт и всё перечисленное запишутся в историю сделки.")
        missing = [
            f.label for step in self.state.steps for f in step.fields if f.required and not self._value(f.id)
        ]
        warn = (
            f"<p style='color:{style.DANGER}'><b>Сначала заполните:</b> {escape(', '.join(missing))}</p>"
            if missing
            else ""
        )
        self.consequences.setText(
            "<b>Что произойдёт:</b><ul style='margin-left:-20px'>"
            + "".join(f"<li>{line}</li>" for line in lines)
            + "</ul>"
            + warn
        )
        self.verdict_button.setText(
            "Вернуть сделку в работу" if false else "Подтвердить отказ и закрыть сделку"
        )

    def _confirmed_lines(self) -> list[str]:
        reason = self._value("real_reason") or self.state.refusal_reason or "—"
        return [
            f"сделка закроется со статусом «{Status.CLOSED_LOST.label}», причина отказа «{escape(reason)}»;",
            f"менеджер {escape(self.state.manager_name or '—')} остаётся без штрафа;",
        ]

    def _false_lines(self) -> list[str]:
        new = self.managers.get(self.manager_box.currentData())
        who = f"её поведёт <b>{escape(new.name)}</b>" if new else "выберите, кто её поведёт"
        lines = [f"сделка вернётся в работу (статус «{Status.ACTIVE.label}»), {who};"]
        old = self.managers.get(self.state.manager_id)
        if old is None:
            return [*lines, "у сделки нет менеджера — штраф записать не на кого;"]
        kind = self.violation_box.currentData()
        why = f" за нарушение «{ViolationKind(kind).label}»" if kind else " (выберите нарушение)"
        amount = penalty_amount(old)
        if amount is None:
            lines.append(
                f"<b>{escape(old.name)}</b>: штраф {old.penalty} — <span style='color:{style.DANGER}'>"
                "оклад не указан, посчитать штраф нельзя</span>;"
            )
        else:
            base = (
                f" оклада {format_money(old.salary)}" if old.salary is not None and "%" in old.penalty else ""
            )
            lines.append(
                f"<b>{escape(old.name)}</b> получит штраф <b>{format_money(amount)}</b> "
                f"({old.penalty.replace(' оклада', '')}{base}){why};"
            )
        return lines

    def _facts_lines(self) -> list[str]:
        facts = []
        budget = self._value("real_budget")
        if budget:
            try:
                facts.append(f"бюджет {format_money(parse_money(budget))}")
            except MoneyError:
                facts.append(
                    f"<span style='color:{style.DANGER}'>бюджет «{escape(budget)}» — не сумма</span>"
                )
        timing = self._value("real_timing")
        if timing:
            facts.append(f"сроки «{escape(timing)}»")
        return [f"со слов клиента в сделку запишутся: {', '.join(facts)};"] if facts else []

    def submit_verdict(self) -> None:
        if not (self.false_radio.isChecked() or self.confirmed_radio.isChecked()):
            self.set_error("Выберите вердикт: отказ подтверждён или ложный отказ")
            return
        false = self.false_radio.isChecked()
        verdict = Verdict.FALSE_REFUSAL if false else Verdict.REFUSAL_CONFIRMED
        self._run(
            lambda: review.apply_verdict(
                self.db,
                self._user(),
                self.deal_id,
                verdict,
                new_manager_id=self.manager_box.currentData() if false else None,
                violation=self.violation_box.currentData() if false else None,
                comment=self.comment_edit.text().strip() or None,
            ),
            changed=True,
        )

    # --- findings and the recorder ------------------------------------------------------------

    def show_findings(self, analysis: Any) -> None:
        """The engine's result for the deal (``services.analysis.StoredAnalysis``), compactly."""
        self._analysis = analysis
        last = self._in_review and self.pages.currentIndex() == self.pages.count() - 1
        self.findings.setText(findings_html(analysis, compact=last))

    def _recorder_box(self) -> QWidget:
        self.recorder = box = QFrame()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 4, 0, 0)
        devices = rec.input_devices()
        self._mic = rec.default_input()
        self.line_box = QComboBox()
        self.line_box.addItem("линия: нет (только микрофон)", None)
        for index, name in devices:
            if index != self._mic:
                self.line_box.addItem(f"линия: {name}", index)
        self.line_box.setVisible(self._mic is not None)
        self.record_button = QPushButton("● Записать звонок")
        self.record_button.clicked.connect(self.toggle_recording)
        self.attach_button = QPushButton("Прикрепить запись…")
        self.attach_button.clicked.connect(self._attach_dialog)
        self.record_status = QLabel("" if self._mic is not None else NO_MIC)
        self.record_button.setToolTip("" if self._mic is not None else rec.NO_DEVICE)
        self.record_status.setObjectName("Muted")
        self.record_status.setWordWrap(True)
        row = QHBoxLayout()
        title = QLabel("Запись звонка:")
        title.setObjectName("Muted")
        row.addWidget(title)
        row.addWidget(self.line_box, 1)
        row.addWidget(self.record_button)
        row.addWidget(self.attach_button)
        if self._mic is None:  # nothing to record with: say so in the row, offer the file
            row.insertWidget(1, self.record_status, 1)
            self.record_button.hide()
        layout.addLayout(row)
        if self._mic is not None:
            layout.addWidget(self.record_status)
        return box

    def toggle_recording(self) -> None:
        if self._recorder is None:
            if self._mic is None:
                self.record_status.setText(rec.NO_DEVICE)
                return
            recorder = rec.CallbackRecorder(self._mic, self.line_box.currentData())
            try:
                recorder.start()
            except rec.RecorderError as exc:
                self.record_status.setText(str(exc))
                return
            self._recorder = recorder
            self.record_button.setText("■ Остановить и прикрепить")
            self.record_status.setText("Идёт запись…")
            return
        recorder, self._recorder = self._recorder, None
        self.record_button.setText("● Записать звонок")
        stamp = datetime.now().strftime("%Y-%m-%d_%H-%M-%S")
        path = recorder.stop(data_dir() / "callbacks" / f"{self.state.external_id}_{stamp}_callback.wav")
        self.attach(path, recorder.started_at)

    def _attach_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Запись звонка", "", "Аудио (*.wav *.mp3 *.ogg *.flac)")
        if path:
            self.attach(Path(path), None)

    def attach(self, path: Path, started_at: datetime | None) -> None:
        if self._run(lambda: review.attach_callback_recording(self.db, self.deal_id, path, started_at)):
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


def penalty_amount(manager: review.ManagerInfo) -> Decimal | None:
    """The penalty from the manager's rule label («1 % оклада» or «850 ₽»); ``None`` without a salary."""
    label = manager.penalty.replace("\u00a0", " ")
    try:
        if label.endswith("% оклада"):
            percent = Decimal(label.split("%")[0].strip().replace(",", "."))
            return PenaltyRule(percent=percent).amount(manager.salary)
        return parse_money(label)
    except (ValueError, MoneyError):
        return None


def _scrolled(page: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(page)
    return area


def _str(value: object) -> str | None:
    return None if value is None else str(value)
