"""Russian wording helpers that need no dictionary."""

from __future__ import annotations


def plural(n: int, forms: tuple[str, str, str]) -> str:
    """Pick the form for ``n``: (1 запись, 2 записи, 5 записей)."""
    n = abs(n)
    if n % 10 == 1 and n % 100 != 11:
        return forms[0]
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return forms[1]
    return forms[2]


def count(n: int, forms: tuple[str, str, str]) -> str:
    """``count(3, ("звонок", "звонка", "звонков"))`` → ``"3 звонка"``."""
    return f"{n} {plural(n, forms)}"


# Russian male first names that end like feminine ones (-а, -я).
_MALE_IN_A = frozenset(
    "никита илья кузьма фома лука савва данила гаврила михайла фока еремея лёва сава яша миша "
    "гоша паша ваня петя коля толя дима вова слава костя лёша алёша серёжа".split()
)
_AMBIGUOUS = frozenset({"саша", "женя", "валя", "шура"})


def past_tense(name: str, masculine: str, feminine: str) -> str:
    """The verb in the past tense agreeing with a person's name: «Ольга проверила», «Пётр проверил».

    Judged by the first name's ending (-а/-я is feminine, but Никита, Илья...); a name of unknown
    gender gets «проверил(а)».
    """
    words = name.strip().split()
    first = words[0].casefold() if words else ""
    if first in _AMBIGUOUS or not first.isalpha():
        return f"{masculine}(а)"
    if first.endswith(("а", "я")) and first not in _MALE_IN_A:
        return feminine
    return masculine
