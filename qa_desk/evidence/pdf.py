"""How a pack gets its PDF pages: a renderer turns one print page (HTML) into PDF bytes.

The evidence package needs no Qt: the application and the command line pass Qt's renderer
(``qa_desk.ui.pdf_writer.QtPdfRenderer``, ``QTextDocument`` printed by ``QPdfWriter``, offscreen).
"""

from __future__ import annotations

from typing import Protocol


class PdfRenderer(Protocol):
    def __call__(self, html: str, title: str) -> bytes:
        """The PDF of ``html`` (A4, Russian text with embedded fonts)."""
        ...
