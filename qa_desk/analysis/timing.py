"""Time periods as said: "в следующем квартале", "до конца года", "через два месяца", "срочно"."""

from __future__ import annotations

from collections.abc import Sequence

from qa_desk.analysis.language import CALL_VERBS, CLAUSE_MARKS, CONTRAST, DASHES, PAST_MARKS, PLANS, Language
from qa_desk.analysis.lexicon import Token, lemma_of, stored, word_is_known
from qa_desk.analysis.patterns import Cue, any_cue
from qa_desk.analysis.time_story import in_story, turns_to_now

_MAX_LEFT = 4
_MAX_RIGHT = 3
_EVERYDAY = frozenset({"сейчас", "потом", "позже", "сразу", "скоро", "вчера", "завтра"})
_VAGUE = frozenset({"сейчас", "потом", "позже", "сразу"})  # "сроки сейчас назвать не могу", "давайте не сейчас"
_BARE_PREPS = frozenset({"в", "во", "на", "по", "с", "за", "не"})


def _is(tok: Token, words: frozenset[str]) -> bool:
    return not tok.lemmas.isdisjoint(words) or tok.text.lower() in words


def _is_modifier(tok: Token, lang: Language) -> bool:
    return tok.is_digit or _is(tok, lang.time_modifiers) or tok.pos == "NUMR"


def find_period(tokens: Sequence[Token], lang: Language, strict: bool = False, vague: bool = True,
                ) -> tuple[str, int, int] | None:
    """The first time expression: (text as said, start, end) or None.

    ``strict`` (for unprompted statements) ignores bare everyday adverbs such as "сейчас"; ``vague=False``
    ignores a bare or negated "сейчас", "потом", "позже", "сразу" (no answer beside a dodge).
    """
    for i, tok in enumerate(tokens):
        if not tok.is_word:
            continue
        if _is(tok, lang.time_anchors) and tok.pos in ("NOUN", "ADVB"):
            start = i
            while start > 0 and i - start < _MAX_LEFT and _is_modifier(tokens[start - 1], lang):
                start -= 1
            if _is(tok, lang.time_weak) and all(t.text.lower() in _BARE_PREPS for t in tokens[start:i]):
                continue
            if strict and any(t.lemma == "прошлый" for t in tokens[start:i]):
                continue  # "в прошлом году": when it happened, not when they plan
            end = i + 1
            while end < len(tokens) and end - i <= _MAX_RIGHT and (
                _is(tokens[end], lang.time_anchors) or (_is_modifier(tokens[end], lang) and tokens[end].pos != "PREP")
            ):
                end += 1
            while end - 1 > i and not _is(tokens[end - 1], lang.time_anchors):
                end -= 1
            return _text(tokens, start, end), start, end
        if tok.text.lower() in ("скорее", "быстрее") and i >= 2 and tokens[i - 2].text.lower() == "как":
            return _text(tokens, i - 2, i + 1), i - 2, i + 1
        if _is(tok, lang.time_adverbs) and tok.pos in ("ADVB", "PRED", "ADJS", "CONJ", "PRCL") or tok.text.lower() in (
            "сейчас",
            "срочно",
        ):
            if not _is(tok, lang.time_adverbs):
                continue
            start = i
            while start > 0 and i - start < 2 and tokens[start - 1].text.lower() in ("прямо", "не", "как", "уже", "пока"):
                start -= 1
            if strict and start == i and (tok.text.lower() in _EVERYDAY or not tok.lemmas.isdisjoint(_EVERYDAY)):
                continue
            if (strict or not vague) and all(t.text.lower() == "не" for t in tokens[start:i]) and not tok.lemmas.isdisjoint(_VAGUE):
                continue
            return _text(tokens, start, i + 1), start, i + 1
    return None


def _text(tokens: Sequence[Token], start: int, end: int) -> str:
    return " ".join(t.text for t in tokens[start:end])


# A time said about something other than the purchase: a callback ("перезвоните в четверг"), a
# delivery ("доставка нужна к пятнице"), a past event ("в прошлом году уже закупали").
_CALLBACK = CALL_VERBS | {"звонить", "связаться", "перезванивать", "набирать"}
_DELIVERY = frozenset({"доставка", "доставить", "привезти", "отгрузка", "отгрузить", "поставка"})
_DELIVERY_REACH = 4  # words from the time a delivery is said of it ("К июню точно, у нас летом пик доставки": not)
_PAST_MARKS = PAST_MARKS | {"прошедший"}
_PLANS = PLANS | {"думать", "решить", "договориться", "мочь", "бы", "надеяться", "обещать", "нужный", "чтоб",
                  "чтобы", "пора", "должный"}
