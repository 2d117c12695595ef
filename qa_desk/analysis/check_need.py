"""Reading steps of the «нет потребности» check (checks.py) by the grammar of a client's words and the contract set:

- a «не нужно» corrected in its own sentence by a need not negated («мне не бухгалтер нужен, мне нужно, чтобы …»)
  names the need, it does not deny one;
- a problem word negated («Да ничего не бесит», «поломок нет») in the reply to the need question says there is no
  problem: it backs «нет потребности»;
- a contract set's yes/no question that asks a want or a plan (a modal of need or intent in its title or phrasings:
  «Отсрочка нужна?», «Планируете ли замену?») answered with a yes word contradicts «нет потребности» (a yes the
  reader gives by default to a reply of substance does not), answered no backs it.
Closed classes only: negations and modals of need and intent.
"""

from __future__ import annotations

from collections.abc import Sequence

from qa_desk.analysis.detect import Detector, Sentence
from qa_desk.analysis.evidence import need_said, pain_found, pain_negated, vocabulary
from qa_desk.analysis.language import NEGATIONS, PLANS
from qa_desk.analysis.questions import AnswerKind
from qa_desk.analysis.results import DealAnalysis, QuestionResult
from qa_desk.analysis.shape import yes_no

_NEED_MODALS = frozenset({"нужный", "нужно", "надо", "необходимо", "необходимый"})


def restated_need(s: Sentence, span: tuple[int, int]) -> bool:
    """A «не нужно» (``span``) corrected after its «не» in the same sentence by a need not negated: «мне не бухгалтер
    нужен, мне нужно, чтобы …» — the «не» denies one thing and names the need, not «we need nothing»."""
    for i, t in enumerate(s.tokens):
        if i < span[0] or t.lemmas.isdisjoint(_NEED_MODALS) or t.pos not in ("ADJS", "PRED", "ADVB"):
            continue
        if not any(x.text.lower() in NEGATIONS for x in s.tokens[max(0, i - 2):i]):
            return True
    return False


def denies_pain(s: Sentence) -> bool:
    """A statement that there is no problem: a word of a problem negated («Да ничего не бесит», «поломок нет»,
    «никаких жалоб»), and no problem said in it."""
    if not s.tokens or s.tokens[-1].text == "?" or need_said(s):
        return False
    for phrase in vocabulary().pains:
        if len(phrase.words) > 1:
            continue  # "не хватать", "не успевать": the negation is the problem itself
        found = pain_found(phrase, s)
        if found is not None and pain_negated(s.tokens, found[0]):
            return True
    return False


_INTENT = PLANS | {"нужный", "необходимый", "требоваться", "интересовать", "интересный", "рассматривать"}


def want_reply(detector: Detector, analysis: DealAnalysis, skip: Sequence[str]) -> tuple[QuestionResult, bool] | None:
    """The answer to a contract set's yes/no question that asks a want or a plan («Отсрочка нужна?», «Планируете ли
    замену?», «Интересно ли вам…?»; a modal of need or intent in its title or phrasings): (result, yes); a yes first."""
    found: list[tuple[QuestionResult, bool]] = []
    for cq in detector.questions:
        q = cq.question
        result = analysis.question(q.id)
        if q.answer is not AnswerKind.YES_NO or q.id in skip or result is None or not result.answered:
            continue
        yes = (result.value or {}).get("yes")
        primary = result.primary_answer
        if yes is True and (primary is None or yes_no([t for x in detector.sentences(primary.quote) for t in x.tokens], 0,
                                                     detector.lang) != {"yes": True}):
            continue  # a yes only by default (a reply of substance, no «да»): "Девушка, у меня навоз свой"
        lemmas = {lemma for text in (q.title, *q.ask) for s in detector.sentences(text, evasion=False) for lemma in s.lemmas}
        if isinstance(yes, bool) and not lemmas.isdisjoint(_INTENT):
            found.append((result, yes))
    return next((f for f in found if f[1]), found[0] if found else None)
