"""A figure the client restates after the manager asked about it replaces the first one (same call)."""

from __future__ import annotations

from qa_desk.analysis.detect import CompiledQuestion, Detector
from qa_desk.analysis.money import find_amounts
from qa_desk.analysis.pairing import Unit
from qa_desk.analysis.results import Evidence
from qa_desk.domain.transcript import Speaker

RESTATED_SPREAD = 5  # a restated figure lies within this factor of the first


def restated(
    detector: Detector, cq: CompiledQuestion, unit: Unit, prev: Unit | None, first: Evidence, answered: dict[str, str],
    reasked: bool = False,
) -> bool:
    """The client restates the figure after the manager asked about it: "от ста до двухсот" — "А поточнее
    можно?" — "сто пятьдесят в месяц, это потолок"; "полтора ляма" — "В месяц?" — "Нет, полтора на год".
    The restated value replaces the first (True when it did); ``reasked``: the manager's question was
    recognised as this one again ("А вы сами сколько готовы?" after a competitor's price)."""
    if prev is None or prev.role == Speaker.CLIENT or not (prev.sentences and prev.sentences[-1].is_question) or first.recording != unit.recording:
        return False
    asked = tuple(t for s in prev.sentences for t in s.tokens)
    if not reasked and not (find_amounts(asked) or any(t.is_digit or "NUMR" in t.tags for t in asked)) or any(
            hit.question.id != cq.question.id for hit, _s, _c in detector.asked_scored(prev.sentences)):
        return False  # the manager asked about something else, not about the figure
    answer = detector.answer(cq, unit.sentences, client=True, question=asked, context=asked)
    old = int((first.value or {}).get("amount", 0))
    if answer is None or not old or not old / RESTATED_SPREAD <= int(answer.value.get("amount", 0)) <= old * RESTATED_SPREAD:
        return False  # not "часа в три" after "сотка в месяц"
    value = dict(answer.value)
    if "amount_period" not in value and first.value and "amount_period" in first.value:
        value["amount_period"] = first.value["amount_period"]
    first.value, first.end = value, unit.segment.end
    first.quote = f"{first.quote} … {answer.quote.strip()}"
    answered[cq.question.id] = answer.quote
    return True
