"""Reading steps of the refusal-reason checks (checks.py): what a client sentence claims, by its grammar.

- a price objection: «дорого», «дороговато» (a predicate) object to a price; the full or comparative
  adjective («мелкое и дорогое», «замерщик дороже стоит», «Что дороже, я знаю») is a price objection only
  when it is said of us, a «вы/ваш» before it and not after «чем» («аренда дороже, чем весь ваш кофе»);
- our price found fine: a positive evaluation, not negated, of a price noun or of our figure («ваши семьдесят
  семь — это нормально»);
- «не надо / не нужно» with an infinitive is a modal about an action («выше мне даже заикаться не надо»), not
  «we need nothing»; with a named period («в апреле … реклама не нужна») it says when, not whether;
- a time that is the term of a state: «договор до следующей осени», «в аренде до …» (a noun, «до» and the
  date, no verb in the clause) is when something runs out, not when they buy;
- a figure of money in a sentence makes its year the budget's («на следующий год … два миллиона»).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from qa_desk.analysis.amounts import budget_value
from qa_desk.analysis.detect import Sentence
from qa_desk.analysis.language import CONDITIONALS, MONTHS, NEGATIONS, YOU, Language
from qa_desk.analysis.lexicon import Token
from qa_desk.analysis.pairing import Unit
from qa_desk.analysis.timing import find_period, purchase_period

_ASR_DOROGO = re.compile(r"\bэт[оа] дорога(?=\s*[,.!?…]|\s*$|\s+для\b)")
_PREDICATE = frozenset({"ADVB", "ADJS", "PRED"})  # «дорого», «дороговато»: the form that objects
_THIS = frozenset({"этот", "текущий", "нынешний"})  # the period now
_ALWAYS = frozenset({"вообще", "никогда", "совсем", "всегда"})  # every period
_GOOD = frozenset({"нормально", "нормальный", "хорошо", "хороший", "устраивать", "подходить", "приемлемый", "приемлемо",
                   "подъёмный", "подъемный", "терпимо", "разумный", "адекватный", "потянуть", "осилить"})
_PRICE_NOUNS = frozenset({"цена", "стоимость", "тариф", "ценник", "расценка", "прайс"})


def objects_to_price(s: Sentence, span: tuple[int, int]) -> bool:
    """The found price word (``span``) objects to a price: a predicate form, or an adjective said of us."""
    head = s.tokens[span[0]]
    text = head.text.lower()
    if span[1] - span[0] > 1 or head.pos in _PREDICATE or text in ("дорого", "дороговато") or not text.startswith("дор"):
        return True  # «это дорого», «дороговато»; «кусается», «загнули»: verbs
    if text == "дорога" and span[0] and s.tokens[span[0] - 1].text.lower() in ("это", "эта") and _ASR_DOROGO.search(s.text.lower()):
        return True  # Whisper's «это дорого» heard as «эта дорога, …» (an unstressed «о» written «а»)
    before = s.tokens[:span[0]]
    return any(not t.lemmas.isdisjoint(YOU) for t in before) and not any(t.text.lower() == "чем" for t in before)


def _number(t: Token) -> bool:
    return t.is_digit or t.pos == "NUMR" or "NUMR" in t.tags


def price_fine(s: Sentence) -> bool:
    """A client sentence finding our price fine: a positive evaluation, not negated, of a price noun or of
    our figure («Ваши тридцать тысяч — это нормально»)."""
    if not s.tokens or s.tokens[-1].text == "?":
        return False
    words = [t.text.lower() for t in s.tokens]
    for i, t in enumerate(s.tokens):
        if t.lemmas.isdisjoint(_GOOD) or any(w in NEGATIONS or w == "но" for w in words[max(0, i - 3):i]):
            continue
        before = s.tokens[:i]
        priced = any(not x.lemmas.isdisjoint(_PRICE_NOUNS) for x in before)
        ours = any(not x.lemmas.isdisjoint(YOU) for x in before) and any(_number(x) for x in before)
        if priced or ours:
            return True
    return False


def modal_need(s: Sentence, span: tuple[int, int]) -> bool:
    """«не надо» (``span``) governs an infinitive next to it («даже заикаться не надо», «не надо звонить»): an
    action's, not the need's; «есть» is as likely "there is" («не нужно, всё есть»)."""
    near = (*s.tokens[max(0, span[0] - 3):span[0]], *s.tokens[span[1]:span[1] + 2])
    return any(t.pos == "INFN" and t.text.lower() != "есть" for t in near)


def no_need_dated(s: Sentence, lang: Language) -> bool:
    """A «не нужно» sentence naming a period other than now («в апреле … реклама не нужна»)."""
    found = purchase_period(s.tokens, lang, strict=True)
    if found is None or found[0].lower() in ("сейчас", "пока", "сегодня"):
        return False
    span = s.tokens[found[1]:found[2]]
    if any(t.lemma in _THIS or t.text.lower() in ("этом", "этот", "этого") for t in span) or (span and (span[0].pos == "NUMR" or span[0].is_digit) and not (
            found[1] and s.tokens[found[1] - 1].pos == "PREP")):
        return False  # "в этом году" is now; "всё устраивает три года" is a length of time
    # "ни на этот год, ни вообще", "никогда": a period denied or every period is no restriction
    return not any(t.text.lower() in _ALWAYS for t in s.tokens) and not any(
        t.text.lower() == "ни" for t in s.tokens[max(0, found[1] - 2):found[1] + 1])


def offered(s: Sentence) -> bool:
    """Our question offering an action of ours ("Может, мне с ней созвониться?", "Давайте я пришлю?"): «я/мне»
    with an infinitive or a first-person verb; a bare «не надо» after it turns the action down, not the need."""
    if not s.tokens or "я" not in s.lemmas or s.tokens[-1].text != "?" and all(
            t.text.lower() not in ("может", "давайте", "давай") for t in s.tokens):
        return False  # Whisper drops the «?»; «может, мне…», «давайте я…» still offer
    return any(t.pos == "INFN" or t.pos == "VERB" and "1per" in t.tags and "sing" in t.tags for t in s.tokens)


def term_of_state(clause: Sequence[Token], i: int) -> bool:
    """The date at clause[i] ends a state: «договор до следующей осени», «аренда у нас до весны» — «до» at or
    right before it, a noun before «до», and no verb in the clause."""
    d = i if clause[i].text.lower() == "до" else i - 1
    if d <= 0 or clause[d].text.lower() != "до":
        return False
    return any(t.pos == "NOUN" and "nomn" in t.tags for t in clause[:d]) and not any(
        t.pos in ("VERB", "INFN", "PRTS", "GRND") for t in clause)


def money_year(s: Sentence) -> bool:
    """A sentence with a figure of money: its year is the budget's («на следующий год от полутора до двух миллионов»)."""
    return budget_value(s.tokens, bare=False) is not None


