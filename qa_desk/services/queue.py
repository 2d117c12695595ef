"""The review queue: conditional refusals first (longest waiting first), then the others."""

from __future__ import annotations

from datetime import datetime

from qa_desk.domain.workspace import FilterChoices, QueueFilter, QueueRow
from qa_desk.services.base import Service


class QueueService(Service):
    def rows(self, flt: QueueFilter | None = None, now: datetime | None = None) -> list[QueueRow]:
        with self.storage.read() as uow:
            rows = uow.queue.rows(flt or QueueFilter(), now or datetime.now())
        rows.sort(key=lambda r: (r.rank, -(r.waiting_days or 0), r.external_id))
        return rows

    def choices(self) -> FilterChoices:
        """Managers, contracts and statuses for the queue's filters."""
        with self.storage.read() as uow:
            return uow.queue.filter_choices()
