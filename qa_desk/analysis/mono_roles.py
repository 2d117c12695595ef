"""Mono calls: whose a sentence is, from what it says, where the evidence is strong.

The default (deal.py) is structural: an utterance that asks is the manager's, the turn after it the
client's. Some sentences say outright whose they are: our price or offering ("у нас от девятисот тысяч",
"наше решение облачное", "пришлю КП") is the seller's whether or not it asks; a question about our
offering ("а у вас это сколько стоит?") is the client's, never one of the manager's questions.
The exchange decides where a sentence could be either side's: in the turn after ours, a question only the client
asks (who we are, what ours costs after our money question, our terms after our offer) is the client's, and the
turn after the client's question to us is ours (our reply: never an answer, never an amount).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from qa_desk.analysis import data_files, parsed_toml
from qa_desk.analysis.client_names import addressed
from qa_desk.analysis.detect import Sentence
from qa_desk.analysis.language import I_WE, WE, YOU, language, lemma_set
from qa_desk.analysis.lexicon import Token
from qa_desk.analysis.money import find_amounts
from qa_desk.analysis.names import leading_name
from qa_desk.analysis.patterns import Phrase, any_phrase


@dataclass(frozen=True, slots=True)
class _Words:
    offer_verbs: frozenset[str]
    price_words: frozenset[str]
    per_unit: frozenset[str]
    offering: frozenset[str]
    client_money: frozenset[str]
    client_spending: frozenset[str]
    greeting: frozenset[str]
    acknowledge: frozenset[str]
    client_offering: frozenset[str]
    reply_openers: frozenset[str]
    identity: tuple[Phrase, ...]
    caller: tuple[Phrase, ...]
    terms: frozenset[str]
    price_ask: frozenset[str]


@lru_cache(maxsize=1)
def _words() -> _Words:
    raw = parsed_toml.loads(data_files.read_text("data/roles.toml"))
    s, c = raw["seller"], raw["client"]
    return _Words(lemma_set(s["offer_verbs"]), lemma_set(s["price_words"]), frozenset(s["per_unit"]),
                  lemma_set(s["offering"]), lemma_set(s["client_money"]), lemma_set(s["client_spending"]), frozenset(s["greeting"]), lemma_set(s["acknowledge"]),
                  lemma_set(c["offering_words"]), frozenset(c["greeting_replies"]),
                  tuple(Phrase.parse(p) for p in c["identity"]), tuple(Phrase.parse(p) for p in s["caller"]),
                  lemma_set(c["terms"]), lemma_set(c["price_ask"]))


def _figure(t: Token) -> bool:
    return t.is_digit or "NUMR" in t.tags


def _ours(tokens: Sequence[Token]) -> bool:
    """"мы", "наш", or "у нас"."""
    words = [t.text.lower() for t in tokens if t.is_word]
    return any(t.lemma in WE for t in tokens if t.is_word) or any(
        a == "у" and b == "нас" for a, b in zip(words, words[1:], strict=False))


def _ours_said(tokens: Sequence[Token]) -> bool:
    """"у нас" or "наш" (not a bare "мы": "мы погорячились")."""
    words = [t.text.lower() for t in tokens if t.is_word]
    return any(t.lemma == "наш" for t in tokens) or any(a == "у" and b == "нас" for a, b in zip(words, words[1:], strict=False))


def seller_sentence(s: Sentence) -> bool:
    """Our price, offering or offer, said as a statement."""
    if s.is_question:
        return False
    w = _words()
    tokens = [t for t in s.tokens if t.is_word or t.is_digit]
    if any(t.lemma in w.offer_verbs and "1per" in t.tags and "futr" in t.tags or
           t.lemma in w.offer_verbs and "1per" in t.tags and t.lemma.startswith("предлаг") for t in tokens):
        return True  # "пришлю", "отправлю", "предлагаем"
    if any(a.lemma == "мочь" and "1per" in a.tags and b.lemma in w.offer_verbs for a, b in zip(tokens, tokens[1:], strict=False)):
        return True  # "могу предложить", "можем прислать"
    if any(a.lemma == "наш" and b.lemma in w.offering for a, b in zip(tokens, tokens[1:], strict=False)):
        return True  # "наше решение"
    if not s.lemmas.isdisjoint(w.client_money):
        return False
    if _price_from(tokens) and s.lemmas.isdisjoint(w.client_spending):
        return True  # "итальянская начинается от миллиона двухсот, китайская — от семисот"
    if not _ours(tokens):
        return False
    for i, t in enumerate(tokens):
        if not _figure(t):
            continue
        before = tokens[i - 1].text.lower() if i else ""
        if before == "от" and (_ours_said(tokens)) and not any(x.text.lower() == "до" for x in tokens[i + 1:]):
            return True  # "у нас от N" (not the client's range "мы думали от полутора до двух")
        if not s.lemmas.isdisjoint(w.client_spending):
            continue
        if any(x.lemma in w.price_words and "1per" not in x.tags and "2per" not in x.tags for x in tokens):
            return True  # "подписка у нас N"
        after = next((x for x in tokens[i + 1:] if not _figure(x) and x.lemma not in ("тысяча", "миллион", "рубль")), None)
        k = tokens.index(after) if after is not None else len(tokens)
        if after is not None and after.text.lower() in w.per_unit and k + 1 < len(tokens) and tokens[k + 1].pos == "NOUN":
            return True  # "N за тонну"
    return False


_FROM_VERBS = frozenset({"начинаться", "стоить"})


def _price_from(tokens: Sequence[Token]) -> bool:
    """Prices from a lower bound, with no upper one: a price list ("X от N, Y от M") or "начинается / стоит от N"."""
    bounds = [i for i, t in enumerate(tokens) if _figure(t) and i and tokens[i - 1].text.lower() == "от"
              and not any(x.text.lower() == "до" for x in tokens[i + 1:i + 4])]
    return bool(bounds) and bool(find_amounts(tokens)) and (len(bounds) >= 2 or any(t.lemma in _FROM_VERBS for t in tokens))


def _greets(s: Sentence) -> bool:
    return any(t.text.lower() in _words().greeting for t in s.tokens if t.is_word)


def caller_intro(s: Sentence) -> bool:
    """A caller's opening: a greeting with "это <name>" or after the name of the one called ("Денис,
    здравствуйте, это Екатерина, агентство …", "Николай Иванович, добрый вечер, Ольга, «АгроСемена»")."""
    words = [t for t in s.tokens if t.is_word]
    if not any(t.text.lower() in _words().greeting for t in words):
        return False
    opening = leading_name(s.tokens)
    return opening is not None and addressed(s.tokens, opening) or any(
        a.text.lower() == "это" and "Name" in b.tags for a, b in zip(words, words[1:], strict=False))


