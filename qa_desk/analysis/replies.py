"""What a reply answers: the value it gives to a question's kind, or that it dodges or asks back."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from qa_desk.analysis.amounts import budget_value
from qa_desk.analysis.budget_compared import after_colon, carried_spend
from qa_desk.analysis.budget_said import (
    capped,
    funds_absent,
    funds_governed,
    likened,
    nothing_to_pay,
    refused_outright,
)
from qa_desk.analysis.deciders import best_person, speaker_decides
from qa_desk.analysis.heads import denies_say
from qa_desk.analysis.language import CALL_VERBS, CONFIRMATIONS, COUNT_WORDS, LEAD_INS, LET_US, language
from qa_desk.analysis.patterns import Cue, any_cue, any_phrase
from qa_desk.analysis.person import decider_scored
from qa_desk.analysis.person_put_off import talk_put_off
from qa_desk.analysis.person_self import own_role, self_named
from qa_desk.analysis.questions import AnswerKind
from qa_desk.analysis.reply_act import (
    Act,
    agreement_pending,
    hands_off,
    past_duration,
    read_act,
    read_back_figure,
    without_vocatives,
)
from qa_desk.analysis.reply_role import refused_time, role_disclaimer
from qa_desk.analysis.reply_topic import off_topic
from qa_desk.analysis.reply_unknown import asks_for_someone, holds_on, negated_both, not_before, unknown_time
from qa_desk.analysis.shape import yes_no
from qa_desk.analysis.timing import (
    DAYTIME,
    WEEKDAYS,
    cue_in_part,
    deadline,
    guessed_alternatives,
    planned,
    purchase_period,
    scheduling,
)

if TYPE_CHECKING:
    from qa_desk.analysis.detect import Sentence
    from qa_desk.analysis.language import Language
    from qa_desk.analysis.lexicon import Token

_TEXT_MIN_CONTENT = 2
_EVASION_OUTWEIGHED = 6  # content words outside the evasive sentences that make a reply substantive
_STATED = 3  # content words of a reply's first sentence, not a dodge, that state something before any dodge
_LEAD_INS = LEAD_INS | {"и", "то", "есть"}
_CONFIRMS = CONFIRMATIONS | {"он", "она", "ага", "угу"}
_GUESSES = frozenset({"может", "возможно", "вероятно", "посмотреть"})  # "может, новый директор придёт"
_CONFIRMED = 2.5  # a name (with or without a role) in the question
_VOLUNTEER_NOUNS = 2  # an unprompted free-text answer names at least what and what for
_COUNT_WORDS = COUNT_WORDS  # a question a count answers
_DAYS_ASKED = frozenset({"день", "когда", "график"})  # a free-text question about days of delivery, of work
_NOW = frozenset({"сейчас", "щас", "теперь", "нынче"})
_DEPENDS_AT = 3  # "смотря" among a sentence's first words: the answer depends on something ("Ну, это смотря …")
_LATER = frozenset({"потом", "позже", "позднее", "попозже"})
_TELL = frozenset({"сказать", "ответить", "сообщить", "назвать"})  # "потом скажу": the answer put off


@dataclass(frozen=True, slots=True)
class Answer:
    """A value found in a reply; ``value`` is the JSON shape of the evidence value."""

    value: dict[str, Any]
    quote: str


def is_evasive(sentences: Sequence[Sentence]) -> bool:
    """A reply that dodges: it opens with an evasion ("сложно сказать…") or a handoff ("Это к бухгалтеру."),
    or says little besides ("…а весной — вообще не знаю, как будем" closing a described problem is no dodge)."""
    first = next((s for s in sentences if s.content), None)
    if first is not None and hands_off(first.tokens, language()):
        return True
    if not sentences or not any(dodges(s) for s in sentences):
        return False
    rest = sum(len(s.content) for s in sentences if not dodges(s))
    if first is not None and not dodges(first) and len(first.content) >= _STATED:
        return False  # "Остатки между магазинами не видим. Клиент просит размер, а мы не знаем, есть ли он…"
    return sentences[0].is_evasive or rest < _EVASION_OUTWEIGHED


def dodges(s: Sentence) -> bool:
    """An evasive sentence, or one that makes the answer depend on something ("Ну, это смотря кого считать.")
    or puts it off to later ("Давайте я вам потом скажу."); the latter two only dodge a reply that says
    little besides ("Ну смотря когда. Сейчас зима, … человек шестьдесят" answers)."""
    return s.is_evasive or defers(s)


def defers(s: Sentence) -> bool:
    """"смотря …" opening the sentence, or "потом скажу"."""
    words = [t for t in s.tokens if t.is_word]
    if any(t.text.lower() == "смотря" for t in words[:_DEPENDS_AT]):
        return True
    return any(w.text.lower() in _LATER and any(t.lemma in _TELL and {"1per", "futr"} <= t.tags for t in words[k + 1:k + 4])
               for k, w in enumerate(words))


def asks_days(question: Sequence[Token]) -> bool:
    """A free-text question that asks for days or times ("Дни какие?", "по каким дням удобно принимать?"): a
    weekday with hours answers it."""
    return any(t.lemma in _DAYS_ASKED for t in question)


def names_days(sentences: Sequence[Sentence]) -> bool:
    """A reply that names a weekday ("Разгрузка только вторник и пятница")."""
    return any(not s.lemmas.isdisjoint(WEEKDAYS) for s in sentences)


def callback_request(tokens: Sequence[Token]) -> bool:
    """The client asks to be called back ("Перезвоните после обеда, а?", "Наберите в понедельник."): no answer."""
    return any(t.lemma in CALL_VERBS and not {"impr", "2per"}.isdisjoint(t.tags) and "1per" not in t.tags
               and t.text.lower().endswith(("те", "и")) for t in tokens)  # not "созвоны", "перемываем" misread


def answer(
    kind: AnswerKind, sentences: Sequence[Sentence], lang: Language, client: bool = False,
    question: Sequence[Token] = (), bare: bool = True, context: Sequence[Token] = (), talk: int | None = None,
) -> Answer | None:
    """The answer to a question of ``kind`` contained in a reply (None for evasions and unrelated talk).

    ``bare``: a number without a scale word may be the figure ("до трёхсот"); ``context``: the
    asking turn, whose figures said back are no answer ("Пятьдесят?").
    ``client``: a known client's turn, where a "?" that Whisper appended ("Директор наш?") does
    not make a counter-question unless the sentence opens like one.
    """
    statements = [s for s in sentences if not _counter_question(s, client, lang)]
    if role_disclaimer(statements, lang if kind is AnswerKind.PERSON else None):
        return None  # "Это не ко мне вопрос, я мастер.": the role said is who does not decide (reply_role.py)
    act = read_act(question, statements, lang, yes_no=kind is AnswerKind.YES_NO)
    if act.act in (Act.ECHO, Act.CONTRAST):
        return Answer({"yes": bool(act.yes)}, act.quote)  # "Инженера примете?" — "Примем." / "В субботу подъедем."
    if act.act is Act.CONDITION:
        return None  # "Скажет — пустим.": the yes hangs on someone else
    if (settled := off_topic(kind, statements, question)) is not None:  # "Давайте сначала цену узнаем…": None
        return Answer({"text": settled[0]}, settled[1]) if settled[0] else None  # "Как только деньги придут."
    if kind is AnswerKind.MONEY and act.act is Act.CONFIRM and (back := read_back_figure(question)) is not None:
        return Answer(back, act.quote)  # "…три миллиона называл — это в силе?" — "В силе."
    if kind in (AnswerKind.YES_NO, AnswerKind.TEXT, AnswerKind.TIMING) and not (
            kind is AnswerKind.TEXT and asks_days(question)):  # "Дни приёмки какие?" — "вторник и пятница, с восьми"
        statements = [s for s in statements if not scheduling(s.tokens)]  # "Во вторник после обеда": a callback
    if kind in (AnswerKind.YES_NO, AnswerKind.TEXT):
        put_off = [s for s in statements if callback_request(s.tokens)]
        rest = [s for s in statements if s not in put_off]
        if put_off and (is_evasive(statements) or sum(len(s.content) for s in rest) < _EVASION_OUTWEIGHED) and not (
                _bare_yes_no(statements[0], lang) or any(definite_number(t) for s in rest for t in s.tokens)):
            # not "Да. Слушайте, мне бежать… Наберите…", "Коробок десять. Перезвоните вечером, уточню."
            return None  # "Секунду, у меня второй звонок. Перезвоните мне через час, ладно?": put off to a callback
        statements = [s for s in statements if not callback_request(s.tokens)]  # "Перезвоните после обеда, а?"
    if kind is AnswerKind.TIMING:  # "Может, летом, может, позже": guesses, no date
        statements = [s for s in statements if not guessed_alternatives(s.tokens, lang)]
        if unknown_time(told := [s.tokens for s in statements], when := lambda x: _date_text(x, lang)) or refused_time(told, when):
            return None  # "Не знаю, Игорь, честно. Может, через год…", "Да кто ж знает. Юристы говорят «скоро»."
    if not statements:
        return None
    if kind is not AnswerKind.PERSON and (handed := next((s for s in statements if s.content), None)) is not None and (
            hands_off(handed.tokens, lang) or asks_for_someone(handed.tokens)):
        return None  # "Ой, это не я веду, это логист.": the question is passed to someone else
    if kind is AnswerKind.TEXT and any(t.lemma in _COUNT_WORDS for t in question) and vague_amount(statements):
        return None  # "сколько в день выходит?" — "Ну, немного.": a size that dodges the count
    if kind is AnswerKind.PERSON and statements[0].is_evasive:
        statements = [statements[0], *(s for s in statements[1:] if not _hedged(kind, s, lang))]
        # "Сложно сказать сейчас. … может, новый директор придёт": a guess after a dodge names nobody
    if kind is AnswerKind.PERSON:
        best = best_person([() if agreement_pending(s.tokens, s.text) else without_vocatives(s.tokens, s.text) for s in statements],
                           lang)  # not "Это надо будет согласовывать наверху, Андрей.": nobody named, and the listener
        confirmed = _confirmed(statements[0], question)
        if confirmed is not None and (best is None or best.score < _CONFIRMED):
            return Answer({"text": confirmed}, statements[0].text)  # "…подписывает Виктор Андреевич?" "Да, он."
        if best is not None:  # person_put_off.py: none named in passing while he puts the talk off
            found: dict[str, Any] = {"text": best.text, "self": True} if best.speaker else {"text": best.text}
            return None if talk_put_off(best, statements) else Answer(found, statements[best.sentence].text)
    if kind is AnswerKind.MONEY:
        joined = [t for s in statements for t in s.tokens]
        bare = bare or capped(joined)  # "больше тридцатки … не выделю", "две с половиной, и ни копейки сверху": a cap
        money = budget_value(joined, question, bare, context, talk=talk)  # talk: the scale of the talk before
        if money is not None:
            quote = statements[0].text if len(statements) == 1 else next(  # one sentence: its own text either way
                (s.text for s in statements if budget_value(s.tokens, question, bare, context, talk=talk)), statements[0].text)
            return Answer(money, quote)
        carried = carried_spend(joined)  # "…двести пятьдесят отдали. Вот так же и сейчас закладываю.", "не дороже, чем на …"
        if carried is not None and (money := budget_value(carried[0], question, bare, context, talk=talk)):
            said = next(s for s in statements if any(t is joined[carried[1]] for t in s.tokens))
            return Answer(money, said.text)
        if (like := likened(joined)) is not None and (money := budget_value(like, question, bare, context, talk=talk)):
            return Answer(money, statements[0].text)  # "сколько мы на это в месяц тратим, тысяч сорок"
        for s in statements:  # "я его уже выбил под подрядчика: триста пятьдесят в месяц"
            if (part := after_colon(s)) is not None and (money := budget_value(part, question, bare, context, talk=talk)):
                return Answer(money, s.text)
    dodged = statements[0].is_evasive
    for s in statements:  # a bare "сейчас", "потом" stands only in a reply that does not dodge
        if dodged and s is not statements[0] and _hedged(kind, s, lang):
            continue  # "Ой, не знаю пока. Летом у нас мёртвый сезон, …, посмотрим": the hedge outweighs the season
        if dodged and len(statements) > 2 and s.is_evasive and statements[-1].is_evasive and kind is not AnswerKind.MONEY:
            continue  # "Ой, это я пока не скажу. Там расторжение за тридцать дней, … не решил… Не знаю пока.": dodged throughout
        if kind is AnswerKind.TIMING and "бы" in s.lemmas and any(x.is_evasive for x in statements[statements.index(s) + 1:]):
            continue  # "Мне бы вчера. А когда купят, кто его знает.": a wish, then the real answer dodges
        value = _value(kind, s, lang, vague=False, context=context)
        if value is not None:
            return Answer(value, s.text)
    if kind is AnswerKind.MONEY and bare and refused_outright(question, statements[0].tokens, lang.question_words - {"ли"}):
        return Answer({"amount": 0, "currency": "RUB"}, statements[0].text)  # "Предусмотрены ли средства?" — "Нет."
    counted = next((s for s in statements if any(t.is_digit or "NUMR" in t.tags for t in s.tokens)), None)
    if kind is AnswerKind.TEXT and counted is not None and any(t.lemma in _COUNT_WORDS for t in question):
        return Answer({"text": counted.text}, counted.text)  # "сколько машин?" — "своих восемнадцать…"
    if kind is AnswerKind.YES_NO and counted is not None and not _opens_yes_no(statements[0], lang) and any(
            t.lemma in lang.size_words for t in question):  # "сотрудников много?" — "Человек двадцать пять.":
        return Answer({"text": counted.text}, counted.text)  # the count, not a "да" the engine would make of it
    if kind is AnswerKind.YES_NO and _bare_yes_no(statements[0], lang):
        return Answer(yes_no(statements[0].tokens, 0, lang) or {"yes": True}, statements[0].text)
        # "Да. Слушайте, мне бежать… Наберите на следующей неделе": the yes stands before the brush-off
    if is_evasive(statements):
        return None
    if kind is AnswerKind.YES_NO and _about_now(question) and _past_only(statements, lang):
        return None  # "что-то на них стоит?" — "Стояло. Года три назад ставили маячки… Фирма потом закрылась."
    for s in statements:
        if dodges(s):
            continue  # "Ой, это к бухгалтеру. Я не знаю, как у нас там.": the "не" of a dodge is no "no"
        value = _weak_value(kind, s, lang)
        if value is not None:
            return Answer(value, s.text)
    return None


def _date_text(tokens: Sequence[Token], lang: Language) -> str | None:
    found = purchase_period(tokens, lang)
    return found[0] if found else None


def definite_number(t: Token) -> bool:
    """A figure: digits or a numeral, not an indefinite quantity ("немного", "много", "несколько", which
    pymorphy reads as adverbs too)."""
    return t.is_digit or "NUMR" in t.tags and "ADVB" not in t.tags


def vague_amount(statements: Sequence[Sentence]) -> bool:
    """A count dodged with an indefinite quantity: the first sentence of substance is one and little else
    ("Ну, немного."), or the reply gives one, no figure, and an evasion ("Сейчас мало. Точно не скажу…")."""
    first = next((s for s in statements if s.content), None)
    if first is None or any(definite_number(t) for t in first.tokens):
        return False
    words = [t for t in first.tokens if t.is_word and t.text.lower() not in _LEAD_INS]
    vague = [t for t in words if "NUMR" in t.tags and "ADVB" in t.tags]
    if vague and len(words) <= len(vague) + 2 and not any(t.pos == "NOUN" for t in words):
        return True
    return bool(vague) and any(s.is_evasive for s in statements) and not any(
        definite_number(t) for s in statements for t in s.tokens)


def _about_now(question: Sequence[Token]) -> bool:
    """A question about the present state: a present-tense verb or "сейчас" ("что-то на них стоит?")."""
    return any(t.pos == "VERB" and "pres" in t.tags or t.lemma in _NOW for t in question)


def _past_only(statements: Sequence[Sentence], lang: Language) -> bool:
    """A reply that tells only the past: it opens with an imperfective past ("Стояло.", "Были.": the state
    was, and is no more), and no sentence has a present-tense verb or a yes/no word."""
    verbs = [t for t in statements[0].tokens if t.pos == "VERB"]
    if not verbs or not all({"past", "impf"} <= t.tags for t in verbs):
        return False
    return not any(t.pos == "VERB" and "pres" in t.tags or t.text.lower() in lang.yes | lang.no
                   for s in statements for t in s.tokens)


def _hedged(kind: AnswerKind, s: Sentence, lang: Language) -> bool:
    """A sentence after a dodge that hedges its value: a timing that dodges too and plans nothing, a
    person only guessed at ("может, новый директор придёт")."""
    if kind is AnswerKind.TIMING:
        return s.is_evasive and not planned(s.tokens)
    if kind is AnswerKind.PERSON:
        return s.is_evasive or not s.lemmas.isdisjoint(_GUESSES)
    return False


def _opens_yes_no(s: Sentence, lang: Language) -> bool:
    words = [t.text.lower() for t in s.tokens if t.is_word and t.text.lower() not in _LEAD_INS]
    return bool(words) and words[0] in lang.yes | lang.no


def _bare_yes_no(s: Sentence, lang: Language) -> bool:
    """A sentence of nothing but a yes or a no ("Да.", "Нет, нет.", "Да, конечно.")."""
    words = [t.text.lower() for t in s.tokens if t.is_word]
    return bool(words) and all(w in lang.yes | lang.no | _CONFIRMS and w not in ("не", "ни", "он", "она", "так")
                               for w in words)


def _confirmed(reply: Sentence, question: Sequence[Token]) -> str | None:
    """The person named in the question when the reply confirms it ("да", "он", "верно")."""
    words = [t for t in reply.tokens if t.is_word]
    if not words or not question or words[0].text.lower() not in _CONFIRMS:
        return None
    named = decider_scored(question)
    return named[0] if named is not None and named[1] >= _CONFIRMED else None


def _counter_question(s: Sentence, client: bool, lang: Language) -> bool:
    """A sentence that asks back instead of replying ("А вы к какому сроку готовы?")."""
    if not s.is_question or s.tokens[-1].text != "?":
        return False
    words = [t for t in s.tokens if t.is_word and t.text.lower() not in _LEAD_INS]
    if not words:
        return True
    head = words[0]
    opens_question = (head.lemma in lang.question_words
                      or not head.lemmas.isdisjoint(lang.counter_openers) or "ли" in s.lemmas)
    if not s.lemmas.isdisjoint(lang.hedges):
        return opens_question  # "Генеральный, наверное?": an unsure answer
    return not client or opens_question


def volunteered(
    kind: AnswerKind, volunteer: Sequence[Cue], sentence: Sentence, lang: Language, turn: frozenset[str] = frozenset(),
    own: bool = False, handed_off: bool = False,
) -> Answer | None:
    """An unprompted answer: a statement with a volunteer cue and a value. A figure may take its cue
    from the rest of the client's turn, ``turn`` (its lemmas): "генеральный говорил миллиона три, ну
    четыре максимум. Это на весь комплект закладывали". ``own``: the question is BANT's own need or timing, which
    a statement of shopping around or a deadline of the client's own answers without a cue. ``handed_off``: the
    client's turn denies their own say ("я вообще ничего не решаю… Это всё главврач"): a person it names decides."""
    cue_lemmas = sentence.lemmas | turn if kind is AnswerKind.MONEY else sentence.lemmas
    if sentence.tokens[-1].text == "?":
        return None
    if kind is AnswerKind.PERSON and (handed_off and denies_say(sentence.tokens) and decider_scored(sentence.tokens) is None
                                      or role_disclaimer([sentence], lang)):  # "Это не мне решать, я администратор."
        return None  # "Я тут ничего не решаю, я кладовщик.": who does not decide
    if any_cue(volunteer, cue_lemmas) is None and not (kind is AnswerKind.MONEY and nothing_to_pay(sentence.tokens)) and not (
            kind is AnswerKind.PERSON and handed_off and speaker_decides(sentence.tokens, lang, False) is None
            or kind is AnswerKind.PERSON and (role := own_role(sentence.tokens)) is not None
            and not self_named(sentence.tokens)  # "тимур я владелец кафе": an introduction
            and not _scoped(role, sentence.text)  # "Я директор по персоналу.": a function introduced, not the top
            or own and kind is AnswerKind.TEXT and _shopping(sentence.tokens)  # "Мы как раз смотрим машину…"
            or own and kind is AnswerKind.TIMING and not sentence.is_evasive and (
                deadline(sentence.tokens, lang) or not_before(sentence.tokens))):
        return None  # "Я владелица, так что со мной можно сразу всё": a top role of one's own decides
    if kind in (AnswerKind.TEXT, AnswerKind.YES_NO) and is_evasive([sentence]):
        return None
    value = _value(kind, sentence, lang, strict=True)
    if kind is AnswerKind.TIMING and value is not None and not cue_in_part(volunteer, sentence.tokens, lang) and not (
            own and (deadline(sentence.tokens, lang) or not_before(sentence.tokens))):
        return None  # "Летом в жару внутри до двенадцати градусов поднимается, а реагенты надо…": a season of the pain
    if kind is AnswerKind.TEXT and sum(t.pos == "NOUN" for t in sentence.content) < _VOLUNTEER_NOUNS:
        return None  # "мы ищем систему" names no purpose or pain; "нужна система для записи клиентов" does
    if value is None and kind in (AnswerKind.TEXT, AnswerKind.YES_NO):
        value = _weak_value(kind, sentence, lang)
    return Answer(value, sentence.text) if value is not None else None


