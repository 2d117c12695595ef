"""Verdicts go to the CRM in the background: right after a verdict, then every few minutes.

The outbox row is committed in the verdict's own transaction, so the window never waits on the
CRM and nothing is lost when it closes in the middle of a push: the row stays pending (its lease
dies with this process) and the next start, ``qa-desk crm push``/``sync`` or a queue job sends it.
Delays after failures are the outbox's (``next_attempt_at``); this thread only looks for due rows.
"""

from __future__ import annotations

import queue
import threading
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from qa_desk.services import Services
from qa_desk.services.errors import USER_ERRORS, message

RETRY_EVERY_S = 120.0  # how often due retries are looked for while the app is open


class CrmPusher(QObject):
    """``kick()`` after a verdict; ``pushed(report)`` follows on the UI thread when something was sent
    or failed, ``problem(text)`` when the push could not run at all (no connection secret…)."""

    pushed = Signal(object)
    problem = Signal(str)

    def __init__(self, services: Services, parent: QObject | None = None, *, every_s: float = RETRY_EVERY_S) -> None:
        super().__init__(parent)
        self.services, self.every_s = services, every_s
        self._wake, self._stop = threading.Event(), threading.Event()
        self._results: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self._drain)

    def kick(self) -> None:
        """Look for due pushes now (started on first use; cheap when there are none)."""
        if self.services.actor is None or self._stop.is_set():
            return
        if self._thread is None:
            # A daemon: closing the window never waits on the CRM (see the module's notes).
            self._thread = threading.Thread(target=self._loop, name="crm-push", daemon=True)
            self._thread.start()
            self._timer.start()
        self._wake.set()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _loop(self) -> None:
        outbox = self.services.crm_outbox
        while not self._stop.is_set():
            self._wake.wait(self.every_s)
            self._wake.clear()
            if self._stop.is_set():
                return
            try:
                if outbox.has_due():
                    self._results.put(outbox.push(should_stop=self._stop.is_set))
            except USER_ERRORS as exc:
                self._results.put(message(exc))
            except Exception as exc:  # noqa: BLE001 - one line in the status bar, never a traceback
                self._results.put(f"отправка в CRM не удалась ({type(exc).__name__}: {exc})")

    def _drain(self) -> None:
        while True:
            try:
                result = self._results.get_nowait()
            except queue.Empty:
                return
            if isinstance(result, str):
                self.problem.emit(result)
            elif result.sent or result.failed:
                self.pushed.emit(result)

    def stop(self, wait_s: float = 2.0) -> None:
        """Stop looking; a push in flight gets ``wait_s`` to finish its row, else is abandoned."""
        self._stop.set()
        self._wake.set()
        self._timer.stop()
        if self._thread is not None:
            self._thread.join(wait_s)
