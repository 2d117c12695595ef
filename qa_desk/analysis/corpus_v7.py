"""Labelled deals in dialogue format v7 (multi-call, per-turn labels) and their scoring.

A v7 file is one deal: ``[[call]]`` tables with ``[[call.turn]]`` (speaker, text, optional
``asks``/``answers`` labels) and an ``[expected]`` table (asked, answered, amount or
amount_min/amount_max, amount_period, decider, reason_check). Scored here: F1 per question
for asked and answered, amount accuracy (value, both ends of a range, period), decider accuracy,
refusal-check accuracy, and pairing (the engine's answer lies in the labelled call and overlaps
the labelled turn).
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qa_desk.analysis.corpus import Score
from qa_desk.analysis.deal import analyze_deal
from qa_desk.analysis.lexicon import lemma_of
from qa_desk.analysis.questions import QuestionSet, bant, load_question_set
from qa_desk.analysis.results import DealAnalysis
from qa_desk.analysis.topics import TopicModel
from qa_desk.domain.transcript import RecordingTranscript, Segment

_WORDS_PER_SECOND = 2.5
_GAP = 0.5


@dataclass(frozen=True, slots=True)
class Turn:
    speaker: str
    text: str
    asks: tuple[str, ...] = ()
    answers: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Call:
    at: str
    stereo: bool
    turns: tuple[Turn, ...]


@dataclass(slots=True)
class Deal:
    path: Path
    author: str
    title: str
    calls: list[Call]
    expected: dict[str, Any]
    questions: QuestionSet
    reason: str | None = None
    min_order: int | None = None

    @property
    def name(self) -> str:
        return f"{self.author}/{self.path.stem}"


def is_v7(path: Path) -> bool:
    """A dialogue file of format v7 (has ``[[call]]``)."""
    try:
        return "call" in tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return False


def _ids(raw: Any) -> tuple[str, ...]:
    if isinstance(raw, str):
        return (raw,)
    return tuple(str(x) for x in raw or ())


def load_deal(path: Path, author: str | None = None) -> Deal:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    qfile = data.get("questions") or data.get("expected", {}).get("questions")
    questions = load_question_set(path.parent / qfile) if qfile else bant()
    calls = []
    for raw in data.get("call", []):
        turns = tuple(
            Turn(str(t.get("speaker", "client")), str(t.get("text", "")), _ids(t.get("asks")), _ids(t.get("answers")))
            for t in raw.get("turn", []) if str(t.get("text", "")).strip()
        )
        calls.append(Call(str(raw.get("at", "")), str(raw.get("channels", "stereo")) != "mono", turns))
    min_order = data.get("min_order")
    return Deal(path, author or str(data.get("author") or path.parent.name), str(data.get("title", path.stem)),
                calls, dict(data.get("expected", {})), questions, data.get("reason"),
                int(min_order) if isinstance(min_order, int | float) else None)


def find_deals(root: Path) -> list[Deal]:
    """Every v7 deal under ``root`` (author sub-folders or a flat folder), sorted by path."""
    out = []
    for path in sorted(root.rglob("*.toml")):
        if "sets" in path.relative_to(root).parts or not is_v7(path):
            continue
        rel = path.relative_to(root).parts
        out.append(load_deal(path, rel[0] if len(rel) > 1 else None))
    return out


def call_transcript(deal: Deal, index: int) -> tuple[RecordingTranscript, list[tuple[float, float]]]:
    """Exact transcript of one call (timed at a speaking rate) and each turn's (start, end)."""
    call = deal.calls[index]
    segments, spans, t = [], [], 0.0
    for turn in call.turns:
        length = max(1.0, len(turn.text.split()) / _WORDS_PER_SECOND)
        speaker = turn.speaker if call.stereo else "unknown"
        segments.append(Segment(round(t, 2), round(t + length, 2), speaker, turn.text))
        spans.append((round(t, 2), round(t + length, 2)))
        t += length + _GAP
    name = f"{deal.path.stem}.call{index + 1}"
    return RecordingTranscript(name, t, 2 if call.stereo else 1, segments), spans


