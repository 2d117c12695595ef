"""Shapes of the decider answer that the reply's own grammar settles (round 18, eng18k).

- A kin or role word owned by the deciding pronoun's person ("Решает он, и только он, ну и иногда его жена") is
  someone beside the decider, not the decider: the pronoun's antecedent alone is named.
- "Мы вчетвером решаем" after the speaker named the body they sit in ("у нас в правлении трое") is that body.
"""

from __future__ import annotations

from collections.abc import Sequence

from qa_desk.analysis.lexicon import Token, lemma_of
from qa_desk.analysis.person import COLLECTIVES, DECIDE_VERBS

_THIRD_POSSESSIVE = frozenset({"его", "её", "ее", "их"})  # "его жена": the wife of the one "он" names


def owned_by_pronoun(tokens: Sequence[Token], role: str) -> bool:
    """The role's head word follows a third-person possessive in the sentence ("его жена", "их бухгалтер")."""
    heads = {lemma_of(w) for w in role.lower().split()}
    words = [t for t in tokens if t.is_word]
    return any(t.lemma in heads and i and words[i - 1].text.lower() in _THIRD_POSSESSIVE and words[i - 1].pos == "NPRO"
               for i, t in enumerate(words))


def we_collective(turn: Sequence[Sequence[Token]], quote: str) -> str | None:
    """"Мы (вчетвером) решаем" in the answer, after the turn named the body the speaker sits in ("я председатель, и ещё
    у нас в правлении трое… Вот мы вчетвером решаем"): that body (the nearest named before the claim), else None."""
    at = next((k for k, tokens in enumerate(turn) if _we_decide(tokens) and _said_in(tokens, quote)), None)
    if at is None:
        return None
    for tokens in reversed(turn[:at + 1]):
        body = next((t.lemma for t in reversed(tokens) if t.lemma in COLLECTIVES and t.pos == "NOUN"), None)
        if body is not None:
            return body
    return None


def _we_decide(tokens: Sequence[Token]) -> bool:
    words = [t for t in tokens if t.is_word]
    return any(t.text.lower() == "мы" for t in words) and any(
        not t.lemmas.isdisjoint(DECIDE_VERBS) and "plur" in t.tags and "1per" in t.tags for t in words)


def _said_in(tokens: Sequence[Token], quote: str) -> bool:
    return all(t.text in quote for t in tokens if t.is_word)
