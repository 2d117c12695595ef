"""Shared builders for the analysis tests: a stereo call from (speaker, text) turns, the best person
the engine finds in some sentences, tokens of a text and the client's answer in it, and the ids a contract
line asks after a greeting (with the hit count over a list of such own cases)."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from qa_desk.analysis import analyze_deal, bant, detector_for
from qa_desk.analysis.deciders import best_person
from qa_desk.analysis.language import language
from qa_desk.analysis.lexicon import Token
from qa_desk.analysis.questions import AnswerKind, QuestionSet
from qa_desk.analysis.replies import Answer, answer
from qa_desk.domain.transcript import RecordingTranscript, Segment


def call(*turns: tuple[str, str]) -> RecordingTranscript:
    segments = [Segment(float(i * 5), float(i * 5 + 4), s, t) for i, (s, t) in enumerate(turns)]
    return RecordingTranscript("call.mp3", len(turns) * 5.0, 2, segments)


def asked_after(questions: QuestionSet, greeting: str, line: str, reply: str) -> list[str]:
    """The ids ``line`` asks, put after ``greeting`` and a «Да, слушаю.», with the client's ``reply``."""
    rec = call(("manager", greeting), ("client", "Да, слушаю."), ("manager", line), ("client", reply))
    return [q.id for q in analyze_deal([rec], questions).questions if q.asked]


def case_hits(cases: Sequence[tuple[QuestionSet, str, str, str | None]],
              asked: Callable[[QuestionSet, str, str], list[str]]) -> tuple[int, int, list[str]]:
    """(cases right, cases, the lines missed): each case asks its id, or nothing for None."""
    missed = [line for questions, line, reply, want in cases if asked(questions, line, reply) != ([want] if want else [])]
    return len(cases) - len(missed), len(cases), missed


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


def bank_asked(line: str, before: str | None = None, reply: str | None = "Угу.") -> list[str]:
    """The BANT topics a manager's ``line`` asks, as the question banks score it: after the client's ``before``,
    followed by the client's ``reply``; a topic counts when its asked evidence lies on the line."""
    turns = [("client", before)] if before else []
    turns += [("manager", line)] + ([("client", reply)] if reply else [])
    segments = [Segment(5.0 * i, 5.0 * i + 4, who, text) for i, (who, text) in enumerate(turns)]
    start = 5.0 if before else 0.0
    analysis = analyze_deal([RecordingTranscript("t", 5.0 * len(turns), 2, segments)], bant())
    return sorted(q.id for q in analysis.questions if any(e.start == start for e in q.asked_evidence))


def own_topics(own: Sequence[tuple[str, list[str]]]) -> tuple[int, list[str]]:
    """How many of ``own`` (line, topics asked: exact, or "-topic" entries only: that topic is not asked, whatever
    else is) ``bank_asked`` gets right, and the misses."""
    def right(got: list[str], want: list[str]) -> bool:
        if any(w.startswith("-") for w in want):
            return all(w[1:] not in got for w in want)
        return got == sorted(want)

    misses = [f"{line}: {got} != {want}" for line, want in own if not right(got := bank_asked(line), want)]
    return len(own) - len(misses), misses


def question_bank_score(bank: Path | None, half: str, degrade: bool) -> Any:
    """scripts/eval_bank_questions.py's score of a question bank's ``half`` (its default bank when ``bank`` is None)."""
    root = Path(__file__).resolve().parent.parent
    spec = importlib.util.spec_from_file_location("eval_bank_questions", root / "scripts" / "eval_bank_questions.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("eval_bank_questions", module)
    spec.loader.exec_module(module)
    cases = module.load_bank() if bank is None else module.load_bank(bank)
    return module.score_bank([c for c in cases if c.index % 2 == (half == "odd")], degrade=degrade)


def budget_read(question: str, reply: str) -> dict[str, Any] | None:
    """The budget's amount, range and period that one BANT question and its reply give (None: no value)."""
    from qa_desk.analysis.corpus_v7 import _pair

    budget = analyze_deal([_pair(question, reply)], bant()).question("budget")
    value = (budget.value if budget else None) or {}
    got = {k: value[k] for k in ("amount", "amount_min", "amount_max", "amount_period") if k in value}
    return got or None


MONTH, YEAR = "month", "year"


def want_amount(amount: int | tuple[int, int] | None, period: str | None = None) -> dict[str, Any] | None:
    """What ``budget_read`` gives for a figure or a (low, high) range, with its period: the own amount cases' want."""
    if amount is None:
        return None
    out: dict[str, Any] = {"amount": amount} if isinstance(amount, int) else {
        "amount": amount[1], "amount_min": amount[0], "amount_max": amount[1]}
    return {**out, "amount_period": period} if period else out
