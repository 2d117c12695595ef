"""Amounts of money from digits and Russian number words ("полтора миллиона", "550 тыс. руб.").

Number words are recognised by their pymorphy3 lemma, so every case form works
("пятисот пятидесяти тысяч"). Colloquial orders are handled: "тысяч триста" is 300 000,
"миллион двести" is 1 200 000; Whisper's "1300" for "тысяч триста" is read as 300 000 too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from qa_desk.analysis.by_identity import IdentityCache
from qa_desk.analysis.language import UPPER_BOUNDS
from qa_desk.analysis.lexicon import Token, word_is_known

_UNITS: dict[str, float] = {
    "ноль": 0, "один": 1, "два": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7,
    "восемь": 8, "девять": 9, "десять": 10, "одиннадцать": 11, "двенадцать": 12, "тринадцать": 13,
    "четырнадцать": 14, "пятнадцать": 15, "шестнадцать": 16, "семнадцать": 17, "восемнадцать": 18,
    "девятнадцать": 19, "двадцать": 20, "тридцать": 30, "сорок": 40, "пятьдесят": 50,
    "шестьдесят": 60, "семьдесят": 70, "восемьдесят": 80, "девяносто": 90, "сто": 100,
    "двести": 200, "триста": 300, "четыреста": 400, "пятьсот": 500, "шестьсот": 600,
    "семьсот": 700, "восемьсот": 800, "девятьсот": 900, "полтора": 1.5, "полтораста": 150,
    # slang: "пятихатка" is a bare 500, so it takes the reply's or the question's magnitude like "пятьсот"
    # (thousands by default in a budget reply: "ну пятихатка" → 500 000; "пятихатка рублей" is no budget)
    "пятихатка": 500,
    "полтинник": 50,  # "уложиться бы в полтинник": 50 000 in a budget reply, as "пятьдесят"
    "десятка": 10, "двадцатка": 20, "тридцатка": 30,  # "больше тридцатки не выделю": the numeral nouns of round sums
}
# Counting words that are numbers only before a scale word: "пару лямов", "пару сотен тысяч".
_BEFORE_SCALE: dict[str, float] = {"пара": 2, "пару": 2, "пары": 2, "парочка": 2, "парочку": 2, "пол": 0.5}
# every scale word and its magnitude (the one source: amount modules derive theirs from it)
SCALE_VALUES: dict[str, int] = {
    "тысяча": 1_000, "тыс": 1_000, "тыща": 1_000, "тысяч": 1_000, "к": 1_000, "k": 1_000,
    "миллион": 1_000_000, "млн": 1_000_000, "лям": 1_000_000, "ляма": 1_000_000, "лимон": 1_000_000,
    "лимоны": 1_000_000, "тыщ": 1_000, "тыщи": 1_000, "сотка": 100_000, "сотня": 100_000, "косарь": 1_000, "тыс.": 1_000,
    "миллиард": 1_000_000_000, "млрд": 1_000_000_000, "ярд": 1_000_000_000,
    "ля": 1_000_000,  # Whisper cuts "ляма" short: "полтора ля" (a scale only after a number)
}
_AFTER_NUMBER = frozenset({"к", "k", "ля"})  # scale words only right after a number
# the magnitudes those words name, largest first, and 1: the one source of scales for the amount modules
SCALE_STEPS: tuple[int, ...] = tuple(sorted({*SCALE_VALUES.values(), 1}, reverse=True))


def scale_word(word: str) -> int | None:
    """The scale a word names on its own ("тысяча", "тыщ", "лям", "сотка", "млрд"), the whole map; not the ones that
    are scales only right after a number ("к", "ля")."""
    return None if word in _AFTER_NUMBER else SCALE_VALUES.get(word)
# A bare "1001"-"1999" with no currency: Whisper's rendering of an inverted "тысяч триста" ("1035": тысяч тридцать пять)
# (a budget of 1 300 roubles is not a budget).
_COLLAPSED = re.compile(r"1(?!000)\d\d\d")
_STUTTER = re.compile(r"1([2-9])(?:\1)0")
_YEAR = re.compile(r"20[0-3]\d")  # a bare "2014" with no currency is a year
_LIMIT_WORDS = UPPER_BOUNDS | {"минимум"}
_SINGULAR_MAX = 4
_UNIT_MAX = 10  # a genitive singular scale word agrees with 1.5-4 only ("миллиона три", "тысячи две")
_ABBREVIATIONS = frozenset({"тыс", "млн", "млрд", "руб", "р"})
_GENITIVE_PREPS = frozenset({"от", "до", "около", "из", "без", "для", "с", "у", "кроме", "свыше", "порядка"})
_INVERTED_PREPS = frozenset({"на", "в", "под", "около", "где-то"})
# A count noun in the genitive after a number ("пять тысяч человек") makes it no money.
_HALF_SCALES: dict[str, int] = {"полмиллиона": 500_000, "полтысяча": 500, "полтысячи": 500, "полмиллиард": 500_000_000}
_CURRENCIES: dict[str, str] = {
    "рубль": "RUB", "руб": "RUB", "р": "RUB", "₽": "RUB", "рэ": "RUB",
    "доллар": "USD", "бакс": "USD", "евро": "EUR",
}


@dataclass(frozen=True, slots=True)
class Amount:
    """An amount found in text: value in whole currency units and token span [start, end)."""

    value: int
    currency: str
    start: int
    end: int
    text: str


def number_words() -> set[str]:
    """Number, scale and currency words, for repairing misheard ones."""
    halves = {f"пол{w}" for w in SCALE_VALUES if len(w) > 2 and w not in _AFTER_NUMBER}  # "полляма", "полтыщи"
    return {w for w in (*_UNITS, *SCALE_VALUES, *_HALF_SCALES, *_CURRENCIES, *halves) if w.isalpha()}


_LEMMAS: IdentityCache[Token, str | None] = IdentityCache(8192)  # by the token's identity
_AMOUNTS: IdentityCache[tuple[Token, ...], tuple[Amount, ...]] = IdentityCache(8192)  # by a tokens tuple's identity


def _read_number_lemma(tok: Token) -> str | None:
    if tok.lemma in _UNITS or tok.lemma in SCALE_VALUES or tok.lemma in _HALF_SCALES:
        return tok.lemma
    low = tok.text.lower()
    if low in _HALF_SCALES or low in SCALE_VALUES or _half(low):
        return low
    # "сорок"/"сто" are often parsed as nouns first; accept any parse that is a numeral.
    for lemma in tok.lemmas:
        if lemma in _UNITS and ("NUMR" in tok.tags or tok.pos == "NUMR"):
            return lemma
    return None


_number_lemma: Callable[[Token], str | None] = _LEMMAS.bound(_read_number_lemma)  # once per token


def _half(word: str) -> int:
    """Half of the scale a "пол-" word names ("полляма", "пол-ляма", "поллимона", "полтыщи"), or 0."""
    rest = word[3:].lstrip("-") if word.startswith("пол") else ""
    scale = next((SCALE_VALUES[w] for w in (rest, rest[:-1]) if w in SCALE_VALUES and w not in _AFTER_NUMBER), 0) if len(rest) > 2 else 0
    return scale // 2


def is_number_word(tok: Token) -> bool:
    """A digit group or a number, scale or half-scale word."""
    return tok.is_digit or _number_lemma(tok) is not None


def _digits_value(text: str) -> float:
    head, sep, tail = text.replace(",", ".").partition(".")
    if sep and len(tail) == 3 and text[len(head)] == ".":
        return float(head + tail)  # "300.000": a thousands separator
    return float(f"{head}.{tail}" if sep else head)


def _currency(tok: Token) -> str | None:
    for lemma in (tok.lemma, tok.text.lower(), *tok.lemmas):
        if lemma in _CURRENCIES:
            return _CURRENCIES[lemma]
    return None


def _is_scale_token(tok: Token, prev_digit: bool, prev_number: bool = False) -> bool:
    lemma = _number_lemma(tok)
    if lemma is None or lemma not in SCALE_VALUES:
        return False
    return lemma not in _AFTER_NUMBER or prev_digit or lemma == "ля" and prev_number


def find_amounts(tokens: Sequence[Token]) -> list[Amount]:
    """Every money amount in ``tokens`` (needs a scale word, a currency or >= 1000); a sentence's tokens (an
    immutable tuple) are read once."""
    if type(tokens) is not tuple:
        return _find_amounts(tokens)
    return list(_AMOUNTS.get(tokens, lambda t: tuple(_find_amounts(t))))


def _find_amounts(tokens: Sequence[Token]) -> list[Amount]:
    found: list[Amount] = []
    i, n = 0, len(tokens)
    while i < n:
        tok = tokens[i]
        lemma = _number_lemma(tok)
        pair = _BEFORE_SCALE.get(tok.text.lower())
        if pair is not None and i + 1 < n and _is_scale_token(tokens[i + 1], False):
            scale = SCALE_VALUES[_number_lemma(tokens[i + 1]) or ""]
            found.append(Amount(int(pair * scale), "RUB", i, i + 2, f"{tok.text} {tokens[i + 1].text}"))
            i += 2
            continue
        if not tok.is_digit and lemma is None:
            i += 1
            continue
        if lemma in _AFTER_NUMBER:
            i += 1
            continue
        if tok.text == "1000" and i + 2 < n and tokens[i + 1].text == "-" and tokens[i + 2].is_digit and (
                _digits_value(tokens[i + 2].text) < 1000):  # Whisper's "тысяч триста" as "1000-300"
            value = _digits_value(tokens[i + 2].text) * 1000
            found.append(Amount(int(value), "RUB", i, i + 3, " ".join(t.text for t in tokens[i:i + 3])))
            i += 3
            continue
        amount, j = _parse_group(tokens, i)
        if amount is not None:
            found.append(amount)
        i = max(j, i + 1)
    return found


def _hundreds_after_million(scale: Token, figure: Token) -> bool:
    """"миллион на 200": a singular "миллион(а)", "на" and hundreds in digits is Whisper's "миллиона двухсот"
    (1 200 000; two hundred millions would be "миллионов на двести"). Not "тысячу на 300": Whisper writes
    "тысяч на триста" (300 000) with a singular too."""
    lemma = _number_lemma(scale)
    return (figure.text.isdigit() and len(figure.text) == 3 and lemma is not None and SCALE_VALUES.get(lemma, 0) >= 1_000_000
            and "plur" not in scale.tags)


def _parse_group(tokens: Sequence[Token], i: int) -> tuple[Amount | None, int]:
    total = 0.0
    current = 0.0
    have_current = False
    last_scale = 0
    inverted_scale = 0
    inverted_singular = False  # "миллиона два" (genitive singular: only 1.5-4 invert; "миллиона ста" is 1 100 000)
    saw_scale = False
    j = i
    n = len(tokens)
    while j < n:
        tok = tokens[j]
        prev_digit = j > i and tokens[j - 1].is_digit
        if tok.is_digit:
            value = _digits_value(tok.text)
            # "1 200 000": a group of exactly three digits continues the previous digits.
            if prev_digit and len(tok.text) == 3 and tok.text.isdigit() and inverted_scale:
                break  # "тысяч 200 250": a range after the inverted scale word, not 200 250
            if prev_digit and len(tok.text) == 3 and tok.text.isdigit():
                current = current * 1000 + value
            elif have_current and prev_digit:
                break
            else:
                current += value
            have_current = True
            j += 1
            continue
        lemma = _number_lemma(tok)
        if lemma is None:
            if (saw_scale and j == i + 1 and not have_current and tok.text.lower() in _INVERTED_PREPS and j + 1 < n
                    and (_number_lemma(tokens[j + 1]) in _UNITS or tokens[j + 1].is_digit)):
                # "тысяч на четыреста", and as Whisper writes them: "миллиона в 25", "миллион на три"
                if not tokens[j + 1].is_digit and {"nomn", "accs"}.isdisjoint(tokens[j + 1].tags) or _hundreds_after_million(
                        tokens[i], tokens[j + 1]):
                    j += 1  # "миллион на двухсот", "миллион на 200": Whisper's "миллиона двухсот" (a genitive is no "на"-object)
                    continue
                inverted_scale = inverted_scale or int(total)
                j += 1
                continue
            if tok.text.lower() == "с" and j + 1 < n and tokens[j + 1].lemma == "половина" and have_current:
                current += 0.5
                j += 2
                continue
            if tok.text == "." and saw_scale and tokens[j - 1].text.lower() in _ABBREVIATIONS:
                j += 1
                continue
            break
        if lemma in _HALF_SCALES or lemma is not None and _half(lemma):
            half = _HALF_SCALES.get(lemma) or _half(lemma)
            total += half
            saw_scale = True
            last_scale = half * 2
            j += 1
            continue
        if _is_scale_token(tok, prev_digit, have_current and j > i):
            scale = SCALE_VALUES[lemma]
            if saw_scale and not have_current and not inverted_scale:
                break  # "миллион — миллион двести": the upper end of a range starts here; "не миллион, тысяч под восемьсот"
            if not have_current:
                # A scale word in the genitive opening the group is the inverted colloquial order:
                # "тысяч триста" (300 000), "миллиона два" (2 000 000).
                if "gent" in tok.tags and tok.text.lower() not in ("тыс", "млн", "млрд"):
                    inverted_scale = scale
                    # "от тысячи девятисот": after a preposition of the genitive "тысячи" is singular (1 900)
                    inverted_singular = "plur" not in tok.tags or "sing" in tok.tags and i > 0 and tokens[i - 1].text.lower() in _GENITIVE_PREPS
                current = 1.0
            total += current * scale
            current, have_current = 0.0, False
            last_scale, saw_scale = scale, True
            j += 1
            continue
        if lemma in SCALE_VALUES:
            break
        value = _UNITS[lemma]
        if have_current and (prev_digit or value >= _last_unit(current)):
            break
        if saw_scale and not have_current and not inverted_scale and last_scale >= 100_000 and value < 10:
            break  # "лимон-полтора", "миллион-два", "сотка-полторы": the upper end of a range, not 1 001 500
        current += value
        have_current = True
        j += 1
    if have_current:
        after_prep = i > 0 and tokens[i - 1].text.lower() in _GENITIVE_PREPS
        # "миллиона два" inverts; "от миллиона двухсот" does not; "миллиона шесть" is Whisper's "миллионов шесть"
        singular = inverted_singular and current > _SINGULAR_MAX and (after_prep or current >= _UNIT_MAX)
        if inverted_scale and total == inverted_scale and not singular:
            total = current * inverted_scale
        elif last_scale >= 1_000_000 and current < 1000:
            total += current * last_scale / 1000
        else:
            total += current
    currency = None
    end = j
    while end < len(tokens) and tokens[end].text == "." and tokens[end - 1].text.lower() in _ABBREVIATIONS:
        end += 1  # "550 тыс. руб.": the abbreviation's dot; a sentence's end is no part of the figure
    if end < len(tokens):
        currency = _currency(tokens[end])
        if currency is not None:
            end += 1
        elif tokens[end].pos == "NOUN" and tokens[end].lemma != "половина" and (
                not saw_scale or {"gent", "plur"} <= tokens[end].tags) and not (
                tokens[end].lemma in ("месяц", "год") and (saw_scale or _COLLAPSED.fullmatch(tokens[i].text)
                                                            or tokens[end].text.lower() in ("месяц", "год") and total >= 1000)) and (
                tokens[end].lemma not in _LIMIT_WORDS) and word_is_known(tokens[end].text.lower()):
            # not "1060 максимум" (Whisper's "тысяч шестьдесят максимум") nor before a word Whisper garbled
            return None, j  # "пять человек", "в 2024 году"; not "полтора ляма край", "1035 месяц", "120 000 месяц"
    if saw_scale and not have_current and inverted_scale and total == inverted_scale and j == i + 1 and (
            "plur" in tokens[i].tags and ("sing" not in tokens[i].tags or not i or tokens[i - 1].text.lower() not in (
                _GENITIVE_PREPS))):
        return None, j  # a scale word alone ("ну, тысяч", "Сотни."): a cut-off number or a magnitude; not "до сотни"
    if currency is None and not saw_scale and total < 1000:
        return None, j
    if currency is None and not saw_scale and j == i + 1 and _YEAR.fullmatch(tokens[i].text):
        return None, j  # "платим в 2014": a year (or Whisper's garbage), no amount
    if currency is None and not saw_scale and j == i + 1 and _COLLAPSED.fullmatch(tokens[i].text):
        text = tokens[i].text
        # Whisper wrote "тысяч триста" as "1300", and "тысяч тридцать" as "1330" (the tens' digit twice)
        total = float(text[2:]) * 1000 if _STUTTER.fullmatch(text) else (total - 1000) * 1000
    if total <= 0:
        return None, j
    text = " ".join(t.text for t in tokens[i:end])
    return Amount(int(round(total)), currency or "RUB", i, end, text), end


def _last_unit(current: float) -> float:
    """Smallest magnitude a word may have to extend ``current`` ("пятьсот" + "пятьдесят")."""
    if current == 0:
        return float("inf")
    rest = current % 100
    if rest == 0:
        return 100.0
    rest = current % 10
    if rest == 0:
        return 10.0
    return 1.0


def number_value(tokens: Sequence[Token], i: int) -> tuple[float | None, int]:
    """A bare number from ``tokens[i]`` (words or one digit group, no scale): (value, end) or (None, i)."""
    tok = tokens[i]
    if tok.is_digit:
        try:
            return _digits_value(tok.text), i + 1
        except ValueError:
            return None, i
    current, j = 0.0, i
    while j < len(tokens):
        lemma = _number_lemma(tokens[j])
        if lemma is None or lemma not in _UNITS:
            break
        value = _UNITS[lemma]
        if j > i and value >= _last_unit(current):
            break
        current += value
        j += 1
    if j == i:
        return None, i
    if j + 1 < len(tokens) and tokens[j].text.lower() == "с" and tokens[j + 1].lemma == "половина":
        current += 0.5
        j += 2
    return current, j
