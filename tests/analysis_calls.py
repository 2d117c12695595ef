"""Shared builders for the decider tests: a stereo call from (speaker, text) turns, and the best person
the engine finds in some sentences."""

from __future__ import annotations

from qa_desk.analysis import bant, detector_for
from qa_desk.analysis.deciders import best_person
from qa_desk.analysis.language import language
from qa_desk.domain.transcript import RecordingTranscript, Segment


def call(*turns: tuple[str, str]) -> RecordingTranscript:
    segments = [Segment(float(i * 5), float(i * 5 + 4), s, t) for i, (s, t) in enumerate(turns)]
    return RecordingTranscript("call.mp3", len(turns) * 5.0, 2, segments)


def best(*sentences: str) -> tuple[str, bool] | None:
    detector = detector_for(bant())
    found = best_person([s.tokens for text in sentences for s in detector.sentences(text)], language())
    return None if found is None else (found.text, found.speaker)
