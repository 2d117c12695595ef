"""Labelled corpus (tests/corpus) and its scoring: P/R/F1 per question, amount accuracy."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qa_desk.analysis.deal import analyze_deal
from qa_desk.analysis.questions import QuestionSet, bant, load_question_set
from qa_desk.analysis.results import DealAnalysis
from qa_desk.domain.transcript import RecordingTranscript, Segment

_SPEAKERS = {"m": "manager", "c": "client", "u": "unknown"}
_WORDS_PER_SECOND = 2.5


def degrade_text(text: str, level: str = "marks") -> str:
    """ASR-like damage to an exact line, deterministic: Whisper base drops most «?» (29 of 145 kept on H15).
    ``level``: "" (none), "marks" (every «?»/«!» becomes «.»), "lower" (also lowercase, no commas or dashes)."""
    if not level:
        return text
    text = re.sub(r"[?!]+", ".", text.replace("?!", "."))
    text = re.sub(r"\.(\s*\.)+", ".", text)
    if level == "lower":
        text = re.sub(r"\s*[,;:—–]\s*|\s+-\s+", " ", text).lower()
        text = re.sub(r"\s{2,}", " ", text).strip()
    return text


@dataclass(slots=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(slots=True)
class Score:
    """Counts per (aspect, question id); aspect is "asked" or "answered"."""

    counts: dict[tuple[str, str], Counts] = field(default_factory=dict)
    amounts_ok: int = 0
    amounts_total: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, aspect: str, expected: Iterable[str], predicted: Iterable[str], ids: Iterable[str], name: str) -> None:
        exp, pred = set(expected), set(predicted)
        for qid in ids:
            c = self.counts.setdefault((aspect, qid), Counts())
            if qid in exp and qid in pred:
                c.tp += 1
            elif qid in pred:
                c.fp += 1
                self.errors.append(f"{aspect} FP {qid}: {name}")
            elif qid in exp:
                c.fn += 1
                self.errors.append(f"{aspect} FN {qid}: {name}")

    def total(self, aspect: str, ids: Callable[[str], bool] = lambda _qid: True) -> Counts:
        """Counts of ``aspect`` summed over the questions ``ids`` accepts (all by default)."""
        out = Counts()
        for (a, q), c in self.counts.items():
            if a == aspect and ids(q):
                out.tp, out.fp, out.fn = out.tp + c.tp, out.fp + c.fp, out.fn + c.fn
        return out

    @property
    def amount_accuracy(self) -> float:
        return self.amounts_ok / self.amounts_total if self.amounts_total else 1.0


def _segments(turns: list[tuple[str, str]], mono: bool) -> list[Segment]:
    out, t = [], 0.0
    for speaker, text in turns:
        length = max(1.0, len(text.split()) / _WORDS_PER_SECOND)
        out.append(Segment(round(t, 2), round(t + length, 2), "unknown" if mono else speaker, text))
        t += length + 0.5
    return out


def _check_value(score: Score, item: dict[str, Any], analysis: DealAnalysis, name: str) -> None:
    if "amount" not in item:
        return
    score.amounts_total += 1
    budget = analysis.question("budget")
    got = budget.value.get("amount") if budget and budget.value else None
    if got == item["amount"]:
        score.amounts_ok += 1
    else:
        score.errors.append(f"amount {got} != {item['amount']}: {name}")


def score_utterances(path: Path, score: Score | None = None, mono: bool = False) -> Score:
    """Score single utterances; a reply gets its question's first example put before it."""
    score = score or Score()
    questions = bant()
    items = tomllib.loads(path.read_text(encoding="utf-8"))["items"]
    for item in items:
        text = item["t"]
        after = item.get("after")
        speaker = _SPEAKERS[item.get("s", "c" if after else "m")]
        turns = []
        if after:
            q = questions.get(after)
            assert q is not None, after
            turns.append(("manager", q.ask[0].capitalize() + "?"))
        turns.append((speaker, text))
        rec = RecordingTranscript("utterance", 0.0, 1 if mono else 2, _segments(turns, mono))
        analysis = analyze_deal([rec], questions)
        last = rec.segments[-1].start
        asked = [q.id for q in analysis.questions if any(e.start == last for e in q.asked_evidence)]
        answered = [q.id for q in analysis.questions if any(e.start == last for e in q.answer_evidence)]
        if "asked" in item:
            score.add("asked", item["asked"], asked, questions.ids, text)
        if "answered" in item:
            score.add("answered", item["answered"], answered, questions.ids, text)
        _check_value(score, item, analysis, text)
    return score


@dataclass(slots=True)
class Dialogue:
    path: Path
    title: str
    turns: list[tuple[str, str]]
    expected: dict[str, Any]
    questions: QuestionSet


def load_dialogue(path: Path) -> Dialogue:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    expected = data.get("expected", {})
    qfile = expected.get("questions")
    questions = load_question_set(path.parent / qfile) if qfile else bant()
    turns = [(t["speaker"], t["text"]) for t in data["turn"]]
    return Dialogue(path, data.get("title", path.stem), turns, expected, questions)


def dialogue_transcript(d: Dialogue, mono: bool = False) -> RecordingTranscript:
    segs = _segments(d.turns, mono)
    return RecordingTranscript(str(d.path.with_suffix(".mp3").name), segs[-1].end if segs else 0, 1 if mono else 2, segs)


def score_dialogue(d: Dialogue, rec: RecordingTranscript, score: Score) -> DealAnalysis:
    analysis = analyze_deal([rec], d.questions, d.expected.get("reason"))
    ids = d.questions.ids
    asked = [q.id for q in analysis.questions if q.asked and q.id in ids]
    answered = [q.id for q in analysis.questions if q.answered and q.id in ids]
    score.add("asked", d.expected.get("asked", []), asked, ids, d.path.name)
    score.add("answered", d.expected.get("answered", []), answered, ids, d.path.name)
    _check_value(score, d.expected, analysis, d.path.name)
    if "flags" in d.expected:
        got = sorted(f.question or f.code for f in analysis.flags)
        if got != sorted(d.expected["flags"]):
            score.errors.append(f"flags {got} != {sorted(d.expected['flags'])}: {d.path.name}")
    return analysis


def score_dialogues(folder: Path, score: Score | None = None, mono: bool = False) -> Score:
    score = score or Score()
    for path in sorted(folder.glob("*.toml")):
        d = load_dialogue(path)
        if not d.turns:
            continue
        score_dialogue(d, dialogue_transcript(d, mono), score)
    return score
