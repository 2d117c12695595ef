"""Sequential decode (``batched=False``): one clip per channel, Whisper moving its own 30 s window
like plain faster-whisper, the channels in parallel CTranslate2 workers. Holds the whole call's
speech at once (only the batched decode is bounded by a group of clips)."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

from qa_desk.asr.errors import Cancelled
from qa_desk.asr.layout import SAMPLE_RATE, SpeechLayout
from qa_desk.asr.options import FALLBACK_TEMPERATURES, TranscribeOptions
from qa_desk.asr.turns import SpeechIndex, TimedWord, split_turns
from qa_desk.asr.words import others, timed_words


def sequential_turns(
    model: Any, workers: int, opts: TranscribeOptions, common: dict[str, Any],
    layout: SpeechLayout, packed: np.ndarray, indexes: list[SpeechIndex], check: Callable[[], bool],
) -> Iterator[tuple[list[tuple[int, list[TimedWord]]], float]]:
    """Turns as each channel's decode streams them, with the share of speech done.

    A turn is held back until the next word shows that it has ended (a pause, or the other
    channel speaking), so turns that straddle Whisper's segment breaks stay whole.
    """
    items: queue.Queue[tuple[int, Any]] = queue.Queue()
    stop = threading.Event()
    common = dict(common)
    if opts.temperature_fallback:
        common["temperature"] = FALLBACK_TEMPERATURES

    def decode(ci: int) -> None:
        clip = layout.clips[ci]
        try:
            raw_segments, _ = model.transcribe(packed[clip.dst_start : clip.dst_end], **common)
            for raw in raw_segments:
                if stop.is_set():
                    break
                items.put((ci, raw))
        except BaseException as exc:  # noqa: BLE001 - re-raised in the caller's thread
            items.put((ci, exc))
        finally:
            items.put((ci, None))

    order = list(range(len(layout.clips)))
    parallel = workers if opts.parallel_channels else 1
    waiting = order[parallel:]
    threads = [threading.Thread(target=decode, args=(ci,), daemon=True) for ci in order]
    for ci in order[:parallel]:
        threads[ci].start()
    pending: dict[int, list[TimedWord]] = {}
    done = [0] * len(layout.clips)
    running = min(parallel, len(order))
    try:
        while running:
            if check():
                raise Cancelled()
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
            timed.extend(timed_words(raw, layout, ci, offset_s=clip.dst_start / SAMPLE_RATE))
            done[ci] = int(raw.end * SAMPLE_RATE)
            split = split_turns(timed, others(indexes, clip.channel), opts.max_word_gap_s)
            pending[ci] = split.pop() if split else []
            yield [(clip.channel, t) for t in split], sum(done) / layout.total_samples
    finally:
        stop.set()
