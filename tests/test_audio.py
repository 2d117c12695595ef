"""Reading and validating recordings with real files."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from qa_desk.audio import AudioError, file_sha256, is_dual_mono, load_channels, probe


def test_probe_stereo_mp3(audio_dir: Path) -> None:
    info = probe(audio_dir / "stereo_short.mp3")
    assert info.channels == 2
    assert info.format == "mp3"
    assert info.sample_rate > 0
    assert 3 < info.duration_s < 30


@pytest.mark.parametrize("name", ["stereo_short.mp3", "stereo_short.ogg"])
def test_load_stereo_resamples_to_16k(audio_dir: Path, name: str) -> None:
    audio, info = load_channels(audio_dir / name)
    assert audio.dtype == np.float32
    assert audio.shape[0] == 2
    assert audio.shape[1] == pytest.approx(info.duration_s * 16000, abs=2)
    assert not is_dual_mono(audio)


def test_load_mono_wav(audio_dir: Path) -> None:
    audio, info = load_channels(audio_dir / "mono_short.wav")
    assert audio.shape[0] == 1
    assert info.channels == 1
    assert np.abs(audio).max() > 0.01


def test_dual_mono_detected(audio_dir: Path, tmp_path: Path) -> None:
    mono, sr = sf.read(audio_dir / "mono_short.wav", dtype="float32")
    path = tmp_path / "dual.wav"
    sf.write(path, np.stack([mono, mono], axis=1), sr)
    audio, info = load_channels(path)
    assert info.channels == 2
    assert is_dual_mono(audio)


def test_sha256(audio_dir: Path) -> None:
    path = audio_dir / "stereo_short.mp3"
    assert file_sha256(path) == hashlib.sha256(path.read_bytes()).hexdigest()


def _bad_file(tmp_path: Path, audio_dir: Path, case: str) -> Path:
    if case in ("empty.mp3", "corrupt.mp3", "not_audio.wav", "truncated.wav"):
        return audio_dir / case
    if case == "missing.mp3":
        return tmp_path / "missing.mp3"
    if case == "folder.wav":
        (tmp_path / "folder.wav").mkdir()
        return tmp_path / "folder.wav"
    if case == "call.m4a":
        path = tmp_path / "call.m4a"
        shutil.copy(audio_dir / "stereo_short.mp3", path)
        return path
    if case == "cut_mp3.mp3":
        path = tmp_path / "cut_mp3.mp3"
        data = (audio_dir / "stereo_short.mp3").read_bytes()
        path.write_bytes(data[: len(data) * 6 // 10])  # a download or copy that stopped early
        return path
    if case == "cut_data.wav":
        full = tmp_path / "full.wav"
        sf.write(full, np.zeros((16000, 2), dtype=np.float32), 8000, subtype="PCM_16")
        path = tmp_path / "cut_data.wav"
        path.write_bytes(full.read_bytes()[:20000])
        return path
    raise AssertionError(case)


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("empty.mp3", "файл пустой (0 байт)"),
        ("corrupt.mp3", "повреждён"),
        ("not_audio.wav", "не является аудиофайлом"),
        ("truncated.wav", "обрезан"),
        ("missing.mp3", "не найден"),
        ("folder.wav", "папка"),
        ("call.m4a", "не поддерживается"),
        ("cut_data.wav", "обрезан"),
        ("cut_mp3.mp3", "обрезан: нет около 40% записи"),
    ],
)
def test_bad_input_gives_one_readable_line(tmp_path: Path, audio_dir: Path, case: str, expected: str) -> None:
    path = _bad_file(tmp_path, audio_dir, case)
    with pytest.raises(AudioError) as info:
        load_channels(path)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(f"{path.name}: ")
    assert expected in message
    assert info.value.path == str(path)


def test_mp3_frame_walk_tells_a_whole_file_from_a_cut_one(audio_dir: Path) -> None:
    from qa_desk.audio.mp3_frames import missing_share

    data = (audio_dir / "long_call.mp3").read_bytes()
    assert missing_share(data) == 0.0
    assert missing_share(data[:-100]) == 0.0  # only the 128-byte ID3v1 tag at the end is cut
    assert 0 < missing_share(data[:-300]) < 0.05  # ends inside the last frame
    assert missing_share((audio_dir / "corrupt.mp3").read_bytes()) is None  # left to the decoder
