"""Decoding options and their cache key."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass

# Bump when the pipeline's output changes for the same options, so old cached transcripts are not reused.
PIPELINE_VERSION = 5

DEFAULT_CHANNEL_MAP: tuple[str, ...] = ("manager", "client")

# Fields that change speed or placement only, not the transcript. Not ``batch_size``: the encoder
# window is fitted to each batch's longest clip, so which clips share a batch changes the text a little.
_NOT_IN_KEY = frozenset({"device", "cpu_threads", "parallel_channels", "use_cache"})

# Whisper's temperature schedule, tried in turn while a window looks like a loop or unsure.
FALLBACK_TEMPERATURES: tuple[float, ...] = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)


@dataclass(frozen=True, slots=True)
class TranscribeOptions:
    """How a recording is transcribed.

    The VAD defaults are tuned for telephony (8 kHz, 300-3400 Hz): at Silero's default 0.5
    most of each channel's speech was dropped, and even at 0.15 it hears some turns a second
    late, so their starts are moved back to the onset by loudness (``recover_onsets``).

    By default both channels' speech is packed into clips of at most ``clip_s`` (``joint_gap_s``
    of silence at the joints) and decoded in one batched call with beam 5, the encoder window
    fitted to the clips (see ``batched``). ``batched=False`` decodes each channel sequentially like
    plain Whisper (one worker thread per channel); with ``context_s=1.5`` it was accurate but no
    faster than plain Whisper, see ``scripts/tune_asr.py`` and ``docs/NOTES.md``.
    """

    model: str = "base"
    language: str | None = "ru"  # None: detect
    device: str = "auto"  # auto | cpu | cuda
    beam_size: int = 5
    batched: bool = True
    batch_size: int = 4  # CPU: 4 clips per batch beat 2, 8 and 18 on 2 cores (CUDA takes 16)
    clip_s: float = 22.0  # batched: speech packed per clip (the encoder window is fitted to it)
    cpu_threads: int = 0  # 0: all available cores (split between the channels when parallel)
    parallel_channels: bool = True  # sequential decode: one worker thread per channel
    joint_gap_s: float = 0.3  # silence put between two decoded regions
    context_s: float = 0.0  # real audio kept around each VAD region (up to mid-pause)
    temperature_fallback: bool = False  # re-decode a doubtful window at higher temperatures
    channel_map: tuple[str, ...] = DEFAULT_CHANNEL_MAP  # speaker per channel index
    vad_threshold: float = 0.15
    vad_min_silence_ms: int = 1000
    vad_speech_pad_ms: int = 400  # before the (recovered) onset and after the end
    recover_onsets: bool = True  # turn starts Silero hears late, and whole turns it misses, found by loudness (``onsets``)
    max_word_gap_s: float = 0.8  # split a segment at a longer pause between words
    word_timestamps: bool = True
    use_cache: bool = True

    def cache_key(self) -> str:
        data = {k: v for k, v in asdict(self).items() if k not in _NOT_IN_KEY}
        data["pipeline_version"] = PIPELINE_VERSION
        raw = json.dumps(data, sort_keys=True, ensure_ascii=False, default=list)
        return hashlib.sha256(raw.encode()).hexdigest()[:16]
