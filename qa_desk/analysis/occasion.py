"""What event a time question is about: the client's deal, or small talk.

A manager who builds rapport asks when things happen that are no part of the deal: a holiday or a party
("А когда у вас новоселье, будете отмечать?", "юбилей завода когда отмечаете?"), a trip ("на выставку
поедете в этом году?", "в отпуск когда?", "на форум … собираетесь?"), a season ("когда у вас пик, на
праздники?"), or an errand of ours ("Когда вам скинуть адрес?", "Когда вам образцы привезти?", our visit: "Когда
нам к вам подъехать на замеры?"). None of
them asks the timing (nor any other set question), however much it sounds like a plan.

The reading is by the sentence's own words, not a list of holidays:
- an errand: the listener in the dative with a bare infinitive and no predicate of need or ease ("вам
  скинуть", not "вам нужно запустить", "вам удобно") — the infinitive's doer is the speaker; or the listener's ease
  asked with a time of day ("Материалы вам когда удобнее получить — утром или ближе к вечеру?"): an hour, no deal's time;
- a trip: a verb of going (the closed class of Russian motion verbs, or "собираться" with no infinitive) or no
  verb at all, with a destination "в/на" + an accusative noun that is no time ("на ярмарку", "в отпуск");
- an occasion: a noun or verb whose vector lies near the celebration and leisure words (праздник,
  праздновать, отпуск, отдых), unless it is a real act (a deverbal noun that keeps its verb's meaning:
  "открытие", "переезд", "обучение"), with no act of the deal beside it: an act noun, a verb of the set's
  own vocabulary that is no plan word, or a verb with a direct object.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from functools import lru_cache

from qa_desk.analysis.language import ADDRESSEE, I_WE, PLANS, WE, Language
from qa_desk.analysis.lexicon import Token, lemma_of, word_is_known
from qa_desk.analysis.past_when import ours_at_ease
from qa_desk.analysis.timing import DAYTIME, find_period
from qa_desk.analysis.vectors import Vectors, vectors

# the celebration and leisure pole: a word this near one of them names an occasion
_POLE = ("праздник", "праздновать", "отпуск", "отдых")
_OCCASION = 0.55
_ACT = 0.45  # a deverbal noun this near its verb names the act ("закупка" — "закупать"; not "выставка" — "выставить")
_COMPOUND = 5  # the shortest known tail of an unknown compound ("агровыставка" → "выставка")
# Russian verbs of going (a closed class: the unprefixed pairs and their "по-", "с-", "вы-" forms of one trip)
_GOING = frozenset({"ехать", "поехать", "ездить", "съездить", "выехать", "лететь", "полететь", "летать", "слетать",
                    "идти", "пойти", "ходить", "сходить", "плыть", "поплыть", "выбраться", "выбираться", "отправиться",
                    "отправляться"})
_GATHER = "собираться"  # "на форум собираетесь?" — going, when no infinitive follows
# predicates of the listener's own need or ease beside a dative "вам" ("вам нужно", "вам удобно", "вам хочется")
_OWN = PLANS | frozenset({"нужный", "надо", "удобно", "удобный", "можно", "лучше", "хотеться", "важно", "актуально",
                          "требоваться", "понадобиться", "пора", "стоить", "предстоять", "придётся", "прийтись"})
# an occasion after these is a landmark of the time asked, not its event ("после летних отпусков или раньше?")
_LANDMARK = frozenset({"после", "до", "к", "ко", "перед", "накануне"})
_AUXILIARY = frozenset({"быть", "стать", "мочь", "думать"})  # "будете отмечать": the event is the infinitive's
_KNOWING = frozenset({"рассчитывать", "понимать", "понять", "знать", "ждать", "ожидать"})  # "когда я могу рассчитывать…"
_EASE = frozenset({"удобно", "удобный"})
_LEAVE = frozenset({"можно", "лучше", "удобно", "удобный"})  # "когда нашему мастеру можно заехать": our leave, still our visit  # "вам когда удобнее — утром или вечером?": the hour of an errand or a call
_EASIER = frozenset({"простой", "легкий", "лёгкий", "хороший", "комфортный"})  # "вас проще поймать", "лучше набрать"
_WEEKDAY_ACCS = frozenset({"понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье"})


@lru_cache(maxsize=4096)
def _row(lemma: str) -> int | None:
    table = vectors()
    row = table.row([lemma])
    if row is None and len(lemma) > _COMPOUND + 2:
        row = next((table.row([lemma[k:]]) for k in range(2, len(lemma) - _COMPOUND + 1)
                    if table.row([lemma[k:]]) is not None), None)
    return row


@lru_cache(maxsize=4096)
def occasion_word(lemma: str) -> bool:
    """The word lies near the celebration and leisure pole and is no act of anyone's."""
    table = vectors()
    row = _row(lemma)
    if row is None or act_noun(lemma):
        return False
    return max(table.cosine(row, pole) for p in _POLE if (pole := table.row([p])) is not None) >= _OCCASION


