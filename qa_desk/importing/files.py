"""Checking a recording named by a manifest row, before any database lock is taken."""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from qa_desk.audio import AudioError, AudioInfo, file_sha256, probe


@dataclass(frozen=True, slots=True)
class FileCheck:
    path: Path  # resolved where possible
    sha256: str | None = None  # None: no content could be read
    info: AudioInfo | None = None
    error: str | None = None  # one Russian line naming the file; None when the file is usable


def check_recording(path: Path) -> FileCheck:
    """Content hash and audio parameters of a recording, or the reason it cannot be used.

    Messages name the file as the manifest does (not the target of a link)."""
    name = path.name or str(path)
    try:
        path = path.resolve()
        mode = path.stat().st_mode
    except FileNotFoundError:
        return FileCheck(path, error=f"{name}: файл не найден")
    except (OSError, RuntimeError, ValueError) as exc:
        return FileCheck(path, error=f"{name}: {_os_reason(exc)}")
    if stat.S_ISDIR(mode):
        return FileCheck(path, error=f"{name}: это папка, а не аудиофайл")
    if not stat.S_ISREG(mode):
        return FileCheck(path, error=f"{name}: это не обычный файл (устройство или канал)")
    sha: str | None = None
    try:
        with open(path, "rb") as fh:
            fh.read(1)
        if path.stat().st_size > 0:
            sha = file_sha256(path)
    except OSError as exc:
        return FileCheck(path, error=f"{name}: {_os_reason(exc)}")
    try:
        info = probe(path)
    except AudioError as exc:
        return FileCheck(path, sha, error=f"{name}: {exc.reason}")
    except OSError as exc:
        return FileCheck(path, sha, error=f"{name}: {_os_reason(exc)}")
    return FileCheck(path, sha, info)


def _os_reason(exc: BaseException) -> str:
    if isinstance(exc, PermissionError) or getattr(exc, "errno", None) in (errno.EACCES, errno.EPERM):
        return "нет прав на чтение файла"
    if isinstance(exc, ValueError):
        return "недопустимый путь к файлу"
    if isinstance(exc, RuntimeError):
        return "ссылка на файл зациклена"
    if getattr(exc, "errno", None) == errno.ENAMETOOLONG:
        return "слишком длинный путь к файлу"
    code = getattr(exc, "errno", None)
    strerror = getattr(exc, "strerror", None) or (os.strerror(code) if code else str(exc))
    return f"не удаётся прочитать файл ({strerror})"
