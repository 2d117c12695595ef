"""The audit log's hash chain: each entry stores the previous entry's hash and its own.

An entry's hash is SHA-256 over the previous hash and the entry's canonical content (when, who,
what, which deal, before, after, comment), so changing any stored entry, deleting one from the
middle or reordering them breaks the chain at that entry. ``verify`` walks the entries in id
order and says which ones are broken. The canonical form below is a stored contract: entries
already written were hashed with it, so it must never change (a new form needs a new
``CHAIN_FORMAT`` and a migration that re-seals the log).

What the chain cannot prove on its own: that the newest entries were not cut off the end, or
that someone with write access did not recompute every hash after a forgery. The append-only
triggers and, on PostgreSQL, an application role without UPDATE/DELETE on the log guard that;
``ChainReport.head`` is the value to note down elsewhere to anchor the chain.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

CHAIN_FORMAT = 1
GENESIS = "0" * 64  # the "previous hash" of the first entry


@dataclass(frozen=True, slots=True)
class ChainEntry:
    """One stored audit entry as the chain sees it (``at`` is naive UTC, as stored)."""

    id: int
    at: datetime
    actor: str
    action: str
    deal_id: int | None
    before: Any
    after: Any
    comment: str | None
    prev_hash: str | None = None
    hash: str | None = None


def _json(value: Any) -> Any:
    """The value as the database gives it back (tuples become lists, keys become strings)."""
    return None if value is None else json.loads(json.dumps(value, ensure_ascii=False))


def canonical(
    *,
    at: datetime,
    actor: str,
    action: str,
    deal_id: int | None,
    before: Any,
    after: Any,
    comment: str | None,
) -> bytes:
    """The entry's content in one fixed byte form (format ``CHAIN_FORMAT``)."""
    content = [
        CHAIN_FORMAT,
        at.isoformat(sep=" ", timespec="microseconds"),
        actor,
        action,
        deal_id,
        _json(before),
        _json(after),
        comment,
    ]
    return json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def link_hash(prev_hash: str, content: bytes) -> str:
    return hashlib.sha256(prev_hash.encode("ascii") + b"\n" + content).hexdigest()


def entry_hash(prev_hash: str, entry: ChainEntry) -> str:
    """The hash ``entry`` must carry when it follows an entry whose hash is ``prev_hash``."""
    content = canonical(
        at=entry.at,
        actor=entry.actor,
        action=entry.action,
        deal_id=entry.deal_id,
        before=entry.before,
        after=entry.after,
        comment=entry.comment,
    )
    return link_hash(prev_hash, content)


class Problem(StrEnum):
    CONTENT = "content"  # the entry's content does not give its stored hash: it was changed
    LINK = "link"  # the entry does not follow the one before it: an entry was removed or reordered
    UNSEALED = "unsealed"  # no hash at all: written around the application

    @property
    def label(self) -> str:
        return _PROBLEM_LABELS[self]


_PROBLEM_LABELS = {
    Problem.CONTENT: "содержимое записи изменено после записи (хэш не совпадает)",
    Problem.LINK: "запись не продолжает предыдущую: запись перед ней удалена, вставлена или изменена",
    Problem.UNSEALED: "у записи нет хэша: она добавлена в обход программы",
}


@dataclass(frozen=True, slots=True)
class ChainBreak:
    entry_id: int
    at: datetime
    actor: str
    action: str
    problems: tuple[Problem, ...]

    @property
    def message(self) -> str:
        """One Russian line naming the entry and what is wrong with it."""
        what = "; ".join(p.label for p in self.problems)
        return f"запись #{self.entry_id} ({self.at:%d.%m.%Y %H:%M:%S} UTC, {self.actor}, {self.action}): {what}"


@dataclass(slots=True)
class ChainReport:
    """What ``verify`` found: how many entries, the broken ones, the last hash (the anchor)."""

    checked: int = 0
    breaks: list[ChainBreak] = field(default_factory=list)
    head: str | None = None
    last_id: int | None = None
    guards_missing: tuple[str, ...] = ()  # append-only guards (triggers) that are gone

    @property
    def ok(self) -> bool:
        return not self.breaks and not self.guards_missing

    @property
    def summary(self) -> str:
        """One Russian line for the banner and the command line."""
        if self.ok:
            return f"Журнал изменений цел: {self.checked} записей проверено."
        parts = []
        if self.breaks:
            first = self.breaks[0].entry_id
            parts.append(f"нарушена цепочка подписей в {len(self.breaks)} записях (первая — #{first})")
        if self.guards_missing:
            parts.append("снята защита журнала от изменения (" + ", ".join(self.guards_missing) + ")")
        return "Журнал изменений повреждён: " + "; ".join(parts) + "."


def verify(entries: Iterable[ChainEntry]) -> Iterator[ChainBreak]:
    """The broken entries of a chain given in id order (an empty iterator: the chain is intact)."""
    expected_prev = GENESIS
    for entry in entries:
        problems: list[Problem] = []
        if entry.hash is None or entry.prev_hash is None:
            problems.append(Problem.UNSEALED)
        else:
            if entry.prev_hash != expected_prev:
                problems.append(Problem.LINK)
            if entry_hash(entry.prev_hash, entry) != entry.hash:
                problems.append(Problem.CONTENT)
        if problems:
            yield ChainBreak(entry.id, entry.at, entry.actor, entry.action, tuple(problems))
        # The next entry must follow this one as stored, so one changed entry breaks only itself.
        expected_prev = entry.hash or expected_prev


def check(entries: Iterable[ChainEntry], report: ChainReport | None = None) -> ChainReport:
    """``verify`` with the count and the head hash collected into a report."""
    report = report or ChainReport()

    def counted() -> Iterator[ChainEntry]:
        for entry in entries:
            report.checked += 1
            report.head, report.last_id = entry.hash, entry.id
            yield entry

    report.breaks.extend(verify(counted()))
    return report