def _reports_us(s: Sentence) -> bool:
    """What the seller's people did, said without a subject ("а у вас обещали только к лету"): the client's
    remark about us, not a manager's statement-question."""
    words = [t for t in s.tokens if t.is_word]
    k = next((i for i, (a, b) in enumerate(zip(words, words[1:], strict=False))
              if a.text.lower() == "у" and b.text.lower() == "вас"), None)
    if k is None or k + 2 >= len(words) or any(t.lemma in language().question_words for t in words):
        return False  # "а как у вас запись шла, справлялись?" (ASR without "?") asks
    verb = words[k + 2]
    return verb.pos == "VERB" and "past" in verb.tags and "plur" in verb.tags


def client_question(s: Sentence) -> bool:
    """A question about the seller's offering ("а у вас это сколько стоит?", "а вы доставляете сами?")."""
    if not s.is_question:
        return False
    yours = not s.lemmas.isdisjoint(YOU) or any("2per" in t.tags and "plur" in t.tags for t in s.tokens)
    return yours and not s.lemmas.isdisjoint(_words().client_offering)


def _echo(s: Sentence, before: frozenset[str]) -> bool:
    """An acknowledgement or an echo of the other side's words ("Понял.", "Триста.", "Семьсот, хорошо.")."""
    words = [t for t in s.tokens if t.is_word]
    return bool(words) and all(t.lemma in _words().acknowledge or t.lemma in before for t in words)


_IDENTITY_VERBS = frozenset({"хотеть", "звонить", "искать", "беспокоить", "быть", "продавать", "предлагать"})
# "А вы кто будете?", "Что продаёте?": who calls and what he sells
_IDENTITY_MAX = 8


