"""A decider no longer there: a former holder of the role, one who left or was removed, or one said of "раньше"
while a "теперь" follows ("Раньше решал Петров, теперь решает Кузнецова"). Closed classes: the adjectives of
"former", verbs of leaving or removal, third-person pronouns, adverbs of before and now."""

from __future__ import annotations

from collections.abc import Sequence

from qa_desk.analysis.lexicon import Token

_FORMER = frozenset({"бывший", "прежний", "предыдущий"})
_LEFT = frozenset({"уволиться", "уволить", "снять", "сместить", "заменить", "сменить"})
_HIM = frozenset({"он", "она", "его", "её", "ее"})
_BEFORE = frozenset({"раньше", "прежде", "когда-то"})
_NOW_ON = frozenset({"теперь", "сейчас", "нынче"})


def former(tokens: Sequence[Token], start: int, end: int) -> bool:
    """The person at [start, end) is no longer there: "бывший/прежний директор"; left or removed, said after it of
    "он/его" ("решал директор, он уже давно уволился", "Петров, но его сняли"); or "раньше" before and "теперь"
    after ("Раньше решал Петров, теперь решает Кузнецова"): a replaced decider."""
    if any(t.lemma in _FORMER for t in tokens[max(0, start - 1):start + 1]):
        return True
    after = tokens[end:]
    if any(t.lemma in _LEFT and "past" in t.tags and (k == 0 or any(
            x.text.lower() in _HIM for x in after[max(0, k - 3):k])) for k, t in enumerate(after)):
        return True
    return any(t.text.lower() in _BEFORE for t in tokens[max(0, start - 3):start]) and any(
        t.text.lower() in _NOW_ON for t in after)
