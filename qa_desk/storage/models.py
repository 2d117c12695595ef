"""SQLAlchemy 2.0 typed ORM models. Times of speech are integer milliseconds."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from qa_desk.domain.recordings import RecordingOrigin, RecordingState

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Contract(Base):
    """A client contract (or the internal sales process) with its question set."""

    __tablename__ = "contract"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    client: Mapped[str | None] = mapped_column(String(200))
    # TOML text of the question set; NULL means the built-in BANT set.
    questions_toml: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    deals: Mapped[list[Deal]] = relationship(back_populates="contract")


class Manager(Base):
    __tablename__ = "manager"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    email: Mapped[str | None] = mapped_column(String(200))
    salary: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    penalty_percent: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # A fixed penalty per violation; when set it wins over ``penalty_percent`` (default 1 % of salary).
    penalty_fixed: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))

    deals: Mapped[list[Deal]] = relationship(back_populates="manager")


class Deal(Base):
    __tablename__ = "deal"
    id: Mapped[int] = mapped_column(primary_key=True)
    external_id: Mapped[str] = mapped_column(String(100), unique=True)
    title: Mapped[str] = mapped_column(String(300), default="")
    client_company: Mapped[str | None] = mapped_column(String(300))
    contact_name: Mapped[str | None] = mapped_column(String(200))
    contact_phone: Mapped[str | None] = mapped_column(String(50))
    product: Mapped[str | None] = mapped_column(String(300))
    amount: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    currency: Mapped[str] = mapped_column(String(3), default="RUB")
    manager_id: Mapped[int | None] = mapped_column(ForeignKey("manager.id"))
    contract_id: Mapped[int | None] = mapped_column(ForeignKey("contract.id"))
    status: Mapped[str] = mapped_column(String(30), default="active", index=True)
    refusal_reason: Mapped[str | None] = mapped_column(String(200))
    refusal_comment: Mapped[str | None] = mapped_column(Text)
    status_changed_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    # What the client really said on the QC callback (written by a verdict).
    verified_budget: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    verified_timing: Mapped[str | None] = mapped_column(String(300))
    verified_notes: Mapped[str | None] = mapped_column(Text)
    verified_at: Mapped[datetime | None] = mapped_column(DateTime)
    # Optimistic lock: every UPDATE of the deal checks the version it read and bumps it, so a
    # write based on a stale read is refused (``StaleDataError``) instead of overwriting.
    version: Mapped[int] = mapped_column(Integer, server_default="1")

    __mapper_args__ = {"version_id_col": version}

    manager: Mapped[Manager | None] = relationship(back_populates="deals")
    contract: Mapped[Contract | None] = relationship(back_populates="deals")
    recordings: Mapped[list[Recording]] = relationship(
        back_populates="deal",
        order_by="(Recording.call_started_at, Recording.id)",
        cascade="all, delete-orphan",
    )


class Recording(Base):
    __tablename__ = "recording"
    __table_args__ = (Index("ix_recording_deal_started", "deal_id", "call_started_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    deal_id: Mapped[int] = mapped_column(ForeignKey("deal.id", ondelete="CASCADE"))
    path: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    call_started_at: Mapped[datetime | None] = mapped_column(DateTime)
    # manifest | filename | mtime | unknown: where call_started_at came from.
    started_at_source: Mapped[str] = mapped_column(String(20), default="manifest")
    # While 'processing': which process claimed it ("host:pid:start"), and when (see storage.claims).
    claimed_by: Mapped[str | None] = mapped_column(String(100))
    claimed_at: Mapped[datetime | None] = mapped_column(DateTime)
    duration_ms: Mapped[int | None] = mapped_column(Integer)
    channels: Mapped[int | None] = mapped_column(Integer)
    sample_rate: Mapped[int | None] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(20), default=RecordingState.PENDING.value, index=True)
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    origin: Mapped[str] = mapped_column(
        String(20), default=RecordingOrigin.CRM.value, server_default=RecordingOrigin.CRM.value
    )

    deal: Mapped[Deal] = relationship(back_populates="recordings")
    transcripts: Mapped[list[Transcript]] = relationship(
        back_populates="recording", cascade="all, delete-orphan", order_by="Transcript.id"
    )


class Transcript(Base):
    """One ASR result for a recording under one model + settings."""

    __tablename__ = "transcript"
    __table_args__ = (UniqueConstraint("recording_id", "model", "options_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    recording_id: Mapped[int] = mapped_column(ForeignKey("recording.id", ondelete="CASCADE"), index=True)
    model: Mapped[str] = mapped_column(String(200))
    options_key: Mapped[str] = mapped_column(String(64))
    language: Mapped[str | None] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    recording: Mapped[Recording] = relationship(back_populates="transcripts")
    segments: Mapped[list[Segment]] = relationship(
        back_populates="transcript", cascade="all, delete-orphan", order_by="Segment.start_ms"
    )


class Segment(Base):
    __tablename__ = "segment"
    id: Mapped[int] = mapped_column(primary_key=True)
    transcript_id: Mapped[int] = mapped_column(ForeignKey("transcript.id", ondelete="CASCADE"), index=True)
    speaker: Mapped[str] = mapped_column(String(20))
    start_ms: Mapped[int] = mapped_column(Integer)
    end_ms: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)

    transcript: Mapped[Transcript] = relationship(back_populates="segments")
    words: Mapped[list[Word]] = relationship(
        back_populates="segment", cascade="all, delete-orphan", order_by="Word.start_ms"
    )


class Word(Base):
    __tablename__ = "word"
    id: Mapped[int] = mapped_column(primary_key=True)
    segment_id: Mapped[int] = mapped_column(ForeignKey("segment.id", ondelete="CASCADE"), index=True)
    start_ms: Mapped[int] = mapped_column(Integer)
    end_ms: Mapped[int] = mapped_column(Integer)
    word: Mapped[str] = mapped_column(String(200))
    probability: Mapped[float] = mapped_column(Float)

    segment: Mapped[Segment] = relationship(back_populates="words")


class DealAnalysis(Base):
    """The question engine's result for a deal, with the inputs it was computed from."""

    __tablename__ = "deal_analysis"
    id: Mapped[int] = mapped_column(primary_key=True)
    deal_id: Mapped[int] = mapped_column(ForeignKey("deal.id", ondelete="CASCADE"), unique=True)
    # Hash of (transcript ids, question set text, refusal reason): recompute when it changes.
    fingerprint: Mapped[str] = mapped_column(String(64))
    result: Mapped[dict[str, Any]] = mapped_column(JSON)
    unsupported_reason: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    evidence: Mapped[list[Evidence]] = relationship(back_populates="analysis", cascade="all, delete-orphan")