def _identity(s: Sentence) -> bool:
    """The one called asking who calls and why ("А вы кто, поставщик?", "Что хотели?", "Вы по какому вопросу?"):
    a short question with no other verb ("кто у вас решает, вы?" asks ours)."""
    words = [t for t in s.tokens if t.is_word]
    if any(a.text.lower() == "у" and b.lemma in ("вы", "ты") for a, b in zip(words, words[1:], strict=False)):
        return False  # "это кто у вас?": the client's people, asked by us
    return s.is_question and len(words) <= _IDENTITY_MAX and all(
        t.pos not in ("VERB", "INFN") or t.lemma in _IDENTITY_VERBS for t in words) and any_phrase(
        _words().identity, s.tokens, s.lemmas) is not None


def _yours(s: Sentence) -> bool:
    """Of the other side's: "ваш", "твой", "у вас", "у тебя" (not "вы" as a subject: "вы сколько закладываете")."""
    words = [t for t in s.tokens if t.is_word]
    return not s.lemmas.isdisjoint({"ваш", "твой"}) or any(
        a.text.lower() == "у" and b.lemma in ("вы", "ты") for a, b in zip(words, words[1:], strict=False))


def _asks_them(s: Sentence) -> bool:
    """A second-person verb of what the other side does, plans or has ("закладываете", "открыть хотите"), not our
    offer ("вы предлагаете?"): a question about the client."""
    words = [t for t in s.tokens if t.is_word]
    return any("2per" in t.tags and t.pos == "VERB" and t.lemma not in _words().offer_verbs
               and all(w.text.lower() != "если" for w in words[max(0, k - 3):k]) for k, t in enumerate(words))
    # not "если вы ошибётесь": a condition on what we do


def _price_ask(s: Sentence) -> bool:
    """What the other side's thing costs ("А ваш сколько?", "а у тебя сколько кресло?"), not the client's money
    nor a count of the client's ("а у вас сколько точек?")."""
    w = _words()
    return s.is_question and _yours(s) and not s.lemmas.isdisjoint(w.price_ask) and s.lemmas.isdisjoint(w.client_money) \
        and not _asks_them(s) and not any(t.pos == "NOUN" and "gent" in t.tags and "plur" in t.tags for t in s.tokens)


def _terms_ask(s: Sentence) -> bool:
    """A question on our terms or offer ("А договор на какой срок?", "вы мне это предлагаете?"), not on the client's
    current supplier ("а сейчас у вас договор с кем?"), the client's people or the client's plans."""
    w = _words()
    if any(t.pos == "NOUN" and t.animate and "nomn" in t.tags or "Name" in t.tags for t in s.tokens) or _asks_them(s):
        return False  # "То есть договор коммерческий директор подписывает?", "скидка семь процентов, а открыть когда хотите?"
    spending = any(t.lemma in w.client_spending and not (t.pos == "VERB" and "3per" in t.tags) for t in s.tokens)
    return s.is_question and not spending and (  # "кто штрафы платит?" asks about us; "сейчас у вас договор с кем?" not
        not s.lemmas.isdisjoint(w.terms) or any(t.lemma in w.offer_verbs and "2per" in t.tags for t in s.tokens))


_HEARING = frozenset({"что", "а", "алло", "чего", "как", "слышно", "вы", "кто", "говорить", "не", "слышать"})


def _hearing(s: Sentence) -> bool:
    """A hearing check ("Что?", "Алло? Не слышно?", "Что вы говорите?"): it asks nothing of the topic."""
    words = [t for t in s.tokens if t.is_word]
    return 0 < len(words) <= 3 and all(t.lemma in _HEARING or t.text.lower() in _HEARING for t in words) and not (
        any(t.lemma == "кто" for t in words))


def _asks_us(s: Sentence) -> bool:
    """A question the client puts to us: about our offering, our terms, our price, who we are."""
    return client_question(s) or _identity(s) or _price_ask(s) or _terms_ask(s)