_ENDINGS = ("ить", "ать", "ять", "овать", "ировать", "ивать", "ывать")
_SUFFIXES = (("ение", ("ить", "ать")), ("ание", ("ать",)), ("яние", ("ять",)), ("тие", ("ть",)),
             ("ка", ("ать", "ить", "ять")), ("а", ("ить", "ать")))


@lru_cache(maxsize=4096)
def act_noun(noun: str) -> bool:
    """A noun made from a verb that keeps the verb's meaning ("переезд" — "переезжать", "обучение" —
    "обучать"), not one that only looks so ("выставка" — "выставить", "отпуск" — "отпускать")."""
    verbs = {noun + e for e in _ENDINGS}
    for suffix, endings in _SUFFIXES:
        if noun.endswith(suffix):
            verbs |= {noun[:-len(suffix)] + e for e in endings}
            break
    if noun[-1:] in ("д", "з"):
        verbs |= {noun[:-1] + "жать"}
    table: Vectors = vectors()
    row = table.row([noun])
    if row is None:
        return False
    for verb in verbs:  # the table first: most made-up verbs are in neither, and pymorphy3's look-up costs more
        other = table.row([verb])
        if other is not None and word_is_known(verb) and lemma_of(verb) == verb and table.cosine(row, other) >= _ACT:
            return True
    return False


def errand(tokens: Sequence[Token]) -> bool:
    """The listener in the dative with a bare infinitive, no need or ease said: "Когда вам скинуть адрес?"; not a
    place by a preposition ("Отгружать куда — к вам на производство?", "заступать к вам когда?")."""
    dative = any(t.lemma in ADDRESSEE and "datv" in t.tags and not (k and tokens[k - 1].pos == "PREP")
                 for k, t in enumerate(tokens))
    return dative and any(t.pos == "INFN" for t in tokens) and all(
        t.lemmas.isdisjoint(_OWN) and t.pos != "VERB" for t in tokens)


def ours_to_do(tokens: Sequence[Token]) -> bool:
    """In the clause of «когда» (up to a conjunction or a mark), we in the dative with a bare infinitive that is no verb of
    knowing: the doer of a visit or errand of ours ("Когда нам к вам подъехать на замеры?", "когда нашему технологу к
    вам подъехать, машину посмотреть?"; not "…, чтобы мне понимать, к какому числу…")."""
    start = next((k for k, t in enumerate(tokens) if t.lemma == "когда"), None)
    if start is None or any(t.pos in ("VERB", "INFN", "PRED") for t in tokens[:start]):
        return False  # "мне важно понять, к какому моменту …, … когда нам надо стартовать": «когда» is not what it asks
    end = next((k for k in range(start + 1, len(tokens)) if not tokens[k].is_word or tokens[k].pos == "CONJ"), len(tokens))
    clause = tokens[start + 1:end]
    dative = any("datv" in t.tags and (t.lemma in I_WE or t.pos == "NOUN" and k and clause[k - 1].lemma in WE)
                 and not (k and clause[k - 1].pos == "PREP") for k, t in enumerate(clause))
    return dative and any(t.pos == "INFN" and t.lemma not in _KNOWING | _AUXILIARY for t in clause) and not any(
        t.pos == "VERB" and "2per" in t.tags or not t.lemmas.isdisjoint(_OWN - _LEAVE) for t in clause)


def _mine(tokens: Sequence[Token]) -> bool:
    """A coming act of the speaker's own, in the first person, and none of the listener's: "Можно я тогда вернусь,
    когда у вас появится новый директор?", "Когда наберу, удобно будет?"; not "когда я могу рассчитывать на …"."""
    return any(t.pos == "VERB" and "1per" in t.tags and "sing" in t.tags and not {"past", "plur"} & t.tags
               and t.lemma not in PLANS | _AUXILIARY | _KNOWING for t in tokens) and not any(
        t.pos == "VERB" and "2per" in t.tags or t.lemma in ADDRESSEE and "nomn" in t.tags for t in tokens)


def _destination(tokens: Sequence[Token], lang: Language) -> Token | None:
    """"в/на" + an accusative noun that is no time ("на ярмарку", "в отпуск"; not "на следующий год"): the noun."""
    for k, t in enumerate(tokens[:-1]):
        if t.text.lower() not in ("в", "во", "на"):
            continue
        nxt = next((u for u in tokens[k + 1:k + 4] if u.pos == "NOUN" or not u.is_word), None)
        if nxt is not None and nxt.pos == "NOUN" and "accs" in nxt.tags and nxt.lemmas.isdisjoint(
                lang.time_anchors | _WEEKDAY_ACCS):
            return nxt
    return None


