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

    def get(self, deal_ref: int | str) -> Deal | None:
        """A deal by its database id or its CRM id, with recordings, manager and contract loaded."""
        return repo.get_deal(self.session, deal_ref)

    def by_id(self, deal_id: int) -> Deal | None:
        return self.session.get(Deal, deal_id)

    def list(self, status: str | None = None) -> Sequence[Deal]:
        return repo.list_deals(self.session, status)


class SearchRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def search(self, query: str, limit: int = 50) -> list[search.SearchHit]:
        return search.search(self.session, query, limit=limit)
