"""Finding the figures said in a reply: amounts with a scale and the bare numbers that may borrow one."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from qa_desk.analysis.count_range import counted_head
from qa_desk.analysis.lexicon import SENTENCE_ENDS, Token
from qa_desk.analysis.money import find_amounts, is_number_word, number_value, scale_word
from qa_desk.analysis.timing import DAYTIME, WEEKDAYS

LIMIT_NOUNS = frozenset({"край", "максимум", "потолок", "предел", "минимум", "итог"})  # "девяносто — край"
UNIT_NOUNS = frozenset({
    "штука", "квадрат", "метр", "рейс", "уборка", "единица", "час", "килограмм", "кг", "тонна", "машина",
    "человек", "пользователь", "место", "смена", "визит", "выезд", "литр", "упаковка", "комплект", "позиция",
    "лицензия", "сотрудник", "голова", "кресло", "номер", "точка", "минута", "штучка", "день",
})
MONTH = frozenset({"месяц", "ежемесячно", "ежемесячный", "помесячно", "месячный", "абонентка", "абонплата"})
YEAR = frozenset({"год", "ежегодно", "годовой", "ежегодный"})
QUARTER = frozenset({"квартал", "ежеквартально", "ежеквартальный", "поквартально", "квартальный"})
_LONGEST_TERM = 24  # "на двадцать четыре месяца" is a term; "40 месяцев" is Whisper's "сорок в месяц"
ALL_OF = frozenset({"все", "всех", "всем", "всеми", "оба", "обе", "обоих", "обеих"})  # "на все девять": a count
# A bare number up to 24 in a sentence about a day or an hour is a clock time ("в среду, после десяти",
# "в четверг, с десяти до двенадцати", "завтра после семи"), not a figure.
_CLOCK_WORDS = WEEKDAYS | DAYTIME | {"завтра", "сегодня", "послезавтра", "закрываться", "открываться"}
_CLOCK_PREPS = frozenset({"после", "к"})
_HOURS = 24
_YEAR_DIGITS = re.compile(r"(?:19|20)\d\d")  # "в 2014-19": years
_RANGE_MARKS = frozenset({"-", "—", "–", "или", ","})
# between a count and the other end of its range: "недели три, может четыре", "человек сорок… ну максимум пятьдесят"
_COUNT_JOINERS = _RANGE_MARKS | {"…", "может", "ну", "максимум", "а", "то", "и"}
_APPROX_PREPS = frozenset({"на", "в", "под", "около", "с"})  # "человек на сорок", "процентов в двадцать"
_MORE = frozenset({"ещё", "еще", "плюс"})  # a count continued: "…квадратов, склад сзади ещё сто пятьдесят"
_STOPS = frozenset({".", "!", "?", "…", ";"})
_PHONE_GROUPS = 4  # "восемь девятьсот шестнадцать, сто двадцать три, сорок пять, шестьдесят семь"
_SAYING = frozenset({"говорить", "сказать", "назвать", "называть", "озвучить", "озвучивать"})
_MONEY = frozenset({"деньга", "деньги", "средство", "рубль", "доллар", "евро", "бюджет", "сумма", "финансирование",
                    "копейка", "лимит", "смета"})  # nouns whose genitive a figure may follow ("денег двести")


# "один" in the feminine or neuter with no scale word counts an elided noun ("за всё, не за одну"): no money noun
# a bare number stands for (рубль, миллион; "тысяча" is always said) has that gender
_ONE_NOT_MASC = frozenset({"одна", "одну", "одной", "одно"})
_GOVERN_OTHER = frozenset({"за", "про", "через", "в", "на", "о", "об", "при", "по", "под"})  # prepositions of no genitive


@dataclass(frozen=True, slots=True)
class Figure:
    """A number said in the reply: value (scaled when it had a scale word), span, scale seen."""

    value: float
    start: int
    end: int
    scaled: bool
    currency: str = "RUB"


def said_figures(tokens: Sequence[Token]) -> list[Figure]:
    """Every figure: amounts with a scale or currency, and bare numbers (< 1000) that may borrow one."""
    amounts = find_amounts(tokens)
    ordinal = [a for a in amounts if a.end < len(tokens) and "Anum" in tokens[a.end].tags]  # "в две тысячи пятнадцатом"
    out = [Figure(float(a.value), a.start, a.end, True, a.currency) for a in amounts if a not in ordinal]
    taken = {i for a in amounts for i in range(a.start, a.end)} | _digit_string(tokens)
    i = 0
    counted_end = -1  # where the last count ended: "рейсов шесть-восемь" is a count at both ends
    counted_at: dict[int, float] = {}  # "шесть-восемь рейсов": the range's second number counts the first too
    while i < len(tokens):
        if i in taken:
            i += 1
            continue
        value, end = number_value(tokens, i)
        if value is None or any(k in taken for k in range(i, end)):
            i += 1
            continue
        compound = _two_part(tokens, value, end, taken)
        if compound is not None:  # "два восемьсот": 2 800 000
            out.append(Figure(compound[0], i, compound[1], True))
            i = compound[1]
            continue
        nxt = tokens[end] if end < len(tokens) else None
        elided = nxt is not None and counted_end >= 0 and _elided(
            value, nxt, tokens[end + 1] if end + 1 < len(tokens) else None)
        if nxt is not None and nxt.pos in ("ADJF", "PRTF") and end + 1 < len(tokens) and tokens[end + 1].pos == "NOUN":
            nxt = tokens[end + 1]  # "двадцать посадочных мест": the noun after its adjective
        prev = _noun_before(tokens, i)
        adverbial = nxt is not None and "ablt" in nxt.tags and {"nomn", "gent", "accs"}.isdisjoint(nxt.tags)  # "летом"
        counted = nxt is not None and nxt.pos == "NOUN" and nxt.lemma not in MONTH | YEAR | LIMIT_NOUNS and not adverbial and (
            _agrees(tokens[i], tokens[end - 1], nxt)) or (
            prev is not None and prev.pos == "NOUN" and {"gent", "plur"} <= prev.tags
            and (prev.animate or not prev.lemmas.isdisjoint(UNIT_NOUNS)) or prev is not None and prev.pos == "ADJF"
            and {"NOUN", "anim", "gent", "plur"} <= prev.tags)  # "курсантов человек сорок", "рабочих у нас двести"
        counted = counted or i > 0 and tokens[i - 1].text.lower() in ALL_OF  # "на все девять": nine shops
        counted = counted or tokens[i].lemma == "один" and "plur" in tokens[i].tags  # "мы не одни"
        # "один из", "на один толковых": a pronoun or a count, never a thousand roubles
        counted = counted or tokens[i].lemma == "один" and tokens[i].is_word and (tokens[i].text.lower() in _ONE_NOT_MASC or (
            nxt is not None and (nxt.text.lower() == "из" or nxt.pos in ("ADJF", "PRTF"))))  # neuter: no money scale
        counted = counted or elided  # "два поста круглосуточно, один дневной": a count of a noun said before
        # "два городских и пять мобильных": an adjective standing for its noun (none follows) counts things
        counted = counted or nxt is not None and nxt.pos == "ADJF" and {"gent", "plur"} <= nxt.tags
        counted = counted or nxt is not None and _duration_or_ordinal(nxt, value)
        counted = counted or counted_end >= 0 and all(t.text.lower() in _COUNT_JOINERS for t in tokens[counted_end:i])
        counted = counted or _clock(tokens, i, value) or _inverted_count(tokens, i, value)
        counted = counted or i > 1 and tokens[i - 1].text.lower() in _APPROX_PREPS and _inverted_count(tokens, i - 1, value)
        counted = counted or counted_end >= 0 and i > 0 and tokens[i - 1].text.lower() in _MORE and not any(
            t.text in _STOPS for t in tokens[counted_end:i])  # "шестьдесят номеров, в новом корпусе ещё сорок"
        counted = counted or i >= 2 and tokens[i - 1].text in _RANGE_MARKS and _YEAR_DIGITS.fullmatch(tokens[i - 2].text) is not None
        if counted:
            counted_end = end
            counted_at[i] = value
        if value == 0 and _zero(tokens, i, nxt):
            out.append(Figure(0.0, i, end, True))  # "на безопасность — ноль": no money
        elif not counted and 0 < value < 1000:
            out.append(Figure(value, i, end, False))
        i = max(end, i + 1)
    out = [f for f in out if f.scaled or not counted_head(tokens, f.value, (f.start, f.end), counted_at)]
    return sorted(out, key=lambda f: f.start)


_SKIPPED_POS = frozenset({"PREP", "NPRO", "PRCL", "ADVB"})  # "сотрудников у нас восемьдесят", "машин всего двенадцать"


def _noun_before(tokens: Sequence[Token], i: int) -> Token | None:
    """The word before ``tokens[i]``, over a preposition, pronoun, particle or adverb (up to three) when a noun
    stands before them."""
    k = i - 1
    while k >= 0 and i - k <= 3 and tokens[k].is_word and tokens[k].pos in _SKIPPED_POS:
        k -= 1
    if k >= 0 and k < i - 1 and tokens[k].is_word and (tokens[k].pos == "NOUN" or tokens[k].pos == "ADJF" and {
            "NOUN", "anim", "plur"} <= tokens[k].tags):  # "рабочих у нас двести": an adjective used as a noun
        return tokens[k]
    return tokens[i - 1] if i else None


def _agrees(first: Token, last: Token, noun: Token) -> bool:
    """Whether a number can count the noun after it: from two on, a number in the nominative or accusative
    governs the genitive ("девятьсот рублей", "два стола"), so a noun with no genitive reading after it is the
    next clause's subject ("на девятьсот, директор вчера подписал"), not what it counts; "один" agrees instead."""
    if last.lemma == "один" or {"nomn", "accs"}.isdisjoint(first.tags) or not first.is_word:
        return True
    return "gent" in noun.tags or "gent" in first.tags or "nomn" not in noun.tags or "Fixd" in noun.tags  # "кафе"


