"""Tables of team mode (migration 0008): the recording store, worker progress, sign-in.

Kept apart from ``models.py`` so that file stays readable; both share ``Base``.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, Float, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from qa_desk.storage.models import Base, utcnow


class AudioBlob(Base):
    """One recording's audio, addressed by its sha256, and where its bytes live.

    ``backend`` is ``database`` (chunks in ``audio_chunk``) or ``folder`` (a file under the
    configured shared folder). The row is written only after the bytes are complete.
    """

    __tablename__ = "audio_blob"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    suffix: Mapped[str] = mapped_column(String(16), default="")
    backend: Mapped[str] = mapped_column(String(16))
    chunk_size: Mapped[int] = mapped_column(Integer, default=0)
    chunks: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class AudioChunk(Base):
    """A fixed-size piece of a blob stored in the database (streamed one at a time)."""

    __tablename__ = "audio_chunk"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class TranscriptionProgress(Base):
    """How far a worker is with a recording (written by the worker, read by every workstation)."""

    __tablename__ = "transcription_progress"
    recording_id: Mapped[int] = mapped_column(
        ForeignKey("recording.id", ondelete="CASCADE"), primary_key=True
    )
    fraction: Mapped[float] = mapped_column(Float, default=0.0)
    worker: Mapped[str] = mapped_column(String(200))
    started_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Person(Base):
    """A human being, whatever logins they hold (a seller with a QC login is one person)."""

    __tablename__ = "person"
    id: Mapped[int] = mapped_column(primary_key=True)
    display_name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class ApiToken(Base):
    """A personal token for the command line; only its sha256 is stored (shown once when issued)."""

    __tablename__ = "api_token"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), index=True)
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str] = mapped_column(String(200), default="")
    issued_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)


class InstanceSetting(Base):
    """Facts about this database itself (``demo``: the demo database, quick start without a password)."""

    __tablename__ = "instance_setting"
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
