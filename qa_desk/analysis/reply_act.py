"""The act of a client's reply, read before its content: does it answer at all, put the question off, make it hang
on a condition, confirm or correct what the manager read back, or say the question's own verb back for a yes.

Each act is read from the grammar of the reply and of the question it follows, with closed classes of the
language only (pronouns, prepositions, adverbs of later, confirmation words), never with a dialogue's vocabulary:
- a put-off: an adverb of later opening the sentence with nothing dated or counted ("Да потом, потом…",
  "Давайте попозже про это."), "давайте" with another day ("…, давайте завтра.") or the answer put after another
  person ("Это тоже после Геннадия Ильича.");
- an agreement pending with nobody named ("Это надо будет согласовывать наверху.");
- a hand-off: "not mine" beside another person, or only pointing to one ("это не я веду, это логист", "Это к
  закупщице."), the speaker's own role excepted ("Не мои площади, я там главный арендатор");
- "not mine": a negation before the speaker's own side in the dative or after "к/по" ("это не ко мне вопрос",
  "не по моей части", "не мне решать");
- a condition: "если/как только …" (also after the yes: "Возьмём, если цена будет нормальная."), or two clauses split by a dash whose first has a future verb ("Скажет — пустим.");
- an echo: the question's own verb said back, finite ("Примете?" — "Примем.", "готовы подъехать?" — "подъедем");
- a confirmation of a read-back ("В силе.", "Актуально.") or of a named party ("Да, я.");
- a name in address (a vocative set off by commas at the sentence's edge: "Ой, Максим, это…", "…наверху, Андрей."),
  which names the listener and never the decider;
- a past duration ("у нас уже три года своё стоит"), which is no date to come;
- a comparison ("у других примерно так же"), which tells how others stand, not where the client went.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Any

from qa_desk.analysis.amounts import budget_value
from qa_desk.analysis.language import CONDITIONALS, DASHES, LEAD_INS, LISTENER_LEAD_INS, THIRD_PERSON
from qa_desk.analysis.lexicon import word_tokens
from qa_desk.analysis.names import is_name, is_patronymic
from qa_desk.analysis.person import ADVISORY_VERBS, DECIDE_VERBS
from qa_desk.analysis.reply_unknown import lets_not_now
from qa_desk.analysis.timing import WEEKDAYS

if TYPE_CHECKING:
    from qa_desk.analysis.language import Language
    from qa_desk.analysis.lexicon import Token
    from qa_desk.analysis.sentence import Sentence


class Act(Enum):
    """What a reply does with the question."""

    ANSWER = "answer"  # anything else: its content is read as usual
    DODGE = "dodge"  # put off, not the speaker's, or after another person
    CONDITION = "condition"  # the answer hangs on something ("Скажет — пустим.")
    ECHO = "echo"  # the question's verb said back: a yes (or, negated, a no)
    CONFIRM = "confirm"  # a read-back or a named party confirmed ("В силе.", "Да, я.")
    CONTRAST = "contrast"  # a no to one side, then "но" and the question's own predicate: a yes ("Не мои…, но место есть")


@dataclass(frozen=True, slots=True)
class ReplyAct:
    """A reply's act; ``yes``: an echo's polarity; ``quote``: the sentence that carries the act."""

    act: Act
    yes: bool | None = None
    quote: str = ""


_LATER = frozenset({"потом", "позже", "попозже", "позднее", "опосля"})
_OPENERS = LEAD_INS | LISTENER_LEAD_INS | frozenset({"да", "давайте", "давай", "ой", "это", "ну", "так", "уж", "ладно", "вот"})
_DAYS = WEEKDAYS | _LATER | frozenset({"завтра", "послезавтра", "вечером", "утром", "неделя", "следующий", "на"})
_SELF_SIDE = frozenset({"я", "мы", "мой", "наш"})
# the verbs a yes/no question wraps the asked act in ("готовы подъехать?", "будете менять?", "можете назвать?")
_WRAPPERS = frozenset({"быть", "мочь", "хотеть", "смочь", "стать", "планировать", "собираться", "думать", "готовый",
                       "получиться", "сказать", "подсказать"})
# words that confirm a read-back, as a whole sentence or its opening ("В силе.", "Актуально.", "Всё так.")
_CONFIRM = frozenset({"да", "так", "верно", "точно", "именно", "конечно", "актуально", "актуальный", "сила", "всё", "все",
                      "ещё", "еще", "подтверждать", "остаться", "ага", "угу", "в", "по-прежнему", "прежнему", "по"})
_CONFIRM_HEADS = frozenset({"сила", "актуально", "актуальный", "верно", "подтверждать"})
# time units of a duration ("три года", "лет пять") and the marks that put it in the past ("уже", "назад")
_DURATION_UNITS = frozenset({"год", "лет", "месяц", "неделя", "день", "сезон"})
_PAST_MARKS = frozenset({"уже", "назад", "тому"})
_AHEAD = frozenset({"через", "на", "в", "во", "к", "до", "за", "с", "со", "после", "ещё", "еще", "следующий", "ближайший"})
_SPEAKERS = frozenset({"я", "мы", "вы"})  # the pronoun after a name said in address ("…, Павел, я не готов")


def _opening(tokens: Sequence[Token]) -> list[Token]:
    """The sentence's words from its first that is no lead-in, interjection or "давайте"."""
    words = word_tokens(tokens)
    k = 0
    while k < len(words) and (words[k].text.lower() in _OPENERS or words[k].pos == "INTJ"):
        k += 1
    return words[k:]