def _two_part(tokens: Sequence[Token], first: float, end: int, taken: set[int]) -> tuple[float, int] | None:
    """"два восемьсот", "девятнадцать восемьсот": millions and hundreds of thousands said without the
    scale words (value, end); not a range ("девяносто сто"), not a phone number ("восемь девятьсот шестнадцать…")."""
    if not 1 <= first < 100 or first != int(first) or end >= len(tokens) or tokens[end].is_digit or tokens[end - 1].is_digit:
        return None
    second, after = number_value(tokens, end)
    if second is None or not 100 <= second < 1000 or second <= 2 * first or any(k in taken for k in range(end, after)):
        return None
    if after < len(tokens) and is_number_word(tokens[after]):
        return None
    nxt = tokens[after] if after < len(tokens) else None
    if nxt is not None and nxt.pos == "NOUN" and nxt.lemmas.isdisjoint(MONTH | YEAR | QUARTER | LIMIT_NOUNS):
        return None  # "два триста человек"
    return first * 1_000_000 + second * 1_000, after


def _inverted_count(tokens: Sequence[Token], i: int, value: float) -> bool:
    """A number after the noun it counts, in the genitive of its number ("месяца три", "недели две", "года полтора",
    "машин пять"): a count of things or of time, not money (not "денег двести", "бюджета": money nouns). Called with
    ``i`` one back for the approximate inversion over a preposition ("процентов на пятнадцать", "человек на сорок")."""
    if not i or value <= 1 or value != int(value) and value != 1.5:
        return False
    noun = tokens[i - 1]
    if noun.pos != "NOUN" or not noun.is_word or "gent" not in noun.tags or not noun.lemmas.isdisjoint(_MONEY):
        return False
    if i >= 2 and tokens[i - 2].pos == "PREP" and tokens[i - 2].text.lower() in _GOVERN_OTHER:
        return False  # "доплачивали за доработки, восемьсот": the noun governed in another case, no count inverted
    return ("sing" if value < 5 else "plur") in noun.tags and not is_number_word(noun)


