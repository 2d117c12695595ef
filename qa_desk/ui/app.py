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
    app.setStyle("Fusion")
    return app  # type: ignore[return-value]


def run(db_url: str | None = None) -> int:
    app = create_application()
    try:
        db = Database(db_url)
    except DatabaseError as exc:
        QMessageBox.critical(None, "QA Desk", str(exc))
        return 2
    from qa_desk.ui.main_window import MainWindow

    window = MainWindow(db)
    window.show()
    window.start_background_transcription()
    code = app.exec()
    db.dispose()
    return code
