"""Calls built from turns for the engine's tests: a stereo call where the manager speaks first and the
turns alternate, ten seconds apart."""

from __future__ import annotations

from qa_desk.domain.transcript import RecordingTranscript, Segment


def stereo_call(*turns: str, name: str = "call.mp3") -> RecordingTranscript:
    segments = [Segment(10.0 * k, 10.0 * k + 8, "manager" if k % 2 == 0 else "client", text)
                for k, text in enumerate(turns)]
    return RecordingTranscript(name, 10.0 * len(turns), 2, segments)
