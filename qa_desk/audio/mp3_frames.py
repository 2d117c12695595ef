"""Is an MP3 cut off? libsndfile decodes what is there and says nothing, so the frames are walked.

An MP3 is a chain of frames whose headers give their length. A file cut in mid-transfer ends
inside a frame; a file cut at a frame boundary has fewer frames than the Xing/Info header
(written by LAME and most encoders) declares. Only MPEG Layer III is checked, the telephony case;
anything the walker does not recognise is left to the decoder.
"""

from __future__ import annotations

# kbit/s by bitrate index, Layer III: MPEG-1, and MPEG-2 / 2.5
_KBPS_MPEG1 = (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320)
_KBPS_MPEG2 = (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160)
_SAMPLE_RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}
_SEARCH_BYTES = 4096  # junk tolerated before the first frame
_ID3_HEADER = 10


def frame_info(header: bytes) -> tuple[int, int] | None:
    """``(frame length in bytes, side-info size)`` of a Layer III frame header, or None."""
    if len(header) < 4 or header[0] != 0xFF or header[1] & 0xE0 != 0xE0:
        return None
    version = (header[1] >> 3) & 3  # 3: MPEG-1, 2: MPEG-2, 0: MPEG-2.5
    layer = (header[1] >> 1) & 3  # 1: Layer III
    bitrate_index, rate_index = header[2] >> 4, (header[2] >> 2) & 3
    if version == 1 or layer != 1 or bitrate_index in (0, 15) or rate_index == 3:
        return None
    mpeg1 = version == 3
    kbps = (_KBPS_MPEG1 if mpeg1 else _KBPS_MPEG2)[bitrate_index]
    rate = _SAMPLE_RATES[version][rate_index]
    padding = (header[2] >> 1) & 1
    mono = header[3] >> 6 == 3
    length = (144 if mpeg1 else 72) * kbps * 1000 // rate + padding
    side_info = (17 if mono else 32) if mpeg1 else (9 if mono else 17)
    return length, side_info


def _declared_frames(frame: bytes, side_info: int) -> int | None:
    """Frame count from a Xing/Info header in the first frame, when it has one."""
    at = 4 + side_info
    if frame[at : at + 4] not in (b"Xing", b"Info") or len(frame) < at + 12:
        return None
    flags = int.from_bytes(frame[at + 4 : at + 8], "big")
    return int.from_bytes(frame[at + 8 : at + 12], "big") if flags & 1 else None


def missing_share(data: bytes) -> float | None:
    """Share of the audio missing from a cut-off MP3 (an estimate), 0.0 for a whole one,
    None when ``data`` is not a Layer III stream this walker understands."""
    pos = 0
    if data[:3] == b"ID3" and len(data) >= _ID3_HEADER:
        size = sum((b & 0x7F) << (7 * (3 - i)) for i, b in enumerate(data[6:10]))
        pos = _ID3_HEADER + size + (_ID3_HEADER if data[5] & 0x10 else 0)
    start = next((p for p in range(pos, min(len(data), pos + _SEARCH_BYTES)) if frame_info(data[p : p + 4])), None)
    if start is None:
        return None
    first = frame_info(data[start : start + 4])
    assert first is not None
    declared = _declared_frames(data[start : start + first[0]], first[1])
    pos, frames = start, 0
    while (info := frame_info(data[pos : pos + 4])) is not None:
        length = info[0]
        if pos + length > len(data):  # the last frame is cut short
            return max(1 - frames / declared, 0.01) if declared else 0.01
        pos, frames = pos + length, frames + 1
    if len(data) - pos > _SEARCH_BYTES:
        return None  # stopped mid-stream on something else than a tag: the decoder judges it
    if declared and frames < declared - 1:
        return 1 - frames / declared
    return 0.0
