"""Shapes of the decider answer that the reply's own grammar settles (round 18, eng18k).

- A kin or role word owned by the deciding pronoun's person ("Решает он, и только он, ну и иногда его жена") is
  someone beside the decider, not the decider: the pronoun's antecedent alone is named.
- A reply to our question for a contact ("с кем обсуждать") does not displace an earlier stated decider.
- A one-sentence answer ("С мужем.") gives way to the decider the whole turn names.
- "Мы вчетвером решаем" after the speaker named the body they sit in ("у нас в правлении трое") is that body.
"""

from __future__ import annotations

from collections.abc import Sequence

from qa_desk.analysis.colloquial import colloquial
from qa_desk.analysis.decider_claims import collective_in_full
from qa_desk.analysis.deciders import best_person
from qa_desk.analysis.detect import Detector
from qa_desk.analysis.lexicon import Token, lemma_of
from qa_desk.analysis.names import has_name
from qa_desk.analysis.pairing import Unit
from qa_desk.analysis.person import COLLECTIVES, DECIDE_VERBS
from qa_desk.analysis.results import Evidence, QuestionResult
from qa_desk.domain.transcript import Speaker

_STATED = 3.0  # at least: a role or a name next to a deciding word (decider_later._STATED)
_THIRD_POSSESSIVE = frozenset({"его", "её", "ее", "их"})  # "его жена": the wife of the one "он" names


def owned_by_pronoun(tokens: Sequence[Token], role: str) -> bool:
    """The role's head word follows a third-person possessive in the sentence ("его жена", "их бухгалтер")."""
    heads = {lemma_of(w) for w in role.lower().split()}
    words = [t for t in tokens if t.is_word]
    return any(t.lemma in heads and i and words[i - 1].text.lower() in _THIRD_POSSESSIVE and words[i - 1].pos == "NPRO"
               for i, t in enumerate(words))


def we_collective(turn: Sequence[Sequence[Token]], quote: str) -> str | None:
    """"Мы (вчетвером) решаем" in the answer, after the turn named the body the speaker sits in ("я председатель, и ещё
    у нас в правлении трое… Вот мы вчетвером решаем"): that body (the nearest named before the claim), else None."""
    at = next((k for k, tokens in enumerate(turn) if _we_decide(tokens) and _said_in(tokens, quote)), None)
    if at is None:
        return None
    for tokens in reversed(turn[:at + 1]):
        body = next((t.lemma for t in reversed(tokens) if t.lemma in COLLECTIVES and t.pos == "NOUN"), None)
        if body is not None:
            return body
    return None


def _we_decide(tokens: Sequence[Token]) -> bool:
    words = [t for t in tokens if t.is_word]
    return any(t.text.lower() == "мы" for t in words) and any(
        not t.lemmas.isdisjoint(DECIDE_VERBS) and "plur" in t.tags and "1per" in t.tags for t in words)


def _said_in(tokens: Sequence[Token], quote: str) -> bool:
    return all(t.text in quote for t in tokens if t.is_word)


def stated_over_contact(detector: Detector, result: QuestionResult, units: list[Unit]) -> int | None:
    """The card's answer replies to our question for a contact ("А кто у вас по льготам главный, с кем обоснование
    обсуждать?" — "Вадим Игоревич Рябов, начальник отдела…"): an earlier prompted reply that stated who decides ("…что
    войдёт в соцпакет, решает комиссия") stands; the index of that reply, else the card's own choice."""
    shown = result.primary_answer
    if shown is None or len(result.answer_evidence) < 2 or not _contact_asked(units, shown):
        return result.primary
    for k in range(result.answer_evidence.index(shown) - 1, -1, -1):
        e = result.answer_evidence[k]
        sentences = detector.sentences(e.quote)
        found = best_person([s.tokens for s in sentences], detector.lang)
        if not e.volunteered and found is not None and not found.speaker and any(
                not s.lemmas.isdisjoint(DECIDE_VERBS) for s in sentences):
            return k
    return result.primary


_WHOM = frozenset({"кто"})  # "с кем", "кому"