def _scoped(role: str, text: str) -> bool:
    """A role with the field it covers right after it ("директор по персоналу"; not "Я хозяин, по химии всё
    через меня")."""
    words = role.lower().split()
    return any(b == "по" and f"{a} по " in text.lower() for a, b in zip(words, words[1:], strict=False))


# Verbs of shopping around: said by the client of himself, now, they state a need ("Мы как раз смотрим машину…").
_SHOPPING = frozenset({"смотреть", "присматривать", "присматриваться", "приглядываться", "подбирать", "подыскивать",
                       "выбирать", "искать"})


def _shopping(tokens: Sequence[Token]) -> bool:
    """The speaker is shopping around for something: a first-person present verb of shopping, not negated, with
    a thing after it ("смотрим машину", "подбираем холодильник")."""
    for k, t in enumerate(tokens):
        if t.lemma in _SHOPPING and t.pos == "VERB" and "1per" in t.tags and "pres" in t.tags and not (
                k and tokens[k - 1].text.lower() == "не"):
            thing = next((x for x in tokens[k + 1:k + 3] if x.pos == "NOUN"), None)
            if thing is not None and not thing.animate and "accs" in thing.tags:
                return True
    return False


def _value(kind: AnswerKind, s: Sentence, lang: Language, strict: bool = False, vague: bool = True,
           context: Sequence[Token] = ()) -> dict[str, Any] | None:
    """A value that stands even beside an evasion ("не знаю, тысяч триста"); ``context``: the turn before,
    whose figures said back are no value ("Два триста… Не, не потяну" after our price)."""
    if kind is AnswerKind.MONEY:
        money = budget_value(s.tokens, bare=capped(s.tokens), context=context)  # "больше тридцатки … не выделю": a cap
        if money is not None:
            return money
        said = s.tokens[1:] if s.text.lower().lstrip(" .…-—").startswith("нет,") else s.tokens  # the reply's "Нет,"
        if any_phrase(lang.no_money, said) is not None and not funds_governed(said) or funds_absent(s.tokens, s.text) or (
                nothing_to_pay(s.tokens)):  # is no "нет денег"
            return {"amount": 0, "currency": "RUB"}  # "Денег на это в этом году нет вообще"
        return None
    if kind is AnswerKind.TIMING:
        if past_duration(s.tokens):
            return None  # "у нас уже три года своё стоит": a duration that has run, no date to come
        period = purchase_period(s.tokens, lang, strict, vague)
        if period and (holds_on(s.tokens, period[1], period[2]) or negated_both(s.tokens, period[1])):
            return None  # "сейчас найду…": a hold; "ни на этот год, ни вообще": a date denied
        return {"text": period[0]} if period else None
    if kind is AnswerKind.PERSON:
        best = None if agreement_pending(s.tokens, s.text) else best_person([without_vocatives(s.tokens, s.text)], lang)
        return None if best is None else {"text": best.text, "self": True} if best.speaker else {"text": best.text}
    return None