@dataclass(slots=True)
class V7Score(Score):
    """Score plus decider, refusal-check and pairing counts."""

    deciders_ok: int = 0
    deciders_total: int = 0
    checks_ok: int = 0
    checks_total: int = 0
    pairs_ok: int = 0
    pairs_total: int = 0
    misses: list[str] = field(default_factory=list)

    @staticmethod
    def share(ok: int, total: int) -> str:
        return f"{ok}/{total} = {ok / total:.1%}" if total else "—"


def _lemmas(text: str) -> set[str]:
    words = "".join(ch if ch.isalnum() else " " for ch in text.lower().replace("ё", "е")).split()
    return {lemma_of(w) for w in words} | set(words)


def decider_matches(want: str, got: str) -> bool:
    """The labelled decider is the engine's: every lemma of it is in the found text, or its words are."""
    return _lemmas(want) <= _lemmas(got) or want.lower() in got.lower()


def _amount(score: V7Score, deal: Deal, analysis: DealAnalysis) -> None:
    exp = deal.expected
    if not any(k in exp for k in ("amount", "amount_min", "amount_max")):
        return
    score.amounts_total += 1
    # the client's budget: BANT's question, or a contract set's money question
    budget = analysis.question("budget") or next((q for q in analysis.questions if q.kind == "money"), None)
    value = (budget.value if budget else None) or {}
    want_period = exp.get("amount_period")
    got_period = value.get("amount_period")
    if "amount" in exp:
        ok = value.get("amount") == exp["amount"] and "amount_min" not in value
        want = f"{exp['amount']}"
    else:
        ok = value.get("amount_min") == exp.get("amount_min") and value.get("amount_max") == exp.get("amount_max")
        want = f"{exp.get('amount_min')}..{exp.get('amount_max')}"
    ok = ok and got_period == want_period
    if ok:
        score.amounts_ok += 1
        return
    got = value.get("amount")
    if "amount_min" in value or "amount_max" in value:
        got = f"{value.get('amount_min')}..{value.get('amount_max')}"
    score.errors.append(f"amount {got}/{got_period} != {want}/{want_period}: {deal.name}")


def _decider(score: V7Score, deal: Deal, analysis: DealAnalysis) -> None:
    want = deal.expected.get("decider")
    if not want:
        return
    score.deciders_total += 1
    authority = analysis.question("authority") or next((q for q in analysis.questions if q.kind == "person"), None)
    got = str(((authority.value if authority else None) or {}).get("text", ""))
    if decider_matches(str(want), got):
        score.deciders_ok += 1
    else:
        score.errors.append(f"decider «{got}» != «{want}»: {deal.name}")


def _check(score: V7Score, deal: Deal, analysis: DealAnalysis) -> None:
    want = deal.expected.get("reason_check")
    if not deal.reason or not want:
        return
    score.checks_total += 1
    got = analysis.reason_check.get("status") if analysis.reason_check else None
    if got == want:
        score.checks_ok += 1
    else:
        score.errors.append(f"reason «{deal.reason}» {got} != {want}: {deal.name}")


def _pairing(score: V7Score, deal: Deal, analysis: DealAnalysis, spans: list[list[tuple[float, float]]]) -> None:
    """The answer the card shows lies in a labelled call and overlaps a labelled turn."""
    labelled: dict[str, list[tuple[int, float, float]]] = {}
    for ci, call in enumerate(deal.calls):
        for ti, turn in enumerate(call.turns):
            for qid in turn.answers:
                if ti < len(spans[ci]):
                    labelled.setdefault(qid, []).append((ci, *spans[ci][ti]))
    for qid, places in labelled.items():
        result = analysis.question(qid)
        if result is None or not result.answered:
            continue
        score.pairs_total += 1
        e = result.primary_answer
        if e is not None and any(ci == e.recording and e.start < end and e.end > start for ci, start, end in places):
            score.pairs_ok += 1
        else:
            where = f"call {e.recording + 1} «{e.quote}»" if e else "none"
            score.errors.append(f"pairing {qid}: {where}, labelled call {places[0][0] + 1}: {deal.name}")


Transcribe = Callable[[Deal, int], tuple[RecordingTranscript | None, list[tuple[float, float]]]]


