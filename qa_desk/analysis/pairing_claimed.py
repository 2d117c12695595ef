"""Pairing at the deal's end (round 19, eng19b): a reply claimed by another question does not take a told need's card.

A free-text question (the need) answered in a call may be read again in a later question of that call that asks
another question of the set: the money ("А на это вы что-то в план закладывали…?" — "В план заложено шестьсот
тысяч"), who decides ("Как у вас это устроено, кто решает?" — "Хозяин, Виктор Петрович"). That reply is the other
question's answer — a figure or a person — and the card of the free-text question keeps the earlier reply of the call
that was prompted by its own asking. A reply claimed by nothing else (an open follow-up on the need: "А что именно
ломается?") still takes the card as before (pairing.record).
"""

from __future__ import annotations

from collections.abc import Mapping

from qa_desk.analysis.questions import AnswerKind
from qa_desk.analysis.results import Evidence, QuestionResult

_FREE = AnswerKind.TEXT.value
_CLAIMING = frozenset({AnswerKind.MONEY.value, AnswerKind.PERSON.value})


def _claimed(shown: Evidence, other: QuestionResult) -> bool:
    """``other`` (a money or person question) was asked in the shown reply's call before it and answers with that very
    turn, prompted, with a value of its own (an amount, a person)."""
    value = other.value or {}
    if other.kind not in _CLAIMING or not ("amount" in value or value.get("text")):
        return False
    answer = other.primary_answer
    return (answer is not None and not answer.volunteered and (answer.recording, answer.start) == (shown.recording, shown.start)
            and any(a.recording == shown.recording and a.start < shown.start for a in other.asked_evidence))


def keep_told(results: Mapping[str, QuestionResult]) -> None:
    """A free-text question's card that shows a reply claimed by another question goes back to the first reply of its
    call prompted before it (not volunteered, not a dodge, claimed by no other question)."""
    for result in results.values():
        shown = result.primary_answer
        if result.kind != _FREE or shown is None or shown.volunteered:
            continue
        others = [o for o in results.values() if o is not result]
        if not any(_claimed(shown, o) for o in others):
            continue
        dodged = {(e.recording, e.start) for e in result.evasions}
        earlier = next((i for i, e in enumerate(result.answer_evidence)
                        if e.recording == shown.recording and e.start < shown.start and not e.volunteered
                        and (e.recording, e.start) not in dodged and not any(_claimed(e, o) for o in others)), None)
        if earlier is not None:
            result.primary = earlier
