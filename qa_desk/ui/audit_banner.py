"""A red banner across the window while the audit log's hash chain is broken.

``check()`` asks ``services.audit.verify_chain()`` on a worker thread (the whole log is read, so
never on the UI thread) and shows the banner with the report's summary when the chain or its
append-only guards are broken; it stays hidden while the log is intact.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from qa_desk.services import Services
from qa_desk.ui import style
from qa_desk.ui.background import BackgroundCall

ADVICE = "Сообщите администратору; список повреждённых записей: qa-desk audit verify"


class AuditBanner(QFrame):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.report = None
        self.setObjectName("FlagBanner")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setStyleSheet(f"color: {style.DANGER}; font-weight: 600;")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.label, 1)
        self.hide()
        self._call = BackgroundCall("audit-chain", self)
        self._call.finished.connect(self._show)
        self._call.failed.connect(lambda _key, error: self._set(f"Не удалось проверить журнал изменений: {error}"))

    def check(self) -> None:
        """Verify the chain in the background; the banner appears if it is broken."""
        self._call.run("chain", self.services.audit.verify_chain)

    def _show(self, _key: object, report: object) -> None:
        self.report = report
        if getattr(report, "ok", True):
            self.hide()
        else:
            self._set(f"{report.summary} {ADVICE}")  # type: ignore[attr-defined]

    def _set(self, text: str) -> None:
        self.label.setText(text)
        self.show()

    def shutdown(self) -> None:
        self._call.shutdown()


def with_banner(banner: AuditBanner, content: QWidget) -> QWidget:
    """``content`` with ``banner`` above it (the window's central widget)."""
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(banner)
    layout.addWidget(content, 1)
    return page
