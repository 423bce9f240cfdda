"""good: first table"""
import sqlalchemy as sa
from alembic import op

revision = "good_0001"
down_revision = None
branch_labels = ("good",)
depends_on = "core_0001"


def upgrade() -> None:
    op.create_table("good_thing", sa.Column("id", sa.Integer(), nullable=False),
                    sa.Column("label", sa.String(length=64), nullable=True),
                    sa.PrimaryKeyConstraint("id", name=op.f("pk_good_thing")))


def downgrade() -> None:
    op.drop_table("good_thing")
