"""faster-whisper's batched decode with an encoder window fitted to the batch's clips.

Whisper pads every clip to a 30 s window, and the encoder and each decoder step's attention cost
grow with the window, not with the speech in it. Cutting the window to the batch's longest clip
plus a short margin took the long benchmark call from 27 s to 19 s at the same pooled word error
rate (``docs/NOTES.md``). Whisper was trained on 30 s windows; shorter ones did not hurt here.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from faster_whisper import BatchedInferencePipeline

FRAMES_PER_S = 100  # Whisper's mel frames per second
FULL_WINDOW_FRAMES = 3000


def fitted_frames(longest_clip_s: float, margin_s: float, min_window_s: float = 0.0) -> int:
    """Mel frames to keep for a batch: even (the encoder halves them), at most Whisper's 30 s."""
    frames = math.ceil(max(longest_clip_s + margin_s, min_window_s) * FRAMES_PER_S)
    return min(FULL_WINDOW_FRAMES, frames + frames % 2)


class FittedWindowPipeline(BatchedInferencePipeline):  # type: ignore[misc]
    def __init__(self, model: Any, margin_s: float, min_window_s: float = 0.0) -> None:
        super().__init__(model)
        self.margin_s = margin_s
        self.min_window_s = min_window_s

    def forward(self, features: np.ndarray, tokenizer: Any, chunks_metadata: list[dict[str, Any]], options: Any) -> Any:
        longest = max(chunk["duration"] for chunk in chunks_metadata)
        frames = fitted_frames(longest, self.margin_s, self.min_window_s)
        return super().forward(features[..., :frames], tokenizer, chunks_metadata, options)