def _digit_string(tokens: Sequence[Token]) -> set[int]:
    """The tokens of a phone or account number said as a run of number groups with nothing but commas or dashes
    between them (four groups or more, none with a scale word): no figure among them."""
    out: set[int] = set()
    run: list[tuple[int, int]] = []
    i = 0
    while i <= len(tokens):
        value, end = number_value(tokens, i) if i < len(tokens) else (None, i)
        if value is not None and end > i and not any(scale_word(t.text.lower()) for t in tokens[i:end]):
            if run and any(t.text not in _RANGE_MARKS for t in tokens[run[-1][1]:i]):
                run = []
            run.append((i, end))
            i = end
            continue
        if i >= len(tokens) or tokens[i].text not in _RANGE_MARKS:
            if len(run) >= _PHONE_GROUPS:
                out.update(k for start, stop in run for k in range(start, stop))
            run = []
        i += 1
    return out


def _clock(tokens: Sequence[Token], i: int, value: float) -> bool:
    """A clock time: "после десяти", "в четверг с десяти до двенадцати"."""
    if not 0 < value <= _HOURS:
        return False
    if i and tokens[i - 1].text.lower() in _CLOCK_PREPS:
        return True
    lo = next((k + 1 for k in range(i - 1, -1, -1) if tokens[k].text in SENTENCE_ENDS), 0)
    hi = next((k for k in range(i, len(tokens)) if tokens[k].text in SENTENCE_ENDS), len(tokens))
    return any(not t.lemmas.isdisjoint(_CLOCK_WORDS) for t in tokens[lo:hi])


