"""lead verification: contract versions, lead checks and findings, reviewers' decisions

Revision ID: 0007
Revises: 0003

Only new tables (see ``qa_desk/storage/leads_models.py``).
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "contract_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["contract_id"], ["contract.id"], name=op.f("fk_contract_version_contract_id_contract"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contract_version")),
        sa.UniqueConstraint("contract_id", "version", name=op.f("uq_contract_version_contract_id")),
    )
    with op.batch_alter_table("contract_version", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contract_version_contract_id"), ["contract_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_contract_version_sha256"), ["sha256"], unique=False)

    op.create_table(
        "lead_check",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("deal_id", sa.Integer(), nullable=False),
        sa.Column("contract_version_id", sa.Integer(), nullable=False),
        sa.Column("verdict", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("inputs", sa.String(length=64), nullable=False),
        sa.Column("engine_version", sa.String(length=50), nullable=False),
        sa.Column("calls", sa.JSON(), nullable=False),
        sa.Column("checked_by", sa.String(length=100), nullable=False),
        sa.Column("checked_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["deal_id"], ["deal.id"], name=op.f("fk_lead_check_deal_id_deal"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["contract_version_id"],
            ["contract_version.id"],
            name=op.f("fk_lead_check_contract_version_id_contract_version"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lead_check")),
        sa.UniqueConstraint("deal_id", "contract_version_id", name=op.f("uq_lead_check_deal_id")),
    )
    with op.batch_alter_table("lead_check", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_lead_check_deal_id"), ["deal_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_lead_check_contract_version_id"), ["contract_version_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_lead_check_verdict"), ["verdict"], unique=False)

    op.create_table(
        "lead_finding",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("check_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(length=100), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("required", sa.Boolean(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["check_id"], ["lead_check.id"], name=op.f("fk_lead_finding_check_id_lead_check"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lead_finding")),
    )
    with op.batch_alter_table("lead_finding", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_lead_finding_check_id"), ["check_id"], unique=False)
        batch_op.create_index("ix_lead_finding_question_status", ["question_id", "status"], unique=False)

    op.create_table(
        "lead_decision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("deal_id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("contract_version_id", sa.Integer(), nullable=True),
        sa.Column("question_id", sa.String(length=100), nullable=False),
        sa.Column("decision", sa.String(length=10), nullable=False),
        sa.Column("auto_status", sa.String(length=10), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("decided_by", sa.String(length=100), nullable=False),
        sa.Column("decided_by_name", sa.String(length=200), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["deal_id"], ["deal.id"], name=op.f("fk_lead_decision_deal_id_deal"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["contract_id"], ["contract.id"], name=op.f("fk_lead_decision_contract_id_contract"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["contract_version_id"],
            ["contract_version.id"],
            name=op.f("fk_lead_decision_contract_version_id_contract_version"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lead_decision")),
    )
    with op.batch_alter_table("lead_decision", schema=None) as batch_op:
        batch_op.create_index("ix_lead_decision_deal_contract", ["deal_id", "contract_id"], unique=False)


def downgrade() -> None:
    op.drop_table("lead_decision")
    op.drop_table("lead_finding")
    op.drop_table("lead_check")
    op.drop_table("contract_version")