def _counter(sentences: Sequence[Sentence], previous: Sequence[Sentence], money_asked: bool) -> bool:
    """A question in the turn after ours that only the client asks: who we are, after our opening or pitch;
    what ours costs, after our money question ("бюджет какой?" — "А ваш сколько?"); our terms, after our offer."""
    ours_before = any(_ours(p.tokens) or seller_sentence(p) or caller_intro(p) for p in previous)
    asked = [s for s in sentences if s.is_question and not _hearing(s)]  # every one (ASR glues "…когда открыть хотите.
    # А доставка у вас как?"), not a hearing check ("Что? … Кто это?")
    return bool(asked) and all(
        _identity(s) or money_asked and _price_ask(s) or ours_before and _terms_ask(s) for s in asked)


def mono_role(sentences: list[Sentence], role: str, asks_ours: bool, first: bool,
              previous: Sequence[Sentence], after_client: bool = False,
              money_asked: bool = False, company: Sequence[tuple[str, ...]] = ()) -> list[tuple[str, list[Sentence]]]:
    """The role of a mono utterance given the structural guess ``role``, and the sentences kept for it.
    Strong evidence of the seller (our price or offer, a caller's opening) makes an utterance the manager's
    when nothing else in it is more than an acknowledgement or an echo of ``before`` (the lemmas of the
    utterance before it); otherwise the seller's sentences are left out of the client's utterance (never
    an answer), unless the utterance before (``previous``) asked about our offering or was the client's too
    (``after_client``): then all of it is ours.
    A question about our offering that asks none of ours (``asks_ours`` False) is the client's; so is one
    that only the client asks, in the turn after ours (``_counter``; ``money_asked``: ours asked the client's
    money). The turn after the client's question to us is ours: our reply, never an answer.
    A turn that names ``company`` (our name from the caller's opening, ``company_names``) as who speaks is ours
    ("Геннадий Орлов, «Кедр-Охрана»"), and so is one that opens by receiving the client's words ("Понял. …").
    So is a turn after the client's that opens by acknowledging the figure he said ("Пятнадцать самосвалов,
    отлично!"); not the mirror (the client's acknowledgement of our figure after ours): where the turn before was
    misread, it turned our «Девятьсот, записала.» into the client's (H14, round 15)."""
    if role == "client" and (company and any(_names_us(s, company) for s in sentences) or after_client and sentences and (
            _receipt(sentences) or _figure_received(sentences[0], previous))):
        return [("manager", sentences)]
    before = frozenset().union(*(s.lemmas for s in previous))
    asked_about_us = any(client_question(s) for s in previous)
    k = next((k for k in range(1, len(sentences)) if _opens_reply(sentences[k])), len(sentences))
    if role == "client" and first and (caller_intro(sentences[0]) or _greets(sentences[0]) and any(
            any_phrase(_words().caller, s.tokens, s.lemmas) is not None for s in sentences[:k])):
        # the call's opening is the caller's, up to a reply ASR glued to it ("…звонил узнать. Доброе, у нас …");
        # a greeting and who calls, whom he wants, what about ("Алло, здравствуйте? Меня Игорь зовут, …")
        return [("manager", sentences[:k])] + ([("client", sentences[k:])] if k < len(sentences) else [])
    if role == "client" and after_client and any(_asks_us(s) for s in previous):
        return [("manager", sentences)]  # "А ваш сколько?" — "Немецкий — два миллиона восемьсот"
    if role == "client":
        seller = [s for s in sentences if seller_sentence(s)]
        if seller:
            rest = [s for s in sentences if s not in seller]
            if asked_about_us or after_client or all(_echo(s, before) for s in rest):
                return [("manager", sentences)]
            return [(role, rest)]
    if role == "manager" and not any(seller_sentence(s) for s in sentences) and (
            not asks_ours and any(client_question(s) for s in sentences)
            or (not asks_ours or _asides_only(sentences)) and not after_client and _reply_then_aside(sentences, previous)
            or previous and not after_client and _counter(sentences, previous, money_asked)
            or not any("?" in s.text for s in sentences) and any(_reports_us(s) for s in sentences)):
        return [("client", sentences)]
    return [(role, sentences)]


