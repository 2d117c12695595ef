"""Then and now in one reply (round 19): «От первой. Там вышло два восемьсот со всем. Тут думаю… ну три. Три с
половиной — прям край.» The first figure is what the past came to (a finite verb in the past governs it); a later
sentence, after a verb in the present or future («думаю»), gives a figure with no past verb: that one is the budget, and the past figure only sets its scale
(amounts._reply_scale reads every figure said before).

Not when the past sentence states an intent («Выделили триста тысяч. …»), an act of the speaker («я себе положил
тысяч двести»), nor a subjunctive («я бы отдал»)."""

from __future__ import annotations

from collections.abc import Sequence

from qa_desk.analysis.figure_finding import Figure
from qa_desk.analysis.figures import INTENT
from qa_desk.analysis.language import I_WE, SAYING
from qa_desk.analysis.lexicon import SENTENCE_ENDS, Token


def _sentence(tokens: Sequence[Token], k: int) -> tuple[int, int]:
    lo = next((j + 1 for j in range(k - 1, -1, -1) if tokens[j].text in SENTENCE_ENDS), 0)
    hi = next((j for j in range(k, len(tokens)) if tokens[j].text in SENTENCE_ENDS), len(tokens))
    return lo, hi




def _past(tokens: Sequence[Token]) -> bool:
    """A finite verb in the past that is not one of saying («Хозяйка сказала: от трёх до четырёх»), no «бы», no
    intent."""
    return any(t.pos == "VERB" and "past" in t.tags and t.lemmas.isdisjoint(SAYING) for t in tokens) and all(
        t.text.lower() != "бы" and t.text.lower() not in I_WE and t.lemmas.isdisjoint(INTENT) and t.lemmas.isdisjoint(
            SAYING) for t in tokens)  # not "На оборудование я себе положил тысяч двести": the speaker's own act


def then_now(tokens: Sequence[Token], kept: list[Figure]) -> list[Figure]:
    """``kept`` less the figures of a first sentence told in the past, when a later sentence gives a figure with no
    past verb."""
    if len(kept) < 2:
        return kept
    lo, hi = _sentence(tokens, kept[0].start)
    later = [f for f in kept if f.start >= hi]
    if not later or not _past(tokens[lo:hi]):
        return kept
    if any(any(t.pos == "VERB" and "past" in t.tags for t in tokens[slice(*_sentence(tokens, f.start))]) for f in later):
        return kept
    now = tokens[hi:_sentence(tokens, later[0].start)[1]]  # "Тут думаю… ну три": a present verb sets the now
    return later if any(t.pos == "VERB" and not {"pres", "futr"}.isdisjoint(t.tags) for t in now) else kept
