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
    from qa_desk.ui.main_window import MainWindow
    from qa_desk.ui.sign_in import sign_in

    code = 0
    while True:  # «Сменить пользователя» signs out and comes back here
        user = sign_in(services)
        if user is None:  # cancelled
            break
        window = MainWindow(services.as_user(user))
        window.show()
        window.start_background_transcription()
        code = app.exec()
        if not window.switch_requested:
            break
    services.close()
    return code
