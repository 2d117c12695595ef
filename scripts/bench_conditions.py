"""Telephone conditions of one stereo benchmark call, made in a folder for ``bench_transcribe.py``.

Each condition is the same call (so its ``.txt`` reference is copied beside it): GSM 06.10 (each
channel through sox's GSM codec and back), A-law and µ-law 8 kHz WAV, 16 kbps MP3, the other
speaker leaking into each channel at -25 dB (4 ms late, as ``synth_line.add_crosstalk`` makes it),
and babble of the other benchmark calls at 20 dB SNR. Needs sox and lame.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import numpy as np
import soundfile as sf

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth_line import RATE, add_crosstalk, encode_codec, to_int16  # noqa: E402

BABBLE_SNR_DB = 20.0
CROSSTALK_DB = -25.0


def _read(path: Path) -> np.ndarray:
    data, rate = sf.read(str(path), dtype="float32", always_2d=True)
    assert rate == RATE, f"{path}: {rate} Hz"
    return data.T.astype(np.float64) * 32768


def _speech_rms(track: np.ndarray) -> float:
    """RMS of the 10 ms frames at least 15 dB above the channel's quietest tenth."""
    frames = track[: len(track) // 80 * 80].reshape(-1, 80)
    power = np.mean(frames**2, axis=1) + 1e-9
    loud = power[power > np.percentile(power, 10) * 10**1.5]
    return float(np.sqrt(np.mean(loud))) if len(loud) else 1.0


def babble(others: list[Path], n: int, seed: int) -> np.ndarray:
    """The other calls' channels summed at random offsets, looped to ``n`` samples, unit RMS."""
    rng = np.random.default_rng(seed)
    mixed = np.zeros(n)
    for path in others:
        for channel in _read(path):
            offset = int(rng.integers(len(channel)))
            mixed += np.resize(np.roll(channel, -offset), n)
    return mixed / (float(np.sqrt(np.mean(mixed**2))) or 1.0)


def _write(path: Path, tracks: list[np.ndarray]) -> Path:
    sf.write(str(path), np.stack([to_int16(t) for t in tracks], axis=1), RATE, subtype="PCM_16")
    return path


def make_conditions(audio: Path, others: list[Path], folder: Path) -> dict[str, Path]:
    """``{condition: file}`` in ``folder``, the clean call first."""
    tracks = list(_read(audio))
    made: dict[str, Path] = {"чистый звук": audio}
    with tempfile.TemporaryDirectory(prefix="conditions_") as tmp:
        pcm = _write(Path(tmp) / "pcm.wav", tracks)
        for name, codec, out in (("GSM 06.10", "gsm", "gsm.wav"), ("A-law WAV", "alaw", "alaw.wav"),
                                 ("µ-law WAV", "ulaw", "ulaw.wav"), ("MP3 16 кбит/с", "mp3", "mp3_16k.mp3")):
            encode_codec(pcm, folder / out, 2, codec, 16)
            made[name] = folder / out
    made["эхо −25 дБ"] = _write(folder / "crosstalk.wav", add_crosstalk(tracks, CROSSTALK_DB))
    noise = babble(others, len(tracks[0]), seed=20) if others else np.zeros(len(tracks[0]))
    noisy = [t + noise * _speech_rms(t) / 10 ** (BABBLE_SNR_DB / 20) for t in tracks]
    made["гомон 20 дБ"] = _write(folder / "babble.wav", noisy)
    for path in made.values():
        if path.parent == folder:
            shutil.copy(audio.with_suffix(".txt"), path.with_suffix(".txt"))
    return made
