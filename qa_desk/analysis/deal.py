"""Deal level: all recordings in order, asked/answered evidence per question, refusal-reason flags."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from qa_desk.analysis.detect import CompiledQuestion, Detector, Sentence
from qa_desk.analysis.questions import AnswerKind, QuestionSet, bant
from qa_desk.analysis.reasons import ReasonMap, load_reason_map
from qa_desk.analysis.results import DealAnalysis, Evidence, Flag, QuestionResult
from qa_desk.analysis.russian import agree, capitalize, clock, past_verb
from qa_desk.domain.transcript import RecordingTranscript, Segment, Speaker

_STEREO_REPLIES = 3  # client turns after a question that may hold its answer
_MONO_REACH = 3  # in mono, replies are the 1st and 3rd segments after the question
_FIRST_PERSON = frozenset({"я", "мы", "наш", "мой"})


@dataclass(slots=True)
class _Window:
    position: int
    replies: int = 0


@dataclass(slots=True)
class _Unit:
    recording: int
    segment: Segment
    sentences: list[Sentence] = field(default_factory=list)


@lru_cache(maxsize=16)
def detector_for(questions: QuestionSet) -> Detector:
    """Compiled detector per question set (compiling takes ~0.2 s)."""
    return Detector(questions)


def _with_required(questions: QuestionSet, required: list[str]) -> QuestionSet:
    """Add BANT questions a refusal reason needs but the contract set lacks."""
    missing = [q for qid in required if questions.get(qid) is None and (q := bant().get(qid)) is not None]
    return QuestionSet(questions.name, questions.questions + tuple(missing)) if missing else questions


def analyze_deal(
    recordings: list[RecordingTranscript],
    questions: QuestionSet | None = None,
    refusal_reason: str | None = None,
    reasons: ReasonMap | None = None,
    *,
    min_order: int | None = None,
    failed_calls: Sequence[str] = (),
) -> DealAnalysis:
    """Analyse one deal's recordings (chronological order) against a question set."""
    questions = questions or bant()
    required = (reasons or load_reason_map()).questions_for(refusal_reason) if refusal_reason else []
    questions = _with_required(questions, required)
    detector = detector_for(questions)
    results = {cq.question.id: QuestionResult(cq.question.id, cq.question.title, cq.question.answer.value)
               for cq in detector.questions}
    for index, recording in enumerate(recordings):
        _scan_recording(detector, index, recording, results)
    analysis = DealAnalysis(recordings, list(results.values()), [], refusal_reason, required)
    analysis.flags = _flags(analysis, detector, required)
    if refusal_reason:
        status = "not_checkable" if not required else (
            "unsupported" if any(f.code == "refusal_reason_unsupported" for f in analysis.flags) else "supported")
        analysis.reason_check = {"reason": refusal_reason, "status": status}
    return analysis


def _scan_recording(
    detector: Detector, index: int, recording: RecordingTranscript, results: dict[str, QuestionResult]
) -> None:
    units = [_Unit(index, seg, detector.sentences(seg.text)) for seg in recording.segments if seg.text.strip()]
    mono = all(u.segment.speaker not in (Speaker.MANAGER, Speaker.CLIENT) for u in units)
    pending: dict[str, _Window] = {}
    for position, unit in enumerate(units):
        speaker = unit.segment.speaker
        can_ask = speaker != Speaker.CLIENT
        can_answer = speaker != Speaker.MANAGER
        asked_now: set[str] = set()
        if can_ask:
            hits = detector.asked(unit.sentences)
            if hits:
                _close_generic(detector, pending)
            for cq, sentence in hits:
                results[cq.question.id].asked_evidence.append(_evidence(unit, sentence.text))
                asked_now.add(cq.question.id)
                pending[cq.question.id] = _Window(position)
        if not can_answer:
            continue
        answered_now = _replies(detector, unit, position, pending, asked_now, mono, results)
        # A sentence that answers a specific question is not also an unprompted generic answer
        # ("Нужно срочно." answers timing, it states no need).
        claimed = {quote for qid, quote in answered_now.items() if not detector.question(qid).question.generic}
        for cq in sorted(detector.questions, key=lambda c: c.question.generic):
            qid = cq.question.id
            if qid in asked_now or qid in answered_now or qid in pending:
                continue
            quote = _volunteered(detector, cq, unit, mono, results[qid], claimed if cq.question.generic else set())
            if quote is not None and not cq.question.generic:
                claimed.add(quote)


