"""Global search across all transcripts, as you type; a result opens the deal at that second."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QTextDocument
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from qa_desk.domain.russian import count
from qa_desk.services import Services
from qa_desk.services.errors import ServiceError
from qa_desk.services.search import SearchHit
from qa_desk.ui.formatting import format_clock, format_day

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
    """Search box + results; ``hitActivated(deal_id, recording_id, seconds)`` on double click / Enter."""

    hitActivated = Signal(int, int, float)
    searchFinished = Signal(int)  # number of hits shown, after each search

    def __init__(self, services: Services, parent: QWidget | None = None, *, limit: int = 50) -> None:
        super().__init__(parent)
        self.services = services
        self.limit = limit
        self.input = QLineEdit(self)
        self.input.setPlaceholderText('Поиск по всем звонкам: слово в любой форме или "фраза"')
        self.input.setClearButtonEnabled(True)
        self.status = QLabel(self)
        self.status.setStyleSheet("color: #666;")
        self.results = QListWidget(self)
        self.results.setItemDelegate(_HtmlDelegate(self.results))
        self.results.setWordWrap(True)
        self.results.setAlternatingRowColors(True)
        self.results.setToolTip("Двойной щелчок или Enter — открыть сделку на этом месте звонка")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.input)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.run_search)
        self.input.textChanged.connect(lambda _text: self._debounce.start())
        self.input.returnPressed.connect(self._on_return)
        self.results.itemActivated.connect(self._activate)

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
        self.searchFinished.emit(len(hits))

    def _on_return(self) -> None:
        """Enter in the box: search now, or open the selected (else the first) result."""
        if self._debounce.isActive() or self.results.count() == 0:
            self.run_search()
            return
        item = self.results.currentItem() or self.results.item(0)
        self._activate(item)

    def _activate(self, item: QListWidgetItem | None) -> None:
        hit: SearchHit | None = item.data(HIT_ROLE) if item is not None else None
        if hit is not None:
            self.hitActivated.emit(hit.deal_id, hit.recording_id, hit.seconds)
