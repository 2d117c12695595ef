"""One contract question on one lead: was it asked, what was answered, does the answer qualify.

Built from the engine's ``QuestionResult`` (read defensively: a ``confidence`` on the result or
its evidence is used when the engine gives one) and the contract's ``Rule``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from qa_desk.analysis import format_value
from qa_desk.leads.authority import Decider, decider
from qa_desk.leads.contract import Rule, RuleKind, money, months_text
from qa_desk.leads.horizon import horizon_months


class FindingStatus(StrEnum):
    PASSED = "passed"
    FAILED = "failed"
    UNSURE = "unsure"

    @property
    def label(self) -> str:
        return {"passed": "выполнено", "failed": "не выполнено", "unsure": "спорно"}[self.value]


@dataclass(frozen=True, slots=True)
class Moment:
    """A quoted moment of a call: ``call`` is the 0-based index in the lead's calls."""

    call: int
    start: float
    end: float
    speaker: str
    quote: str
    confidence: float | None = None
    volunteered: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "call": self.call,
            "start": round(self.start, 2),
            "end": round(self.end, 2),
            "speaker": self.speaker,
            "quote": self.quote,
            "confidence": self.confidence,
            "volunteered": self.volunteered,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> Moment | None:
        if not data:
            return None
        return cls(
            int(data["call"]),
            float(data["start"]),
            float(data["end"]),
            str(data.get("speaker", "unknown")),
            str(data.get("quote", "")),
            _number(data.get("confidence")),
            bool(data.get("volunteered")),
        )


@dataclass(frozen=True, slots=True)
class Finding:
    question_id: str
    title: str
    required: bool
    status: FindingStatus
    reason: str
    rule: str
    value: dict[str, Any] | None = None
    value_text: str = "—"
    confidence: float | None = None
    asked: Moment | None = None
    answer: Moment | None = None
    evasion: Moment | None = None
    # Why it failed: "missing" (not asked / no answer: a lost call may hold it) or "value".
    failure: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "question_id": self.question_id,
            "title": self.title,
            "required": self.required,
            "status": self.status.value,
            "reason": self.reason,
            "rule": self.rule,
            "value": self.value,
            "value_text": self.value_text,
            "confidence": self.confidence,
            "failure": self.failure,
            "asked": self.asked.to_json() if self.asked else None,
            "answer": self.answer.to_json() if self.answer else None,
            "evasion": self.evasion.to_json() if self.evasion else None,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Finding:
        return cls(
            str(data["question_id"]),
            str(data.get("title", data["question_id"])),
            bool(data.get("required", True)),
            FindingStatus(data["status"]),
            str(data.get("reason", "")),
            str(data.get("rule", "")),
            data.get("value"),
            str(data.get("value_text", "—")),
            _number(data.get("confidence")),
            Moment.from_json(data.get("asked")),
            Moment.from_json(data.get("answer")),
            Moment.from_json(data.get("evasion")),
            str(data.get("failure", "")),
        )


def evaluate(rule: Rule, result: Any, call_dates: list[date | None], min_confidence: float) -> Finding:
    """The finding for ``rule`` from the engine's ``QuestionResult`` (or None: the engine lost it)."""
    asked_list = list(getattr(result, "asked_evidence", []) or [])
    answers = list(getattr(result, "answer_evidence", []) or [])
    evasions = list(getattr(result, "evasions", []) or [])
    asked = _moment(asked_list[0]) if asked_list else None
    primary = getattr(result, "primary_answer", None) or (
        answers[-1] if answers else None
    )  # the engine's choice
    answer = _moment(primary) if primary is not None else None
    evasion = _moment(evasions[0]) if evasions else None
    value = getattr(primary, "value", None)
    confidence = _confidence(result, primary)
    base: dict[str, Any] = {
        "question_id": rule.question_id,
        "title": rule.title,
        "required": rule.required,
        "rule": rule.describe(),
        "value": value,
        "value_text": format_value(value) if primary is not None else "—",
        "confidence": confidence,
        "asked": asked,
        "answer": answer,
        "evasion": evasion,
    }
    if answer is None:
        if asked is None:
            reason = "вопрос не задан ни в одном звонке"
        elif evasion is not None:
            reason = f"клиент уклонился от ответа: «{evasion.quote}»"
        else:
            reason = "вопрос задан, но ответа клиента не найдено"
        return Finding(status=FindingStatus.FAILED, reason=reason, failure="missing", **base)
    said_on = call_dates[answer.call] if 0 <= answer.call < len(call_dates) else None
    status, reason = _judge(rule, value, answer.quote, said_on)
    if status is FindingStatus.PASSED and confidence is not None and confidence < min_confidence:
        status, reason = (
            FindingStatus.UNSURE,
            f"движок не уверен в ответе (уверенность {confidence:.2f}); {reason}",
        )
    return Finding(
        status=status, reason=reason, failure="value" if status is FindingStatus.FAILED else "", **base
    )


