"""The deal view's right panel: contract questions, the callback review and the deal's history.

It sits in a splitter beside the calls; on a narrow screen it collapses (the «»» button, Ctrl+B,
or dragging it away) and comes back with «Панель», so the transcript can have the whole width.
The review tab widens the panel while it is shown (never past half the width) so the script is
readable, and gives the width back when another tab is chosen. The wizard and the history are
built when first looked at. A user whose role never reviews (a manager) gets no review tab.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QSplitter, QTabWidget, QToolButton, QVBoxLayout, QWidget

from qa_desk.domain.identity import IdentityError
from qa_desk.services import Services
from qa_desk.ui.audit_view import AuditView
from qa_desk.ui.questions_panel import QuestionsPanel
from qa_desk.ui.review_wizard import ReviewWizard

REVIEW_WIDTH = 620  # the panel's width while the callback wizard is shown: the script must be readable
MIN_CALLS_WIDTH = 420  # what the calls keep beside the wizard


class SidePanel(QTabWidget):
    dealChanged = Signal(int)  # noqa: N815 - the review changed the deal
    collapsedChanged = Signal(bool)  # noqa: N815

    def __init__(self, services: Services, split: QSplitter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.split = services, split
        self.deal_id: int | None = None
        self.analysis: Any = None
        self.wizard: ReviewWizard | None = None
        self.audit: AuditView | None = None
        self.questions = QuestionsPanel()
        self.review_page, self.audit_page = QWidget(), QWidget()
        for page in (self.review_page, self.audit_page):
            QVBoxLayout(page).setContentsMargins(0, 0, 0, 0)
        self.addTab(self.questions, "Вопросы договора")
        self.addTab(self.review_page, "Проверка отказа")
        self.addTab(self.audit_page, "История")
        self.setTabVisible(1, bool(services.review.can_review_deals()))
        self.collapse_button = QToolButton()
        self.collapse_button.setText("»")
        self.collapse_button.setToolTip("Свернуть панель (Ctrl+B) — расшифровке вся ширина")
        self.collapse_button.setAutoRaise(True)
        self.collapse_button.clicked.connect(self.collapse)
        self.setCornerWidget(self.collapse_button, Qt.Corner.TopRightCorner)
        self.setMinimumWidth(340)
        self._before_review: list[int] | None = None
        self._before_collapse: list[int] | None = None
        self.currentChanged.connect(self._tab_changed)
        split.splitterMoved.connect(lambda *_: self.collapsedChanged.emit(self.collapsed))

    # --- collapsing ------------------------------------------------------------------------
    @property
    def collapsed(self) -> bool:
        return self.split.sizes()[1] == 0

    def collapse(self) -> None:
        if not self.collapsed:
            self._before_collapse = self.split.sizes()
            self.split.setSizes([sum(self.split.sizes()), 0])
            self.collapsedChanged.emit(True)

    def expand(self) -> None:
        if self.collapsed:
            total = sum(self.split.sizes())
            sizes = self._before_collapse or [total - 420, 420]
            self.split.setSizes(sizes if sizes[1] > 0 else [total - 420, 420])
            self.collapsedChanged.emit(False)

    def toggle(self) -> None:
        self.expand() if self.collapsed else self.collapse()

    # --- the deal ----------------------------------------------------------------------------
    def reset(self, deal_id: int, in_review: bool) -> None:
        """A new deal: drop the old deal's wizard and history; built again when looked at."""
        self.deal_id, self.analysis = deal_id, None
        for widget in (self.wizard, self.audit):
            if widget is not None:
                widget.setParent(None)
                widget.deleteLater()
        for page in (self.review_page, self.audit_page):
            while (item := page.layout().takeAt(0)) is not None:
                if item.widget() is not None:
                    item.widget().deleteLater()
        self.wizard, self.audit = None, None
        if in_review and self.isTabVisible(1):  # an unfinished review: resume it where it stopped
            self.show_review()
        elif self.currentWidget() is self.review_page:  # another deal's review is not this deal's
            self.setCurrentWidget(self.questions)
        elif self.currentWidget() is self.audit_page:
            self._tab_changed(self.currentIndex())

    def show_review(self) -> None:
        """The callback wizard of the open deal, beside its transcript."""
        if self.deal_id is None:
            return
        self.expand()
        if self.currentWidget() is self.review_page:
            self._tab_changed(self.currentIndex())
        else:
            self.setCurrentWidget(self.review_page)

    def show_findings(self, analysis: Any) -> None:
        self.analysis = analysis
        if self.wizard is not None:
            self.wizard.show_findings(analysis)

    def refresh(self) -> None:
        """Re-read the wizard and the history."""
        if self.wizard is not None:
            self.wizard.reload()
        if self.audit is not None:
            self.audit.refresh()

    @property
    def reviewing(self) -> bool:
        """A review of this deal is open in the wizard."""
        return self.wizard is not None and self.wizard.in_review

    def _tab_changed(self, index: int) -> None:
        page = self.widget(index)
        if page is self.review_page:
            self._build_wizard()
            sizes = self.split.sizes()
            total = sum(sizes)
            wanted = max(min(REVIEW_WIDTH, total - MIN_CALLS_WIDTH, total // 2), self.minimumWidth())
            if 0 < sizes[1] < wanted and self._before_review is None:
                self._before_review = sizes
                self.split.setSizes([total - wanted, wanted])
        elif self._before_review is not None:
            if not self.collapsed:
                self.split.setSizes(self._before_review)
            self._before_review = None
        if page is self.audit_page and self.audit is None and self.deal_id is not None:
            self.audit = AuditView(self.services, self.deal_id)
            self.audit_page.layout().addWidget(self.audit)
            self.audit.show()

    def _build_wizard(self) -> None:
        if self.wizard is not None or self.deal_id is None or self.review_page.layout().count():
            return
        try:
            if self.services.actor is None:
                raise IdentityError("не выбран пользователь — выберите себя: Файл → Сменить пользователя")
            self.wizard = ReviewWizard(self.services, self.deal_id, analysis=self.analysis)
        except Exception as exc:  # noqa: BLE001 - the wizard must not break the deal view
            note = QLabel(f"Проверка недоступна: {exc}")
            note.setWordWrap(True)
            note.setObjectName("Empty")
            self.review_page.layout().addWidget(note)
            return
        self.wizard.deal_changed.connect(self.dealChanged)
        self.wizard.setMinimumWidth(320)  # else its widest row would hold the panel wide on every tab
        self.review_page.layout().addWidget(self.wizard)
        self.wizard.show()  # now, not on the next event loop pass