def _reply_then_aside(sentences: Sequence[Sentence], previous: Sequence[Sentence]) -> bool:
    """The turn after our question that opens with statements and ends with a question of the speaker's own
    ("Пять точек… Терминалы старые, виснут. Я что, перезагружальщик?"): the client's reply, not our next
    question (which asks about the client: "А вы сейчас где берёте?")."""
    asked = [s for s in sentences if s.is_question]
    said = sum(len(s.content) for s in sentences if not s.is_question)  # not "Ого. Не, ну… Мы прикидывали тысяч?"
    return any(p.is_question for p in previous) and said >= _REPLY_WORDS and not sentences[0].is_question and (
        not any(_yours(s) or _asks_them(s) or not s.lemmas.isdisjoint(YOU) for s in asked))


_REPLY_WORDS = 4  # content words the statements before the aside say


def _asides_only(sentences: Sequence[Sentence]) -> bool:
    """Every question here is about the speaker ("Мне что, всю жизнь её чинить?"): whatever topic the
    classifier reads into it, it asks nothing of the listener."""
    asked = [s for s in sentences if s.is_question]
    return bool(asked) and all(not s.lemmas.isdisjoint(I_WE) and s.lemmas.isdisjoint(YOU) for s in asked)




def _opens_reply(s: Sentence) -> bool:
    """A sentence that answers the caller's greeting ("Доброе.", "Да, слушаю", "Алло")."""
    first = next((t for t in s.tokens if t.is_word), None)
    return first is not None and first.text.lower() in _words().reply_openers


_QUOTED = re.compile(r"«([^»]{2,40})»")
_STEM = 4


def _stems(name: str) -> tuple[str, ...]:
    return tuple(w.lower()[:max(_STEM, len(w) - 2)] for w in re.findall(r"[А-Яа-яЁёA-Za-z0-9]+", name))


def company_names(sentences: Sequence[Sentence]) -> list[tuple[str, ...]]:
    """The quoted names of our opening ("Николай, транспортная компания «ГрузЛинк»"), as word stems."""
    return [st for s in sentences for m in _QUOTED.finditer(s.text) if (st := _stems(m.group(1)))]


def _names_us(s: Sentence, company: Sequence[tuple[str, ...]]) -> bool:
    """A statement naming our company as who speaks: with no verb ("Евгения, «Аэроклимат»!") or with "наш"/"у нас"
    (not the client's "Мы с «ГрузЛинком» работали")."""
    if s.is_question:
        return False
    words = [t.text.lower() for t in s.tokens if t.is_word or t.is_digit]
    named = any(all(words[i + j].startswith(stem) for j, stem in enumerate(name))
                for name in company for i in range(len(words) - len(name) + 1))
    return named and (not any(t.pos in ("VERB", "PRTS") for t in s.tokens) or _ours_said(s.tokens))


_RECEIPTS = frozenset({"понял", "поняла", "записал", "записала"})  # not «понятно», «ясно»: the client opens with them too


def _receipt(sentences: Sequence[Sentence]) -> bool:
    """A turn that opens by receiving the client's words ("Понял. Стирка у нас сорок две тысячи…") and goes on."""
    words = [t.text.lower() for s in sentences for t in s.tokens if t.is_word]
    return len(words) > 2 and words[0] in _RECEIPTS


_RECEIVED = frozenset({"понял", "поняла", "понятно", "ясно", "отлично", "прекрасно", "замечательно", "хорошо", "записал",
                       "записала", "принято", "супер", "ага", "угу", "ого"})
_SAID_BACK_WORDS = 4  # the words that open a turn with a figure said back


def _figure_received(s: Sentence, previous: Sequence[Sentence]) -> bool:
    """``s`` opens with a figure the turn before said, and acknowledges it ("Девять кабинетов, прекрасно!"): only the
    one who heard the figure does that. (Not a figure put back as a question, "Две с половиной — это за одну?": read
    as the client's, it was pinned as his reply on H18, round 15.)"""
    words = [t for t in s.tokens if t.is_word or t.is_digit]
    if not words or not _figure(words[0]):
        return False
    said = {t.lemma for p in previous for t in p.tokens if _figure(t)} | {t.text for p in previous for t in p.tokens if t.is_digit}
    if not all(t.lemma in said or t.text in said for t in words[:_SAID_BACK_WORDS] if _figure(t)):
        return False
    return any(t.text.lower() in _RECEIVED for t in words)
