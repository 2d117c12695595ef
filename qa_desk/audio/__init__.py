"""Reading and validating call recordings (no Qt here)."""

from qa_desk.audio.errors import AudioError
from qa_desk.audio.load import DualMonoCheck, is_dual_mono, load_channels
from qa_desk.audio.probe import SUPPORTED_EXTENSIONS, AudioInfo, file_sha256, probe
from qa_desk.audio.stream import StreamTotals, decoded_info, stream_blocks

__all__ = [
    "SUPPORTED_EXTENSIONS",
    "AudioError",
    "AudioInfo",
    "DualMonoCheck",
    "StreamTotals",
    "decoded_info",
    "file_sha256",
    "is_dual_mono",
    "load_channels",
    "probe",
    "stream_blocks",
]
