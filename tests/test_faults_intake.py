"""Fault suite, intake half: real ``qa-desk`` processes killed during a real transcription.

``kill -9``, SIGTERM and Ctrl-C of ``qa-desk transcribe --all`` (and ``kill -9`` of a process
running the app's transcription controller) leave no process of ours behind; the rows a killed run
left 'processing' are recovered at the next start, and recordings that failed at import keep their
state and error throughout. Also: a ``deal refuse`` while a large import runs is not locked out.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest
from conftest import AUDIO, ROOT
from sqlalchemy import func, select

from qa_desk.cli import main
from qa_desk.importing.service import import_manifest
from qa_desk.storage.db import Database
from qa_desk.storage.models import AuditEntry, Deal, ImportRun, Recording

pytestmark = pytest.mark.slow
GONE_WITHIN_S = 3.0


@pytest.fixture
def queued(tmp_path: Path) -> Iterator[tuple[str, dict[str, tuple[str, str | None]]]]:
    """A database with a long call to transcribe and two recordings that failed at import."""
    url = f"sqlite:///{tmp_path / 'qa.sqlite3'}"
    manifest = tmp_path / "m.csv"
    manifest.write_text(
        "deal_id,recording,call_started_at\n"
        f"D-L,{AUDIO / 'long_call.mp3'},2026-03-01T10:00:00\n"
        f"D-B,{AUDIO / 'corrupt.mp3'},2026-03-02T10:00:00\n"
        f"D-B,{AUDIO / 'empty.mp3'},2026-03-02T11:00:00\n",
        encoding="utf-8",
    )
    db = Database(url)
    import_manifest(db, manifest)
    before = _states(db)
    db.dispose()
    assert before["long_call.mp3"] == ("pending", None)
    assert before["corrupt.mp3"][0] == before["empty.mp3"][0] == "failed"
    yield url, before


def _states(db: Database) -> dict[str, tuple[str, str | None]]:
    with db.session() as s:
        return {Path(r.path).name: (r.state, r.error) for r in s.scalars(select(Recording))}


def _start(argv: list[str], **kwargs: object) -> subprocess.Popen[str]:
    return subprocess.Popen(
        argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
        cwd=ROOT, **kwargs,  # type: ignore[arg-type]
    )  # fmt: skip


def _transcribe_all(url: str, model: Path) -> subprocess.Popen[str]:
    return _start([sys.executable, "-m", "qa_desk", "--db", url, "transcribe", "--all", "--model", str(model), "--no-cache"])


def _busy_worker(proc: subprocess.Popen[str], timeout_s: float = 120) -> list[psutil.Process]:
    """Wait until a spawned child is decoding (it has used some CPU); return all descendants."""
    parent = psutil.Process(proc.pid)
    end = time.monotonic() + timeout_s
    while time.monotonic() < end:
        assert proc.poll() is None, proc.communicate()
        family = parent.children(recursive=True)
        for child in family:
            try:
                if "spawn_main" in " ".join(child.cmdline()) and sum(child.cpu_times()[:2]) > 3.0:
                    return parent.children(recursive=True)
            except psutil.NoSuchProcess:
                continue
        time.sleep(0.2)
    raise AssertionError("the worker never got busy")


def _alive(process: psutil.Process) -> bool:
    try:
        return process.is_running() and process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def _session_members(sid: int) -> list[psutil.Process]:
    found = []
    for process in psutil.process_iter():
        try:
            if os.getsid(process.pid) == sid and _alive(process):
                found.append(process)
        except (ProcessLookupError, PermissionError, psutil.NoSuchProcess):
            continue
    return found


def _all_gone(family: list[psutil.Process], sid: int) -> float:
    """Seconds until every process of ours is gone; fails after ``GONE_WITHIN_S``."""
    started = time.monotonic()
    while time.monotonic() - started < GONE_WITHIN_S:
        if not any(_alive(p) for p in family) and not _session_members(sid):
            return time.monotonic() - started
        time.sleep(0.05)
    left = [(p.pid, " ".join(p.cmdline())[:120]) for p in family if _alive(p)]
    for process in [p for p in family if _alive(p)] + _session_members(sid):
        process.kill()
    raise AssertionError(f"still running after {GONE_WITHIN_S} s: {left}")


def test_kill_9_leaves_no_process_and_the_next_start_recovers(queued, whisper_base_dir: Path) -> None:
    url, before = queued
    proc = _transcribe_all(url, whisper_base_dir)
    family = _busy_worker(proc)
    db = Database(url)
    assert _states(db)["long_call.mp3"][0] == "processing"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(10)
    _all_gone(family, proc.pid)
    after_kill = _states(db)
    assert after_kill["long_call.mp3"][0] == "processing"  # nobody left to give it back
    assert after_kill["corrupt.mp3"] == before["corrupt.mp3"] and after_kill["empty.mp3"] == before["empty.mp3"]

    # The next start (here a run that has nothing new to do for its deal) gives the row back.
    assert main(["--db", url, "transcribe", "--deal", "D-B", "--model", str(whisper_base_dir)]) == 1
    recovered = _states(db)
    assert recovered["long_call.mp3"] == ("pending", None)
    assert recovered["corrupt.mp3"] == before["corrupt.mp3"] and recovered["empty.mp3"] == before["empty.mp3"]
    with db.session() as s:
        assert s.scalar(select(func.count()).where(Recording.claimed_by.is_not(None), Recording.state == "processing")) == 0
    db.dispose()


def test_sigterm_stops_cleanly(queued, whisper_base_dir: Path) -> None:
    url, before = queued
    proc = _transcribe_all(url, whisper_base_dir)
    family = _busy_worker(proc)
    os.kill(proc.pid, signal.SIGTERM)
    _out, err = proc.communicate(timeout=10)
    assert proc.returncode == 143, err
    assert err.strip().splitlines() == ["Остановлено (SIGTERM)."]
    _all_gone(family, proc.pid)
    db = Database(url)
    assert _states(db) == before  # given back at once, nothing left 'processing'
    db.dispose()


def test_ctrl_c_prints_one_line(queued, whisper_base_dir: Path) -> None:
    url, before = queued
    proc = _transcribe_all(url, whisper_base_dir)
    family = _busy_worker(proc)
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal does: the whole foreground group
    out, err = proc.communicate(timeout=10)
    assert proc.returncode == 130
    assert err == "Прервано.\n" and out == ""
    _all_gone(family, proc.pid)
    db = Database(url)
    assert _states(db) == before
    db.dispose()


APP_DRIVER = """
import sys
from PySide6.QtWidgets import QApplication
from qa_desk.asr.options import TranscribeOptions
from qa_desk.services import Services
from qa_desk.ui.transcription import TranscriptionController

