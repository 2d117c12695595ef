"""Recordings every workstation and worker can reach: audio addressed by its sha256.

One interface (``RecordingStore``), two places for the bytes (``AudioBackend``):

* ``database`` (the default on PostgreSQL): 1 MiB chunks in ``audio_chunk``, written and read one
  chunk at a time, never the whole file in memory;
* ``folder``: a shared folder (an SMB/NFS mount) configured as ``recordings_dir`` on each host;
* ``files`` (the default on SQLite, the single-seat mode): nothing is copied, the recording is read
  from the path it was imported from, as before.

``audio_blob`` records where each content lives, so a host reads any recording whatever it is
configured to write. Reading goes through a bounded local cache (``AudioCache``); every read
checks the sha256, and a mismatch raises ``RecordingIntegrityError`` naming the recording: wrong
audio is never played or transcribed.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from qa_desk import config
from qa_desk.storage.audio_cache import READ_CHUNK, AudioCache, HashMismatch, sha256_of
from qa_desk.storage.db import Database
from qa_desk.storage.models import Recording
from qa_desk.storage.team_models import AudioBlob, AudioChunk

DATABASE, FOLDER, FILES = "database", "folder", "files"
BACKENDS = (DATABASE, FOLDER, FILES)
CHUNK_SIZE = 1 << 20


class RecordingUnavailable(RuntimeError):
    """A recording this host cannot read; the message is one Russian line naming it."""


class RecordingIntegrityError(RecordingUnavailable):
    """The bytes found are not the recording's (their sha256 differs)."""


class StoreConfigError(RecordingUnavailable):
    """The store is configured in a way that cannot work (an unknown kind, a missing folder)."""


@dataclass(frozen=True, slots=True)
class StoreConfig:
    backend: str
    folder: Path | None
    cache_dir: Path
    cache_limit_bytes: int

    @classmethod
    def from_settings(cls, dialect: str, settings: config.Settings | None = None) -> StoreConfig:
        """``recordings_store`` / ``recordings_dir`` / ``recording_cache_mb`` (settings or environment)."""
        settings = settings or config.load_settings()
        folder = settings.recordings_dir
        default = FOLDER if folder else DATABASE if dialect != "sqlite" else FILES
        return cls(
            settings.recordings_store or default,
            folder,
            config.recording_cache_dir(),
            settings.recording_cache_mb * 1024 * 1024,
        )


class AudioBackend(Protocol):
    name: str

    def put(self, session: Session, sha256: str, source: Path) -> AudioBlob: ...

    def copy_to(self, session: Session, blob: AudioBlob, out: BinaryIO) -> None: ...


class DatabaseBackend:
    """Chunks in ``audio_chunk``: streamed in and out one ``CHUNK_SIZE`` piece per statement."""

    name = DATABASE

    def put(self, session: Session, sha256: str, source: Path) -> AudioBlob:
        count = size = 0
        with open(source, "rb") as fh:
            while data := fh.read(CHUNK_SIZE):
                session.execute(insert(AudioChunk).values(sha256=sha256, seq=count, data=data))
                count, size = count + 1, size + len(data)
        return AudioBlob(sha256=sha256, size=size, backend=DATABASE, chunk_size=CHUNK_SIZE, chunks=count)

    def copy_to(self, session: Session, blob: AudioBlob, out: BinaryIO) -> None:
        for seq in range(blob.chunks):
            data = session.scalar(
                select(AudioChunk.data).where(AudioChunk.sha256 == blob.sha256, AudioChunk.seq == seq)
            )
            if data is None:
                raise HashMismatch(blob.sha256, f"нет части {seq + 1} из {blob.chunks}")
            out.write(data)


class FolderBackend:
    """Files ``<root>/<ab>/<sha256><suffix>`` in a shared folder every host mounts."""

    name = FOLDER

    def __init__(self, root: Path | None) -> None:
        self._root = root

    @property
    def root(self) -> Path:
        if self._root is None:
            raise StoreConfigError(
                "Записи хранятся в общей папке, но она не настроена на этом компьютере: "
                "укажите recordings_dir в settings.toml или QA_DESK_RECORDINGS_DIR"
            )
        if not self._root.is_dir():
            raise StoreConfigError(f"Общая папка записей {self._root} недоступна: проверьте, что она подключена")
        return self._root

    def path_for(self, sha256: str, suffix: str) -> Path:
        return self.root / sha256[:2] / f"{sha256}{suffix}"

    def put(self, session: Session, sha256: str, source: Path) -> AudioBlob:
        target = self.path_for(sha256, source.suffix.lower())
        size = source.stat().st_size
        if not (target.is_file() and target.stat().st_size == size):
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{sha256[:16]}", suffix=".part", dir=target.parent)
            try:
                with os.fdopen(fd, "wb") as out, open(source, "rb") as src:
                    shutil.copyfileobj(src, out, READ_CHUNK)
                os.replace(tmp, target)
            finally:
                if os.path.exists(tmp):
                    os.unlink(tmp)
        return AudioBlob(sha256=sha256, size=size, backend=FOLDER)

    def copy_to(self, session: Session, blob: AudioBlob, out: BinaryIO) -> None:
        path = self.path_for(blob.sha256, blob.suffix)
        try:
            with open(path, "rb") as src:
                shutil.copyfileobj(src, out, READ_CHUNK)
        except FileNotFoundError:
            raise HashMismatch(blob.sha256, "файла нет в общей папке") from None


