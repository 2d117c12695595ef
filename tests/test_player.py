"""Playback clock arithmetic, WSOLA time-stretch, and the player widget on real audio.

The ALSA "null" device from conftest.py gives PortAudio a real output that plays into nothing.
"""

from __future__ import annotations

import numpy as np
import pytest
from conftest import AUDIO
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMainWindow

from qa_desk.audio.player import AudioPlayer, PlaybackClock
from qa_desk.audio.stretch import Wsola
from qa_desk.audio.waveform import cached_peaks, compute_peaks

STEREO = str(AUDIO / "stereo_short.mp3")
MONO = str(AUDIO / "mono_short.wav")


# --- clock ------------------------------------------------------------------------------------


def test_clock_seek_clamps_and_speed_is_bounded() -> None:
    clock = PlaybackClock(duration_s=10.0, sample_rate=8000)
    assert clock.seek(-3) == 0.0 and clock.seek(42) == 10.0 and clock.seek(4.25) == 4.25
    assert clock.set_speed(0.5) == 1.0 and clock.set_speed(3) == 2.0 and clock.set_speed(1.5) == 1.5


def test_clock_advances_only_while_playing_and_stops_at_the_end() -> None:
    clock = PlaybackClock(duration_s=10.0, sample_rate=8000)
    clock.advance_frames(8000)
    clock.advance_time(1.0)
    assert clock.position == 0.0  # paused: nothing moves
    assert clock.play()
    clock.advance_frames(4000)
    assert clock.position == pytest.approx(0.5)
    clock.set_speed(2.0)
    clock.advance_time(1.0)  # one wall second at 2× is two seconds of the call
    assert clock.position == pytest.approx(2.5)
    clock.pause()
    clock.advance_time(5.0)
    assert clock.position == pytest.approx(2.5)
    clock.play()
    clock.advance_time(100)
    assert clock.position == 10.0 and clock.at_end and not clock.playing
    assert clock.play() and clock.position == 0.0  # play at the end starts over
    assert not PlaybackClock(0.0).play()


def test_silent_player_follows_an_injected_wall_clock(monkeypatch) -> None:
    import sounddevice as sd

    monkeypatch.setattr(sd, "query_devices", lambda *a, **k: [])
    now = [100.0]
    player = AudioPlayer(clock_time=lambda: now[0])
    assert not player.available and player.reason.startswith("Нет устройства вывода звука:")
    player.load(STEREO)
    player.play()
    now[0] += 2.0
    assert player.position() == pytest.approx(2.0)
    player.set_speed(1.5)
    now[0] += 2.0
    assert player.position() == pytest.approx(5.0)
    player.seek(1.0)
    now[0] += 1.0
    assert player.position() == pytest.approx(2.5)
    player.pause()
    now[0] += 10.0
    assert player.position() == pytest.approx(2.5) and not player.playing


# --- audio helpers ------------------------------------------------------------------------------


def _dominant_hz(signal: np.ndarray, sr: int) -> float:
    spectrum = np.abs(np.fft.rfft(signal * np.hanning(len(signal))))
    return float(np.fft.rfftfreq(len(signal), 1 / sr)[np.argmax(spectrum)])


def test_wsola_keeps_pitch_and_shortens_time() -> None:
    sr = 8000
    t = np.arange(sr * 4) / sr
    tone = (0.5 * np.sin(2 * np.pi * 220 * t)).astype(np.float32)
    wsola = Wsola(tone, sr)
    out = wsola.read(sr, speed=2.0)  # one second of output...
    assert wsola.position == pytest.approx(2 * sr, abs=wsola.hop * 2)  # ...consumed two of input
    assert _dominant_hz(out[400:], sr) == pytest.approx(220, abs=5)  # same pitch, not 440
    assert np.max(np.abs(out[400:])) == pytest.approx(0.5, abs=0.05)  # no dips or doubling
    wsola.seek(10**9)
    assert not np.any(wsola.read(1000, 1.5))  # past the end: silence


def test_peaks_are_min_max_per_bucket_and_cached(tmp_path) -> None:
    data = np.array([[0, 1, -1, 0.5, 0.2, -0.2, 0.9]], np.float32)
    peaks = compute_peaks(data, sample_rate=7, buckets=3)
    assert peaks.duration_s == 1.0 and peaks.buckets == 3
    assert peaks.high[0].tolist() == pytest.approx([1, 0.5, 0.9]) and peaks.low[0].tolist() == pytest.approx(
        [0, -1, -0.2]
    )
    path = tmp_path / "call.wav"
    path.write_bytes(b"stands for a decoded file")
    first = cached_peaks(path, np.zeros((2, 100), np.float32), 8000)
    assert cached_peaks(path, np.ones((2, 100), np.float32), 8000) is first
    path.write_bytes(b"another recording, longer")
    assert cached_peaks(path, np.ones((2, 100), np.float32), 8000) is not first


# --- widget -------------------------------------------------------------------------------------


@pytest.fixture
def player_widget(qtbot):
    from qa_desk.ui.player_widget import PlayerWidget

    widget = PlayerWidget()
    qtbot.addWidget(widget)
    widget.resize(700, 200)
    widget.show()
    yield widget
    widget.close()


