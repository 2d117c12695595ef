"""Contract-question engine: was each question asked, what did the client answer, and where.

Pure Python (pymorphy3, rapidfuzz); no Qt, no SQLAlchemy.
"""

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

__all__ = [
    "ENGINE_VERSION", "AnswerKind", "DealAnalysis", "Evidence", "Flag", "Question", "QuestionResult", "QuestionSet",
    "QuestionSetError", "ReasonMap", "analyze_deal", "bant", "detector_for", "format_value",
    "load_question_set", "load_reason_map", "parse_question_set", "summary",
]
