"""Question forms that ask the client nothing, or less than their words suggest (round 14, precision).

Read from grammar and the turn's own order, with closed classes of the language only:

- ``joined_when``: «когда» after a comma that follows a finished clause of its own is a conjunction, not a
  question word ("К нам клиники приходят, когда пациенты жалуются на очередь, — у вас похожая история"):
  the clause before it has a finite verb that takes no question after it (not «скажите, когда …», «уже
  решили, когда …»), and the «когда» clause does not name the client (his «когда будете …» is an indirect
  question even after a plain verb).
- ``self_answered``: a question that names no addressee, followed in the same turn by the speaker's own
  answer in its shape ("Зачем нужна система мониторинга? Чтобы водители не сливали топливо.", "Кто обычно
  решает в сетях? Коммерческий директор, …", "Дорого ли это? Смотря с чем сравнивать"): a rhetorical question.
- ``time_alternative``: an either-or whose other alternative is only a time ("… до конца квартала или это уже
  следующий бюджетный год?", "… к Новому году это нужно, или можно позже?"): the act (deciding, needing) is
  taken for granted and the time is asked.
- ``our_terms``: a question of consent whose object is a demonstrative pointing back at our own terms said
  just before ("Предоплата у нас пятьдесят процентов, … — такой порядок вас устраивает?"): asks his consent to
  our offer, not his need.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from typing import TypeVar

from qa_desk.analysis.contract_core import YOU, second_person
from qa_desk.analysis.language import Language
from qa_desk.analysis.lexicon import Token, word_tokens
from qa_desk.analysis.our_acts import ours
from qa_desk.analysis.own_lines import asks_nothing
from qa_desk.analysis.own_time import dates_no_purchase
from qa_desk.analysis.sentence import Sentence

Hit = TypeVar("Hit")

OURS = frozenset({"мы", "наш", "я", "мой"})
# verbs and predicatives that take a question clause after them (knowing, saying, deciding): «скажите, когда …»
_TAKES_QUESTION = frozenset({
    "знать", "узнать", "понимать", "понять", "помнить", "вспомнить", "решить", "решать", "определиться",
    "думать", "подумать", "спросить", "спрашивать", "выяснить", "прикинуть", "представлять", "интересовать",
    "интересно", "понятно", "известно", "ясно", "решено", "важно", "говорить", "обсуждать", "договориться",
    "планировать", "смотреть", "посмотреть", "зависеть", "волновать",
})
_WORD = re.compile(r"[а-яёa-z0-9]+(?:-[а-яёa-z0-9]+)*", re.IGNORECASE)
_JOINED_WHEN = re.compile(r"[,—–-]\s*когда\b", re.IGNORECASE)
_FINITE = ("VERB", "PRTS", "ADJS", "PRED")
_SUBORDINATORS = frozenset({"если", "когда", "раз", "пока", "хотя", "как", "пусть", "коли"})
_CORRELATIVES = frozenset({"тот", "то", "момент", "время", "день", "период", "срок", "пора"})
# the speaker's own answer opens with the answer's shape: a reason or purpose (почему/зачем), a yes/no word or
# "it depends" (a yes/no question); a person or a thing named with no verb before it (кто/что)
_REASON_OPEN = frozenset({"потому", "поэтому", "чтобы", "чтоб", "затем", "из-за", "так"})
_YES_NO_OPEN = frozenset({"да", "нет", "смотря", "конечно", "разумеется", "естественно", "нисколько", "отнюдь"})
_REASON_WH = frozenset({"почему", "зачем", "отчего"})
_NAME_WH = frozenset({"кто", "что", "какой", "чей"})
_LEADS = frozenset({"ну", "вот", "как", "правило", "обычно", "чаще", "всего", "в", "основном", "как-правило"})
_OR = "или"
_LATER = frozenset({"позже", "попозже", "позднее", "раньше", "пораньше", "потом", "дальше", "подальше", "следующий",
                    "будущий"})
_FISCAL = frozenset({"бюджетный", "финансовый", "календарный", "учебный", "можно", "уже", "ещё", "еще", "вообще",
                     "весь", "целый"})
_DEMONSTRATIVES = frozenset({"это", "такой", "так", "этот", "подобный"})
_CONSENT = frozenset({"устраивать", "подходить", "подойти", "нормально", "нормальный", "удобно",
                      "удобный", "годиться", "пойти", "смущать", "ок", "окей", "приемлемый", "комфортный", "комфортно"})


def joined_when(tokens: Sequence[Token], text: str, lang: Language) -> list[int]:
    """Indexes of the tokens «когда» that join a clause to a finished one (conjunctions, not question words)."""
    if not _JOINED_WHEN.search(text):
        return []
    out: list[int] = []
    whens = [i for i, t in enumerate(tokens) if t.text.lower() == "когда"]
    joined = [m.start() for m in re.finditer(r"\bкогда\b", text, re.IGNORECASE)]
    for i, at in zip(whens, joined, strict=False):
        if not re.search(r"[,—–-]\s*$", text[:at]):
            continue
        last = re.split(r"[,—–;:.!?]", text[:at].rstrip(" ,—–-"))[-1]  # the clause right before «когда»
        head = word_tokens(tokens[:i])[-len(_WORD.findall(last)):] if _WORD.findall(last) else []
        opener = next((w.text.lower() for w in head if w.text.lower() not in ("а", "и", "но", "ну")), "")
        if not head or opener in _SUBORDINATORS or head[-1].lemma in _CORRELATIVES or any(
                not w.lemmas.isdisjoint(lang.request_verbs) for w in word_tokens(tokens[:i])):
            continue  # "А если подрядчик будет меняться, когда …?": the clause before is itself subordinate;
            # "привязаны к тому, когда деньги придут": a time named by its clause
        size = len(_WORD.findall(re.split(r"[,—–;:.!?]", text[at + len("когда"):], maxsplit=1)[0]))
        clause = word_tokens(tokens[i + 1:])[:size]
        if (any(t.pos in _FINITE for t in head) and all(t.lemmas.isdisjoint(_TAKES_QUESTION) for t in head)
                and not second_person(clause)):
            out.append(i)
    return out


def self_answered(question: Sequence[Token], answer: Sequence[Token], lang: Language) -> bool:
    """``question`` (naming no addressee) is answered by the same speaker's next sentence ``answer``."""
    if second_person(question) or _ours(question):
        return False
    words = word_tokens(answer)
    low = [w.text.lower() for w in words]
    if not low or second_person(words[:3]):
        return False
    first = next((k for k, w in enumerate(low) if w not in _LEADS), len(low))
    if first >= len(low):
        return False
    qwords = {t.lemma for t in word_tokens(question) if t.lemma in lang.question_words}
    head = low[first]
    if qwords & _REASON_WH:
        return head in _REASON_OPEN
    if not qwords:  # a yes/no question
        return head in _YES_NO_OPEN
    if qwords & _NAME_WH and (_generic(word_tokens(question)) or _generic(words[:first + 1])):
        # a person or thing named before any verb, of a question put about a class, not him ("Кто обычно в сетях
        # решает? Коммерческий директор, …"); a bare "Директор?" after "Кто решает?" is his guess, not an answer
        rest = words[first:]
        verb = next((k for k, w in enumerate(rest) if w.pos in ("VERB", "INFN")), len(rest))
        noun = next((k for k, w in enumerate(rest) if w.pos == "NOUN" and "nomn" in w.tags), len(rest))
        return noun < verb and not rest[0].lemmas & OURS
    return False


