"""refusal-verification workflow: users, review sessions and answers, penalty ledger, deal facts

Revision ID: 0003
Revises: 0002

Only additions: new tables, and nullable (or defaulted) columns on ``manager``, ``deal`` and
``recording``. SQLite adds columns in batch mode without rebuilding the tables.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("manager", schema=None) as batch_op:
        batch_op.add_column(sa.Column("penalty_fixed", sa.Numeric(precision=14, scale=2), nullable=True))
    with op.batch_alter_table("deal", schema=None) as batch_op:
        batch_op.add_column(sa.Column("verified_budget", sa.Numeric(precision=14, scale=2), nullable=True))
        batch_op.add_column(sa.Column("verified_timing", sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column("verified_notes", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("verified_at", sa.DateTime(), nullable=True))
    with op.batch_alter_table("recording", schema=None) as batch_op:
        batch_op.add_column(sa.Column("origin", sa.String(length=20), server_default="crm", nullable=False))

    op.create_table(
        "app_user",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("login", sa.String(length=100), nullable=False),
        sa.Column("display_name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=30), nullable=False),
        sa.Column("manager_id", sa.Integer(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["manager_id"], ["manager.id"], name=op.f("fk_app_user_manager_id_manager"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_app_user")),
        sa.UniqueConstraint("login", name=op.f("uq_app_user_login")),
    )
    op.create_table(
        "review_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("deal_id", sa.Integer(), nullable=False),
        sa.Column("reviewer", sa.String(length=100), nullable=False),
        sa.Column("manager_id", sa.Integer(), nullable=True),
        sa.Column("claimed_reason", sa.String(length=200), nullable=True),
        sa.Column("current_step", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("verdict", sa.String(length=30), nullable=True),
        sa.Column("new_manager_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["deal_id"], ["deal.id"], name=op.f("fk_review_session_deal_id_deal"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["manager_id"],
            ["manager.id"],
            name=op.f("fk_review_session_manager_id_manager"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["new_manager_id"],
            ["manager.id"],
            name=op.f("fk_review_session_new_manager_id_manager"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_session")),
    )
    with op.batch_alter_table("review_session", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_review_session_deal_id"), ["deal_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_review_session_finished_at"), ["finished_at"], unique=False)

    op.create_table(
        "review_answer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("review_id", sa.Integer(), nullable=False),
        sa.Column("field_id", sa.String(length=100), nullable=False),
        sa.Column("value", sa.Text(), nullable=True),
        sa.Column("updated_by", sa.String(length=100), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["review_id"],
            ["review_session.id"],
            name=op.f("fk_review_answer_review_id_review_session"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_answer")),
        sa.UniqueConstraint("review_id", "field_id", name=op.f("uq_review_answer_review_id")),
    )
    with op.batch_alter_table("review_answer", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_review_answer_review_id"), ["review_id"], unique=False)

    op.create_table(
        "penalty",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("deal_id", sa.Integer(), nullable=True),
        sa.Column("manager_id", sa.Integer(), nullable=False),
        sa.Column("review_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("amount", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("rule", sa.String(length=100), nullable=False),
        sa.Column("salary", sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column("recorded_by", sa.String(length=100), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["deal_id"], ["deal.id"], name=op.f("fk_penalty_deal_id_deal"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(["manager_id"], ["manager.id"], name=op.f("fk_penalty_manager_id_manager")),
        sa.ForeignKeyConstraint(
            ["review_id"],
            ["review_session.id"],
            name=op.f("fk_penalty_review_id_review_session"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_penalty")),
    )
    with op.batch_alter_table("penalty", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_penalty_created_at"), ["created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_penalty_deal_id"), ["deal_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_penalty_manager_id"), ["manager_id"], unique=False)


def downgrade() -> None:
    op.drop_table("penalty")
    op.drop_table("review_answer")
    op.drop_table("review_session")
    op.drop_table("app_user")
    with op.batch_alter_table("recording", schema=None) as batch_op:
        batch_op.drop_column("origin")
    with op.batch_alter_table("deal", schema=None) as batch_op:
        batch_op.drop_column("verified_at")
        batch_op.drop_column("verified_notes")
        batch_op.drop_column("verified_timing")
        batch_op.drop_column("verified_budget")
    with op.batch_alter_table("manager", schema=None) as batch_op:
        batch_op.drop_column("penalty_fixed")
