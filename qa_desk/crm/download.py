"""Streamed recording download: a size limit, a deadline, and a check that nothing was cut off."""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import httpx

from qa_desk.crm.clock import Clock
from qa_desk.crm.errors import CrmDownloadError
from qa_desk.crm.transport import retry_after

DEFAULT_MAX_BYTES = 200 * 1024 * 1024  # a two-hour stereo MP3 is about 115 MB
DEFAULT_TIMEOUT_S = 300.0
AUDIO_TYPES = {
    "audio/mpeg": ".mp3",
    "audio/mp3": ".mp3",
    "audio/wav": ".wav",
    "audio/x-wav": ".wav",
    "audio/wave": ".wav",
    "audio/ogg": ".ogg",
    "audio/opus": ".opus",
    "audio/flac": ".flac",
}
KNOWN_SUFFIXES = frozenset(AUDIO_TYPES.values())


@dataclass(frozen=True, slots=True)
class Downloaded:
    path: Path
    sha256: str
    size: int


def download(
    client: httpx.Client,
    url: str,
    folder: Path,
    *,
    clock: Clock,
    what: str,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout_s: float = DEFAULT_TIMEOUT_S,
) -> Downloaded:
    """Stream ``url`` into a temporary file in ``folder``; the caller renames or deletes it."""
    folder.mkdir(parents=True, exist_ok=True)
    started = clock.monotonic()
    digest = hashlib.sha256()
    fd, name = tempfile.mkstemp(prefix=".crm-", suffix=".part", dir=folder)
    path = Path(name)
    size = 0
    try:
        with os.fdopen(fd, "wb") as out, client.stream("GET", url) as response:
            if response.status_code == 404:
                raise CrmDownloadError(f"{what}: запись звонка не найдена в CRM (HTTP 404)", final=True)
            if response.status_code >= 400:
                raise CrmDownloadError(
                    f"{what}: запись звонка не скачалась (HTTP {response.status_code})",
                    retry_after=(retry_after(response) or 1.0) if response.status_code in (429, 503) else None,
                )
            declared = int(response.headers.get("Content-Length") or 0)
            if declared > max_bytes:
                raise CrmDownloadError(f"{what}: запись больше {max_bytes // 2**20} МБ, не скачивается", final=True)
            for chunk in response.iter_bytes(1 << 16):
                size += len(chunk)
                if size > max_bytes:
                    raise CrmDownloadError(f"{what}: запись больше {max_bytes // 2**20} МБ, не скачивается", final=True)
                if clock.monotonic() - started > timeout_s:
                    raise CrmDownloadError(f"{what}: запись не скачалась за {timeout_s:.0f} с")
                digest.update(chunk)
                out.write(chunk)
            if declared and size < declared:
                raise CrmDownloadError(f"{what}: загрузка оборвалась ({size} из {declared} байт)")
            suffix = _suffix(url, response.headers.get("Content-Type", ""))
    except httpx.TransportError as exc:
        path.unlink(missing_ok=True)
        raise CrmDownloadError(f"{what}: загрузка оборвалась ({type(exc).__name__})") from None
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    if size == 0:
        path.unlink(missing_ok=True)
        raise CrmDownloadError(f"{what}: CRM отдала пустой файл", final=True)
    final = path.with_suffix(suffix)
    path.rename(final)
    return Downloaded(final, digest.hexdigest(), size)


def _suffix(url: str, content_type: str) -> str:
    from_type = AUDIO_TYPES.get(content_type.split(";")[0].strip().lower())
    if from_type:
        return from_type
    tail = Path(httpx.URL(url).path).suffix.lower()
    return tail if tail in KNOWN_SUFFIXES else ".mp3"