_OTHER, _TO_WHOM, _WITH = frozenset({"nomn", "datv"}), frozenset({"datv", "loct", "gent"}), frozenset({"ablt"})  # cases of a handoff's person


def hands_off(tokens: Sequence[Token], lang: Language) -> bool:
    """A handoff: the speaker says it is not theirs and names whose it is ("это не я веду, это логист",
    "это не ко мне, это к бухгалтеру", "Это я с директором обсужу, не моя епархия"): a negated first person
    beside another person; or, with no verb, only points to another person ("Ой, это к бухгалтеру.")."""
    words = [t for t in tokens if t.is_word]
    negated = False
    for k, w in enumerate(words[:-1]):
        rest = words[k + 1:k + 3]
        if w.text.lower() in ("не", "ни") and (rest[0].lemma in ("я", "мой") or len(rest) > 1 and (
                rest[0].pos == "PREP" and rest[1].lemma == "я")):
            negated = True

    def person(k: int, cases: frozenset[str]) -> bool:
        w = words[k]
        own = any(words[j].text.lower() == "я" and all(x.pos in ("ADVB", "ADJF", "PRCL") and x.text.lower() != "это"
                                                        for x in words[j + 1:k]) for j in range(max(0, k - 3), k))
        # "я там главный арендатор": the speaker's own role (not "это не я веду, это логист")
        return (w.pos == "NOUN" and w.animate and not cases.isdisjoint(w.tags) and not own
                and w.lemmas.isdisjoint(lang.person_ignore | lang.person_self))

    # "это к …" ("Это вам к главному"; any case after "к": pymorphy reads "к закупщице" as a locative)
    pointed = [k for k in range(2, len(words)) if words[k - 1].text.lower() in ("к", "ко") and person(k, _TO_WHOM)
               and any(w.text.lower() == "это" for w in words[:k - 1])]
    if pointed and (not any(w.pos in ("VERB", "INFN") for w in words) or any(words[k - 2].lemma == "вопрос" for k in pointed)):
        return True  # "Это к закупщице.", "Когда — это вопрос к партнёру, Тимур … считает.": the question goes to another
    return negated and any(person(k, _OTHER) or person(k, _WITH) and k and words[k - 1].text.lower() in ("с", "со")
                           for k in range(len(words)))


def puts_off(tokens: Sequence[Token]) -> bool:
    """The answer put off: an adverb of later opening the sentence with no figure, no noun and no date after it
    ("Да потом, потом…", "Давайте попозже про это."; not "Потом, в апреле."), or the sentence is only about
    coming after another person ("Это тоже после Геннадия Ильича.")."""
    rest = _opening(tokens)
    if rest and rest[0].text.lower() in _LATER:
        return not any(t.pos == "NOUN" or t.is_digit or "NUMR" in t.tags for t in rest[1:])
    return after_person(tokens) or _let_us_another_day(tokens) or lets_not_now(tokens)


