"""Speech recognition with faster-whisper (no Qt here).

The names below load their modules on first use, so importing a light submodule
(``qa_desk.asr.options``, ``qa_desk.asr.messages``) does not load faster-whisper: the command
line starts fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

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
