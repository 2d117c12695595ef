"""Transcript value objects shared by ASR, analysis, storage and UI.

Times are float seconds here (the JSON shape of ``qa-desk transcribe --json``);
storage keeps integer milliseconds.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


class Speaker(StrEnum):
    MANAGER = "manager"
    CLIENT = "client"
    UNKNOWN = "unknown"


@dataclass(slots=True)
class Word:
    start: float
    end: float
    word: str
    probability: float = 1.0


@dataclass(slots=True)
class Segment:
    start: float
    end: float
    speaker: str
    text: str
    words: list[Word] = field(default_factory=list)


@dataclass(slots=True)
class RecordingTranscript:
    path: str
    duration_s: float
    channels: int
    segments: list[Segment] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RecordingTranscript:
        segments = [
            Segment(
                start=float(s["start"]),
                end=float(s["end"]),
                speaker=str(s.get("speaker", Speaker.UNKNOWN)),
                text=str(s.get("text", "")),
                words=[
                    Word(float(w["start"]), float(w["end"]), str(w["word"]), float(w.get("probability", 1.0)))
                    for w in s.get("words", []) or []
                ],
            )
            for s in data.get("segments", [])
        ]
        return cls(
            path=str(data.get("path", "")),
            duration_s=float(data.get("duration_s", segments[-1].end if segments else 0.0)),
            channels=int(data.get("channels", 1)),
            segments=segments,
        )