_NEAR_MONTHS = 1  # a month named this many months after the call's (or the call's own) is "now", not a later date


def months(s: Sentence) -> list[tuple[int, int]]:
    return sorted((i, k + 1) for k, m in enumerate(MONTHS) for i, t in enumerate(s.tokens) if (
        m in t.lemmas or m == "май" and t.text.lower() == "маю") and t.pos == "NOUN")  # the lexicon leaves «к маю» «маю»


def month_refused(s: Sentence) -> bool:
    """The first month named is negated ("в феврале не надо", "с июня точно нет")."""
    named = months(s)
    return bool(named) and any(t.text.lower() in NEGATIONS for t in s.tokens[max(0, named[0][0] - 3):named[0][0] + 4])


def near_date(s: Sentence, units: Sequence[Unit], call_dates: Sequence[str]) -> bool:
    """A date the client named within a month of the call's own date ("Нам бы начать уже в апреле" on 18 March), read
    from the month named and the call's date ("2026-03-18 16:05"); False where either is unknown or a year is named."""
    recording = next((u.recording for u in units if any(x is s for x in u.sentences)), None)
    if recording is None or recording >= len(call_dates) or len(call_dates[recording]) < len("2026-03"):
        return False
    try:
        called = int(call_dates[recording][5:7])
    except ValueError:
        return False
    named = months(s)
    if not named or any(t.lemma == "год" for t in s.tokens) or month_refused(s):
        return False  # "в апреле следующего года", "в феврале не надо", "с июня точно нет"; the first month named is the start
    return (named[0][1] - called) % 12 <= _NEAR_MONTHS



