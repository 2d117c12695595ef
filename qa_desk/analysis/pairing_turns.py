"""Pairing by the call's turns (round 18, eng18g): which of a call's replies to a question the card shows.

The corpus labels the FIRST client turn that carries the answer; a later question of ours in the same call often only
follows the answer up, and its reply should not take the card:

- A date stands in its own call (``date_stands``): the client's date, prompted by a question asked surely, not dodged
  and no wish taken back (later_call.stands), stays on the card against the reply to a later question of the call asked
  no more surely: our read-back of it ("Значит, обоснование вам нужно к середине августа" — "Давайте к двадцатому
  июля"), our callback offer ("может, осенью созвонимся?" — "Давайте в сентябре"), a question about another step
  ("А сама программа … когда стартовать?" — "Нет, какая осень"). A later question asked more surely (a re-ask: "А по
  времени-то вы бы когда хотели…?" — "Ой, я же не ответила. К маю") still takes the card.
- A told need stands against a follow-up (``first_stands``): the first reply in the call to a free-text question asked
  unsure (our hearsay or guess: "Вы тогда обронили, что с простудной группой каждую зиму одна и та же история") that
  carried the substance stays on the card when a later question asked surely is a yes/no or either-or question about a
  detail ("А вы по этой группе сейчас с одним работаете?", "Хоть какой-то умягчитель, или комплексонатом дозируете?")
  or a statement; an open question with its own question word ("А в текущей кассовой что не устраивает?", "а что
  случилось") asks the need itself, and its reply takes the card (the first reply was small talk: "Ну, почти соседи").
  A first reply that carried nothing of the question (held, recorded only as its window closed) does not stand.
  Round 19 (eng19b): the told need stands also against a later call's follow-up ("Они обвязку переделывали или
  байпас уже был заложен?", "Это, полагаю, для вас существенно, учитывая, что пробы ждать не могут."): the issue's
  rule, a later call answers only what was never answered where it was asked; a gerund opens a clause («учитывая, что»).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from qa_desk.analysis.language import language
from qa_desk.analysis.later_call import stands
from qa_desk.analysis.lexicon import Token
from qa_desk.analysis.results import Evidence, QuestionResult

if TYPE_CHECKING:
    from qa_desk.analysis.pairing import Window

# a question word after these opens a clause, not a question ("понять, почему…", "те семь, что остались", "прикидываю, что",
# "учитывая, что")
_CLAUSE = frozenset({"VERB", "INFN", "GRND", "NUMR", "NOUN"})  # round 19: «учитывая, что…»
_SO = "так"  # "…, так что к лету хочется": a consequence, no question
_YES_NO = "ли"  # "есть ли" asks yes or no


def date_stands(result: QuestionResult, shown: Evidence | None, recording: int, sure: float) -> bool:
    """``shown`` (the card's date) stands against a reply in call ``recording``: it stands against a later call
    (later_call.stands), or it was prompted in this call by a question asked there with at least ``sure`` confidence and
    at least as surely as the question asked last, and would stand against the next call."""
    if stands(result, shown, recording, sure):
        return True
    if shown is None or shown.recording != recording or not stands(result, shown, recording + 1, sure):
        return False
    asked = [a.confidence for a in result.asked_evidence if a.recording == recording and a.start <= shown.start]
    return bool(asked) and asked[-1] >= result.asked_evidence[-1].confidence


def first_stands(result: QuestionResult, window: Window, recording: int) -> bool:
    """The first reply in call ``recording`` to the question asked unsure carried the substance, and the window's question
    (asked surely) is no open question of its own: the card keeps that first reply."""
    first = result.first_reply
    return (first is not None and not result.first_held and result.answer_evidence[first].recording <= recording
            and not open_question(window.question))  # round 19: a later call's follow-up does not replace it either


def open_question(tokens: Sequence[Token]) -> bool:
    """The sentence has a question word that opens a question, not a clause after a verb, a noun or a count, nor «так
    что», nor the yes/no «ли»."""
    words = [t for t in tokens if t.is_word]
    asking = language().question_words - {_YES_NO}
    return any(t.lemma in asking and (k == 0 or words[k - 1].pos not in _CLAUSE and words[k - 1].lemma != _SO)
               for k, t in enumerate(words))
