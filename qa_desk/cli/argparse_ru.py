"""argparse's own messages in Russian: «использование:», «ошибка: не хватает аргументов: …».

argparse looks up every message it prints through its module's ``_`` / ``ngettext`` (gettext) at
the moment it prints; Python ships no Russian catalogue for it, so ``install`` puts a small one in
their place. A message not listed here stays as argparse says it.
"""

from __future__ import annotations

import argparse
from typing import Any

MESSAGES: dict[str, str] = {
    "usage: ": "использование: ",
    "positional arguments": "аргументы",
    "options": "параметры",
    "show this help message and exit": "показать эту справку и выйти",
    "%(prog)s: error: %(message)s\n": "%(prog)s: ошибка: %(message)s\n",
    "the following arguments are required: %s": "не хватает обязательных аргументов: %s",
    "unrecognized arguments: %s": "неизвестные аргументы: %s",
    "argument %(argument_name)s: %(message)s": "аргумент %(argument_name)s: %(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "недопустимое значение %(value)r (можно: %(choices)s)",
    "invalid %(type)s value: %(value)r": "недопустимое значение %(value)r",
    "expected one argument": "нужно одно значение",
    "expected at least one argument": "нужно хотя бы одно значение",
    "expected at most one argument": "нужно не больше одного значения",
    "not allowed with argument %s": "нельзя вместе с %s",
    "one of the arguments %s is required": "нужен один из аргументов: %s",
    "ambiguous option: %(option)s could match %(matches)s": "неоднозначный параметр %(option)s: подходят %(matches)s",
    "ignored explicit argument %r": "лишнее значение %r",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "неизвестная команда %(parser_name)r (есть: %(choices)s)",
    "can't open '%(filename)s': %(error)s": "не удаётся открыть «%(filename)s»: %(error)s",
}
PLURALS: dict[str, tuple[str, str, str]] = {
    "expected %s argument": ("нужно %s значение", "нужно %s значения", "нужно %s значений"),
}
VERSION_HELP = "показать версию программы и выйти"


def gettext(message: str) -> str:
    return MESSAGES.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    from qa_desk.domain.russian import plural as pick

    forms = PLURALS.get(singular)
    if forms is None:
        return singular if n == 1 else plural
    return pick(n, forms)


def install() -> None:
    module: Any = argparse
    module._ = gettext
    module.ngettext = ngettext
