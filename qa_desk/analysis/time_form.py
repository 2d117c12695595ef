"""Timing asked by the form of the question, without "когда" or a plan word.

A manager asks when without saying "когда": he offers the client a choice of times ("разобраться хотите прям
сейчас или это на потом?", "это в этом году или подальше?", "в этом году, или вопрос отложен на следующий?"),
puts one time to him as the point of a yes/no question about his plan ("А запускаться хотите прям сейчас?",
"Брать будете в этом сезоне?"), or asks for a date by its noun ("Дату открытия можете назвать?", "какая дата
запуска?"). What makes these timing questions is where the time stands and what it is said of: times on
both sides of an either-or, a time as the last words of a plan question, a date noun asked for. Not when the
time is for the call itself (a weekday with an hour, a callback, "удобно"), is past, or tells how long.
"""

from __future__ import annotations

from collections.abc import Sequence

from qa_desk.analysis.guess import restates
from qa_desk.analysis.language import PAST_MARKS, PLANS, Language
from qa_desk.analysis.lexicon import Token
from qa_desk.analysis.timing import DAYTIME, WEEKDAYS, deverbal, find_period, not_purchase_clause

# words that name a time relative to now without an anchor noun: the second option of a choice of times
# ("…или подальше?", "…или на следующий?", "…или потом?")
_LATER = frozenset({"следующий", "будущий", "дальше", "подальше", "попозже", "позже", "позднее", "потом", "впоследствии",
                    "раньше", "пораньше", "ранее", "отложить", "откладывать", "отложенный", "перенести", "переносить"})
_DATE_NOUNS = frozenset({"дата"})  # "срок" asks the timing by its own cues
# a plan of the client's: what a time question's time is said of ("хотите запускаться", "будете брать")
_INTENT = PLANS | frozenset({"думать", "мочь", "готовый"})
# (besides lang.arrangements: "перезвонить", "удобно", "встреча" …)
_OFF = frozenset({"подъехать", "приехать", "заехать", "рождение", "основание", "доставка", "отгрузка", "поставка", "оплата",
                  "отсрочка", "гарантия",
                  # the call itself and what we send: "можете говорить сейчас?", "материалы посмотрите до пятницы?"
                  "говорить", "разговаривать", "слышать", "материал", "кп", "предложение", "презентация", "письмо",
                  "почта", "каталог", "прайс", "демо", "расчёт"})


def _lemmas(tokens: Sequence[Token]) -> set[str]:
    return {lemma for t in tokens for lemma in t.lemmas}


def _off(tokens: Sequence[Token], lang: Language) -> bool:
    """The time is the call's own, a past one or not said of the client's plan."""
    lemmas = _lemmas(tokens)
    return not lemmas.isdisjoint(_OFF | lang.arrangements | PAST_MARKS | WEEKDAYS | DAYTIME) or any(
        t.pos == "VERB" and "past" in t.tags and "plur" not in t.tags for t in tokens if t.lemma != "быть")


def _later(tokens: Sequence[Token], lang: Language) -> bool:
    """A time in ``tokens``: an anchored period, a time adverb or a word of a later (or earlier) time."""
    return find_period(tokens, lang) is not None or any(
        not t.lemmas.isdisjoint(_LATER) or t.text.lower() in _LATER for t in tokens if t.is_word)


def _choice(tokens: Sequence[Token], lang: Language) -> bool:
    """An either-or of times: a period before "или" and a time after it ("прям сейчас или это на потом")."""
    at = next((k for k, t in enumerate(tokens) if t.text.lower() == "или"), None)
    if at is None or at == 0:
        return False
    left, right = tokens[:at], tokens[at + 1:]
    found = find_period(left, lang)
    if found is None or not_purchase_clause(left, found[1], found[2], delivery=False) or not _later(right, lang):
        return False
    return not _state(tokens) and not any(t.pos == "VERB" and "past" in t.tags for t in right)
    # not "Вы сейчас работаете с кем-то или раньше работали?": how things are or were, no plan


def _state(tokens: Sequence[Token]) -> bool:
    """A present-tense verb of his that is no intent and no infinitive beside it: his present state."""
    return any(t.pos == "VERB" and "pres" in t.tags and t.lemma not in _INTENT for t in tokens) and not any(
        t.pos == "INFN" for t in tokens)


