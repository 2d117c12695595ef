"""A sentence as the detector sees it, a question compiled for matching, and whether a sentence dodges."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from qa_desk.analysis.contract import Example
from qa_desk.analysis.lexicon import Token
from qa_desk.analysis.patterns import Cue, PhraseIndex
from qa_desk.analysis.questions import Question


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    tokens: tuple[Token, ...]
    lemmas: frozenset[str]
    is_question: bool
    is_evasive: bool  # dodges a question: "не могу сказать", "давайте пока без этого"

    @property
    def content(self) -> list[Token]:
        return [t for t in self.tokens if t.is_content]


@dataclass(frozen=True, slots=True)
class CompiledQuestion:
    question: Question
    cues: tuple[Cue, ...]
    examples: tuple[Example, ...]
    exclude: tuple[Cue, ...]
    volunteer: tuple[Cue, ...]
    dominant: tuple[Cue, ...]  # the sentence's main intent: other questions named after it are dropped
    ask_vocabulary: frozenset[str]  # every lemma of the cues and examples: a sentence with none of them is skipped
    sure: tuple[Cue, ...] = ()  # cues that ask it whatever the classifier says, unless it finds another topic likely



def evades(evasions: PhraseIndex, tokens: Sequence[Token], lemmas: frozenset[str]) -> bool:
    """An evasion phrase in the sentence; a one-word one ("посмотреть", "подумать") not when said of
    anyone in general or denied ("Кардиологию на нём не посмотришь": a fact, not "посмотрим")."""
    phrase = evasions.first(tokens, lemmas)
    if phrase is None or len(phrase.words) != 1:
        return phrase is not None
    said = [k for k, t in enumerate(tokens) if not t.lemmas.isdisjoint(phrase.words[0])]
    if not all("2per" in tokens[k].tags or k and tokens[k - 1].text.lower() == "не" for k in said):
        return True
    return evasions.first(tokens, lemmas - phrase.words[0]) is not None
