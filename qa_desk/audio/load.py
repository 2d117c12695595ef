"""Decoding a whole recording to float32 channels at the ASR sample rate (short files, tools, tests).

The transcriber itself reads recordings block by block (``stream``), so that its memory does not
grow with the call's length; this reads the same blocks and joins them.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from qa_desk.audio.probe import AudioInfo, probe
from qa_desk.audio.stream import StreamTotals, decoded_info, stream_blocks

_BLOCK = 1 << 22  # samples per block when joining (the result is whole anyway)


def load_channels(path: str | Path, target_sr: int = 16000) -> tuple[np.ndarray, AudioInfo]:
    """Return ``(audio[channels, n] float32, info)``; ``info`` describes the decoded stream."""
    info = probe(path)
    totals = StreamTotals()
    blocks = list(stream_blocks(info.path, target_sr, _BLOCK, info, totals))
    channels = np.ascontiguousarray(np.concatenate(blocks, axis=1))
    return channels, decoded_info(info, totals.samples, target_sr)


class DualMonoCheck:
    """Whether a two-channel stream carries one signal twice (mono saved as stereo), block by block."""

    def __init__(self, tolerance: float = 0.02) -> None:
        self.tolerance = tolerance
        self._left = self._right = self._diff = 0.0
        self._n = 0
        self._stereo = True

    def add(self, block: np.ndarray) -> None:
        if block.ndim != 2 or block.shape[0] != 2:
            self._stereo = False
            return
        left, right = block[0].astype(np.float64), block[1].astype(np.float64)
        self._left += float(np.dot(left, left))
        self._right += float(np.dot(right, right))
        diff = left - right
        self._diff += float(np.dot(diff, diff))
        self._n += block.shape[1]

    @property
    def dual_mono(self) -> bool:
        if not self._stereo or not self._n:
            return False
        level = max(self._left, self._right) / self._n
        if level == 0.0:
            return True
        return (self._diff / self._n) ** 0.5 <= self.tolerance * level**0.5


def is_dual_mono(channels: np.ndarray, tolerance: float = 0.02) -> bool:
    """True for a "stereo" file whose two channels carry the same signal (mono saved as stereo)."""
    check = DualMonoCheck(tolerance)
    check.add(channels)
    return check.dual_mono