def _time_last(tokens: Sequence[Token], lang: Language) -> bool:
    """A yes/no question about the client's plan whose last words are a time ("А запускаться хотите прям
    сейчас?", "Брать будете в этом сезоне?"): an infinitive or a future of his, or a plan word, no question word."""
    words = [t for t in tokens if t.is_word or t.is_digit]
    if not words or any(t.lemma in lang.question_words for t in words):
        return False
    found = find_period(words, lang)
    if found is None or found[2] != len(words) or found[1] == 0:
        return False
    head = words[:found[1]]
    if any(t.text.lower() in ("не", "на") for t in words[found[1]:found[2]]):
        return False  # "не сейчас?" read back, "на полгода?": how long
    you = any("2per" in t.tags and t.pos == "VERB" for t in head)
    intent = any(t.pos == "INFN" for t in head) or any(t.pos == "VERB" and "futr" in t.tags and "2per" in t.tags
                                                       for t in head)
    return you and intent or any(t.lemma in _INTENT for t in head) and any(t.pos == "INFN" for t in head)


# adjectives that make their noun a span of time ("временные рамки", "календарный план")
_TIME_ADJECTIVES = frozenset({"временной", "календарный"})


def _date_asked(tokens: Sequence[Token], lang: Language) -> bool:
    """A date asked for by its noun: "дата" of an event of the client's ("дату открытия можете
    назвать?", "какая дата запуска?") or with a request verb ("дату можете сказать?"); "какой" asked of a
    noun that a time adjective makes a span of time ("Какие у вас временные рамки на весь проект")."""
    words = [t for t in tokens if t.is_word]
    if any(t.lemma in _WHICH for t in words) and any(
            a.lemma in _TIME_ADJECTIVES and b.pos == "NOUN" for a, b in zip(words, words[1:], strict=False)):
        return True
    for k, t in enumerate(words):
        if t.lemmas.isdisjoint(_DATE_NOUNS) or k and words[k - 1].text.lower() == "на":
            continue  # "на какой срок": how long
        nxt = words[k + 1] if k + 1 < len(words) else None
        event = nxt is not None and nxt.pos == "NOUN" and "gent" in nxt.tags and deverbal(nxt.lemma)
        asked = any(w.lemma in lang.request_verbs or w.lemma in ("знать", "известный") for w in words)
        if event or asked:
            return True
    return False


_POINT_PREPS = frozenset({"с", "со", "к", "ко", "до", "от"})  # a start or an end point; not "на" (how long), "в" (a callback's hour)
_WHICH = frozenset({"какой", "который"})
# the hour of a day: "до какого часа вы работаете?" asks his hours, while "до какого числа действует?" asks when a
# present state of his ends (a date to come)
_CLOCK = DAYTIME | WEEKDAYS | frozenset({"час", "время", "минута"})


def _point_asked(tokens: Sequence[Token], lang: Language) -> bool:
    """A start or end point asked by an interrogative phrase: a preposition, "какой" and a time noun ("с какого
    момента переходить хотите?", "к какому числу нужно?", "до какого месяца успеть?"), said of a plan, not of how
    things are ("с какого момента вы с ними работаете?"); the end of a present state is a time to come ("лицензия у
    вас до какого числа действует?")."""
    words = [t for t in tokens if t.is_word]
    for k in range(len(words) - 2):
        if words[k].text.lower() in _POINT_PREPS and words[k + 1].lemma in _WHICH and any(
                not t.lemmas.isdisjoint(lang.time_anchors) or t.lemma == "число" for t in words[k + 2:k + 4]):
            ends = words[k].text.lower() == "до" and all(t.lemmas.isdisjoint(_CLOCK) for t in words[k + 2:k + 4])
            return (ends or not _state(tokens)) and not any(
                t.pos == "VERB" and "past" in t.tags and t.lemma != "быть" for t in words)
    return False


_WHICH_TIME = frozenset({"момент", "срок", "число", "месяц", "квартал", "год", "неделя", "сезон", "полугодие"})


