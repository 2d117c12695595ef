"""Speech recognition with faster-whisper (no Qt here)."""

from qa_desk.asr.cache import TranscriptCache
from qa_desk.asr.errors import AsrError, Cancelled, ModelError
from qa_desk.asr.models import ModelInfo, ModelSource, list_models, pick_device, resolve_model
from qa_desk.asr.options import TranscribeOptions
from qa_desk.asr.pipeline import Transcriber

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
