"""Shared builders for the analysis tests: a stereo call from (speaker, text) turns, the best person
the engine finds in some sentences, tokens of a text and the client's answer in it."""

from __future__ import annotations

from qa_desk.analysis import bant, detector_for
from qa_desk.analysis.deciders import best_person
from qa_desk.analysis.language import language
from qa_desk.analysis.lexicon import Token
from qa_desk.analysis.questions import AnswerKind
from qa_desk.analysis.replies import Answer, answer
from qa_desk.domain.transcript import RecordingTranscript, Segment


def call(*turns: tuple[str, str]) -> RecordingTranscript:
    segments = [Segment(float(i * 5), float(i * 5 + 4), s, t) for i, (s, t) in enumerate(turns)]
    return RecordingTranscript("call.mp3", len(turns) * 5.0, 2, segments)


def best(*sentences: str) -> tuple[str, bool] | None:
    detector = detector_for(bant())
    found = best_person([s.tokens for text in sentences for s in detector.sentences(text)], language())
    return None if found is None else (found.text, found.speaker)


def tokens_of(text: str) -> list[Token]:
    """The BANT detector's tokens of a text, sentence after sentence."""
    return [t for s in detector_for(bant()).sentences(text) for t in s.tokens]


def reply(kind: AnswerKind, text: str, question: str = "") -> Answer | None:
    """The client's answer of ``kind`` in a text, after an optional question."""
    d = detector_for(bant())
    return answer(kind, d.sentences(text), d.lang, client=True, question=tokens_of(question) if question else ())
