"""Recording → ``RecordingTranscript``: VAD per channel, decode of the speech only, turn splitting.

Silence between turns is never decoded: each channel's VAD speech regions are laid end to end with
a short silence at the joints (see ``layout``). By default (``batched=True``) the speech is packed
into short clips decoded in one batched call (``batched``), and regions that call left without
words are decoded again (``coverage``). ``batched=False`` decodes each channel like plain Whisper
(sequential 30 s windows), both channels at once in two CTranslate2 workers with one core each.
"""

from __future__ import annotations

import os
import queue
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

from qa_desk.asr.batched import FRAMES_PER_S, FittedWindowPipeline
from qa_desk.asr.cache import TranscriptCache
from qa_desk.asr.coverage import better_words, needs_redecode
from qa_desk.asr.errors import Cancelled, ModelError
from qa_desk.asr.filters import collapse_repeats, is_hallucination, is_looping, is_no_speech, normalize
from qa_desk.asr.layout import (
    MAX_CLIP_S,
    PIECES_PER_CLIP,
    SAMPLE_RATE,
    Clip,
    SpeechLayout,
    build_layout,
    detect_speech,
    widen,
)
from qa_desk.asr.models import pick_device, resolve_model
from qa_desk.asr.onsets import recover_onsets
from qa_desk.asr.options import FALLBACK_TEMPERATURES, TranscribeOptions
from qa_desk.asr.turns import SpeechIndex, TimedWord, split_turns
from qa_desk.audio import file_sha256, is_dual_mono, load_channels
from qa_desk.domain.transcript import RecordingTranscript, Segment, Speaker, Word

__all__ = ["TranscribeOptions", "Transcriber"]

ProgressCallback = Callable[[float], None]
SegmentCallback = Callable[[Segment], None]
CancelCheck = Callable[[], bool]

