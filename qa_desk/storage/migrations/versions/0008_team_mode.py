"""team mode: the recording store, worker progress, one transcript per recording

Revision ID: 0008
Revises: 0003

* ``audio_blob`` / ``audio_chunk``: recordings kept by sha256 (chunks in the database, or files in
  a shared folder); ``transcription_progress``: how far a worker is with each recording.
* PostgreSQL: procrastinate's schema (the transcription job queue).
* A recording keeps one transcript: older duplicates (other models) are removed, keeping the latest,
  which every view already used, and a unique constraint replaces (recording, model, options).
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    op.create_table(
        "audio_blob",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("suffix", sa.String(length=16), nullable=False),
        sa.Column("backend", sa.String(length=16), nullable=False),
        sa.Column("chunk_size", sa.Integer(), nullable=False),
        sa.Column("chunks", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_audio_blob")),
    )
    op.create_table(
        "audio_chunk",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", "seq", name=op.f("pk_audio_chunk")),
    )
    if bind.dialect.name == "postgresql":
        # Compressed audio does not compress again: skip TOAST's attempt, keep it out of line.
        op.execute("ALTER TABLE audio_chunk ALTER COLUMN data SET STORAGE EXTERNAL")
    op.create_table(
        "transcription_progress",
        sa.Column("recording_id", sa.Integer(), nullable=False),
        sa.Column("fraction", sa.Float(), nullable=False),
        sa.Column("worker", sa.String(length=200), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["recording_id"],
            ["recording.id"],
            name=op.f("fk_transcription_progress_recording_id_recording"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("recording_id", name=op.f("pk_transcription_progress")),
    )
    _one_transcript_per_recording()
    if bind.dialect.name == "postgresql":
        _job_queue_schema()


def _job_queue_schema() -> None:
    """procrastinate's tables and functions (the transcription queue), from the pinned version.

    procrastinate's own schema file, applied once here; a later procrastinate with schema changes
    gets a new revision applying its migration files (see docs/NOTES.md).
    """
    bind = op.get_bind()
    if bind.exec_driver_sql("SELECT to_regclass('procrastinate_jobs')").scalar() is not None:
        return
    from procrastinate.schema import SchemaManager

    bind.exec_driver_sql(SchemaManager.get_schema().replace("%", "%%"))


def _one_transcript_per_recording() -> None:
    # Explicit deletes: SQLite migrates with foreign keys off, so nothing would cascade.
    older = (
        "SELECT id FROM transcript t WHERE EXISTS "
        "(SELECT 1 FROM transcript n WHERE n.recording_id = t.recording_id AND n.id > t.id)"
    )
    segments = f"SELECT id FROM segment WHERE transcript_id IN ({older})"
    op.execute(f"DELETE FROM word WHERE segment_id IN ({segments})")
    if op.get_bind().dialect.name != "sqlite":  # SQLite's FTS rows go with a trigger on segment
        op.execute(f"DELETE FROM segment_search WHERE segment_id IN ({segments})")
    op.execute(f"DELETE FROM segment WHERE transcript_id IN ({older})")
    op.execute(f"DELETE FROM transcript WHERE id IN (SELECT id FROM ({older}) AS o)")
    with op.batch_alter_table("transcript", schema=None) as batch_op:
        batch_op.drop_constraint("uq_transcript_recording_id", type_="unique")
        batch_op.create_unique_constraint("uq_transcript_one_per_recording", ["recording_id"])


def downgrade() -> None:
    # procrastinate's schema stays: jobs may still be queued in it, and dropping it is its own step.
    with op.batch_alter_table("transcript", schema=None) as batch_op:
        batch_op.drop_constraint("uq_transcript_one_per_recording", type_="unique")
        batch_op.create_unique_constraint(
            "uq_transcript_recording_id", ["recording_id", "model", "options_key"]
        )
    op.drop_table("transcription_progress")
    op.drop_table("audio_chunk")
    op.drop_table("audio_blob")
