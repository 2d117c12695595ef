"""Recording → ``RecordingTranscript``: VAD per channel, decode of the speech only, turn splitting.

Silence between turns is never decoded: each channel's VAD speech regions are laid end to end with
a short silence at the joints (see ``layout``). By default (``batched=True``) the speech is packed
into short clips decoded in one batched call (``batched``), and regions that call left without
words are decoded again (``coverage``). ``batched=False`` decodes each channel like plain Whisper
(sequential 30 s windows), both channels at once in two CTranslate2 workers with one core each.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import numpy as np

from qa_desk.asr.batched import FittedWindowPipeline
from qa_desk.asr.cache import TranscriptCache
from qa_desk.asr.coverage import better_words, needs_redecode
from qa_desk.asr.errors import Cancelled, ModelError
from qa_desk.asr.filters import normalize
from qa_desk.asr.layout import (
    MAX_CLIP_S,
    SAMPLE_RATE,
    Clip,
    SpeechLayout,
    build_layout,
    stream_groups,
    widen,
)
from qa_desk.asr.models import pick_device, resolve_model
from qa_desk.asr.options import TranscribeOptions
from qa_desk.asr.scan import BLOCK_SAMPLES, scan
from qa_desk.asr.sequential import sequential_turns
from qa_desk.asr.turns import SpeechIndex, TimedWord, split_turns
from qa_desk.asr.words import clip_of, group_by_piece, others, repeats, timed_words, to_segment, without_loops
from qa_desk.audio import file_sha256, stream_blocks
from qa_desk.domain.transcript import RecordingTranscript, Segment, Speaker

__all__ = ["TranscribeOptions", "Transcriber"]

ProgressCallback = Callable[[float], None]
SegmentCallback = Callable[[Segment], None]
CancelCheck = Callable[[], bool]

_VAD_SHARE = 0.1  # progress fraction reported once VAD is done
_FIRST_PASS_SHARE = 0.95  # of the decoding, before lost regions are decoded again
# Audio the encoder sees after a batch's longest clip: enough for Whisper to hear its last turn end.
WINDOW_MARGIN_S = 1.0
# Speech decoded per group of clips: bounds the memory of the clips' audio and Whisper's features
# (a 5-minute call is one group, decoded exactly as before groups existed).
MAX_GROUP_S = 600.0


def available_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


class Transcriber:
    """Loads the model once (lazily, on the first file not found in the cache) and transcribes files."""

    def __init__(self, options: TranscribeOptions | None = None, cache: TranscriptCache | None = None) -> None:
        self.options = options or TranscribeOptions()
        self.cache = cache if cache is not None else TranscriptCache()
        self._model: Any = None
        self._lock = threading.Lock()
        self.device = ""
        self.model_path = ""
        self._workers = 1  # decodes the loaded model can run at once

    @property
    def model_loaded(self) -> bool:
        return self._model is not None

    def load(self) -> None:
        with self._lock:
            if self._model is not None:
                return
            from faster_whisper import WhisperModel

            path, _ = resolve_model(self.options.model)
            device, compute_type = pick_device(self.options.device)
            threads, workers = _thread_plan(self.options)
            try:
                self._model = WhisperModel(
                    path, device=device, compute_type=compute_type, cpu_threads=threads, num_workers=workers
                )
            except (RuntimeError, ValueError, OSError) as exc:
                raise ModelError(f"не удалось загрузить модель «{self.options.model}»: {exc}") from exc
            self.device, self.model_path, self._workers = device, path, workers

    def transcribe(
        self,
        path: str | Path,
        on_progress: ProgressCallback | None = None,
        on_segment: SegmentCallback | None = None,
        cancel: CancelCheck | None = None,
    ) -> RecordingTranscript:
        """Raises ``AudioError`` for unusable files, ``ModelError``, ``Cancelled``."""
        opts = self.options
        progress = on_progress or (lambda _f: None)
        check = cancel or (lambda: False)
        sha = file_sha256(path) if opts.use_cache and Path(path).is_file() else None
        if sha is not None:
            cached = self.cache.get(sha, opts)
            if cached is not None:
                cached.path = str(path)
                if on_segment is not None:
                    for seg in cached.segments:
                        on_segment(seg)
                progress(1.0)
                return cached

        # The batched decode needs regions that fit Whisper's window; a region longer than
        # ``clip_s`` gets a clip of its own rather than a cut in mid-speech.
        max_speech_s = MAX_CLIP_S - 1 - 2 * opts.context_s if opts.batched else float("inf")
        _raise_if(check)
        found = scan(path, opts, max_speech_s, check, lambda f: progress(0.01 + (_VAD_SHARE - 0.01) * f))
        info, n_channels, speech = found.info, found.channels, found.regions
        speakers = _speakers(n_channels, opts.channel_map)
        pad = opts.vad_speech_pad_ms / 1000
        indexes = [
            SpeechIndex([(s / SAMPLE_RATE + pad, e / SAMPLE_RATE - pad) for s, e in regions]) for regions in speech
        ]
        context = int(opts.context_s * SAMPLE_RATE)
        decoded_regions = [widen(regions, context, found.n_samples) for regions in speech]
        layout = build_layout(decoded_regions, opts.clip_s if opts.batched else None, opts.joint_gap_s)
        segments: list[Segment] = []
        if layout.clips:
            _raise_if(check)
            self.load()
            decoded = self._batched_turns if opts.batched else self._sequential_turns
            # Batched: groups of clips decoded as the second read reaches them (memory follows the
            # group, not the call). Sequential: one clip per channel, so the whole speech at once.
            groups = layout.split(int(MAX_GROUP_S * SAMPLE_RATE)) if opts.batched else [layout]
            share_before = 0.0
            with closing(stream_blocks(path, SAMPLE_RATE, BLOCK_SAMPLES, info)) as blocks:
                for group, packed in stream_groups(groups, blocks):
                    share = group.total_samples / layout.total_samples
                    for turns, done in decoded(group, packed, indexes, check):
                        for ch, turn in turns:
                            made = to_segment(turn, speakers[ch])
                            if made is None:
                                continue
                            segments.append(made)
                            if on_segment is not None:
                                on_segment(made)
                        progress(_VAD_SHARE + (1 - _VAD_SHARE) * min(1.0, share_before + share * done))
                    share_before += share
        segments.sort(key=lambda s: (s.start, s.end))
        transcript = RecordingTranscript(str(path), round(info.duration_s, 3), n_channels, segments)
        if sha is not None:
            self.cache.put(sha, opts, transcript)
        progress(1.0)
        return transcript

    def _common_args(self) -> dict[str, Any]:
        opts = self.options
        return dict(
            language=opts.language,
            beam_size=opts.beam_size,
            word_timestamps=opts.word_timestamps,
            condition_on_previous_text=False,  # a loop or a wrong language must not spread
            vad_filter=False,  # done already, with telephony settings
            without_timestamps=False,
        )

    # --- batched: short clips of both channels in one batched decode, lost regions again --------

    def _batched_turns(
        self, layout: SpeechLayout, packed: np.ndarray, indexes: list[SpeechIndex], check: CancelCheck
    ) -> Iterator[tuple[list[tuple[int, list[TimedWord]]], float]]:
        """Turns of each clip (Whisper's own segment breaks are dropped) with the share done.

        A clip with a region the decode left without words (see ``coverage``) is held back
        until those regions are decoded again on their own, all of them in one more batch.
        """
        pad = self.options.vad_speech_pad_ms / 1000
        held: list[tuple[Clip, dict[int, list[TimedWord]]]] = []
        lost: list[tuple[Clip, int]] = []
        for ci, words, done in self._decode_clips(layout, packed, check):
            clip = layout.clips[ci]
            by_piece = group_by_piece(words, len(clip.pieces))
            lost_here = [i for i, p in enumerate(clip.pieces) if needs_redecode(p, by_piece[i], pad)]
            if lost_here:
                held.append((clip, by_piece))
                lost.extend((clip, i) for i in lost_here)
                yield [], done * _FIRST_PASS_SHARE
            else:
                yield self._turns(clip.channel, words, indexes), done * _FIRST_PASS_SHARE
        if not held:
            return
        redone = self._redecode(lost, packed, check)
        for clip, by_piece in held:
            for i, piece in enumerate(clip.pieces):
                again = redone.get((clip.channel, piece.src_start))
                if again is not None:
                    by_piece[i] = better_words(piece, by_piece[i], again, pad)
            words = [w for i in range(len(clip.pieces)) for w in by_piece[i]]
            yield self._turns(clip.channel, words, indexes), 1.0

    def _redecode(
        self, lost: list[tuple[Clip, int]], packed: np.ndarray, check: CancelCheck
    ) -> dict[tuple[int, int], list[TimedWord]]:
        """Words of each lost region decoded again on its own, by ``(channel, src_start)``.

        Each region is a clip of its own in Whisper's whole 30 s window: a short region alone in a
        window fitted to it made Whisper loop («решение принимает …» three times) and the region
        stayed lost.
        """
        regions: dict[int, list[tuple[int, int]]] = {}
        where: dict[tuple[int, int], int] = {}
        for clip, i in lost:
            piece = clip.pieces[i]
            regions.setdefault(clip.channel, []).append((piece.src_start, piece.src_end))
            where[(clip.channel, piece.src_start)] = piece.dst_start
        n_channels = max(regions) + 1
        # A clip per region: packed together again, they looped again (a 16 kbps MP3's «Добрый день.» ×40).
        layout = build_layout([sorted(regions.get(ch, [])) for ch in range(n_channels)], 0.0, self.options.joint_gap_s)
        again = np.zeros(layout.total_samples, dtype=np.float32)
        for clip in layout.clips:
            for p in clip.pieces:
                src = where[(clip.channel, p.src_start)]
                again[p.dst_start : p.dst_end] = packed[src : src + p.src_end - p.src_start]
        redone: dict[tuple[int, int], list[TimedWord]] = {}
        for ci, words, _ in self._decode_clips(layout, again, check, min_window_s=MAX_CLIP_S):
            clip = layout.clips[ci]
            for i, found in group_by_piece(words, len(clip.pieces)).items():
                redone[(clip.channel, clip.pieces[i].src_start)] = found
        return redone

    def _decode_clips(
        self, layout: SpeechLayout, packed: np.ndarray, check: CancelCheck, min_window_s: float = 0.0
    ) -> Iterator[tuple[int, list[TimedWord], float]]:
        """``(clip index, its words in recording time, share of the clips done)`` per clip.

        Longest clips first, so that each batch holds clips of about one length and its
        encoder window (fitted to the batch's longest clip) wastes little.
        """
        opts = self.options
        bounds = layout.clip_bounds_s()
        order = sorted(range(len(bounds)), key=lambda i: bounds[i][0] - bounds[i][1])
        batch_size = opts.batch_size if self.device == "cpu" else max(opts.batch_size, 16)
        # A new wrapper per call: it keeps word-timing state between calls.
        pipeline = FittedWindowPipeline(self._model, WINDOW_MARGIN_S, min_window_s)
        raw_segments, _ = pipeline.transcribe(
            packed, clip_timestamps=[{"start": bounds[i][0], "end": bounds[i][1]} for i in order],
            batch_size=batch_size, **self._common_args(),
        )
        current: list[TimedWord] = []
        said = ""  # the current clip's text so far, normalised
        current_clip = -1
        seen: set[int] = set()
        for raw in raw_segments:
            _raise_if(check)
            clip = clip_of(raw, layout)
            if clip != current_clip and current_clip >= 0:
                seen.add(current_clip)
                yield current_clip, without_loops(current), len(seen) / len(order)
                current, said = [], ""
            current_clip = clip
            text = normalize(raw.text)
            if repeats(text, said):
                continue
            said = f"{said} {text}"
            current.extend(timed_words(raw, layout, clip))
        if current_clip >= 0:
            seen.add(current_clip)
            yield current_clip, without_loops(current), len(seen) / len(order)
        for ci in order:  # clips the decode gave no segment at all
            if ci not in seen:
                yield ci, [], 1.0

    def _sequential_turns(
        self, layout: SpeechLayout, packed: np.ndarray, indexes: list[SpeechIndex], check: CancelCheck
    ) -> Iterator[tuple[list[tuple[int, list[TimedWord]]], float]]:
        return sequential_turns(self._model, self._workers, self.options, self._common_args(), layout, packed,
                                indexes, check)

    def _turns(self, channel: int, words: list[TimedWord], indexes: list[SpeechIndex]) -> list[tuple[int, list[TimedWord]]]:
        return [(channel, turn) for turn in split_turns(words, others(indexes, channel), self.options.max_word_gap_s)]

def _thread_plan(options: TranscribeOptions) -> tuple[int, int]:
    """``(cpu_threads per worker, workers)``: two single-core decodes beat one two-core decode."""
    cores = options.cpu_threads or available_cpus()
    if options.batched or not options.parallel_channels:
        return cores, 1
    workers = 2  # a stereo call: one worker per channel
    return max(1, cores // workers), workers


def _speakers(n_channels: int, channel_map: tuple[str, ...]) -> list[str]:
    if n_channels == 1:
        return [Speaker.UNKNOWN.value]
    return [channel_map[i] if i < len(channel_map) else Speaker.UNKNOWN.value for i in range(n_channels)]


def _raise_if(cancel: CancelCheck) -> None:
    if cancel():
        raise Cancelled()
