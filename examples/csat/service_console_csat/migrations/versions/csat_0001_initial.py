"""csat: the survey table

Revision ID: csat_0001
"""
import sqlalchemy as sa
from alembic import op

from console.api import UTCDateTime

revision = "csat_0001"
down_revision = None
branch_labels = ("csat",)
depends_on = "core_0001"


def upgrade() -> None:
    op.create_table(
        "csat_survey",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident", sa.String(length=32), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("assignee_id", sa.Integer(), nullable=True),
        sa.Column("resolved_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("send_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("sent_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("score", sa.Integer(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("answered_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("recorded_by", sa.String(length=64), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("score IS NULL OR score BETWEEN 1 AND 5", name=op.f("ck_csat_survey_score_range")),
        sa.ForeignKeyConstraint(["assignee_id"], ["core_users.id"], name=op.f("fk_csat_survey_assignee_id_core_users")),
        sa.ForeignKeyConstraint(["customer_id"], ["core_customers.id"],
                                name=op.f("fk_csat_survey_customer_id_core_customers")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_csat_survey")),
        sa.UniqueConstraint("incident", name=op.f("uq_csat_survey_incident")),
    )
    with op.batch_alter_table("csat_survey", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_csat_survey_customer_id"), ["customer_id"], unique=False)
        batch_op.create_index("ix_csat_survey_status_send_at", ["status", "send_at"], unique=False)


def downgrade() -> None:
    op.drop_table("csat_survey")
