"""Starting the desktop application: Qt in Russian, the services, who is working, the window."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from qa_desk import __version__
from qa_desk.domain.identity import User
from qa_desk.services import Services
from qa_desk.services.errors import DatabaseError, SettingsError

_WINDOWS: list[object] = []  # the open main window (Python must hold it; Qt top-levels have no parent)


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    QCoreApplication.setOrganizationName("QA Desk")
    QCoreApplication.setApplicationName("qa-desk")
    QCoreApplication.setApplicationVersion(__version__)
    from qa_desk.ui import qt_russian, style

    qt_russian.install(app)  # type: ignore[arg-type]
    style.apply(app)  # type: ignore[arg-type]
    return app  # type: ignore[return-value]


def open_window(services: Services, user: User | None) -> object:
    """The main window acting as ``user``; «Сменить пользователя» replaces it by one acting as another."""
    from qa_desk.ui.main_window import MainWindow

    window = MainWindow(services.as_user(user))  # «Сменить пользователя» signs in (ui.sign_in)
    _WINDOWS.append(window)

    def switch(other: User) -> None:
        window.close()  # saves the layout and stops its transcription
        if window in _WINDOWS:
            _WINDOWS.remove(window)
        replacement = open_window(services, other)
        replacement.show()  # type: ignore[attr-defined]
        replacement.start_background_transcription()  # type: ignore[attr-defined]

    window.userSwitched.connect(switch)
    return window


def run(db_url: str | None = None) -> int:
    """The application's life; 128 + the signal's number when Ctrl-C or SIGTERM closed it."""
    from qa_desk.ui.signals import QuitOnSignals

    app = create_application()
    with QuitOnSignals(app) as stop:
        code = _run(app, db_url)
    return 128 + stop.received if stop.received is not None else code


def _run(app: QApplication, db_url: str | None) -> int:
    try:
        services = Services.open(db_url)
    except (DatabaseError, SettingsError) as exc:
        QMessageBox.critical(None, "QA Desk", str(exc))
        return 2
    from qa_desk.ui.sign_in import sign_in

    try:
        user = sign_in(services)  # a password (the demo: a list of people)
        if user is None:  # cancelled
            return 0
        window = open_window(services, user)
        window.show()  # type: ignore[attr-defined]
        window.start_background_transcription()  # type: ignore[attr-defined]
        return app.exec()
    finally:
        services.close()