def _generic(words: Sequence[Token]) -> bool:
    """A habitual frame said of a whole class: «обычно», «как правило», «чаще всего», «в основном»."""
    low = [w.text.lower() for w in words]
    pairs = set(zip(low, low[1:], strict=False))
    return "обычно" in low or bool(pairs & {("как", "правило"), ("чаще", "всего"), ("в", "основном")})


def _ours(tokens: Sequence[Token]) -> bool:
    return any(t.text.lower() in ("мы", "нам", "нас", "наш", "наша", "наше", "наши", "я", "мне") for t in tokens)


def time_alternative(tokens: Sequence[Token], lang: Language) -> bool:
    """An either-or whose alternative after «или» says only a time ("… или это уже следующий бюджетный год", "…
    или можно позже?"): every content word of it is a time word (an anchor, an adverb or modifier of time, a
    later/earlier word, a fiscal year's adjective), one of them an anchor, an adverb or a later word."""
    words = word_tokens(tokens)
    at = next((k for k, w in enumerate(words) if w.text.lower() == _OR), None)
    if at is None or at == 0:
        return False
    if any(w.lemma in lang.question_words or not w.lemmas.isdisjoint(YOU) for w in words[at + 1:]):
        return False  # "… или как у вас с этим сейчас?": another question, not a time
    content = [w for w in words[at + 1:] if w.is_content]
    heads = lang.time_anchors | lang.time_adverbs | _LATER
    allowed = heads | lang.time_modifiers | _FISCAL
    return bool(content) and all(not w.lemmas.isdisjoint(allowed) for w in content) and any(
        not w.lemmas.isdisjoint(heads) for w in content)


def our_terms(tokens: Sequence[Token], before: Sequence[Token]) -> bool:
    """A consent question ("такой порядок вас устраивает?", "Вас это устраивает?") whose object is a
    demonstrative, right after our own terms (``before``: the words said before it in the turn, with «у нас»,
    «мы», «наш»)."""
    words = word_tokens(tokens)
    if not any(not w.lemmas.isdisjoint(_CONSENT) for w in words):
        return False
    if not any(w.lemma in _DEMONSTRATIVES and not (k and words[k - 1].pos == "PREP") for k, w in enumerate(words)):
        return False  # "такой порядок", "вас это устроит"; not "как у вас с этим, что не устраивает"
    return not any(w.lemma in ("что", "как", "какой", "чем") for w in words) and _ours(before)


_TIME_HEADS = frozenset({"момент", "срок", "время", "число", "дата", "период", "этап"})