def _elided(value: float | None, nxt: Token, after: Token | None) -> bool:
    """An adjective in the number's number, with no noun of its own, after a count ("два поста круглосуточно,
    один дневной на парковке"): it counts the noun said before; not a period ("годовых"), the instrumental of how
    money is paid ("наличными") nor the next clause ("максимум четыреста, остальное на серверную")."""
    if nxt.pos not in ("ADJF", "PRTF") or not nxt.is_word or not {"ablt", "loct"}.isdisjoint(nxt.tags) or (
            not nxt.lemmas.isdisjoint(MONTH | YEAR | QUARTER)) or after is not None and after.pos in ("NOUN", "ADJF", "PRTF"):
        return False
    return ("sing" if value == 1 else "plur") in nxt.tags  # pymorphy's first parse may miss the gender ("дневной")


def _duration_or_ordinal(nxt: Token, value: float | None) -> bool:
    """The word after a bare number that makes it no figure: a duration ("на три месяца", "два года":
    a period noun in the genitive, up to two years' worth; not Whisper's "1035 месяц" or "40 месяцев" for
    "сорок в месяц") or an ordinal ("по сорок четвёртому закону")."""
    if "Anum" in nxt.tags:
        return True
    return value is not None and value <= _LONGEST_TERM and not nxt.lemmas.isdisjoint(MONTH | YEAR | QUARTER) and nxt.pos == "NOUN" and "gent" in nxt.tags and (
        nxt.text.lower() not in ("месяц", "год", "квартал"))


def _zero(tokens: Sequence[Token], i: int, nxt: Token | None) -> bool:
    """A spoken "ноль" that is the figure itself ("ноль, вот прям ноль"), not "с нуля" or "ноль процентов"."""
    if tokens[i].text.lower() not in ("ноль", "нуль") or i and tokens[i - 1].text.lower() in ("с", "от", "до", "на"):
        return False
    return nxt is None or not nxt.is_word or nxt.pos != "NOUN" or currency_word(nxt)


def currency_word(t: Token) -> bool:
    return not t.lemmas.isdisjoint({"рубль", "руб", "доллар", "евро"})


def said_back(tokens: Sequence[Token], f: Figure) -> bool:
    """The figure put down to the listener by a verb of saying right before it ("Вы сказали — полтора миллиона",
    "вы говорите: девятьсот"), with only punctuation or "что" between."""
    k = f.start - 1
    while k >= 0 and (not tokens[k].is_word or tokens[k].text.lower() == "что") and f.start - k <= 3:
        k -= 1
    if k < 1 or tokens[k].lemmas.isdisjoint(_SAYING):
        return False
    before = [t.text.lower() for t in tokens[max(0, k - 2):k] if t.is_word]
    return "вы" in before or "2per" in tokens[k].tags




def echoed(tokens: Sequence[Token], f: Figure, echoes: frozenset[float]) -> bool:
    """One of our figures said back (scale and all, or as said: a price per kilo said back bare) as a question or
    trailing off ("Пятьдесят?", "Триста сорок…", "Два с половиной...") or opening a short question about it
    ("Триста сорок — это с НДС?")."""
    if not echoes or f.end >= len(tokens):
        return False
    start = f.end - 1 if tokens[f.end - 1].text == "." else f.end  # an amount's span may take the first dot
    dots = next((k for k in range(start, len(tokens)) if tokens[k].text != "."), len(tokens)) - start
    if tokens[f.end].text not in ("?", "…", "!") and dots < 3:  # "...": the trailing off typed as three dots
        end = next((t.text for t in tokens[f.end:] if t.text in SENTENCE_ENDS), "")
        if tokens[f.end].text not in ("—", "-") or end != "?" or f.start and tokens[f.start - 1].text not in SENTENCE_ENDS:
            return False
    values = {f.value} if f.scaled else {f.value * s for s in (1, 1_000, 1_000_000)}
    return not values.isdisjoint(echoes)


def yours_named(tokens: Sequence[Token], f: Figure, taking: frozenset[str]) -> bool:
    """Our figure named as ours in the client's words ("если ваши три с половиной — это потолок"), unless the rest of
    its sentence takes it on with a verb of ``taking`` ("Ну, ваши двести пятьдесят мы потянем")."""
    if not f.start or tokens[f.start - 1].lemma != "ваш":
        return False
    hi = next((k for k in range(f.end, len(tokens)) if tokens[k].text in SENTENCE_ENDS), len(tokens))
    return all(t.lemmas.isdisjoint(taking) for t in tokens[f.end:hi])
