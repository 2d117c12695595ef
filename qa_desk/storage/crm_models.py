"""Tables of the CRM connectors: connections, mappings, sync cursors, links and the push outbox.

No secret lives here: tokens and webhook URLs are in the OS keyring (``qa_desk.crm.secrets``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from qa_desk.storage.models import Base, utcnow

# Outbox states: pending (waiting or to be retried), done, failed (gave up; a person may retry).
PENDING, DONE, FAILED = "pending", "done", "failed"


class CrmConnection(Base):
    __tablename__ = "crm_connection"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # amocrm | bitrix24
    title: Mapped[str] = mapped_column(String(200))
    url: Mapped[str] = mapped_column(String(500))  # the account's address, never a webhook with its code
    settings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(100))
    last_check_at: Mapped[datetime | None] = mapped_column(DateTime)
    last_check_message: Mapped[str | None] = mapped_column(Text)
    last_sync_at: Mapped[datetime | None] = mapped_column(DateTime)
    last_sync_message: Mapped[str | None] = mapped_column(Text)
    sync_by: Mapped[str | None] = mapped_column(String(100))  # «host:pid:start» of a running sync
    sync_at: Mapped[datetime | None] = mapped_column(DateTime)  # when it took the sync or wrote its last page


class CrmMapping(Base):
    """A CRM stage, loss reason or user and what it means in QA Desk (status, reason, manager id)."""

    __tablename__ = "crm_mapping"
    __table_args__ = (UniqueConstraint("connection_id", "kind", "crm_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    connection_id: Mapped[int] = mapped_column(ForeignKey("crm_connection.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # stage | reason | user
    crm_id: Mapped[str] = mapped_column(String(100))
    crm_name: Mapped[str] = mapped_column(String(300))
    group: Mapped[str | None] = mapped_column(String(300))  # the stage's pipeline
    local_value: Mapped[str | None] = mapped_column(String(300))
    guessed: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    updated_by: Mapped[str | None] = mapped_column(String(100))


class CrmCursor(Base):
    __tablename__ = "crm_cursor"
    __table_args__ = (UniqueConstraint("connection_id", "name"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    connection_id: Mapped[int] = mapped_column(ForeignKey("crm_connection.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(50))
    value: Mapped[str | None] = mapped_column(String(100))
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class CrmDealLink(Base):
    """A QA Desk deal pulled from a CRM deal, with what the CRM last said about it."""

    __tablename__ = "crm_deal_link"
    __table_args__ = (UniqueConstraint("connection_id", "crm_deal_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    connection_id: Mapped[int] = mapped_column(ForeignKey("crm_connection.id", ondelete="CASCADE"))
    crm_deal_id: Mapped[str] = mapped_column(String(100))
    deal_id: Mapped[int] = mapped_column(ForeignKey("deal.id", ondelete="CASCADE"), index=True)
    crm_stage_id: Mapped[str | None] = mapped_column(String(100))
    crm_responsible_id: Mapped[str | None] = mapped_column(String(100))
    crm_updated_at: Mapped[datetime | None] = mapped_column(DateTime)
    synced_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class CrmCall(Base):
    """One CRM call and what became of its recording (downloaded, or why not)."""

    __tablename__ = "crm_call"
    __table_args__ = (UniqueConstraint("connection_id", "crm_call_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    connection_id: Mapped[int] = mapped_column(ForeignKey("crm_connection.id", ondelete="CASCADE"))
    crm_call_id: Mapped[str] = mapped_column(String(200))
    deal_id: Mapped[int] = mapped_column(ForeignKey("deal.id", ondelete="CASCADE"), index=True)
    recording_id: Mapped[int | None] = mapped_column(ForeignKey("recording.id", ondelete="SET NULL"))
    state: Mapped[str] = mapped_column(String(20))  # done | failed | no_recording
    error: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class CrmOutbox(Base):
    """A change QA Desk owes the CRM (a verdict), written in the verdict's own transaction."""

    __tablename__ = "crm_outbox"
    id: Mapped[int] = mapped_column(primary_key=True)
    connection_id: Mapped[int] = mapped_column(ForeignKey("crm_connection.id", ondelete="CASCADE"), index=True)
    deal_id: Mapped[int | None] = mapped_column(ForeignKey("deal.id", ondelete="SET NULL"), index=True)
    crm_deal_id: Mapped[str] = mapped_column(String(100))
    key: Mapped[str] = mapped_column(String(200), unique=True)  # the idempotency key, also in the CRM note
    action: Mapped[str] = mapped_column(String(30))  # verdict
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    state: Mapped[str] = mapped_column(String(20), default=PENDING, index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(100))
    sent_at: Mapped[datetime | None] = mapped_column(DateTime)
    leased_by: Mapped[str | None] = mapped_column(String(100))  # the process sending it now
    leased_at: Mapped[datetime | None] = mapped_column(DateTime)
