"""Tables of lead verification (migration 0007): contract versions, lead checks, findings, decisions.

* ``contract_version``: every text a contract ever had, numbered 1, 2, … per contract, with its
  SHA-256; a check always names the version it was made under.
* ``lead_check``: the latest automatic check of one lead (deal) under one contract version, with the
  fingerprint of its inputs (transcripts, failed calls, engine), so an unchanged lead is skipped.
* ``lead_finding``: one row per contract question of a check.
* ``lead_decision``: a reviewer's confirm/override of a finding with a comment. Rows are only
  added; the latest per (deal, contract, question) applies, across checks and versions.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from qa_desk.storage.models import Base, utcnow


class ContractVersion(Base):
    __tablename__ = "contract_version"
    __table_args__ = (UniqueConstraint("contract_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contract.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    comment: Mapped[str | None] = mapped_column(Text)


class LeadCheck(Base):
    __tablename__ = "lead_check"
    __table_args__ = (UniqueConstraint("deal_id", "contract_version_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    deal_id: Mapped[int] = mapped_column(ForeignKey("deal.id", ondelete="CASCADE"), index=True)
    contract_version_id: Mapped[int] = mapped_column(
        ForeignKey("contract_version.id", ondelete="CASCADE"), index=True
    )
    verdict: Mapped[str] = mapped_column(String(20), index=True)  # leads.LeadStatus (automatic)
    reason: Mapped[str] = mapped_column(Text, default="")
    inputs: Mapped[str] = mapped_column(String(64))  # fingerprint: transcripts, call states, engine
    engine_version: Mapped[str] = mapped_column(String(50))
    calls: Mapped[list[dict[str, Any]]] = mapped_column(JSON)  # leads.CallInfo.to_json + model
    checked_by: Mapped[str] = mapped_column(String(100))
    checked_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    findings: Mapped[list[LeadFinding]] = relationship(
        back_populates="check", cascade="all, delete-orphan", order_by="LeadFinding.position"
    )
    version: Mapped[ContractVersion] = relationship()


class LeadFinding(Base):
    __tablename__ = "lead_finding"
    __table_args__ = (Index("ix_lead_finding_question_status", "question_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    check_id: Mapped[int] = mapped_column(ForeignKey("lead_check.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    question_id: Mapped[str] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(10))  # leads.FindingStatus (automatic)
    required: Mapped[bool] = mapped_column(Boolean, default=True)
    confidence: Mapped[float | None] = mapped_column(Float)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)  # leads.Finding.to_json, moments with recording ids

    check: Mapped[LeadCheck] = relationship(back_populates="findings")


class LeadDecision(Base):
    __tablename__ = "lead_decision"
    __table_args__ = (Index("ix_lead_decision_deal_contract", "deal_id", "contract_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    deal_id: Mapped[int] = mapped_column(ForeignKey("deal.id", ondelete="CASCADE"))
    contract_id: Mapped[int] = mapped_column(ForeignKey("contract.id", ondelete="CASCADE"))
    contract_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("contract_version.id", ondelete="SET NULL")
    )
    question_id: Mapped[str] = mapped_column(String(100))
    decision: Mapped[str] = mapped_column(String(10))  # leads.DecisionKind
    auto_status: Mapped[str] = mapped_column(String(10))  # the automatic result the reviewer saw
    comment: Mapped[str] = mapped_column(Text)
    decided_by: Mapped[str] = mapped_column(String(100))  # login
    decided_by_name: Mapped[str] = mapped_column(String(200))
    decided_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
