"""Contract-question engine: was each question asked, what did the client answer, and where.

Pure Python (pymorphy3, rapidfuzz); no Qt, no SQLAlchemy. The names below load their modules on
first use, so importing a light submodule does not load the morphology dictionaries.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from qa_desk.analysis.deal import analyze_deal, detector_for
    from qa_desk.analysis.questions import (
        AnswerKind,
        Question,
        QuestionSet,
        QuestionSetError,
        bant,
        load_question_set,
        parse_question_set,
    )
    from qa_desk.analysis.reasons import ReasonMap, load_reason_map
    from qa_desk.analysis.report import format_value, summary
    from qa_desk.analysis.results import DealAnalysis, Evidence, Flag, QuestionResult

# Bump when the rules change what the engine finds for the same transcripts (stored analyses are redone).
ENGINE_VERSION = 4

_WHERE = {
    **dict.fromkeys(("analyze_deal", "detector_for"), "deal"),
    **dict.fromkeys(
        ("AnswerKind", "Question", "QuestionSet", "QuestionSetError", "bant", "load_question_set", "parse_question_set"),
        "questions",
    ),
    **dict.fromkeys(("ReasonMap", "load_reason_map"), "reasons"),
    **dict.fromkeys(("format_value", "summary"), "report"),
    **dict.fromkeys(("DealAnalysis", "Evidence", "Flag", "QuestionResult"), "results"),
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(import_module(f"qa_desk.analysis.{_WHERE[name]}"), name)
    raise AttributeError(f"module 'qa_desk.analysis' has no attribute {name!r}")


__all__ = [
    "ENGINE_VERSION", "AnswerKind", "DealAnalysis", "Evidence", "Flag", "Question", "QuestionResult", "QuestionSet",
    "QuestionSetError", "ReasonMap", "analyze_deal", "bant", "detector_for", "format_value",
    "load_question_set", "load_reason_map", "parse_question_set", "summary",
]
