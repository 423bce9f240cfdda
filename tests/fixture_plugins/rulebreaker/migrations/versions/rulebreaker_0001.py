"""rulebreaker: a table it forgets to drop, and an unprefixed one."""
import sqlalchemy as sa
from alembic import op

revision = "rulebreaker_0001"
down_revision = None
branch_labels = ("rulebreaker",)
depends_on = "core_0001"


def upgrade() -> None:
    op.create_table("rulebreaker_kept", sa.Column("id", sa.Integer(), primary_key=True))
    op.create_table("gadgets", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("label", sa.String(20), nullable=True))


def downgrade() -> None:
    op.drop_table("gadgets")
