"""CRM connectors: connections, mappings, sync cursors, deal and call links, push outbox

Revision ID: 0006
Revises: 0007

Only new tables (no change to existing ones), so it runs the same on SQLite and PostgreSQL.
It follows 0007 (leads), which reached main first, so one chain of revisions stays.
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0007"
branch_labels = None
depends_on = None


def _fk(column: str, table: str, ondelete: str | None, source: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{table}.id"], name=op.f(f"fk_{source}_{column}_{table}"), ondelete=ondelete
    )


def upgrade() -> None:
    op.create_table(
        "crm_connection",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("url", sa.String(length=500), nullable=False),
        sa.Column("settings", sa.JSON(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("last_check_at", sa.DateTime(), nullable=True),
        sa.Column("last_check_message", sa.Text(), nullable=True),
        sa.Column("last_sync_at", sa.DateTime(), nullable=True),
        sa.Column("last_sync_message", sa.Text(), nullable=True),
        sa.Column("sync_by", sa.String(length=100), nullable=True),
        sa.Column("sync_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_crm_connection")),
    )
    op.create_table(
        "crm_mapping",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("connection_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("crm_id", sa.String(length=100), nullable=False),
        sa.Column("crm_name", sa.String(length=300), nullable=False),
        sa.Column("group", sa.String(length=300), nullable=True),
        sa.Column("local_value", sa.String(length=300), nullable=True),
        sa.Column("guessed", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=True),
        _fk("connection_id", "crm_connection", "CASCADE", "crm_mapping"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_crm_mapping")),
        sa.UniqueConstraint("connection_id", "kind", "crm_id", name=op.f("uq_crm_mapping_connection_id")),
    )
    op.create_index(op.f("ix_crm_mapping_connection_id"), "crm_mapping", ["connection_id"])
    op.create_table(
        "crm_cursor",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("connection_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("value", sa.String(length=100), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        _fk("connection_id", "crm_connection", "CASCADE", "crm_cursor"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_crm_cursor")),
        sa.UniqueConstraint("connection_id", "name", name=op.f("uq_crm_cursor_connection_id")),
    )
    op.create_table(
        "crm_deal_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("connection_id", sa.Integer(), nullable=False),
        sa.Column("crm_deal_id", sa.String(length=100), nullable=False),
        sa.Column("deal_id", sa.Integer(), nullable=False),
        sa.Column("crm_stage_id", sa.String(length=100), nullable=True),
        sa.Column("crm_responsible_id", sa.String(length=100), nullable=True),
        sa.Column("crm_updated_at", sa.DateTime(), nullable=True),
        sa.Column("synced_at", sa.DateTime(), nullable=False),
        _fk("connection_id", "crm_connection", "CASCADE", "crm_deal_link"),
        _fk("deal_id", "deal", "CASCADE", "crm_deal_link"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_crm_deal_link")),
        sa.UniqueConstraint("connection_id", "crm_deal_id", name=op.f("uq_crm_deal_link_connection_id")),
    )
    op.create_index(op.f("ix_crm_deal_link_deal_id"), "crm_deal_link", ["deal_id"])
    op.create_table(
        "crm_call",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("connection_id", sa.Integer(), nullable=False),
        sa.Column("crm_call_id", sa.String(length=200), nullable=False),
        sa.Column("deal_id", sa.Integer(), nullable=False),
        sa.Column("recording_id", sa.Integer(), nullable=True),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        _fk("connection_id", "crm_connection", "CASCADE", "crm_call"),
        _fk("deal_id", "deal", "CASCADE", "crm_call"),
        _fk("recording_id", "recording", "SET NULL", "crm_call"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_crm_call")),
        sa.UniqueConstraint("connection_id", "crm_call_id", name=op.f("uq_crm_call_connection_id")),
    )
    op.create_index(op.f("ix_crm_call_deal_id"), "crm_call", ["deal_id"])
    op.create_table(
        "crm_outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("connection_id", sa.Integer(), nullable=False),
        sa.Column("deal_id", sa.Integer(), nullable=True),
        sa.Column("crm_deal_id", sa.String(length=100), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=30), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("result", sa.JSON(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("leased_by", sa.String(length=100), nullable=True),
        sa.Column("leased_at", sa.DateTime(), nullable=True),
        _fk("connection_id", "crm_connection", "CASCADE", "crm_outbox"),
        _fk("deal_id", "deal", "SET NULL", "crm_outbox"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_crm_outbox")),
        sa.UniqueConstraint("key", name=op.f("uq_crm_outbox_key")),
    )
    op.create_index(op.f("ix_crm_outbox_connection_id"), "crm_outbox", ["connection_id"])
    op.create_index(op.f("ix_crm_outbox_deal_id"), "crm_outbox", ["deal_id"])
    op.create_index(op.f("ix_crm_outbox_state"), "crm_outbox", ["state"])


def downgrade() -> None:
    for table in ("crm_outbox", "crm_call", "crm_deal_link", "crm_cursor", "crm_mapping", "crm_connection"):
        op.drop_table(table)
