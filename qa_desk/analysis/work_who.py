"""The «кто» of a work verb asks who does the work, not who signs or pays (round 16, eng16d).

«А чинит вам сети кто, свои?», «кто у вас зарплату считает?», «кто вам возит смеси?» ask the doer of a job (``heads.doer_who``:
the nominative «кто» as the subject of a verb that is no deciding verb). A person question of the set that asks an act of
deciding, signing or paying («кто подписывает договор», «кто оплачивает счета») is not asked by such a «кто» unless the
sentence's verb is that question's own verb («Счета у вас кто оплачивает?»). Closed classes only: the deciding verbs of the
language and the verbs of paying (siblings.py)."""

from __future__ import annotations

from collections.abc import Sequence

from qa_desk.analysis.heads import _head_verb, doer_who, heads
from qa_desk.analysis.language import Language
from qa_desk.analysis.lexicon import Token
from qa_desk.analysis.siblings import MISFIT, PAY

Word = frozenset[str]
_CHARGE = frozenset({"ответственный", "главный"})  # "кто ответственный за ИБ" is asked by "кто у вас ведёт"


def acting_fit(person: bool, phrasings: Sequence[Sequence[Word]], tokens: Sequence[Token], lang: Language) -> float:
    """1.0, or ``MISFIT`` for a ``person`` question whose phrasings ask an act of deciding or paying, put by a «кто»
    that is the subject of another verb, a verb of the work."""
    if not person:
        return 1.0
    acts = lang.decide_heads - heads().in_charge - _CHARGE | PAY  # deciding, signing, paying; not being in charge
    own = frozenset().union(*(w for p in phrasings for w in p)) if phrasings else frozenset()
    if own.isdisjoint(acts):
        return 1.0  # "кто вам возит?" for "кто сейчас возит удобрения": a provider question, asked by the doer
    k = doer_who(tokens, lang)
    if k is None:
        return 1.0
    verb = _head_verb(tokens, k, heads().light)
    return 1.0 if verb is None or not verb.lemmas.isdisjoint(own) else MISFIT
