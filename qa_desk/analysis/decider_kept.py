"""Deal level: a decider answered in its own call stands when a later call only names the same person again.

A later call that says who decides ("Подпишем, Ирина Валерьевна уже в курсе", "Посмотрели с Артёмом Сергеевичем…
На него, он подписывает") replaces the card's answer only when it names another person: one said before by name
is the same one ("Решение принимаю я" said by Ирина Валерьевна; "Марина Сергеевна, операционный директор"), and a
role said before without a name ("Хозяйка, конечно. У нас всё … через неё") is completed by the later name, unless
the earlier turn asks back, dodges or says the role changed hands ("директор поменялся, я даже не знаю…"), or the
later turn says the decider changed ("теперь", a verb of leaving). Closed classes only."""

from __future__ import annotations

from typing import Any

from qa_desk.analysis.lexicon import lemma_of
from qa_desk.analysis.names import has_name
from qa_desk.analysis.pairing import Unit
from qa_desk.analysis.person import ROLE_NOUNS
from qa_desk.analysis.replies import is_evasive
from qa_desk.analysis.results import Evidence

_NOW_ON = frozenset({"теперь", "нынче"})  # "теперь решает Кузнецова": the decider changed
_LEFT = frozenset({"уволиться", "уйти", "уволить", "снять", "сменить", "смениться", "поменяться", "перейти", "прийти"})


def kept_earlier(before: Evidence, said: dict[str, Any], after: Evidence, units: list[Unit], sure: bool = True) -> bool:
    """``before`` (the card's answer in an earlier call; ``said``: its value as the reply gave it, before the deal
    named it) stands against ``after`` (a later call's statement): the same person, or a role without a name that the
    later call names (``before``'s value then gets the name; only when ``sure``: the reply to a question surely asked)."""
    if before.recording >= after.recording or before.value is None or after.value is None:
        return False
    named, later = str(before.value.get("text", "")), str(after.value.get("text", ""))
    raw = str(said.get("text", ""))
    if not raw or not later:
        return False
    if said.get("self"):
        return same_person(named, later) and has_name(named)  # "я" in the call where Ирина Валерьевна speaks
    if has_name(raw):
        return same_person(raw, later)
    earlier = _turn(before, units)
    if not sure or earlier is None or not has_name(later) or _changed(after, units) or _changed(before, units) or (
            any(s.text.rstrip().endswith("?") for s in earlier.sentences) or is_evasive(earlier.sentences)):
        return False
    if all(lemma_of(w) not in ROLE_NOUNS for w in raw.lower().split()):
        return False  # "Там наверху разберутся": no role said
    if not same_person(named, later):
        before.value = {**before.value, "text": f"{named} {later}"}  # "Хозяйка" … "Зинаида Павловна Круглова"
    return True


def same_person(a: str, b: str) -> bool:
    """Every word of one text is in the other ("Ирина Валерьевна", "финансовый директор Ирина Валерьевна")."""
    x, y = set(a.lower().split()), set(b.lower().split())
    return bool(x) and bool(y) and (x <= y or y <= x)


def _turn(e: Evidence, units: list[Unit]) -> Unit | None:
    return next((u for u in units if u.recording == e.recording and u.segment.start == e.start), None)


def _changed(e: Evidence, units: list[Unit]) -> bool:
    """The turn says the decider changed: "теперь", or a verb of leaving, coming or replacing."""
    unit = _turn(e, units)
    return unit is None or any(t.text.lower() in _NOW_ON or t.lemma in _LEFT for s in unit.sentences for t in s.tokens)
