"""Starting the desktop application: Qt in Russian, the services, who is working, the window."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from qa_desk import __version__
from qa_desk.domain.identity import User
from qa_desk.services import Services
from qa_desk.services.errors import DatabaseError, SettingsError

RUSSIAN = QLocale(QLocale.Language.Russian, QLocale.Country.Russia)
_WINDOWS: list[object] = []  # the open main window (Python must hold it; Qt top-levels have no parent)


def install_russian(app: QApplication) -> bool:
    """Qt's own texts in Russian (file dialogs, calendars, message boxes): ``qtbase_ru.qm`` from PySide6."""
    QLocale.setDefault(RUSSIAN)
    if app.property("qa_desk_translated"):
        return True
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(RUSSIAN, "qtbase", "_", folder):
        return False
    app.installTranslator(translator)
    app.setProperty("qa_desk_translated", True)
    return True


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    QCoreApplication.setOrganizationName("QA Desk")
    QCoreApplication.setApplicationName("qa-desk")
    QCoreApplication.setApplicationVersion(__version__)
    from qa_desk.ui import style

    install_russian(app)  # type: ignore[arg-type]
    style.apply(app)  # type: ignore[arg-type]
    return app  # type: ignore[return-value]


def open_window(services: Services, user: User | None) -> object:
    """The main window acting as ``user``; «Сменить пользователя» replaces it by one acting as another."""
    from qa_desk.ui.main_window import MainWindow

    window = MainWindow(services.as_user(user))
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
    window = open_window(services, identity.current_user())
    window.show()  # type: ignore[attr-defined]
    window.start_background_transcription()  # type: ignore[attr-defined]
    code = app.exec()
    services.close()
    return code
