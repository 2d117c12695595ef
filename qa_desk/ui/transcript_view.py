"""The whole deal as one continuous, speaker-labelled story, with call headers between calls.

The text is rendered once as HTML (one paragraph per turn, no per-word markup, so an hour of
speech parses quickly). Every word's place is remembered as (block, offset), so the word being
spoken and the question evidence are drawn as *extra selections*: highlighting never re-renders.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from html import escape

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextEdit, QToolTip, QWidget

from qa_desk.domain.recordings import RecordingState
from qa_desk.domain.workspace import CallTranscript, Turn
from qa_desk.ui import style
from qa_desk.ui.formatting import channels_label, format_clock, format_day, format_duration

NBSP = "\u00a0"
SPEAKER_CLASSES = {"manager": "m", "client": "c", "unknown": "u"}
# On QC's callback the «manager» channel is the controller calling.
CALLBACK_LABELS = {**style.SPEAKER_LABELS, "manager": "Контролёр"}
# Classes, not inline styles: Qt parses a class rule once, an inline style per element (6× slower).
DOCUMENT_CSS = f"""
p {{ margin-top: 2px; margin-bottom: 7px; }}
p.m {{ color: #1d2b3f; }}
p.c {{ color: #1c3320; margin-left: 36px; }}
p.u {{ color: {style.TEXT}; }}
p.h {{ margin-top: 18px; margin-bottom: 8px; background-color: #e9eef6; color: {style.TEXT};
       font-size: 11pt; font-weight: 600; }}
p.k {{ margin-top: 18px; margin-bottom: 8px; background-color: #e2f1e3; color: {style.SUCCESS};
       font-size: 11pt; font-weight: 600; }}
p.n {{ color: {style.MUTED}; font-style: italic; margin-bottom: 8px; }}
p.e {{ color: {style.DANGER}; font-style: italic; margin-bottom: 8px; }}
span.t {{ color: {style.MUTED}; font-size: 8pt; }}
span.lm {{ color: {style.SPEAKER_COLORS["manager"]}; font-weight: 600; }}
span.lc {{ color: {style.SPEAKER_COLORS["client"]}; font-weight: 600; }}
span.lu {{ color: {style.SPEAKER_COLORS["unknown"]}; font-weight: 600; }}
"""


@dataclass(slots=True)
class WordRef:
    recording_id: int
    start_ms: int
    end_ms: int
    speaker: str
    block: int
    offset: int
    length: int
    text: str


@dataclass(frozen=True, slots=True)
class Highlight:
    """A stretch of speech to colour: one piece of question evidence."""

    recording_id: int
    start: float
    end: float
    speaker: str
    color: QColor
    tooltip: str = ""


class TranscriptView(QTextEdit):
    """Read-only transcript; a click on a word emits ``wordClicked(recording_id, seconds)``."""

    wordClicked = Signal(int, float)  # noqa: N815 - Qt signal naming

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setMouseTracking(True)
        self.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
        self.setPlaceholderText("Выберите сделку, чтобы прочитать её звонки.")
        self._words: dict[int, list[WordRef]] = {}  # per recording, by start time
        self._starts: dict[int, list[int]] = {}
        self._blocks: dict[int, list[WordRef]] = {}  # per block, by offset
        self._call_blocks: dict[int, int] = {}
        self._highlights: list[tuple[QTextCursor, QTextCharFormat, str]] = []
        self._current: WordRef | None = None
        self._press: QPoint | None = None
        self.follow = True

    # --- rendering -------------------------------------------------------------------------
    def set_calls(self, calls: list[CallTranscript]) -> None:
        """Render the deal; keeps the scroll position when the same deal is re-rendered."""
        bar = self.verticalScrollBar()
        scroll = bar.value()
        same = bool(self._call_blocks) and set(self._call_blocks) == {c.entry.recording_id for c in calls}
        self._words, self._starts, self._blocks, self._call_blocks = {}, {}, {}, {}
        self._highlights, self._current = [], None
        parts: list[str] = []
        block = 0
        total = sum(1 for c in calls if not c.entry.is_callback)
        for call in calls:
            parts.append(self._call_header(call, total))
            self._call_blocks[call.entry.recording_id] = block
            block += 1
            note = self._call_note(call)
            if note:
                parts.append(note)
                block += 1
                continue
            for turn in call.turns:
                parts.append(self._turn_html(call.entry.recording_id, turn, block, call.entry.is_callback))
                block += 1
        self._replace_document("".join(parts))
        for rid, words in self._words.items():
            words.sort(key=lambda w: w.start_ms)
            self._starts[rid] = [w.start_ms for w in words]
        self._apply_selections()
        if same:
            bar.setValue(scroll)

    @staticmethod
    def _call_header(call: CallTranscript, total: int) -> str:
        e = call.entry
        what = f"{e.title} · контроль качества" if e.is_callback else f"Звонок {e.number} из {total}"
        text = f"{what} · {format_day(e.started_at)} · {format_duration(e.duration_ms)} · {channels_label(e.channels)}"
        return f"<p class={'k' if e.is_callback else 'h'}>{escape(text)}</p>"

    @staticmethod
    def _call_note(call: CallTranscript) -> str:
        e = call.entry
        if e.state == RecordingState.FAILED:
            error = escape(e.error or "неизвестная ошибка")
            return f"<p class=e>Запись не обработана — {error}</p>"
        if not call.transcribed:
            queued = " — он в очереди на распознавание" if e.state == RecordingState.PROCESSING else ""
            return f"<p class=n>Звонок ещё не распознан{queued}. Текст появится здесь, как только распознавание закончится.</p>"
        if not call.turns:
            return "<p class=n>В записи не найдено речи.</p>"
        return ""

    def _turn_html(self, recording_id: int, turn: Turn, block: int, callback: bool = False) -> str:
        labels = CALLBACK_LABELS if callback else style.SPEAKER_LABELS
        label = labels.get(turn.speaker, turn.speaker)
        clock = format_clock(turn.start_ms / 1000)
        prefix_len = len(label) + 1 + len(clock) + 2
        refs: list[WordRef] = []
        texts: list[str] = []
        offset = prefix_len
        for w in turn.words:
            if not w.text:
                continue
            refs.append(WordRef(recording_id, w.start_ms, w.end_ms, turn.speaker, block, offset, len(w.text), w.text))
            texts.append(w.text)
            offset += len(w.text) + 1
        body = " ".join(texts) if refs else turn.text.strip()
        if not refs:  # no word timings: the whole turn is one clickable "word"
            refs.append(
                WordRef(recording_id, turn.start_ms, turn.end_ms, turn.speaker, block, prefix_len, len(body), body)
            )
        self._blocks[block] = refs
        self._words.setdefault(recording_id, []).extend(refs)
        cls = SPEAKER_CLASSES.get(turn.speaker, "u")
        return f"<p class={cls}><span class=l{cls}>{escape(label)}</span>{NBSP}<span class=t>{clock}</span>{NBSP}{NBSP}{escape(body)}</p>"

    def _replace_document(self, html: str) -> None:
        """Parse into a detached document, then swap it in: no layout work while parsing."""
        doc = QTextDocument(self)
        doc.setDocumentMargin(14)
        doc.setDefaultFont(self.font())
        doc.setDefaultStyleSheet(DOCUMENT_CSS)
        doc.setUndoRedoEnabled(False)
        doc.setHtml(html)
        self.setDocument(doc)  # the previous document, our child, is deleted by Qt

    # --- positions -------------------------------------------------------------------------
    def _cursor(self, block: int, offset: int, length: int) -> QTextCursor:
        doc: QTextDocument = self.document()
        start = doc.findBlockByNumber(block).position() + offset
        cursor = QTextCursor(doc)
        cursor.setPosition(start)
        cursor.setPosition(start + length, QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def word_at(self, recording_id: int, seconds: float) -> WordRef | None:
        """The word being spoken at ``seconds`` (or the last one started before it)."""
        starts = self._starts.get(recording_id)
        if not starts:
            return None
        i = bisect.bisect_right(starts, int(seconds * 1000)) - 1
        return self._words[recording_id][max(i, 0)]

    def word_text(self, ref: WordRef) -> str:
        """The document's text at the word's place (tests check it equals ``ref.text``)."""
        return self._cursor(ref.block, ref.offset, ref.length).selectedText()

    def words_of(self, recording_id: int) -> list[WordRef]:
        return list(self._words.get(recording_id, []))

    def _ref_at(self, pos: QPoint) -> WordRef | None:
        cursor = self.cursorForPosition(pos)
        refs = self._blocks.get(cursor.block().blockNumber())
        if not refs:
            return None
        col = cursor.positionInBlock()
        offsets = [r.offset for r in refs]
        i = max(bisect.bisect_right(offsets, col) - 1, 0)
        return refs[i]

    # --- highlighting ----------------------------------------------------------------------
    def set_highlights(self, highlights: list[Highlight]) -> None:
        """Colour the evidence: every word of the speaker inside [start, end] of that call."""
        self._highlights = []
        batch = QTextCursor(self.document())
        batch.beginEditBlock()  # cursors made inside an edit block skip the layout lookup
        for h in highlights:
            lo, hi = int(h.start * 1000) - 60, int(h.end * 1000) + 60
            spans: dict[int, list[WordRef]] = {}
            for ref in self._words.get(h.recording_id, []):
                if ref.start_ms < hi and ref.end_ms > lo and (h.speaker in ("", ref.speaker)):
                    spans.setdefault(ref.block, []).append(ref)
            fmt = QTextCharFormat()
            fmt.setBackground(h.color)
            for refs in spans.values():
                first, last = min(refs, key=lambda r: r.offset), max(refs, key=lambda r: r.offset)
                cursor = self._cursor(first.block, first.offset, last.offset + last.length - first.offset)
                self._highlights.append((cursor, fmt, h.tooltip))
        batch.endEditBlock()
        self._apply_selections()

    def set_current(self, recording_id: int, seconds: float) -> WordRef | None:
        """Mark the word being spoken and keep it in view."""
        ref = self.word_at(recording_id, seconds)
        if ref is self._current:
            return ref
        self._current = ref
        self._apply_selections()
        if ref is not None and self.follow:
            self._ensure_visible(self._cursor(ref.block, ref.offset, ref.length))
        return ref

    def clear_current(self) -> None:
        self._current = None
        self._apply_selections()

    @property
    def current(self) -> WordRef | None:
        return self._current

    def _apply_selections(self) -> None:
        selections = []
        for cursor, fmt, _tip in self._highlights:
            sel = QTextEdit.ExtraSelection()
            sel.cursor, sel.format = cursor, fmt  # type: ignore[misc]
            selections.append(sel)
        if self._current is not None:
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(style.CURRENT_WORD_BG))
            fmt.setForeground(QColor(style.CURRENT_WORD_FG))
            sel = QTextEdit.ExtraSelection()
            sel.cursor = self._cursor(self._current.block, self._current.offset, self._current.length)  # type: ignore[misc]
            sel.format = fmt  # type: ignore[misc]
            selections.append(sel)
        self.setExtraSelections(selections)

    def _ensure_visible(self, cursor: QTextCursor) -> None:
        rect = self.cursorRect(cursor)
        view = self.viewport().rect()
        if rect.top() < view.top() + 20 or rect.bottom() > view.bottom() - 20:
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() + rect.center().y() - view.height() // 3)

    def scroll_to(self, recording_id: int, seconds: float | None = None) -> None:
        """Bring a call (its header, or the word at ``seconds``) into view."""
        ref = self.word_at(recording_id, seconds) if seconds is not None else None
        if ref is not None:
            cursor = self._cursor(ref.block, ref.offset, ref.length)
        elif recording_id in self._call_blocks:
            cursor = self._cursor(self._call_blocks[recording_id], 0, 0)
        else:
            return
        rect = self.cursorRect(cursor)
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + rect.top() - (self.viewport().height() // 3 if ref else 8))

    # --- mouse -----------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        super().mouseReleaseEvent(event)
        pos = event.position().toPoint()
        if event.button() != Qt.MouseButton.LeftButton or self.textCursor().hasSelection():
            return
        if self._press is not None and (pos - self._press).manhattanLength() > 4:
            return
        ref = self._ref_at(pos)
        if ref is not None:
            self.wordClicked.emit(ref.recording_id, ref.start_ms / 1000)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        super().mouseMoveEvent(event)
        if event.buttons() != Qt.MouseButton.NoButton or not self._highlights:
            return
        position = self.cursorForPosition(event.position().toPoint()).position()
        tip = next((t for c, _f, t in self._highlights if t and c.selectionStart() <= position < c.selectionEnd()), "")
        if tip:
            QToolTip.showText(event.globalPosition().toPoint(), tip, self)
        else:
            QToolTip.hideText()

    def click_word(self, ref: WordRef) -> None:
        """What a mouse click on the word does (used by keyboard actions and tests)."""
        self.wordClicked.emit(ref.recording_id, ref.start_ms / 1000)

    def word_point(self, ref: WordRef) -> QPoint:
        """Viewport point in the middle of a word (for simulated clicks)."""
        return self.cursorRect(self._cursor(ref.block, ref.offset + max(ref.length // 2, 1), 0)).center()

