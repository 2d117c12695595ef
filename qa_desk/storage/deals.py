"""Deals by id or CRM id, and the full-text search over their calls."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from qa_desk.storage import repositories as repo
from qa_desk.storage import search
from qa_desk.storage.models import Deal


class DealRepository:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.seen: list[tuple[int, str]] = []  # (id, CRM id) of the deals this transaction locked

    def get(self, deal_ref: int | str, *, lock: bool = False) -> Deal | None:
        """A deal by its database id or its CRM id, with recordings, manager and contract loaded.

        ``lock``: the row is locked until the transaction ends (``SELECT … FOR UPDATE`` on
        PostgreSQL; SQLite's writing transactions hold the whole database's lock already).
        """
        deal = repo.get_deal(self.session, deal_ref, lock=lock)
        if deal is not None and lock:
            self.seen.append((deal.id, deal.external_id))
        return deal

    def by_id(self, deal_id: int) -> Deal | None:
        return self.session.get(Deal, deal_id)

    def list(self, status: str | None = None) -> Sequence[Deal]:
        return repo.list_deals(self.session, status)


class SearchRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def search(self, query: str, limit: int = 50) -> list[search.SearchHit]:
        return search.search(self.session, query, limit=limit)