def _which_time(tokens: Sequence[Token], lang: Language) -> bool:
    """A point in time asked by "какой" of a time noun ("Переезд у вас в каком месяце?", "В какой момент вы планируете
    перевести бухгалтерию …?"), or "сколько времени" left before an event ("Сколько у вас времени до открытия
    склада?"); not how long ("на какой срок"), not an hour of the day, not of how things are ("в каком месяце у вас
    отчётность сдаётся?")."""
    words = [t for t in tokens if t.is_word]
    for k, t in enumerate(words[:-1]):
        if t.lemma in _WHICH and words[k + 1].lemma in _WHICH_TIME and not (k and words[k - 1].text.lower() == "на"):
            return not _state(tokens)
        if t.lemma == "сколько" and words[k + 1].lemma == "время":
            return any(w.text.lower() in ("до", "осталось", "остаётся", "остается") for w in words[k + 2:])
    return False


# adverbs of a time to come: "скоро", and "долго" with "ещё" (how long the present lasts, i.e. when it ends)
_SOON = frozenset({"скоро", "вскоре", "скорый"})
_BY = frozenset({"к", "ко", "до"})


_JOINS = frozenset({"и", "а", "но"})


def _last_clause(tokens: Sequence[Token]) -> Sequence[Token]:
    """A yes/no question's own clause: after the last "и"/"а"/"но" that joined it to a clause with a verb of its own
    ("…через год всё коробками заставите, и заезжаете уже скоро, небось?"), less an opening "(и) что" that no verb
    follows ("И что, на головах-то ещё долго сидеть собираетесь?")."""
    start = 0
    for k, t in enumerate(tokens):
        if k and t.text.lower() in _JOINS and any(u.pos == "VERB" for u in tokens[:k]) and any(
                u.pos == "VERB" and "2per" in u.tags for u in tokens[k + 1:]):
            start = k + 1
    out = list(tokens[start:])
    lead = 0
    while lead < len(out) and out[lead].text.lower() in _JOINS | {"ну"}:
        lead += 1
    if lead < len(out) - 1 and out[lead].lemma == "что" and out[lead + 1].pos not in ("VERB", "INFN", "NPRO"):
        return out[lead + 1:]
    return out


def _coming(tokens: Sequence[Token], lang: Language) -> bool:
    """A yes/no question about the client's coming act by a time adverb or a deadline frame, without "когда":
    "И заезжаете уже скоро, небось?", "на головах-то ещё долго сидеть собираетесь?", "К посевной технику успеете
    взять?". The act is his: a second-person verb (a present of a planned act, a future) or a plan word with an
    infinitive; no question word asks something else."""
    words = [t for t in _last_clause(tokens) if t.is_word or t.is_digit]
    if not words or any(t.lemma in lang.question_words for t in words):
        return False
    lower = [t.text.lower() for t in words]
    soon = any(t.text.lower() in _SOON or not t.lemmas.isdisjoint(_SOON) for t in words)
    long = "долго" in lower and "ещё" in lower or "долго" in lower and "еще" in lower
    by = any(w in _BY and k + 1 < len(words) and ({"datv", "gent"} & words[k + 1].tags) and words[k + 1].pos in ("NOUN", "ADJF") and not words[k + 1].animate
             for k, w in enumerate(lower[:-1]))
    yours = [t for t in words if t.pos == "VERB" and "2per" in t.tags and "past" not in t.tags]
    plan = any(t.pos == "INFN" for t in words) and (any(t.lemma in _INTENT for t in words) or bool(yours))
    if soon:
        return bool(yours) and not any("pres" in t.tags and t.lemma in ("быть", "работать") for t in yours)
    if long:
        return plan
    return by and plan and any("futr" in t.tags or t.pos == "INFN" for t in words) and find_period(words, lang) is None


def asks_time(tokens: Sequence[Token], lang: Language) -> bool:
    """A question that asks the timing by its form (see the module's doc); not a read-back ("То есть …")."""
    if _off(tokens, lang) or restates(tokens):
        return False
    return (_choice(tokens, lang) or _time_last(tokens, lang) or _date_asked(tokens, lang) or _point_asked(tokens, lang)
            or _coming(tokens, lang) or _which_time(tokens, lang))
