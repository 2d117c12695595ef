"""Lemma patterns: unordered cues ("сколько потратить|заплатить") and ordered phrases ("не мочь сказать")."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from qa_desk.analysis.families import expand
from qa_desk.analysis.lexicon import Token, lemma_of

_PHRASE_GAP = 3


def _lemmas(word: str) -> frozenset[str]:
    """The word, its lemma and their families (aspect pairs, near-synonyms)."""
    word = word.lower().replace("ё", "е")
    return expand(frozenset({word, lemma_of(word)}))


@dataclass(frozen=True, slots=True)
class Cue:
    """All slots must occur in a sentence, in any order; a slot is a set of alternative lemmas."""

    source: str
    slots: tuple[frozenset[str], ...]

    @classmethod
    def parse(cls, source: str) -> Cue:
        slots = tuple(
            frozenset().union(*(_lemmas(alt) for alt in part.split("|") if alt))
            for part in source.split()
        )
        return cls(source, slots)

    def matches(self, lemmas: frozenset[str]) -> bool:
        for slot in self.slots:  # a loop, not all(): cues are matched ~7 000 times an analysis
            if slot.isdisjoint(lemmas):
                return False
        return True

    @property
    def vocabulary(self) -> set[str]:
        return set().union(*self.slots) if self.slots else set()


@dataclass(frozen=True, slots=True)
class Phrase:
    """Lemmas that must occur in this order, with at most three other words between them."""

    source: str
    words: tuple[frozenset[str], ...]

    @classmethod
    def parse(cls, source: str) -> Phrase:
        return cls(source, tuple(_lemmas(w) for w in source.split()))

    def find(self, tokens: Sequence[Token], lemmas: frozenset[str] | None = None) -> tuple[int, int] | None:
        """Token span [start, end) of the first match; ``lemmas`` (all of the tokens') allow a fast reject."""
        if lemmas is not None:
            for w in self.words:
                if w.isdisjoint(lemmas):
                    return None
        words = [t for t in tokens if t.is_word]
        index = [i for i, t in enumerate(tokens) if t.is_word]
        for start in range(len(words)):
            if words[start].lemmas.isdisjoint(self.words[0]):
                continue
            pos, ok = start, True
            for want in self.words[1:]:
                nxt = next(
                    (k for k in range(pos + 1, min(len(words), pos + 2 + _PHRASE_GAP)) if not words[k].lemmas.isdisjoint(want)),
                    None,
                )
                if nxt is not None and "не" in words[pos].lemmas and any(
                        w.pos in ("VERB", "INFN") for w in words[pos + 1:nxt]):
                    nxt = None  # "Я не знаю, надо считать": the "не" negates another verb, not "надо"
                if nxt is None:
                    ok = False
                    break
                pos = nxt
            if ok:
                return index[start], index[pos] + 1
        return None


def any_cue(cues: Iterable[Cue], lemmas: frozenset[str]) -> Cue | None:
    for c in cues:  # Cue.matches inlined (the engine's hottest loop)
        for slot in c.slots:
            if slot.isdisjoint(lemmas):
                break
        else:
            return c
    return None


def any_phrase(
    phrases: Iterable[Phrase], tokens: Sequence[Token], lemmas: frozenset[str] | None = None
) -> Phrase | None:
    for p in phrases:
        if p.find(tokens, lemmas) is not None:
            return p
    return None


class PhraseIndex:
    """Phrases indexed by their first word's lemmas: a sentence tries only the phrases it can start."""

    def __init__(self, phrases: Iterable[Phrase]) -> None:
        self._by_first: dict[str, list[Phrase]] = {}
        for phrase in phrases:
            for lemma in phrase.words[0]:
                self._by_first.setdefault(lemma, []).append(phrase)

    def first(self, tokens: Sequence[Token], lemmas: frozenset[str]) -> Phrase | None:
        """A matching phrase, or None."""
        seen: set[int] = set()
        for lemma in lemmas:
            for phrase in self._by_first.get(lemma, ()):
                if id(phrase) not in seen:
                    seen.add(id(phrase))
                    if phrase.find(tokens, lemmas) is not None:
                        return phrase
        return None