_DEADLINE = frozenset({"к", "до"})
_MUST = frozenset({"надо", "нужно", "необходимо", "должный", "нужный"})
_DEADLINE_MONTHS = 2  # a deadline this many months after the call leaves no time to put the purchase off


def near_deadline(s: Sentence, units: Sequence[Unit], call_dates: Sequence[str]) -> bool:
    """A deadline the client must meet soon: «к маю» / «до двадцатого апреля» with a modal of necessity («Мне к поливу
    надо, к маю»; «должно быть смонтировано до двадцатого апреля»), within two months of the call's date, not negated
    and not under a condition."""
    if not s.tokens or s.tokens[-1].text == "?" or "если" in s.lemmas or s.lemmas.isdisjoint(_MUST):
        return False
    named = months(s)
    if not named or named[0][0] == 0 or s.tokens[named[0][0] - 1].text.lower() not in _DEADLINE and not (
            named[0][0] > 1 and s.tokens[named[0][0] - 2].text.lower() in _DEADLINE):
        return False  # "к маю", "до двадцатого апреля"
    if any(t.lemma == "год" for t in s.tokens) or any(t.text.lower() in NEGATIONS for t in s.tokens if t.lemma in _MUST or (
            t.text.lower() == "не")) or past_said(s):
        return False
    called = _call_month(s, units, call_dates)
    return called is not None and (named[0][1] - called) % 12 <= _DEADLINE_MONTHS


def _call_month(s: Sentence, units: Sequence[Unit], call_dates: Sequence[str]) -> int | None:
    recording = next((u.recording for u in units if any(x is s for x in u.sentences)), None)
    if recording is None or recording >= len(call_dates) or len(call_dates[recording]) < len("2026-03"):
        return None
    try:
        return int(call_dates[recording][5:7])
    except ValueError:
        return None


def past_said(s: Sentence) -> bool:
    """A sentence about a past season or year («Прошлой весной тоже думали…, а в апреле заморозок»): its dates are
    not a purchase's."""
    return not s.lemmas.isdisjoint({"прошлый", "позапрошлый", "прошлогодний"})


def conditional_later(s: Sentence) -> bool:
    """A later date as the fallback of a negated condition («Если к маю не успеваете — тогда на следующий год»): the
    client wants the earlier one."""
    words = [t.text.lower() for t in s.tokens]
    if "если" not in words:
        return False
    at = words.index("если") + 1
    then = next((k for k in range(at, len(words)) if words[k] in ("то", "тогда")), min(len(words), at + 5))
    return words[at:at + 1] != ["и"] and "не" in words[at:then]  # not the concessive «Если и будем, то …»


_DELAY = frozenset({"тянуть", "затягивать", "затянуть", "откладывать", "отложить", "медлить", "мешкать"})


def hurried(s: Sentence) -> bool:
    """The client hurries us: a verb of delay negated in the imperative («только вы там не тяните», «не откладывайте»);
    «не тянет» (the present: it cannot cope) and «если не тянуть» (their own plan) are no hurry."""
    return any(t.lemma in _DELAY and "impr" in t.tags and k and s.tokens[k - 1].text.lower() == "не"
               for k, t in enumerate(s.tokens))


_TELL = frozenset({"сказать", "сообщить", "ответить", "объявить"})  # «в марте скажут»: when they will be told


def not_their_date(s: Sentence, lang: Language) -> bool:
    """The sentence's first date is no date of theirs to buy: it sits in a condition («если до июня, то цена
    фиксируется»: «если» before it, no «то/тогда» between) or dates a telling by others («Говорят, в марте скажут»:
    a verb of telling in the third person plural next to it)."""
    found = find_period(s.tokens, lang, strict=True)
    if found is None:
        return False
    before = [t.text.lower() for t in s.tokens[:found[1]]]
    if any(w in CONDITIONALS for w in before) and not any(w in ("то", "тогда") for w in before[max(
            k for k, w in enumerate(before) if w in CONDITIONALS):]):
        return True
    near = (*s.tokens[max(0, found[1] - 2):found[1]], *s.tokens[found[2]:found[2] + 2])
    return any(t.lemma in _TELL and "3per" in t.tags and "plur" in t.tags for t in near)