def _judge(
    rule: Rule, value: dict[str, Any] | None, quote: str, said_on: date | None
) -> tuple[FindingStatus, str]:
    value = value or {}
    shown = format_value(value) if value else "ответ без значения"
    if rule.kind in (RuleKind.YES, RuleKind.NO):
        yes = value.get("yes")
        if not isinstance(yes, bool):
            return FindingStatus.UNSURE, "не удалось понять, «да» или «нет» ответил клиент"
        wanted = rule.kind is RuleKind.YES
        if yes == wanted:
            return FindingStatus.PASSED, f"клиент ответил «{shown}»"
        return (
            FindingStatus.FAILED,
            f"клиент ответил «{shown}», а по договору нужно «{'да' if wanted else 'нет'}»",
        )
    if rule.kind is RuleKind.MIN_AMOUNT:
        return _amount(rule, value, shown)
    if rule.kind is RuleKind.WITHIN_MONTHS:
        months = horizon_months(value, said_on)
        limit = rule.threshold or 0
        if months is None:
            return FindingStatus.UNSURE, f"срок «{shown}» не удалось перевести в месяцы"
        if months <= limit + 1e-6:
            return FindingStatus.PASSED, f"срок «{shown}» — в пределах {months_text(limit)}"
        return FindingStatus.FAILED, f"срок «{shown}» — дальше, чем через {months_text(limit)}"
    if rule.kind is RuleKind.DECISION_MAKER:
        who = decider(value, quote)
        if who is Decider.SELF:
            return FindingStatus.PASSED, "собеседник сам принимает решение"
        if who is Decider.OTHER:
            named = f": {shown}" if value.get("text") else ""
            return FindingStatus.FAILED, f"решение принимает не собеседник{named}"
        return FindingStatus.UNSURE, "из ответа не ясно, кто принимает решение"
    return FindingStatus.PASSED, f"ответ: {shown}" if value else "клиент ответил"


def _amount(rule: Rule, value: dict[str, Any], shown: str) -> tuple[FindingStatus, str]:
    limit = rule.threshold or 0
    currency = str(value.get("currency") or "RUB")
    if currency != rule.currency:
        return (
            FindingStatus.UNSURE,
            f"сумма названа в другой валюте ({shown}), а порог — {money(limit, rule.currency)}",
        )
    # A range («от двухсот до четырёхсот тысяч»): the engine's amount_min/amount_max (or min/max).
    low = _number(value.get("amount_min", value.get("min", value.get("amount"))))
    high = _number(value.get("amount_max", value.get("max", value.get("amount"))))
    if low is None or high is None:
        return FindingStatus.UNSURE, "сумма не названа числом"
    if high == 0:
        return FindingStatus.FAILED, "клиент сказал, что бюджета нет"
    if low >= limit:
        return FindingStatus.PASSED, f"бюджет {shown} — не меньше {money(limit, rule.currency)}"
    if value.get("amount_period"):  # «сто тысяч в месяц»: the contract's threshold is for the whole purchase
        return (
            FindingStatus.UNSURE,
            f"бюджет {shown} назван за период ({value['amount_period']}), порог — {money(limit, rule.currency)}",
        )
    if high < limit:
        return FindingStatus.FAILED, f"бюджет {shown} — меньше {money(limit, rule.currency)}"
    return FindingStatus.UNSURE, f"бюджет {shown}: диапазон включает порог {money(limit, rule.currency)}"


def _moment(evidence: Any) -> Moment:
    return Moment(
        int(evidence.recording),
        float(evidence.start),
        float(evidence.end),
        str(evidence.speaker),
        str(evidence.quote),
        _number(getattr(evidence, "confidence", None)),
        bool(getattr(evidence, "volunteered", False)),
    )


def _confidence(result: Any, answer: Any) -> float | None:
    for source in (answer, result):
        value = _number(getattr(source, "confidence", None)) if source is not None else None
        if value is not None:
            return value
    return None


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None
