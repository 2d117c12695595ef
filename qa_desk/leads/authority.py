"""Is the person on the call the one who decides? Read from the client's answer about authority.

The engine names who decides ("технический директор", "я"); whether that is the person on the
line needs the quote: «Решение принимаю я, я технический директор» is the contact, «Решает
генеральный, я передам» is someone else. When the engine states it (``value["self"]`` or
``value["decider"]``), that wins.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Any

from qa_desk.analysis.lexicon import morph

_DECIDE = frozenset(
    {
        "принимать",
        "решать",
        "утверждать",
        "подписывать",
        "согласовывать",
        "одобрять",
        "выбирать",
        "решить",
        "утвердить",
        "подписать",
        "одобрить",
        "выбрать",
    }
)
_SELF = frozenset({"я", "мы", "сам", "сама", "сами", "лично", "единолично", "самостоятельно"})
_OWN = frozenset({"сам", "лично", "единолично", "самостоятельно"})
_RELAY = frozenset(
    {
        "передать",
        "показать",
        "посоветоваться",
        "согласовать",
        "обсудить",
        "уточнить",
        "спросить",
        "доложить",
        "переслать",
        "руководство",
        "начальство",
    }
)


class Decider(StrEnum):
    SELF = "self"
    OTHER = "other"
    UNKNOWN = "unknown"


def decider(value: dict[str, Any] | None, quote: str) -> Decider:
    """Who decides according to the answer: the contact, someone else, or not said."""
    if value:
        stated = value.get("self")
        if isinstance(stated, bool):
            return Decider.SELF if stated else Decider.OTHER
        if value.get("decider") in ("self", "other"):
            return Decider(value["decider"])
    words = re.findall(r"[а-яёa-z]+", quote.lower().replace("ё", "е"))
    persons = {person for word in words for person in _verb_persons(word)}
    lemmas = {morph().parse(word)[0].normal_form for word in words}
    after_verb = any(_verb_persons(a) and b in ("я", "мы") for a, b in zip(words, words[1:], strict=False))
    if "1per" in persons or after_verb or not lemmas.isdisjoint(_OWN) and lemmas.isdisjoint(_RELAY):
        return Decider.SELF  # "принимаю я", "мы сами решаем", "решает сам" (ASR: "принимают я сам")
    if "3per" in persons or not lemmas.isdisjoint(_RELAY):
        return Decider.OTHER  # "решает генеральный", "я передам руководству"
    named = re.findall(r"[а-яёa-z]+", str((value or {}).get("text", "")).lower())
    if named and _SELF.issuperset(named) or "я" in words:
        return Decider.SELF  # "я", "мы сами", "я технический директор"
    if named or "не" in words:
        return Decider.OTHER
    return Decider.UNKNOWN


def _verb_persons(word: str) -> set[str]:
    """Person grammemes of ``word`` read as a decide verb in the present or future."""
    found: set[str] = set()
    for parse in morph().parse(word)[:3]:
        if parse.tag.POS == "VERB" and parse.normal_form in _DECIDE and parse.tag.person:
            found.add(str(parse.tag.person))
    return found