_BREAKS = CLAUSE_MARKS | {"а", "но", "зато"}
# A weekday with a time of day is a meeting or a callback ("Давайте в понедельник после двух", "в четверг
# после шести", "Ну в понедельник, часов в двенадцать"), not when they buy.
WEEKDAYS = frozenset({"понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье"})
DAYTIME = frozenset({"час", "утро", "утром", "обед", "вечер", "вечером", "полдень"})


def _appointment(tokens: Sequence[Token], start: int, end: int) -> bool:
    """A weekday said with an hour or a time of day in its sentence."""
    if all(t.lemmas.isdisjoint(WEEKDAYS) for t in tokens[start:end]):
        return False
    return any(not t.lemmas.isdisjoint(DAYTIME) or t.text.lower() == "после" and k + 1 < len(tokens)
               and "NUMR" in tokens[k + 1].tags for k, t in enumerate(tokens))


_PROPOSALS = CALL_VERBS | {"давать", "удобно", "удобный", "договориться", "подъехать", "заехать", "встретиться",
                          "наберу"}


def scheduling(tokens: Sequence[Token]) -> bool:
    """A sentence that sets a meeting or a callback: a weekday with an hour, a time of day or a proposal
    ("Во вторник после обеда", "Да, в четверг, давайте"); it answers no yes/no or free-text question."""
    days = [k for k, t in enumerate(tokens) if not t.lemmas.isdisjoint(WEEKDAYS)]
    if not days:
        return False
    return _appointment(tokens, 0, len(tokens)) or any(not t.lemmas.isdisjoint(_PROPOSALS) for t in tokens)


# Verbs of saying: in the past before a time they report what was said ("арендодатель ответил, открываемся
# пятнадцатого сентября"), and the reported clause, which the lost comma would have set off, starts after them.
_SAYING = frozenset({"сказать", "ответить", "сообщить", "написать", "подтвердить", "передать", "говорить"})


def _clause_start(tokens: Sequence[Token], start: int) -> int:
    while start > 0 and tokens[start - 1].text.lower() not in _BREAKS and not (
            tokens[start - 1].lemma in _SAYING and "past" in tokens[start - 1].tags) and not turns_to_now(tokens, start - 1):
        start -= 1
    return start


def _clause(tokens: Sequence[Token], start: int, end: int) -> Sequence[Token]:
    start = _clause_start(tokens, start)
    while end < len(tokens) and tokens[end].text.lower() not in _BREAKS:
        end += 1
    return tokens[start:end]


def _not_purchase(clause: Sequence[Token], delivery: bool = True) -> bool:
    lemmas = {lemma for t in clause for lemma in t.lemmas}
    if not lemmas.isdisjoint(_CALLBACK | _PAST_MARKS | (_DELIVERY if delivery else frozenset())):
        return True
    if untimely(clause) or own_look(clause):
        return True
    past = any(t.pos == "VERB" and "past" in t.tags for t in clause)
    planned = not lemmas.isdisjoint(_PLANS) or any(t.pos == "INFN" or "futr" in t.tags for t in clause)
    return past and not planned  # "прошлый раз ставили в мае"; not "решили в марте запускать"


def untimely(clause: Sequence[Token]) -> bool:
    """«раньше времени», «прежде срока»: prematurely, no date (round 16)."""
    return any(t.lemma in ("раньше", "прежде", "ранний") and u.lemma in ("время", "срок") and "gent" in u.tags
               for t, u in zip(clause, clause[1:], strict=False))


def own_look(clause: Sequence[Token]) -> bool:
    """The speaker's own look at it: every finite verb of the first person singular and one of waiting to see, no
    infinitive ("Я в понедельник вернусь из отпуска, посмотрю"): the time dates his look, not a purchase (round 16)."""
    verbs = [t for t in clause if t.pos == "VERB" and "indc" in t.tags]
    return bool(verbs) and all("1per" in t.tags and "sing" in t.tags for t in verbs) and not any(
        t.pos == "INFN" for t in clause) and any(t.lemma in _WAIT_AND_SEE for t in verbs)


