"""partners: engineers, rate cards, service-order steps and step clocks, claims, audit findings,
scorecard weights, settlements and import batches

Revision ID: partners_0002
Revises: partners_0001
"""
import sqlalchemy as sa
from alembic import op

from console.api import UTCDateTime


revision = 'partners_0002'
down_revision = 'partners_0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('partners_import',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('digest', sa.String(length=64), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('imported_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('imported_by', sa.String(length=64), nullable=False),
    sa.Column('rows', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partners_import')),
    sa.UniqueConstraint('kind', 'digest', name=op.f('uq_partners_import_kind_digest'))
    )
    op.create_table('partners_rule_setting',
    sa.Column('rule', sa.String(length=64), nullable=False),
    sa.Column('enabled', sa.Boolean(), nullable=False),
    sa.Column('severity', sa.String(length=16), nullable=False),
    sa.Column('params', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('rule', name=op.f('pk_partners_rule_setting'))
    )
    op.create_table('partners_score_weight',
    sa.Column('measure', sa.String(length=32), nullable=False),
    sa.Column('weight', sa.Numeric(precision=6, scale=2), nullable=False),
    sa.PrimaryKeyConstraint('measure', name=op.f('pk_partners_score_weight'))
    )
    op.create_table('partners_engineer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('partner_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=128), nullable=False),
    sa.Column('phone', sa.String(length=32), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['partner_id'], ['partners_partner.id'], name=op.f('fk_partners_engineer_partner_id_partners_partner')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partners_engineer')),
    sa.UniqueConstraint('code', name=op.f('uq_partners_engineer_code'))
    )
    with op.batch_alter_table('partners_engineer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_partners_engineer_partner_id'), ['partner_id'], unique=False)

    op.create_table('partners_rate_card',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('partner_id', sa.Integer(), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('valid_to', sa.Date(), nullable=True),
    sa.Column('labour_l1', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('labour_l2', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('labour_l3', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('free_radius_km', sa.Numeric(precision=8, scale=1), nullable=False),
    sa.Column('travel_per_km', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('parts_handling', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['partner_id'], ['partners_partner.id'], name=op.f('fk_partners_rate_card_partner_id_partners_partner')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partners_rate_card')),
    sa.UniqueConstraint('partner_id', 'valid_from', name=op.f('uq_partners_rate_card_partner_id_valid_from'))
    )
    op.create_table('partners_settlement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=64), nullable=False),
    sa.Column('partner_id', sa.Integer(), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('payable', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('held', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('created_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=64), nullable=False),
    sa.Column('posted_at', UTCDateTime(timezone=True), nullable=True),
    sa.Column('posted_by', sa.String(length=64), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['partner_id'], ['partners_partner.id'], name=op.f('fk_partners_settlement_partner_id_partners_partner')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partners_settlement')),
    sa.UniqueConstraint('number', name=op.f('uq_partners_settlement_number')),
    sa.UniqueConstraint('partner_id', 'period_start', name=op.f('uq_partners_settlement_partner_id_period_start'))
    )
    op.create_table('partners_claim',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=56), nullable=False),
    sa.Column('partner_id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('external_ref', sa.String(length=64), nullable=True),
    sa.Column('service_date', sa.Date(), nullable=False),
    sa.Column('submitted_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('travel_km', sa.Numeric(precision=8, scale=1), nullable=False),
    sa.Column('labour', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('travel', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('parts', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('other', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('other_note', sa.String(length=255), nullable=True),
    sa.Column('amount', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('computed_amount', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('approved_amount', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('decided_by', sa.String(length=64), nullable=True),
    sa.Column('decided_at', UTCDateTime(timezone=True), nullable=True),
    sa.Column('decision_note', sa.String(length=500), nullable=True),
    sa.Column('settlement_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['order_id'], ['partners_service_order.id'], name=op.f('fk_partners_claim_order_id_partners_service_order')),
    sa.ForeignKeyConstraint(['partner_id'], ['partners_partner.id'], name=op.f('fk_partners_claim_partner_id_partners_partner')),
    sa.ForeignKeyConstraint(['settlement_id'], ['partners_settlement.id'], name=op.f('fk_partners_claim_settlement_id_partners_settlement')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partners_claim')),
    sa.UniqueConstraint('number', name=op.f('uq_partners_claim_number')),
    sa.UniqueConstraint('partner_id', 'external_ref', name=op.f('uq_partners_claim_partner_id_external_ref'))
    )
    with op.batch_alter_table('partners_claim', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_partners_claim_order_id'), ['order_id'], unique=False)
        batch_op.create_index('ix_partners_claim_partner_decided_at', ['partner_id', 'decided_at'], unique=False)
        batch_op.create_index('ix_partners_claim_partner_status', ['partner_id', 'status'], unique=False)
        batch_op.create_index(batch_op.f('ix_partners_claim_settlement_id'), ['settlement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_partners_claim_submitted_at'), ['submitted_at'], unique=False)

    op.create_table('partners_order_step',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('step', sa.String(length=16), nullable=False),
    sa.Column('at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('recorded_by', sa.String(length=64), nullable=False),
    sa.Column('recorded_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('engineer_id', sa.Integer(), nullable=True),
    sa.Column('latitude', sa.Numeric(precision=9, scale=6), nullable=True),
    sa.Column('longitude', sa.Numeric(precision=9, scale=6), nullable=True),
    sa.Column('reason', sa.String(length=32), nullable=True),
    sa.Column('note', sa.String(length=500), nullable=True),
    sa.Column('satisfaction', sa.SmallInteger(), nullable=True),
    sa.ForeignKeyConstraint(['engineer_id'], ['partners_engineer.id'], name=op.f('fk_partners_order_step_engineer_id_partners_engineer')),
    sa.ForeignKeyConstraint(['order_id'], ['partners_service_order.id'], name=op.f('fk_partners_order_step_order_id_partners_service_order'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partners_order_step'))
    )
    with op.batch_alter_table('partners_order_step', schema=None) as batch_op:
        batch_op.create_index('ix_partners_order_step_engineer_at', ['engineer_id', 'at'], unique=False)
        batch_op.create_index('ix_partners_order_step_order_step_at', ['order_id', 'step', 'at'], unique=False)
        batch_op.create_index('ix_partners_order_step_step_at', ['step', 'at'], unique=False)

    op.create_table('partners_claim_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('claim_id', sa.Integer(), nullable=False),
    sa.Column('at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.String(length=64), nullable=False),
    sa.Column('action', sa.String(length=32), nullable=False),
    sa.Column('detail', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['claim_id'], ['partners_claim.id'], name=op.f('fk_partners_claim_event_claim_id_partners_claim'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partners_claim_event'))
    )
    with op.batch_alter_table('partners_claim_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_partners_claim_event_claim_id'), ['claim_id'], unique=False)

    op.create_table('partners_claim_part',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('claim_id', sa.Integer(), nullable=False),
    sa.Column('part_number', sa.String(length=64), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('installed_serial', sa.String(length=64), nullable=True),
    sa.Column('removed_serial', sa.String(length=64), nullable=True),
    sa.ForeignKeyConstraint(['claim_id'], ['partners_claim.id'], name=op.f('fk_partners_claim_part_claim_id_partners_claim'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partners_claim_part'))
    )
    with op.batch_alter_table('partners_claim_part', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_partners_claim_part_claim_id'), ['claim_id'], unique=False)

    op.create_table('partners_finding',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('rule', sa.String(length=64), nullable=False),
    sa.Column('severity', sa.String(length=16), nullable=False),
    sa.Column('fingerprint', sa.String(length=255), nullable=False),
    sa.Column('partner_id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=True),
    sa.Column('claim_id', sa.Integer(), nullable=True),
    sa.Column('summary', sa.String(length=500), nullable=False),
    sa.Column('evidence', sa.Text(), nullable=False),
    sa.Column('found_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('decided_by', sa.String(length=64), nullable=True),
    sa.Column('decided_at', UTCDateTime(timezone=True), nullable=True),
    sa.Column('comment', sa.String(length=1000), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['claim_id'], ['partners_claim.id'], name=op.f('fk_partners_finding_claim_id_partners_claim')),
    sa.ForeignKeyConstraint(['order_id'], ['partners_service_order.id'], name=op.f('fk_partners_finding_order_id_partners_service_order')),
    sa.ForeignKeyConstraint(['partner_id'], ['partners_partner.id'], name=op.f('fk_partners_finding_partner_id_partners_partner')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partners_finding')),
    sa.UniqueConstraint('fingerprint', name=op.f('uq_partners_finding_fingerprint'))
    )
    with op.batch_alter_table('partners_finding', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_partners_finding_claim_id'), ['claim_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_partners_finding_order_id'), ['order_id'], unique=False)
        batch_op.create_index('ix_partners_finding_partner_status', ['partner_id', 'status'], unique=False)
        batch_op.create_index('ix_partners_finding_rule_status', ['rule', 'status'], unique=False)

    op.create_table('partners_settlement_line',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('settlement_id', sa.Integer(), nullable=False),
    sa.Column('claim_id', sa.Integer(), nullable=False),
    sa.Column('amount', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('held', sa.Boolean(), nullable=False),
    sa.Column('hold_reason', sa.String(length=500), nullable=True),
    sa.ForeignKeyConstraint(['claim_id'], ['partners_claim.id'], name=op.f('fk_partners_settlement_line_claim_id_partners_claim')),
    sa.ForeignKeyConstraint(['settlement_id'], ['partners_settlement.id'], name=op.f('fk_partners_settlement_line_settlement_id_partners_settlement'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partners_settlement_line')),
    sa.UniqueConstraint('settlement_id', 'claim_id', name=op.f('uq_partners_settlement_line_settlement_id_claim_id'))
    )
    with op.batch_alter_table('partners_settlement_line', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_partners_settlement_line_claim_id'), ['claim_id'], unique=False)

    with op.batch_alter_table('partners_partner', schema=None) as batch_op:
        batch_op.add_column(sa.Column('regions', sa.String(length=255), nullable=True))

    with op.batch_alter_table('partners_service_order', schema=None) as batch_op:
        batch_op.add_column(sa.Column('source', sa.String(length=16), server_default='dispatch', nullable=False))
        batch_op.add_column(sa.Column('work_order_ref', sa.String(length=48), nullable=True))
        batch_op.add_column(sa.Column('external_ref', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('customer_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('site_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('asset_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('centre_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('engineer_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('category', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('repair_level', sa.String(length=2), server_default='L2', nullable=False))
        batch_op.add_column(sa.Column('distance_km', sa.Numeric(precision=8, scale=1), nullable=True))
        batch_op.add_column(sa.Column('arrive_due_at', UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('fix_due_at', UTCDateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f('ix_partners_service_order_asset_id'), ['asset_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_partners_service_order_engineer_id'), ['engineer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_partners_service_order_work_order_ref'), ['work_order_ref'], unique=False)
        batch_op.create_unique_constraint(batch_op.f('uq_partners_service_order_partner_id_external_ref'), ['partner_id', 'external_ref'])
        batch_op.create_foreign_key(batch_op.f('fk_partners_service_order_asset_id_core_assets'), 'core_assets', ['asset_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_partners_service_order_customer_id_core_customers'), 'core_customers', ['customer_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_partners_service_order_centre_id_core_service_centres'), 'core_service_centres', ['centre_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_partners_service_order_engineer_id_partners_engineer'), 'partners_engineer', ['engineer_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_partners_service_order_site_id_core_sites'), 'core_sites', ['site_id'], ['id'])



def downgrade() -> None:
    with op.batch_alter_table('partners_service_order', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_partners_service_order_site_id_core_sites'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_partners_service_order_engineer_id_partners_engineer'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_partners_service_order_centre_id_core_service_centres'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_partners_service_order_customer_id_core_customers'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_partners_service_order_asset_id_core_assets'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('uq_partners_service_order_partner_id_external_ref'), type_='unique')
        batch_op.drop_index(batch_op.f('ix_partners_service_order_work_order_ref'))
        batch_op.drop_index(batch_op.f('ix_partners_service_order_engineer_id'))
        batch_op.drop_index(batch_op.f('ix_partners_service_order_asset_id'))
        batch_op.drop_column('fix_due_at')
        batch_op.drop_column('arrive_due_at')
        batch_op.drop_column('distance_km')
        batch_op.drop_column('repair_level')
        batch_op.drop_column('category')
        batch_op.drop_column('engineer_id')
        batch_op.drop_column('centre_id')
        batch_op.drop_column('asset_id')
        batch_op.drop_column('site_id')
        batch_op.drop_column('customer_id')
        batch_op.drop_column('external_ref')
        batch_op.drop_column('work_order_ref')
        batch_op.drop_column('source')

    with op.batch_alter_table('partners_partner', schema=None) as batch_op:
        batch_op.drop_column('regions')

    op.drop_table('partners_settlement_line')
    op.drop_table('partners_finding')
    op.drop_table('partners_claim_part')
    op.drop_table('partners_claim_event')
    op.drop_table('partners_order_step')
    op.drop_table('partners_claim')
    op.drop_table('partners_settlement')
    op.drop_table('partners_rate_card')
    op.drop_table('partners_engineer')
    op.drop_table('partners_score_weight')
    op.drop_table('partners_rule_setting')
    op.drop_table('partners_import')
