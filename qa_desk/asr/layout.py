"""Speech-only layout: every channel's VAD speech packed into clips (≤30 s, or one per channel).

Long calls are decoded in groups of consecutive clips (``split``), each group's audio gathered
while the recording streams past (``stream_groups``), so memory follows the group, not the call.

All clips of all channels are laid end to end in one array; each clip holds one channel only,
and a word's time in the packed array maps back to (channel, time in the recording). The
batched decode takes ≤30 s clips; the sequential decode takes one unlimited clip per channel
and lets Whisper move its own 30 s window.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import numpy as np

SAMPLE_RATE = 16000
MAX_CLIP_S = 30.0
# Silence put between two speech regions of a clip: without it Whisper runs one turn into the
# next and its word timings smear over the joint.
JOINT_GAP_S = 0.3
# A word's piece id is ``clip index * PIECES_PER_CLIP + piece index``.
PIECES_PER_CLIP = 100_000
# The furthest apart two regions of one clip may start: the clip's audio is gathered while the
# recording streams past, so a clip must not wait long for its last region (calls up to 10 minutes
# are packed as before).
MAX_CLIP_SPAN_S = 600.0


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
        self.fill(packed, channels, 0)
        return packed

    def fill(self, packed: np.ndarray, block: np.ndarray, offset: int) -> None:
        """Copy into ``packed`` the pieces' samples that ``block`` (``[channels, n]``, starting at
        sample ``offset`` of the recording) holds."""
        end = offset + block.shape[1]
        for clip in self.clips:
            for p in clip.pieces:
                lo, hi = max(p.src_start, offset), min(p.src_end, end)
                if lo < hi:
                    dst = p.dst_start + lo - p.src_start
                    packed[dst : dst + hi - lo] = block[clip.channel, lo - offset : hi - offset]

    @property
    def src_start(self) -> int:
        return min((c.pieces[0].src_start for c in self.clips), default=0)

    @property
    def src_end(self) -> int:
        return max((c.pieces[-1].src_end for c in self.clips), default=0)

    def split(self, max_samples: int) -> list[SpeechLayout]:
        """Consecutive clips in groups of at most ``max_samples`` packed samples (at least one clip
        each), every group's packed time starting at 0."""
        groups: list[SpeechLayout] = []
        current: list[Clip] = []
        for clip in self.clips:
            if current and clip.dst_end - current[0].dst_start > max_samples:
                groups.append(_rebased(current))
                current = []
            current.append(clip)
        if current:
            groups.append(_rebased(current))
        return groups

    def clip_index(self, packed_s: float) -> int:
        starts = [c.dst_start for c in self.clips]
        return max(0, bisect.bisect_right(starts, packed_s * SAMPLE_RATE) - 1)

    def locate(self, start_s: float, end_s: float, clip_index: int | None = None) -> tuple[int, float, float, int]:
        """Map a packed-time span to ``(channel, start_s, end_s, piece_id)`` in the recording.

        The piece is the one holding most of the span's audio (the silence put between pieces does
        not count: Whisper stretched «да,» 0.3 s back over a joint and its midpoint fell before the
        joint), and the span is clamped to it, so a word stays inside one piece. ``clip_index``,
        when known, keeps a word that runs past its clip's end in that clip.
        """
        mid = (start_s + end_s) / 2 * SAMPLE_RATE
        ci = self.clip_index(mid / SAMPLE_RATE) if clip_index is None else clip_index
        clip = self.clips[ci]
        starts = [p.dst_start for p in clip.pieces]
        pi = max(0, bisect.bisect_right(starts, mid) - 1)
        first = max(0, bisect.bisect_right(starts, start_s * SAMPLE_RATE) - 1)
        last = max(0, bisect.bisect_right(starts, end_s * SAMPLE_RATE) - 1)
        if first != last:  # over a joint: the piece with most of the word's audio (not the silence between)
            pi = max(range(first, last + 1), key=lambda i: min(end_s * SAMPLE_RATE, clip.pieces[i].dst_end)
                     - max(start_s * SAMPLE_RATE, clip.pieces[i].dst_start))
        piece = clip.pieces[pi]

        def to_src(t_s: float) -> float:
            dst = min(max(t_s * SAMPLE_RATE, piece.dst_start), piece.dst_end)
            return (piece.src_start + dst - piece.dst_start) / SAMPLE_RATE

        return clip.channel, to_src(start_s), to_src(end_s), ci * PIECES_PER_CLIP + pi


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
    span = int(MAX_CLIP_SPAN_S * SAMPLE_RATE) if max_clip_s is not None else float("inf")
    gap = int(joint_gap_s * SAMPLE_RATE)
    raw: list[tuple[int, int, list[tuple[int, int]]]] = []  # (first src start, channel, regions)
    for channel, regions in enumerate(speech):
        current: list[tuple[int, int]] = []
        length = 0
        for start, end in regions:
            if current and (
                (limit is not None and length + gap + (end - start) > limit) or start - current[0][0] > span
            ):
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


def _rebased(clips: list[Clip]) -> SpeechLayout:
    shift = clips[0].dst_start
    moved = [Clip(c.channel, [Piece(p.src_start, p.src_end, p.dst_start - shift) for p in c.pieces]) for c in clips]
    return SpeechLayout(moved, clips[-1].dst_end - shift)


def stream_groups(groups: list[SpeechLayout], blocks: Iterable[np.ndarray]) -> Iterator[tuple[SpeechLayout, np.ndarray]]:
    """Each group with its packed audio, in order, as soon as the recording's ``blocks`` (read in
    order) have passed its last piece. Only groups the stream has reached hold audio."""
    pending = list(groups)
    buffers: list[np.ndarray] = []  # audio of ``pending[:len(buffers)]``
    offset = 0
    for block in blocks:
        end = offset + block.shape[1]
        while len(buffers) < len(pending) and pending[len(buffers)].src_start < end:
            buffers.append(np.zeros(pending[len(buffers)].total_samples, dtype=np.float32))
        for group, packed in zip(pending, buffers, strict=False):
            group.fill(packed, block, offset)
        offset = end
        while buffers and pending[0].src_end <= offset:
            yield pending.pop(0), buffers.pop(0)
    for group in pending:  # pieces past the decoded end (cannot happen with the scan's own regions)
        yield group, buffers.pop(0) if buffers else np.zeros(group.total_samples, dtype=np.float32)
