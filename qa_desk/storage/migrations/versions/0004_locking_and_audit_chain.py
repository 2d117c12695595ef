"""one action, one locked transaction: a version on deals; the audit log chained by hashes

Revision ID: 0004
Revises: 0003

``deal.version`` is the optimistic lock every UPDATE of a deal checks. ``audit_log.prev_hash``
and ``audit_log.hash`` chain the audit entries (``qa_desk.domain.audit_chain``); the entries
already there are sealed in id order, then both columns become NOT NULL. The append-only guards
(SQLite triggers, the PostgreSQL trigger) are lifted only while the existing entries are sealed.
"""

import sqlalchemy as sa
from alembic import op

from qa_desk.domain.audit_chain import GENESIS, ChainEntry, entry_hash

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

SQLITE_GUARDS = {
    "audit_log_no_update": "UPDATE",
    "audit_log_no_delete": "DELETE",
}


def _guards(on: bool) -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for name, verb in SQLITE_GUARDS.items():
            if on:
                op.execute(
                    f"CREATE TRIGGER {name} BEFORE {verb} ON audit_log "
                    "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
                )
            else:
                op.execute(f"DROP TRIGGER IF EXISTS {name}")
    elif dialect == "postgresql":
        op.execute(f"ALTER TABLE audit_log {'ENABLE' if on else 'DISABLE'} TRIGGER audit_log_append_only")


def _seal_existing() -> None:
    log = sa.table(
        "audit_log",
        sa.column("id", sa.Integer),
        sa.column("at", sa.DateTime),
        sa.column("actor", sa.String),
        sa.column("action", sa.String),
        sa.column("deal_id", sa.Integer),
        sa.column("before", sa.JSON),
        sa.column("after", sa.JSON),
        sa.column("comment", sa.Text),
        sa.column("prev_hash", sa.String),
        sa.column("hash", sa.String),
    )
    bind = op.get_bind()
    columns = [log.c.id, log.c.at, log.c.actor, log.c.action, log.c.deal_id, log.c.before, log.c.after, log.c.comment]
    prev, sealed = GENESIS, []
    for row in bind.execute(sa.select(*columns).order_by(log.c.id)):
        digest = entry_hash(prev, ChainEntry(*row))
        sealed.append({"entry_id": row.id, "prev": prev, "digest": digest})
        prev = digest
    if sealed:
        update = (
            log.update()
            .where(log.c.id == sa.bindparam("entry_id"))
            .values(prev_hash=sa.bindparam("prev"), hash=sa.bindparam("digest"))
        )
        bind.execute(update, sealed)


def upgrade() -> None:
    with op.batch_alter_table("deal", schema=None) as batch_op:
        batch_op.add_column(sa.Column("version", sa.Integer(), server_default="1", nullable=False))
    _guards(on=False)
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("prev_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("hash", sa.String(length=64), nullable=True))
    _seal_existing()
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.alter_column("prev_hash", existing_type=sa.String(length=64), nullable=False)
        batch_op.alter_column("hash", existing_type=sa.String(length=64), nullable=False)
    _guards(on=True)


def downgrade() -> None:
    _guards(on=False)
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_column("hash")
        batch_op.drop_column("prev_hash")
    _guards(on=True)
    with op.batch_alter_table("deal", schema=None) as batch_op:
        batch_op.drop_column("version")
