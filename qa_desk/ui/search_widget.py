"""Global search across all transcripts, as you type, with a preview of each result.

Enter in the box searches and moves into the results; ↑/↓ (or a single click) select a result and
show the deal and the talk around it beside the list; Enter, a double click or «Открыть сделку»
opens the deal at that second — ready to play, never playing by itself.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAbstractTextDocumentLayout, QKeyEvent, QPainter, QTextDocument
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from qa_desk.domain.russian import count
from qa_desk.services import Services
from qa_desk.services.errors import ServiceError
from qa_desk.services.search import HitPreview, SearchHit
from qa_desk.ui import style
from qa_desk.ui.formatting import format_clock, format_day, format_money
from qa_desk.ui.widgets import ElidedLabel

DEBOUNCE_MS = 250
HIT_ROLE = Qt.ItemDataRole.UserRole
HTML_ROLE = Qt.ItemDataRole.UserRole + 1
SPEAKERS = {"manager": "менеджер", "client": "клиент", "unknown": "говорящий"}


def quote_html(hit: SearchHit) -> str:
    """The quote with the matched words in bold."""
    parts, last = [], 0
    for start, end in hit.spans:
        parts.append(escape(hit.quote[last:start]))
        parts.append(f"<b>{escape(hit.quote[start:end])}</b>")
        last = end
    parts.append(escape(hit.quote[last:]))
    return "".join(parts)


def where_text(hit: SearchHit) -> str:
    """``Сделка D-17 «Поставка» · звонок 5 марта, 14:22 · 0:42 · клиент``."""
    deal = f"Сделка {hit.deal_external_id}" + (f" «{hit.deal_title}»" if hit.deal_title else "")
    return (
        f"{deal} · звонок {format_day(hit.call_started_at)} · {format_clock(hit.seconds)} · "
        f"{SPEAKERS.get(hit.speaker, hit.speaker)}"
    )


class _HtmlDelegate(QStyledItemDelegate):
    """Paints an item's ``HTML_ROLE`` rich text (for bold matches) instead of its plain text."""

    def _document(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setHtml(index.data(HTML_ROLE) or escape(index.data(Qt.ItemDataRole.DisplayRole) or ""))
        doc.setTextWidth(max(option.rect.width(), 200))
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:  # noqa: ANN001
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        doc = self._document(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QStyle()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        ctx = QAbstractTextDocumentLayout.PaintContext()
        if opt.state & QStyle.StateFlag.State_Selected:
            ctx.palette.setColor(ctx.palette.ColorRole.Text, opt.palette.highlightedText().color())
        painter.save()
        painter.translate(opt.rect.topLeft())
        painter.setClipRect(opt.rect.translated(-opt.rect.topLeft()))
        doc.documentLayout().draw(painter, ctx)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:  # noqa: ANN001
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        doc = self._document(opt, index)
        return QSize(round(doc.idealWidth()), round(doc.size().height()) + 4)


class SearchWidget(QWidget):
    """Search box, results and a preview; ``hitActivated(deal_id, recording_id, seconds)`` opens one."""

    hitActivated = Signal(int, int, float)
    searchFinished = Signal(int)  # number of hits shown, after each search

    def __init__(self, services: Services, parent: QWidget | None = None, *, limit: int = 50) -> None:
        super().__init__(parent)
        self.services = services
        self.limit = limit
        self.input = QLineEdit(self)
        self.input.setPlaceholderText('Поиск по всем звонкам: слово в любой форме или "фраза"')
        self.input.setClearButtonEnabled(True)
        self.input.installEventFilter(self)
        self.status = QLabel(self)
        self.status.setObjectName("Muted")
        hint = ElidedLabel("↑/↓ — по результатам · Enter или двойной щелчок — открыть сделку на этом месте")
        hint.setObjectName("Muted")
        hint.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.results = QListWidget(self)
        self.results.setItemDelegate(_HtmlDelegate(self.results))
        self.results.setWordWrap(True)
        self.results.setAlternatingRowColors(True)
        self.results.setToolTip("Щелчок — показать рядом; двойной щелчок или Enter — открыть сделку на этом месте")
        self.preview = QLabel()
        self.preview.setObjectName("Preview")
        self.preview.setWordWrap(True)
        self.preview.setTextFormat(Qt.TextFormat.RichText)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.preview.setStyleSheet(
            f"QLabel#Preview {{ background: {style.PANEL}; border: 1px solid {style.BORDER}; border-radius: 6px; padding: 10px; }}"
        )
        self.open_button = QPushButton("Открыть сделку на этом месте")
        self.open_button.setObjectName("Primary")
        self.open_button.clicked.connect(lambda: self._activate(self.results.currentItem()))
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.preview, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        side_layout.addLayout(buttons)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.results)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.input)
        row = QHBoxLayout()
        row.addWidget(self.status)
        row.addWidget(hint, 1)
        layout.addLayout(row)
        layout.addWidget(split, 1)
        self._show_preview(None)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.run_search)
        self.input.textChanged.connect(lambda _text: self._debounce.start())
        self.input.returnPressed.connect(self._on_return)
        self.results.itemActivated.connect(self._activate)
        self.results.currentItemChanged.connect(lambda item, _old: self._show_preview(item))

    def set_query(self, text: str) -> None:
        """Show ``text`` in the box and search at once."""
        self.input.setText(text)
        self.run_search()

    def hits(self) -> list[SearchHit]:
        return [self.results.item(i).data(HIT_ROLE) for i in range(self.results.count())]

    def run_search(self) -> None:
        self._debounce.stop()
        query = self.input.text().strip()
        self.results.clear()
        hits: list[SearchHit] = []
        if query:
            try:
                hits = self.services.search.search(query, limit=self.limit)
            except ServiceError as exc:
                self.status.setText(str(exc))
                self.searchFinished.emit(0)
                return
        for hit in hits:
            item = QListWidgetItem(f"{hit.quote}\n{where_text(hit)}")
            item.setData(HIT_ROLE, hit)
            item.setData(
                HTML_ROLE, f"{quote_html(hit)}<br><span style='color:#666'>{escape(where_text(hit))}</span>"
            )
            self.results.addItem(item)
        if not query:
            self.status.setText("")
        elif hits:
            more = " (показаны первые)" if len(hits) >= self.limit else ""
            self.status.setText(f"Найдено: {count(len(hits), ('фрагмент', 'фрагмента', 'фрагментов'))}{more}")
        else:
            self.status.setText("Ничего не найдено")
        self._show_preview(None)
        self.searchFinished.emit(len(hits))

    def _on_return(self) -> None:
        """Enter in the box: search (if the text changed) and move into the results; never opens."""
        if self._debounce.isActive() or self.results.count() == 0:
            self.run_search()
        if self.results.count():
            self.results.setFocus()
            if self.results.currentItem() is None:
                self.results.setCurrentRow(0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """↓ in the box goes down into the results."""
        if watched is self.input and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() == Qt.Key.Key_Down and self.results.count():
                self.results.setFocus()
                self.results.setCurrentRow(max(self.results.currentRow(), 0))
                return True
        return super().eventFilter(watched, event)

    def _show_preview(self, item: QListWidgetItem | None) -> None:
        hit: SearchHit | None = item.data(HIT_ROLE) if item is not None else None
        self.open_button.setEnabled(hit is not None)
        preview = self.services.search.preview(hit) if hit is not None else None
        if hit is None or preview is None:
            self.preview.setText(
                f"<span style='color:{style.MUTED}'>Выберите результат — здесь появится сделка "
                "и разговор вокруг найденного места.</span>"
            )
            return
        self.preview.setText(preview_html(hit, preview))

    def _activate(self, item: QListWidgetItem | None) -> None:
        hit: SearchHit | None = item.data(HIT_ROLE) if item is not None else None
        if hit is not None:
            self.hitActivated.emit(hit.deal_id, hit.recording_id, hit.seconds)


def preview_html(hit: SearchHit, preview: HitPreview) -> str:
    """The deal (title, client, manager, status, reason) and the turns around the hit, the hit in bold."""
    card = preview.card
    facts = " · ".join(
        p for p in (card.client, card.manager, card.status_label, format_money(card.amount, card.currency)) if p and p != "—"
    )
    reason = f"<br>Причина отказа: <b>{escape(card.refusal_reason)}</b>" if card.refusal_reason else ""
    call = preview.call.title if preview.call is not None else "Звонок"
    lines = []
    for i, turn in enumerate(preview.turns):
        who = SPEAKERS.get(turn.speaker, turn.speaker).capitalize()
        text = quote_html(hit) if i == preview.hit else escape(turn.text)
        style_ = f"background:{style.WARNING_BG};" if i == preview.hit else ""
        lines.append(
            f"<p style='margin:4px 0; {style_}'><span style='color:{style.MUTED}'>{format_clock(turn.start_ms / 1000)}</span> "
            f"<b>{escape(who)}:</b> {text}</p>"
        )
    return (
        f"<b style='font-size:12pt'>{escape(card.external_id)} · {escape(card.title)}</b><br>"
        f"<span style='color:{style.MUTED}'>{escape(facts)}</span>{reason}"
        f"<p style='margin-top:10px'><b>{escape(call)}</b>, {escape(format_day(hit.call_started_at))}</p>"
        + "".join(lines)
    )
