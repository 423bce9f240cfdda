"""crisis_bulletin: initial tables

Revision ID: crisis_bulletin_0001
"""
import sqlalchemy as sa
from alembic import op

from console.api import UTCDateTime


revision = 'crisis_bulletin_0001'
down_revision = None
branch_labels = ('crisis_bulletin',)
depends_on = 'core_0001'


def upgrade() -> None:
    op.create_table('crisis_bulletin_incident_signal',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('incident_ref', sa.String(length=32), nullable=False),
    sa.Column('category', sa.String(length=64), nullable=False),
    sa.Column('at', UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_crisis_bulletin_incident_signal')),
    sa.UniqueConstraint('incident_ref', name=op.f('uq_crisis_bulletin_incident_signal_incident_ref'))
    )
    with op.batch_alter_table('crisis_bulletin_incident_signal', schema=None) as batch_op:
        batch_op.create_index('ix_crisis_bulletin_incident_signal_category_at', ['category', 'at'], unique=False)
    op.create_table('crisis_bulletin_problem',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=255), nullable=False),
    sa.Column('status', sa.String(length=24), nullable=False),
    sa.Column('urgency', sa.String(length=8), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('category', sa.String(length=64), nullable=True),
    sa.Column('workaround', sa.Text(), nullable=False),
    sa.Column('created_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['core_users.id'], name=op.f('fk_crisis_bulletin_problem_owner_id_core_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_crisis_bulletin_problem'))
    )
    with op.batch_alter_table('crisis_bulletin_problem', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_crisis_bulletin_problem_category'), ['category'], unique=False)
        batch_op.create_index(batch_op.f('ix_crisis_bulletin_problem_owner_id'), ['owner_id'], unique=False)
    op.create_table('crisis_bulletin_bulletin',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('problem_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=255), nullable=False),
    sa.Column('severity', sa.String(length=16), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('published_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('ack_deadline', UTCDateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['problem_id'], ['crisis_bulletin_problem.id'], name=op.f('fk_crisis_bulletin_bulletin_problem_id_crisis_bulletin_problem')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_crisis_bulletin_bulletin'))
    )
    with op.batch_alter_table('crisis_bulletin_bulletin', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_crisis_bulletin_bulletin_problem_id'), ['problem_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_crisis_bulletin_bulletin_published_at'), ['published_at'], unique=False)
    op.create_table('crisis_bulletin_ack',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('bulletin_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('delivered_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('read_at', UTCDateTime(timezone=True), nullable=True),
    sa.Column('acknowledged_at', UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['bulletin_id'], ['crisis_bulletin_bulletin.id'], name=op.f('fk_crisis_bulletin_ack_bulletin_id_crisis_bulletin_bulletin'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['core_users.id'], name=op.f('fk_crisis_bulletin_ack_user_id_core_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_crisis_bulletin_ack')),
    sa.UniqueConstraint('bulletin_id', 'user_id', name=op.f('uq_crisis_bulletin_ack_bulletin_id_user_id'))
    )
    with op.batch_alter_table('crisis_bulletin_ack', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_crisis_bulletin_ack_user_id'), ['user_id'], unique=False)


def downgrade() -> None:
    # Tables only: dropping an index that backs a foreign key first fails on MariaDB.
    op.drop_table('crisis_bulletin_ack')
    op.drop_table('crisis_bulletin_bulletin')
    op.drop_table('crisis_bulletin_problem')
    op.drop_table('crisis_bulletin_incident_signal')