def backends(store_config: StoreConfig) -> dict[str, AudioBackend]:
    return {DATABASE: DatabaseBackend(), FOLDER: FolderBackend(store_config.folder)}


def keep(session: Session, path: Path, sha256: str, store_config: StoreConfig) -> bool:
    """Store ``path`` (whose content hashes to ``sha256``) unless it is stored already.

    Runs in the caller's transaction, so the blob row commits with the recording that uses it;
    the row is added after the last byte. Returns True when bytes were written.
    """
    if store_config.backend == FILES:
        return False
    with session.no_autoflush:  # the caller's recording may not be added to the session yet
        if session.get(AudioBlob, sha256) is not None:
            return False
    try:
        with session.begin_nested():  # another host storing the same call at once: theirs is kept
            blob = backends(store_config)[store_config.backend].put(session, sha256, path)
            blob.suffix = path.suffix.lower()[:16]
            session.add(blob)
            session.flush()
    except IntegrityError:
        return False
    return True


def keep_audio(session: Session, path: Path, sha256: str) -> bool:
    """The import hook: keep a newly imported recording's audio in the configured store."""
    return keep(session, path, sha256, StoreConfig.from_settings(session.get_bind().dialect.name))


class RecordingStore:
    """Keeps imported audio in the shared store and gives any host a verified local copy."""

    def __init__(self, db: Database, store_config: StoreConfig | None = None) -> None:
        self.db = db
        self.config = store_config or StoreConfig.from_settings(db.dialect)
        self.cache = AudioCache(self.config.cache_dir, self.config.cache_limit_bytes)
        self._backends = backends(self.config)

    def keep(self, session: Session, path: Path, sha256: str) -> bool:
        return keep(session, path, sha256, self.config)

    # --- reading ---------------------------------------------------------------------------
    def local_path(self, recording_id: int) -> Path:
        """A file on this host with exactly the recording's audio (from the cache, the original
        path or the store, in that order). Raises ``RecordingUnavailable`` with a Russian line."""
        with self.db.session() as session:
            recording = session.get(Recording, recording_id)
            if recording is None:
                raise RecordingUnavailable(f"Запись #{recording_id} не найдена")
            return self._local_path(session, recording)

    def _local_path(self, session: Session, recording: Recording) -> Path:
        name = _label(recording)
        sha = recording.sha256
        if not sha:
            raise RecordingUnavailable(f"{name}: файл не был прочитан при импорте ({recording.error or 'нет данных'})")
        blob = session.get(AudioBlob, sha)
        suffix = blob.suffix if blob is not None else Path(recording.path).suffix.lower()
        cached = self.cache.get(sha, suffix)
        if cached is not None:
            return cached
        original = Path(recording.path)
        original_ok = _is_intact(original, sha)
        if original_ok:
            return original
        if blob is None:
            if original.is_file():
                raise RecordingIntegrityError(f"{name}: файл изменился после импорта (контрольная сумма не совпадает)")
            raise RecordingUnavailable(f"{name}: файла нет на этом компьютере, а в общем хранилище записи нет")
        backend = self._backends.get(blob.backend)
        if backend is None:
            raise StoreConfigError(f"{name}: неизвестное хранилище «{blob.backend}»")
        try:
            return self.cache.fill(sha, suffix, _writer(backend, session, blob))
        except HashMismatch as exc:
            raise RecordingIntegrityError(
                f"{name}: запись в хранилище повреждена ({exc}); воспроизведение и распознавание остановлены"
            ) from None
        except OSError as exc:
            raise RecordingUnavailable(f"{name}: не удалось получить запись из хранилища ({exc})") from None


def _writer(backend: AudioBackend, session: Session, blob: AudioBlob) -> Callable[[BinaryIO], None]:
    return lambda out: backend.copy_to(session, blob, out)


def _is_intact(path: Path, sha256: str) -> bool:
    try:
        return path.is_file() and sha256_of(path) == sha256
    except OSError:
        return False


def _label(recording: Recording) -> str:
    return f"Запись «{Path(recording.path).name}» (#{recording.id})"
