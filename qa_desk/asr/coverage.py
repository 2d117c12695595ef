"""Which VAD speech regions a batched decode left (partly) without words.

A batched decode has no second chance: when Whisper meets a segment that the 30 s window cuts
off, it ends the window with that segment's start timestamp, and faster-whisper drops the
unfinished text (the sequential decode would seek there and go on). On ``long_call.mp3`` every
lost turn was the last region of a well-filled clip. Such regions are decoded again on their own.
"""

from __future__ import annotations

from collections.abc import Sequence

from qa_desk.asr.layout import SAMPLE_RATE, Piece
from qa_desk.asr.turns import TimedWord

# Speech left without words at a region's start or end (beyond the VAD padding) that counts as
# lost. Ordinary regions leave at most ~1.2 s there (a slow «угу», a breath).
MIN_UNCOVERED_S = 1.3
# A region left without any word is lost from this much speech on: a short closing turn («Да, жду.»)
# that Whisper skipped at a clip's end. Rare (4 regions in 16 calls), so decoding it again costs little.
MIN_EMPTY_S = 0.3


def uncovered_s(piece: Piece, words: Sequence[TimedWord], pad_s: float) -> float:
    """Seconds of the region's speech before its first word plus after its last word."""
    speech_start = piece.src_start / SAMPLE_RATE + pad_s
    speech_end = piece.src_end / SAMPLE_RATE - pad_s
    if speech_end <= speech_start:
        return 0.0
    if not words:
        return speech_end - speech_start
    head = max(0.0, words[0].start - speech_start)
    tail = max(0.0, speech_end - words[-1].end)
    return head + tail


def needs_redecode(piece: Piece, words: Sequence[TimedWord], pad_s: float) -> bool:
    return uncovered_s(piece, words, pad_s) >= (MIN_UNCOVERED_S if words else MIN_EMPTY_S)


def better_words(
    piece: Piece, old: list[TimedWord], new: list[TimedWord], pad_s: float
) -> list[TimedWord]:
    """The second decode's words when they cover clearly more of the region, else the first's."""
    if len(new) > len(old) and uncovered_s(piece, new, pad_s) < uncovered_s(piece, old, pad_s) - 0.5:
        return new
    return old
