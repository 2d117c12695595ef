"""Reading and validating call recordings (no Qt here)."""

from qa_desk.audio.errors import AudioError
from qa_desk.audio.load import is_dual_mono, load_channels
from qa_desk.audio.probe import SUPPORTED_EXTENSIONS, AudioInfo, file_sha256, probe

__all__ = [
    "SUPPORTED_EXTENSIONS",
    "AudioError",
    "AudioInfo",
    "file_sha256",
    "is_dual_mono",
    "load_channels",
    "probe",
]
