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
