"""Questions without their "?": a line that asks by its syntax, and a statement the client's reply confirms.

Whisper base keeps the "?" on few questions (29 of 145 on H15), and typists drop it too. Two readings stand in
for the mark:

- ``asks_unmarked`` (read by ``form.is_question`` last): the form of a yes/no question put to the client that
  survives without its mark: a confirming tag after a comma ("…, верно", "…, так"), a guess frame with the
  client in its clause ("я так понимаю, у вас всё устраивает", "вы, наверное, …"), a clause opened with "а"
  about the client ("а помещения большие у вас", "Лариса, а их много у вас"), "вы готовы/согласны …". Never
  with the speaker's own side in it ("а у нас…", "я вам пришлю…", "мы соберём…"): our plan, consolation or
  callback asks nothing, and never in a condition ("если вы…", "когда будете готовы…").
- ``stated_topic`` (read by ``Detector.weak_asks``): a manager's statement with no question form whose words ask
  a topic as a question would (the rules, or the classifier reading it with its "?") is a candidate that the
  client's next turn must confirm by answering the topic's matter (shape.reply_fits); the last sentence of a
  turn that asks nothing else, not a plan or callback of ours, not a read-back of what the client just said.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from qa_desk.analysis.guess import frame_span
from qa_desk.analysis.language import ACKNOWLEDGEMENTS, CALL_VERBS, COUNT_WORDS, RESTATE, WE, YOU, Language
from qa_desk.analysis.lexicon import Token

# the speaker's own side, as written: a line with one of these states our plan, offer or consolation
_OURS = frozenset({"я", "мы", "наш", "наша", "наше", "наши", "нашего", "нашей", "нашим", "наших", "нашу", "нам", "нас",
                   "мне", "меня", "мной", "мною", "нами"})
_CONDITION = frozenset({"если", "когда", "чтобы", "чтоб", "пока", "раз", "как", "потому", "хотя", "может", "можно"})
_TAGS = frozenset({"верно", "правильно", "правда"})  # "…, верно": "да", "так" only in a line about the client
_TAG_ONLY = frozenset({"так", "верно", "правильно", "правда", "да", "ведь", "же", "не", "ли", "я", "понимаю"})
# a consent tag closing our plan ("…, хорошо?"); not "да?", which closes any guess ("…больше десятка, да?")
_CONSENT = frozenset({"хорошо", "ладно", "договорились", "идёт", "идет", "можно", "удобно", "пойдёт", "пойдет", "не",
                      "против", "ок", "окей"})
_THINKING = frozenset({"понимать", "понять", "смотреть", "видеть", "думать", "знать", "помнить", "полагать"})  # "я смотрю, …"
_READY = frozenset({"готовый", "согласный", "уверенный", "довольный", "заинтересованный", "открытый"})
_VOCATIVE_MAX = 3  # words of an address before "а" ("Игорь Леонидович, а …")
_MIN_WORDS = 3
_UNDERSTAND = frozenset({"понимать", "понять", "помнить"})  # "я так понимаю", "я правильно помню"
_SIZE = COUNT_WORDS | {"много", "мало", "больше", "меньше"}  # a statement of size a count confirms
_ANNOUNCE = frozenset({"вопрос", "спросить", "чтобы", "чтоб"})  # "Следующий вопрос: …", "чтобы не ошибиться: …"
_WORD = re.compile(r"[а-яёa-z]+", re.IGNORECASE)
_CLAUSE_OR = re.compile(r",\s*или\s+(?!нет\b|как\b|что\b)\w+\W+\w+", re.IGNORECASE)  # ", или вопрос уже закрыт"; not "или нет"


def asks_unmarked(tokens: Sequence[Token], lang: Language, text: str = "", opens: bool = False) -> bool:
    """Whether a sentence without "?" asks the client by its form (see the module's doc); ``text``, the sentence as
    written, gives its commas and colons (the tokens have none): without it a frame must name the client; ``opens``:
    the sentence opens its turn (after acknowledgements only), where "а" and a verb ask ("Понятно. А с охраной всё
    устраивает."); further on, "а" sets one clause of the speaker's against another ("Я собираю. А утверждает …")."""
    words = [t for t in tokens if t.is_word]
    if len(words) < _MIN_WORDS or any(t.text == "?" for t in tokens) or not _may_ask(words, text):
        return False
    span = frame_span(tokens) or _colon_frame(tokens, text, lang)
    frame = range(*span) if span is not None else range(0)
    said = [t.text.lower() for t in tokens[span[0]:span[1]]] if span is not None else []
    if said[:2] == list(RESTATE) or said and said[0] != "я" and not _OURS.isdisjoint(said):
        span, frame = None, range(0)  # "то есть …" reads back (a tag makes it ask); "он мне сказал, …" reports to us
    rest = [t for i, t in enumerate(tokens) if t.is_word and i not in frame]
    low = [t.text.lower() for t in rest]
    if not put_to_them(rest, lang) or any(t.lemma in CALL_VERBS for t in words):
        return False
    addressed = _addressed(rest)
    tag = _tag(words)
    if tag and (tag in _TAGS or addressed):
        return True  # "поставщик у вас «Вологдаэнергосбыт», верно", "сотрудников у вас двадцать пять, так"
    if span is not None and len(rest) >= _MIN_WORDS - 1 and (addressed or _guessing(tokens, span, text) and not any(
            t.pos in ("VERB", "INFN") and "futr" in t.tags for t in rest)):
        return True  # "у вас с бетоном сейчас, я так понимаю, всё устраивает", "народу, наверное, много работает"
    if _CLAUSE_OR.search(text) or _either_clauses(rest):
        return True  # "вентиляция там вообще нужна, или вопрос уже закрыт": an either-or of clauses
    if _opens_with_a(words) and (addressed and _said(rest) or "или" in low or opens and (_state(rest) or any(_predicate(t) for t in rest))):
        return True  # "а помещения большие у вас", "Лариса, а их много у вас", "а с охраной всё устраивает"
    return any(t.lemma in _READY and "ADJS" in t.tags for t in rest) and "вы" in low  # "вы готовы подъехать"


def _may_ask(words: Sequence[Token], text: str) -> bool:
    """A cheap test of what any reading below needs (this runs for every sentence): an "а" among the first words,
    a tag word last, "или", "готовы", a colon, an understanding verb or the client named."""
    low = [w.text.lower() for w in words]
    return "а" in low[:_VOCATIVE_MAX + 1] or low[-1] in _TAG_ONLY or "или" in low or ":" in text or any(
        w.lemma in _READY or w.lemma in _UNDERSTAND for w in words) or _addressed(words)


def put_to_them(words: Sequence[Token], lang: Language) -> bool:
    """A line (its words, a guess frame left out) with nothing of the speaker's side in it: no "я", "мы", "наш",
    no first-person verb, no instruction (an imperative other than "подскажите"; a form that reads as a present too
    is his present beside "вы": "вы же хотите успеть …"), not opened by a condition."""
    low = [t.text.lower() for t in words if t.is_word]
    if not low or not _OURS.isdisjoint(low) or low[0] in _CONDITION:
        return False
    you = any(t.lemma == "вы" and "nomn" in t.tags for t in words)  # "вы хотите": a present of his, no imperative
    return not any(t.is_word and ("1per" in t.tags or "impr" in t.tags and t.lemmas.isdisjoint(lang.request_verbs)
                                  and not (you and "pres" in t.tags)) for t in words)


def stated_to_client(tokens: Sequence[Token], lang: Language) -> bool:
    """A statement that may put a topic to the client for him to confirm ("Окончательное слово за ним.", "Людей вам
    много сейчас понадобится."): some words, none of our side, no callback; asked only when his reply confirms."""
    words = [t for t in tokens if t.is_word]
    return len(words) >= _MIN_WORDS and put_to_them(words, lang) and all(t.lemma not in CALL_VERBS for t in words)


def chained(tokens: Sequence[Token], lang: Language) -> bool:
    """A second question joined by "и" to the question before it ("…а их много у вас. И вообще в ближайшие месяцы
    большой набор планируется."): "и" first, a predicate of how things are or will be, nothing of ours."""
    words = [t for t in tokens if t.is_word]
    if len(words) < _MIN_WORDS or words[0].text.lower() != "и" or any(t.text == "?" for t in tokens):
        return False
    rest = words[1:]
    return put_to_them(rest, lang) and all(t.lemma not in CALL_VERBS for t in rest) and any(
        _predicate(t) or t.pos == "VERB" and "futr" in t.tags or t.pos in ("ADJS", "PRTS") for t in rest)


def count_confirms(question: Sequence[Token], reply: Sequence[Sequence[Token]]) -> bool:
    """A statement of size ("Народу, наверное, много работает.") that the reply's first sentence answers with a count
    ("Ну, врачей и сестёр человек шестьдесят"): the count confirms it was a question."""
    return any(t.lemma in _SIZE for t in question) and any(t.is_digit or "NUMR" in t.tags for t in (reply[0] if reply else ()))


def arranges(tokens: Sequence[Token], text: str, lang: Language) -> bool:
    """Our own line that a "?" makes look like a question: a plan or callback closed by a consent tag ("Тогда я
    себе ставлю в сентябре вам набрать, хорошо?", "соберём программу под ваши задачи, да?") or a consolation
    ("Может, когда накопите..."): it asks the client's consent or nothing, never a topic."""
    if not text.lower().startswith(("может", "возможно")) and "," not in text:
        return False  # the cheap test first: this runs for every sentence of every manager turn
    words = [t for t in tokens if t.is_word]
    low = [t.text.lower() for t in words]
    if len(low) > 2 and low[0] in ("может", "возможно") and low[1] in ("когда", "если", "потом", "тогда"):
        return True
    at = text.rfind(",")
    tail = _WORD.findall(text[at + 1:].lower()) if at >= 0 else []
    if not tail or len(tail) > 2 or any(w not in _CONSENT for w in tail):
        return False
    head = words[:len(words) - len(tail)]
    ours = next((k for k, t in enumerate(head) if t.pos == "VERB" and "1per" in t.tags
                 and t.lemmas.isdisjoint(lang.request_verbs | _THINKING)), None)
    return ours is not None and all(t.lemma not in lang.question_words for t in head[:ours])  # "…наберу, когда …"


_CLAUSE_PREDICATES = frozenset({"VERB", "INFN", "PRTS", "ADJS", "PRED"})


def _either_clauses(words: Sequence[Token]) -> bool:
    """An either-or of two clauses with no comma between them, each with its own predicate ("У сети закупки
    централизованы или управляющий магазином сам может заказать", "Деньги в следующем году будут или уже в этом
    можно запускать"); not "…или нет", "…или как", "…или что"."""
    low = [t.text.lower() for t in words]
    if "или" not in low[1:-1]:
        return False
    at = low.index("или", 1)
    return low[at + 1] not in ("нет", "как", "что") and _has_predicate(words[:at]) and _has_predicate(words[at + 1:])


def _has_predicate(words: Sequence[Token]) -> bool:
    return any(t.pos in _CLAUSE_PREDICATES or "PRTS" in t.tags or "ADJS" in t.tags for t in words)


def _state(words: Sequence[Token]) -> bool:
    """The line ends by stating how a thing of his is ("…уже сформирован", "…большие"): a short participle or
    adjective, the predicate a yes/no question puts up for confirmation; not an acknowledgement ("понятно")."""
    return bool(words) and ("ADJS" in words[-1].tags or words[-1].pos == "PRTS" or "PRTS" in words[-1].tags) \
        and words[-1].text.lower() not in ACKNOWLEDGEMENTS


def _said(words: Sequence[Token]) -> bool:
    """The line says something of him: a predicate (a verb, an adjective, "есть") or "у вас"; not an exclamation
    with none ("Ой, а вы прям в точку...")."""
    return any(t.pos in ("VERB", "INFN", "PRTS", "PRED", "ADJF", "ADJS") or t.text.lower() in ("есть", "нет")
               for t in words) or any(a.text.lower() == "у" and b.text.lower() == "вас" for a, b in zip(words, words[1:], strict=False))


def _predicate(t: Token) -> bool:
    """A verb that states how things are with him now or what was done ("устраивает", "не смотрели", "место есть"):
    put after "а" to the client with nothing of ours in the line, it asks."""
    return t.pos == "VERB" and ("pres" in t.tags or "past" in t.tags and "plur" in t.tags) or t.text.lower() in ("есть", "нет")


def _guessing(tokens: Sequence[Token], span: tuple[int, int], text: str) -> bool:
    """A frame that guesses by itself, whoever the clause is about: an understanding qualified ("я так понимаю", "я
    правильно помню"), an announced question ("следующий вопрос: …"); not "я понял(а)" (an acknowledgement), nor
    "вы говорили …" (a reminder), nor a parenthetical alone."""
    frame = [t for t in tokens[span[0]:span[1]] if t.is_word]
    low = [t.text.lower() for t in frame]
    if span[0] == 0 and _colon_frame(tokens, text, None) == span:
        return True
    if any(t.lemma in _UNDERSTAND for t in frame):
        return not {"так", "правильно", "верно", "как", "насколько", "ли"}.isdisjoint(low)
    return False  # a parenthetical ("наверное", "кажется") hedges a client's reply as often: his reply must confirm


def _colon_frame(tokens: Sequence[Token], text: str, lang: Language | None) -> tuple[int, int] | None:
    """A frame that announces the question before a colon ("Только уточню: …", "Следующий вопрос: …", "И чтобы
    не ошибиться в предложении: …"): a request verb, "вопрос" or a purpose before it (any, without ``lang``)."""
    at = text.find(":")
    if at < 0 or not _WORD.search(text[at:]):
        return None
    n = len(_WORD.findall(text[:at]))
    ends = [i for i, t in enumerate(tokens) if t.is_word]
    if not n or n >= len(ends):
        return None
    head = [tokens[i] for i in ends[:n]]
    if lang is None or any(not t.lemmas.isdisjoint(lang.request_verbs) or t.lemma in _ANNOUNCE for t in head):
        return 0, ends[n - 1] + 1
    return None


def self_answered(question: Sequence[Token], after: Sequence[Token]) -> bool:
    """A question about our side that the speaker answers himself in the next sentence ("Кого мы закрываем лучше
    всего? Продажников и складских.", "Какая цена у нас за пятислойный? Около сорока рублей."): a first-person
    plural ("мы", "наш", "у нас", a verb of ours) and nothing of the client's, in the question and in the statement
    after it; it asks the client nothing."""
    asked = [t for t in question if t.is_word]
    said = [t for t in after if t.is_word]
    ours = any(not t.lemmas.isdisjoint(WE) or "1per" in t.tags and "plur" in t.tags and t.pos == "VERB" for t in asked)
    return bool(said) and ours and not _addressed(asked) and not _addressed(said)


def _addressed(words: Sequence[Token]) -> bool:
    """The client named in the line: "вы", "ваш", "у вас", a second-person verb."""
    return any(not t.lemmas.isdisjoint(YOU) or "2per" in t.tags and "indc" in t.tags for t in words)


def _opens_with_a(words: Sequence[Token]) -> bool:
    """"а" opens the line, perhaps after an address ("Лариса, а …") or an acknowledgement ("Понял, а …");
    not "а не", "а то", "а так" (a contrast or a consequence)."""
    low = [w.text.lower() for w in words]
    at = next((i for i, w in enumerate(low[:_VOCATIVE_MAX + 1]) if w == "а"), None)
    if at is None or at + 1 >= len(low) or low[at + 1] in ("не", "то", "так", "вот", "ну", "да", "потом", "если", "когда"):
        return False
    return all(w.pos in ("NOUN", "ADVB", "INTJ", "PRCL") or "Name" in w.tags or "Patr" in w.tags for w in words[:at])


def _tag(words: Sequence[Token]) -> str | None:
    """The key of a confirming tag that closes the line ("…, верно", "…, так ведь", "…, да"), else None: at most
    three tag words after three words at least (commas are not tokens; lowercased ASR text has none anyway)."""
    low = [w.text.lower() for w in words]
    k = 0
    while k < len(low) and low[len(low) - 1 - k] in _TAG_ONLY:
        k += 1
    tail = low[len(low) - k:]
    if not tail or len(tail) > 3 or len(low) - len(tail) < _MIN_WORDS or low[-k - 1] in ("всё", "все"):
        return None
    return next((w for w in tail if w in _TAGS or w in ("да", "так")), None)
