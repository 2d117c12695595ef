"""Numbers as Whisper splits them, joined again before tokenising (``Lexicon.tokens``).

Whisper writes a compound number it half-hears in two pieces:

- hundreds: "шестьсот" as "шесть сот", "семьсот" as "7 сут", "девятьсот" as "девять суть", "триста" as "три ста"
  -> "600", "700", "900", "300"; a unit said as a word and the hundreds as digits ("миллион восьми 100", "пяти 100
  тысяч": "восемьсот", "пятьсот" heard as the genitive unit and "сто") -> "800", "500";
- tens and units before a scale: "сорок восемь тысяч" as "40 8000" or "сорок 8000" -> "48000".

A figure said again after a comma ("900 тысяч, 900 это в плане") is the same figure, not its tail: the tokens keep
no commas, so the comma becomes a pause ("900 тысяч… 900"), which ends a figure.

Each piece alone reads as a different figure ("шесть" and no budget; "40" and "8000"), so the money
parser (money.py, unchanged) sees the joined figure instead.
"""

from __future__ import annotations

import re

_UNITS = {"два": 2, "две": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7, "восемь": 8, "девять": 9,
          # the genitive of "двухсот"… "девятисот" split the same way ("четырех сот")
          "двух": 2, "трех": 3, "четырех": 4, "пяти": 5, "шести": 6, "семи": 7, "восьми": 8, "девяти": 9}
_TENS = {"двадцать": 20, "тридцать": 30, "сорок": 40, "пятьдесят": 50, "шестьдесят": 60, "семьдесят": 70,
         "восемьдесят": 80, "девяносто": 90}
_UNIT_WORD = "|".join([*_UNITS, "трёх", "четырёх"])
_TENS_WORD = "|".join(_TENS)
# "шесть сот", "7 сут", "три ста": a unit and the hundreds ending written apart
_HUNDREDS = re.compile(rf"(?<![\w,.])(?:([2-9]|{_UNIT_WORD})\s+(?:сот|сут|суть|ста|сти)(?!\w)"
                       rf"|({_UNIT_WORD})\s+100(?!\w|-|[.,]\d))", re.IGNORECASE)
# "40 8000", "сорок 8000": round tens, then a units-thousand
_TENS_THOUSAND = re.compile(rf"(?<![\w,.])([2-9]0|{_TENS_WORD})\s+([1-9])\s?000(?![\d\w])", re.IGNORECASE)

# "900 тысяч, 900", "60 тысяч, 60 в месяц": the leading number said again after the scale word and a comma
_REPEATED = re.compile(r"(?<![\w,.])(\d+)(\s+(?:тысяч\w*|тыс|миллион\w*|млн))\s*,\s+\1(?![\d\w])", re.IGNORECASE)


# "тысячу сорок", "тысяча 40" with no currency after: Whisper's "тысяч сорок" (the inverted forty thousand; a bare
# "1040" already reads so in money.py), not one thousand and forty roubles
_ONE_THOUSAND = re.compile(rf"(?<![\w,.])(?<!\d )(?<!одна )(?<!одну )тысяч[уа](?=\s+(?:{_TENS_WORD}|[1-9]\d)(?![\w.,]?\d))"
                           r"(?!\s+\S+\s+(?:рубл|руб\b|р\b|₽|доллар|бакс|евро))", re.IGNORECASE)


def _value(word: str, table: dict[str, int]) -> int:
    return int(word) if word.isdigit() else table[word.lower().replace("ё", "е")]


def join_split_numbers(text: str) -> str:
    """``text`` with Whisper's split compound numbers joined ("шесть сот тысяч" -> "600 тысяч") and a figure said again
    after a comma kept apart ("900 тысяч, 900" -> "900 тысяч… 900")."""
    text = _REPEATED.sub(lambda m: f"{m.group(1)}{m.group(2)}… {m.group(1)}", text)
    if "ысяч" in text:  # "тысячу", "Тысяча"
        text = _ONE_THOUSAND.sub("тысяч", text)
    text = _HUNDREDS.sub(lambda m: str(_value(m.group(1) or m.group(2), _UNITS) * 100), text)
    if "000" not in text:  # _TENS_THOUSAND's "8000": the cheap test first (every sentence comes here)
        return text
    return _TENS_THOUSAND.sub(lambda m: str((_value(m.group(1), _TENS) + int(m.group(2))) * 1000), text)
