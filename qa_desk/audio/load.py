"""Decoding to float32 channels at the ASR sample rate."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import soundfile as sf
import soxr

from qa_desk.audio.errors import AudioError
from qa_desk.audio.probe import AudioInfo, probe
from qa_desk.audio.quiet import native_stderr_silenced

# A decoded stream shorter than this share of the header's frame count is a cut-off file.
_MIN_DECODED_SHARE = 0.9


def load_channels(path: str | Path, target_sr: int = 16000) -> tuple[np.ndarray, AudioInfo]:
    """Return ``(audio[channels, n] float32, info)``; ``info`` describes the decoded stream."""
    info = probe(path)
    try:
        with native_stderr_silenced():
            data, sr = sf.read(info.path, dtype="float32", always_2d=True)
    except (sf.LibsndfileError, RuntimeError) as exc:
        raise AudioError(info.path, "файл повреждён: ошибка при декодировании") from exc
    if data.shape[0] == 0:
        raise AudioError(info.path, "в файле нет звука (0 отсчётов)")
    if info.format != "mp3" and data.shape[0] < _MIN_DECODED_SHARE * info.duration_s * sr:
        raise AudioError(info.path, "файл обрезан: декодирована только часть записи")
    if not np.isfinite(data).all():
        raise AudioError(info.path, "файл повреждён: недопустимые значения отсчётов")
    if sr != target_sr:
        data = soxr.resample(data, sr, target_sr, quality="HQ").astype(np.float32, copy=False)
    channels = np.ascontiguousarray(data.T)
    decoded = AudioInfo(info.path, data.shape[0] / target_sr, info.channels, info.sample_rate, info.format)
    return channels, decoded


def is_dual_mono(channels: np.ndarray, tolerance: float = 0.02) -> bool:
    """True for a "stereo" file whose two channels carry the same signal (mono saved as stereo)."""
    if channels.ndim != 2 or channels.shape[0] != 2:
        return False
    left, right = channels[0].astype(np.float64), channels[1].astype(np.float64)
    level = max(float(np.sqrt(np.mean(left**2))), float(np.sqrt(np.mean(right**2))))
    if level == 0.0:
        return True
    diff = float(np.sqrt(np.mean((left - right) ** 2)))
    return diff <= tolerance * level
