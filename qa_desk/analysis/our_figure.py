"""Our own figure asked about, answered with a figure (round 19): «Стол пристенный — тысяча двести?» — «Тысяча. Больше
не встанет, там холодильник.» The client corrects the size we put to them; the figure is no budget, though the
budget question is still open from earlier in the call («Про деньги я сейчас не готов»).

The shape: the manager's turn right before the reply ends in a question marked «?» (not «Ну, за пятнадцать, как
видите, и получается Коля.», the client's own figure said back) that holds a figure and no word of money
(no money noun, no intent, no spending verb), the budget question was not that turn, and every figure of the reply
is of the same order as ours (a correction or a confirmation of it). Likewise a count asked of a thing that is no
money («Сколько человек?») answered with bare numbers."""

from __future__ import annotations

from collections.abc import Sequence

from qa_desk.analysis.figure_finding import said_figures
from qa_desk.analysis.figures import CURRENT_SPEND, INTENT, MONEY_NOUNS
from qa_desk.analysis.language import COUNT_WORDS
from qa_desk.analysis.lexicon import Token
from qa_desk.analysis.pairing import Unit, Window
from qa_desk.analysis.questions import AnswerKind
from qa_desk.analysis.sentence import CompiledQuestion
from qa_desk.domain.transcript import Speaker

_MONEY = MONEY_NOUNS | INTENT | CURRENT_SPEND
_ORDER = 4.0  # a reply figure within this factor of ours answers our figure


def our_figure_asked(cq: CompiledQuestion, window: Window, unit: Unit, prev: Unit | None, position: int) -> bool:
    """The reply answers the figure of our own question just before it, not the money question asked earlier."""
    return window.position != position - 1 and answers_our_figure(cq, unit, prev)


def answers_our_figure(cq: CompiledQuestion, unit: Unit, prev: Unit | None) -> bool:
    """The client's ``unit`` answers the figure of our question in ``prev`` (a money question's volunteered answer
    is not sought there either)."""
    if cq.question.answer is not AnswerKind.MONEY or prev is None or prev.role != Speaker.MANAGER:
        return False
    if prev.recording != unit.recording or not prev.sentences:
        return False
    last = prev.sentences[-1]
    said = said_figures([t for s in unit.sentences for t in s.tokens])
    if last.tokens[-1].text == "?" and counted(last.tokens) and said and not any(f.scaled for f in said):
        return True  # "Сколько человек?" — "Тридцать пять, плюс я и коммерческий, итого тридцать семь."
    ours = said_figures(last.tokens)
    inside = {k for f in ours for k in range(f.start, f.end)}  # "тысяча двести": the figure's own scale word
    if last.tokens[-1].text != "?" or not ours or any(not t.lemmas.isdisjoint(_MONEY) for k, t in enumerate(last.tokens)
                                                 if k not in inside):
        return False
    return bool(said) and all(any(1 / _ORDER <= f.value / o.value <= _ORDER for o in ours if o.value) for f in said)


_COUNT_REACH = 2  # words from «сколько» to the noun it counts


def counted(tokens: Sequence[Token]) -> bool:
    """A count asked of a thing that is no money («Сколько человек?», «сколько у вас точек»; not «сколько денег»,
    «сколько готовы», «сколько стоит»)."""
    for k, t in enumerate(tokens):
        if t.lemma not in COUNT_WORDS:
            continue
        for n in tokens[k + 1:k + 1 + _COUNT_REACH]:
            if n.pos == "NOUN" and "gent" in n.tags:
                return n.lemmas.isdisjoint(_MONEY)
    return False