def _let_us_another_day(tokens: Sequence[Token]) -> bool:
    """"давайте" with a later day and no verb of its own ("…, давайте завтра.", "Давай в понедельник."): the talk put
    off to another day."""
    if not any(t.lemma in ("давать", "давай", "давайте") for t in tokens):
        return False
    words = word_tokens(tokens)
    for k, w in enumerate(words):
        if w.text.lower() in ("давайте", "давай"):
            rest = [t for t in words[k + 1:] if t.pos != "PREP"]
            if rest and all(t.text.lower() in _DAYS or t.lemma in _DAYS for t in rest):
                return True
    return False


def after_person(tokens: Sequence[Token]) -> bool:
    """The answer comes after another person's word, with no verb of its own: "Это тоже после Геннадия Ильича."."""
    if not any(t.lemma == "после" for t in tokens):
        return False
    words = word_tokens(tokens)
    return any(w.text.lower() == "после" and k + 1 < len(words) and (words[k + 1].animate or is_name(words[k + 1]))
               for k, w in enumerate(words)) and not any(t.pos in ("VERB", "INFN") for t in words)


def not_mine(tokens: Sequence[Token]) -> bool:
    """The speaker says the question is not theirs: "не" before the speaker's side after "к/по" ("не ко мне", "не по
    моей части", "не к нам") or in the dative before an infinitive ("не мне решать")."""
    if not any(t.text in ("не", "Не", "ни", "Ни") for t in tokens):
        return False
    words = word_tokens(tokens)
    for k, w in enumerate(words[:-1]):
        if w.text.lower() not in ("не", "ни"):
            continue
        nxt = words[k + 1:k + 4]
        if len(nxt) > 1 and nxt[0].pos == "PREP" and nxt[0].text.lower() in ("к", "ко", "по") and nxt[1].lemma in _SELF_SIDE:
            return True
        if nxt[0].lemma in ("я", "мы") and "datv" in nxt[0].tags and any(t.pos == "INFN" for t in nxt[1:]):
            return True
    return False


_MUST = frozenset({"надо", "нужно", "необходимо", "придётся", "придется", "требоваться"})
_TALK_OVER = frozenset({"обсудить", "обсуждать", "посоветоваться", "советоваться", "обговорить", "думать", "подумать"})


def agreement_pending(tokens: Sequence[Token], text: str = "") -> bool:
    """The answer left to an agreement with nobody named: a must before an infinitive of agreeing, deciding or talking
    over, and no noun or name in the sentence ("Это надо будет согласовывать наверху.", "Надо обсудить."; not "Надо
    с директором согласовать."); ``text``: the sentence as written, where a name said in address is left out."""
    if not any(t.pos == "INFN" for t in tokens) or not any(t.lemma in _MUST or t.text.lower() in _MUST for t in tokens):
        return False  # cheap first: every sentence of a call is read
    words = word_tokens(without_vocatives(tokens, text) if text else tokens)
    must = next((k for k, t in enumerate(words) if t.lemma in _MUST or t.text.lower() in _MUST), None)
    if must is None or any(t.pos == "NOUN" or is_name(t) for t in words):
        return False
    return any(t.pos == "INFN" and t.lemma in DECIDE_VERBS | ADVISORY_VERBS | _TALK_OVER for t in words[must + 1:must + 4])


def dodges(tokens: Sequence[Token], text: str = "") -> bool:
    """A sentence that dodges by its act: put off, not the speaker's, or left to an agreement with nobody named."""
    return puts_off(tokens) or not_mine(tokens) or agreement_pending(tokens, text)


_SAME = frozenset({"так", "такой", "тот", "то", "столько"})


def compares(tokens: Sequence[Token]) -> bool:
    """A comparison: "так же", "такие же", "то же самое", "одинаково" ("Ну, у других примерно так же."): it says how
    others stand, not what the speaker did."""
    words = word_tokens(tokens)
    if any("VERB" in t.tags and "past" in t.tags for t in words):
        return False  # "Мы уже купили такую же систему у другого поставщика.": what they did
    return any(w.lemma in _SAME and k + 1 < len(words) and words[k + 1].text.lower() in ("же", "ж") for k, w in enumerate(words)) or any(
        w.lemma in ("одинаковый", "одинаково") for w in words)


