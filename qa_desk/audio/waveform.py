"""Waveform overview: per-channel min/max peaks, computed once per file and cached in memory."""

from __future__ import annotations

import os
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

DEFAULT_BUCKETS = 2000
_CACHE_SIZE = 32


@dataclass(frozen=True, slots=True)
class Peaks:
    """``low``/``high`` have shape (channels, buckets); values in [-1, 1]."""

    low: np.ndarray
    high: np.ndarray
    duration_s: float

    @property
    def channels(self) -> int:
        return int(self.low.shape[0])

    @property
    def buckets(self) -> int:
        return int(self.low.shape[1])


def compute_peaks(channels: np.ndarray, sample_rate: int, buckets: int = DEFAULT_BUCKETS) -> Peaks:
    """Min/max of each of ``buckets`` equal slices of every channel (``channels[c, n]``)."""
    data = np.atleast_2d(np.asarray(channels, np.float32))
    n = data.shape[1]
    duration = n / sample_rate if sample_rate else 0.0
    buckets = max(1, min(buckets, n))
    usable = n - n % buckets
    if usable == 0:
        zeros = np.zeros((data.shape[0], 1), np.float32)
        return Peaks(zeros, zeros, duration)
    view = data[:, :usable].reshape(data.shape[0], buckets, usable // buckets)
    low, high = view.min(axis=2), view.max(axis=2)
    if usable < n:  # the remainder joins the last bucket
        rest = data[:, usable:]
        low[:, -1] = np.minimum(low[:, -1], rest.min(axis=1))
        high[:, -1] = np.maximum(high[:, -1], rest.max(axis=1))
    return Peaks(low, high, duration)


_cache: OrderedDict[tuple[str, int, int, int], Peaks] = OrderedDict()


def _key(path: str | Path, buckets: int) -> tuple[str, int, int, int]:
    st = os.stat(path)
    return (str(Path(path).resolve()), st.st_mtime_ns, st.st_size, buckets)


def cached_peaks(
    path: str | Path, channels: np.ndarray, sample_rate: int, buckets: int = DEFAULT_BUCKETS
) -> Peaks:
    """Peaks of a decoded file, reused while the file is unchanged (small LRU in memory)."""
    key = _key(path, buckets)
    hit = _cache.get(key)
    if hit is not None:
        _cache.move_to_end(key)
        return hit
    peaks = compute_peaks(channels, sample_rate, buckets)
    _cache[key] = peaks
    while len(_cache) > _CACHE_SIZE:
        _cache.popitem(last=False)
    return peaks
