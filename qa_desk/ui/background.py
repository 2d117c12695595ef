"""One call at a time on a worker thread, its result handed back on the UI thread by a timer."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal


class BackgroundCall(QObject):
    """``run(key, fn, *args)``; ``finished(key, result)`` or ``failed(key, error)`` follow on the UI
    thread. Only the latest run reports; an older one still running is ignored when it ends."""

    finished = Signal(object, object)
    failed = Signal(object, str)

    def __init__(self, name: str, parent: QObject | None = None, *, poll_ms: int = 30) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        self._job: tuple[object, Future[Any]] | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(poll_ms)
        self._timer.timeout.connect(self._poll)

    def run(self, key: object, fn: Callable[..., Any], *args: Any) -> None:
        self._job = (key, self._pool.submit(fn, *args))
        self._timer.start()

    def _poll(self) -> None:
        if self._job is None or not self._job[1].done():
            if self._job is None:
                self._timer.stop()
            return
        (key, future), self._job = self._job, None
        self._timer.stop()
        try:
            result = future.result()
        except Exception as exc:  # noqa: BLE001 - reported to the caller as one line
            self.failed.emit(key, str(exc))
            return
        self.finished.emit(key, result)

    def shutdown(self) -> None:
        self._timer.stop()
        self._pool.shutdown(wait=True, cancel_futures=True)
