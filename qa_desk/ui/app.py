"""Starting the desktop application."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from qa_desk import __version__
from qa_desk.storage.db import Database, DatabaseError


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    QCoreApplication.setOrganizationName("QA Desk")
    QCoreApplication.setApplicationName("qa-desk")
    QCoreApplication.setApplicationVersion(__version__)
    from qa_desk.ui import style

    style.apply(app)  # type: ignore[arg-type]
    return app  # type: ignore[return-value]


def _identity(db: Database):  # noqa: ANN202 - LocalIdentity | None, or False when cancelled
    """Ask who is working (the last user preselected); None when the picker is not installed."""
    try:
        from qa_desk.ui.user_picker import choose_identity
    except ImportError:
        return None
    chosen = choose_identity(db)
    return chosen if chosen is not None else False


def run(db_url: str | None = None) -> int:
    app = create_application()
    try:
        db = Database(db_url)
    except DatabaseError as exc:
        QMessageBox.critical(None, "QA Desk", str(exc))
        return 2
    identity = _identity(db)
    if identity is False:
        db.dispose()
        return 0
    from qa_desk.ui.main_window import MainWindow

    window = MainWindow(db, identity)
    window.show()
    window.start_background_transcription()
    code = app.exec()
    db.dispose()
    return code
