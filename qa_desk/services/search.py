"""Search across every call's transcript (Russian morphology; see ``storage.search``)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.exc import SQLAlchemyError

from qa_desk.domain.workspace import DealCard, TimelineEntry, Turn
from qa_desk.services.base import Service
from qa_desk.services.errors import ServiceError
from qa_desk.storage.search import SearchHit, lemmatize
from qa_desk.storage.workspace import deal_card

__all__ = ["HitPreview", "SearchHit", "SearchService"]


@dataclass(frozen=True, slots=True)
class HitPreview:
    """What the search shows beside a selected hit: the deal, the call and the talk around the hit."""

    card: DealCard
    call: TimelineEntry | None
    turns: list[Turn]
    hit: int  # the index of the hit's turn in ``turns`` (-1: not found)


class SearchService(Service):
    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        """Matching segments, most relevant first; a database failure is one Russian line."""
        try:
            with self.storage.read() as uow:
                return uow.search.search(query, limit=limit)
        except SQLAlchemyError as exc:
            raise ServiceError(f"Ошибка поиска: {exc.__class__.__name__}") from exc

    def preview(self, hit: SearchHit, before: int = 3, after: int = 3) -> HitPreview | None:
        """The deal and the turns around ``hit`` (``None``: the deal is gone)."""
        with self.storage.read() as uow:
            deal = uow.workspace.deal(hit.deal_id)
            if deal is None:
                return None
            call = next((e for e in uow.workspace.timeline(hit.deal_id) if e.recording_id == hit.recording_id), None)
            turns, index = uow.workspace.segments_around(hit.segment_id, before, after)
            return HitPreview(deal_card(deal), call, turns, index)

    @staticmethod
    def warm_up() -> None:
        """Load the morphology dictionaries now (the first query would otherwise pause)."""
        lemmatize("звонок")