def conditional(tokens: Sequence[Token]) -> bool:
    """A condition: "если/как только …" opening the sentence, or a dash after a clause with a future verb and before
    another verb ("Скажет — пустим.", "Разрешит главный — тогда и приезжайте.")."""
    rest = _opening(tokens)
    if rest and (rest[0].lemma in CONDITIONALS or len(rest) > 1 and rest[0].text.lower() == "как" and rest[1].text.lower() == "только"):
        return True
    if any(t.lemma in CONDITIONALS for t in rest[1:]):
        return True  # "Возьмём, если цена будет нормальная."
    dash = next((k for k, t in enumerate(tokens) if t.text in DASHES), None)
    if dash is None or dash == 0:
        return False
    first, second = tokens[:dash], tokens[dash + 1:]
    return (any(t.pos == "VERB" and "futr" in t.tags and "perf" in t.tags for t in first)
            and not any(t.text.lower() in ("да", "нет", "не") for t in first)
            and any(t.pos in ("VERB", "INFN") for t in second))


def _asked_verbs(question: Sequence[Token]) -> frozenset[str]:
    """The lemmas of the act a yes/no question asks about (its verbs and infinitives, less the wrappers)."""
    verbs = (t for t in question if not {"VERB", "INFN"}.isdisjoint(t.tags) and t.lemma not in _WRAPPERS)
    return frozenset().union(*(t.lemmas for t in verbs)) - _WRAPPERS  # "примете" is also the noun "примета"


def echo(question: Sequence[Token], tokens: Sequence[Token]) -> bool | None:
    """The reply says the question's own verb back, finite (True; False when "не" stands before it): "Примете?" —
    "Примем." / "Не примем."; None when it does not."""
    verbs = _asked_verbs(question)
    past = any("past" in t.tags for t in question if "VERB" in t.tags)
    words = word_tokens(tokens)
    for k, t in enumerate(words):
        if "VERB" in t.tags and not t.lemmas.isdisjoint(verbs) and ("indc" in t.tags or "impr" not in t.tags):
            if "past" in t.tags and not past:
                return None  # "что-то на них стоит?" — "Стояло.": it was, and is no more
            return not (k and words[k - 1].text.lower() == "не")
    return None


_BUT = frozenset({"но", "зато", "однако"})
_BE = frozenset({"есть", "имеется", "имеются"})


def contrast(question: Sequence[Token], sentences: Sequence[Sentence]) -> str | None:
    """A negated opening, then a clause after "но/зато/однако" that says the question's own predicate without a
    negation ("площади … есть?" — "Не мои площади, я там главный арендатор. Но …, место есть на первом этаже"): the
    text of that clause's sentence, else None."""
    if not sentences or not any(t.text.lower() in ("не", "нет") for t in word_tokens(sentences[0].tokens)[:2]):
        return None
    asked = _asked_verbs(question) | ({"есть", "иметься"} if any(t.text.lower() in _BE for t in question) else set())
    for s in sentences:
        words = word_tokens(s.tokens)
        for k, w in enumerate(words):
            if w.text.lower() not in _BUT or (s is sentences[0] and k == 0):
                continue
            clause = words[k + 1:]
            if any(t.text.lower() in ("не", "нет", "ни") for t in clause):
                break
            if any(t.text.lower() in asked or not t.lemmas.isdisjoint(asked) and "VERB" in t.tags for t in clause):
                return s.text
    return None


def confirms(tokens: Sequence[Token]) -> bool:
    """A sentence that confirms what was read back: it opens with a confirmation head ("В силе, я в его деньги не
    лезу.", "Актуально.", "Верно, так и есть.")."""
    words = [t for t in word_tokens(tokens) if t.text.lower() not in LEAD_INS]
    head = words[:3]
    return bool(head) and all(t.lemma in _CONFIRM for t in head[:2]) and any(t.lemma in _CONFIRM_HEADS for t in head)


_SAID_BEFORE = frozenset({"называть", "назвать", "говорить", "сказать", "закладывать", "заложить", "упоминать", "упомянуть",
                          "планировать", "озвучивать", "озвучить", "писать", "указывать", "указать"})


def read_back_figure(question: Sequence[Token]) -> dict[str, Any] | None:
    """The figure a question reads back to the client as said before ("По вложениям Руслан Ахмедович три миллиона
    называл — это в силе?", "Вы полмиллиона называли — это ещё актуально?"): a past verb of saying or planning beside
    it; None for a figure of ours ("Наш тариф пятьсот тысяч — подходит?"). A confirmation (``confirms``) takes it."""
    if not any(t.lemma in _SAID_BEFORE and "past" in t.tags for t in question) or any(
            t.lemma in ("мы", "наш") for t in question):
        return None  # "Мы вам говорили, что комплект стоит девятьсот…": ours
    return budget_value(question, bare=False, reply=False)


