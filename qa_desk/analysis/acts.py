"""Dialogue acts of our own turns that bear on pairing (round 17): which reply belongs to which question.

- a follow-up: a question asked unsure (hearsay, a guess, small talk about the supplier: "Вы тогда обмолвились, что с
  печами каждую зиму одна и та же история") took a first reply in the call; a later question asked surely that also
  asks another question of the set in the same sentence (the budget, the decider: "А вы сами какую рамку держите на
  всё целиком…") follows it up: its reply answers the other question, the card keeps the first reply (H23's #10: a
  budget question that also asks the need; "keep the first real answer per id"). Taking up a word of the first reply
  as a follow-up was tried and dropped: small talk's reply shares words with the real question as often.
- a read-back: our sentence reports what the client (or someone) said or wrote, «Вы в заявке писали, что…», «Мне
  коллега передала, что вы ищете…, это правда?»: a verb of saying in the past before «что», no question word before
  it. The client's reply to it confirms, corrects or introduces himself; it is pinned only until a question asked in
  words of its own gets its reply in the call (as a need asked by its form alone: pairing's ``by_form``).
- a new question of ours: after the client replied to a pending question, our turn puts a question of its own (an
  offer, a technical detail, our visit) in words that take up nothing of the pending question or of the client's
  reply ("Что у вас с инструментами в классах?" — "Пианино старые…" — "А для концертного зала, может, хотя бы один
  рояль подобрать?"): the client's next turn replies to that question, so the pending one stops waiting (its held
  reply stands). A short prompt ("Например?", "А почему?"), a re-ask in the pending question's words or in figures
  («сколько»), or our turn after the client asked us back keeps it open.
"""

from __future__ import annotations

from collections.abc import Sequence

from qa_desk.analysis.detect import Sentence
from qa_desk.analysis.language import SAYING
from qa_desk.analysis.lexicon import Token
from qa_desk.analysis.results import QuestionResult

_SAID = SAYING | {"обронить"}  # verbs of saying (closed class)
_HOW_MUCH = "сколько"  # a count asked after a held reply re-asks in figures ("А в киловатт-часах, по счётчику, сколько выходит?")
_OWN_QUESTION = 3  # content words of a question of its own (a prompt has fewer: "А почему так?", "Например?")


def moves_on(sentences: Sequence[Sentence], pending: Sequence[Token], reply: Sequence[Sentence]) -> bool:
    """Our turn ``sentences`` asks a question of its own, unrelated to the ``pending`` question and the client's
    ``reply``; not when the reply asked us something ("Вы кто вообще такой?": our turn answers him, then puts ours again)."""
    if any(s.is_question for s in reply):
        return False
    said = {t.lemma for t in (*pending, *(t for s in reply for t in s.tokens)) if t.is_content}
    for s in sentences:
        if not s.is_question:
            continue
        words = {t.lemma for t in s.tokens if t.is_content}
        if len(words) >= _OWN_QUESTION and words.isdisjoint(said) and all(t.lemma != _HOW_MUCH for t in s.tokens):
            return True
    return False


def follows_up(result: QuestionResult, shared: bool, recording: int) -> bool:
    """The question, asked surely in call ``recording`` after the first reply there to the same question asked unsure,
    also asks another question of the set (``shared``: its sentence does): a follow-up (see the module's notes)."""
    first = result.first_reply
    return shared and first is not None and result.answer_evidence[first].recording == recording


def reads_back(tokens: Sequence[Token], question_words: frozenset[str]) -> bool:
    """Our sentence reports what was said or written ("Вы через форму писали, что ищете подрядчика") and asks nothing
    else: no question word but the «что» that opens the report ("…сказала, что у вас перемены, и мне интересно, с чем
    вы столкнулись" asks)."""
    words = [t for t in tokens if t.is_word]
    verb = next((k for k, t in enumerate(words[:-1]) if t.lemma in _SAID and t.pos == "VERB" and "past" in t.tags), None)
    if verb is None:
        return False
    that = next((k for k in range(verb + 1, min(verb + 3, len(words))) if words[k].text.lower() == "что"), None)
    return that is not None and all(t.lemmas.isdisjoint(question_words) for k, t in enumerate(words) if k != that)
