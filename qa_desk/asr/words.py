"""A decoded segment's words in recording time, and the guards applied to them."""

from __future__ import annotations

from typing import Any

from qa_desk.asr.batched import FRAMES_PER_S
from qa_desk.asr.filters import collapse_repeats, is_hallucination, is_looping, is_no_speech, normalize
from qa_desk.asr.layout import PIECES_PER_CLIP, SpeechLayout
from qa_desk.asr.turns import SpeechIndex, TimedWord
from qa_desk.domain.transcript import Segment, Word

_SEEK_SLACK_S = 0.02  # far below any clip's length (a clip holds at least one padded VAD region)


def group_by_piece(words: list[TimedWord], n_pieces: int) -> dict[int, list[TimedWord]]:
    """A clip's words per piece index (see ``PIECES_PER_CLIP``)."""
    grouped: dict[int, list[TimedWord]] = {i: [] for i in range(n_pieces)}
    for w in words:
        grouped[w.piece % PIECES_PER_CLIP].append(w)
    return grouped


def others(indexes: list[SpeechIndex], channel: int) -> list[SpeechIndex]:
    return [idx for i, idx in enumerate(indexes) if i != channel]


def to_segment(turn: list[TimedWord], speaker: str) -> Segment | None:
    text = "".join(w.word for w in turn).strip()
    if is_hallucination(text):
        return None
    return Segment(
        start=round(turn[0].start, 3),
        end=round(turn[-1].end, 3),
        speaker=speaker,
        text=text,
        words=[Word(round(w.start, 3), round(w.end, 3), w.word.strip(), round(w.probability, 3)) for w in turn],
    )


def clip_of(raw: Any, layout: SpeechLayout) -> int:
    """The clip a batched segment was decoded from.

    Not found by the segment's times: they may run past its clip's end into the next clip, which
    can be the other channel's. ``seek`` is the clip's start in mel frames, truncated after a
    float product (18.81 s gives 1880), so up to ``_SEEK_SLACK_S`` later still counts as that start.
    """
    return layout.clip_index(raw.seek / FRAMES_PER_S + _SEEK_SLACK_S)


def repeats(text: str, said: str, min_words: int = 3) -> bool:
    """A segment that only repeats, word for word, what its clip already said: Whisper looping
    at the clip's end (a demo call got its whole first turn twice, the second time in 0.8 s)."""
    return len(text.split()) >= min_words and f" {text} " in f" {said} "


def without_loops(words: list[TimedWord]) -> list[TimedWord]:
    """A clip's words without a phrase that Whisper repeats over several segments at the clip's end."""
    return collapse_repeats(words, [normalize(w.word) for w in words])


def timed_words(raw: Any, layout: SpeechLayout, clip: int, offset_s: float = 0.0) -> list[TimedWord]:
    """A decoded segment's reliable words in recording time; ``offset_s``: where its audio starts in the layout."""
    timed = []
    for w in reliable_words(raw):
        _, start, end, piece = layout.locate(w.start + offset_s, w.end + offset_s, clip)
        timed.append(TimedWord(start, end, w.word, w.probability, piece))
    return timed


def reliable_words(raw: Any) -> list[Any]:
    """The words of one decoded segment, or none when it looks like a hallucination or a loop."""
    if is_no_speech(raw.avg_logprob, raw.no_speech_prob) or is_hallucination(raw.text):
        return []
    words = raw.words or []
    kept = collapse_repeats(words, [normalize(w.word) for w in words])
    if is_looping("".join(w.word for w in kept)):
        return []
    return kept