def not_purchase_clause(tokens: Sequence[Token], start: int, end: int, delivery: bool = True) -> bool:
    """The clause around tokens[start:end] is about a callback, a past event or (``delivery``) a delivery."""
    return _not_purchase(_clause(tokens, start, end), delivery)


def purchase_period(tokens: Sequence[Token], lang: Language, strict: bool = False, vague: bool = True,
                    ) -> tuple[str, int, int] | None:
    """The first time expression about the purchase: ``find_period`` less callbacks, deliveries, past events."""
    offset = 0
    while offset < len(tokens):
        found = find_period(tokens[offset:], lang, strict, vague)
        if found is None:
            return None
        text, start, end = found
        clause = _clause(tokens, offset + start, offset + end)
        if in_story(tokens, _clause_start(tokens, offset + start), clause, _PAST_MARKS):
            offset += end  # "Прошлой весной тоже думали…, а в апреле заморозок": the story's date
            continue
        near = tokens[max(0, offset + start - _DELIVERY_REACH):offset + end + _DELIVERY_REACH]
        delivered = any(not t.lemmas.isdisjoint(_DELIVERY) for t in near) and _not_purchase(clause)
        if (not _not_purchase(clause, delivery=False) and not delivered and not (text.lower() == "сейчас" and _present_state(clause))
                and not _appointment(tokens, offset + start, offset + end)
                and not _duration(tokens, offset + start, offset + end)):
            return text, offset + start, offset + end
        offset += end
    return None


_SPANS = frozenset({"месяц", "год", "неделя", "день", "сутки", "полгода", "полгод", "квартал", "полмесяца", "пол"})


def _duration(tokens: Sequence[Token], start: int, end: int) -> bool:
    """A length of time, not a date: a rate ("восемьдесят в месяц"), how long something has gone on
    ("третий месяц не можем закрыть") or will last ("на полгода", "на два года")."""
    span = [t for t in tokens[start:end] if t.is_word or t.is_digit]
    if len(span) < 2 or span[-1].lemmas.isdisjoint(_SPANS):
        return False
    head, nxt = span[0].text.lower(), span[1]
    if any(t.text.lower() == "в" and {"accs", "nomn"} & u.tags and "loct" not in u.tags and not u.lemmas.isdisjoint(_SPANS)
           for t, u in zip(span, span[1:], strict=False)):
        return True  # "восемьдесят в месяц": so much per month
    if "Anum" in span[0].tags and len(span) == 2 and "loct" not in span[1].tags and not (
            start and tokens[start - 1].pos == "PREP"):
        return _with_verb(tokens, start, end)  # "третий месяц не можем": for the third month now; not "Если деньги
        # будут — третий квартал, не раньше.", where the ordinal names the date of a clause with no verb of its own
    if head == "по" and ("NUMR" in nxt.tags or nxt.is_digit):
        return True  # "платит по шестьдесят дней": a term, so many days each time
    return head == "на" and ("NUMR" in nxt.tags or nxt.is_digit or not nxt.lemmas.isdisjoint(_SPANS) and "loct" not in nxt.tags)


def _with_verb(tokens: Sequence[Token], start: int, end: int) -> bool:
    """A finite verb in the clause of tokens[start:end], read between commas and dashes."""
    lo = max((k + 1 for k in range(start) if tokens[k].text in CLAUSE_MARKS or tokens[k].text in DASHES), default=0)
    hi = next((k for k in range(end, len(tokens)) if tokens[k].text in CLAUSE_MARKS or tokens[k].text in DASHES), len(tokens))
    return any(t.pos == "VERB" for t in tokens[lo:hi])


def planned(tokens: Sequence[Token]) -> bool:
    """The sentence states a plan: a verb of intent, an infinitive or a future ("Думаем к осени запустить")."""
    lemmas = {lemma for t in tokens for lemma in t.lemmas}
    return not lemmas.isdisjoint(_PLANS) or any(
        t.pos == "INFN" or "futr" in t.tags and t.lemmas.isdisjoint(_WAIT_AND_SEE) for t in tokens)


_WAIT_AND_SEE = frozenset({"посмотреть", "увидеть", "подумать", "решить", "видеть"})  # "посмотрим": no plan


