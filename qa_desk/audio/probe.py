"""Checking a file before decoding: existence, size, format, header consistency."""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass
from pathlib import Path

import soundfile as sf

from qa_desk.audio.errors import AudioError
from qa_desk.audio.mp3_frames import missing_share
from qa_desk.audio.quiet import native_stderr_silenced

# Extensions libsndfile (bundled with soundfile) decodes.
SUPPORTED_EXTENSIONS = frozenset({".wav", ".mp3", ".ogg", ".oga", ".opus", ".flac"})
# One channel per party at most: a 6-channel file gave each phrase three times when channels 3-6 were
# transcribed as "unknown" speakers, so more channels are refused rather than guessed.
MAX_CHANNELS = 2


@dataclass(frozen=True, slots=True)
class AudioInfo:
    path: str
    duration_s: float
    channels: int
    sample_rate: int
    format: str  # lowercase container name: "wav", "mp3", "ogg", "flac"


def file_sha256(path: str | Path, chunk_size: int = 1 << 20) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(chunk_size):
            digest.update(chunk)
    return digest.hexdigest()


def check_file(path: str | Path) -> Path:
    """Fail early with a readable reason on problems visible without decoding."""
    p = Path(path)
    if not p.exists():
        raise AudioError(p, "файл не найден")
    if p.is_dir():
        raise AudioError(p, "это папка, а не аудиофайл")
    suffix = p.suffix.lower()
    if suffix not in SUPPORTED_EXTENSIONS:
        supported = ", ".join(sorted(s.lstrip(".") for s in SUPPORTED_EXTENSIONS))
        shown = suffix or "без расширения"
        raise AudioError(p, f"формат «{shown}» не поддерживается (поддерживаются: {supported})")
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise AudioError(p, f"нет доступа к файлу ({exc.strerror or exc})") from exc
    if size == 0:
        raise AudioError(p, "файл пустой (0 байт)")
    if suffix == ".wav":
        _check_wav_header(p, size)
    elif suffix == ".mp3":
        _check_mp3_frames(p)
    return p


def probe(path: str | Path) -> AudioInfo:
    p = check_file(path)
    try:
        with native_stderr_silenced():
            info = sf.info(str(p))
    except (sf.LibsndfileError, RuntimeError, TypeError) as exc:
        raise AudioError(p, _explain_open_error(p, exc)) from exc
    if info.frames <= 0 or info.samplerate <= 0:
        raise AudioError(p, "в файле нет звука (0 отсчётов)")
    if info.channels > MAX_CHANNELS:
        raise AudioError(p, f"каналов в записи: {info.channels}; поддерживаются моно и стерео (менеджер и клиент), "
                            "сведите запись в два канала")
    fmt = str(info.format).lower()
    fmt = {"wavex": "wav", "rf64": "wav"}.get(fmt, fmt)
    return AudioInfo(str(p), info.frames / info.samplerate, int(info.channels), int(info.samplerate), fmt)


def _explain_open_error(path: Path, exc: Exception) -> str:
    text = str(exc).lower()
    kind = path.suffix.lower().lstrip(".").upper()
    if "unsupported" in text or "not supported" in text or "codec" in text:
        return "кодек не поддерживается"
    if "format not recognised" in text or "format not recognized" in text:
        return f"не является аудиофайлом {kind} или заголовок повреждён"
    return f"файл повреждён или не является аудиофайлом {kind}"


def _check_mp3_frames(path: Path) -> None:
    missing = missing_share(path.read_bytes())
    if missing is None or missing == 0.0:
        return
    if missing < 0.02:
        raise AudioError(path, "файл обрезан: запись кончается посреди кадра MP3")
    raise AudioError(path, f"файл обрезан: нет около {missing * 100:.0f}% записи")


def _check_wav_header(path: Path, size: int) -> None:
    """libsndfile silently reads a cut-off WAV; compare the declared data size with the file size."""
    with open(path, "rb") as fh:
        head = fh.read(12)
        if len(head) < 12 or head[:4] not in (b"RIFF", b"RF64") or head[8:12] != b"WAVE":
            return  # not RIFF/WAVE: let libsndfile decide (it may still be a valid WAV variant)
        if head[:4] == b"RF64":
            return
        while True:
            chunk = fh.read(8)
            if len(chunk) < 8:
                raise AudioError(path, "файл обрезан: нет блока с аудиоданными")
            chunk_id, chunk_size = chunk[:4], struct.unpack("<I", chunk[4:])[0]
            if chunk_id == b"data":
                available = size - fh.tell()
                if chunk_size not in (0, 0xFFFFFFFF) and available < chunk_size * 0.99:
                    percent = 100 * available / chunk_size
                    raise AudioError(path, f"файл обрезан: есть только {percent:.0f}% аудиоданных")
                return
            fh.seek(chunk_size + (chunk_size & 1), 1)
