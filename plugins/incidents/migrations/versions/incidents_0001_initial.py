"""incidents: initial tables

Revision ID: incidents_0001
"""
import sqlalchemy as sa
from alembic import op

from console.api import UTCDateTime


revision = 'incidents_0001'
down_revision = None
branch_labels = ('incidents',)
depends_on = 'core_0001'


def upgrade() -> None:
    op.create_table('incidents_number_sequence',
    sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('last_value', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('year', name=op.f('pk_incidents_number_sequence'))
    )
    op.create_table('incidents_incident',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=24), nullable=False),
    sa.Column('title', sa.String(length=255), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('channel', sa.String(length=16), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('site_id', sa.Integer(), nullable=True),
    sa.Column('asset_id', sa.Integer(), nullable=True),
    sa.Column('category', sa.String(length=64), nullable=False),
    sa.Column('impact', sa.String(length=8), nullable=True),
    sa.Column('urgency', sa.String(length=8), nullable=True),
    sa.Column('priority', sa.String(length=2), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('pending_reason', sa.String(length=32), nullable=True),
    sa.Column('assignee_id', sa.Integer(), nullable=True),
    sa.Column('group_id', sa.Integer(), nullable=True),
    sa.Column('opened_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('due_at', UTCDateTime(timezone=True), nullable=True),
    sa.Column('resolved_at', UTCDateTime(timezone=True), nullable=True),
    sa.Column('closed_at', UTCDateTime(timezone=True), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['asset_id'], ['core_assets.id'], name=op.f('fk_incidents_incident_asset_id_core_assets')),
    sa.ForeignKeyConstraint(['assignee_id'], ['core_users.id'], name=op.f('fk_incidents_incident_assignee_id_core_users')),
    sa.ForeignKeyConstraint(['customer_id'], ['core_customers.id'], name=op.f('fk_incidents_incident_customer_id_core_customers')),
    sa.ForeignKeyConstraint(['group_id'], ['core_groups.id'], name=op.f('fk_incidents_incident_group_id_core_groups')),
    sa.ForeignKeyConstraint(['site_id'], ['core_sites.id'], name=op.f('fk_incidents_incident_site_id_core_sites')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_incidents_incident')),
    sa.UniqueConstraint('number', name=op.f('uq_incidents_incident_number'))
    )
    with op.batch_alter_table('incidents_incident', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_incidents_incident_asset_id'), ['asset_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_incidents_incident_assignee_id'), ['assignee_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_incidents_incident_customer_id'), ['customer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_incidents_incident_group_id'), ['group_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_incidents_incident_opened_at'), ['opened_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_incidents_incident_site_id'), ['site_id'], unique=False)
        batch_op.create_index('ix_incidents_incident_status_priority', ['status', 'priority'], unique=False)
    op.create_table('incidents_status_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('incident_id', sa.Integer(), nullable=False),
    sa.Column('at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('reason', sa.String(length=32), nullable=True),
    sa.Column('actor', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents_incident.id'], name=op.f('fk_incidents_status_change_incident_id_incidents_incident'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_incidents_status_change'))
    )
    with op.batch_alter_table('incidents_status_change', schema=None) as batch_op:
        batch_op.create_index('ix_incidents_status_change_incident', ['incident_id', 'at'], unique=False)


def downgrade() -> None:
    # Tables only: dropping an index that backs a foreign key first fails on MariaDB.
    op.drop_table('incidents_status_change')
    op.drop_table('incidents_incident')
    op.drop_table('incidents_number_sequence')