app = QApplication([])
services = Services.open(sys.argv[1])
controller = TranscriptionController(services, TranscribeOptions(model=sys.argv[2], use_cache=False))
controller.warmed.result()
controller.enqueue_deal()
app.exec()
"""


def test_kill_9_of_the_app_leaves_no_worker_or_helper(queued, whisper_base_dir: Path) -> None:
    """The app's transcription controller (its ASR worker and its storing helper process) in a
    real process, killed with ``kill -9``."""
    url, _before = queued
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = _start([sys.executable, "-c", APP_DRIVER, url, str(whisper_base_dir)], env=env)
    family = _busy_worker(proc)
    spawned = [p for p in family if "spawn_main" in " ".join(p.cmdline())]
    assert len(spawned) >= 2, [" ".join(p.cmdline()) for p in family]  # the ASR worker and the helper
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(10)
    _all_gone(family, proc.pid)


ROWS = 1000
REFUSABLE = 6  # deals the manager refuses one after another while the import runs


def test_deal_refuse_during_a_large_import_is_not_locked_out(tmp_path: Path) -> None:
    """Every ``qa-desk deal refuse`` run while a large import writes succeeds (the import holds the
    write lock only for short batches and leaves gaps between them)."""
    url = f"sqlite:///{tmp_path / 'qa.sqlite3'}"
    first = tmp_path / "first.csv"
    first.write_text(
        "deal_id,manager,manager_email,status,recording\n"
        + "".join(
            f"D-R{i},Иван Петров,ivan.petrov@example.com,active,{AUDIO / 'stereo_short.mp3'}\n"
            for i in range(REFUSABLE)
        ),
        encoding="utf-8",
    )
    assert main(["--db", url, "import", str(first)]) == 0
    big = tmp_path / "big.csv"
    rows = [f"B-{i},Менеджер {i % 7},active,{1000 + i},{AUDIO / 'mono_short.wav'}" for i in range(ROWS)]
    big.write_text("deal_id,manager,status,amount,recording\n" + "\n".join(rows) + "\n", encoding="utf-8")
    importer = _start([sys.executable, "-m", "qa_desk", "--db", url, "import", str(big)])
    db = Database(url)
    refused = 0
    try:
        end = time.monotonic() + 60
        while time.monotonic() < end:  # until the import is writing its batches
            with db.session() as s:
                if s.scalar(select(func.count()).select_from(Deal)) > REFUSABLE + 20:
                    break
            time.sleep(0.05)
        while importer.poll() is None and refused < REFUSABLE:
            refuse = subprocess.run(
                [sys.executable, "-m", "qa_desk", "--db", url, "deal", "refuse", f"D-R{refused}",
                 "--reason", "маленький бюджет", "--as", "ivan.petrov"],
                capture_output=True, text=True, timeout=60, cwd=ROOT,
            )  # fmt: skip
            assert refuse.returncode == 0, refuse.stderr
            assert "Traceback" not in refuse.stderr
            refused += 1
        _out, err = importer.communicate(timeout=300)
        assert importer.returncode == 0, err
        with db.session() as s:
            assert s.scalar(select(func.count()).select_from(Deal)) == ROWS + REFUSABLE
            run = s.scalar(select(ImportRun).where(ImportRun.source == "big.csv"))
            during = s.scalar(
                select(func.count()).where(
                    AuditEntry.action == "status", AuditEntry.at > run.started_at, AuditEntry.at < run.finished_at
                )
            )
        assert during >= 1, "at least one refusal must have been written while the import ran"
    finally:
        if importer.poll() is None:
            importer.kill()
        db.dispose()
