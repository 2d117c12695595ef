"""Starting the desktop application."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from qa_desk import __version__
from qa_desk.services import Services
from qa_desk.services.errors import DatabaseError, SettingsError


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    QCoreApplication.setOrganizationName("QA Desk")
    QCoreApplication.setApplicationName("qa-desk")
    QCoreApplication.setApplicationVersion(__version__)
    from qa_desk.ui import style

    style.apply(app)  # type: ignore[arg-type]
    return app  # type: ignore[return-value]


def run(db_url: str | None = None) -> int:
    app = create_application()
    try:
        services = Services.open(db_url)
    except (DatabaseError, SettingsError) as exc:
        QMessageBox.critical(None, "QA Desk", str(exc))
        return 2
    from qa_desk.ui.user_picker import choose_identity

    identity = choose_identity(services)
    if identity is None:  # cancelled
        services.close()
        return 0
    from qa_desk.ui.main_window import MainWindow

    window = MainWindow(services.as_user(identity.current_user()))
    window.show()
    window.start_background_transcription()
    code = app.exec()
    services.close()
    return code
