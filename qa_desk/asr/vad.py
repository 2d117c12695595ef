"""Silero VAD (faster-whisper's model and rules) run block by block over a stream.

faster-whisper's ``get_speech_timestamps`` takes the whole channel at once. Its Silero model scores
512-sample windows, each with the previous window's last 64 samples as context, in batches of
``ENCODER_BATCH`` windows whose LSTM state carries over; the speech regions then follow from the
scores alone. Fed the channel in blocks, ``StreamingVad`` gives the same scores, and
``speech_regions`` applies the same rules to them, so a 2-hour channel needs one block in memory,
not the whole channel. ``tests/test_asr.py`` checks both against faster-whisper on a real call;
``pyproject.toml`` pins the faster-whisper versions this was checked with.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from faster_whisper.vad import VadOptions, get_vad_model

WINDOW = 512  # samples per Silero window at 16 kHz
CONTEXT = 64  # samples of the previous window each window sees
ENCODER_BATCH = 10_000  # windows per model call in faster-whisper (its LSTM state carries over)


class StreamingVad:
    """Silero speech probabilities of one channel, fed in blocks of any length, then ``finish()``.

    Windows are scored in batches of ``ENCODER_BATCH`` counted from the channel's start, as
    faster-whisper does, whatever the blocks' lengths.
    """

    def __init__(self) -> None:
        self._model: Any = get_vad_model()
        self._h = np.zeros((1, 1, 128), dtype="float32")
        self._c = np.zeros((1, 1, 128), dtype="float32")
        self._context = np.zeros(CONTEXT, dtype="float32")
        self._tail = np.zeros(0, dtype="float32")  # samples short of a whole window
        self._windows: list[np.ndarray] = []  # whole windows (with context) not yet scored
        self._held = 0
        self._probs: list[np.ndarray] = []
        self._finished = False

    def add(self, audio: np.ndarray) -> None:
        if self._finished:
            raise ValueError("the stream has finished")
        audio = np.concatenate([self._tail, audio.astype("float32", copy=False)]) if len(self._tail) else audio
        whole = len(audio) - len(audio) % WINDOW
        self._tail = np.array(audio[whole:], dtype="float32")
        if whole:
            self._queue(np.asarray(audio[:whole], dtype="float32").reshape(-1, WINDOW))

    def finish(self) -> np.ndarray:
        """Score what is left (faster-whisper pads the channel with 1-512 zeros) and return all scores."""
        if not self._finished:
            self._finished = True
            self._queue(np.pad(self._tail, (0, WINDOW - len(self._tail))).reshape(1, WINDOW))
            self._score(final=True)
        return np.concatenate(self._probs) if self._probs else np.zeros(0, dtype="float32")

    def _queue(self, windows: np.ndarray) -> None:
        contexts = np.concatenate([self._context[None, :], windows[:-1, -CONTEXT:]])
        self._context = windows[-1, -CONTEXT:].copy()
        self._windows.append(np.concatenate([contexts, windows], axis=1))
        self._held += len(windows)
        self._score(final=False)

    def _score(self, final: bool) -> None:
        if not self._held or (self._held < ENCODER_BATCH and not final):
            return
        batch = np.concatenate(self._windows) if len(self._windows) > 1 else self._windows[0]
        ready = len(batch) if final else len(batch) - len(batch) % ENCODER_BATCH
        for i in range(0, ready, ENCODER_BATCH):
            out, self._h, self._c = self._model.session.run(
                None, {"input": batch[i : min(i + ENCODER_BATCH, ready)], "h": self._h, "c": self._c}
            )
            self._probs.append(np.asarray(out, dtype="float32").reshape(-1))
        self._windows = [batch[ready:]] if ready < len(batch) else []
        self._held = len(batch) - ready


def speech_regions(probs: np.ndarray, n_samples: int, options: VadOptions, sampling_rate: int = 16000) -> list[tuple[int, int]]:
    """``(start, end)`` samples of speech from Silero's window scores: faster-whisper's rules
    (``get_speech_timestamps`` of the pinned versions), applied to scores computed elsewhere."""
    threshold = options.threshold
    neg_threshold = options.neg_threshold if options.neg_threshold is not None else max(threshold - 0.15, 0.01)
    min_speech = sampling_rate * options.min_speech_duration_ms / 1000
    pad = sampling_rate * options.speech_pad_ms / 1000
    max_speech = sampling_rate * options.max_speech_duration_s - WINDOW - 2 * pad
    min_silence = sampling_rate * options.min_silence_duration_ms / 1000
    min_silence_at_max = sampling_rate * 98 / 1000

    triggered = False
    speeches: list[dict[str, int]] = []
    current: dict[str, int] = {}
    temp_end = prev_end = next_start = 0
    for i, prob in enumerate(probs.tolist()):
        at = WINDOW * i
        if prob >= threshold and temp_end:
            temp_end = 0
            if next_start < prev_end:
                next_start = at
        if prob >= threshold and not triggered:
            triggered = True
            current["start"] = at
            continue
        if triggered and at - current["start"] > max_speech:
            if prev_end:
                current["end"] = prev_end
                speeches.append(current)
                current = {}
                if next_start < prev_end:
                    triggered = False
                else:
                    current["start"] = next_start
                prev_end = next_start = temp_end = 0
            else:
                current["end"] = at
                speeches.append(current)
                current = {}
                prev_end = next_start = temp_end = 0
                triggered = False
                continue
        if prob < neg_threshold and triggered:
            if not temp_end:
                temp_end = at
            if at - temp_end > min_silence_at_max:
                prev_end = temp_end
            if at - temp_end < min_silence:
                continue
            current["end"] = temp_end
            if current["end"] - current["start"] > min_speech:
                speeches.append(current)
            current = {}
            prev_end = next_start = temp_end = 0
            triggered = False
            continue
    if current and n_samples - current["start"] > min_speech:
        current["end"] = n_samples
        speeches.append(current)

    for i, speech in enumerate(speeches):
        if i == 0:
            speech["start"] = int(max(0, speech["start"] - pad))
        if i != len(speeches) - 1:
            silence = speeches[i + 1]["start"] - speech["end"]
            if silence < 2 * pad:
                speech["end"] += int(silence // 2)
                speeches[i + 1]["start"] = int(max(0, speeches[i + 1]["start"] - silence // 2))
            else:
                speech["end"] = int(min(n_samples, speech["end"] + pad))
                speeches[i + 1]["start"] = int(max(0, speeches[i + 1]["start"] - pad))
        else:
            speech["end"] = int(min(n_samples, speech["end"] + pad))
    return [(int(s["start"]), int(s["end"])) for s in speeches]


def vad_options(threshold: float, min_silence_ms: int, speech_pad_ms: int, max_speech_s: float) -> VadOptions:
    return VadOptions(
        threshold=threshold,
        min_silence_duration_ms=min_silence_ms,
        speech_pad_ms=speech_pad_ms,
        max_speech_duration_s=max_speech_s,
    )


def detect_speech(
    audio: np.ndarray, threshold: float, min_silence_ms: int, speech_pad_ms: int, max_speech_s: float = 29.0
) -> list[tuple[int, int]]:
    """Speech regions of a whole channel in memory (tools and tests; the transcriber streams)."""
    vad = StreamingVad()
    vad.add(audio)
    options = vad_options(threshold, min_silence_ms, speech_pad_ms, max_speech_s)
    return speech_regions(vad.finish(), len(audio), options)
