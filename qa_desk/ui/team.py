"""What the window adds for a team: «Пользователи…» for administrators, taking a review over,
the transcription queue on workers (PostgreSQL), and refreshing the queue when another workstation
changes a deal (LISTEN/NOTIFY on PostgreSQL, a change marker polled on SQLite)."""

from __future__ import annotations

import queue
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction

from qa_desk.services import Services

DRAIN_MS = 300  # pushed notices are gathered and applied at most this often
POLL_MS = 4000  # SQLite: how often the change marker is read


def make_transcriber(services: Services, parent: QObject) -> Any:
    """Workers through the department's queue on PostgreSQL; the in-process worker on SQLite."""
    if services.team_queue.uses_workers:
        from qa_desk.ui.team_transcription import TeamTranscriptionController

        return TeamTranscriptionController(services, parent)
    from qa_desk.ui.transcription import TranscriptionController

    return TranscriptionController(services, parent=parent)


class ChangeWatcher(QObject):
    """Emits ``changed`` soon after another workstation commits a change of deals or claims."""

    changed = Signal()

    def __init__(self, services: Services, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.changes = services.changes
        self._notices: queue.Queue[str] = queue.Queue()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._pool: ThreadPoolExecutor | None = None
        self._marker: Future[tuple[object, ...]] | None = None
        self._last: tuple[object, ...] | None = None
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        if self.changes.pushed:
            self._thread = threading.Thread(
                target=self.changes.listen, args=(self._notices.put, self._stop), name="qa-desk-listen", daemon=True
            )
            self._thread.start()
            self._timer.start(DRAIN_MS)
        else:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="qa-desk-changes")
            self._timer.start(POLL_MS)

    def _tick(self) -> None:
        if self._pool is None:
            seen = False
            while not self._notices.empty():
                self._notices.get_nowait()
                seen = True
            if seen:
                self.changed.emit()
            return
        if self._marker is None:
            self._marker = self._pool.submit(self.changes.marker)
            return
        if not self._marker.done():
            return
        future, self._marker = self._marker, None
        try:
            marker = future.result()
        except Exception:  # noqa: BLE001 - the database is busy: next tick
            return
        if self._last is not None and marker != self._last:
            self.changed.emit()
        self._last = marker

    def stop(self) -> None:
        self._timer.stop()
        self._stop.set()
        if self._pool is not None:
            self._pool.shutdown(wait=False)


def install(window: Any) -> None:
    """Add the team features to a ``MainWindow`` (called at the end of its constructor).
    «Сменить пользователя» is the window's own; ``ui.app`` makes it sign the next person in."""
    services: Services = window.services
    menu = window.menuBar().actions()[0].menu()  # «Файл»
    first = menu.actions()[0] if menu.actions() else None
    if services.accounts.can_manage():
        users = QAction("Пользователи…", window)
        users.triggered.connect(lambda: _accounts(window))
        menu.insertAction(first, users)
    if services.claims.can_take_over():
        take = QAction("Забрать проверку открытой сделки", window)
        take.triggered.connect(lambda: _take_over(window))
        menu.insertAction(first, take)
    menu.insertSeparator(first)
    if services.auth.is_demo():
        window.setWindowTitle(window.windowTitle() + " — ДЕМО-база, вход без пароля")
    if hasattr(window.transcriber, "notice"):
        window.transcriber.notice.connect(lambda text: window.statusBar().showMessage(text, 10000))
    window.change_watcher = ChangeWatcher(services, window)
    window.change_watcher.changed.connect(window.queue.reload)
    window.change_watcher.start()


def _accounts(window: Any) -> None:
    from qa_desk.ui.accounts_dialog import AccountsDialog

    AccountsDialog(window.services, window).exec()


def _take_over(window: Any) -> None:
    """The head of sales takes the open deal's review over (audited); the wizard opens for them."""
    from qa_desk.services.errors import USER_ERRORS, message

    deal_id = window.deal_view.deal_id
    if deal_id is None:
        window.statusBar().showMessage("Сначала откройте сделку", 5000)
        return
    try:
        claim = window.services.claims.take_over(deal_id)
    except USER_ERRORS as exc:
        window.statusBar().showMessage(message(exc), 8000)
        return
    window.statusBar().showMessage(f"Проверка ваша: {claim.label}", 6000)
    window.on_deal_changed(deal_id)
