"""Recording → ``RecordingTranscript``: VAD per channel, one batched decode, turn splitting.

Both channels' speech is packed into ≤30 s single-channel clips (see ``layout``) and decoded in one
``BatchedInferencePipeline`` call with a small beam; silence between turns is never decoded.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import numpy as np

from qa_desk.asr.cache import TranscriptCache
from qa_desk.asr.errors import Cancelled, ModelError
from qa_desk.asr.filters import collapse_repeats, is_hallucination, is_looping, is_no_speech, normalize
from qa_desk.asr.layout import SAMPLE_RATE, SpeechLayout, build_layout, detect_speech
from qa_desk.asr.models import pick_device, resolve_model
from qa_desk.asr.options import TranscribeOptions
from qa_desk.asr.turns import SpeechIndex, TimedWord, split_turns
from qa_desk.audio import file_sha256, is_dual_mono, load_channels
from qa_desk.domain.transcript import RecordingTranscript, Segment, Speaker, Word

__all__ = ["TranscribeOptions", "Transcriber"]

ProgressCallback = Callable[[float], None]
SegmentCallback = Callable[[Segment], None]
CancelCheck = Callable[[], bool]

_VAD_SHARE = 0.1  # progress fraction reported once VAD is done


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
            threads = self.options.cpu_threads or available_cpus()
            try:
                self._model = WhisperModel(path, device=device, compute_type=compute_type, cpu_threads=threads)
            except (RuntimeError, ValueError, OSError) as exc:
                raise ModelError(f"не удалось загрузить модель «{self.options.model}»: {exc}") from exc
            self.device, self.model_path = device, path

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

        speech = []
        for ch in range(n_channels):
            _raise_if(check)
            speech.append(detect_speech(channels[ch], opts.vad_threshold, opts.vad_min_silence_ms,
                                        opts.vad_speech_pad_ms))
        progress(_VAD_SHARE)
        pad = opts.vad_speech_pad_ms / 1000
        indexes = [
            SpeechIndex([(s / SAMPLE_RATE + pad, e / SAMPLE_RATE - pad) for s, e in regions]) for regions in speech
        ]
        layout = build_layout(speech)
        segments: list[Segment] = []
        if layout.clips:
            _raise_if(check)
            self.load()
            for words, done_s in self._clip_words(layout, channels, check):
                for seg in self._to_segments(words, layout, indexes, speakers):
                    segments.append(seg)
                    if on_segment is not None:
                        on_segment(seg)
                progress(_VAD_SHARE + (1 - _VAD_SHARE) * min(1.0, done_s * SAMPLE_RATE / layout.total_samples))
        segments.sort(key=lambda s: (s.start, s.end))
        transcript = RecordingTranscript(str(path), round(info.duration_s, 3), n_channels, segments)
        if sha is not None:
            self.cache.put(sha, opts, transcript)
        progress(1.0)
        return transcript

    def _decode(self, layout: SpeechLayout, channels: np.ndarray) -> Iterable[Any]:
        from faster_whisper import BatchedInferencePipeline

        opts = self.options
        packed = layout.render(channels)
        bounds = layout.clip_bounds_s()
        common: dict[str, Any] = dict(
            language=opts.language,
            beam_size=opts.beam_size,
            word_timestamps=opts.word_timestamps,
            condition_on_previous_text=False,
            vad_filter=False,
            without_timestamps=False,
        )
        if opts.batched:
            batch_size = opts.batch_size if self.device == "cpu" else max(opts.batch_size, 16)
            # A new wrapper per file: it carries word-timing state between calls.
            pipeline = BatchedInferencePipeline(self._model)
            segments, _ = pipeline.transcribe(
                packed, clip_timestamps=[{"start": s, "end": e} for s, e in bounds], batch_size=batch_size,
                **common,
            )
        else:
            flat = [t for pair in bounds for t in pair]
            segments, _ = self._model.transcribe(packed, clip_timestamps=flat, **common)
        return segments

    def _clip_words(
        self, layout: SpeechLayout, channels: np.ndarray, check: CancelCheck
    ) -> Iterable[tuple[list[Any], float]]:
        """Kept words of each clip (Whisper's own segment breaks are dropped), with packed time done."""
        current: list[Any] = []
        current_clip = -1
        done_s = 0.0
        for raw in self._decode(layout, channels):
            _raise_if(check)
            clip = layout.clip_index((raw.start + raw.end) / 2)
            if clip != current_clip and current:
                yield current, done_s
                current = []
            current_clip, done_s = clip, raw.end
            current.extend(_reliable_words(raw))
        if current:
            yield current, done_s

    def _to_segments(
        self, words: list[Any], layout: SpeechLayout, indexes: list[SpeechIndex], speakers: list[str]
    ) -> list[Segment]:
        by_channel: dict[int, list[TimedWord]] = {}
        for w in words:
            ch, start, end, piece = layout.locate(w.start, w.end)
            by_channel.setdefault(ch, []).append(TimedWord(start, end, w.word, w.probability, piece))
        result: list[Segment] = []
        for ch, timed in by_channel.items():
            others = [idx for i, idx in enumerate(indexes) if i != ch]
            for turn in split_turns(timed, others, self.options.max_word_gap_s):
                text = "".join(w.word for w in turn).strip()
                if is_hallucination(text):
                    continue
                result.append(
                    Segment(
                        start=round(turn[0].start, 3),
                        end=round(turn[-1].end, 3),
                        speaker=speakers[ch],
                        text=text,
                        words=[Word(round(w.start, 3), round(w.end, 3), w.word.strip(), round(w.probability, 3))
                               for w in turn],
                    )
                )
        return result


def _reliable_words(raw: Any) -> list[Any]:
    """The words of one decoded segment, or none when it looks like a hallucination or a loop."""
    if is_no_speech(raw.avg_logprob, raw.no_speech_prob) or is_hallucination(raw.text):
        return []
    words = raw.words or []
    kept = collapse_repeats(words, [normalize(w.word) for w in words])
    if is_looping("".join(w.word for w in kept)):
        return []
    return kept


def _speakers(n_channels: int, channel_map: tuple[str, ...]) -> list[str]:
    if n_channels == 1:
        return [Speaker.UNKNOWN.value]
    return [channel_map[i] if i < len(channel_map) else Speaker.UNKNOWN.value for i in range(n_channels)]


def _raise_if(cancel: CancelCheck) -> None:
    if cancel():
        raise Cancelled()
