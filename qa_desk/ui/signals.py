"""Ctrl-C and SIGTERM close the application the way «Выход» does: layout saved, transcription stopped.

Python runs a signal handler only when the interpreter gets control, and Qt's event loop gives it
none while it waits for events: a handler installed the usual way would run at the next mouse
move, inside some widget's paint, as a traceback. Here the C-level handler writes a byte to a
socket that Qt watches (``signal.set_wakeup_fd``), so the loop wakes at once, the Python handler
runs, and the windows are closed from the event loop. A second signal while closing ends the
process at once (the transcription worker dies with it: it watches its parent).
"""

from __future__ import annotations

import os
import signal
import socket
from types import FrameType, TracebackType

from PySide6.QtCore import QObject, QSocketNotifier, QTimer
from PySide6.QtWidgets import QApplication

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class QuitOnSignals(QObject):
    """While entered, SIGINT and SIGTERM close every window and quit the event loop.

    ``received`` is the signal that did it (``None`` when the user closed the app)."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.app = app
        self.received: int | None = None
        self._reader, self._writer = socket.socketpair()
        for end in (self._reader, self._writer):
            end.setblocking(False)
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)
        self._previous_fd = -1
        self._previous: dict[int, object] = {}

    def __enter__(self) -> QuitOnSignals:
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno(), warn_on_full_buffer=False)
        self._previous = {sig: signal.signal(sig, self._on_signal) for sig in STOP_SIGNALS}
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)  # type: ignore[arg-type]
        signal.set_wakeup_fd(self._previous_fd)
        self._notifier.setEnabled(False)
        self._reader.close()
        self._writer.close()

    def _drain(self) -> None:
        """Empty the socket; waking the loop is its whole job (the handler runs right after)."""
        try:
            while self._reader.recv(512):
                pass
        except OSError:
            pass

    def _on_signal(self, signum: int, _frame: FrameType | None) -> None:
        if self.received is not None:  # a second Ctrl-C: the user does not want to wait
            os._exit(128 + signum)
        self.received = signum
        QTimer.singleShot(0, self._quit)

    def _quit(self) -> None:
        self.app.closeAllWindows()  # each window's closeEvent saves and stops its work
        self.app.quit()
