"""Search across every call's transcript (Russian morphology; see ``storage.search``)."""

from __future__ import annotations

from sqlalchemy.exc import SQLAlchemyError

from qa_desk.services.base import Service
from qa_desk.services.errors import ServiceError
from qa_desk.storage.search import SearchHit, lemmatize

__all__ = ["SearchHit", "SearchService"]


class SearchService(Service):
    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        """Matching segments, most relevant first; a database failure is one Russian line."""
        try:
            with self.storage.read() as uow:
                return uow.search.search(query, limit=limit)
        except SQLAlchemyError as exc:
            raise ServiceError(f"Ошибка поиска: {exc.__class__.__name__}") from exc

    @staticmethod
    def warm_up() -> None:
        """Load the morphology dictionaries now (the first query would otherwise pause)."""
        lemmatize("звонок")