class Evidence(Base):
    __tablename__ = "evidence"
    id: Mapped[int] = mapped_column(primary_key=True)
    analysis_id: Mapped[int] = mapped_column(ForeignKey("deal_analysis.id", ondelete="CASCADE"), index=True)
    question_id: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(10))  # asked | answer
    recording_id: Mapped[int | None] = mapped_column(ForeignKey("recording.id", ondelete="SET NULL"))
    start_ms: Mapped[int] = mapped_column(Integer)
    end_ms: Mapped[int] = mapped_column(Integer)
    speaker: Mapped[str] = mapped_column(String(20))
    quote: Mapped[str] = mapped_column(Text)
    value: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    analysis: Mapped[DealAnalysis] = relationship(back_populates="evidence")


class AuditEntry(Base):
    """Append-only trail of status changes, verdicts and penalties, chained by hashes.

    ``prev_hash`` is the previous entry's ``hash``; ``hash`` covers ``prev_hash`` and this entry's
    content (``domain.audit_chain``). Written only through ``AuditRepository.add`` and ``seal``.
    """

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(50))
    deal_id: Mapped[int | None] = mapped_column(ForeignKey("deal.id", ondelete="SET NULL"), index=True)
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    comment: Mapped[str | None] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AppUser(Base):
    """A person who uses the app (the domain ``User``); ``manager_id`` links a seller to their deals."""

    __tablename__ = "app_user"
    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(String(100), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(30))
    manager_id: Mapped[int | None] = mapped_column(ForeignKey("manager.id", ondelete="SET NULL"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    manager: Mapped[Manager | None] = relationship()


class ReviewSession(Base):
    """One verification of a conditional refusal: the callback wizard's progress and its verdict.

    An open session (``finished_at`` NULL) is resumed when the deal is opened again.
    """

    __tablename__ = "review_session"
    id: Mapped[int] = mapped_column(primary_key=True)
    deal_id: Mapped[int] = mapped_column(ForeignKey("deal.id", ondelete="CASCADE"), index=True)
    reviewer: Mapped[str] = mapped_column(String(100))  # user login
    manager_id: Mapped[int | None] = mapped_column(ForeignKey("manager.id", ondelete="SET NULL"))
    claimed_reason: Mapped[str | None] = mapped_column(String(200))
    current_step: Mapped[int] = mapped_column(Integer, default=0)
    started_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    verdict: Mapped[str | None] = mapped_column(String(30))
    new_manager_id: Mapped[int | None] = mapped_column(ForeignKey("manager.id", ondelete="SET NULL"))

    answers: Mapped[list[ReviewAnswer]] = relationship(
        back_populates="review", cascade="all, delete-orphan", order_by="ReviewAnswer.id"
    )


class ReviewAnswer(Base):
    """One answer field of the callback script, saved the moment it is entered."""

    __tablename__ = "review_answer"
    __table_args__ = (UniqueConstraint("review_id", "field_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("review_session.id", ondelete="CASCADE"), index=True)
    field_id: Mapped[str] = mapped_column(String(100))
    value: Mapped[str | None] = mapped_column(Text)
    updated_by: Mapped[str] = mapped_column(String(100))
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    review: Mapped[ReviewSession] = relationship(back_populates="answers")


class PenaltyEntry(Base):
    """The penalty ledger: one violation recorded against a manager by a verdict."""

    __tablename__ = "penalty"
    id: Mapped[int] = mapped_column(primary_key=True)
    deal_id: Mapped[int | None] = mapped_column(ForeignKey("deal.id", ondelete="SET NULL"), index=True)
    manager_id: Mapped[int] = mapped_column(ForeignKey("manager.id"), index=True)
    review_id: Mapped[int | None] = mapped_column(ForeignKey("review_session.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(30))  # domain ViolationKind
    amount: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    rule: Mapped[str] = mapped_column(String(100))  # «1 % оклада», «5 000 ₽»
    salary: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    recorded_by: Mapped[str] = mapped_column(String(100))
    comment: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)

    manager: Mapped[Manager] = relationship()


class ImportRun(Base):
    """One import of a CRM export: what file, by whom, how it ended (imports commit in batches)."""

    __tablename__ = "import_run"
    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(Text)  # the file's name
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    actor: Mapped[str] = mapped_column(String(200))
    started_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    # running | done (every row read; some may have failed) ; a 'running' row whose process is gone
    # was interrupted: the batches before the interruption are stored.
    state: Mapped[str] = mapped_column(String(20), default="running")
    rows_total: Mapped[int] = mapped_column(Integer, default=0)
    rows_imported: Mapped[int] = mapped_column(Integer, default=0)
    rows_failed: Mapped[int] = mapped_column(Integer, default=0)