def _weak_value(kind: AnswerKind, s: Sentence, lang: Language) -> dict[str, Any] | None:
    """A value that only counts when the reply is not an evasion."""
    if kind is AnswerKind.PERSON:
        speaker = speaker_decides(s.tokens, lang, strict=False)
        return {"text": speaker, "self": True} if speaker else None
    if kind is AnswerKind.YES_NO:
        return yes_no(s.tokens, len(s.content), lang)
    if kind is AnswerKind.TIMING:
        if not s.lemmas.isdisjoint(DAYTIME):
            return None  # "Мне до девяти утра надо, потом народ.": an hour of the day, and "потом" after it
        return _value(kind, s, lang)
    if kind is AnswerKind.TEXT:
        aside = any(t.pos == "VERB" and {"impr", "sing"} <= t.tags and "indc" not in t.tags for t in s.tokens)
        # "Саш, погоди, я по телефону!": said to someone in the room, not to the manager
        verbs = [t for t in s.tokens if t.pos == "VERB"]
        aside = aside or bool(verbs) and all("impr" in t.tags and "indc" not in t.tags for t in verbs) and any(
            "plur" in t.tags and t.text.lower() not in LET_US for t in verbs)
        # "На почту пришлите": a request to the manager, no answer
        return {"text": s.text} if len(s.content) >= _TEXT_MIN_CONTENT and not aside else None
    return None
