"""Review sessions (the callback wizard's progress and verdict), their answers and the penalty ledger."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from qa_desk.storage.models import PenaltyEntry, ReviewAnswer, ReviewSession


class ReviewRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def open_for(self, deal_id: int) -> ReviewSession | None:
        """The deal's unfinished review, if any."""
        query = select(ReviewSession).where(
            ReviewSession.deal_id == deal_id, ReviewSession.finished_at.is_(None)
        )
        return self.session.scalar(query.order_by(ReviewSession.id.desc()))

    def last_for(self, deal_id: int) -> ReviewSession | None:
        query = select(ReviewSession).where(ReviewSession.deal_id == deal_id)
        return self.session.scalar(query.order_by(ReviewSession.id.desc()))

    def start(
        self, deal_id: int, reviewer: str, manager_id: int | None, claimed_reason: str | None
    ) -> ReviewSession:
        review = ReviewSession(
            deal_id=deal_id,
            reviewer=reviewer,
            manager_id=manager_id,
            claimed_reason=claimed_reason,
            current_step=0,
        )
        self.session.add(review)
        self.session.flush()
        return review

    @staticmethod
    def answers(review: ReviewSession | None) -> dict[str, str]:
        return {a.field_id: a.value for a in review.answers if a.value is not None} if review else {}

    @staticmethod
    def set_answer(review: ReviewSession, field_id: str, value: str | None, by: str) -> None:
        row = next((a for a in review.answers if a.field_id == field_id), None)
        if row is None:
            review.answers.append(ReviewAnswer(field_id=field_id, value=value, updated_by=by))
        else:
            row.value, row.updated_by = value, by

    def finished_between(self, low: datetime, high: datetime) -> Sequence[ReviewSession]:
        """Reviews with a verdict finished in [low, high)."""
        return self.session.scalars(
            select(ReviewSession).where(
                ReviewSession.finished_at >= low,
                ReviewSession.finished_at < high,
                ReviewSession.verdict.is_not(None),
            )
        ).all()


class PenaltyRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, entry: PenaltyEntry) -> PenaltyEntry:
        self.session.add(entry)
        return entry

    def between(self, low: datetime, high: datetime) -> Sequence[PenaltyEntry]:
        query = select(PenaltyEntry).where(PenaltyEntry.created_at >= low, PenaltyEntry.created_at < high)
        return self.session.scalars(query).all()
