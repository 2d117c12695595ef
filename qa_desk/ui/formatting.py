"""Russian formatting of money, durations, dates and states for display."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from qa_desk.domain.recordings import RecordingState
from qa_desk.domain.russian import count

CURRENCY_SIGNS = {"RUB": "₽", "USD": "$", "EUR": "€"}
MONTHS_GEN = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
              "ноября", "декабря")


def format_money(amount: Decimal | int | None, currency: str = "RUB") -> str:
    if amount is None:
        return "—"
    whole = f"{int(round(amount)):,}".replace(",", "\u00a0")
    return f"{whole}\u00a0{CURRENCY_SIGNS.get(currency, currency)}"


def format_duration(ms: int | None) -> str:
    if ms is None:
        return "—"
    seconds = int(ms // 1000)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def format_clock(seconds: float) -> str:
    """Position inside a call: ``1:05``."""
    return format_duration(int(max(seconds, 0) * 1000))


def format_when(moment: datetime | None, source: str = "manifest") -> str:
    if moment is None:
        return "время неизвестно"
    text = moment.strftime("%d.%m.%Y %H:%M")
    return text + {"filename": " (по имени файла)", "mtime": " (по дате файла)"}.get(source, "")


def format_day(moment: datetime | None) -> str:
    """``5 марта, 14:22``: short form for call headers."""
    if moment is None:
        return "время неизвестно"
    return f"{moment.day} {MONTHS_GEN[moment.month - 1]}, {moment:%H:%M}"


def format_days(days: int | None) -> str:
    if days is None:
        return ""
    return "сегодня" if days == 0 else count(days, ("день", "дня", "дней"))


def channels_label(channels: int | None) -> str:
    return {1: "моно", 2: "стерео"}.get(channels or 0, "—" if not channels else f"{channels} кан.")


def state_label(state: str, error: str | None = None, fraction: float | None = None) -> str:
    if state == RecordingState.PROCESSING and fraction is not None:
        return f"распознаётся… {round(fraction * 100)}%"
    if state == RecordingState.FAILED and error:
        return f"ошибка: {error}"
    try:
        return RecordingState(state).label
    except ValueError:
        return state
