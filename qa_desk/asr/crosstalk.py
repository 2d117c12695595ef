"""Crosstalk and line echo: speech one channel carries only because the other speaker leaks into it.

On real telephone recordings each channel also carries the other speaker 20-30 dB down (line echo,
crosstalk). Silero hears that leak as speech, so without this step the manager's question came
back as a client turn and the client's own answer, merged by VAD into one region with the leak,
was lost. Before decoding, each 10 ms frame of a channel's speech regions is put in one of three
kinds, from the two channels' loudness alone:

* **own** speech: well above this channel's noise floor and well above what the other channel's
  leak can explain, i.e. ``level > other level (shifted by the echo's lag) + coupling + MARGIN_DB``;
* **leak**: audible, but no louder than the other channel's leak explains;
* **quiet**: pauses.

The coupling (how far down the other speaker shows up) and the echo's lag are measured per call: the
lag as the peak of the cross-correlation of the two channels' loudness envelopes, the coupling as the
median level difference while the other channel speaks (most of that time this channel is silent).
A call without a leak gets the noise floor's difference as its "coupling", so nothing is taken away.
Regions with audible leak are cut to their own speech (split where a stretch of leak lies between
two stretches of own speech; dropped when they hold no own speech). Both speakers talking at once is
kept on both channels: each is own speech where it is as loud as, or louder than, the other's leak.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

FRAME_S = 0.01  # the loudness frames of ``onsets.frame_levels``
MAX_LAG_S = 0.3  # the latest an echo is looked for
ABOVE_FLOOR_DB = 10.0  # a frame this far above the channel's noise floor is audible
OTHER_SPEAKS_DB = 20.0  # the other channel this far above its floor (and near its speech level) speaks
MARGIN_DB = 10.0  # own speech is this much louder than the leak would be...
LOUDER_DB = 10.0  # ...or at most this much quieter than the other channel
MIN_LEAK_S = 0.2  # audible leak in a region that makes it worth cutting
SPLIT_LEAK_S = 0.3  # leak between two stretches of own speech that splits the region
MIN_OWN_S = 0.15  # own speech a kept piece must hold
BRIDGE_S = 0.05  # own-speech frames this close count as one stretch (gaps in a word)


@dataclass(frozen=True, slots=True)
class Coupling:
    """How the other channel shows up in this one: ``gain_db`` down, ``lag`` frames late."""

    gain_db: float
    lag: int


def noise_floor(levels: np.ndarray) -> float:
    return float(np.percentile(levels, 10)) if len(levels) else -100.0


def _shift(levels: np.ndarray, lag: int, fill: float) -> np.ndarray:
    """``levels`` delayed by ``lag`` frames (``fill`` before the start)."""
    if lag <= 0:
        return levels
    out = np.full_like(levels, fill)
    out[lag:] = levels[:-lag]
    return out


def _spread(levels: np.ndarray) -> np.ndarray:
    """Each frame's maximum with its neighbours: the echo path smears a frame into the next."""
    out = levels.copy()
    out[1:] = np.maximum(out[1:], levels[:-1])
    out[:-1] = np.maximum(out[:-1], levels[1:])
    return out


def echo_lag(own: np.ndarray, other: np.ndarray, max_lag: int) -> int:
    """Frames by which ``other``'s loudness envelope best matches ``own``'s later on."""
    n = min(len(own), len(other))
    if n < 2 * max_lag + 10:
        return 0
    x = np.maximum(own[:n], noise_floor(own) + 3)
    y = np.maximum(other[:n], noise_floor(other) + 3)
    x, y = x - x.mean(), y - y.mean()
    scores = []
    for lag in range(max_lag + 1):
        a, b = x[lag:], y[: n - lag]
        scores.append(float(np.dot(a, b)) / (float(np.linalg.norm(a) * np.linalg.norm(b)) or 1.0))
    return int(np.argmax(scores))


