"""The callback wizard inside the deal view: script steps ready to read aloud, answers, verdict.

Every answer (and every verdict-step choice) is written to the database the moment it changes,
through ``services.review``; nothing is held in the widget, so a closed or crashed app resumes
where it stopped. The engine's findings for the deal stay visible beside the script.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from qa_desk.config import data_dir
from qa_desk.domain.callback_script import AnswerField, FieldKind, FilledStep
from qa_desk.domain.identity import IdentityProvider
from qa_desk.domain.statuses import Status
from qa_desk.domain.transitions import TransitionError
from qa_desk.domain.verdicts import MoneyError, Verdict, ViolationKind, parse_money
from qa_desk.services import review
from qa_desk.storage.db import Database
from qa_desk.ui import callback_recorder as rec

YES_NO = (("—", None), ("да", "yes"), ("нет", "no"))
ERROR_STYLE = "color: #b00020;"


class ReviewWizard(QWidget):
    """Walks a reviewer through the verification call of one deal."""

    deal_changed = Signal(int)

    def __init__(
        self, db: Database, identity: IdentityProvider, deal_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db, self.identity, self.deal_id = db, identity, deal_id
        self.fields: dict[str, QWidget] = {}
        self._loading = False
        self._in_review = False
        self._recorder: rec.CallbackRecorder | None = None

        self.header = QLabel()
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.pages = QStackedWidget()
        self.step_label = QLabel()
        self.back_button = QPushButton("← Назад")
        self.next_button = QPushButton("Далее →")
        self.back_button.clicked.connect(lambda: self.go_to(self.pages.currentIndex() - 1))
        self.next_button.clicked.connect(lambda: self.go_to(self.pages.currentIndex() + 1))
        self.start_button = QPushButton("Начать проверку")
        self.start_button.clicked.connect(self.start)
        self.findings = QTextBrowser()
        self.findings.setMinimumWidth(260)

        nav = QHBoxLayout()
        nav.addWidget(self.back_button)
        nav.addWidget(self.step_label, 1, Qt.AlignmentFlag.AlignCenter)
        nav.addWidget(self.next_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.start_button)
        left_layout.addWidget(self.pages, 1)
        left_layout.addLayout(nav)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(QLabel("<b>Что показал анализ звонков</b>"))
        right_layout.addWidget(self.findings, 1)
        right_layout.addWidget(self._recorder_box())
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([620, 340])
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.error)
        layout.addWidget(splitter, 1)
        self.reload()

    # --- state -------------------------------------------------------------------------------

    def _user(self):  # noqa: ANN202 - domain User
        return self.identity.current_user()

    def reload(self) -> None:
        """Rebuild from the database (the one source of truth)."""
        self.state = review.review_state(self.db, self._user(), self.deal_id)
        s = self.state
        manager = s.manager_name or "—"
        reason = f", причина отказа «{s.refusal_reason}»" if s.refusal_reason else ""
        self.header.setText(
            f"<b>Проверка отказа: {s.external_id} — {s.title}</b><br>"
            f"Статус: {s.status.label}; менеджер: {manager}{reason}"
        )
        while self.pages.count():
            page = self.pages.widget(0)
            self.pages.removeWidget(page)
            page.deleteLater()
        self.fields.clear()
        active = s.status is Status.IN_REVIEW and s.review_id is not None and not s.finished
        self._in_review = active
        self.start_button.setVisible(
            s.status in (Status.CONDITIONAL_REFUSAL, Status.IN_REVIEW) and not active
        )
        self.start_button.setText(
            "Продолжить проверку" if s.status is Status.IN_REVIEW else "Начать проверку"
        )
        if active:
            self._loading = True
            for step in s.steps:
                self.pages.addWidget(self._step_page(step))
            self.pages.addWidget(self._verdict_page())
            self._loading = False
            self.go_to(min(s.current_step, self.pages.count() - 1), save=False)
        else:
            self.pages.addWidget(self._summary_page())
            self._update_nav()
        self.findings.setHtml(self._findings_html())
        self.record_button.setEnabled(active and self._mic is not None)
        self.attach_button.setEnabled(s.review_id is not None or active)

    def start(self) -> None:
        self._run(lambda: review.start_review(self.db, self._user(), self.deal_id), changed=True)

    def _run(self, action, *, changed: bool = False) -> bool:  # noqa: ANN001
        """Call a service; show its Russian message instead of raising."""
        try:
            action()
        except (TransitionError, MoneyError, LookupError) as exc:
            self.error.setText(exc.args[0] if isinstance(exc, KeyError) and exc.args else str(exc))
            return False
        self.error.clear()
        if changed:
            self.reload()
            self.deal_changed.emit(self.deal_id)
        return True

    def save(self, field_id: str, value: str | None) -> None:
        if not self._loading:
            self._run(lambda: review.save_answer(self.db, self._user(), self.deal_id, field_id, value))

    def go_to(self, index: int, *, save: bool = True) -> None:
        index = max(0, min(index, self.pages.count() - 1))
        self.pages.setCurrentIndex(index)
        self._update_nav()
        if self._in_review and index == self.pages.count() - 1:
            self._suggest_verdict()
        if save and self.state.review_id is not None and not self.state.finished:
            self._run(lambda: review.set_step(self.db, self._user(), self.deal_id, index))

    def _update_nav(self) -> None:
        many = self.pages.count() > 1
        index = self.pages.currentIndex()
        self.back_button.setVisible(many)
        self.next_button.setVisible(many)
        self.step_label.setVisible(many)
        self.back_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < self.pages.count() - 1)
        self.step_label.setText(f"Шаг {index + 1} из {self.pages.count()}")

    # --- pages -------------------------------------------------------------------------------

    def _step_page(self, step: FilledStep) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(f"<h3>{step.title}</h3>"))
        text = QLabel(step.text.strip())
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        text.setStyleSheet("font-size: 15pt; padding: 8px; background: #f4f7fb; border-radius: 6px;")
        text.setObjectName(f"script_{step.id}")
        layout.addWidget(text)
        gaps = [*step.missing, *step.unknown]
        if gaps:
            warn = QLabel("Не заполнено в тексте: " + ", ".join(f"[{g}]" for g in gaps) + " — назовите сами.")
            warn.setStyleSheet("color: #8a5a00;")
            layout.addWidget(warn)
        form = QFormLayout()
        for answer in step.fields:
            form.addRow(answer.label + (" *" if answer.required else ""), self._field(answer))
        layout.addLayout(form)
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
            edit.setFixedHeight(90)
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
            self.error.setText(str(exc))

    def _verdict_page(self) -> QWidget:
        answers = self.state.answers
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel("<h3>Вердикт</h3>"))
        self.verdict_group = QButtonGroup(page)
        self.confirmed_radio = QRadioButton(
            Verdict.REFUSAL_CONFIRMED.label + " — закрыть сделку как проигранную"
        )
        self.false_radio = QRadioButton(Verdict.FALSE_REFUSAL.label + " — вернуть в работу другому менеджеру")
        for radio, verdict in (
            (self.confirmed_radio, Verdict.REFUSAL_CONFIRMED),
            (self.false_radio, Verdict.FALSE_REFUSAL),
        ):
            self.verdict_group.addButton(radio)
            layout.addWidget(radio)
            radio.toggled.connect(lambda on, v=verdict: on and self.save("verdict", v.value))
        self.confirmed_radio.setChecked(answers.get("verdict") == Verdict.REFUSAL_CONFIRMED)
        self.false_radio.setChecked(answers.get("verdict") == Verdict.FALSE_REFUSAL)

        self.false_box = QGroupBox("Ложный отказ")
        form = QFormLayout(self.false_box)
        self.manager_box = QComboBox()
        self.manager_box.addItem("— выберите менеджера —", None)
        for manager in review.list_managers(self.db):
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
        form.addRow("Вернуть менеджеру", self.manager_box)
        form.addRow("Нарушение менеджера", self.violation_box)
        self.penalty_label = QLabel(self._penalty_text())
        form.addRow("Штраф", self.penalty_label)
        layout.addWidget(self.false_box)
        self.comment_edit = QLineEdit(answers.get("verdict.comment", ""))
        self.comment_edit.setPlaceholderText("комментарий к вердикту (обязателен для «Другое нарушение»)")
        self.comment_edit.textChanged.connect(lambda text: self.save("verdict.comment", text))
        layout.addWidget(self.comment_edit)
        self.verdict_button = QPushButton("Вынести вердикт")
        self.verdict_button.clicked.connect(self.submit_verdict)
        layout.addWidget(self.verdict_button)
        layout.addStretch(1)
        return page

    def _suggest_verdict(self) -> None:
        """No verdict chosen yet: follow the «клиент подтвердил причину» answer."""
        box = self.fields.get("reason_confirmed")
        if self.verdict_group.checkedButton() is not None or not isinstance(box, QComboBox):
            return
        radio = {"yes": self.confirmed_radio, "no": self.false_radio}.get(box.currentData())
        if radio is not None:
            radio.setChecked(True)

    def _penalty_text(self) -> str:
        manager = next((m for m in review.list_managers(self.db) if m.id == self.state.manager_id), None)
        if manager is None:
            return "—"
        salary = (
            "оклад не указан"
            if manager.salary is None
            else f"оклад {manager.salary:,.0f} ₽".replace(",", " ")
        )
        return f"{manager.penalty} ({manager.name}, {salary})"

    def submit_verdict(self) -> None:
        verdict = Verdict.FALSE_REFUSAL if self.false_radio.isChecked() else Verdict.REFUSAL_CONFIRMED
        if not (self.false_radio.isChecked() or self.confirmed_radio.isChecked()):
            self.error.setText("Выберите вердикт: отказ подтверждён или ложный отказ")
            return
        false = verdict is Verdict.FALSE_REFUSAL
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

    def _summary_page(self) -> QWidget:
        s = self.state
        if s.finished and s.verdict:
            text = f"Проверка завершена: <b>{Verdict(s.verdict).label}</b>."
        elif s.status is Status.CONDITIONAL_REFUSAL:
            text = "Менеджер перевёл сделку в условный отказ. Начните проверку, чтобы позвонить клиенту по скрипту."
        elif s.status is Status.IN_REVIEW:
            text = "Сделка на проверке. Продолжите проверку, чтобы позвонить клиенту по скрипту."
        else:
            text = f"Сделка в статусе «{s.status.label}»: проверять нечего."
        label = QLabel(text)
        label.setWordWrap(True)
        label.setObjectName("summary")
        return label

    # --- findings and the recorder ------------------------------------------------------------

    def _findings_html(self) -> str:
        from qa_desk.services.analysis import analyze

        try:
            with self.db.session() as session:
                result = analyze(session, self.deal_id)
        except Exception as exc:  # noqa: BLE001 - the wizard works without the engine
            return f"<p>Анализ недоступен: {exc}</p>"
        if result is None:
            return ""
        parts = [f"<p style='color:#b00020'><b>{f.get('message', '')}</b></p>" for f in result.flags]
        for q in result.questions:
            mark = "✔" if q.get("answered") else ("?" if q.get("asked") else "✘")
            status = (
                "ответ получен"
                if q.get("answered")
                else "спросили, ответа нет"
                if q.get("asked")
                else "не спрашивали"
            )
            parts.append(f"<p>{mark} <b>{q.get('title', q.get('id'))}</b>: {status}</p>")
        if result.untranscribed:
            parts.append(f"<p><i>Ещё не расшифровано записей: {result.untranscribed}</i></p>")
        return "".join(parts) or "<p>Расшифровок пока нет.</p>"

    def _recorder_box(self) -> QGroupBox:
        box = QGroupBox("Запись проверочного звонка")
        layout = QVBoxLayout(box)
        devices = rec.input_devices()
        self._mic = rec.default_input()
        self.line_box = QComboBox()
        self.line_box.addItem("нет (только микрофон)", None)
        for index, name in devices:
            if index != self._mic:
                self.line_box.addItem(name, index)
        self.record_button = QPushButton("● Записать звонок")
        self.record_button.clicked.connect(self.toggle_recording)
        self.attach_button = QPushButton("Прикрепить файл…")
        self.attach_button.clicked.connect(self._attach_dialog)
        self.record_status = QLabel("" if self._mic is not None else rec.NO_DEVICE)
        self.record_status.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Линия", self.line_box)
        layout.addLayout(form)
        layout.addWidget(self.record_button)
        layout.addWidget(self.attach_button)
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


def _str(value: object) -> str | None:
    return None if value is None else str(value)
