"""A budget said by comparison with another spend: the figure of that spend is the answer.

- ``same_again`` (budget_said.py): "столько же / так же / столько и на это" after a figure carries it over
  ("На расходники тратим тысяч двадцать. Вот как на расходники — столько и на это.");
- ``compared``: a negated comparative before "чем" and a spend "на X" ("не дороже, чем мы на цветы тратим", "Не
  больше, чем на декорации ушло"), then a figure said for the same X ("А на цветы у нас двадцать пять тысяч в месяц
  уходит."): that figure is the ceiling.
- ``after_colon``: a figure after a colon that closes the speaker's own act ("я его уже выбил под подрядчика:
  триста пятьдесят в месяц"): what comes after the colon is what the speaker got, whatever noun stands before it
  (not "Подрядчик назвал цену: триста", where another party speaks).
Read by grammar and closed classes only (the comparative degree, "не", "чем", the preposition "на", the first
person, the colon).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from qa_desk.analysis.budget_said import as_now, same_again
from qa_desk.analysis.figure_finding import said_figures
from qa_desk.analysis.language import I_WE
from qa_desk.analysis.lexicon import SENTENCE_ENDS

if TYPE_CHECKING:
    from qa_desk.analysis.lexicon import Token
    from qa_desk.analysis.sentence import Sentence

_REACH = 3  # words between "не" + comparative and "чем" ("не дороже, чем")
_THING = 6  # words after "чем" where "на X" names the compared spend


def _compared_thing(tokens: Sequence[Token]) -> tuple[int, frozenset[str]] | None:
    """Where "не <comparative> … чем … на X" ends, and X's lemmas."""
    for k, t in enumerate(tokens):
        if t.text.lower() != "чем":
            continue
        before = [x for x in tokens[max(0, k - _REACH - 1):k] if x.is_word]
        if not any(x.pos == "COMP" and j and before[j - 1].text.lower() == "не" for j, x in enumerate(before)):
            continue
        after = [j for j in range(k + 1, min(len(tokens), k + 1 + _THING)) if tokens[j].is_word]
        for j in after:
            if tokens[j].text.lower() == "на" and j + 1 < len(tokens) and tokens[j + 1].pos == "NOUN":
                return j + 2, tokens[j + 1].lemmas
    return None


def compared(tokens: Sequence[Token]) -> list[Token] | None:
    """The words that give the figure of the spend a budget is compared with (see the module's doc): the first
    sentence after the comparison that says "на X" again with a figure, its verbs of the present and past left out."""
    found = _compared_thing(tokens)
    if found is None:
        return None
    end, thing = found
    start = end
    for k in range(end, len(tokens) + 1):
        if k < len(tokens) and tokens[k].text not in SENTENCE_ENDS:
            continue
        sentence = tokens[start:k]
        named = any(t.text.lower() == "на" and j + 1 < len(sentence) and not sentence[j + 1].lemmas.isdisjoint(thing)
                    for j, t in enumerate(sentence))
        if (named or start == end) and said_figures(list(sentence)):
            return as_now(sentence, habit=True)
        start = k + 1
    return None


def carried_spend(tokens: Sequence[Token]) -> tuple[list[Token], int] | None:
    """The words whose figure a comparison or "столько же" makes the budget, and the index of the word that says so."""
    again = same_again(tokens)
    if again is not None:
        return as_now(tokens[:again], tokens[again].text.lower() == "столько"), again
    said = compared(tokens)
    if said is None:
        return None
    return said, next(k for k, t in enumerate(tokens) if t.text.lower() == "чем")




def after_colon(sentence: Sentence) -> list[Token] | None:
    """The words after a colon when the words before it hold the speaker's own finite verb and no figure (see the
    module's doc); None otherwise (the lexicon keeps no colon: it is found in the sentence's text)."""
    colon = sentence.text.find(":")
    if colon < 0:
        return None
    at, low, split = 0, sentence.text.lower(), len(sentence.tokens)
    for k, t in enumerate(sentence.tokens):
        found = low.find(t.text.lower(), at)
        if found < 0:
            continue
        if found > colon:
            split = k
            break
        at = found + len(t.text)
    before, after = sentence.tokens[:split], list(sentence.tokens[split:])
    own = any(t.pos == "VERB" and "1per" in t.tags for t in before) or any(t.text.lower() in I_WE for t in before) and any(
        t.pos == "VERB" for t in before)
    return after if own and after and not said_figures(list(before)) and said_figures(after) else None