def test_loads_stereo_call_with_two_labelled_lanes(player_widget) -> None:
    assert player_widget.available, "the ALSA null device should be a usable output"
    assert player_widget.load(STEREO)
    assert player_widget.duration == pytest.approx(10.7, abs=0.2)
    assert player_widget.waveform.lane_count == 2
    assert player_widget.waveform.labels == ("Менеджер", "Клиент")
    assert player_widget.time_label.text() == "0:00 / 0:10"
    assert not player_widget.message_label.isVisible()
    player_widget.waveform.grab()  # paints without error
    assert player_widget.load(MONO) and player_widget.waveform.lane_count == 1


def test_seek_moves_position_and_emits(qtbot, player_widget) -> None:
    player_widget.load(STEREO)
    with qtbot.waitSignal(player_widget.positionChanged) as blocker:
        player_widget.seek(4.2)
    assert blocker.args == [pytest.approx(4.2)]
    assert player_widget.position() == pytest.approx(4.2)
    assert player_widget.time_label.text() == "0:04 / 0:10"
    assert player_widget.slider.value() == 4200
    player_widget.seek(-5)
    assert player_widget.position() == 0.0
    # A click on the waveform seeks to that place.
    wave = player_widget.waveform
    with qtbot.waitSignal(player_widget.positionChanged) as blocker:
        qtbot.mouseClick(
            wave, Qt.MouseButton.LeftButton, pos=QPoint((wave.width() - 1) // 2, wave.height() // 2)
        )
    assert blocker.args[0] == pytest.approx(player_widget.duration / 2, abs=0.1)
    # ←/→ step by five seconds.
    player_widget.seek(6.0)
    player_widget.setFocus()
    qtbot.keyClick(player_widget, Qt.Key.Key_Left)
    assert player_widget.position() == pytest.approx(1.0)
    qtbot.keyClick(player_widget, Qt.Key.Key_Right)
    assert player_widget.position() == pytest.approx(6.0)


def test_playing_advances_the_position(qtbot, player_widget) -> None:
    player_widget.load(STEREO)
    player_widget.set_speed(1.5)
    assert player_widget.speed_box.currentText() == "1,5×"
    with qtbot.waitSignal(player_widget.stateChanged) as state:
        player_widget.play()
    assert state.args == [True]
    qtbot.waitUntil(lambda: player_widget.position() > 0.3, timeout=5000)
    with qtbot.waitSignal(player_widget.stateChanged) as state:
        player_widget.toggle()
    assert state.args == [False] and not player_widget.is_playing()
    paused_at = player_widget.position()
    qtbot.wait(150)
    assert player_widget.position() == paused_at
    # Playing to the end stops by itself.
    player_widget.set_speed(2.0)
    player_widget.seek(player_widget.duration - 0.3)
    with qtbot.waitSignal(player_widget.stateChanged, timeout=5000) as state:
        player_widget.play()
    with qtbot.waitSignal(player_widget.stateChanged, timeout=5000) as state:
        pass
    assert state.args == [False] and player_widget.position() == pytest.approx(player_widget.duration)


def test_space_toggles_through_window_shortcuts(qtbot) -> None:
    from qa_desk.ui.player_widget import PlayerWidget

    window = QMainWindow()
    qtbot.addWidget(window)
    player = PlayerWidget()
    window.setCentralWidget(player)
    actions = player.install_shortcuts(window)
    assert [a.shortcut().toString() for a in actions] == ["Space", "Left", "Right"]
    window.show()
    player.load(STEREO)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    with qtbot.waitSignal(player.stateChanged) as state:
        qtbot.keyClick(window, Qt.Key.Key_Space)
    assert state.args == [True]
    player.pause()
    player.close()


@pytest.mark.parametrize(
    "name", ["corrupt.mp3", "empty.mp3", "not_audio.wav", "truncated.wav", "missing.mp3"]
)
def test_unreadable_file_shows_a_message(qtbot, player_widget, name) -> None:
    assert player_widget.load(STEREO)
    with qtbot.waitSignal(player_widget.message) as blocker:
        assert not player_widget.load(str(AUDIO / name), duration_s=75)
    assert name in blocker.args[0] and blocker.args[0].startswith("Не удалось открыть запись")
    assert player_widget.message_label.isVisible()
    assert player_widget.waveform.lane_count == 0 and not player_widget.play_button.isEnabled()
    assert player_widget.time_label.text() == "0:00 / 1:15"
    player_widget.play()
    player_widget.seek(3)
    assert player_widget.position() == 0.0 and not player_widget.is_playing()


def test_without_output_device_the_widget_says_so_and_still_moves(qtbot, monkeypatch) -> None:
    import sounddevice as sd

    from qa_desk.ui.player_widget import PlayerWidget

    monkeypatch.setattr(sd, "query_devices", lambda *a, **k: [])
    widget = PlayerWidget()
    qtbot.addWidget(widget)
    widget.show()
    assert not widget.available
    assert widget.message_label.isVisible()
    assert widget.message_label.text().startswith("Нет устройства вывода звука")
    assert widget.load(STEREO) and widget.message_label.text().startswith("Нет устройства вывода звука")
    widget.play()
    qtbot.waitUntil(lambda: widget.position() > 0.1, timeout=5000)
    widget.pause()
