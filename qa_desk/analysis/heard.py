"""Questions as Whisper hears them on a telephone line: clauses of a damaged sentence on their own.

On a narrow-band call Whisper garbles words ("аппетенникам нас начинет, сколько у вас заложено") and
writes a question without its "?". The garbled words, unknown to the classifier, drown the words
that still ask ("сколько у вас заложено" alone reads as the budget question; the whole sentence does
not). A sentence's comma clauses are therefore classified on their own as well (``Detector._clauses``),
as the bundled-question parts are: a clause counts only where it is a question by its own form.
"""

from __future__ import annotations

import re

_COMMA = re.compile(r"\s*(?:,|\s[—–-]\s)\s*")
_MIN_WORDS = 3  # a clause of fewer words says too little on its own ("ну, да")
_SUBORDINATE = re.compile(r"(?:чтобы|чтоб|если|потому|так как|хотя|пока)\b", re.IGNORECASE)
_WORD = re.compile(r"[а-яё]+", re.IGNORECASE)


def comma_clauses(text: str) -> list[str]:
    """``text`` cut at its commas and dashes into clauses of some words (none when it has one clause), up
    to a subordinate clause: what follows "чтобы понимать, …" or "если …" asks nothing of its own."""
    pieces = [p.strip() for p in _COMMA.split(text) if p.strip()]
    cut = next((i for i, p in enumerate(pieces) if i and _SUBORDINATE.match(p)), len(pieces))
    pieces = pieces[:cut]
    kept = [p for p in pieces if len(_WORD.findall(p)) >= _MIN_WORDS]
    return kept if len(pieces) > 1 and kept else []
