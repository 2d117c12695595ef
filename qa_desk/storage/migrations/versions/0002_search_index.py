"""full-text search index over transcript segments (lemmas)

Revision ID: 0002
Revises: 0001

SQLite: an FTS5 virtual table ``segment_search`` whose rowid is ``segment.id``; a trigger drops a
segment's row when the segment is deleted. PostgreSQL (and any other dialect): a plain table with
``segment_id`` as key (cascading from ``segment``) and, on PostgreSQL, a GIN index over
``to_tsvector('simple', lemmas)``. Existing transcripts are indexed at the end of the upgrade.
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE segment_search USING fts5("
            "lemmas, recording_id UNINDEXED, deal_id UNINDEXED, start_ms UNINDEXED, "
            "tokenize = 'unicode61 remove_diacritics 0')"
        )
        op.execute(
            "CREATE TRIGGER segment_search_delete AFTER DELETE ON segment "
            "BEGIN DELETE FROM segment_search WHERE rowid = old.id; END"
        )
    else:
        op.create_table(
            "segment_search",
            sa.Column("segment_id", sa.Integer(), nullable=False),
            sa.Column("recording_id", sa.Integer(), nullable=False),
            sa.Column("deal_id", sa.Integer(), nullable=False),
            sa.Column("start_ms", sa.Integer(), nullable=False),
            sa.Column("lemmas", sa.Text(), nullable=False),
            sa.ForeignKeyConstraint(
                ["segment_id"],
                ["segment.id"],
                name=op.f("fk_segment_search_segment_id_segment"),
                ondelete="CASCADE",
            ),
            sa.PrimaryKeyConstraint("segment_id", name=op.f("pk_segment_search")),
        )
        op.create_index("ix_segment_search_recording_id", "segment_search", ["recording_id"])
        if bind.dialect.name == "postgresql":
            op.execute(
                "CREATE INDEX ix_segment_search_lemmas ON segment_search "
                "USING gin (to_tsvector('simple', lemmas))"
            )
    # Index transcripts saved before this revision (plain SQL on this connection, no ORM).
    from qa_desk.storage.search import reindex_connection

    reindex_connection(bind)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS segment_search_delete")
        op.execute("DROP TABLE IF EXISTS segment_search")
    else:
        op.drop_table("segment_search")
