"""partners: initial tables

Revision ID: partners_0001
"""
import sqlalchemy as sa
from alembic import op

from console.api import UTCDateTime


revision = 'partners_0001'
down_revision = None
branch_labels = ('partners',)
depends_on = 'core_0001'


def upgrade() -> None:
    op.create_table('partners_partner',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('level', sa.String(length=16), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('last_order_seq', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partners_partner')),
    sa.UniqueConstraint('code', name=op.f('uq_partners_partner_code'))
    )
    op.create_table('partners_service_order',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=48), nullable=False),
    sa.Column('partner_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('incident_ref', sa.String(length=32), nullable=True),
    sa.Column('dispatched_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('accept_due_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('closed_at', UTCDateTime(timezone=True), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['partner_id'], ['partners_partner.id'], name=op.f('fk_partners_service_order_partner_id_partners_partner')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partners_service_order')),
    sa.UniqueConstraint('number', name=op.f('uq_partners_service_order_number'))
    )
    with op.batch_alter_table('partners_service_order', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_partners_service_order_dispatched_at'), ['dispatched_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_partners_service_order_incident_ref'), ['incident_ref'], unique=False)
        batch_op.create_index('ix_partners_service_order_partner_status', ['partner_id', 'status'], unique=False)


def downgrade() -> None:
    # Tables only: dropping an index that backs a foreign key first fails on MariaDB.
    op.drop_table('partners_service_order')
    op.drop_table('partners_partner')
