"""notifications remember when they were e-mailed

Revision ID: core_0002
Revises: core_0001
"""
import sqlalchemy as sa
from alembic import op

import console.core.db

revision = "core_0002"
down_revision = "core_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("core_notifications", schema=None) as batch_op:
        batch_op.add_column(sa.Column("emailed_at", console.core.db.UTCDateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("core_notifications", schema=None) as batch_op:
        batch_op.drop_column("emailed_at")