def asks_the_time(tokens: Sequence[Token], lang: Language) -> bool:
    """One question word, and it asks a time: «когда», or «какой/который» of a time noun ("В какой момент вы
    планируете перевести бухгалтерию …?", "в какие сроки …"): a single question about when, no other topic."""
    words = word_tokens(tokens)
    if any(w.text.lower() == _OR for w in words):
        return False  # an either-or may bundle another question ("деньги у вас школьные, или …, и к какому сроку …")
    asking = [k for k, w in enumerate(words) if w.lemma in lang.question_words and w.lemma != "ли" and (
        w.lemma not in ("что", "как") or k == 0 or words[k - 1].text.lower() in ("а", "и", "ну", "так"))]
    if len(asking) != 1:
        return False
    k = asking[0]
    if words[k].lemma == "когда":
        return True
    nouns = lang.time_anchors | lang.time_weak | _TIME_HEADS
    return words[k].lemma in ("какой", "который") and k + 1 < len(words) and not words[k + 1].lemmas.isdisjoint(nouns)


_OUR_OWNER = frozenset({"нас", "наш", "наша", "наше", "наши", "нашего", "нашей", "нашу", "нашим", "наших"})


def money_ours(tokens: Sequence[Token], lang: Language) -> bool:
    """A money question about our own sum ("Какая сумма у нас выходит в итоге по смете, помните?"): we own the money
    head («у нас», «наш»; not an inclusive «мы»: "По бюджету мы остаёмся в той вилке …?") and no pronoun of his («вы», «ваш», «у вас») is said; a verb of his knowing may be."""
    words = word_tokens(tokens)
    if any(not w.lemmas.isdisjoint(YOU) or "2per" in w.tags and w.lemmas.isdisjoint(_TAKES_QUESTION) or "ADJS" in w.tags
           and "plur" in w.tags for w in words) or not any(w.lemma in lang.money_heads for w in words):
        return False  # "сколько в месяц готовы на нас выделять?": his money, paid to us
    low = [w.text.lower() for w in words]
    return any(w in _OUR_OWNER and (w != "нас" or k and low[k - 1] == "у") for k, w in enumerate(low))


def unjoined(s: Sentence, lang: Language) -> Sentence:
    """``s`` without the «когда» that join a clause to a finished one (``joined_when``): no question word there."""
    drop = joined_when(s.tokens, s.text, lang) if s.is_question else []
    if not drop:
        return s
    tokens = tuple(t for i, t in enumerate(s.tokens) if i not in drop)
    text = " ".join(t.text for t in tokens if t.is_word or t.is_digit) + ("?" if "?" in s.text else "")
    return Sentence(text, tokens, frozenset().union(*(t.lemmas for t in tokens)), True, s.is_evasive)


def kept(sentences: Sequence[Sentence], k: int, s: Sentence, found: dict[str, Hit], topic_of: dict[str, str],
         ruled: Callable[[Sentence], set[str]], lang: Language, timed: Collection[str] = ()) -> dict[str, Hit]:
    """The hits ``found`` in ``s`` (``sentences[k]``, or the clause a guess puts) that it really asks: none when the
    speaker answers it himself; the time only in an either-or of times (not the deciding or needing it is said of);
    not the classifier's budget or authority beside one time question (``ruled``: the ids the rules find); no budget
    of our own money; no need in a consent to our terms; no date in our callback or a remark (own_time.py). Only BANT's
    own questions (id = topic) are touched, and for the date also the ids ``timed`` (a contract's date ids)."""
    previous = sentences[k - 1] if k else None
    if not found or any(asks_nothing(x.tokens, x.text, *((previous.tokens, previous.text) if previous else ()))
                        or ours(x.tokens, x.text) for x in (s, sentences[k])):
        return {}  # own_lines.py: our thanks, offer, request about us; our_acts.py: our advice, request, his viewing trip
    if k + 1 < len(sentences) and "?" not in sentences[k + 1].text and self_answered(
            s.tokens, sentences[k + 1].tokens, lang):
        return {}
    own = {qid: t for qid, t in topic_of.items() if qid == t}
    dates = {qid for qid in found if own.get(qid) == "timing" or qid in timed}  # timed: a contract id of a date too
    if dates and any(dates_no_purchase(x.tokens, x.text) for x in (s, sentences[k])):  # own_time.py: our callback
        found = {qid: hit for qid, hit in found.items() if qid not in dates}
    if "timing" in found and time_alternative(s.tokens, lang):
        found = {qid: hit for qid, hit in found.items() if own.get(qid) not in ("need", "authority")}
    if "timing" in found and asks_the_time(s.tokens, lang):
        rules = ruled(s)
        found = {qid: hit for qid, hit in found.items() if own.get(qid) not in ("budget", "authority") or qid in rules}
    if "budget" in found and money_ours(s.tokens, lang):
        found = {qid: hit for qid, hit in found.items() if own.get(qid) != "budget"}
    if "need" in found and our_terms(s.tokens, [*(sentences[k - 1].tokens if k else ()), *s.tokens]):
        found = {qid: hit for qid, hit in found.items() if own.get(qid) != "need"}
    return found
