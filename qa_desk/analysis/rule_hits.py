"""The rules' reading of a question sentence (``Detector`` mixes it in first): how surely a compiled question's cues
or examples ask it, the questions a sentence's rules find (a dominant cue rules out another question's words after
it, "кто утвердит бюджет"; the generic question only when nothing else matched; of two example matches, the one
with more words), kept for the last few sentences, as ``_found`` and ``_redirected`` ask twice."""

from __future__ import annotations

from qa_desk.analysis.contract import example_match
from qa_desk.analysis.language import Language
from qa_desk.analysis.patterns import any_cue
from qa_desk.analysis.sentence import CompiledQuestion, Sentence
from qa_desk.analysis.timing import DAYTIME, WEEKDAYS

# a sure cue beside these asks about the call itself: "вас устраивает в четверг с утра?", "как со временем, всё ок?"
_CLOCK = WEEKDAYS | DAYTIME | {"завтра", "сегодня", "послезавтра", "время", "минута", "слышно", "слышать", "связь"}
_RULES_KEPT = 16  # sentences whose rule hits a detector keeps (by identity, within one turn's reading)


def sure_cue(cq: CompiledQuestion, lemmas: frozenset[str]) -> bool:
    return any_cue(cq.sure, lemmas) is not None and lemmas.isdisjoint(_CLOCK)


class RuleHits:
    """The rules' hits in a sentence (see the module's doc)."""

    questions: tuple[CompiledQuestion, ...]
    lang: Language
    _rules_kept: dict[int, tuple[Sentence, tuple[CompiledQuestion, ...]]]

    def asks(self, cq: CompiledQuestion, sentence: Sentence) -> float:
        """How surely ``sentence`` asks ``cq``: 1.0 for a cue, the share of an example's words, or 0."""
        return self._ask_score(cq, sentence)[0]

    def _ask_score(self, cq: CompiledQuestion, sentence: Sentence) -> tuple[float, int]:
        """(score, matched example words; 0 for a cue match)."""
        if not sentence.is_question or sentence.lemmas.isdisjoint(cq.ask_vocabulary):
            return 0.0, 0
        if any_cue(cq.exclude, sentence.lemmas) is not None:
            return 0.0, 0
        if any_cue(cq.cues, sentence.lemmas) is not None or sure_cue(cq, sentence.lemmas):
            return 1.0, 0
        return max((example_match(ex, sentence.tokens, sentence.lemmas, self.lang) for ex in cq.examples),
                   default=(0.0, 0))

    def _rule_hits(self, s: Sentence) -> list[CompiledQuestion]:
        """The questions the rules find in ``s`` (kept for the last few sentences: _found and _redirected ask twice)."""
        kept = self._rules_kept.get(id(s))
        if kept is not None and kept[0] is s:  # the same (frozen) sentence, held alive by the entry
            return list(kept[1])
        if len(self._rules_kept) >= _RULES_KEPT:
            self._rules_kept.clear()
        hits = self._rule_hits_of(s)
        self._rules_kept[id(s)] = (s, tuple(hits))
        return hits

    def _rule_hits_of(self, s: Sentence) -> list[CompiledQuestion]:
        scored = [(cq, sc) for cq in self.questions if (sc := self._ask_score(cq, s))[0] > 0]
        if any(not cq.question.generic for cq, _sc in scored):
            scored = [(cq, sc) for cq, sc in scored if not cq.question.generic]
        scored = self._dominant(s, scored)
        best = max((sc[0] for _cq, sc in scored), default=0.0)
        kept = [(cq, sc) for cq, sc in scored if sc[0] >= min(best, 1.0)]
        # Two questions matched only by examples: the one whose example matched more words wins.
        most = max((sc[1] for _cq, sc in kept), default=0)
        return [cq for cq, sc in kept if sc[1] in (0, most)]

    def _dominant(
        self, s: Sentence, scored: list[tuple[CompiledQuestion, tuple[float, int]]]
    ) -> list[tuple[CompiledQuestion, tuple[float, int]]]:
        """Drop questions whose words come after another question's dominant cue ("кто утвердит бюджет")."""
        starts = [start for cq, _sc in scored if (start := self._dominant_start(cq, s)) is not None]
        if not starts:
            return scored
        first = min(starts)
        return [
            (cq, sc) for cq, sc in scored
            if self._dominant_start(cq, s) is not None or self._first_word(cq.ask_vocabulary, s, False) < first
        ]

    def _dominant_start(self, cq: CompiledQuestion, s: Sentence) -> int | None:
        cue = any_cue(cq.dominant, s.lemmas)
        return None if cue is None else self._first_word(cue.vocabulary, s, True)

    def _first_word(self, vocabulary: set[str] | frozenset[str], s: Sentence, qwords: bool) -> int:
        """Index of the first content token (or question word, if ``qwords``) of ``s`` in ``vocabulary``."""
        return next((i for i, t in enumerate(s.tokens) if not t.lemmas.isdisjoint(vocabulary)
                     and (t.is_content and t.lemma not in self.lang.question_words
                          or qwords and t.lemma in self.lang.question_words)), len(s.tokens))
