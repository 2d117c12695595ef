"""What both CRMs' OAuth credentials share: the secret, its refresh token, saving a new pair."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any


def token_pair(access_token: str, refresh_token: str, expires_in: int, now: float | None = None) -> dict[str, Any]:
    """A secret's fields for a new token pair: the first exchange of either CRM and every refresh."""
    issued = time.time() if now is None else now
    return {"access_token": access_token, "refresh_token": refresh_token, "expires_at": int(issued) + expires_in}


class RefreshableToken:
    """An access token with its refresh token; ``save`` stores a new pair and hands it to ``on_change``."""

    def __init__(
        self,
        secret: dict[str, Any],
        on_change: Callable[[dict[str, Any]], None] | None = None,
        now: Callable[[], float] = time.time,
        *,
        reload: Callable[[], dict[str, Any] | None] | None = None,
    ) -> None:
        self.secret, self.on_change, self.now, self.reload = dict(secret), on_change, now, reload

    def adopt_newer(self) -> bool:
        """Another process (a second window, a queue job) refreshed first: a refresh token is good
        for one use, so take the pair it saved instead of spending ours. True when adopted."""
        stored = self.reload() if self.reload is not None else None
        if stored and stored.get("access_token") and stored.get("access_token") != self.secret.get("access_token"):
            self.secret.update(stored)
            return True
        return False

    @property
    def can_refresh(self) -> bool:
        return bool(self.secret.get("refresh_token"))

    def save(self, access_token: str, refresh_token: str, expires_in: int) -> None:
        self.secret.update(token_pair(access_token, refresh_token, expires_in, self.now()))
        if self.on_change is not None:
            self.on_change(dict(self.secret))
