"""How far off a purchase is, from the period the client named: months from the call.

The engine gives a timing answer as the words said ("в следующем квартале", "до конца года",
"через два месяца"); a contract asks "within 6 months". ``horizon_months`` turns the words into
the latest month they can mean, counted from the call's date (a quarter or a year said in March
ends at a known date). When the engine itself states the period (``months`` / ``max_months``, or an
``end`` date), that wins. ``None``: the words name no period we can place in time.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import Any

_NUMBERS = {
    "один": 1,
    "одного": 1,
    "одну": 1,
    "одна": 1,
    "пару": 2,
    "пара": 2,
    "два": 2,
    "две": 2,
    "двух": 2,
    "три": 3,
    "трех": 3,
    "четыре": 4,
    "четырех": 4,
    "пять": 5,
    "пяти": 5,
    "шесть": 6,
    "шести": 6,
    "семь": 7,
    "семи": 7,
    "восемь": 8,
    "восьми": 8,
    "девять": 9,
    "девяти": 9,
    "десять": 10,
    "десяти": 10,
    "одиннадцать": 11,
    "двенадцать": 12,
    "несколько": 3,
    "нескольких": 3,
}
_MONTHS = (
    "январ",
    "феврал",
    "март",
    "апрел",
    "ма",
    "июн",
    "июл",
    "август",
    "сентябр",
    "октябр",
    "ноябр",
    "декабр",
)
_SEASONS = {"зим": 2, "весн": 5, "лет": 8, "осен": 11}  # the season's last month (winter ends in February)
_NOW = (
    "срочно",
    "сейчас",
    "немедленно",
    "сразу",
    "скорее",
    "быстрее",
    "ближайш",
    "недел",
    "завтра",
    "днях",
    "днями",
)
_LATER = ("год", "квартал", "месяц")  # "уже в следующем году" is not now
_UNITS = (
    ("недел", 0.25),
    ("месяц", 1.0),
    ("полгод", 6.0),
    ("полугод", 6.0),
    ("квартал", 3.0),
    ("год", 12.0),
    ("лет", 12.0),
)


def horizon_months(value: dict[str, Any] | None, said_on: date | None) -> float | None:
    """Months from ``said_on`` to the end of the period the answer names; None when unknown."""
    if not value:
        return None
    for key in ("max_months", "months"):
        stated = value.get(key)
        if isinstance(stated, int | float) and not isinstance(stated, bool):
            return float(stated)
    end = value.get("end") or value.get("to")
    if isinstance(end, str) and said_on is not None:
        try:
            return _months_between(said_on, date.fromisoformat(end[:10]))
        except ValueError:
            pass
    text = value.get("text")
    return period_months(text, said_on) if isinstance(text, str) else None


def period_months(text: str, said_on: date | None) -> float | None:
    words = re.findall(r"[а-яa-z0-9]+", text.lower().replace("ё", "е"))
    phrase = " ".join(words)
    if not words:
        return None
    relative = _relative(words)
    if relative is not None:
        return relative
    if phrase == "скоро" or any(p in phrase for p in _NOW) and not any(k in phrase for k in _LATER):
        return 0.5
    if said_on is None:
        return None
    end = _calendar_end(words, phrase, said_on)
    return _months_between(said_on, end) if end is not None else None


def _relative(words: list[str]) -> float | None:
    """ "через два месяца", "в течение полугода", "за три недели", "через год"."""
    for i, word in enumerate(words):
        unit = next(
            (size for stem, size in _UNITS if word.startswith(stem) and (stem != "лет" or word == stem)), None
        )
        if unit is None:
            continue
        before = words[max(0, i - 3) : i]
        if not any(w in ("через", "течение", "за", "ближайшие", "ближайший", "пределах") for w in before):
            continue
        if word.startswith(("полгод", "полугод")):
            return unit
        numbers = [n for w in before if (n := _number(w)) is not None]
        return (numbers[-1] if numbers else 1.0) * unit
    return None


def _number(word: str) -> float | None:
    if word.isdigit():
        return float(word)
    if word == "полтора" or word == "полутора":
        return 1.5
    return float(_NUMBERS[word]) if word in _NUMBERS else None


def _calendar_end(words: list[str], phrase: str, today: date) -> date | None:
    """The last day of the quarter, year, month or season the words name."""
    nxt = "следующ" in phrase or "будущ" in phrase
    quarter = (today.month - 1) // 3
    if "квартал" in phrase:
        q = quarter + (1 if nxt else 0)
        year, q = today.year + q // 4, q % 4
        return _month_end(year, 3 * q + 3)
    if "полугод" in phrase or "полгод" in phrase:
        half = (today.month - 1) // 6 + (1 if nxt else 0)
        return _month_end(today.year + half // 2, 6 * (half % 2) + 6)
    if any(w.startswith("год") for w in words):
        year = today.year + (1 if nxt else 0)
        if "начал" in phrase:
            return _month_end(year, 3)
        return _month_end(year, 6 if "середин" in phrase else 12)
    if "месяц" in phrase:
        month = today.month + (1 if nxt else 0)
        return _month_end(today.year + (month - 1) // 12, (month - 1) % 12 + 1)
    for word in words:
        named = _month_number(word)
        if named is not None:
            return _month_end(today.year + (1 if named < today.month else 0), named)
        season = next(
            (last for stem, last in _SEASONS.items() if word.startswith(stem) and len(word) > 3), None
        )
        if season is not None:
            year = today.year + (1 if season < today.month or (season == 2 and today.month > 2) else 0)
            return _month_end(year, season)
    return None


def _month_number(word: str) -> int | None:
    if word in ("май", "мае", "мая", "маю"):
        return 5
    for number, stem in enumerate(_MONTHS, 1):
        if stem != "ма" and word.startswith(stem):
            return number
    return None


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _months_between(start: date, end: date) -> float:
    return round((end.year - start.year) * 12 + (end.month - start.month) + (end.day - start.day) / 30.0, 2)
