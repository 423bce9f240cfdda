"""bad: depends on a revision that does not exist"""
revision = "bad_0001"
down_revision = "no_such_revision"
branch_labels = ("bad_migration",)
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
