"""PDF pages of an evidence pack through Qt: ``QTextDocument`` laid out on A4 and printed by ``QPdfWriter``.

The one Qt piece of the pack (``qa_desk.evidence.pdf.PdfRenderer``). It needs a ``QGuiApplication``
for fonts; the command line has none, so ``QtPdfRenderer`` starts an offscreen one when there is no
application yet. Fonts are embedded, so Russian text renders and ``pdftotext`` reads it back. Safe
on a worker thread (text documents and PDF writers are reentrant).
"""

from __future__ import annotations

import os

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF
from PySide6.QtGui import QFont, QGuiApplication, QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import QApplication

RESOLUTION = 300  # dots per inch of the PDF's layout
MARGIN_MM = 15.0
_app: QApplication | None = None


def ensure_gui() -> None:
    """A GUI application for fonts: the running one, or an offscreen one for the command line.

    A full ``QApplication`` (not just a ``QGuiApplication``), so widgets can still be made later in
    the same process."""
    global _app
    if QGuiApplication.instance() is not None:
        return
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QApplication(["qa-desk"])


class QtPdfRenderer:
    """``renderer(html, title) -> PDF bytes``."""

    def __init__(self) -> None:
        ensure_gui()

    def __call__(self, html: str, title: str) -> bytes:
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        writer = QPdfWriter(buffer)
        writer.setResolution(RESOLUTION)
        writer.setTitle(title)
        writer.setCreator("QA Desk")
        writer.setPageLayout(
            QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                        QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM), QPageLayout.Unit.Millimeter)
        )
        document = QTextDocument()
        document.setDefaultFont(QFont("DejaVu Sans", 9))
        document.setHtml(html)
        document.print_(writer)
        del writer  # finishes the PDF
        buffer.close()
        return bytes(data.data())