def bare_confirmation(tokens: Sequence[Token], lang: Language) -> bool:
    """A sentence of a yes and a pronoun of the speaker only ("Да, я.", "Да, мы."): it confirms a party named to the
    client and names nobody."""
    words = [t.text.lower() for t in word_tokens(tokens)]
    return len(words) >= 2 and words[0] in lang.yes and all(w in lang.yes or w in ("я", "мы", "сам", "сама") for w in words[1:])


def past_duration(tokens: Sequence[Token]) -> bool:
    """A duration that has already run ("у нас уже три года своё стоит", "работаем с ними уже два года", "лет пять
    назад ставили", "я восемнадцать лет здесь работаю"): a time unit with a count, "уже"/"назад" in the sentence or a verb in the
    present beside the unit, and no unit put ahead ("через год")."""
    words = word_tokens(tokens)
    units = [k for k, t in enumerate(words) if t.lemma in _DURATION_UNITS or t.text.lower() in _DURATION_UNITS]
    if not units:
        return False
    ongoing = all(any(t.pos == "VERB" and "pres" in t.tags for t in words[max(0, k - 4):k + 3]) for k in units) and not any(
        "futr" in t.tags for t in words if t.pos == "VERB")  # "я восемнадцать лет здесь работаю": how long so far
    if not ongoing and not any(t.text.lower() in _PAST_MARKS for t in words):
        return False
    counted = all(any("NUMR" in x.tags or x.is_digit or x.lemma in ("пара", "несколько", "полгода", "пару")
                      for x in words[max(0, k - 2):k + 2]) for k in units)
    ahead = any(x.text.lower() in _AHEAD for k in units for x in words[max(0, k - 3):k])
    return counted and not ahead


def _commas(text: str, tokens: Sequence[Token]) -> frozenset[int]:
    """Indices k of the tokens a comma follows in ``text`` (the lexicon keeps no commas)."""
    out: set[int] = set()
    at = 0
    low = text.lower()
    for k, t in enumerate(tokens):
        found = low.find(t.text.lower(), at)
        if found < 0:
            continue
        if k and "," in low[at:found]:
            out.add(k - 1)
        at = found + len(t.text)
    return frozenset(out)


def vocatives(tokens: Sequence[Token], text: str) -> frozenset[int]:
    """Indices (into ``tokens``) of a name said in address: a name (with its patronymic) set off by a comma at the
    sentence's opening after an interjection or lead-in ("Ой, Максим, это не ко мне"; not "Арсен, конечно, деньги
    его."), unless a pronoun takes it up ("Ну, Марат, он решает"), or closing it after a comma ("…согласовывать
    наверху, Андрей.", "это вам к Марине Сергеевне, Олег."), unless it stands in apposition to a nominative person
    or name before the comma ("Офис-менеджер, Дарья.", "Решает директор, Олег.")."""
    words = [k for k, t in enumerate(tokens) if t.is_word]
    if len(words) < 2 or "," not in text:
        return frozenset()
    commas = _commas(text, tokens)
    out: set[int] = set()
    j = 0
    while j < len(words) and (tokens[words[j]].pos == "INTJ" or tokens[words[j]].text.lower() in _OPENERS - {"это"}):
        j += 1
    span = _name_span(tokens, words[j]) if 0 < j < len(words) else []  # not "Арсен, конечно, деньги его."
    if span and span[-1] in commas and words[j - 1] in commas:
        after = next((t for t in tokens[span[-1] + 1:] if t.is_word), None)
        if after is None or after.lemma not in THIRD_PERSON:
            out.update(span)
    last = words[-1]
    polite = _polite(tokens, words)  # "Это наша внутренняя кухня, Марк Анатольевич."
    first = last - 1 if polite else last
    before = next((t for t in reversed(tokens[:first]) if t.is_word), None)
    apposed = before is not None and "nomn" in before.tags and (before.animate or is_name(before)) or (
        before is not None and before.pos == "PREP")  # "Офис-менеджер, Дарья.", "Решает директор, Олег."
    if first - 1 in commas and (polite or _name_span(tokens, last)) and before is not None and not apposed:
        out.update(range(first, last + 1))  # "…согласовывать наверху, Андрей.", "Да это вам к Марине Сергеевне, Олег."
    for j, k in enumerate(words[1:-1], 1):  # "…в документации, Павел, я не готов…": a name set off in the middle
        nxt, before = tokens[words[j + 1]], tokens[words[j - 1]]
        if k in commas and k - 1 in commas and _name_span(tokens, k) and nxt.lemma in _SPEAKERS and not (
                "nomn" in before.tags and (before.animate or is_name(before))):
            out.add(k)
    return frozenset(out)


