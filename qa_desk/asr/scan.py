"""First pass over a recording: where each channel really speaks, in memory that does not grow with
the call (Silero scores and 10 ms loudness frames are all that is kept of the audio).

Per channel: Silero's speech regions (``vad``), without the other speaker's leak (``crosstalk``),
with starts Silero heard late moved back and whole turns it never heard added (``onsets``).
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from qa_desk.asr.crosstalk import remove_leaks
from qa_desk.asr.errors import Cancelled
from qa_desk.asr.onsets import add_missed_speech, frame_levels, frame_samples, recover_onsets
from qa_desk.asr.options import TranscribeOptions
from qa_desk.asr.vad import StreamingVad, speech_regions, vad_options
from qa_desk.audio import AudioInfo, DualMonoCheck, StreamTotals, decoded_info, probe, stream_blocks

SAMPLE_RATE = 16000
# Samples per block read from the file: 30 s, a whole number of 10 ms loudness frames. A block and
# its copies (float64 loudness, Silero's windows) exist once per channel at a time.
BLOCK_SAMPLES = 30 * SAMPLE_RATE


@dataclass(slots=True)
class SpeechMap:
    info: AudioInfo  # duration as decoded
    n_samples: int  # per channel, at ``SAMPLE_RATE``
    channels: int  # channels to decode (a stereo file with one signal twice counts as mono)
    regions: list[list[tuple[int, int]]]  # speech per channel, samples, padded by the VAD padding


def scan(
    path: str | Path,
    opts: TranscribeOptions,
    max_speech_s: float,
    cancel: Callable[[], bool],
    progress: Callable[[float], None],
) -> SpeechMap:
    """Read the recording once: speech regions per channel. Raises ``AudioError``, ``Cancelled``."""
    info = probe(path)
    n_ch = info.channels
    vads = [StreamingVad() for _ in range(n_ch)]
    levels: list[list[np.ndarray]] = [[] for _ in range(n_ch)]
    dual = DualMonoCheck()
    totals = StreamTotals()
    expected = max(1.0, info.duration_s * SAMPLE_RATE)

    def feed(ch: int, block: np.ndarray) -> None:
        vads[ch].add(block[ch])
        levels[ch].append(frame_levels(block[ch], SAMPLE_RATE))

    # Silero runs on one thread per call: the channels go side by side.
    with ThreadPoolExecutor(max_workers=n_ch) as pool:
        for block in stream_blocks(path, SAMPLE_RATE, BLOCK_SAMPLES, info, totals):
            if cancel():
                raise Cancelled()
            list(pool.map(lambda ch, b=block: feed(ch, b), range(n_ch)))
            dual.add(block)
            progress(min(1.0, totals.samples / expected))
        probs = list(pool.map(lambda ch: vads[ch].finish(), range(n_ch)))
    n_samples = totals.samples
    channel_levels = [np.concatenate(parts) if parts else np.zeros(0) for parts in levels]
    if dual.dual_mono:
        n_ch, probs, channel_levels = 1, probs[:1], channel_levels[:1]
    vad = vad_options(opts.vad_threshold, opts.vad_min_silence_ms, opts.vad_speech_pad_ms, max_speech_s)
    regions = [speech_regions(p, n_samples, vad, SAMPLE_RATE) for p in probs]
    pad = int(opts.vad_speech_pad_ms / 1000 * SAMPLE_RATE)
    regions, channel_levels = remove_leaks(channel_levels, regions, pad, frame_samples(SAMPLE_RATE))
    if opts.recover_onsets:
        max_len = int(max_speech_s * SAMPLE_RATE) if max_speech_s != float("inf") else n_samples
        regions = [
            add_missed_speech(lv, recover_onsets(lv, r, pad, SAMPLE_RATE, max_len), pad, SAMPLE_RATE, max_len)
            for lv, r in zip(channel_levels, regions, strict=True)
        ]
    return SpeechMap(decoded_info(info, n_samples, SAMPLE_RATE), n_samples, n_ch, regions)