_VAD_SHARE = 0.1  # progress fraction reported once VAD is done
_FIRST_PASS_SHARE = 0.95  # of the decoding, before lost regions are decoded again
# Audio the encoder sees after a batch's longest clip: enough for Whisper to hear its last turn end.
WINDOW_MARGIN_S = 1.0
_SEEK_SLACK_S = 0.02  # far below any clip's length (a clip holds at least one padded VAD region)


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

        channels, info = load_channels(path, SAMPLE_RATE)
        if is_dual_mono(channels):
            channels = channels[:1]
        n_channels = channels.shape[0]
        speakers = _speakers(n_channels, opts.channel_map)
        progress(0.01)

        # The batched decode needs regions that fit Whisper's window; a region longer than
        # ``clip_s`` gets a clip of its own rather than a cut in mid-speech.
        max_speech_s = MAX_CLIP_S - 1 - 2 * opts.context_s if opts.batched else float("inf")
        _raise_if(check)
        # Silero runs on one thread per call: the channels go side by side.
        with ThreadPoolExecutor(max_workers=n_channels) as pool:
            speech = list(pool.map(
                lambda ch: detect_speech(channels[ch], opts.vad_threshold, opts.vad_min_silence_ms,
                                         opts.vad_speech_pad_ms, max_speech_s),
                range(n_channels),
            ))
        pad = opts.vad_speech_pad_ms / 1000
        if opts.recover_onsets:
            speech = [recover_onsets(channels[ch], speech[ch], int(pad * SAMPLE_RATE), SAMPLE_RATE)
                      for ch in range(n_channels)]
        progress(_VAD_SHARE)
        indexes = [
            SpeechIndex([(s / SAMPLE_RATE + pad, e / SAMPLE_RATE - pad) for s, e in regions]) for regions in speech
        ]
        context = int(opts.context_s * SAMPLE_RATE)
        decoded_regions = [widen(regions, context, channels.shape[1]) for regions in speech]
        layout = build_layout(decoded_regions, opts.clip_s if opts.batched else None, opts.joint_gap_s)
        segments: list[Segment] = []
        if layout.clips:
            _raise_if(check)
            self.load()
            decoded = self._batched_turns if opts.batched else self._sequential_turns
            for turns, done in decoded(layout, channels, indexes, check):
                for ch, turn in turns:
                    made = _to_segment(turn, speakers[ch])
                    if made is None:
                        continue
                    segments.append(made)
                    if on_segment is not None:
                        on_segment(made)
                progress(_VAD_SHARE + (1 - _VAD_SHARE) * min(1.0, done))
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
        self, layout: SpeechLayout, channels: np.ndarray, indexes: list[SpeechIndex], check: CancelCheck
    ) -> Iterator[tuple[list[tuple[int, list[TimedWord]]], float]]:
        """Turns of each clip (Whisper's own segment breaks are dropped) with the share done.

        A clip with a region the decode left without words (see ``coverage``) is held back
        until those regions are decoded again on their own, all of them in one more batch.
        """
        pad = self.options.vad_speech_pad_ms / 1000
        held: list[tuple[Clip, dict[int, list[TimedWord]]]] = []
        lost: list[tuple[Clip, int]] = []
        for ci, words, done in self._decode_clips(layout, channels, check):
            clip = layout.clips[ci]
            by_piece = _group_by_piece(words, len(clip.pieces))
            lost_here = [i for i, p in enumerate(clip.pieces) if needs_redecode(p, by_piece[i], pad)]
            if lost_here:
                held.append((clip, by_piece))
                lost.extend((clip, i) for i in lost_here)
                yield [], done * _FIRST_PASS_SHARE
            else:
                yield self._turns(clip.channel, words, indexes), done * _FIRST_PASS_SHARE
        if not held:
            return
        redone = self._redecode(lost, channels, check)
        for clip, by_piece in held:
            for i, piece in enumerate(clip.pieces):
                again = redone.get((clip.channel, piece.src_start))
                if again is not None:
                    by_piece[i] = better_words(piece, by_piece[i], again, pad)
            words = [w for i in range(len(clip.pieces)) for w in by_piece[i]]
            yield self._turns(clip.channel, words, indexes), 1.0

    def _redecode(
        self, lost: list[tuple[Clip, int]], channels: np.ndarray, check: CancelCheck
    ) -> dict[tuple[int, int], list[TimedWord]]:
        """Words of each lost region decoded again, by ``(channel, src_start)``."""
        regions: list[list[tuple[int, int]]] = [[] for _ in range(channels.shape[0])]
        for clip, i in lost:
            piece = clip.pieces[i]
            regions[clip.channel].append((piece.src_start, piece.src_end))
        layout = build_layout([sorted(r) for r in regions], self.options.clip_s, self.options.joint_gap_s)
        redone: dict[tuple[int, int], list[TimedWord]] = {}
        for ci, words, _ in self._decode_clips(layout, channels, check):
            clip = layout.clips[ci]
            for i, found in _group_by_piece(words, len(clip.pieces)).items():
                redone[(clip.channel, clip.pieces[i].src_start)] = found
        return redone

    def _decode_clips(
        self, layout: SpeechLayout, channels: np.ndarray, check: CancelCheck
    ) -> Iterator[tuple[int, list[TimedWord], float]]:
        """``(clip index, its words in recording time, share of the clips done)`` per clip.

        Longest clips first, so that each batch holds clips of about one length and its
        encoder window (fitted to the batch's longest clip) wastes little.
        """
        opts = self.options
        packed = layout.render(channels)
        bounds = layout.clip_bounds_s()
        order = sorted(range(len(bounds)), key=lambda i: bounds[i][0] - bounds[i][1])
        batch_size = opts.batch_size if self.device == "cpu" else max(opts.batch_size, 16)
        # A new wrapper per call: it keeps word-timing state between calls.
        pipeline = FittedWindowPipeline(self._model, WINDOW_MARGIN_S)
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
            clip = _clip_of(raw, layout)
            if clip != current_clip and current_clip >= 0:
                seen.add(current_clip)
                yield current_clip, _without_loops(current), len(seen) / len(order)
                current, said = [], ""
            current_clip = clip
            text = normalize(raw.text)
            if _repeats(text, said):
                continue
            said = f"{said} {text}"
            current.extend(_timed_words(raw, layout, clip))
        if current_clip >= 0:
            seen.add(current_clip)
            yield current_clip, _without_loops(current), len(seen) / len(order)
        for ci in order:  # clips the decode gave no segment at all
            if ci not in seen:
                yield ci, [], 1.0

    def _turns(self, channel: int, words: list[TimedWord], indexes: list[SpeechIndex]) -> list[tuple[int, list[TimedWord]]]:
        return [(channel, turn) for turn in split_turns(words, _others(indexes, channel), self.options.max_word_gap_s)]

    # --- sequential: one clip per channel, plain Whisper windows, channels in parallel ----------

    def _sequential_turns(
        self, layout: SpeechLayout, channels: np.ndarray, indexes: list[SpeechIndex], check: CancelCheck
    ) -> Iterator[tuple[list[tuple[int, list[TimedWord]]], float]]:
        """Turns as each channel's decode streams them, with the share of speech done.

        A turn is held back until the next word shows that it has ended (a pause, or the other
        channel speaking), so turns that straddle Whisper's segment breaks stay whole.
        """
        opts = self.options
        packed = layout.render(channels)
        items: queue.Queue[tuple[int, Any]] = queue.Queue()
        stop = threading.Event()
        common = self._common_args()
        if opts.temperature_fallback:
            common["temperature"] = FALLBACK_TEMPERATURES

        def decode(ci: int) -> None:
            clip = layout.clips[ci]
            try:
                raw_segments, _ = self._model.transcribe(packed[clip.dst_start : clip.dst_end], **common)
                for raw in raw_segments:
                    if stop.is_set():
                        break
                    items.put((ci, raw))
            except BaseException as exc:  # noqa: BLE001 - re-raised in the caller's thread
                items.put((ci, exc))
            finally:
                items.put((ci, None))

        order = list(range(len(layout.clips)))
        parallel = self._workers if opts.parallel_channels else 1
        waiting = order[parallel:]
        threads = [threading.Thread(target=decode, args=(ci,), daemon=True) for ci in order]
        for ci in order[:parallel]:
            threads[ci].start()
        pending: dict[int, list[TimedWord]] = {}
        done = [0] * len(layout.clips)
        running = min(parallel, len(order))
        try:
            while running:
                _raise_if(check)
                try:
                    ci, raw = items.get(timeout=0.1)
                except queue.Empty:
                    continue
                clip = layout.clips[ci]
                if raw is None:
                    running -= 1
                    done[ci] = clip.dst_end - clip.dst_start
                    turns = [(clip.channel, pending.pop(ci))] if pending.get(ci) else []
                    if waiting:
                        threads[waiting.pop(0)].start()
                        running += 1
                    yield turns, sum(done) / layout.total_samples
                    continue
                if isinstance(raw, BaseException):
                    raise raw
                timed = pending.setdefault(ci, [])
                timed.extend(_timed_words(raw, layout, ci, offset_s=clip.dst_start / SAMPLE_RATE))
                done[ci] = int(raw.end * SAMPLE_RATE)
                split = split_turns(timed, _others(indexes, clip.channel), opts.max_word_gap_s)
                pending[ci] = split.pop() if split else []
                yield [(clip.channel, t) for t in split], sum(done) / layout.total_samples
        finally:
            stop.set()


