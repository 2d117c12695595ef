"""Chronological order of a deal's recordings.

A call's start time comes from the manifest; failing that, from a timestamp in the
file name (``2024-03-05_14-22-10``, ``20240305-142210``...); failing that, from the
file's modification time. Every view, command and report sorts with ``recording_sort_key``.
"""

from __future__ import annotations

import re
from datetime import datetime

_FILENAME_STAMP = re.compile(
    r"(?P<y>20\d{2})[-_.]?(?P<m>[01]\d)[-_.]?(?P<d>[0-3]\d)"
    r"(?:[T _-]?(?P<H>[0-2]\d)[-_.:]?(?P<M>[0-5]\d)(?:[-_.:]?(?P<S>[0-5]\d))?)?"
)

_ISO_FORMATS = (
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M",
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%Y-%m-%d",
    "%d.%m.%Y",
)


def parse_call_time(text: str) -> datetime | None:
    """Parse a manifest's call time (ISO 8601 or the Russian ``05.03.2024 14:22``).

    Returns a naive local datetime, or None for an empty value. Raises ValueError on garbage.
    """
    value = text.strip()
    if not value:
        return None
    parsed = _parse(value)
    if parsed is None:
        raise ValueError(f"не удаётся разобрать время звонка «{value}»")
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone().replace(tzinfo=None)
    return parsed


def _parse(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        pass
    for fmt in _ISO_FORMATS:
        try:
            return datetime.strptime(value, fmt)
        except ValueError:
            continue
    return None


def timestamp_from_filename(name: str) -> datetime | None:
    """The call time encoded in a file name, if any (``2024-03-05_14-22-10_call.mp3``)."""
    for match in _FILENAME_STAMP.finditer(name):
        parts = match.groupdict()
        try:
            return datetime(
                int(parts["y"]),
                int(parts["m"]),
                int(parts["d"]),
                int(parts["H"] or 0),
                int(parts["M"] or 0),
                int(parts["S"] or 0),
            )
        except ValueError:
            continue
    return None


def recording_sort_key(
    call_started_at: datetime | None, recording_id: int | None
) -> tuple[bool, datetime, int]:
    """Known times first, in order; unknown ones last, in the order they were added."""
    return (call_started_at is None, call_started_at or datetime.max, recording_id or 0)
