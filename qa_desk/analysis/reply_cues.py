"""Round 19 (eng19c): cues of the reply's kind that the learned gate (reply_kind.py) reads beside its vector cosines —
is the reply an answer to THIS question, or the caller's own situation, a count, a word passed on?

- ``address``: the reply opens by addressing the caller («Девушка, …», «Молодой человек, …»): an animate noun in the
  nominative, with at most an adjective, closed by a comma before any verb.
- ``situation``: the speaker's own here and now («я за рулём сейчас», «у меня тут очередь»): the first person singular
  with a deictic «тут / здесь / сейчас» (the need's own trouble can be told so too: the model weighs it).
- ``reported``: a word passed on («он сказал, до октября даже не приносить»): a verb of saying (guess.py's hearsay
  verbs) in the third person or the past, with no «я» for its subject.
- ``counted``: a figure that counts people or things, not money: a number followed by a noun that is no money noun
  and no scale word («двенадцать человек», «три котла»), or a person added to it («…плюс я и коммерческий, итого …»).
Closed classes only; the number and money words are money.py's and figures.py's, the verbs of saying guess.py's."""

from __future__ import annotations

from collections.abc import Sequence

from qa_desk.analysis.figures import MONEY_NOUNS
from qa_desk.analysis.guess import _HEARSAY as SAYING
from qa_desk.analysis.leaning import _PLACE
from qa_desk.analysis.lexicon import Token
from qa_desk.analysis.money import SCALE_VALUES, is_number_word
from qa_desk.analysis.sentence import Sentence

_HERE_NOW = (_PLACE - {"там"}) | {"сейчас"}
_I = frozenset({"я", "меня", "мне", "мной"})
_PLUS = frozenset({"плюс", "и"})
_NAMES = frozenset({"Name", "Surn", "Patr"})


def address(first: Sentence) -> bool:
    """«Девушка, …», «Молодой человек, …»: the first words, up to a comma, name the listener (no name: «Иван Петрович,
    он решает» names a person)."""
    head, comma, _rest = first.text.partition(",")
    n = len(head.split())
    words = [t for t in first.tokens if t.is_word][:n]
    return bool(comma) and 0 < n <= 2 and len(words) == n and words[-1].pos == "NOUN" and words[-1].animate and (
        "nomn" in words[-1].tags and words[-1].tags.isdisjoint(_NAMES) and all(w.pos in ("ADJF", "NOUN") for w in words))


def situation(tokens: Sequence[Token]) -> bool:
    low = {t.text.lower() for t in tokens if t.is_word}
    return not low.isdisjoint(_I) and not low.isdisjoint(_HERE_NOW)


def reported(tokens: Sequence[Token]) -> bool:
    words = [t for t in tokens if t.is_word]
    return any(not t.lemmas.isdisjoint(SAYING) and t.pos in ("VERB", "INFN") and ("3per" in t.tags or "past" in t.tags)
               and not (k and words[k - 1].text.lower() == "я") for k, t in enumerate(words))


def counted(tokens: Sequence[Token]) -> bool:
    words = [t for t in tokens if t.is_word]
    for k, t in enumerate(words[:-1]):
        if not is_number_word(t) or t.pos == "PREP":
            continue  # (not the preposition «к», read as a thousand)
        n = words[k + 1]
        if n.pos == "NOUN" and not is_number_word(n) and n.lemmas.isdisjoint(MONEY_NOUNS) and n.text.lower() not in SCALE_VALUES:
            return True
    return any(t.text.lower() in _PLUS and (words[k + 1].text.lower() in _I or words[k + 1].animate)
               for k, t in enumerate(words[:-1]))


def cues(sentences: Sequence[Sentence]) -> list[float]:
    tokens = [t for s in sentences for t in s.tokens]
    return [float(bool(sentences) and address(sentences[0])), float(situation(tokens)), float(reported(tokens)),
            float(counted(tokens))]
