"""For each contract question: asked where, answered what, or never asked; plus the engine's flags.

Every quote is a link: activating it emits ``evidenceActivated(recording_id, seconds)``. What the
calls cannot show is said where it matters: each card names the calls nobody could check
(«звонок 2 не проверен: файл повреждён») and counts only the calls that were checked; a finding
the engine is unsure of reads «возможно»; an answer given in a later call says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from qa_desk.analysis.report import format_value
from qa_desk.analysis.russian import agree
from qa_desk.domain.findings import UNCHECKED, UNSUPPORTED, UncheckedCall, is_unsure, unchecked_calls
from qa_desk.domain.workspace import TimelineEntry
from qa_desk.ui import style
from qa_desk.ui.formatting import format_clock, format_day

SPEAKERS = {"manager": "менеджер", "client": "клиент", "unknown": "собеседник"}


@dataclass(frozen=True, slots=True)
class EvidenceRef:
    """One piece of evidence placed in the deal: for highlighting and F3 navigation."""

    question_index: int
    question_title: str
    kind: str  # asked | answer | evasion
    recording_id: int
    number: int  # the call's number in the deal, from 1
    order: int  # the call's place in the deal's timeline, from 0
    start: float
    end: float
    speaker: str
    quote: str


def next_evidence(evidence: list[EvidenceRef], order: int, seconds: float, step: int) -> EvidenceRef | None:
    """The evidence after (``step`` > 0) or before the position ``seconds`` of the call at ``order``."""
    if step > 0:
        return next((e for e in evidence if (e.order, e.start) > (order, seconds + 0.3)), None)
    return next((e for e in reversed(evidence) if (e.order, e.start) < (order, seconds - 0.3)), None)


def evidence_refs(analysis: Any, entries: list[TimelineEntry]) -> list[EvidenceRef]:
    """All evidence of a ``StoredAnalysis`` in deal order (call number, then time)."""
    numbers = {e.recording_id: e.number for e in entries}
    orders = {e.recording_id: i for i, e in enumerate(entries)}
    refs: list[EvidenceRef] = []
    for qi, question in enumerate(analysis.questions):
        for kind, key in (("asked", "asked_evidence"), ("answer", "answer_evidence"), ("evasion", "evasion_evidence")):
            for item in question.get(key, []) or []:
                rid = analysis.recording_id(int(item.get("recording", -1)))
                if rid is None or rid not in numbers:
                    continue
                refs.append(
                    EvidenceRef(
                        qi,
                        str(question.get("title", "")),
                        kind,
                        rid,
                        numbers[rid],
                        orders[rid],
                        float(item.get("start", 0.0)),
                        float(item.get("end", 0.0)),
                        str(item.get("speaker", "")),
                        str(item.get("quote", "")),
                    )
                )
    refs.sort(key=lambda r: (r.order, r.start, r.question_index))
    return refs


class QuestionsPanel(QScrollArea):
    evidenceActivated = Signal(int, float)  # noqa: N815 - Qt signal naming

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._body = QWidget()
        self._layout = QVBoxLayout(self._body)
        self._layout.setContentsMargins(0, 0, 6, 0)
        self._layout.setSpacing(8)
        self.setWidget(self._body)
        self.cards: list[QFrame] = []
        self.flag_banner: QFrame | None = None
        self.show_message("Вопросы договора появятся, когда звонки будут распознаны.")

    # --- content ---------------------------------------------------------------------------
    def _clear(self) -> None:
        while self._layout.count():
            item = self._layout.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.hide()
                widget.setParent(None)
                widget.deleteLater()
        self.cards, self.flag_banner = [], None

    def show_message(self, text: str) -> None:
        self._clear()
        label = QLabel(text)
        label.setObjectName("Muted")
        label.setWordWrap(True)
        self._layout.addWidget(label)
        self._layout.addStretch(1)

    def show_pending(self, calls: list[TimelineEntry]) -> None:
        """No manager's call is transcribed: say whether they will be, or why not."""
        unchecked = unchecked_calls(calls)
        if any(e.state.waiting for e in calls):
            text = "Звонки распознаются — вопросы договора появятся, как только будет готов первый звонок."
        elif unchecked:
            text = "Проверять нечего: " + "; ".join(c.text for c in unchecked) + "."
        else:
            text = "Нет распознанных звонков: проверять нечего."
        self.show_message(text)

    def show_analysis(self, analysis: Any, entries: list[TimelineEntry], refusal_reason: str = "") -> None:
        """``analysis`` is a ``StoredAnalysis``; ``entries`` the deal's timeline (callbacks are left out)."""
        self._clear()
        by_id = {e.recording_id: e for e in entries}
        calls = [e for e in entries if not e.is_callback]
        unchecked = unchecked_calls(calls)
        waiting = sum(1 for e in calls if e.state.waiting)
        checked = len(calls) - len(unchecked) - waiting
        flags = analysis.flags
        if flags:
            self.flag_banner = self._flag_banner(flags, refusal_reason)
            self._layout.addWidget(self.flag_banner)
        if unchecked or waiting:
            self._layout.addWidget(self._coverage_note(checked, len(calls), unchecked, waiting))
        for qi, question in enumerate(analysis.questions):
            card = self._question_card(qi, question, analysis, by_id, checked, unchecked)
            self.cards.append(card)
            self._layout.addWidget(card)
        self._layout.addStretch(1)

    @staticmethod
    def _coverage_note(checked: int, total: int, unchecked: list[UncheckedCall], waiting: int) -> QLabel:
        """«Проверено 2 из 3 звонков: звонок 2 не проверен: файл повреждён.»"""
        parts = [f"Проверено {checked} из {total} {agree('звонок', total, 'gent')}"]
        parts += [c.text for c in unchecked]
        if waiting:
            parts.append(f"ещё распознаётся: {waiting} — вывод предварительный")
        note = QLabel("; ".join(parts) + ".")
        note.setObjectName("Coverage")
        note.setStyleSheet(f"color:{style.WARNING if unchecked else style.MUTED}; font-weight:600;")
        note.setWordWrap(True)
        return note

    def _flag_banner(self, flags: list[dict[str, Any]], reason: str) -> QFrame:
        banner = QFrame()
        banner.setObjectName("FlagBanner")
        layout = QVBoxLayout(banner)
        layout.setContentsMargins(12, 8, 12, 8)
        codes = {f.get("code") for f in flags}
        unsure = all(is_unsure(f) for f in flags if f.get("code") == UNSUPPORTED)
        if UNSUPPORTED in codes and reason:
            text = f"⚠ Причина отказа «{escape(reason)}» {'возможно, ' if unsure else ''}не подтверждается звонками"
        elif UNCHECKED in codes and reason:
            text = f"⚠ Причину отказа «{escape(reason)}» по звонкам проверить нельзя"
        else:
            text = "⚠ Замечания к сделке"
        head = QLabel(text)
        head.setStyleSheet(f"color:{style.DANGER if UNSUPPORTED in codes else style.WARNING}; font-weight:700;")
        head.setWordWrap(True)
        layout.addWidget(head)
        for flag in flags:
            msg = QLabel(escape(str(flag.get("message", ""))))
            msg.setWordWrap(True)
            msg.setStyleSheet(f"color:{style.TEXT};")
            layout.addWidget(msg)
        return banner

    def _question_card(
        self,
        qi: int,
        q: dict[str, Any],
        analysis: Any,
        by_id: dict[int, TimelineEntry],
        checked: int,
        unchecked: list[UncheckedCall],
    ) -> QFrame:
        strong, soft = style.question_color(qi)
        card = QFrame()
        card.setObjectName("QuestionCard")
        card.setProperty("question_id", q.get("id"))
        card.setStyleSheet(f"QFrame#QuestionCard {{ border-left: 5px solid {strong.name()}; }}")
        layout = QVBoxLayout(card)
        layout.setContentsMargins(12, 8, 10, 8)
        layout.setSpacing(4)

        asked, answered = bool(q.get("asked")), bool(q.get("answered"))
        maybe = "возможно, " if is_unsure(q) else ""
        if answered:
            badge, color = maybe + "ответ получен", style.SUCCESS
        elif asked:
            badge, color = maybe + "спросили, ответа нет", style.WARNING
        else:
            badge, color = "не спрашивали", style.DANGER
        head = QHBoxLayout()
        name = QLabel(
            f"<span style='background:{soft.name()}; color:{strong.name()};'>&nbsp;■&nbsp;</span>&nbsp;"
            f"<b>{escape(str(q.get('title', '')))}</b>"
        )
        status = QLabel(badge)
        status.setObjectName("Badge")
        status.setStyleSheet(f"color:{color}; font-weight:600;")
        head.addWidget(name, 1)
        head.addWidget(status)
        layout.addLayout(head)

        if answered:
            big = q.get("answer_kind") in ("money", "yes_no", "person", "timing")
            size = "12pt" if big else "10pt"
            value = QLabel(f"Ответ: <b style='font-size:{size}'>{escape(format_value(q.get('value')))}</b>")
            value.setWordWrap(True)
            value.setObjectName("AnswerValue")
            layout.addWidget(value)
        lines: list[str] = []
        for item in (q.get("asked_evidence") or [])[:1]:
            lines.append(self._evidence_line("Спросили", item, analysis, by_id))
        for item in (q.get("answer_evidence") or [])[-1:]:
            what = "Ответ в более позднем звонке" if item.get("later_call") else "Ответ"
            lines.append(self._evidence_line(what, item, analysis, by_id))
        if not answered:
            for item in (q.get("evasion_evidence") or [])[:1]:
                lines.append(self._evidence_line("Ушёл от ответа", item, analysis, by_id))
        if not asked and not answered:
            never = QLabel(_never_asked(checked, bool(unchecked)))
            never.setObjectName("NeverAsked")
            never.setStyleSheet(f"color:{style.DANGER}; font-weight:600;")
            never.setWordWrap(True)
            layout.addWidget(never)
        if unchecked and not answered:
            gap = QLabel("; ".join(c.text for c in unchecked))
            gap.setObjectName("Unchecked")
            gap.setStyleSheet(f"color:{style.WARNING};")
            gap.setWordWrap(True)
            layout.addWidget(gap)
        for html in lines:
            label = QLabel(html)
            label.setObjectName("Evidence")
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
            label.linkActivated.connect(self._link)
            layout.addWidget(label)
        return card

    @staticmethod
    def _evidence_line(what: str, item: dict[str, Any], analysis: Any, by_id: dict[int, TimelineEntry]) -> str:
        rid = analysis.recording_id(int(item.get("recording", -1)))
        entry = by_id.get(rid) if rid is not None else None
        start = float(item.get("start", 0.0))
        where = (
            f"звонок {entry.number} ({format_day(entry.started_at)}), {format_clock(start)}"
            if entry
            else f"{format_clock(start)}"
        )
        who = SPEAKERS.get(str(item.get("speaker")), "")
        quote = escape(str(item.get("quote", "")))
        if is_unsure(item):
            what = "Возможно, " + what[:1].lower() + what[1:]
        href = f"ev:{rid}:{start:.2f}"
        return (
            f"<span style='color:{style.MUTED}'>{what}: {where}, {who}</span><br>"
            f"<a href='{href}' style='color:{style.ACCENT}; text-decoration:none;'>▶ «{quote}»</a>"
        )

    def _link(self, href: str) -> None:
        _, rid, seconds = href.split(":")
        if rid != "None":
            self.evidenceActivated.emit(int(rid), float(seconds))

    # --- tests and shortcuts ---------------------------------------------------------------
    def evidence_links(self) -> list[str]:
        """Hrefs of every evidence link, top to bottom."""
        out: list[str] = []
        for card in self.cards:
            for label in card.findChildren(QLabel, "Evidence"):
                text = label.text()
                start = text.find("href='") + 6
                out.append(text[start : text.index("'", start)])
        return out

    def activate(self, href: str) -> None:
        """Same as clicking the link."""
        self._link(href)


def _never_asked(checked: int, some_unchecked: bool) -> str:
    """«Не спрашивали ни в одном из 3 звонков» — only the calls that were checked are counted."""
    if checked <= 0:
        return "Не спрашивали: ни один звонок не проверен"
    of = "проверенных " if some_unchecked else ""
    if checked == 1:
        return f"Не спрашивали в единственном {'проверенном ' if some_unchecked else ''}звонке"
    return f"Не спрашивали ни в одном из {checked} {of}{agree('звонок', checked, 'gent')}"
