"""core tables

Revision ID: core_0001
Revises: 
Create Date: 2026-11-23
"""
from alembic import op
import sqlalchemy as sa
import console.core.db


revision = 'core_0001'
down_revision = None
branch_labels = ('core',)
depends_on = None


def upgrade() -> None:
    op.create_table('core_audit_head',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('last_id', sa.Integer(), nullable=False),
    sa.Column('last_hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_core_audit_head'))
    )
    op.create_table('core_audit_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', console.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.String(length=64), nullable=False),
    sa.Column('action', sa.String(length=128), nullable=False),
    sa.Column('entity', sa.String(length=128), nullable=False),
    sa.Column('entity_id', sa.String(length=64), nullable=False),
    sa.Column('detail', sa.Text(), nullable=False),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_core_audit_log'))
    )
    with op.batch_alter_table('core_audit_log', schema=None) as batch_op:
        batch_op.create_index('ix_core_audit_log_entity', ['entity', 'entity_id'], unique=False)

    op.create_table('core_calendars',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=128), nullable=False),
    sa.Column('document', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_core_calendars')),
    sa.UniqueConstraint('name', name=op.f('uq_core_calendars_name'))
    )
    op.create_table('core_customers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('phone', sa.String(length=32), nullable=True),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_core_customers')),
    sa.UniqueConstraint('code', name=op.f('uq_core_customers_code'))
    )
    with op.batch_alter_table('core_customers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_core_customers_phone'), ['phone'], unique=False)

    op.create_table('core_jobs',
    sa.Column('name', sa.String(length=128), nullable=False),
    sa.Column('locked_by', sa.String(length=128), nullable=True),
    sa.Column('locked_until', console.core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('last_started_at', console.core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('last_finished_at', console.core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('last_status', sa.String(length=16), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('runs', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_core_jobs'))
    )
    op.create_table('core_permissions',
    sa.Column('name', sa.String(length=128), nullable=False),
    sa.Column('title', sa.String(length=255), nullable=False),
    sa.Column('namespace', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_core_permissions'))
    )
    op.create_table('core_plugin_state',
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('enabled', sa.Boolean(), nullable=False),
    sa.Column('changed_at', console.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_core_plugin_state'))
    )
    op.create_table('core_roles',
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('title', sa.String(length=128), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_core_roles'))
    )
    op.create_table('core_service_centres',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('city', sa.String(length=64), nullable=True),
    sa.Column('latitude', sa.Numeric(precision=9, scale=6), nullable=False),
    sa.Column('longitude', sa.Numeric(precision=9, scale=6), nullable=False),
    sa.Column('partner_code', sa.String(length=32), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_core_service_centres')),
    sa.UniqueConstraint('code', name=op.f('uq_core_service_centres_code'))
    )
    with op.batch_alter_table('core_service_centres', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_core_service_centres_partner_code'), ['partner_code'], unique=False)

    op.create_table('core_settings',
    sa.Column('key', sa.String(length=128), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_core_settings'))
    )
    op.create_table('core_users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('display_name', sa.String(length=128), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('locale', sa.String(length=16), nullable=False),
    sa.Column('timezone', sa.String(length=64), nullable=False),
    sa.Column('is_active', sa.Boolean(), nullable=False),
    sa.Column('lead_id', sa.Integer(), nullable=True),
    sa.Column('partner_code', sa.String(length=32), nullable=True),
    sa.Column('created_at', console.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['lead_id'], ['core_users.id'], name=op.f('fk_core_users_lead_id_core_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_core_users')),
    sa.UniqueConstraint('username', name=op.f('uq_core_users_username'))
    )
    op.create_table('core_groups',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=128), nullable=False),
    sa.Column('lead_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['lead_id'], ['core_users.id'], name=op.f('fk_core_groups_lead_id_core_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_core_groups')),
    sa.UniqueConstraint('name', name=op.f('uq_core_groups_name'))
    )
    op.create_table('core_notifications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', console.core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('severity', sa.String(length=16), nullable=False),
    sa.Column('title', sa.String(length=255), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('link', sa.String(length=255), nullable=True),
    sa.Column('read_at', console.core.db.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['core_users.id'], name=op.f('fk_core_notifications_user_id_core_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_core_notifications'))
    )
    with op.batch_alter_table('core_notifications', schema=None) as batch_op:
        batch_op.create_index('ix_core_notifications_user_unread', ['user_id', 'read_at', 'id'], unique=False)

    op.create_table('core_role_permissions',
    sa.Column('role', sa.String(length=64), nullable=False),
    sa.Column('permission', sa.String(length=128), nullable=False),
    sa.ForeignKeyConstraint(['permission'], ['core_permissions.name'], name=op.f('fk_core_role_permissions_permission_core_permissions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['role'], ['core_roles.name'], name=op.f('fk_core_role_permissions_role_core_roles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('role', 'permission', name=op.f('pk_core_role_permissions'))
    )
    op.create_table('core_service_contracts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=32), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('level', sa.String(length=32), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('max_calls', sa.Integer(), nullable=True),
    sa.Column('prepaid_balance', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['customer_id'], ['core_customers.id'], name=op.f('fk_core_service_contracts_customer_id_core_customers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_core_service_contracts')),
    sa.UniqueConstraint('number', name=op.f('uq_core_service_contracts_number'))
    )
    with op.batch_alter_table('core_service_contracts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_core_service_contracts_customer_id'), ['customer_id'], unique=False)

    op.create_table('core_sites',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('address', sa.String(length=500), nullable=True),
    sa.Column('city', sa.String(length=64), nullable=True),
    sa.Column('latitude', sa.Numeric(precision=9, scale=6), nullable=True),
    sa.Column('longitude', sa.Numeric(precision=9, scale=6), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['customer_id'], ['core_customers.id'], name=op.f('fk_core_sites_customer_id_core_customers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_core_sites'))
    )
    with op.batch_alter_table('core_sites', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_core_sites_customer_id'), ['customer_id'], unique=False)

    op.create_table('core_user_roles',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['role'], ['core_roles.name'], name=op.f('fk_core_user_roles_role_core_roles')),
    sa.ForeignKeyConstraint(['user_id'], ['core_users.id'], name=op.f('fk_core_user_roles_user_id_core_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'role', name=op.f('pk_core_user_roles'))
    )
    op.create_table('core_assets',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('serial', sa.String(length=64), nullable=False),
    sa.Column('model', sa.String(length=128), nullable=False),
    sa.Column('product', sa.String(length=128), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('site_id', sa.Integer(), nullable=True),
    sa.Column('contract_id', sa.Integer(), nullable=True),
    sa.Column('installed_on', sa.Date(), nullable=True),
    sa.Column('warranty_end', sa.Date(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['contract_id'], ['core_service_contracts.id'], name=op.f('fk_core_assets_contract_id_core_service_contracts')),
    sa.ForeignKeyConstraint(['customer_id'], ['core_customers.id'], name=op.f('fk_core_assets_customer_id_core_customers')),
    sa.ForeignKeyConstraint(['site_id'], ['core_sites.id'], name=op.f('fk_core_assets_site_id_core_sites')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_core_assets')),
    sa.UniqueConstraint('serial', name=op.f('uq_core_assets_serial'))
    )
    with op.batch_alter_table('core_assets', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_core_assets_contract_id'), ['contract_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_core_assets_customer_id'), ['customer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_core_assets_model'), ['model'], unique=False)
        batch_op.create_index(batch_op.f('ix_core_assets_site_id'), ['site_id'], unique=False)

    op.create_table('core_group_members',
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['core_groups.id'], name=op.f('fk_core_group_members_group_id_core_groups'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['core_users.id'], name=op.f('fk_core_group_members_user_id_core_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('group_id', 'user_id', name=op.f('pk_core_group_members'))
    )


def downgrade() -> None:
    # Dropping a table drops its indexes; dropping those first fails on MariaDB (FK-backed).
    op.drop_table('core_group_members')
    op.drop_table('core_assets')
    op.drop_table('core_user_roles')
    op.drop_table('core_sites')
    op.drop_table('core_service_contracts')
    op.drop_table('core_role_permissions')
    op.drop_table('core_notifications')
    op.drop_table('core_groups')
    op.drop_table('core_users')
    op.drop_table('core_settings')
    op.drop_table('core_service_centres')
    op.drop_table('core_roles')
    op.drop_table('core_plugin_state')
    op.drop_table('core_permissions')
    op.drop_table('core_jobs')
    op.drop_table('core_customers')
    op.drop_table('core_calendars')
    op.drop_table('core_audit_log')
    op.drop_table('core_audit_head')
