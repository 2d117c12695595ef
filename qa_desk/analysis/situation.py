"""Need asked by what it is about: a question about the client's present situation.

A manager often asks the need without a need word, by putting the client's present situation to him:
an either-or of two situations ("у вас танк есть, или во флягах остужаете?", "вы зал расширяете или
старое меняете?"), a guess at it or at its cause ("я так понимаю, ваши холодильники температуру не
держат?"), or how they do it now ("а вы сейчас как-то рекламируетесь?"). Such a question is addressed
to the client as the one who acts or has (a second-person verb, "вы", "у вас", "ваш"; not "вам" alone:
"счёт вам выставить?"), has a predicate, names neither us nor the speaker and is no question about the
call itself (a time, a callback, the request or letter that brought us together, our terms), no plan
("будете забирать?") and no small talk. The detector takes it for need only when no other topic claims
it (``detect.Detector``). Nothing here names a trade: the mechanism is the question's form.
"""

from __future__ import annotations

from collections.abc import Sequence

from qa_desk.analysis.guess import frame_span, guessed_clause, reports_hearsay, restates
from qa_desk.analysis.language import CALL_VERBS, LISTENER_LEAD_INS, PLANS, WE
from qa_desk.analysis.lexicon import Token
from qa_desk.analysis.timing import DAYTIME, WEEKDAYS

_NOW = frozenset({"сейчас", "щас", "нынче", "теперь"})
# question words that ask a figure, a time, a place or a person; the call itself and its channels
_OFF = frozenset({"когда", "сколько", "кто", "где", "куда", "откуда", "можно", "разговаривать", "говорить", "слышать",
                  "связаться", "связываться", "звонить", "заявка", "звонок", "письмо", "почта", "сайт", "номер", "телефон",
                  "счёт", "презентация", "каталог", "прайс", "ссылка", "сообщение", "время", "завтра", "сегодня",
                  "послезавтра", "минута", "минутка", "секунда",
                  # what passes between us and him: our papers and samples, our terms
                  "кп", "документ", "документы", "образец", "материал", "договор", "контракт", "доставка", "самовывоз",
                  "отгрузка", "гарантия", "скидка", "рассрочка", "предоплата", "оплата",
                  # small talk
                  "погода", "дело", "настроение", "праздник", "отпуск", "выходной"}) | CALL_VERBS | WEEKDAYS | DAYTIME
_SUPPOSE = frozenset({"ведь", "же", "ж"})  # after "вы": the speaker supposes it ("вы ведь сою сеете")
_CAUSE = frozenset({"поэтому", "потому", "оттого"})
_PLAN = PLANS | frozenset({"думать", "собираться"})  # "покупать думаете?": a plan, not his present situation


def _addressed(words: Sequence[Token], k: int) -> bool:
    """Word ``k`` names the client as the one who acts or has: "вы", "у вас", "ваш", a 2nd-person verb."""
    t = words[k]
    if t.pos == "VERB":  # "смотрите" asks ("или ещё смотрите?") unless it opens the sentence as a lead-in
        return "2per" in t.tags and _indicative(t) and (k > 1 or t.text.lower() not in LISTENER_LEAD_INS)
    return t.text.lower() == "вы" or _has(words, k)


def _has(words: Sequence[Token], k: int) -> bool:
    """Word ``k`` is "вас" of "у вас" or a form of "ваш": the client as the one who has."""
    return "ваш" in words[k].lemmas or k > 0 and words[k - 1].text.lower() == "у" and "вы" in words[k].lemmas


def _indicative(t: Token) -> bool:
    return "impr" not in t.tags or "indc" in t.tags


def _predicate(t: Token) -> bool:
    """A predicate of a state or of what he does or did; not a plan ("будете забирать", "приедете")."""
    if t.pos == "VERB":
        return _indicative(t) and ("futr" not in t.tags or "pres" in t.tags)  # "арендуете": both aspects
    return t.pos in ("PRED", "PRTS") or "ADJS" in t.tags or t.text.lower() in ("есть", "нет")


def _ours(t: Token) -> bool:
    return not t.lemmas.isdisjoint(WE) or t.lemma == "я" or t.pos == "VERB" and "1per" in t.tags


