"""Audio clips of evidence moments: a few seconds around a quote, the original channels, Ogg/Opus.

A clip is cut from the original recording at its own sample rate and channel count (manager left,
client right stay as they were) and encoded with libsndfile's Opus encoder (soundfile), which every
current browser plays. Lossy coding changes the samples, so ``matches`` proves a clip is the stated
cut by comparing the decoded clip with the same cut of the original: the same length, a waveform
correlation of at least ``MIN_CORRELATION`` and a level within ``MAX_LEVEL_DB``. Another moment of
the same call, another call or an edited clip fails.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import soundfile as sf

from qa_desk.audio.errors import AudioError
from qa_desk.audio.quiet import native_stderr_silenced

PAD_BEFORE_S = 1.0
PAD_AFTER_S = 1.0
MAX_CLIP_S = 20.0
MIN_CORRELATION = 0.9
MAX_LEVEL_DB = 3.0
OPUS_RATES = (8000, 12000, 16000, 24000, 48000)
CLIP_QUALITY = (
    0.95  # libsndfile's Opus compression level (0 best, 1 smallest); lower levels lose the waveform
)


@dataclass(frozen=True, slots=True)
class Cut:
    """Which samples of the original a clip holds: frames [start_frame, start_frame + frames)."""

    start_frame: int
    frames: int
    sample_rate: int
    channels: int

    @property
    def start_s(self) -> float:
        return self.start_frame / self.sample_rate

    @property
    def end_s(self) -> float:
        return (self.start_frame + self.frames) / self.sample_rate

    def to_json(self) -> dict[str, int | float]:
        return {
            "start_frame": self.start_frame,
            "frames": self.frames,
            "sample_rate": self.sample_rate,
            "channels": self.channels,
            "start_s": round(self.start_s, 3),
            "end_s": round(self.end_s, 3),
        }


def plan(start: float, end: float, duration: float, sample_rate: int) -> tuple[int, int]:
    """(first frame, frame count) of a moment with padding, kept inside the call and under MAX_CLIP_S."""
    low = max(0.0, start - PAD_BEFORE_S)
    high = min(duration, end + PAD_AFTER_S) if duration > 0 else end + PAD_AFTER_S
    high = min(high, low + MAX_CLIP_S)
    first = int(round(low * sample_rate))
    return first, max(1, int(round(high * sample_rate)) - first)


def read_cut(original: Path, start_frame: int, frames: int) -> tuple[np.ndarray, int]:
    """Samples [start_frame, start_frame + frames) of ``original`` as float32 (frames, channels)."""
    try:
        with native_stderr_silenced(), sf.SoundFile(str(original)) as f:
            f.seek(min(start_frame, max(0, f.frames - 1)) if f.frames > 0 else 0)
            data = f.read(frames, dtype="float32", always_2d=True)
            return data, f.samplerate
    except (sf.LibsndfileError, RuntimeError, OSError) as exc:
        raise AudioError(original, f"не удаётся прочитать запись для фрагмента ({exc})") from None


def make_clip(original: Path, start: float, end: float) -> tuple[bytes, Cut]:
    """The Ogg/Opus clip of ``start``..``end`` (seconds) of ``original``, padded, and what it holds."""
    info = _info(original)
    first, count = plan(start, end, info.duration, info.samplerate)
    data, rate = read_cut(original, first, count)
    if data.shape[0] == 0:
        raise AudioError(original, f"момент {start:.1f} с за пределами записи")
    return encode(data, rate), Cut(first, data.shape[0], rate, data.shape[1])


def encode(data: np.ndarray, rate: int) -> bytes:
    if rate not in OPUS_RATES:
        raise AudioError("фрагмент", f"частота {rate} Гц не поддерживается Opus; нужна одна из {OPUS_RATES}")
    buffer = io.BytesIO()
    with sf.SoundFile(
        buffer, "w", rate, data.shape[1], format="OGG", subtype="OPUS", compression_level=CLIP_QUALITY
    ) as f:
        f.write(data)
    return buffer.getvalue()


def decode(clip: bytes) -> tuple[np.ndarray, int]:
    try:
        data, rate = sf.read(io.BytesIO(clip), dtype="float32", always_2d=True)
    except (sf.LibsndfileError, RuntimeError) as exc:
        raise AudioError("фрагмент", f"не декодируется ({exc})") from None
    return data, int(rate)


def matches(original: Path, clip: bytes, cut: Cut) -> str | None:
    """None when ``clip`` is the stated ``cut`` of ``original``; else why not (Russian)."""
    try:
        got, rate = decode(clip)
        want, original_rate = read_cut(original, cut.start_frame, cut.frames)
    except AudioError as exc:
        return str(exc)
    if rate != cut.sample_rate or original_rate != cut.sample_rate:
        return f"частота {rate} Гц вместо {cut.sample_rate} Гц"
    if got.shape[1] != cut.channels or want.shape[1] != cut.channels:
        return f"каналов {got.shape[1]} вместо {cut.channels}"
    if abs(got.shape[0] - cut.frames) > cut.sample_rate // 100 or want.shape[0] != cut.frames:
        return f"длина {got.shape[0] / rate:.2f} с вместо {cut.frames / cut.sample_rate:.2f} с"
    n = min(got.shape[0], want.shape[0])
    a, b = got[:n].ravel().astype(np.float64), want[:n].ravel().astype(np.float64)
    energy = float(np.sqrt(np.dot(a, a) * np.dot(b, b)))
    if energy == 0.0:
        return None if not a.any() and not b.any() else "в одном из них тишина"
    correlation = float(np.dot(a, b)) / energy
    level = 10 * np.log10(max(float(np.dot(a, a)), 1e-12) / max(float(np.dot(b, b)), 1e-12))
    if correlation < MIN_CORRELATION or abs(level) > MAX_LEVEL_DB:
        return f"звук не совпадает с записью (сходство {correlation:.2f}, уровень {level:+.1f} дБ)"
    return None


def _info(original: Path) -> sf._SoundFileInfo:
    try:
        with native_stderr_silenced():
            return sf.info(str(original))
    except (sf.LibsndfileError, RuntimeError, OSError) as exc:
        raise AudioError(original, f"не удаётся прочитать запись ({exc})") from None
