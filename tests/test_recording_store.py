"""The recording store: content-addressed audio every host can read, checked on every read."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import AUDIO
from sqlalchemy import func, select, update

from qa_desk.audio.player import AudioPlayer
from qa_desk.importing.service import import_manifest
from qa_desk.services import Services
from qa_desk.services.recordings import RecordingIntegrityError, RecordingUnavailable
from qa_desk.storage import recording_store
from qa_desk.storage.audio_cache import AudioCache, sha256_of
from qa_desk.storage.db import Database
from qa_desk.storage.models import Recording
from qa_desk.storage.recording_store import RecordingStore, StoreConfig
from qa_desk.storage.team_models import AudioBlob, AudioChunk
from qa_desk.storage.uow import Storage

CLIP = "mono_short.wav"  # 161 KB: three chunks at 64 KiB


def _import(db: Database, folder: Path) -> int:
    calls = folder / "calls"
    calls.mkdir(parents=True)
    shutil.copy(AUDIO / CLIP, calls / CLIP)
    (folder / "m.csv").write_text(f"deal_id,manager,recording\nD-1,Иван Петров,calls/{CLIP}\n", encoding="utf-8")
    assert import_manifest(db, folder / "m.csv").ok
    with db.session() as s:
        return s.scalars(select(Recording.id)).one()


def _workstation(tmp_path: Path, name: str, backend: str = "database", folder: Path | None = None) -> StoreConfig:
    """Another host: its own (empty) cache."""
    return StoreConfig(backend, folder, tmp_path / f"cache-{name}", 1 << 30)


def test_database_store_round_trip_and_a_workstation_without_the_file(
    pg_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(recording_store, "CHUNK_SIZE", 64 * 1024)
    rid = _import(pg_db, tmp_path / "importer")
    with pg_db.session() as s:
        blob = s.scalars(select(AudioBlob)).one()
        assert (blob.backend, blob.chunks, blob.suffix) == ("database", 3, ".wav")
        assert s.scalar(select(func.count()).select_from(AudioChunk)) == 3
    shutil.rmtree(tmp_path / "importer")  # the original exists only on the importing workstation

    other = RecordingStore(pg_db, _workstation(tmp_path, "b"))
    path = other.local_path(rid)
    assert sha256_of(path) == sha256_of(AUDIO / CLIP)
    assert path.is_relative_to(tmp_path / "cache-b")
    player = AudioPlayer()
    player.load(path)  # the second workstation plays it
    assert player.duration > 4
    assert other.local_path(rid) == path  # from its cache the second time


def test_a_damaged_store_is_an_error_naming_the_recording(
    pg_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(recording_store, "CHUNK_SIZE", 64 * 1024)
    rid = _import(pg_db, tmp_path / "importer")
    (tmp_path / "importer" / "calls" / CLIP).unlink()
    with pg_db.session() as s:
        s.execute(update(AudioChunk).where(AudioChunk.seq == 1).values(data=b"\0" * 1000))
    audio = RecordingStore(pg_db, _workstation(tmp_path, "c"))
    with pytest.raises(RecordingIntegrityError) as err:
        audio.local_path(rid)
    message = str(err.value)
    assert f"«{CLIP}» (#{rid})" in message and "повреждена" in message and "\n" not in message
    assert not list((tmp_path / "cache-c").rglob("*.wav"))  # nothing wrong was kept


def test_folder_store_and_files_mode(db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shared = tmp_path / "share"
    shared.mkdir()
    monkeypatch.setenv("QA_DESK_RECORDINGS_DIR", str(shared))
    rid = _import(db, tmp_path / "importer")
    stored = list(shared.rglob("*.wav"))
    assert len(stored) == 1 and sha256_of(stored[0]) == sha256_of(AUDIO / CLIP)
    shutil.rmtree(tmp_path / "importer")
    assert RecordingStore(db, _workstation(tmp_path, "f", "folder", shared)).local_path(rid).is_file()
    with pytest.raises(RecordingUnavailable, match="общей папке, но она не настроена"):
        RecordingStore(db, _workstation(tmp_path, "g", "folder", None)).local_path(rid)
    stored[0].write_bytes(b"RIFF" + b"\0" * 100)
    with pytest.raises(RecordingIntegrityError, match=f"«{CLIP}»"):
        RecordingStore(db, _workstation(tmp_path, "h", "folder", shared)).local_path(rid)


def test_files_mode_reads_the_original_and_notices_a_change(db: Database, tmp_path: Path) -> None:
    rid = _import(db, tmp_path / "importer")  # SQLite default: nothing copied
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(AudioBlob)) == 0
    audio = Services(Storage(db)).recordings
    assert audio.backend == "files"
    original = tmp_path / "importer" / "calls" / CLIP
    assert audio.local_path(rid) == original
    original.write_bytes((AUDIO / "silence.wav").read_bytes())
    with pytest.raises(RecordingIntegrityError, match="файл изменился после импорта"):
        audio.local_path(rid)
    original.unlink()
    with pytest.raises(RecordingUnavailable, match="файла нет на этом компьютере"):
        audio.local_path(rid)


def test_cache_is_bounded_least_recently_used_first(tmp_path: Path) -> None:
    cache = AudioCache(tmp_path, limit_bytes=250)
    blobs = {name: bytes([n]) * 100 for n, name in enumerate("abc")}
    import hashlib

    shas = {name: hashlib.sha256(data).hexdigest() for name, data in blobs.items()}
    cache.fill(shas["a"], ".wav", lambda out: out.write(blobs["a"]))
    cache.fill(shas["b"], ".wav", lambda out: out.write(blobs["b"]))
    import os

    os.utime(cache.path_for(shas["a"], ".wav"), (1, 1))
    os.utime(cache.path_for(shas["b"], ".wav"), (2, 2))
    assert cache.get(shas["a"], ".wav") is not None  # a is used again: b is now the oldest
    cache.fill(shas["c"], ".wav", lambda out: out.write(blobs["c"]))
    assert cache.get(shas["b"], ".wav") is None
    assert cache.get(shas["a"], ".wav") is not None and cache.get(shas["c"], ".wav") is not None
    assert cache.size() <= 250
