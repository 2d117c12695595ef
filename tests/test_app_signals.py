"""Ctrl-C and SIGTERM end the desktop application like «Выход», with one line and no traceback.

Found in a real X window: ``qa-desk demo`` ignored both while Qt's event loop waited (Python ran
the handler only at the next mouse move, inside a widget's paint, as a traceback, and the app went
on). The window itself offscreen (pytest-qt), and a real ``qa-desk app`` process.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_ui_main_window import imported_db, window  # noqa: F401 - fixtures

from qa_desk.ui.signals import QuitOnSignals


def test_ctrl_c_closes_the_window_through_its_close_event(qtbot, window) -> None:  # noqa: ANN001, F811
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    closed: list[bool] = []
    window.destroyed.connect(lambda: closed.append(True))
    with QuitOnSignals(app) as stop:  # type: ignore[arg-type]
        os.kill(os.getpid(), signal.SIGINT)
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=10000)
    assert stop.received == signal.SIGINT
    assert window.transcriber._handle is None  # closeEvent ran: transcription stopped
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # restored


def _cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def _wait_idle(proc: subprocess.Popen[str], settle_s: float = 1.0, limit_s: float = 60.0) -> None:
    """Until the process has stopped using the CPU for ``settle_s``: Qt's loop is waiting."""
    time.sleep(1.0)
    last, since, deadline = -1, time.monotonic(), time.monotonic() + limit_s
    while time.monotonic() < deadline and proc.poll() is None:
        ticks = _cpu_ticks(proc.pid)
        if ticks != last:
            last, since = ticks, time.monotonic()
        elif time.monotonic() - since >= settle_s:
            return
        time.sleep(0.1)
    raise AssertionError(f"the application did not settle: {proc.poll()}")


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")
@pytest.mark.parametrize(
    ("sig", "code", "line"),
    [(signal.SIGTERM, 143, "Остановлено (SIGTERM)."), (signal.SIGINT, 130, "Прервано.")],
)
def test_a_waiting_application_stops_on_a_signal(tmp_path: Path, sig: int, code: int, line: str) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QA_DESK_DATA_DIR": str(tmp_path)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "qa_desk", "--db", f"sqlite:///{tmp_path / 'app.sqlite3'}", "app"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        _wait_idle(proc)  # the «кто работает?» dialog waits for a click
        os.kill(proc.pid, sig)
        _out, err = proc.communicate(timeout=15)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == code
    lines = [x for x in err.splitlines() if x.strip() and "propagateSizeHints" not in x]
    assert lines == [line]