def _close_generic(detector: Detector, pending: dict[str, _Window]) -> None:
    """A new question ends the wait for free-text and yes/no answers to earlier ones."""
    for cq in detector.questions:
        if cq.question.answer in (AnswerKind.TEXT, AnswerKind.YES_NO):
            pending.pop(cq.question.id, None)


def _replies(
    detector: Detector,
    unit: _Unit,
    position: int,
    pending: dict[str, _Window],
    asked_now: set[str],
    mono: bool,
    results: dict[str, QuestionResult],
) -> dict[str, str]:
    """Record answers to pending questions in ``unit``; returns {question id: quoted sentence}."""
    answered: dict[str, str] = {}
    for cq in detector.questions:
        qid = cq.question.id
        window = pending.get(qid)
        if window is None or qid in asked_now:
            continue
        offset = position - window.position
        if mono and (offset > _MONO_REACH):
            del pending[qid]
            continue
        if mono and offset % 2 == 0:
            continue
        answer = detector.answer(cq, unit.sentences, client=unit.segment.speaker == Speaker.CLIENT)
        if answer is not None:
            results[qid].answer_evidence.append(_evidence(unit, answer.quote, answer.value))
            answered[qid] = answer.quote
            del pending[qid]
            continue
        if detector.is_evasive(unit.sentences):
            results[qid].evasions.append(_evidence(unit, unit.segment.text.strip()))
        window.replies += 1
        if window.replies >= _STEREO_REPLIES:
            del pending[qid]
    return answered


def _volunteered(
    detector: Detector, cq: CompiledQuestion, unit: _Unit, mono: bool, result: QuestionResult, skip: set[str]
) -> str | None:
    """Record an unprompted answer in ``unit`` (sentences in ``skip`` excluded); returns its quote."""
    for sentence in unit.sentences:
        if sentence.text in skip:
            continue
        if mono and sentence.lemmas.isdisjoint(_FIRST_PERSON) and not any("1per" in t.tags for t in sentence.tokens):
            continue
        answer = detector.volunteered(cq, sentence)
        if answer is not None:
            result.answer_evidence.append(_evidence(unit, answer.quote, answer.value, volunteered=True))
            return answer.quote
    return None


def _evidence(unit: _Unit, quote: str, value: dict[str, object] | None = None, volunteered: bool = False) -> Evidence:
    seg = unit.segment
    return Evidence(unit.recording, seg.start, seg.end, seg.speaker, quote.strip(), value, volunteered)


def _topic(detector: Detector, qid: str) -> str:
    cq = next(c for c in detector.questions if c.question.id == qid)
    return cq.question.topic or f"вопрос «{cq.question.title}»"


def _where(e: Evidence) -> str:
    return f"звонок {e.recording + 1}, {clock(e.start)}"


def _flags(analysis: DealAnalysis, detector: Detector, required: list[str]) -> list[Flag]:
    flags: list[Flag] = []
    n = len(analysis.recordings)
    if analysis.refusal_reason and not required:
        flags.append(Flag("refusal_reason_unknown", None,
                          f"Причина отказа «{analysis.refusal_reason}» не сопоставлена ни с одним вопросом"))
    for qid in required:
        result = analysis.question(qid)
        if result is None or result.answered:
            continue
        topic = _topic(detector, qid)
        if not result.asked:
            verb = past_verb("обсуждался", topic)
            where = "в звонке" if n == 1 else f"ни в одном из {n} {agree('звонок', n, 'gent')}"
            if n == 0:
                where = "— звонков нет"
            message = f"{capitalize(topic)} ни разу не {verb} {where}"
        else:
            verb = past_verb("задавался", topic) if not result.evasions else past_verb("спрашивался", topic)
            first = result.asked_evidence[0]
            times = len(result.asked_evidence)
            asked = f"{capitalize(topic)} {verb} {times} {agree('раз', times)} (первый раз: {_where(first)})"
            if result.evasions:
                message = f"{asked}, но клиент уклонился от ответа: «{result.evasions[0].quote}»"
            else:
                message = f"{asked}, но ответа клиента не найдено"
        message += f" — причина отказа «{analysis.refusal_reason}» звонками не подтверждена"
        flags.append(Flag("refusal_reason_unsupported", qid, message))
    return flags
