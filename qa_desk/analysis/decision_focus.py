"""Whose decision, or what kind of one (round 18): the noun «решение» asks the decider only when the question puts a
party to it. «Это было ваше решение или хозяин так захотел?», «Решение по студии вы сами принимаете?», «окончательное
решение за вами?», «Как у вас принимается решение о покупке?» ask who decides (an owner, a who-word, a role, a verb of
making the decision, a pronoun after a preposition other than «у»); «отказ от доставки у вас — это взвешенное решение
или так сложилось?», «это сознательное решение или руки не дошли?», «временное решение или так и останется?» ask why
things are as they are, or name a solution: the noun is the predicate, qualified, and «у вас» is only where.
Closed classes only (who-words, possessive and emphatic pronouns, the verbs and nouns of deciding in person.py)."""

from __future__ import annotations

from collections.abc import Sequence

from qa_desk.analysis.lexicon import Token
from qa_desk.analysis.siblings import party_you

_NOUN = "решение"
# who-words and pronouns that own a decision: «чьё решение», «ваше/своё решение», «сами», «лично»
_OWNERS = frozenset({"кто", "чей", "ваш", "свой", "лично", "единолично", "самостоятельно", "кто-то", "кто-нибудь",
                     "кто-либо"})
# the making of a decision as a noun, and the adjectives of how many decide: «порядок принятия решения», «решение
# коллегиальное или единоличное?»
_MAKING = frozenset({"принятие", "приниматься", "единоличный", "коллегиальный", "коллективный", "совместный"})
_SELF = frozenset({"сам", "сама", "сами", "самому", "самим"})  # a person's own say, not «само сложилось»


def decision_unowned(tokens: Sequence[Token], decide: frozenset[str], roles: frozenset[str]) -> bool:
    """The sentence's only deciding word is the noun «решение», and nothing puts a party to it: no who-word or owner
    (``_OWNERS``, ``_SELF``), no making of it or number of deciders (``_MAKING``), no role noun (``roles``), no other
    word of deciding (``decide``: a verb of making, approving, signing; «слово», «подпись»), no pronoun after a
    preposition other than «у» («за вами», «через вас», siblings.party_you)."""
    words = [t for t in tokens if t.is_word]
    if not any(_NOUN in t.lemmas for t in words):
        return False
    other = (decide - {_NOUN}) | _OWNERS | _MAKING | roles
    return not any(not t.lemmas.isdisjoint(other) or t.text.lower() in _SELF for t in words) and not party_you(words)