def trip(tokens: Sequence[Token], lang: Language) -> bool:
    """The listener going somewhere: a verb of going of his (second person, or "собираться" with no infinitive)
    with a destination ("на ярмарку едете?", "на форум собираетесь?"), or no verb at all, "вы" and an occasion
    for a destination ("А вы в отпуск когда?"); not someone else going ("сколько у вас человек ходит на медосмотр")."""
    place = _destination(tokens, lang)
    if place is None:
        return False
    verbs = [t for t in tokens if t.pos in ("VERB", "INFN", "PRTS", "PRED", "ADJS")]
    you = any(t.lemma in ADDRESSEE and "nomn" in t.tags for t in tokens)
    if not verbs:
        return you and occasion_word(place.lemma)
    mine = [t for t in verbs if t.pos == "VERB" and "2per" in t.tags or t.pos == "INFN" and you]
    return any(t.lemma in _GOING for t in mine) or any(t.lemma == _GATHER for t in mine) and not any(
        t.pos == "INFN" for t in tokens)


def _object(tokens: Sequence[Token]) -> bool:
    """A direct object: an accusative noun or pronoun with no preposition before it ("заказ … делать", "это
    сделать", "чашку продать"); not the listener ("вас") nor a time ("весной")."""
    for k, t in enumerate(tokens):
        if t.pos in ("NOUN", "NPRO") and "accs" in t.tags and "nomn" not in t.tags and t.lemma not in ADDRESSEE:
            before = tokens[k - 1] if k else None
            if before is None or before.pos != "PREP" and not (before.pos == "ADJF" and k > 1 and tokens[k - 2].pos == "PREP"):
                return True
    return False


def _acts(tokens: Sequence[Token], deal: Collection[str]) -> bool:
    """An act of the deal in the sentence: an act noun, a verb of the set's vocabulary that is no plan, a verb
    with a direct object."""
    verbs = [t for t in tokens if t.pos in ("VERB", "INFN") and t.lemma not in PLANS | _AUXILIARY and t.lemma not in _GOING
             and t.lemma != _GATHER and not occasion_word(t.lemma)]
    return any(t.pos == "NOUN" and act_noun(t.lemma) and not occasion_word(t.lemma) for t in tokens) or any(
        t.lemma in deal for t in verbs) or bool(verbs) and _object(tokens)


def small_talk(tokens: Sequence[Token], lang: Language, deal: Collection[str] = ()) -> bool:
    """A question about an event that is no part of the deal (see the module's doc); ``deal``: the lemmas of the
    set's own questions, whose events are the deal's."""
    words = [t for t in tokens if t.is_word]
    if trip(words, lang):
        return not _acts(words, deal)
    if _hour(words):  # "в какое время вас проще поймать — с утра или …": no «когда» needed
        return True
    period = find_period(words, lang)
    if not any(t.lemma == "когда" for t in words) and (period is None or period[0].lower() == "сейчас"):
        return False  # only a time question has an event to weigh
    if errand(words) or _mine(words) or ours_to_do(tokens) or ours_at_ease(words):  # past_when.py
        return True
    return any(_event_word(words, k, lang, deal) and occasion_word(t.lemma) for k, t in enumerate(words)) and not _acts(
        words, deal)


def _hour(words: Sequence[Token]) -> bool:
    """The listener's ease asked with a time of day ("Материалы вам когда удобнее получить — утром или ближе к
    вечеру?", "В какое время вас проще поймать — с утра или ближе к вечеру"): the hour of something of ours, not when his deal comes."""
    return any(t.lemma in _EASE or t.pos == "COMP" and t.lemma in _EASIER for t in words) and any(
        not t.lemmas.isdisjoint(DAYTIME) for t in words)


def _event_word(words: Sequence[Token], k: int, lang: Language, deal: Collection[str]) -> bool:
    """``words[k]`` may name the event a time question asks about: a noun or a verb, no time ("начало года"), no
    landmark of the time ("после отпусков"), no object of a verb ("рассматриваете возможность …"), none of the deal's."""
    t = words[k]
    if t.pos not in ("NOUN", "VERB", "INFN") or t.lemma in deal or not t.lemmas.isdisjoint(lang.time_anchors | lang.time_modifiers):
        return False
    if k and words[k - 1].text.lower() in _LANDMARK or k > 1 and words[k - 2].text.lower() in _LANDMARK:
        return False
    return not (t.pos == "NOUN" and "accs" in t.tags and k and words[k - 1].pos in ("VERB", "INFN")
                and words[k - 1].lemma not in _GOING | _AUXILIARY)
