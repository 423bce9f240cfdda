"""failing: creates a table, then fails"""
import sqlalchemy as sa
from alembic import op

revision = "failing_0001"
down_revision = None
branch_labels = ("failing_migration",)
depends_on = "core_0001"


def upgrade() -> None:
    op.create_table("failing_migration_thing", sa.Column("id", sa.Integer(), primary_key=True))
    raise RuntimeError("this migration is broken")


def downgrade() -> None:
    op.drop_table("failing_migration_thing")
