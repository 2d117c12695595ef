"""Guesses and confirmations put to the client: the question is the clause guessed, not its frame.

A manager often asks by stating what he believes and letting the client confirm or correct it: "я
правильно понимаю, что выбор поставщика за вами?", "переезжать вы, я так понимаю, хотите не прямо
завтра?", "наверное, у вас уже есть дата", "Олег сказал, что решение по договору за вами. Так?". The
frame ("я так понимаю", "наверное", "X сказал, что", a confirming tag "так?", "верно?", "да?") carries no
topic of its own, and its "понимаю" pulls the topic classifier towards the generic need question; the
topic is the guessed clause's (``guessed_clause``). A statement followed by a confirming tag is a
question (``confirms``). Within the clause a time anchor ("к началу сезона", "до приезда", "не прямо
завтра") points to timing, "за вами" to the decider and a money figure to the budget (``anchor_kinds``),
not to need.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from qa_desk.analysis.amounts import budget_value
from qa_desk.analysis.by_identity import IdentityCache
from qa_desk.analysis.language import (
    ACKNOWLEDGEMENTS,
    CONFIRMATIONS,
    LEAD_INS,
    NEGATIONS,
    PLANS,
    RESTATE,
    WE,
    YOU,
    Language,
)
from qa_desk.analysis.lexicon import Token
from qa_desk.analysis.money import find_amounts
from qa_desk.analysis.questions import AnswerKind
from qa_desk.analysis.siblings import counts_not_money
from qa_desk.analysis.timing import purchase_period

_UNDERSTAND = frozenset({"понимать", "понять", "помнить"})  # "я правильно помню, что …"
_QUALIFIERS = frozenset({"так", "правильно", "верно", "как", "насколько", "если", "я", "ли"})  # "правильно ли я понимаю"
_HEARSAY = frozenset({"сказать", "говорить", "упомянуть", "упоминать", "назвать", "называть", "рассказать",
                      "рассказывать", "передать", "передавать", "написать", "писать", "обмолвиться"})
_PARENTHETICAL = frozenset({"наверное", "наверно", "получается", "видимо", "вероятно", "похоже", "по-видимому",
                            "небось", "кажется", "думаю", "полагаю", "подозреваю"})
_LEAD = LEAD_INS | ACKNOWLEDGEMENTS | {"и", "вот"}
# a confirming tag: "Так?", "Это так?", "Верно?", "Я правильно понимаю?", "правильно?", "да?", "не так ли?"
_TAG_WORDS = frozenset({"так", "это", "верно", "правильно", "да", "я", "понимать", "понять", "ведь", "не", "ли",
                        "ошибаться", "точно", "реально", "же", "или", "нет", "актуально", "актуальный", "ещё", "еще",
                        "в", "сила", "правда", "всё", "все"})
_TAG_KEYS = frozenset({"так", "верно", "правильно", "да", "актуально", "силе", "правда"})  # "Это актуально?", "Всё ещё в силе?"
_TAG_MAX = 4
_FIRST = WE | {"я"}
_MIN_CLAUSE = 2  # content words a guessed clause needs
_PLANS = PLANS | {"хотеться", "успеть", "готовый", "думать", "бы"}
_DATE_NOUNS = frozenset({"дата", "срок", "дедлайн"})  # a guessed clause about the date itself
_ANCHOR_PREPS = {"к": "datv", "до": "gent"}


def _words(tokens: Sequence[Token]) -> list[tuple[int, Token]]:
    return [(i, t) for i, t in enumerate(tokens) if t.is_word]


def is_tag(tokens: Sequence[Token]) -> bool:
    """A confirming tag on its own ("Так?", "Это так?", "Я правильно понимаю?", "Верно?"), or one that
    opens a short alternative ("Это так, или ещё кто-то подключается?")."""
    words = [t for t in tokens if t.is_word]
    if not words or not any(t.text == "?" for t in tokens):
        return False
    if len(words) <= _TAG_MAX:
        return all(not w.lemmas.isdisjoint(_TAG_WORDS) or w.text.lower() in _TAG_WORDS for w in words) and any(w.text.lower() in _TAG_KEYS for w in words)
    alt = next((k for k, w in enumerate(words) if w.text.lower() == "или"), len(words))
    return 0 < alt <= _TAG_MAX and all(w.text.lower() in _TAG_WORDS for w in words[:alt]) \
        and any(w.text.lower() in ("так", "верно", "правильно") for w in words[:alt])


_TAIL = re.compile(r",\s*((?:(?:я|так|правильно|верно|понимаю|ведь|не|ли|да|это|же)\s*)+)[?.!…]*\s*$", re.IGNORECASE)


def _tag_tail(text: str, words: list[tuple[int, Token]]) -> int:
    """Where a confirming tag after a comma starts ("у вас шесть клубов, правильно?", "…, так ведь?", "…,
    я правильно понимаю?"), else len(words); "что сейчас не так?" has no comma before its "не так"."""
    m = _TAIL.search(text)
    if m is None or not set(m.group(1).lower().split()) & {"так", "верно", "правильно", "да"}:
        return len(words)
    k = len(words) - len(m.group(1).split())
    return k if k >= _MIN_CLAUSE else len(words)


_SPANS: IdentityCache[tuple[Token, ...], tuple[int, int] | None] = IdentityCache(4096)  # by the tokens tuple's identity


def frame_span(tokens: Sequence[Token]) -> tuple[int, int] | None:
    """The token span of a guess's frame ("я правильно понимаю, что", "Олег сказал, что", "наверное",
    "то есть"), or None when the sentence frames no guess. A sentence's tokens (an immutable tuple) are read once:
    many steps ask it of the same sentence (kept with the tuple itself, so an id is never reused while kept)."""
    if type(tokens) is not tuple:
        return _frame_span(tokens)
    return _SPANS.get(tokens, _frame_span)


def _frame_span(tokens: Sequence[Token]) -> tuple[int, int] | None:
    words = _words(tokens)
    low = [t.text.lower() for _i, t in words]
    for k, (i, t) in enumerate(words):
        if t.lemma in _UNDERSTAND and t.pos == "VERB" and ("1per" in t.tags or "past" in t.tags and "sing" in t.tags) \
                and (k and low[k - 1] in _QUALIFIERS or k + 1 < len(words) and low[k + 1] == "что"):
            start = k
            while start and low[start - 1] in _QUALIFIERS:
                start -= 1
            return _span(tokens, words, start, k)
        if t.lemma in _HEARSAY and t.pos == "VERB" and "past" in t.tags and k + 1 < len(words) \
                and all(w.pos in ("NOUN", "NPRO", "ADVB") or w.text.lower() in _LEAD or "Name" in w.tags for _j, w in words[:k]) \
                and not any(w.text.lower() in ("я", "мы") for _j, w in words[:k]):
            return _span(tokens, words, 0, k)  # "Олег сказал, что…", "Дарья назвала срок, …", "вы говорили, что…"
        if low[k] in _PARENTHETICAL and (k + 1 < len(words)):
            return i, i + 1
        if tuple(low[k:k + 2]) == RESTATE and all(w in _LEAD for w in low[:k]):
            return words[0][0], words[k + 1][0] + 1
    return None


def restates(tokens: Sequence[Token]) -> bool:
    """The guess reads back what the client just said ("То есть последнее слово за ним?"), not a new question."""
    span = frame_span(tokens)
    return span is not None and [t.text.lower() for t in tokens[span[1] - 2:span[1]]] == list(RESTATE)


_YES = CONFIRMATIONS | {"правильно", "всё", "все", "ну"}  # not "ага", a backchannel


def confirmed(kind: AnswerKind, clause: Sequence[Token], reply: Sequence[Token], lang: Language) -> dict[str, Any] | None:
    """The value a reply that only confirms the guess ("Да, так.", "Всё верно") gives: the guessed
    clause's own (its figure, its time, "за вами": the speaker); None when the reply does not confirm."""
    words = [t for t in reply if t.is_word]
    if not words or any(t.text.lower() not in _YES for t in words[:2]) and words[0].text.lower() not in ("да", "верно") \
            or not NEGATIONS.isdisjoint(t.text.lower() for t in words):
        return None
    if kind is AnswerKind.MONEY:
        return budget_value(clause, reply=False)
    if kind is AnswerKind.TIMING:
        period = purchase_period(clause, lang)
        return {"text": period[0]} if period else None
    if kind is AnswerKind.PERSON and AnswerKind.PERSON in anchor_kinds(clause, lang):
        return {"text": "я", "self": True}  # "решение за вами? — Да, так."
    return None


def reports_hearsay(tokens: Sequence[Token]) -> bool:
    """The sentence opens by reporting what someone said ("Дарья сказала, что…", "Олег назвал срок"): the
    name that opens it is a third person's, not the one addressed."""
    span = frame_span(tokens)
    if span is None:
        return False
    first = next(i for i, t in enumerate(tokens) if t.is_word)  # a frame has a word
    return span[0] == first and any(
        t.lemma in _HEARSAY for t in tokens[span[0]:span[1]])


def _span(tokens: Sequence[Token], words: list[tuple[int, Token]], start: int, verb: int) -> tuple[int, int]:
    """From word ``start`` through the verb at word ``verb`` and a following "что"."""
    end = words[verb][0] + 1
    if verb + 1 < len(words) and words[verb + 1][1].text.lower() == "что":
        end = words[verb + 1][0] + 1
    return words[start][0], end


def guessed_clause(tokens: Sequence[Token], text: str = "") -> list[Token] | None:
    """The tokens of the clause a guess puts to the client, its frame and confirming tag removed; None when
    the sentence is no guess or the clause says too little."""
    span = frame_span(tokens)
    words = _words(tokens)
    tail = _tag_tail(text, words)
    if span is None and tail == len(words):
        return None
    cut_from = min(words[tail][0] if tail < len(words) else len(tokens), without_purpose(tokens))
    start, end = span or (0, 0)
    clause = [t for i, t in enumerate(tokens) if not start <= i < end and (i < cut_from or t.text == "?")]
    clause = [t for t in clause if t.is_word or t.is_digit or t.text == "?"]
    if sum(t.is_content for t in clause) < _MIN_CLAUSE:
        return None
    return clause


def without_purpose(tokens: Sequence[Token]) -> int:
    """Where a guess's closing purpose clause starts (", чтобы включить его в бюджет?"), else len(tokens): what
    the guess is for, a circumstance; its nouns ("бюджет") are not what the client is to confirm."""
    at = next((i for i, t in enumerate(tokens) if t.text.lower() in ("чтобы", "чтоб")), None)
    if at is None or sum(t.is_content for t in tokens[:at]) < _MIN_CLAUSE + 1:
        return len(tokens)
    return at


def put_to_client(tokens: Sequence[Token]) -> bool:
    """A statement a confirming tag may turn into a question: a hearsay or guess frame, or one about the
    client ("у вас", "за вами", "вы готовы") with no first person besides."""
    if frame_span(tokens) is not None:
        return True
    lemmas = {lemma for t in tokens for lemma in t.lemmas}
    return not lemmas.isdisjoint(YOU) and _FIRST.isdisjoint(t.text.lower() for t in tokens)


def anchor_kinds(clause: Sequence[Token], lang: Language) -> set[AnswerKind]:
    """The answer kinds a guessed clause points to by its anchors: a time ("к началу сезона", "до
    приезда коллег", "не прямо завтра") to timing, "за вами" to a person, a money figure to money."""
    kinds: set[AnswerKind] = set()
    lemmas = {lemma for t in clause for lemma in t.lemmas}
    planned = not lemmas.isdisjoint(_PLANS) or any(t.pos == "INFN" for t in clause)
    if planned and (purchase_period(clause, lang, strict=True) is not None or _event_anchor(clause)) \
            or _date_topic(clause):  # "дата, наверное, у вас уже есть"; not "оформляются в разные даты"
        kinds.add(AnswerKind.TIMING)  # "до начала сезона хотелось бы", "к приезду коллег надо"; not "на зиму у вас занимается"
    if any(a.text.lower() == "за" and b.text.lower() in ("вами", "тобой") for a, b in zip(clause, clause[1:], strict=False)):
        kinds.add(AnswerKind.PERSON)
    if find_amounts(clause) and not lemmas.isdisjoint(YOU) and not counts_not_money(clause, lang.money_heads):
        # "вы готовы тысяч триста"; not "в год это около миллиона", nor a count ("учеников у вас в районе сотни")
        kinds.add(AnswerKind.MONEY)
    return kinds


def _date_topic(clause: Sequence[Token]) -> bool:
    """A date noun the clause is about ("дата у вас уже есть"), not one of its circumstances, governed by a
    preposition ("полисы оформляются в разные даты", "к сроку сдачи"): none of the words before it in its
    phrase (its modifiers) is a preposition."""
    for k, t in enumerate(clause):
        if t.lemmas.isdisjoint(_DATE_NOUNS):
            continue
        j = k - 1
        while j >= 0 and clause[j].pos in ("ADJF", "PRTF", "NUMR", "NPRO") and clause[j].pos != "PREP":
            j -= 1
        if j < 0 or clause[j].pos != "PREP":
            return True
    return False


def counted_nouns(clause: Sequence[Token]) -> frozenset[str]:
    """The lemmas of the nouns a guessed clause counts of the client's ("у вас шесть клубов": клуб)."""
    if find_amounts(clause) or all(t.lemmas.isdisjoint(YOU) for t in clause):
        return frozenset()  # a figure of money; a read-back of the client's count ("То есть порядка двух тысяч точек")
    return frozenset().union(*(b.lemmas for a, b in zip(clause, clause[1:], strict=False)
                               if (a.is_digit or "NUMR" in a.tags) and b.pos == "NOUN"))


def _event_anchor(clause: Sequence[Token]) -> bool:
    """"к приезду", "до начала сезона", "к открытию": "к"/"до" and a thing (not a person, place or pronoun)."""
    for a, b in zip(clause, clause[1:], strict=False):
        case = _ANCHOR_PREPS.get(a.text.lower())
        if case and b.pos == "NOUN" and case in b.tags and not b.animate and "Geox" not in b.tags and "Name" not in b.tags:
            return True
    return False
