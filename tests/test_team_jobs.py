"""Team transcription on procrastinate: two real ``qa-desk worker`` processes, real fixture audio,
the real base model, and one worker killed with SIGKILL in the middle of a job."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
from conftest import AUDIO
from sqlalchemy import func, select

from qa_desk.cli import main
from qa_desk.importing.service import import_manifest
from qa_desk.services import Services
from qa_desk.storage.db import Database
from qa_desk.storage.models import Recording, Transcript
from qa_desk.storage.team_models import TranscriptionProgress
from qa_desk.storage.uow import Storage

TIMEOUT_S = 600  # a liveness bound, not a speed figure: on a loaded two-core box three base decodes took over 120 s


def _calls(folder: Path) -> Path:
    """Three different calls; the first (oldest, so taken first) is long enough to be killed in."""
    folder.mkdir()
    data, rate = sf.read(AUDIO / "mono_short.wav", dtype="float32")
    sf.write(folder / "long.wav", np.concatenate([data] * 2), rate)
    (folder / "short.mp3").write_bytes((AUDIO / "stereo_short.mp3").read_bytes())
    (folder / "short.ogg").write_bytes((AUDIO / "stereo_short.ogg").read_bytes())
    manifest = folder / "m.csv"
    manifest.write_text(
        "deal_id,manager,status,refusal_reason,recording,call_started_at\n"
        "D-1,Иван Петров,conditional_refusal,маленький бюджет,long.wav,2026-03-01T10:00:00\n"
        "D-1,Иван Петров,conditional_refusal,маленький бюджет,short.mp3,2026-03-02T10:00:00\n"
        "D-2,Мария Соколова,active,,short.ogg,2026-03-03T10:00:00\n",
        encoding="utf-8",
    )
    return manifest


def _worker(pg_url: str, model: Path, cache: Path, log: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "QA_DESK_DB": pg_url, "QA_DESK_CACHE_DIR": str(cache)}
    args = ["--heartbeat", "0.5", "--stalled-after", "2", "--stall-check", "0.5", "--poll", "0.5"]
    return subprocess.Popen(
        [sys.executable, "-m", "qa_desk", "worker", "--model", str(model), "--device", "cpu", *args],
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )


def _wait(predicate, what: str, timeout: float = TIMEOUT_S):  # noqa: ANN001, ANN202
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"не дождались: {what}")


@pytest.mark.slow
def test_two_workers_one_killed_every_recording_transcribed_once(
    pg_db: Database, pg_url: str, whisper_base_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    manifest = _calls(tmp_path / "importer")
    assert import_manifest(pg_db, manifest).ok  # the audio goes into the database store
    for f in (tmp_path / "importer").glob("*.*"):
        f.unlink()  # workers are other hosts: they must fetch the audio from the store
    with pg_db.session() as s:
        ids = {Path(r.path).name: r.id for r in s.scalars(select(Recording))}
    queue = Services(Storage(pg_db)).team_queue
    assert sorted(queue.enqueue_pending()) == sorted(ids.values())
    assert sorted(queue.enqueue_pending()) == sorted(ids.values())  # queued once, whatever is asked
    assert main(["--db", pg_url, "jobs"]) == 2  # deals and files are named: sign in first
    assert "Войдите" in capsys.readouterr().err
    services = Services(Storage(pg_db))
    services.users.sync()
    boss = services.auth.create_first_admin("boss", "Администратор", "boss-password-1")
    monkeypatch.setenv("QA_DESK_TOKEN", services.as_user(boss).accounts.issue_token("boss")[1])
    assert main(["--db", pg_url, "jobs"]) == 0
    monkeypatch.delenv("QA_DESK_TOKEN")  # the workers below are started without it
    assert "в очереди: 3" in capsys.readouterr().out

    workers = {
        name: _worker(pg_url, whisper_base_dir, tmp_path / f"cache-{name}", tmp_path / f"{name}.log")
        for name in ("a", "b")
    }
    try:
        long_id = ids["long.wav"]

        def taker() -> str | None:
            with pg_db.session() as s:
                row = s.get(TranscriptionProgress, long_id)
                return row.worker if row is not None else None

        victim_pid = int(_wait(taker, "обработчик взял длинную запись").rsplit(":", 1)[1])
        victim = next(n for n, p in workers.items() if p.pid == victim_pid)
        workers[victim].send_signal(signal.SIGKILL)
        workers[victim].wait(5)
        with pg_db.session() as s:
            assert s.scalar(select(Transcript.id).where(Transcript.recording_id == long_id)) is None  # killed mid-job

        def all_done() -> bool:
            with pg_db.session() as s:
                return s.scalar(select(func.count(func.distinct(Transcript.recording_id)))) == len(ids)

        _wait(all_done, "все записи распознаны")
        with pg_db.session() as s:
            per_recording = dict(s.execute(select(Transcript.recording_id, func.count()).group_by(Transcript.recording_id)).all())
            assert per_recording == {rid: 1 for rid in ids.values()}
            assert {r.state for r in s.scalars(select(Recording))} == {"done"}
            assert s.scalar(select(func.count()).select_from(TranscriptionProgress)) == 0
        survivor = next(n for n in workers if n != victim)
        workers[survivor].send_signal(signal.SIGTERM)
        assert workers[survivor].wait(20) == 0
        # read once the worker has stopped: its last lines may still be in its buffers while it runs
        log = (tmp_path / f"{survivor}.log").read_text(encoding="utf-8")
        assert f"распознана запись #{long_id} " in log  # the killed worker's recording, done by the survivor
        assert "остановившегося обработчика возвращено в очередь" in log  # via stalled-job recovery
        assert "Traceback" not in log and "остановлен" in log
    finally:
        queue.close()
        for process in workers.values():
            if process.poll() is None:
                process.kill()
                process.wait(5)
