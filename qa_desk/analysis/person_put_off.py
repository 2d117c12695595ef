"""A person named in passing while the client puts the talk off is no decider (round 17, eng17a).

«Слушай, у меня тут клиент приехал, замерщик с ним. Давай ты на почту всё кинешь, я гляну вечером.»: asked who
approves, the client is busy; the person he names only says why, and the next sentence turns to what the listener is
to do instead. A person found by no more than an animate noun (deciders.fallback_person: no name, no deciding word)
whose own sentence does not say who decides (deciders.Candidate.states) is no answer then.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from qa_desk.analysis.language import LET_US, YOU

if TYPE_CHECKING:
    from qa_desk.analysis.deciders import Candidate
    from qa_desk.analysis.detect import Sentence

_FALLBACK = 1.0  # deciders: the score of a bare animate noun (fallback_person)

# closed class: imperatives that only draw attention («Слушай, …», «Смотрите, …», «Знаете, …»), not a request
_ATTENTION = frozenset({"слушать", "смотреть", "знать", "видеть", "понимать", "представить", "представлять",
                        "извинить", "простить"})  # and the apologies («…, извините, …»)
_THOU = frozenset({"ты", "вы"})
# «то X, то Y» opening the sentence, after a particle or two («Ну, то директор, то …»; closed class), not «то есть»
_ALTERNATION = re.compile(r"^\W*(?:(?:ну|а|и|да|вот|так|там)\b[\s,.…]*){0,2}то(?:\s+ли)?\s+(?!есть\b)[^,;—–]+[,;—–]\s*"
                          r"(?:а\s+|и\s+)?то(?:\s+ли)?\s+(?!есть\b)\w", re.IGNORECASE)


def _request(s: Sentence) -> bool:
    """The sentence asks the listener to do something: an imperative («Пришлите на почту», «Перезвоните завтра»)
    or «давай(те)» with «ты/вы» or a second-person verb («Давай ты на почту кинешь»), not «Давайте я уточню»."""
    words = [t for t in s.tokens if t.is_word]
    for i, t in enumerate(words):
        if t.text.lower() in LET_US:
            if any(w.text.lower() in _THOU or w.lemma in YOU or w.pos == "VERB" and "2per" in w.tags
                   for w in words[i + 1:i + 4]):
                return True
            continue
        if t.pos == "VERB" and "impr" in t.tags and t.lemma not in _ATTENTION and "1per" not in t.tags:
            return True
    return False


def alternates(s: Sentence) -> bool:
    """«То директор в отпуске, то бухгалтер на больничном», «Ну, то ли собственник, то ли финансы»: the sentence opens
    an alternation «то …, то …» (round 18, eng18j): each one named only now and then, so no one is (not «то есть»)."""
    return _ALTERNATION.match(s.text) is not None


def talk_put_off(person: Candidate, sentences: Sequence[Sentence]) -> bool:
    """``person`` is only a bare noun named in passing, and another sentence of the reply than its own asks the
    listener to do something instead; or ``person`` (not the speaker) is named in a «то X, то Y» alternation."""
    if not person.speaker and alternates(sentences[person.sentence]):
        return True
    if person.speaker or person.states or person.score > _FALLBACK:
        return False
    return any(_request(s) for k, s in enumerate(sentences) if k != person.sentence)