def measure_coupling(own: np.ndarray, other: np.ndarray) -> Coupling | None:
    """The other channel's leak into ``own``; None when the other channel never speaks."""
    n = min(len(own), len(other))
    own, other = own[:n], other[:n]
    lag = echo_lag(own, other, round(MAX_LAG_S / FRAME_S))
    floor_other = noise_floor(other)
    seen = _spread(_shift(other, lag, floor_other))
    speaking = seen > max(floor_other + OTHER_SPEAKS_DB, float(np.percentile(seen, 95)) - OTHER_SPEAKS_DB)
    if not speaking.any():
        return None
    return Coupling(float(np.median(own[speaking] - seen[speaking])), lag)


def frame_kinds(own: np.ndarray, other: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(own speech, leak)`` boolean masks over ``own``'s frames."""
    n = len(own)
    other = np.resize(other, n) if len(other) != n else other
    audible = own > noise_floor(own) + ABOVE_FLOOR_DB
    coupling = measure_coupling(own, other)
    if coupling is None:
        return audible, np.zeros(n, dtype=bool)
    seen = _spread(_shift(other, coupling.lag, noise_floor(other)))
    # Leak is always well below its source: a frame within ``LOUDER_DB`` of the other channel is
    # this channel's own (two channels carrying one signal keep it on both rather than on neither).
    mine = audible & ((own > seen + coupling.gain_db + MARGIN_DB) | (own > seen - LOUDER_DB))
    return mine, audible & ~mine


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """``[start, end)`` of every run of True."""
    padded = np.concatenate([[False], mask, [False]])
    edges = np.flatnonzero(padded[1:] != padded[:-1])
    return list(zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True))


def own_speech_regions(
    regions: list[tuple[int, int]], mine: np.ndarray, leak: np.ndarray, pad: int, frame: int
) -> list[tuple[int, int]]:
    """VAD ``regions`` (samples) without the other speaker's leak; ``frame``: samples per mask frame.

    A region with less than ``MIN_LEAK_S`` of leak is kept as it is. Otherwise its stretches of own
    speech (joined across pauses, split across ``SPLIT_LEAK_S`` of leak) are kept, each grown by up
    to ``pad`` samples over quiet frames, never into leak or outside the region.
    """
    kept: list[tuple[int, int]] = []
    bridge = round(BRIDGE_S / FRAME_S)
    for start, end in regions:
        f0, f1 = start // frame, min(len(mine), -(-end // frame))
        if f1 <= f0 or leak[f0:f1].sum() * FRAME_S < MIN_LEAK_S:
            kept.append((start, end))
            continue
        stretches = [(a + f0, b + f0) for a, b in _runs(mine[f0:f1])]
        joined: list[list[int]] = []
        for a, b in stretches:
            if joined and (a - joined[-1][1] <= bridge or leak[joined[-1][1] : a].sum() * FRAME_S < SPLIT_LEAK_S):
                joined[-1][1] = b
            else:
                joined.append([a, b])
        for a, b in joined:
            if mine[a:b].sum() * FRAME_S < MIN_OWN_S:
                continue
            lo, hi = a, b
            limit = round(pad / frame)
            while lo > f0 and a - lo < limit and not leak[lo - 1]:
                lo -= 1
            while hi < f1 and hi - b < limit and not leak[hi]:
                hi += 1
            kept.append((max(start, lo * frame), min(end, hi * frame)))
    return kept


def remove_leaks(
    levels: list[np.ndarray], regions: list[list[tuple[int, int]]], pad: int, frame: int
) -> tuple[list[list[tuple[int, int]]], list[np.ndarray]]:
    """Two channels' regions without leak, and each channel's levels with non-own frames at its floor
    (for ``recover_onsets``, which then never moves a start back over the other speaker's echo)."""
    if len(levels) != 2:
        return regions, levels
    cleaned, masked = [], []
    for ch in range(2):
        mine, leak = frame_kinds(levels[ch], levels[1 - ch])
        cleaned.append(own_speech_regions(regions[ch], mine, leak, pad, frame))
        masked.append(np.where(leak, noise_floor(levels[ch]), levels[ch]))
    return cleaned, masked
