"""A lost race: another person acted on the deal first, so this action was refused whole.

Every workflow action reads the deal and writes inside one locked transaction (see
``services.conflicts``); when the deal it finds is no longer the one the action was meant for
because someone else moved it, the service raises ``ConflictError`` instead of a plain
``TransitionError``. Nothing of the refused action is written, and the message says who won and
when («Сделку D-1001 уже проверила Ольга Контролёрова в 10:42…»), so a window can keep what the
person typed on screen and a script can report it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum

from qa_desk.domain.russian import past_tense
from qa_desk.domain.transitions import TransitionError


class Conflict(StrEnum):
    REVIEWING = "reviewing"  # another reviewer holds the deal's open review
    REVIEWED = "reviewed"  # a verdict has been given
    CHANGED = "changed"  # the deal was moved or edited since it was read

    @property
    def verb(self) -> tuple[str, str, str]:
        """Masculine, feminine and impersonal forms of what the winner did."""
        return _VERBS[self]


_VERBS = {
    Conflict.REVIEWING: ("проверяет", "проверяет", "проверяют"),
    Conflict.REVIEWED: ("проверил", "проверила", "проверили"),
    Conflict.CHANGED: ("изменил", "изменила", "изменили"),
}


def local_time(at: datetime, now: datetime | None = None, *, since: bool = False) -> str:
    """«в 10:42» today, «12.03.2025 в 10:42» another day (``since``: «с 10:42»), local time."""
    local = at.replace(tzinfo=UTC).astimezone() if at.tzinfo is None else at.astimezone()
    today = (now or datetime.now().astimezone()).date()
    preposition = "с" if since else "в"
    if local.date() == today:
        return f"{preposition} {local:%H:%M}"
    return f"{local:%d.%m.%Y} {preposition} {local:%H:%M}"


class ConflictError(TransitionError):
    """Another person's action on the deal came first; this one was refused and wrote nothing.

    A ``TransitionError``, so every place that shows a refused move shows it too; a window that
    wants to keep the person's input on screen catches this type first. Attributes:

    * ``kind``: ``Conflict`` — ``REVIEWING`` (someone else holds the open review), ``REVIEWED``
      (a verdict was given), ``CHANGED`` (moved or edited since it was read);
    * ``deal_id``, ``external_id``: the deal;
    * ``by``, ``by_name``: the winner's login and display name (``None`` when unknown);
    * ``at``: when they acted (naive UTC, as stored; ``None`` when unknown);
    * ``detail``: what they did, in Russian («отказ подтверждён», «статус «В работе»»), or ``None``.
    """

    def __init__(
        self,
        kind: Conflict,
        *,
        deal_id: int,
        external_id: str,
        by: str | None = None,
        by_name: str | None = None,
        at: datetime | None = None,
        detail: str | None = None,
        now: datetime | None = None,
    ) -> None:
        self.kind = Conflict(kind)
        self.deal_id, self.external_id = deal_id, external_id
        self.by, self.by_name, self.at, self.detail = by, by_name, at, detail
        super().__init__(self._message(now))

    def _message(self, now: datetime | None) -> str:
        masculine, feminine, impersonal = self.kind.verb
        who = self.by_name or self.by
        verb = past_tense(who, masculine, feminine) if who else impersonal
        if self.kind is Conflict.REVIEWING:
            verb = masculine
        parts = [f"Сделку {self.external_id} уже {verb}"]
        if who:
            parts.append(who)
        if self.at is not None:
            parts.append(local_time(self.at, now, since=self.kind is Conflict.REVIEWING))
        text = " ".join(parts)
        if self.detail:
            text += f" ({self.detail})"
        if self.kind is Conflict.REVIEWING:
            return text + ": ваши изменения не сохранены"
        return text + ": ваши изменения не сохранены; откройте сделку заново"