def _present_state(clause: Sequence[Token]) -> bool:
    """A clause where a bare "сейчас" tells how things are, not when to buy: a present-tense verb
    ("Сейчас используем бесплатную версию") or a negation ("сроки сейчас назвать не могу", "тут я вам
    сейчас не скажу"), and no plan ("сейчас нужно", "хоть сейчас готовы")."""
    lemmas = {lemma for t in clause for lemma in t.lemmas}
    if not lemmas.isdisjoint(_PLANS) and "не" not in lemmas:
        return False
    return "не" in lemmas or any(t.pos == "VERB" and "pres" in t.tags for t in clause)


# A "когда" question about the client's own coming event, asked with any verb or with the event's noun alone
# ("А переезжать когда думаете?", "Когда открываетесь?", "А переезд-то у вас когда?"): the timing. Not when the
# time is for a step of ours ("когда удобно, чтоб я подъехал?", "когда можно приехать?"), someone else's
# ("а монтаж у них когда?", "хозяин когда бывает?"), a past event ("когда переезжали?") or a subordinate
# "когда" ("вы, когда пациентов записываете, … проблемы есть?").
_PURPOSE = frozenset({"чтоб", "чтобы"})
_OTHERS = frozenset({"он", "она", "оно", "они"})  # lemmas: "у них", "его", "ему"
_INDEFINITE = frozenset({"то", "нибудь", "либо"})  # "когда-то", "когда-нибудь"
# where or whether someone can be reached ("когда вы бываете в офисе?", "когда освободитесь?"): a callback's time
_AVAILABLE = frozenset({"бывать", "работать", "находиться", "освободиться", "освобождаться", "появиться",
                        "появляться"})
_DASHES = frozenset({"—", "–", "-", ":"})
_VERB_ENDINGS = ("ить", "ать", "ять", "овать", "ировать", "ивать", "ывать")


def asks_when(tokens: Sequence[Token], lang: Language) -> bool:
    """A "когда" question about the client's own coming action or event (see above)."""
    at = next((k for k, t in enumerate(tokens) if t.lemma == "когда" and not (
        k + 1 < len(tokens) and tokens[k + 1].text.lower() in _INDEFINITE)), None)
    if at is None:
        return False
    lemmas = {lemma for t in tokens for lemma in t.lemmas}
    if not lemmas.isdisjoint(_PURPOSE | _OTHERS | _AVAILABLE | lang.arrangements | _CALLBACK | WEEKDAYS | DAYTIME):
        return False
    breaks = CLAUSE_MARKS | _DASHES
    start, end = at, at + 1
    while start > 0 and tokens[start - 1].text not in breaks:
        start -= 1
    while end < len(tokens) and tokens[end].text not in breaks:
        end += 1
    rest = [t for k, t in enumerate(tokens) if not start <= k < end]
    if any(t.pos == "VERB" or t.lemma in lang.question_words for t in rest):
        return False  # another clause says or asks something: this "когда" may be a conjunction
    clause = tokens[start:end]
    verbs = [t for t in clause if t.pos == "VERB"]
    if verbs and all(t.lemma == "быть" for t in verbs) and not any(t.pos == "INFN" for t in clause):
        return False  # "когда вы будете на месте?"; not "а закупать когда будете?"
    if verbs:
        wish = any(t.lemma == "бы" for t in clause)
        return all(("2per" in t.tags or "past" in t.tags and "plur" in t.tags and wish) for t in verbs)
    return any(t.pos == "NOUN" and "nomn" in t.tags and not t.animate and deverbal(t.lemma) for t in clause)


@stored("deverbal")
def deverbal(noun: str) -> bool:
    """A noun made from a verb, an action or event ("переезд", "запуск", "ремонт", "открытие", "закупка")."""
    verbs = {noun + e for e in _VERB_ENDINGS}  # "запуск" — "запускать", "ремонт" — "ремонтировать"
    for suffix, endings in (("ение", ("ить", "ать")), ("ание", ("ать",)), ("яние", ("ять",)), ("тие", ("ть",)),
                            ("ка", ("ать", "ить", "ять")), ("а", ("ить", "ать"))):
        if noun.endswith(suffix):  # "внедрение" — "внедрить", "открытие" — "открыть", "закупка" — "закупать"
            verbs |= {noun[:-len(suffix)] + e for e in endings}
            break
    if noun[-1:] in ("д", "з"):
        verbs |= {noun[:-1] + "жать"}  # "переезд" — "переезжать"
    return any(word_is_known(v) and lemma_of(v) == v for v in verbs)


