"""Typed messages streamed from the transcription worker process (all picklable)."""

from __future__ import annotations

from dataclasses import dataclass

from qa_desk.domain.transcript import RecordingTranscript, Segment


@dataclass(frozen=True, slots=True)
class Progress:
    recording_key: str
    fraction: float  # 0..1 for this recording


@dataclass(frozen=True, slots=True)
class SegmentMsg:
    recording_key: str
    segment: Segment


@dataclass(frozen=True, slots=True)
class Done:
    recording_key: str
    transcript: RecordingTranscript


@dataclass(frozen=True, slots=True)
class Failed:
    recording_key: str
    error: str  # one readable line


@dataclass(frozen=True, slots=True)
class Finished:
    """Last message of a worker: all jobs are done, failed, or the run was cancelled."""

    cancelled: bool = False


Message = Progress | SegmentMsg | Done | Failed | Finished
