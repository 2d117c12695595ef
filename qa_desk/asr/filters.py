"""Guards against Whisper's repetition loops and its hallucinations on silence and line noise."""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")

# Whisper's own thresholds: a decode this repetitive or this unsure over "no speech" is not speech.
MAX_COMPRESSION_RATIO = 2.4
NO_SPEECH_PROB = 0.6
LOW_AVG_LOGPROB = -1.0

# Phrases Whisper invents on silence and noise in Russian (subtitle credits from its training data).
_HALLUCINATION_PATTERNS = (
    r"^продолжение следует$",
    r"субтитр",
    r"dimatorzok",
    r"синецкая",
    r"^спасибо за просмотр$",
    r"^подписывайтесь на (наш )?канал$",
    r"^до новых встреч$",
)
_HALLUCINATION_RE = re.compile("|".join(_HALLUCINATION_PATTERNS))
_NON_WORD_RE = re.compile(r"[^\w\s]+")


def normalize(text: str) -> str:
    text = _NON_WORD_RE.sub(" ", text.lower().replace("ё", "е"))
    return " ".join(text.split())


def compression_ratio(text: str) -> float:
    data = text.encode("utf-8")
    return len(data) / len(zlib.compress(data)) if data else 0.0


def is_no_speech(avg_logprob: float, no_speech_prob: float) -> bool:
    return no_speech_prob > NO_SPEECH_PROB and avg_logprob < LOW_AVG_LOGPROB


def is_hallucination(text: str) -> bool:
    norm = normalize(text)
    return not norm or bool(_HALLUCINATION_RE.search(norm))


def is_looping(text: str) -> bool:
    return compression_ratio(text) > MAX_COMPRESSION_RATIO


def collapse_repeats(items: Sequence[T], keys: Sequence[str], max_n: int = 8) -> list[T]:
    """Drop back-to-back repeats of an n-gram (a decoding loop), keeping its first occurrence.

    A single word must repeat 5 times and a longer n-gram 3 times before it counts: «да, да, да»
    is speech, «спасибо спасибо спасибо спасибо спасибо» is a loop.
    """
    out_items = list(items)
    out_keys = list(keys)
    changed = True
    while changed:
        changed = False
        for n in range(1, max_n + 1):
            min_repeats = 5 if n == 1 else 3
            i = 0
            while i + n * min_repeats <= len(out_keys):
                gram = out_keys[i : i + n]
                reps = 1
                while out_keys[i + reps * n : i + (reps + 1) * n] == gram:
                    reps += 1
                if reps >= min_repeats:
                    del out_items[i + n : i + reps * n]
                    del out_keys[i + n : i + reps * n]
                    changed = True
                i += 1
    return out_items
