"""Read models of deals for the workspace: a deal's card, calls in order and whole transcript."""

from __future__ import annotations

from qa_desk.domain import access
from qa_desk.domain.workspace import CallTranscript, DealCard, DealWorkspace, TimelineEntry
from qa_desk.services.analysis import cached_in, manager_calls
from qa_desk.services.base import Service, require_deal
from qa_desk.storage.workspace import deal_card, timeline


class DealService(Service):
    def open(self, deal_id: int) -> DealWorkspace | None:
        """Card, chronological timeline and the whole-deal transcript with words (five queries).

        ``analysis`` is the stored one if it matches the transcripts; else ``None`` and the caller
        runs ``AnalysisService.analyze`` off the UI thread.
        """
        with self.storage.read() as uow:
            deal = uow.workspace.deal(deal_id)
            if deal is None:
                return None
            entries = timeline(deal)
            ids = [e.recording_id for e in entries]
            latest = uow.workspace.latest_transcripts(ids)
            turns = uow.workspace.turns(latest)
            calls = [
                CallTranscript(e, turns.get(e.recording_id, []), transcribed=e.recording_id in turns)
                for e in entries
            ]
            analysis = cached_in(uow, deal, latest, manager_calls(deal))
            return DealWorkspace(
                deal_card(deal), entries, calls, analysis, access.can_review(self.actor, deal.manager_id)
            )

    def card(self, deal_ref: int | str) -> DealCard:
        with self.storage.read() as uow:
            return deal_card(require_deal(uow, deal_ref))

    def cards(self, status: str | None = None) -> list[DealCard]:
        """Deals by CRM id, optionally of one status."""
        with self.storage.read() as uow:
            return [deal_card(d) for d in uow.deals.list(status)]

    def timeline(self, deal_id: int) -> list[TimelineEntry]:
        """Just the timeline (states change while transcribing)."""
        with self.storage.read() as uow:
            return uow.workspace.timeline(deal_id)

    def deal_of_recording(self, recording_id: int) -> int | None:
        with self.storage.read() as uow:
            return uow.recordings.deal_of(recording_id)

    def untranscribed_count(self, deal_id: int) -> int:
        with self.storage.read() as uow:
            return uow.workspace.untranscribed_count(deal_id)