def exact_transcripts(deal: Deal, index: int) -> tuple[RecordingTranscript | None, list[tuple[float, float]]]:
    return call_transcript(deal, index)


def score_deal(
    deal: Deal, score: V7Score, transcribe: Transcribe = exact_transcripts, topics: TopicModel | None = None
) -> DealAnalysis:
    recordings: list[RecordingTranscript] = []
    spans: list[list[tuple[float, float]]] = []
    failed: list[int] = []
    for i in range(len(deal.calls)):
        rec, turn_spans = transcribe(deal, i)
        if rec is None:
            failed.append(i)
            spans.append([])
            continue
        recordings.append(rec)
        spans.append(turn_spans)
    analysis = analyze_deal(recordings, deal.questions, deal.reason, min_order=deal.min_order,
                            failed_calls=[deal.calls[i].at or f"звонок {i + 1}" for i in failed], topics=topics,
                            call_dates=[c.at for i, c in enumerate(deal.calls) if i not in failed])
    ids = deal.questions.ids
    asked = [q.id for q in analysis.questions if q.asked and q.id in ids]
    answered = [q.id for q in analysis.questions if q.answered and q.id in ids]
    score.add("asked", _ids(deal.expected.get("asked")), asked, ids, deal.name)
    score.add("answered", _ids(deal.expected.get("answered")), answered, ids, deal.name)
    _amount(score, deal, analysis)
    _decider(score, deal, analysis)
    _check(score, deal, analysis)
    if not failed:
        _pairing(score, deal, analysis, spans)
    return analysis


def score_deals(
    deals: Iterable[Deal], transcribe: Transcribe = exact_transcripts, topics: TopicModel | None = None
) -> V7Score:
    score = V7Score()
    for deal in deals:
        score_deal(deal, score, transcribe, topics)
    return score


def _pair(question: str, reply: str | None) -> RecordingTranscript:
    segments = [Segment(0.0, 4.0, "manager", question)]
    if reply is not None:
        segments.append(Segment(5.0, 9.0, "client", reply))
    return RecordingTranscript("utterance", 10.0, 2, segments)


def score_questions_file(path: Path, score: V7Score, topics: TopicModel | None = None) -> None:
    """questions.toml: each manager line asks its ``topic`` (or nothing, for "none"); a file-level
    ``questions = "sets/x.toml"`` makes the topics that contract set's question ids."""
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    items = raw.get("items", [])
    qset = load_question_set(path.parent / str(raw["questions"])) if "questions" in raw else bant()
    ids = qset.ids
    for item in items:
        analysis = analyze_deal([_pair(str(item["t"]), None)], qset, topics=topics)
        topic = str(item.get("topic", "none"))
        asked = [q.id for q in analysis.questions if q.asked]
        score.add("asked", [] if topic == "none" else [topic], asked, ids, f"{path.parent.name}: «{item['t']}»")


def score_amounts_file(path: Path, score: V7Score, topics: TopicModel | None = None) -> None:
    """amounts.toml: the client's reply ``t`` to the question ``q`` states that amount (or none)."""
    items = tomllib.loads(path.read_text(encoding="utf-8")).get("items", [])
    for item in items:
        analysis = analyze_deal([_pair(str(item["q"]), str(item["t"]))], bant(), topics=topics)
        budget = analysis.question("budget")
        value = (budget.value if budget else None) or {}
        want = {k: item[k] for k in ("amount", "amount_min", "amount_max", "amount_period") if k in item}
        if want.get("amount") == "none":
            want = {}
        if "amount_min" in want:
            want["amount"] = want["amount_max"]
        got = {k: value[k] for k in ("amount", "amount_min", "amount_max", "amount_period") if k in value}
        score.amounts_total += 1
        if got == want or (not want and not got):
            score.amounts_ok += 1
        else:
            score.errors.append(f"amount {got} != {want}: {path.parent.name}: «{item['q']}» → «{item['t']}»")


def score_utterance_files(root: Path, topics: TopicModel | None = None) -> V7Score:
    score = V7Score()
    for path in sorted(root.rglob("questions.toml")):
        score_questions_file(path, score, topics)
    for path in sorted(root.rglob("amounts.toml")):
        score_amounts_file(path, score, topics)
    return score