def _contact_asked(units: list[Unit], shown: Evidence) -> bool:
    """Our turn right before the reply asks whom to talk to ("с кем обсуждать", "кому позвонить"), not who decides."""
    k = next((i for i, u in enumerate(units) if u.recording == shown.recording and u.role == Speaker.CLIENT
              and u.segment.start <= shown.start <= u.segment.end), None)
    if not k or units[k - 1].role == Speaker.CLIENT or units[k - 1].recording != shown.recording:
        return False
    talk = colloquial().talk_verbs - DECIDE_VERBS
    return any(s.is_question and s.lemmas.isdisjoint(DECIDE_VERBS) and any(
        t.lemma in _WHOM and t.text.lower() != "кто" and any(not u.lemmas.isdisjoint(talk) for u in s.tokens[i + 1:i + 4])
        for i, t in enumerate(s.tokens)) for s in units[k - 1].sentences)


def complemented_body(role: str, turn: list[list[Token]]) -> str:
    """A one-word role with the complement the same turn gives it ("через комитет по закупкам … решение
    принимает комитет" -> "комитет по закупкам", "совет директоров")."""
    if " " in role:
        return role
    head = lemma_of(role.lower())
    for tokens in turn:
        words = [t for t in tokens if t.is_word]
        for i, t in enumerate(words[:-1]):
            if t.lemma != head:
                continue
            nxt = words[i + 1]
            if nxt.text.lower() == "по" and i + 2 < len(words) and words[i + 2].pos == "NOUN":
                return f"{role} по {words[i + 2].text.lower()}"  # "комитет по закупкам"
            if nxt.pos == "NOUN" and "gent" in nxt.tags and {"Name", "Surn", "Patr"}.isdisjoint(nxt.tags):
                return f"{role} {nxt.text.lower()}"  # "совет директоров"
    return role


def is_body(text: str) -> bool:
    """A collective decider ("закупочная комиссия"): no person's greeting names it."""
    return bool(text) and text.split()[-1].lower() in COLLECTIVES


def spoken_of(tokens: Sequence[Token]) -> bool:
    """A sentence about someone, not the speaker's introduction: its verb is in the third person ("Роман Ильич счёт
    подписывает, да, но он в муку не лезет")."""
    return any(t.pos == "VERB" and "3per" in t.tags for t in tokens)


def body_in_call(units: list[Unit], shown: Evidence, text: str) -> str | None:
    """A bare collective on the card ("комиссия двадцать пятого") in the full form the client gave it earlier in the
    call ("потом решает тендерная комиссия, там пять человек"), the nearest before; else None."""
    if not is_body(text) or " " in text:
        return None
    before = [u for u in units if u.recording == shown.recording and (u.role == Speaker.CLIENT and u.segment.start <= shown.start
                                                                     or u.segment.start == shown.start)]  # mono: one turn
    for unit in reversed(before):
        sentences = [s.tokens for s in unit.sentences]
        if (full := collective_in_full(text, sentences, len(sentences))) is not None:
            return full
    return None


def turn_over_quote(detector: Detector, result: QuestionResult, units: list[Unit]) -> None:
    """The card's answer is one sentence of the reply ("С мужем."; "Светлана, да." to "Вас Светлана зовут? А ставки
    вы сами согласовываете…"), and the whole turn names the decider more surely ("…деньгами у нас Андрей Викторович
    занимается… Последнее слово всё равно за ним."): the turn's named decider goes on the card."""
    shown = result.primary_answer
    if shown is None or shown.value is None or shown.value.get("self"):
        return
    unit = next((u for u in units if u.recording == shown.recording and u.role == Speaker.CLIENT
                 and u.segment.start <= shown.start <= u.segment.end), None)
    if unit is None:
        return
    same = [u for u in units if u.recording == unit.recording and u.segment.start == unit.segment.start]  # mono: cut up
    turn = best_person([s.tokens for u in same for s in u.sentences if not s.is_question], detector.lang)
    quote = best_person([s.tokens for s in detector.sentences(shown.quote)], detector.lang)
    if turn is None or turn.speaker or not turn.states or turn.score < _STATED or not has_name(turn.text):
        return
    if any(not s.lemmas.isdisjoint(DECIDE_VERBS) for s in detector.sentences(shown.quote)):
        return  # the quote itself says who decides ("Решает совет учредителей, их трое…")
    if quote is None or " " not in quote.text and quote.score < turn.score and not set(quote.text.lower().split()) & set(
            turn.text.lower().split()):  # a bare word ("муж", "Светлана"), not "директор по развитию"
        shown.value = {**shown.value, "text": turn.text}