_POLITE_BEFORE = 3  # words before a closing name with patronymic said in address ("Это наша внутренняя кухня, …")


def _polite(tokens: Sequence[Token], words: Sequence[int]) -> bool:
    """The sentence closes with a name and patronymic said in address: a name in the nominative with its patronymic
    last, at least three words before it, none of them a person, a role said by an adjective alone, a pronoun
    of the third person or a yes/no ("Это наша внутренняя кухня, Марк Анатольевич."; not "…решает директор управляющей
    компании, Ольга Дмитриевна.", "Управляющая, Галина Петровна.", "Да, Константин Андреевич.")."""
    last = words[-1]
    if len(words) < _POLITE_BEFORE + 2 or words[-2] != last - 1 or not is_patronymic(tokens[last]) or not is_name(
            tokens[last - 1]) or "nomn" not in tokens[last].tags:
        return False
    def role(k: int) -> bool:  # "Управляющая", "наш главный": an adjective standing for a person, no noun after it
        j = k + 1
        while j < len(tokens) and tokens[j].pos in ("ADJF", "PRTF"):
            j += 1
        return tokens[k].pos in ("ADJF", "PRTF") and "nomn" in tokens[k].tags and not {"masc", "femn"}.isdisjoint(
            tokens[k].tags) and (j >= last - 1 or tokens[j].pos != "NOUN")

    return not any(tokens[k].animate or role(k) or tokens[k].lemma in THIRD_PERSON or is_name(tokens[k])
                   or tokens[k].text.lower() in ("да", "нет") for k in words[:-2])


def _name_span(tokens: Sequence[Token], k: int) -> list[int]:
    """A capitalised bare first name at ``k`` in the nominative (the way a client addresses the manager; a decider
    is named with a patronymic): [k], else []."""
    if k < 0 or k >= len(tokens) or not tokens[k].text[:1].isupper() or "Name" not in tokens[k].tags or (
            "nomn" not in tokens[k].tags) or "Surn" in tokens[k].tags or k + 1 < len(tokens) and is_patronymic(tokens[k + 1]):
        return []
    return [k]


def without_vocatives(tokens: Sequence[Token], text: str) -> tuple[Token, ...]:
    """The sentence with any name said in address left out."""
    skip = vocatives(tokens, text)
    return tuple(t for k, t in enumerate(tokens) if k not in skip) if skip else tuple(tokens)


def read_act(question: Sequence[Token], sentences: Sequence[Sentence], lang: Language, yes_no: bool = False) -> ReplyAct:
    """The act of a reply to ``question``. ``yes_no``: the question asks a yes or no (an echo and a condition are
    read only then). The first sentence with words decides, except that a condition may follow a put-off."""
    said = [s for s in sentences if any(t.is_word for t in s.tokens)]
    if not said:
        return ReplyAct(Act.ANSWER)
    first = said[0]
    opens_yes_no = any(t.text.lower() in lang.yes | lang.no for t in word_tokens(first.tokens)[:2])
    if yes_no and not opens_yes_no:
        polarity = echo(question, first.tokens)
        if polarity is not None and not conditional(first.tokens):
            return ReplyAct(Act.ECHO, polarity, first.text)
        lead = [s for s in said[:2] if dodges(s.tokens) or conditional(s.tokens)]
        if any(conditional(s.tokens) for s in lead) and (lead[0] is first):
            return ReplyAct(Act.CONDITION, None, next(s.text for s in lead if conditional(s.tokens)))
    if yes_no and (quote := contrast(question, said)) is not None:
        return ReplyAct(Act.CONTRAST, True, quote)
    if dodges(first.tokens):
        return ReplyAct(Act.DODGE, None, first.text)
    confirm = next((s for s in said if confirms(s.tokens)), None)
    if confirm is not None:
        return ReplyAct(Act.CONFIRM, True, confirm.text)
    return ReplyAct(Act.ANSWER)
