"""A date inside a story of the past, and the turn from the story to now; read by grammar and closed classes only
(the tense of verbs, deictic adverbs of now and ahead, the conjunctions of consequence):

- ``turns_to_now``: where a sentence turns from what was to what will be, "теперь", "поэтому", "так что" ("Прошлой
  осенью меняли, теперь только через год.", "В прошлом году не успели, так что в этом, в сентябре точно."): the
  clause of a later date starts there, and the past verb before it does not date it (the lexicon keeps no commas);
- ``in_story``: a date in a clause with no verb of its own after a clause that tells the past with a past mark and
  a past verb ("Прошлой весной тоже думали, что всё хорошо, а в апреле заморозок"), unless the clause itself says
  now or ahead ("…, а в этом году в марте"): the date is the story's, no plan.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from qa_desk.analysis.lexicon import Token

_TURNS = frozenset({"теперь", "поэтому", "потому"})
# marks of now and ahead in the date's own clause
_NOW_AHEAD = frozenset({"теперь", "сейчас", "нынче", "этот", "следующий", "будущий", "ближайший", "через", "грядущий",
                        "наступающий", "текущий"})


def turns_to_now(tokens: Sequence[Token], k: int) -> bool:
    """Token ``k`` opens a clause that turns from the past to now: "теперь", "поэтому", or "что" after "так"."""
    word = tokens[k].text.lower()
    return word in _TURNS or word == "что" and k > 0 and tokens[k - 1].text.lower() == "так"


def in_story(tokens: Sequence[Token], clause_start: int, clause: Sequence[Token], past_marks: frozenset[str]) -> bool:
    """The date's clause (``clause``, from ``clause_start``) has no verb and no mark of now or ahead, and the sentence
    before it tells the past: a past mark ("прошлый") and a past verb (see the module's doc)."""
    if any(t.pos in ("VERB", "INFN", "PRED") or not t.lemmas.isdisjoint(_NOW_AHEAD) for t in clause):
        return False
    before = tokens[:clause_start]
    return any(not t.lemmas.isdisjoint(past_marks) for t in before) and any(
        t.pos == "VERB" and "past" in t.tags for t in before)
