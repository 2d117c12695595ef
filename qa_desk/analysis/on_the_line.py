"""Who is on the line when the client answers (round 19): the phone may change hands within a call («Подождите, он
как раз тут. Лев Борисович! … Передаю.» — «Алло. Лев Борисович.» — «Лев Борисович, Антон, «Профкухня». Вы по итогу
утверждаете…?» — «Я утверждаю.»). The speaker who says «я» is the one the manager last greeted by name and
patronymic in that call before the answer, when the call greeted more than one person that way or by first name
first; else None (the call's own client name stands)."""

from __future__ import annotations

from collections.abc import Sequence

from qa_desk.analysis.lexicon import Token
from qa_desk.analysis.names import is_patronymic, names_at
from qa_desk.analysis.pairing import Unit
from qa_desk.domain.transcript import Speaker

_OPENERS = frozenset({"алло", "здравствуйте", "добрый", "доброе", "день", "утро", "вечер", "а", "ну", "и", "да"})


def _greeted(tokens: Sequence[Token]) -> str | None:
    """The name with patronymic a turn opens with, followed by a greeting or a capital (the caller's own name or company) («Лев Борисович,
    Антон, …», «Ирина Валерьевна, добрый день»; not «Кристина Петровна вам передавала?»)."""
    words = [t for t in tokens if t.is_word]
    start = next((i for i, t in enumerate(words) if t.text.lower() not in _OPENERS), len(words))
    found = names_at(words, start)
    if found is None or " " not in found[0] or not is_patronymic(words[found[1] - 1]):
        return None
    k = found[1]
    greets = k < len(words) and (words[k].text.lower() in _OPENERS or words[k].text[:1].isupper())
    return found[0] if greets else None  # «…, добрый день», «…, Антон, «Профкухня»»: a greeting, not a read-back


def handed_over(units: Sequence[Unit], recording: int, start: float) -> str | None:
    """The one greeted by name and patronymic in the manager's latest turn-opening before ``start`` in the
    call, when an earlier turn of ours had greeted someone else (another name): the phone changed hands."""
    mine = [u for u in units if u.recording == recording and u.role != Speaker.CLIENT and u.segment.start < start
            and u.sentences]
    greeted = [(u, _greeted(u.sentences[0].tokens) or _first_name(u.sentences[0].tokens)) for u in mine]
    named = [name for _, name in greeted if name]
    if len(named) < 2 or " " not in named[-1]:
        return None
    last = set(named[-1].lower().split())
    return named[-1] if any(last.isdisjoint(n.lower().split()) for n in named[:-1]) else None


def _first_name(tokens: Sequence[Token]) -> str | None:
    """A first name alone opening the call's turn («Геворг? Антон, «Профкухня».»)."""
    words = [t for t in tokens if t.is_word]
    found = names_at(words, 0) if words else None
    return found[0] if found is not None and " " not in found[0] else None
