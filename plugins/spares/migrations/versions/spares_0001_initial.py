"""spares: initial tables

Revision ID: spares_0001
"""
import sqlalchemy as sa
from alembic import op

from console.api import UTCDateTime


revision = 'spares_0001'
down_revision = None
branch_labels = ('spares',)
depends_on = 'core_0001'


def upgrade() -> None:
    op.create_table('spares_location',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_spares_location')),
    sa.UniqueConstraint('code', name=op.f('uq_spares_location_code'))
    )
    op.create_table('spares_part',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('part_number', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('unit_cost', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('serialized', sa.Boolean(), nullable=False),
    sa.Column('return_required', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_spares_part')),
    sa.UniqueConstraint('part_number', name=op.f('uq_spares_part_part_number'))
    )
    op.create_table('spares_move',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('part_id', sa.Integer(), nullable=False),
    sa.Column('from_location_id', sa.Integer(), nullable=True),
    sa.Column('to_location_id', sa.Integer(), nullable=True),
    sa.Column('quantity', sa.Numeric(precision=14, scale=3), nullable=False),
    sa.Column('serial', sa.String(length=64), nullable=True),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('ref', sa.String(length=64), nullable=True),
    sa.Column('actor', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['from_location_id'], ['spares_location.id'], name=op.f('fk_spares_move_from_location_id_spares_location')),
    sa.ForeignKeyConstraint(['part_id'], ['spares_part.id'], name=op.f('fk_spares_move_part_id_spares_part')),
    sa.ForeignKeyConstraint(['to_location_id'], ['spares_location.id'], name=op.f('fk_spares_move_to_location_id_spares_location')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_spares_move'))
    )
    with op.batch_alter_table('spares_move', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_spares_move_at'), ['at'], unique=False)
        batch_op.create_index('ix_spares_move_part_from', ['part_id', 'from_location_id'], unique=False)
        batch_op.create_index('ix_spares_move_part_to', ['part_id', 'to_location_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_spares_move_serial'), ['serial'], unique=False)


def downgrade() -> None:
    # Tables only: dropping an index that backs a foreign key first fails on MariaDB.
    op.drop_table('spares_move')
    op.drop_table('spares_part')
    op.drop_table('spares_location')