def _group_by_piece(words: list[TimedWord], n_pieces: int) -> dict[int, list[TimedWord]]:
    """A clip's words per piece index (see ``PIECES_PER_CLIP``)."""
    grouped: dict[int, list[TimedWord]] = {i: [] for i in range(n_pieces)}
    for w in words:
        grouped[w.piece % PIECES_PER_CLIP].append(w)
    return grouped


def _others(indexes: list[SpeechIndex], channel: int) -> list[SpeechIndex]:
    return [idx for i, idx in enumerate(indexes) if i != channel]


def _to_segment(turn: list[TimedWord], speaker: str) -> Segment | None:
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


def _clip_of(raw: Any, layout: SpeechLayout) -> int:
    """The clip a batched segment was decoded from.

    Not found by the segment's times: they may run past its clip's end into the next clip, which
    can be the other channel's. ``seek`` is the clip's start in mel frames, truncated after a
    float product (18.81 s gives 1880), so up to ``_SEEK_SLACK_S`` later still counts as that start.
    """
    return layout.clip_index(raw.seek / FRAMES_PER_S + _SEEK_SLACK_S)


def _repeats(text: str, said: str, min_words: int = 3) -> bool:
    """A segment that only repeats, word for word, what its clip already said: Whisper looping
    at the clip's end (a demo call got its whole first turn twice, the second time in 0.8 s)."""
    return len(text.split()) >= min_words and f" {text} " in f" {said} "


def _without_loops(words: list[TimedWord]) -> list[TimedWord]:
    """A clip's words without a phrase that Whisper repeats over several segments at the clip's end."""
    return collapse_repeats(words, [normalize(w.word) for w in words])


def _timed_words(raw: Any, layout: SpeechLayout, clip: int, offset_s: float = 0.0) -> list[TimedWord]:
    """A decoded segment's reliable words in recording time; ``offset_s``: where its audio starts in the layout."""
    timed = []
    for w in _reliable_words(raw):
        _, start, end, piece = layout.locate(w.start + offset_s, w.end + offset_s, clip)
        timed.append(TimedWord(start, end, w.word, w.probability, piece))
    return timed


def _reliable_words(raw: Any) -> list[Any]:
    """The words of one decoded segment, or none when it looks like a hallucination or a loop."""
    if is_no_speech(raw.avg_logprob, raw.no_speech_prob) or is_hallucination(raw.text):
        return []
    words = raw.words or []
    kept = collapse_repeats(words, [normalize(w.word) for w in words])
    if is_looping("".join(w.word for w in kept)):
        return []
    return kept


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
