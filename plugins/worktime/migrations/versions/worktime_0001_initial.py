"""worktime: initial tables

Revision ID: worktime_0001
"""
import sqlalchemy as sa
from alembic import op

from console.api import UTCDateTime


revision = 'worktime_0001'
down_revision = None
branch_labels = ('worktime',)
depends_on = 'core_0001'


def upgrade() -> None:
    op.create_table('worktime_time_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('starts_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('ends_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('minutes', sa.Integer(), nullable=False),
    sa.Column('activity_kind', sa.String(length=16), nullable=False),
    sa.Column('activity_ref', sa.String(length=64), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['core_users.id'], name=op.f('fk_worktime_time_entry_user_id_core_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_worktime_time_entry'))
    )
    with op.batch_alter_table('worktime_time_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_worktime_time_entry_starts_at'), ['starts_at'], unique=False)
        batch_op.create_index('ix_worktime_time_entry_user_starts', ['user_id', 'starts_at'], unique=False)


def downgrade() -> None:
    # Tables only: dropping an index that backs a foreign key first fails on MariaDB.
    op.drop_table('worktime_time_entry')
