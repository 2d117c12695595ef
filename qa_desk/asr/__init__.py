"""Speech recognition with faster-whisper (no Qt here).

The names below load their modules on first use, so importing a light submodule
(``qa_desk.asr.options``, ``qa_desk.asr.messages``) does not load faster-whisper: the command
line starts fast.
"""

from __future__ import annotations

import os
from importlib import import_module
from typing import TYPE_CHECKING, Any

# One transcript per recording on every workstation: CTranslate2 picks its int8 GEMM backend by CPU vendor
# (Intel MKL on Intel, oneDNN elsewhere), and the two decode the same phone audio into different words
# («какой бюджет» → «какой гаджет» on an AMD EPYC). Evidence must not depend on the CPU's maker, so MKL is asked
# for everywhere (set before faster-whisper loads CTranslate2; a value set by the user is kept).
os.environ.setdefault("CT2_USE_MKL", "1")

if TYPE_CHECKING:
    from qa_desk.asr.cache import TranscriptCache
    from qa_desk.asr.errors import AsrError, Cancelled, ModelError
    from qa_desk.asr.models import ModelInfo, ModelSource, list_models, pick_device, resolve_model
    from qa_desk.asr.options import TranscribeOptions
    from qa_desk.asr.pipeline import Transcriber

_WHERE = {
    "TranscriptCache": "cache",
    "AsrError": "errors",
    "Cancelled": "errors",
    "ModelError": "errors",
    "ModelInfo": "models",
    "ModelSource": "models",
    "list_models": "models",
    "pick_device": "models",
    "resolve_model": "models",
    "TranscribeOptions": "options",
    "Transcriber": "pipeline",
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(import_module(f"qa_desk.asr.{_WHERE[name]}"), name)
    raise AttributeError(f"module 'qa_desk.asr' has no attribute {name!r}")


__all__ = [
    "AsrError",
    "Cancelled",
    "ModelError",
    "ModelInfo",
    "ModelSource",
    "TranscribeOptions",
    "Transcriber",
    "TranscriptCache",
    "list_models",
    "pick_device",
    "resolve_model",
]
