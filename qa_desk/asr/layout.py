"""Speech-only layout: every channel's VAD speech packed into clips (≤30 s, or one per channel).

All clips of all channels are laid end to end in one array; each clip holds one channel only,
and a word's time in the packed array maps back to (channel, time in the recording). The
batched decode takes ≤30 s clips; the sequential decode takes one unlimited clip per channel
and lets Whisper move its own 30 s window.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

import numpy as np
from faster_whisper.vad import VadOptions, get_speech_timestamps

SAMPLE_RATE = 16000
MAX_CLIP_S = 30.0
# Silence put between two speech regions of a clip: without it Whisper runs one turn into the
# next and its word timings smear over the joint.
JOINT_GAP_S = 0.3
# A word's piece id is ``clip index * PIECES_PER_CLIP + piece index``.
PIECES_PER_CLIP = 100_000


@dataclass(frozen=True, slots=True)
class Piece:
    """One VAD speech region: ``src_*`` in the channel, ``dst_start`` in the packed array (samples)."""

    src_start: int
    src_end: int
    dst_start: int

    @property
    def dst_end(self) -> int:
        return self.dst_start + self.src_end - self.src_start


@dataclass(slots=True)
class Clip:
    channel: int
    pieces: list[Piece] = field(default_factory=list)

    @property
    def dst_start(self) -> int:
        return self.pieces[0].dst_start

    @property
    def dst_end(self) -> int:
        return self.pieces[-1].dst_end


@dataclass(slots=True)
class SpeechLayout:
    clips: list[Clip]
    total_samples: int

    def clip_bounds_s(self) -> list[tuple[float, float]]:
        # +0.5 sample: faster-whisper converts seconds back with int(), which must not round down.
        return [((c.dst_start + 0.5) / SAMPLE_RATE, (c.dst_end + 0.5) / SAMPLE_RATE) for c in self.clips]

    def render(self, channels: np.ndarray) -> np.ndarray:
        packed = np.zeros(self.total_samples, dtype=np.float32)
        for clip in self.clips:
            for p in clip.pieces:
                packed[p.dst_start : p.dst_end] = channels[clip.channel, p.src_start : p.src_end]
        return packed

    def clip_index(self, packed_s: float) -> int:
        starts = [c.dst_start for c in self.clips]
        return max(0, bisect.bisect_right(starts, packed_s * SAMPLE_RATE) - 1)

    def locate(self, start_s: float, end_s: float, clip_index: int | None = None) -> tuple[int, float, float, int]:
        """Map a packed-time span to ``(channel, start_s, end_s, piece_id)`` in the recording.

        The piece is chosen by the span's midpoint and the span is clamped to it, so a word that
        Whisper stretches over a joint between two pieces stays inside one of them. ``clip_index``,
        when known, keeps a word that runs past its clip's end in that clip.
        """
        mid = (start_s + end_s) / 2 * SAMPLE_RATE
        ci = self.clip_index(mid / SAMPLE_RATE) if clip_index is None else clip_index
        clip = self.clips[ci]
        pi = max(0, bisect.bisect_right([p.dst_start for p in clip.pieces], mid) - 1)
        piece = clip.pieces[pi]

        def to_src(t_s: float) -> float:
            dst = min(max(t_s * SAMPLE_RATE, piece.dst_start), piece.dst_end)
            return (piece.src_start + dst - piece.dst_start) / SAMPLE_RATE

        return clip.channel, to_src(start_s), to_src(end_s), ci * PIECES_PER_CLIP + pi


def detect_speech(
    audio: np.ndarray,
    threshold: float,
    min_silence_ms: int,
    speech_pad_ms: int,
    max_speech_s: float = MAX_CLIP_S - 1,
) -> list[tuple[int, int]]:
    """Silero VAD speech regions ``(start, end)`` in samples, each at most ``max_speech_s`` long."""
    options = VadOptions(
        threshold=threshold,
        min_silence_duration_ms=min_silence_ms,
        speech_pad_ms=speech_pad_ms,
        max_speech_duration_s=max_speech_s,
    )
    return [(int(s["start"]), int(s["end"])) for s in get_speech_timestamps(audio, options)]


def widen(regions: list[tuple[int, int]], context: int, n_samples: int) -> list[tuple[int, int]]:
    """Regions grown by up to ``context`` samples of the real recording on each side.

    A region never grows past the middle of the pause before its neighbour, so grown regions
    at most touch (and then play as one stretch of the recording when packed without a gap).
    """
    grown: list[tuple[int, int]] = []
    for i, (start, end) in enumerate(regions):
        low = (regions[i - 1][1] + start) // 2 if i else 0
        high = (end + regions[i + 1][0]) // 2 if i + 1 < len(regions) else n_samples
        grown.append((max(low, start - context, 0), min(high, end + context, n_samples)))
    return grown


def build_layout(
    speech: list[list[tuple[int, int]]], max_clip_s: float | None = MAX_CLIP_S, joint_gap_s: float = JOINT_GAP_S
) -> SpeechLayout:
    """Pack each channel's regions into clips, ordered by where they start in the recording.

    ``max_clip_s=None``: no limit, one clip per channel that has speech.
    """
    limit = int(max_clip_s * SAMPLE_RATE) if max_clip_s is not None else None
    gap = int(joint_gap_s * SAMPLE_RATE)
    raw: list[tuple[int, int, list[tuple[int, int]]]] = []  # (first src start, channel, regions)
    for channel, regions in enumerate(speech):
        current: list[tuple[int, int]] = []
        length = 0
        for start, end in regions:
            if current and limit is not None and length + gap + (end - start) > limit:
                raw.append((current[0][0], channel, current))
                current, length = [], 0
            length += (gap if current else 0) + end - start
            current.append((start, end))
        if current:
            raw.append((current[0][0], channel, current))
    raw.sort(key=lambda item: (item[0], item[1]))
    clips: list[Clip] = []
    cursor = 0
    for _, channel, regions in raw:
        clip = Clip(channel)
        for i, (start, end) in enumerate(regions):
            cursor += gap if i else 0
            clip.pieces.append(Piece(start, end, cursor))
            cursor += end - start
        clips.append(clip)
    return SpeechLayout(clips, cursor)
