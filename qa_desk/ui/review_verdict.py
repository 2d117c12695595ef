"""The wizard's last step: the verdict, its choices, and what it will do before it is given.

"What will happen" is the review service's dry run of the verdict (``preview_verdict``): the same
domain function plans the preview and the verdict itself, so they cannot differ.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from qa_desk.domain.verdict_preview import VerdictChoice, VerdictPreview
from qa_desk.domain.verdicts import Verdict, ViolationKind, format_money
from qa_desk.services import Services
from qa_desk.services.errors import USER_ERRORS, message
from qa_desk.services.review import ReviewState
from qa_desk.ui import style

Save = Callable[[str, str | None], None]
NO_CHOICE = "Выберите вердикт — здесь появится, что произойдёт со сделкой."


class VerdictPage(QWidget):
    fieldRequested = Signal(str)  # noqa: N815 - «Сначала заполните: …» was clicked: show that answer

    def __init__(self, services: Services, state: ReviewState, save: Save) -> None:
        super().__init__()
        self.services, self.state = services, state
        self._field_ids = {f.label: f.id for step in state.steps for f in step.fields}
        answers = state.answers
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 6, 4)
        self.group = QButtonGroup(self)
        self.confirmed_radio = QRadioButton(Verdict.REFUSAL_CONFIRMED.label + " — клиент подтвердил причину")
        self.false_radio = QRadioButton(Verdict.FALSE_REFUSAL.label + " — причина не подтвердилась")
        for radio, verdict in (
            (self.confirmed_radio, Verdict.REFUSAL_CONFIRMED),
            (self.false_radio, Verdict.FALSE_REFUSAL),
        ):
            self.group.addButton(radio)
            layout.addWidget(radio)
            radio.toggled.connect(lambda on, v=verdict: on and save("verdict", v.value))
        self.confirmed_radio.setChecked(answers.get("verdict") == Verdict.REFUSAL_CONFIRMED)
        self.false_radio.setChecked(answers.get("verdict") == Verdict.FALSE_REFUSAL)

        self.false_box = QWidget()
        form = QFormLayout(self.false_box)
        form.setContentsMargins(24, 0, 0, 0)
        self.manager_box = QComboBox()
        self.manager_box.addItem("— выберите менеджера —", None)
        self.managers = {m.id: m for m in services.managers.active()}
        for manager in self.managers.values():
            if manager.id != state.manager_id:
                self.manager_box.addItem(manager.name, manager.id)
        saved = answers.get("verdict.new_manager")
        if saved and saved.isdigit():
            self.manager_box.setCurrentIndex(max(0, self.manager_box.findData(int(saved))))
        self.manager_box.currentIndexChanged.connect(
            lambda _i: save("verdict.new_manager", _str(self.manager_box.currentData()))
        )
        self.violation_box = QComboBox()
        self.violation_box.addItem("— выберите нарушение —", None)
        for kind in ViolationKind:
            self.violation_box.addItem(kind.label, kind.value)
        self.violation_box.setCurrentIndex(max(0, self.violation_box.findData(answers.get("verdict.violation"))))
        self.violation_box.currentIndexChanged.connect(
            lambda _i: save("verdict.violation", self.violation_box.currentData())
        )
        self.penalty_box = self._penalty_box(answers.get("verdict.penalty_percent"), save)
        form.addRow("Передать менеджеру", self.manager_box)
        form.addRow("Нарушение", self.violation_box)
        if self.penalty_box is not None:
            form.addRow("Штраф, % оклада", self.penalty_box)
        layout.addWidget(self.false_box)
        self.comment_edit = QLineEdit(answers.get("verdict.comment", ""))
        self.comment_edit.setPlaceholderText("комментарий к вердикту (обязателен для «Другое нарушение»)")
        self.comment_edit.textChanged.connect(lambda text: save("verdict.comment", text))
        layout.addWidget(self.comment_edit)
        self.consequences = QLabel()
        self.consequences.setWordWrap(True)
        self.consequences.setTextFormat(Qt.TextFormat.RichText)
        self.consequences.setObjectName("consequences")
        self.consequences.linkActivated.connect(lambda href: self.fieldRequested.emit(href.removeprefix("field:")))
        self.consequences.setStyleSheet(
            f"background: {style.PANEL}; border: 1px solid {style.BORDER}; border-radius: 6px; padding: 8px;"
        )
        layout.addWidget(self.consequences)
        layout.addStretch(1)

    def _penalty_box(self, saved: str | None, save: Save) -> QDoubleSpinBox | None:
        """The penalty in % of salary, from the manager's rule up (never under the company's minimum);
        ``None`` when the manager's penalty is a fixed amount (or hidden)."""
        manager = self.managers.get(self.state.manager_id) if self.state.manager_id is not None else None
        if manager is None or manager.rule is None or manager.rule.percent is None:
            return None
        settings = self.services.settings.current()
        box = QDoubleSpinBox()
        box.setRange(float(settings.penalty_min_percent), 100.0)
        box.setDecimals(1)
        box.setSingleStep(0.5)
        box.setSuffix(" %")
        box.setValue(float(saved.replace(",", ".")) if saved else float(manager.rule.percent))
        box.setToolTip(
            f"По правилам компании — не меньше {settings.penalty_min_percent} % оклада; "
            f"правило менеджера: {manager.rule.label}"
        )
        box.valueChanged.connect(lambda value: save("verdict.penalty_percent", f"{value:g}"))
        return box

    # --- the choice ---------------------------------------------------------------------------
    def verdict(self) -> Verdict | None:
        if self.false_radio.isChecked():
            return Verdict.FALSE_REFUSAL
        return Verdict.REFUSAL_CONFIRMED if self.confirmed_radio.isChecked() else None

    def choice(self, verdict: Verdict) -> VerdictChoice:
        """The verdict as chosen on this page."""
        false = verdict is Verdict.FALSE_REFUSAL
        return VerdictChoice(
            verdict,
            new_manager_id=self.manager_box.currentData() if false else None,
            violation=self.violation_box.currentData() if false else None,
            comment=self.comment_edit.text().strip() or None,
            penalty_percent=Decimal(f"{self.penalty_box.value():g}") if false and self.penalty_box is not None else None,
        )

    def suggest(self, reason_confirmed: str | None) -> None:
        """No verdict chosen yet: follow the «клиент подтвердил причину» answer."""
        if self.group.checkedButton() is not None:
            return
        radio = {"yes": self.confirmed_radio, "no": self.false_radio}.get(reason_confirmed or "")
        if radio is not None:
            radio.setChecked(True)

    # --- what will happen ---------------------------------------------------------------------
    def update(self, budget_text: str | None) -> str:
        """Spell out what the chosen verdict will do; returns the verdict button's text."""
        verdict = self.verdict()
        self.false_box.setVisible(verdict is not Verdict.REFUSAL_CONFIRMED)
        if verdict is None:
            self.consequences.setText(NO_CHOICE)
            return "Вынести вердикт"
        try:
            preview = self.services.review.preview_verdict(self.state.deal_id, self.choice(verdict))
        except USER_ERRORS as exc:
            self.consequences.setText(f"<span style='color:{style.DANGER}'>{escape(message(exc))}</span>")
            return "Вынести вердикт"
        false = verdict is Verdict.FALSE_REFUSAL
        lines = self._false_lines(preview) if false else self._confirmed_lines(preview)
        lines += _facts_lines(preview, budget_text)
        lines.append("вердикт и всё перечисленное запишутся в историю сделки.")
        links = ", ".join(
            f"<a href='field:{self._field_ids.get(label, '')}' style='color:{style.DANGER}'>{escape(label)}</a>"
            for label in preview.missing
        )
        warn = f"<p style='color:{style.DANGER}'><b>Сначала заполните:</b> {links}</p>" if preview.missing else ""
        self.consequences.setText(
            "<b>Что произойдёт:</b><ul style='margin-left:-20px'>"
            + "".join(f"<li>{line}</li>" for line in lines)
            + "</ul>"
            + warn
        )
        return "Вернуть сделку в работу" if false else "Подтвердить отказ и закрыть сделку"

    def _confirmed_lines(self, preview: VerdictPreview) -> list[str]:
        reason = preview.refusal_reason or self.state.refusal_reason or "—"
        return [
            f"сделка закроется со статусом «{preview.target.label}», причина отказа «{escape(reason)}»;",
            f"менеджер {escape(self.state.manager_name or '—')} остаётся без штрафа;",
        ]

    def _false_lines(self, preview: VerdictPreview) -> list[str]:
        new = self.managers.get(preview.manager_id) if preview.manager_id is not None else None
        who = f"её поведёт <b>{escape(new.name)}</b>" if new else "выберите, кто её поведёт"
        lines = [f"сделка вернётся в работу (статус «{preview.target.label}»), {who};"]
        quote = preview.penalty
        if quote is None:
            return [*lines, "у сделки нет менеджера — штраф записать не на кого;"]
        old = escape(self.state.manager_name or "—")
        kind = preview.violation
        why = f" за нарушение «{kind.label}»" if kind else " (выберите нарушение)"
        if quote.amount is None:
            lines.append(
                f"<b>{old}</b>: штраф {quote.rule.label} — <span style='color:{style.DANGER}'>"
                "оклад не указан, посчитать штраф нельзя</span>;"
            )
        else:
            lines.append(f"<b>{old}</b> получит штраф <b>{format_money(quote.amount)}</b> ({quote.basis}){why};")
        return lines


def _facts_lines(preview: VerdictPreview, budget_text: str | None) -> list[str]:
    facts = []
    if preview.facts_problem is not None:
        raw = escape(budget_text or "")
        facts.append(f"<span style='color:{style.DANGER}'>бюджет «{raw}» — не сумма</span>")
    elif preview.facts is not None and preview.facts.budget is not None:
        facts.append(f"бюджет {format_money(preview.facts.budget)}")
    if preview.facts is not None and preview.facts.timing:
        facts.append(f"сроки «{escape(preview.facts.timing)}»")
    return [f"со слов клиента в сделку запишутся: {', '.join(facts)};"] if facts else []


def _str(value: object) -> str | None:
    return None if value is None else str(value)
