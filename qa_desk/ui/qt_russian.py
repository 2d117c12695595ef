"""Qt's own texts in Russian: ``qtbase_ru.qm`` from PySide6, and what that file misses.

The shipped translation lags behind Qt's sources: the file dialog's labels gained accelerators
("&Look in:", "Files of &type:") and the folder type moved to ``QAbstractFileIconProvider``, so
those came up in English. ``Fallback`` answers them from the same file: the text without its
``&`` (the accelerator put back in front), or the same text under the context it used to have.
It is installed before the real translation, so Qt asks it only for what the file lacks.
"""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

RUSSIAN = QLocale(QLocale.Language.Russian, QLocale.Country.Russia)

# context Qt asks for -> contexts that held the same texts in older Qt versions
CONTEXT_ALIASES: dict[str, tuple[str, ...]] = {
    "QAbstractFileIconProvider": ("QFileIconProvider", "QFileDialog", "QFileSystemModel"),
    "QFileSystemModel": ("QFileDialog",),
    "QFileDialog": ("QFileSystemModel",),
}


class Fallback(QTranslator):
    """Translations ``base`` has under another spelling or context (see the module's note)."""

    def __init__(self, base: QTranslator, parent: QApplication | None = None) -> None:
        super().__init__(parent)
        self.base = base

    def isEmpty(self) -> bool:  # noqa: N802 - Qt override
        return False

    def translate(  # type: ignore[override]
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        for ctx in (context, *CONTEXT_ALIASES.get(context, ())):
            for hint in dict.fromkeys((disambiguation, None)):
                found = self._lookup(ctx, source, hint, n)
                if found:
                    return found
        return ""

    def _lookup(self, context: str, source: str, hint: str | None, n: int) -> str:
        found = self.base.translate(context, source, hint, n)
        if found or "&" not in source:
            return found
        plain = self.base.translate(context, source.replace("&", ""), hint, n)
        return f"&{plain}" if plain and "&" not in plain else plain


def install(app: QApplication) -> bool:
    """Load ``qtbase_ru.qm`` with its fallback into ``app`` (once); False when the file is missing."""
    QLocale.setDefault(RUSSIAN)
    if app.property("qa_desk_translated"):
        return True
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(RUSSIAN, "qtbase", "_", folder):
        return False
    app.installTranslator(Fallback(translator, app))  # asked last: after the real file found nothing
    app.installTranslator(translator)
    app.setProperty("qa_desk_translated", True)
    return True
