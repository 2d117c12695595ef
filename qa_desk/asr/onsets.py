"""Turn onsets that Silero VAD reports late, found again by the channel's loudness.

On band-limited telephone speech Silero's speech probability can stay near zero for the first
second of a turn and only then rise: on the benchmark call it heard 7 of the client's 27 turns
0.9-1.7 s after they began, and Whisper never got «Думаю, да», «Да, можно», «В две смены»,
the short answers a reviewer looks for. Each region's start is moved back to where the channel
became loud, as long as that sound is continuous with the region (no pause longer than
``MAX_PAUSE_S``), within ``LEVEL_RANGE_DB`` of the region's own speech (not the other speaker's
echo) and well above the line's noise floor.

``add_missed_speech`` goes one step further: a loud stretch that no region covers at all (a short
closing turn Silero scored below its threshold) becomes a region of its own.
"""

from __future__ import annotations

import numpy as np

FRAME_S = 0.01
MAX_PAUSE_S = 0.5  # a longer quiet stretch ends the turn's onset (festival pauses 0.4 s after «Думаю,»)
MAX_SHIFT_S = 3.0  # the furthest a start moves back
ABOVE_FLOOR_DB = 15.0  # loudness that counts as sound: this far above the channel's noise floor...
LEVEL_RANGE_DB = 25.0  # ...and at most this far below the region's median speech level


def frame_samples(sample_rate: int) -> int:
    return max(1, int(FRAME_S * sample_rate))


def frame_levels(audio: np.ndarray, sample_rate: int) -> np.ndarray:
    """Loudness of each ``FRAME_S`` frame in dB (full scale)."""
    size = frame_samples(sample_rate)
    n = len(audio) // size
    frames = audio[: n * size].astype(np.float64).reshape(n, size)
    return 10 * np.log10(np.mean(frames**2, axis=1) + 1e-10)


def recover_onsets(
    levels: np.ndarray, regions: list[tuple[int, int]], pad: int, sample_rate: int, max_len: int | None = None
) -> list[tuple[int, int]]:
    """``regions`` (samples, each padded by ``pad``) with starts moved back to the real onsets.

    ``levels``: the channel's ``frame_levels`` (with the other speaker's leak put at the floor, see
    ``crosstalk``). A moved start keeps ``pad`` samples before the onset, never crosses the
    previous region's end and never makes a region longer than ``max_len`` samples (Whisper's
    window: a longer clip loses its end).
    """
    if not regions:
        return []
    if not len(levels):
        return list(regions)
    size = frame_samples(sample_rate)
    floor = float(np.percentile(levels, 10))
    max_pause = round(MAX_PAUSE_S / FRAME_S)
    max_shift = round(MAX_SHIFT_S / FRAME_S)
    moved: list[tuple[int, int]] = []
    for i, (start, end) in enumerate(regions):
        speech_from = min((start + pad) // size, len(levels) - 1)
        speech_to = max(speech_from + 1, (end - pad) // size)
        voiced = levels[speech_from:speech_to]
        voiced = voiced[voiced > floor + ABOVE_FLOOR_DB]
        if not len(voiced):
            moved.append((start, end))
            continue
        loud = max(floor + ABOVE_FLOOR_DB, float(np.median(voiced)) - LEVEL_RANGE_DB)
        limit = max(0, speech_from - max_shift, (moved[-1][1] + pad) // size if i else 0)
        onset, quiet = speech_from, 0
        for f in range(speech_from - 1, limit - 1, -1):
            if levels[f] > loud:
                onset, quiet = f, 0
            else:
                quiet += 1
                if quiet > max_pause:
                    break
        new_start = max(onset * size - pad, moved[-1][1] if i else 0, 0, end - max_len if max_len else 0)
        moved.append((min(start, new_start), end))
    return moved


# A whole turn Silero never heard: on a 51-second call the client's closing «Да, жду.» scored at
# most 0.13 (threshold 0.15) although it was as loud as the client's other turns.
MISSED_RANGE_DB = 12.0  # a missed turn is this close to the channel's speech level...
MIN_MISSED_S = 0.25  # ...and holds this much loud sound


def _runs(mask: np.ndarray, max_gap: int) -> list[tuple[int, int]]:
    """``[start, end)`` frames of the True runs, joined across gaps of at most ``max_gap`` frames."""
    padded = np.concatenate([[False], mask, [False]])
    edges = np.flatnonzero(padded[1:] != padded[:-1])
    runs: list[tuple[int, int]] = []
    for a, b in zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True):
        if runs and a - runs[-1][1] <= max_gap:
            runs[-1] = (runs[-1][0], b)
        else:
            runs.append((a, b))
    return runs


def add_missed_speech(
    levels: np.ndarray, regions: list[tuple[int, int]], pad: int, sample_rate: int, max_len: int
) -> list[tuple[int, int]]:
    """``regions`` plus the loud stretches none of them covers, each padded by ``pad`` samples.

    A stretch that follows a region within ``MAX_PAUSE_S`` extends it (Silero ended the turn early),
    as far as ``max_len`` samples allow; any other one becomes a region of its own. Nothing is added
    on a channel where no region has speech to measure the level against.
    """
    size = frame_samples(sample_rate)
    if not regions or not len(levels):
        return list(regions)
    covered = np.zeros(len(levels), dtype=bool)
    for start, end in regions:
        covered[start // size : -(-end // size)] = True
    floor = float(np.percentile(levels, 10))
    voiced = levels[covered & (levels > floor + ABOVE_FLOOR_DB)]
    if not len(voiced):
        return list(regions)
    loud = levels > max(floor + ABOVE_FLOOR_DB, float(np.median(voiced)) - MISSED_RANGE_DB)
    result = sorted(regions)
    max_pause = round(MAX_PAUSE_S / FRAME_S)
    for a, b in _runs(loud & ~covered, max_pause):
        if loud[a:b].sum() * FRAME_S < MIN_MISSED_S:
            continue
        start, end = a * size - pad, b * size + pad
        i = next((k for k, (s, _) in enumerate(result) if s >= b * size), len(result))
        before = result[i - 1] if i else None
        after_start = result[i][0] if i < len(result) else len(levels) * size
        if before is not None and a * size - before[1] <= max_pause * size:
            result[i - 1] = (before[0], min(end, after_start, before[0] + max_len))
        else:
            result.insert(i, (max(start, before[1] if before else 0, 0), min(end, after_start)))
    return result
