"""Readable Russian summary of a deal analysis (plain text, for the terminal)."""

from __future__ import annotations

from typing import Any

from qa_desk.analysis.results import DealAnalysis, Evidence, QuestionResult
from qa_desk.analysis.russian import agree, clock

_SPEAKERS = {"manager": "менеджер", "client": "клиент", "unknown": "говорящий"}


def format_value(value: dict[str, Any] | None) -> str:
    """A value as a reviewer reads it: "550 000 ₽", "да", "до конца года"."""
    if not value:
        return "—"
    if "amount" in value:
        amount = int(value["amount"])
        if amount == 0:
            return "бюджета нет"
        sign = {"RUB": "₽", "USD": "$", "EUR": "€"}.get(str(value.get("currency")), str(value.get("currency")))
        return f"{amount:,}".replace(",", " ") + f" {sign}"
    if "yes" in value:
        return "да" if value["yes"] else "нет"
    return str(value.get("text", "—"))


def _place(e: Evidence) -> str:
    return f"звонок {e.recording + 1}, {clock(e.start)}, {_SPEAKERS.get(e.speaker, e.speaker)}"


def _question_lines(q: QuestionResult, calls: int) -> list[str]:
    mark = "✔" if q.answered else ("?" if q.asked else "✘")
    lines = [f"{mark} {q.title}"]
    if q.asked:
        first = q.asked_evidence[0]
        lines.append(f"    спросили: {_place(first)} — «{first.quote}»")
    else:
        where = "в звонке" if calls == 1 else f"ни в одном из {calls} {agree('звонок', calls, 'gent')}"
        lines.append(f"    не спрашивали {where}")
    if q.primary_answer is not None:
        last = q.primary_answer
        how = " (сам, без вопроса)" if last.volunteered else ""
        lines.append(f"    ответ: {format_value(last.value)}{how} — {_place(last)} — «{last.quote}»")
    elif q.evasions:
        lines.append(f"    уклонился: {_place(q.evasions[0])} — «{q.evasions[0].quote}»")
    else:
        lines.append("    ответа нет")
    return lines


def summary(analysis: DealAnalysis) -> str:
    """Multi-line Russian summary: one block per question, then flags."""
    calls = len(analysis.recordings)
    lines = [f"Сделка: {calls} {agree('звонок', calls)}"]
    if analysis.refusal_reason:
        lines.append(f"Причина отказа: {analysis.refusal_reason}")
    for q in analysis.questions:
        lines.extend(_question_lines(q, calls))
    if analysis.flags:
        lines.append("Замечания:")
        lines.extend(f"  ⚠ {f.message}" for f in analysis.flags)
    return "\n".join(lines)
