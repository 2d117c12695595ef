"""What the calls could and could not show: calls nobody could check, and findings that are unsure.

A call whose file is damaged (or whose transcription failed) was never heard by the engine, so
nothing may be concluded from its silence: each question card says which calls were not checked
(«звонок 2 не проверен: файл повреждён»), and a «reason not supported» flag that rests on the
absence of evidence becomes «не проверено» while such a call exists. The engine (from version 4)
does the latter itself; ``guard_unchecked`` is idempotent, so it is safe on both kinds of result.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from qa_desk.domain.recordings import RecordingOrigin, RecordingState

UNSUPPORTED = "refusal_reason_unsupported"
UNCHECKED = "refusal_reason_unchecked"
UNSURE_BELOW = 0.75  # a finding less sure than this is shown as «возможно»


@dataclass(frozen=True, slots=True)
class UncheckedCall:
    number: int  # the call's number among the manager's calls, from 1
    cause: str  # «файл повреждён», «файл не найден», «распознавание не удалось»

    @property
    def name(self) -> str:
        return f"звонок {self.number}"

    @property
    def text(self) -> str:
        """«звонок 2 не проверен: файл повреждён»."""
        return f"{self.name} не проверен: {self.cause}"


def short_cause(error: str | None) -> str:
    """The cause of a failed recording in a few words: «broken.mp3: файл повреждён: …» → «файл повреждён»."""
    text = (error or "").strip()
    name, sep, rest = text.partition(": ")
    if sep and "." in name and " " not in name:  # «file.mp3: reason»
        text = rest
    cause = text.split(":")[0].split(" (")[0].split(" или ")[0].strip()
    return cause or "распознавание не удалось"


def unchecked_calls(entries: Iterable[Any]) -> list[UncheckedCall]:
    """The manager's calls (timeline entries) that failed: nobody could check them."""
    return [
        UncheckedCall(e.number, short_cause(e.error))
        for e in entries
        if e.state == RecordingState.FAILED and getattr(e, "origin", RecordingOrigin.CRM) != RecordingOrigin.CALLBACK
    ]


def join_names(calls: list[UncheckedCall]) -> str:
    """«звонок 2», «звонки 2 и 4», «звонки 1, 2 и 4»."""
    numbers = [str(c.number) for c in calls]
    if len(numbers) == 1:
        return f"звонок {numbers[0]}"
    return "звонки " + ", ".join(numbers[:-1]) + " и " + numbers[-1]


def guard_unchecked(result: dict[str, Any], unchecked: list[UncheckedCall], reason: str | None) -> dict[str, Any]:
    """``result`` with every «not supported» flag that rests on silence turned into «не проверено».

    A «contradicted» flag (the calls say the opposite) stands: it rests on what was heard.
    """
    if not unchecked:
        return result
    flags = []
    for flag in result.get("flags", []) or []:
        if flag.get("code") == UNSUPPORTED and flag.get("kind") != "contradicted":
            causes = "; ".join(f"{c.name} — {c.cause}" for c in unchecked)
            message = (
                f"Не проверено: {causes}. По остальным звонкам причину отказа «{reason or ''}» "
                "нельзя ни подтвердить, ни опровергнуть"
            )
            flag = {**flag, "code": UNCHECKED, "message": message, "rests_on": str(flag.get("message", ""))}
        flags.append(flag)
    return {**result, "flags": flags}


def is_unsure(item: dict[str, Any]) -> bool:
    """A finding (evidence, question or flag) the engine is not sure of: shown as «возможно»."""
    try:
        return float(item.get("confidence", 1.0)) < UNSURE_BELOW
    except (TypeError, ValueError):
        return False
