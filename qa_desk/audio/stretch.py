"""Streaming WSOLA time-stretch: play faster (1×–2×) without raising the pitch.

Waveform-similarity overlap-add: Hann frames of ``frame_ms`` are taken from the source every
``speed × hop`` samples and overlap-added every ``hop`` samples; each frame is shifted by up to
``tolerance_ms`` to the position that best continues the previous frame, so voiced speech keeps
its period. Good enough for speech at these speeds and cheap enough for a sound-card callback.
"""

from __future__ import annotations

import numpy as np


class Wsola:
    """Pull-based stretcher over one mono float32 signal."""

    def __init__(
        self, signal: np.ndarray, sample_rate: int, *, frame_ms: float = 40.0, tolerance_ms: float = 10.0
    ):
        self.frame = max(16, int(sample_rate * frame_ms / 1000) // 2 * 2)
        self.hop = self.frame // 2
        self.tolerance = max(1, int(sample_rate * tolerance_ms / 1000))
        # The similarity search runs on every ``step``-th sample: ~8 kHz is plenty for speech.
        self._step = max(1, sample_rate // 8000)
        self._pad = self.frame + 2 * self.tolerance
        self._x = np.concatenate(
            [
                np.zeros(self._pad, np.float32),
                np.asarray(signal, np.float32),
                np.zeros(2 * self._pad, np.float32),
            ]
        )
        self.length = len(signal)
        n = np.arange(self.frame)
        self._window = (0.5 - 0.5 * np.cos(2 * np.pi * n / self.frame)).astype(np.float32)  # periodic Hann
        self.seek(0)

    def seek(self, sample: int) -> None:
        """Restart the output at source sample ``sample``."""
        self.position = float(min(max(sample, 0), self.length))
        self._prev: int | None = None
        self._tail = np.zeros(self.hop, np.float32)
        self._ready = np.zeros(0, np.float32)

    def _best_start(self, target: int) -> int:
        if self._prev is None:
            return target
        natural = self._prev + self.hop
        if abs(natural - target) <= 1:  # speed 1× or already aligned: nothing to search
            return natural
        s = self._step
        template = self._x[natural : natural + self.frame : s]
        lo = target - self.tolerance
        region = self._x[lo : target + self.tolerance + self.frame : s]
        scores = np.correlate(region, template, mode="valid")
        return lo + int(np.argmax(scores)) * s

    def _synthesize_hop(self, speed: float) -> None:
        if self.position >= self.length:  # exhausted: let the last frame fade out, then silence
            self._ready = np.concatenate([self._ready, self._tail])
            self._tail = np.zeros(self.hop, np.float32)
            return
        target = self._pad + int(round(self.position))
        start = self._best_start(target)
        frame = self._x[start : start + self.frame] * self._window
        self._ready = np.concatenate([self._ready, self._tail + frame[: self.hop]])
        self._tail = frame[self.hop :].copy()
        self._prev = start
        self.position = min(self.position + speed * self.hop, float(self.length))

    def read(self, n: int, speed: float) -> np.ndarray:
        """The next ``n`` output samples at ``speed``; silence once the source is exhausted."""
        while len(self._ready) < n:
            self._synthesize_hop(speed)
        out, self._ready = self._ready[:n], self._ready[n:]
        return out
