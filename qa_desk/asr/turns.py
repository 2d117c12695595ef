"""Splitting one channel's decoded text into turns.

Each channel is decoded without the other, so Whisper happily joins one speaker's two turns
across the other speaker's reply. Word timestamps show the pause; we cut there.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass


@dataclass(slots=True)
class TimedWord:
    start: float
    end: float
    word: str  # as decoded, with its leading space
    probability: float
    piece: int  # VAD region the word came from


class SpeechIndex:
    """Speech regions of one channel (seconds) with a fast "any speech in this gap" query."""

    def __init__(self, regions: list[tuple[float, float]]) -> None:
        self._regions = sorted(regions)
        self._starts = [s for s, _ in self._regions]

    def overlaps(self, start: float, end: float) -> bool:
        if end <= start:
            return False
        i = bisect.bisect_left(self._starts, end)
        return any(s < end and e > start for s, e in self._regions[max(0, i - 50) : i])


def split_turns(
    words: list[TimedWord], others: list[SpeechIndex], max_gap_s: float
) -> list[list[TimedWord]]:
    """Cut between two words when the pause is long or another channel spoke in it."""
    turns: list[list[TimedWord]] = []
    for word in words:
        if turns:
            prev = turns[-1][-1]
            gap_start, gap_end = prev.end, word.start
            if gap_end - gap_start > max_gap_s or any(o.overlaps(gap_start, gap_end) for o in others):
                turns.append([word])
                continue
            turns[-1].append(word)
        else:
            turns.append([word])
    return turns