_GUESS_MARKS = frozenset({"может", "возможно", "либо", "или"})  # "может, летом, может, позже", "то ли весной, то ли…"


def guessed_alternatives(tokens: Sequence[Token], lang: Language) -> bool:
    """Times only guessed at, two or more of them ("Может, летом, может, позже", "то ли весной, то ли осенью"):
    no date, a dodge."""
    marks = sum(t.text.lower() in _GUESS_MARKS or t.text.lower() == "ли" and k and tokens[k - 1].text.lower() == "то"
                for k, t in enumerate(tokens))
    if marks < 2:
        return False
    periods, offset = 0, 0
    while periods < 2 and (found := find_period(tokens[offset:], lang)) is not None:
        periods, offset = periods + 1, offset + found[2]
    return periods + sum(t.text.lower() in lang.time_adverbs for t in tokens[offset:]) >= 2  # "…, может, позже"


_EXPIRY = frozenset({"заканчиваться", "закончиться", "кончаться", "кончиться", "истекать", "истечь", "истекающий"})
_BY = frozenset({"до", "к", "ко"})


def deadline(tokens: Sequence[Token], lang: Language) -> bool:
    """A deadline the client states of his own: a time by which something is to be done ("предписание: до
    пятнадцатого мая устранить", "к сентябрю надо запуститься") or when what he has now runs out ("договор
    аренды заканчивается в апреле")."""
    found = purchase_period(tokens, lang, strict=True)
    if found is None:
        return False
    clause = _clause(tokens, found[1], found[2])
    if any(t.text.lower() in ("не", "ни", "никто", "ничего") for t in clause):
        return False  # "до следующего года никто её трогать не будет"
    if any(t.text.lower() == "если" for t in tokens[:found[1]]):
        return False  # "может, сто шестьдесят, если урожай до весны продадим": a condition, not a deadline
    if any(not t.lemmas.isdisjoint(_EXPIRY) for t in clause):
        return True
    k = found[1]
    while k > 0 and "Anum" in tokens[k - 1].tags:
        k -= 1  # "до пятнадцатого мая"
    by = tokens[k].text.lower() in _BY or k > 0 and tokens[k - 1].text.lower() in _BY
    return by and any(t.pos == "INFN" or t.lemma in PLANS or "futr" in t.tags and t.lemma != "быть" for t in clause)


_RELEVANT = frozenset({"смысл", "актуально", "актуальный", "актуальность"})


def relevant_then(tokens: Sequence[Token], lang: Language) -> bool:
    """A question whether the matter is worth taking up at a time to come ("А в марте это будет актуально?",
    "после отпуска, в марте, есть смысл к нему с предложением?"): the timing, unless it arranges a call."""
    lemmas = {lemma for t in tokens for lemma in t.lemmas}
    if lemmas.isdisjoint(_RELEVANT) or not lemmas.isdisjoint(lang.arrangements | _CALLBACK):
        return False
    found = purchase_period(tokens, lang, strict=True)
    return found is not None and not any(t.lemma in _PAST_MARKS for t in tokens[found[1]:found[2]])


def cue_in_part(cues: Sequence[Cue], tokens: Sequence[Token], lang: Language) -> bool:
    """One of ``cues`` (a plan word) is in the part of the sentence that holds its time, up to a contrast
    ("Летом в жару до двенадцати градусов поднимается, а реагенты надо от двух до восьми": the season is the pain's),
    or that part names a dated event without a verb ("в апреле проверка инспекции")."""
    found = purchase_period(tokens, lang, strict=True)
    if found is None:
        return False
    start, end = found[1], found[2]
    while start > 0 and tokens[start - 1].text.lower() not in CONTRAST:
        start -= 1
    while end < len(tokens) and tokens[end].text.lower() not in CONTRAST:
        end += 1
    part = tokens[start:end]
    if any_cue(cues, frozenset(lemma for t in part for lemma in t.lemmas)) is not None:
        return True
    # "У нас в апреле проверка инспекции, а … надо переобучить": a dated event of theirs, the deadline
    return all(t.pos != "VERB" for t in part) and any(t.pos == "NOUN" and deverbal(t.lemma) for t in part)
