"""Playback of a call: a pure clock, and a sounddevice output stream that drives it.

``PlaybackClock`` holds all position arithmetic and needs no sound card. ``AudioPlayer`` decodes
the file (both channels kept for the waveform), mixes it to one signal heard in both ears and
plays it through a ``sounddevice.OutputStream`` callback, stretched by WSOLA at speeds above 1×
so the pitch stays natural. Without an output device it still "plays": the clock then follows
the wall clock (``time.monotonic``), so the interface can move through the transcript silently.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from qa_desk.audio.errors import AudioError
from qa_desk.audio.load import is_dual_mono, load_channels
from qa_desk.audio.probe import probe
from qa_desk.audio.stretch import Wsola

MIN_SPEED = 1.0
MAX_SPEED = 2.0
NO_DEVICE = "Нет устройства вывода звука"
# A device may take samples faster than real time (ALSA "null", virtual sinks): the callback then
# stops feeding once the position runs this far ahead of the wall clock. Real cards stay within
# their buffer latency, well below it.
PACE_SLACK_S = 1.0


class PlaybackClock:
    """Position in seconds within ``[0, duration]``, speed, and playing/paused state."""

    def __init__(self, duration_s: float = 0.0, sample_rate: int = 8000) -> None:
        self.duration = max(0.0, float(duration_s))
        self.sample_rate = int(sample_rate)
        self.position = 0.0
        self.speed = 1.0
        self.playing = False

    @property
    def at_end(self) -> bool:
        return self.position >= self.duration

    def seek(self, seconds: float) -> float:
        """Move to ``seconds`` clamped to the recording; returns the new position."""
        self.position = min(max(float(seconds), 0.0), self.duration)
        return self.position

    def set_speed(self, speed: float) -> float:
        self.speed = min(max(float(speed), MIN_SPEED), MAX_SPEED)
        return self.speed

    def play(self) -> bool:
        """Start (from the beginning when at the end); False when there is nothing to play."""
        if self.duration <= 0:
            return False
        if self.at_end:
            self.position = 0.0
        self.playing = True
        return True

    def pause(self) -> None:
        self.playing = False

    def advance_frames(self, source_frames: float) -> None:
        """The output consumed ``source_frames`` samples of the recording (already speed-scaled)."""
        if self.playing:
            self._move(source_frames / self.sample_rate)

    def advance_time(self, elapsed_s: float) -> None:
        """``elapsed_s`` of wall time passed while playing at ``speed`` (no sound card)."""
        if self.playing:
            self._move(max(0.0, elapsed_s) * self.speed)

    def _move(self, seconds: float) -> None:
        self.position = min(self.position + seconds, self.duration)
        if self.at_end:
            self.playing = False


def output_device_problem() -> str | None:
    """``None`` when an output device can be used, else the Russian reason why not."""
    try:
        import sounddevice as sd

        devices = list(sd.query_devices())
    except Exception as exc:  # noqa: BLE001 - OSError (no PortAudio) or PortAudioError
        return f"{NO_DEVICE}: {exc}"
    if not any(int(d.get("max_output_channels", 0)) > 0 for d in devices):
        return f"{NO_DEVICE}: устройства не найдены"
    return None


class AudioPlayer:
    """One loaded recording at a time; thread-safe between the UI and the audio callback."""

    def __init__(self, *, clock_time: Callable[[], float] = time.monotonic) -> None:
        self._now = clock_time
        self._lock = threading.Lock()
        self.clock = PlaybackClock()
        self.path: str | None = None
        self.channels = np.zeros((1, 0), np.float32)
        self.sample_rate = 8000
        self._mix = np.zeros(0, np.float32)
        self._wsola: Wsola | None = None
        self._stream = None
        self._wall_mark: float | None = None
        self._anchor = (0.0, 0.0)  # (position, monotonic time) when playback last (re)started
        problem = output_device_problem()
        self.available = problem is None
        self.reason = problem or ""

    # --- loading ---------------------------------------------------------------------------

    def load(self, path: str | Path) -> None:
        """Decode ``path``; raises ``AudioError`` (Russian message) when it cannot be played."""
        self.close()
        info = probe(path)
        channels, decoded = load_channels(path, target_sr=info.sample_rate)
        # A call has one speaker per channel, mostly in turn: the sum keeps each voice at its level.
        # Mono saved as two equal channels would double, so it is averaged instead.
        if channels.shape[0] == 1:
            mix = channels[0]
        else:
            mix = channels.mean(axis=0) if is_dual_mono(channels) else channels.sum(axis=0)
        with self._lock:
            self.path = str(path)
            self.channels = channels
            self.sample_rate = info.sample_rate
            self._mix = np.clip(mix, -1.0, 1.0).astype(np.float32)
            self._wsola = Wsola(self._mix, self.sample_rate)
            self.clock = PlaybackClock(decoded.duration_s, self.sample_rate)
        if self.available:
            self._open_stream()

    def _open_stream(self) -> None:
        import sounddevice as sd

        try:
            self._stream = sd.OutputStream(
                samplerate=self.sample_rate, channels=2, dtype="float32", callback=self._callback
            )
        except Exception:  # noqa: BLE001 - try mono output before giving up
            try:
                self._stream = sd.OutputStream(
                    samplerate=self.sample_rate, channels=1, dtype="float32", callback=self._callback
                )
            except Exception as exc:  # noqa: BLE001 - PortAudioError and friends
                self._stream = None
                self.available = False
                self.reason = f"{NO_DEVICE}: {exc}"

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # noqa: BLE001 - half-built player, or interpreter shutting down
            pass

    def close(self) -> None:
        """Stop and release the output stream (the decoded audio stays loaded)."""
        stream, self._stream = self._stream, None
        if stream is not None:
            try:
                stream.abort()
                stream.close()
            except Exception:  # noqa: BLE001 - closing a broken stream must not fail
                pass
        with self._lock:
            self.clock.pause()

    # --- audio thread ----------------------------------------------------------------------

    def _callback(self, outdata: np.ndarray, frames: int, _time: object, _status: object) -> None:
        with self._lock:
            clock = self.clock
            anchor_pos, anchor_t = self._anchor
            paced = anchor_pos + (self._now() - anchor_t) * clock.speed + PACE_SLACK_S
            if not clock.playing or clock.position > paced:
                outdata.fill(0)
                return
            start = int(clock.position * self.sample_rate)
            if clock.speed == 1.0:
                chunk = self._mix[start : start + frames]
                if len(chunk) < frames:
                    chunk = np.pad(chunk, (0, frames - len(chunk)))
                consumed = float(frames)
            else:
                assert self._wsola is not None
                chunk = self._wsola.read(frames, clock.speed)
                consumed = frames * clock.speed
            clock.advance_frames(consumed)
        outdata[:] = chunk[:, None]

    # --- controls --------------------------------------------------------------------------

    @property
    def duration(self) -> float:
        return self.clock.duration

    @property
    def playing(self) -> bool:
        with self._lock:
            self._follow_wall_clock()
            return self.clock.playing

    def position(self) -> float:
        with self._lock:
            self._follow_wall_clock()
            return self.clock.position

    def _follow_wall_clock(self) -> None:
        """Silent mode: advance by the wall time since the last look."""
        if self._stream is not None or self._wall_mark is None:
            return
        now = self._now()
        self.clock.advance_time(now - self._wall_mark)
        self._wall_mark = now if self.clock.playing else None

    def _resync(self) -> None:
        """Restart the stretcher and the pacing at the clock's position (seek, speed, play)."""
        self._anchor = (self.clock.position, self._now())
        if self._wsola is not None:
            self._wsola.seek(int(self.clock.position * self.sample_rate))

    def play(self) -> bool:
        with self._lock:
            self._follow_wall_clock()
            if not self.clock.play():
                return False
            self._resync()
            self._wall_mark = self._now()
        if self._stream is not None and not self._stream.active:
            try:
                self._stream.start()
            except Exception as exc:  # noqa: BLE001 - the device vanished: go on silently
                self._stream = None
                self.available = False
                self.reason = f"{NO_DEVICE}: {exc}"
                self._wall_mark = self._now()
        return True

    def pause(self) -> None:
        with self._lock:
            self._follow_wall_clock()
            self.clock.pause()
            self._wall_mark = None
        if self._stream is not None and self._stream.active:
            try:
                self._stream.abort()
            except Exception:  # noqa: BLE001
                pass

    def seek(self, seconds: float) -> float:
        with self._lock:
            self._follow_wall_clock()
            position = self.clock.seek(seconds)
            self._resync()
            if self.clock.playing:
                self._wall_mark = self._now()
            return position

    def set_speed(self, speed: float) -> float:
        with self._lock:
            self._follow_wall_clock()
            value = self.clock.set_speed(speed)
            self._resync()
            return value


__all__ = ["AudioError", "AudioPlayer", "PlaybackClock", "output_device_problem"]
