"""TOML texts parsed once and kept, as JSON, in the word store (``morph_store``): ``tomllib`` is pure Python
(~1 ms a KB, ~10 ms for the engine's data files on a cold start) and ``json`` is C.

A text's parse is kept as its JSON text and decoded afresh on every call, so a caller that changes what it
got changes nothing kept; JSON gives back the very same dicts, lists, strings and numbers in the same order.
A text with dates or times (not JSON) is not kept, nor one that does not parse (the error is tomllib's).
"""

from __future__ import annotations

import json
from typing import Any

_MAX_TEXTS = 16  # the engine's data files, a question set or two
_MAX_CHARS = 100_000
PARSED: dict[str, str] = {}  # TOML text -> its parse as JSON: filled on use, or from the word store
USED: dict[str, str] = {}  # the same for the texts this process parsed: the store writes these first


def decode_error() -> type[ValueError]:
    """``tomllib.TOMLDecodeError``, for an ``except`` clause (evaluated only when something was raised)."""
    import tomllib

    return tomllib.TOMLDecodeError


def kept() -> dict[str, str]:
    """What the word store writes: this process's texts, then others it read, at most ``_MAX_TEXTS``."""
    out = dict(USED)
    for text, parse in PARSED.items():
        if len(out) >= _MAX_TEXTS:
            break
        out.setdefault(text, parse)
    return out


def loads(text: str) -> dict[str, Any]:
    """``tomllib.loads(text)``, from the kept parse when there is one."""
    parse = PARSED.get(text)
    if parse is not None:
        try:
            data = json.loads(parse)
        except ValueError:  # a damaged store
            data = None
        if isinstance(data, dict):
            if len(USED) < _MAX_TEXTS:
                USED[text] = parse
            return data
        del PARSED[text]
    import tomllib  # only for a text not kept: a cold start whose texts are all kept skips its import (~4 ms)

    data = tomllib.loads(text)
    if len(USED) < _MAX_TEXTS and len(text) <= _MAX_CHARS:
        try:
            PARSED[text] = USED[text] = json.dumps(data, ensure_ascii=False)
        except (TypeError, ValueError):  # a date or time
            pass
    return data