def _adjunct(words: Sequence[Token], k: int) -> bool:
    """Noun ``k`` says how his own action is done, in a phrase after its verb ("кто-то обслуживает по договору"):
    a circumstance of his situation, not our paper or terms asked about."""
    return words[k].pos == "NOUN" and k > 1 and words[k - 1].pos == "PREP" and words[k - 2].pos == "VERB" \
        and "1per" not in words[k - 2].tags and words[k - 2].lemmas.isdisjoint(_OFF)


def _thing_stated(words: Sequence[Token]) -> bool:
    """A verbless clause that states what a thing is like: a nominative inanimate noun and, after it, an
    adjective or participle agreeing with it ("система уже под замену, старая", "МФУ купленные"), not an attribute
    before its noun ("старая система")."""
    if any(t.pos in ("VERB", "INFN") for t in words):
        return False
    for i, noun in enumerate(words):
        if noun.pos != "NOUN" or "nomn" not in noun.tags or noun.animate or "Name" in noun.tags:
            continue
        for adj in words[i + 1:]:
            if adj.pos in ("ADJF", "PRTF") and "Apro" not in adj.tags and "nomn" in adj.tags and _agree(noun, adj):
                return True
    return False


def _agree(noun: Token, adj: Token) -> bool:
    if "plur" in noun.tags and "plur" in adj.tags:
        return True
    return "sing" in noun.tags and not {"masc", "femn", "neut"}.isdisjoint(noun.tags & adj.tags)


def kind(tokens: Sequence[Token], text: str = "") -> str | None:
    """How a question sentence asks the client's present situation: "alt" (an either-or of two
    situations), "guess" (a guess put to him), "cause" (a guessed reason), "now" (what he does now),
    "state" (what is the matter with him); None when it does not."""
    clause = guessed_clause(tokens, text)
    span = frame_span(tokens)
    framed = clause is not None and span is not None and not reports_hearsay(tokens) and not restates(tokens)
    if span is not None and not framed:
        return None  # "Мне сказали, что…", "То есть …": a read-back, not a guess at his situation
    words = [t for t in (clause if clause is not None else tokens) if t.is_word]
    if any(_ours(t) for t in words) or not any(_addressed(words, k) for k in range(len(words))) and not (
            framed and _thing_stated(words)):  # "наверно, система уже под замену, старая?": his thing, unnamed as his
        return None
    low = [t.text.lower() for t in words]
    # "что там у вас, по предписанию или просто…", "а что с аппаратом у вас?": what is the matter with him
    state = "что" in low[:3] and "за" not in low and any(_has(words, k) for k in range(len(words)))
    if any(not t.lemmas.isdisjoint(_OFF) and not _adjunct(words, k) for k, t in enumerate(words)):
        return None
    if not state and not any(_predicate(t) for t in words) and not _thing_stated(words):
        return None
    if "или" in low:
        k = low.index("или")
        planned = any(t.pos == "INFN" for t in words) and any(not t.lemmas.isdisjoint(_PLAN) for t in words)
        if not planned and any(t.is_content for t in words[:k]) and any(_predicate(t) for t in words[k + 1:]):
            return "alt"  # two situations, each a clause; not "блочное или файловое", "утром или после обеда"
    if framed or any(_addressed(words, k) and low[k + 1] in _SUPPOSE for k in range(len(words) - 1)):
        return "guess"  # "я так понимаю, …", "вы ж зал расширяете", "вы ведь сою сеете"
    if not _CAUSE.isdisjoint(low):
        return "cause"  # a guessed reason: "…надо, да, поэтому смотрите?"
    if not _NOW.isdisjoint(low) and all(t.lemma != "какой" for t in words) and any(
            t.pos == "VERB" and "pres" in t.tags and "2per" in t.tags or _has(words, k) for k, t in enumerate(words)):
        return "now"  # "а вы сейчас как-то рекламируетесь?", "у вас сейчас с учётом нормально?"
    if state:
        return "state"
    return None


def asks(tokens: Sequence[Token], text: str, question: bool) -> bool:
    """A question sentence (or one trailing off in "…" without its "?": "а у вас сейчас с учётом
    нормально, нагрузка не большая…") that asks the client's present situation."""
    return (question or text.rstrip().endswith("…")) and kind(tokens, text) is not None
