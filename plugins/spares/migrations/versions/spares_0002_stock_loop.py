"""spares: locations and parts in full; the stock balance, requests, reservations, returns, shipments,
safety stock, stock counts and wrong-shipment records

Revision ID: spares_0002
Revises: spares_0001
"""
import sqlalchemy as sa
from alembic import op

from console.api import UTCDateTime


revision = 'spares_0002'
down_revision = 'spares_0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('spares_counter',
    sa.Column('name', sa.String(length=16), nullable=False),
    sa.Column('value', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_spares_counter'))
    )
    op.create_table('spares_count',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=24), nullable=False),
    sa.Column('location_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('created_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=64), nullable=False),
    sa.Column('submitted_at', UTCDateTime(timezone=True), nullable=True),
    sa.Column('submitted_by', sa.String(length=64), nullable=True),
    sa.Column('posted_at', UTCDateTime(timezone=True), nullable=True),
    sa.Column('approved_by', sa.String(length=64), nullable=True),
    sa.Column('difference_value', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('note', sa.String(length=255), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['location_id'], ['spares_location.id'], name=op.f('fk_spares_count_location_id_spares_location')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_spares_count')),
    sa.UniqueConstraint('number', name=op.f('uq_spares_count_number'))
    )
    with op.batch_alter_table('spares_count', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_spares_count_created_at'), ['created_at'], unique=False)

    op.create_table('spares_discrepancy',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=24), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('source', sa.String(length=24), nullable=False),
    sa.Column('ref', sa.String(length=64), nullable=True),
    sa.Column('expected_part_id', sa.Integer(), nullable=True),
    sa.Column('expected_serial', sa.String(length=64), nullable=True),
    sa.Column('received_part_id', sa.Integer(), nullable=True),
    sa.Column('received_serial', sa.String(length=64), nullable=True),
    sa.Column('quantity', sa.Numeric(precision=14, scale=3), nullable=False),
    sa.Column('logged_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('logged_by', sa.String(length=64), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('resolution', sa.String(length=16), nullable=True),
    sa.Column('note', sa.String(length=500), nullable=True),
    sa.Column('reconciled_at', UTCDateTime(timezone=True), nullable=True),
    sa.Column('reconciled_by', sa.String(length=64), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['expected_part_id'], ['spares_part.id'], name=op.f('fk_spares_discrepancy_expected_part_id_spares_part')),
    sa.ForeignKeyConstraint(['received_part_id'], ['spares_part.id'], name=op.f('fk_spares_discrepancy_received_part_id_spares_part')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_spares_discrepancy')),
    sa.UniqueConstraint('number', name=op.f('uq_spares_discrepancy_number'))
    )
    with op.batch_alter_table('spares_discrepancy', schema=None) as batch_op:
        batch_op.create_index('ix_spares_discrepancy_status', ['status'], unique=False)

    op.create_table('spares_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=24), nullable=False),
    sa.Column('ref', sa.String(length=64), nullable=False),
    sa.Column('part_id', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.Numeric(precision=14, scale=3), nullable=False),
    sa.Column('depot_id', sa.Integer(), nullable=False),
    sa.Column('partner_code', sa.String(length=32), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('requested_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('requested_by', sa.String(length=64), nullable=False),
    sa.Column('requester_id', sa.Integer(), nullable=True),
    sa.Column('issued_quantity', sa.Numeric(precision=14, scale=3), nullable=False),
    sa.Column('first_issue_at', UTCDateTime(timezone=True), nullable=True),
    sa.Column('first_issue_full', sa.Boolean(), nullable=True),
    sa.Column('note', sa.String(length=255), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['depot_id'], ['spares_location.id'], name=op.f('fk_spares_request_depot_id_spares_location')),
    sa.ForeignKeyConstraint(['part_id'], ['spares_part.id'], name=op.f('fk_spares_request_part_id_spares_part')),
    sa.ForeignKeyConstraint(['requester_id'], ['core_users.id'], name=op.f('fk_spares_request_requester_id_core_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_spares_request')),
    sa.UniqueConstraint('number', name=op.f('uq_spares_request_number'))
    )
    with op.batch_alter_table('spares_request', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_spares_request_ref'), ['ref'], unique=False)
        batch_op.create_index(batch_op.f('ix_spares_request_requested_at'), ['requested_at'], unique=False)
        batch_op.create_index('ix_spares_request_status', ['status'], unique=False)

    op.create_table('spares_safety_stock',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('part_id', sa.Integer(), nullable=False),
    sa.Column('location_id', sa.Integer(), nullable=False),
    sa.Column('minimum', sa.Numeric(precision=14, scale=3), nullable=False),
    sa.Column('target', sa.Numeric(precision=14, scale=3), nullable=False),
    sa.Column('alerted_at', UTCDateTime(timezone=True), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['location_id'], ['spares_location.id'], name=op.f('fk_spares_safety_stock_location_id_spares_location')),
    sa.ForeignKeyConstraint(['part_id'], ['spares_part.id'], name=op.f('fk_spares_safety_stock_part_id_spares_part')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_spares_safety_stock')),
    sa.UniqueConstraint('part_id', 'location_id', name=op.f('uq_spares_safety_stock_part_id_location_id'))
    )
    with op.batch_alter_table('spares_safety_stock', schema=None) as batch_op:
        batch_op.create_index('ix_spares_safety_stock_location', ['location_id'], unique=False)

    op.create_table('spares_shipment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=24), nullable=False),
    sa.Column('from_location_id', sa.Integer(), nullable=False),
    sa.Column('to_location_id', sa.Integer(), nullable=False),
    sa.Column('transit_location_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('shipped_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('shipped_by', sa.String(length=64), nullable=False),
    sa.Column('received_at', UTCDateTime(timezone=True), nullable=True),
    sa.Column('carrier', sa.String(length=64), nullable=True),
    sa.Column('tracking', sa.String(length=64), nullable=True),
    sa.Column('cost', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['from_location_id'], ['spares_location.id'], name=op.f('fk_spares_shipment_from_location_id_spares_location')),
    sa.ForeignKeyConstraint(['to_location_id'], ['spares_location.id'], name=op.f('fk_spares_shipment_to_location_id_spares_location')),
    sa.ForeignKeyConstraint(['transit_location_id'], ['spares_location.id'], name=op.f('fk_spares_shipment_transit_location_id_spares_location')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_spares_shipment')),
    sa.UniqueConstraint('number', name=op.f('uq_spares_shipment_number'))
    )
    with op.batch_alter_table('spares_shipment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_spares_shipment_shipped_at'), ['shipped_at'], unique=False)

    op.create_table('spares_stock',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('part_id', sa.Integer(), nullable=False),
    sa.Column('location_id', sa.Integer(), nullable=False),
    sa.Column('serial', sa.String(length=64), nullable=False),
    sa.Column('quantity', sa.Numeric(precision=14, scale=3), nullable=False),
    sa.Column('since', UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['location_id'], ['spares_location.id'], name=op.f('fk_spares_stock_location_id_spares_location')),
    sa.ForeignKeyConstraint(['part_id'], ['spares_part.id'], name=op.f('fk_spares_stock_part_id_spares_part')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_spares_stock')),
    sa.UniqueConstraint('part_id', 'location_id', 'serial', name=op.f('uq_spares_stock_part_id_location_id_serial'))
    )
    with op.batch_alter_table('spares_stock', schema=None) as batch_op:
        batch_op.create_index('ix_spares_stock_location_part', ['location_id', 'part_id'], unique=False)

    op.create_table('spares_count_line',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('count_id', sa.Integer(), nullable=False),
    sa.Column('part_id', sa.Integer(), nullable=False),
    sa.Column('serial', sa.String(length=64), nullable=False),
    sa.Column('book_quantity', sa.Numeric(precision=14, scale=3), nullable=False),
    sa.Column('counted_quantity', sa.Numeric(precision=14, scale=3), nullable=True),
    sa.ForeignKeyConstraint(['count_id'], ['spares_count.id'], name=op.f('fk_spares_count_line_count_id_spares_count')),
    sa.ForeignKeyConstraint(['part_id'], ['spares_part.id'], name=op.f('fk_spares_count_line_part_id_spares_part')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_spares_count_line')),
    sa.UniqueConstraint('count_id', 'part_id', 'serial', name=op.f('uq_spares_count_line_count_id_part_id_serial'))
    )
    op.create_table('spares_reservation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('part_id', sa.Integer(), nullable=False),
    sa.Column('location_id', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.Numeric(precision=14, scale=3), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('created_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('closed_at', UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['location_id'], ['spares_location.id'], name=op.f('fk_spares_reservation_location_id_spares_location')),
    sa.ForeignKeyConstraint(['part_id'], ['spares_part.id'], name=op.f('fk_spares_reservation_part_id_spares_part')),
    sa.ForeignKeyConstraint(['request_id'], ['spares_request.id'], name=op.f('fk_spares_reservation_request_id_spares_request')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_spares_reservation'))
    )
    with op.batch_alter_table('spares_reservation', schema=None) as batch_op:
        batch_op.create_index('ix_spares_reservation_part_location_status', ['part_id', 'location_id', 'status'], unique=False)
        batch_op.create_index(batch_op.f('ix_spares_reservation_request_id'), ['request_id'], unique=False)
        batch_op.create_index('ix_spares_reservation_status_expires', ['status', 'expires_at'], unique=False)

    op.create_table('spares_shipment_line',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('shipment_id', sa.Integer(), nullable=False),
    sa.Column('part_id', sa.Integer(), nullable=False),
    sa.Column('serial', sa.String(length=64), nullable=True),
    sa.Column('quantity', sa.Numeric(precision=14, scale=3), nullable=False),
    sa.Column('received_quantity', sa.Numeric(precision=14, scale=3), nullable=False),
    sa.ForeignKeyConstraint(['part_id'], ['spares_part.id'], name=op.f('fk_spares_shipment_line_part_id_spares_part')),
    sa.ForeignKeyConstraint(['shipment_id'], ['spares_shipment.id'], name=op.f('fk_spares_shipment_line_shipment_id_spares_shipment')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_spares_shipment_line'))
    )
    with op.batch_alter_table('spares_shipment_line', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_spares_shipment_line_shipment_id'), ['shipment_id'], unique=False)

    op.create_table('spares_return',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=24), nullable=False),
    sa.Column('issue_id', sa.Integer(), nullable=True),
    sa.Column('ref', sa.String(length=64), nullable=True),
    sa.Column('partner_code', sa.String(length=32), nullable=True),
    sa.Column('part_id', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.Numeric(precision=14, scale=3), nullable=False),
    sa.Column('depot_id', sa.Integer(), nullable=True),
    sa.Column('issued_serial', sa.String(length=64), nullable=True),
    sa.Column('expected_serial', sa.String(length=64), nullable=True),
    sa.Column('issued_at', UTCDateTime(timezone=True), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('outcome', sa.String(length=16), nullable=True),
    sa.Column('received_part_id', sa.Integer(), nullable=True),
    sa.Column('received_serial', sa.String(length=64), nullable=True),
    sa.Column('received_at', UTCDateTime(timezone=True), nullable=True),
    sa.Column('location_id', sa.Integer(), nullable=True),
    sa.Column('closed_at', UTCDateTime(timezone=True), nullable=True),
    sa.Column('loss_reason', sa.String(length=255), nullable=True),
    sa.Column('loss_requested_by', sa.String(length=64), nullable=True),
    sa.Column('written_off_at', UTCDateTime(timezone=True), nullable=True),
    sa.Column('written_off_by', sa.String(length=64), nullable=True),
    sa.Column('loss_value', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('overdue_notified', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['depot_id'], ['spares_location.id'], name=op.f('fk_spares_return_depot_id_spares_location')),
    sa.ForeignKeyConstraint(['issue_id'], ['spares_move.id'], name=op.f('fk_spares_return_issue_id_spares_move')),
    sa.ForeignKeyConstraint(['location_id'], ['spares_location.id'], name=op.f('fk_spares_return_location_id_spares_location')),
    sa.ForeignKeyConstraint(['part_id'], ['spares_part.id'], name=op.f('fk_spares_return_part_id_spares_part')),
    sa.ForeignKeyConstraint(['received_part_id'], ['spares_part.id'], name=op.f('fk_spares_return_received_part_id_spares_part')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_spares_return')),
    sa.UniqueConstraint('number', name=op.f('uq_spares_return_number'))
    )
    with op.batch_alter_table('spares_return', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_spares_return_issue_id'), ['issue_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_spares_return_received_serial'), ['received_serial'], unique=False)
        batch_op.create_index(batch_op.f('ix_spares_return_ref'), ['ref'], unique=False)
        batch_op.create_index('ix_spares_return_state_due', ['state', 'due_on'], unique=False)

    with op.batch_alter_table('spares_location', schema=None) as batch_op:
        batch_op.add_column(sa.Column('partner_code', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('city', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('active', sa.Boolean(), nullable=False, server_default=sa.true()))
        batch_op.create_index(batch_op.f('ix_spares_location_partner_code'), ['partner_code'], unique=False)

    with op.batch_alter_table('spares_move', schema=None) as batch_op:
        batch_op.add_column(sa.Column('partner_code', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('request_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('shipment_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('issue_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('note', sa.String(length=255), nullable=True))
        batch_op.create_index(batch_op.f('ix_spares_move_issue_id'), ['issue_id'], unique=False)
        batch_op.create_index('ix_spares_move_kind_at', ['kind', 'at'], unique=False)
        batch_op.create_index(batch_op.f('ix_spares_move_ref'), ['ref'], unique=False)
        batch_op.create_index(batch_op.f('ix_spares_move_request_id'), ['request_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_spares_move_shipment_id'), ['shipment_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_spares_move_issue_id_spares_move'), 'spares_move', ['issue_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_spares_move_request_id_spares_request'), 'spares_request', ['request_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_spares_move_shipment_id_spares_shipment'), 'spares_shipment', ['shipment_id'], ['id'])

    with op.batch_alter_table('spares_part', schema=None) as batch_op:
        batch_op.add_column(sa.Column('compatible_models', sa.String(length=500), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('active', sa.Boolean(), nullable=False, server_default=sa.true()))


def downgrade() -> None:
    # New columns of the first revision's tables (their foreign keys first), then the new tables.
    with op.batch_alter_table('spares_move', schema=None) as batch_op:
        batch_op.drop_constraint('fk_spares_move_issue_id_spares_move', type_='foreignkey')
        batch_op.drop_constraint('fk_spares_move_request_id_spares_request', type_='foreignkey')
        batch_op.drop_constraint('fk_spares_move_shipment_id_spares_shipment', type_='foreignkey')
        batch_op.drop_index('ix_spares_move_issue_id')
        batch_op.drop_index('ix_spares_move_kind_at')
        batch_op.drop_index('ix_spares_move_ref')
        batch_op.drop_index('ix_spares_move_request_id')
        batch_op.drop_index('ix_spares_move_shipment_id')
        batch_op.drop_column('partner_code')
        batch_op.drop_column('request_id')
        batch_op.drop_column('shipment_id')
        batch_op.drop_column('issue_id')
        batch_op.drop_column('note')
    with op.batch_alter_table('spares_part', schema=None) as batch_op:
        batch_op.drop_column('compatible_models')
        batch_op.drop_column('active')
    with op.batch_alter_table('spares_location', schema=None) as batch_op:
        batch_op.drop_index('ix_spares_location_partner_code')
        batch_op.drop_column('partner_code')
        batch_op.drop_column('city')
        batch_op.drop_column('active')
    op.drop_table('spares_return')
    op.drop_table('spares_shipment_line')
    op.drop_table('spares_reservation')
    op.drop_table('spares_count_line')
    op.drop_table('spares_stock')
    op.drop_table('spares_shipment')
    op.drop_table('spares_safety_stock')
    op.drop_table('spares_request')
    op.drop_table('spares_discrepancy')
    op.drop_table('spares_count')
    op.drop_table('spares_counter')
