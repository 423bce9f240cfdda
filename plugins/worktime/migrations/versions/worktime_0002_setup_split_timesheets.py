"""worktime: schedules, rule sets, rates, projects, leave, the split, timesheets and adjustments

Revision ID: worktime_0002
Revises: worktime_0001
"""
import json
from decimal import Decimal

import sqlalchemy as sa
from alembic import op

from console.api import UTCDateTime


revision = 'worktime_0002'
down_revision = 'worktime_0001'
branch_labels = None
depends_on = None

#: What a new organisation starts with: China's Labour Law art. 44, a 9-to-6 schedule with a lunch
#: break, and the usual leave types (names are translated in the UI).
OFFICE_WEEK = {day: [["09:00", "12:00"], ["13:00", "18:00"]] for day in ("mon", "tue", "wed", "thu", "fri")}
LEAVE_TYPES = [("annual", "Annual leave", True, False), ("sick", "Sick leave", True, False),
               ("personal", "Personal leave", False, False), ("in_lieu", "Time off in lieu", True, True),
               ("marriage", "Marriage leave", True, False), ("maternity", "Maternity leave", True, False),
               ("bereavement", "Bereavement leave", True, False)]


def upgrade() -> None:
    op.create_table('worktime_leave_type',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=128), nullable=False),
    sa.Column('paid', sa.Boolean(), nullable=False),
    sa.Column('uses_in_lieu', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_worktime_leave_type')),
    sa.UniqueConstraint('code', name=op.f('uq_worktime_leave_type_code'))
    )
    op.create_table('worktime_org_day',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('name', sa.String(length=128), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_worktime_org_day')),
    sa.UniqueConstraint('day', name=op.f('uq_worktime_org_day_day'))
    )
    op.create_table('worktime_rule_set',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=128), nullable=False),
    sa.Column('extended_multiplier', sa.Numeric(precision=4, scale=2), nullable=False),
    sa.Column('rest_multiplier', sa.Numeric(precision=4, scale=2), nullable=False),
    sa.Column('holiday_multiplier', sa.Numeric(precision=4, scale=2), nullable=False),
    sa.Column('in_lieu_multiplier', sa.Numeric(precision=4, scale=2), nullable=False),
    sa.Column('rest_day_policy', sa.String(length=16), nullable=False),
    sa.Column('is_default', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_worktime_rule_set')),
    sa.UniqueConstraint('code', name=op.f('uq_worktime_rule_set_code'))
    )
    op.create_table('worktime_schedule',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=128), nullable=False),
    sa.Column('week', sa.Text(), nullable=False),
    sa.Column('is_default', sa.Boolean(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_worktime_schedule')),
    sa.UniqueConstraint('name', name=op.f('uq_worktime_schedule_name'))
    )
    op.create_table('worktime_hourly_rate',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('valid_to', sa.Date(), nullable=True),
    sa.Column('rate', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['core_users.id'], name=op.f('fk_worktime_hourly_rate_user_id_core_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_worktime_hourly_rate'))
    )
    with op.batch_alter_table('worktime_hourly_rate', schema=None) as batch_op:
        batch_op.create_index('ix_worktime_hourly_rate_user_from', ['user_id', 'valid_from'], unique=False)

    op.create_table('worktime_leave',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('leave_type_id', sa.Integer(), nullable=False),
    sa.Column('starts_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('ends_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('minutes', sa.Integer(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['leave_type_id'], ['worktime_leave_type.id'], name=op.f('fk_worktime_leave_leave_type_id_worktime_leave_type')),
    sa.ForeignKeyConstraint(['user_id'], ['core_users.id'], name=op.f('fk_worktime_leave_user_id_core_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_worktime_leave'))
    )
    with op.batch_alter_table('worktime_leave', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_worktime_leave_leave_type_id'), ['leave_type_id'], unique=False)
        batch_op.create_index('ix_worktime_leave_user_starts', ['user_id', 'starts_at'], unique=False)

    op.create_table('worktime_project',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['customer_id'], ['core_customers.id'], name=op.f('fk_worktime_project_customer_id_core_customers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_worktime_project')),
    sa.UniqueConstraint('code', name=op.f('uq_worktime_project_code'))
    )
    with op.batch_alter_table('worktime_project', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_worktime_project_customer_id'), ['customer_id'], unique=False)

    op.create_table('worktime_reminder',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('sent_at', UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['core_users.id'], name=op.f('fk_worktime_reminder_user_id_core_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_worktime_reminder')),
    sa.UniqueConstraint('user_id', 'kind', 'period_start', name=op.f('uq_worktime_reminder_user_id_kind_period_start'))
    )
    op.create_table('worktime_schedule_assignment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('schedule_id', sa.Integer(), nullable=False),
    sa.Column('rule_set_id', sa.Integer(), nullable=True),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('valid_to', sa.Date(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['rule_set_id'], ['worktime_rule_set.id'], name=op.f('fk_worktime_schedule_assignment_rule_set_id_worktime_rule_set')),
    sa.ForeignKeyConstraint(['schedule_id'], ['worktime_schedule.id'], name=op.f('fk_worktime_schedule_assignment_schedule_id_worktime_schedule')),
    sa.ForeignKeyConstraint(['user_id'], ['core_users.id'], name=op.f('fk_worktime_schedule_assignment_user_id_core_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_worktime_schedule_assignment'))
    )
    with op.batch_alter_table('worktime_schedule_assignment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_worktime_schedule_assignment_rule_set_id'), ['rule_set_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_worktime_schedule_assignment_schedule_id'), ['schedule_id'], unique=False)
        batch_op.create_index('ix_worktime_schedule_assignment_user_from', ['user_id', 'valid_from'], unique=False)

    op.create_table('worktime_timesheet',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('period', sa.String(length=8), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('submitted_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('decided_at', UTCDateTime(timezone=True), nullable=True),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['decided_by_id'], ['core_users.id'], name=op.f('fk_worktime_timesheet_decided_by_id_core_users')),
    sa.ForeignKeyConstraint(['user_id'], ['core_users.id'], name=op.f('fk_worktime_timesheet_user_id_core_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_worktime_timesheet')),
    sa.UniqueConstraint('user_id', 'starts_on', name=op.f('uq_worktime_timesheet_user_id_starts_on'))
    )
    with op.batch_alter_table('worktime_timesheet', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_worktime_timesheet_status'), ['status'], unique=False)
        batch_op.create_index('ix_worktime_timesheet_user_ends', ['user_id', 'ends_on'], unique=False)

    op.create_table('worktime_adjustment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('timesheet_id', sa.Integer(), nullable=False),
    sa.Column('action', sa.String(length=8), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=True),
    sa.Column('starts_at', UTCDateTime(timezone=True), nullable=True),
    sa.Column('ends_at', UTCDateTime(timezone=True), nullable=True),
    sa.Column('activity_kind', sa.String(length=16), nullable=True),
    sa.Column('activity_ref', sa.String(length=64), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('requested_by_id', sa.Integer(), nullable=False),
    sa.Column('requested_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', UTCDateTime(timezone=True), nullable=True),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['decided_by_id'], ['core_users.id'], name=op.f('fk_worktime_adjustment_decided_by_id_core_users')),
    sa.ForeignKeyConstraint(['entry_id'], ['worktime_time_entry.id'], name=op.f('fk_worktime_adjustment_entry_id_worktime_time_entry'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['requested_by_id'], ['core_users.id'], name=op.f('fk_worktime_adjustment_requested_by_id_core_users')),
    sa.ForeignKeyConstraint(['timesheet_id'], ['worktime_timesheet.id'], name=op.f('fk_worktime_adjustment_timesheet_id_worktime_timesheet')),
    sa.ForeignKeyConstraint(['user_id'], ['core_users.id'], name=op.f('fk_worktime_adjustment_user_id_core_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_worktime_adjustment'))
    )
    with op.batch_alter_table('worktime_adjustment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_worktime_adjustment_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_worktime_adjustment_timesheet_id'), ['timesheet_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_worktime_adjustment_user_id'), ['user_id'], unique=False)

    op.create_table('worktime_segment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('bucket', sa.String(length=16), nullable=False),
    sa.Column('minutes', sa.Integer(), nullable=False),
    sa.Column('multiplier', sa.Numeric(precision=4, scale=2), nullable=False),
    sa.Column('rate', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('cost', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.ForeignKeyConstraint(['entry_id'], ['worktime_time_entry.id'], name=op.f('fk_worktime_segment_entry_id_worktime_time_entry'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['core_users.id'], name=op.f('fk_worktime_segment_user_id_core_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_worktime_segment'))
    )
    with op.batch_alter_table('worktime_segment', schema=None) as batch_op:
        batch_op.create_index('ix_worktime_segment_day', ['day'], unique=False)
        batch_op.create_index(batch_op.f('ix_worktime_segment_entry_id'), ['entry_id'], unique=False)
        batch_op.create_index('ix_worktime_segment_user_day', ['user_id', 'day'], unique=False)

    op.create_table('worktime_team_reviewer',
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['core_groups.id'], name=op.f('fk_worktime_team_reviewer_group_id_core_groups'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['core_users.id'], name=op.f('fk_worktime_team_reviewer_user_id_core_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('group_id', 'user_id', name=op.f('pk_worktime_team_reviewer'))
    )
    with op.batch_alter_table('worktime_time_entry', schema=None) as batch_op:
        batch_op.add_column(sa.Column('customer_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_worktime_time_entry_activity_ref'), ['activity_ref'], unique=False)
        batch_op.create_index(batch_op.f('ix_worktime_time_entry_customer_id'), ['customer_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_worktime_time_entry_customer_id_core_customers'), 'core_customers', ['customer_id'], ['id'])

    multiplier = sa.Numeric(4, 2)
    rule_sets = sa.table('worktime_rule_set', sa.column('code', sa.String), sa.column('name', sa.String),
                         *(sa.column(f'{b}_multiplier', multiplier) for b in ('extended', 'rest', 'holiday', 'in_lieu')),
                         sa.column('rest_day_policy', sa.String), sa.column('is_default', sa.Boolean),
                         sa.column('version', sa.Integer))
    op.bulk_insert(rule_sets, [
        {'code': 'CN-LL44', 'name': "China Labour Law art. 44", 'extended_multiplier': Decimal('1.50'),
         'rest_multiplier': Decimal('2.00'), 'holiday_multiplier': Decimal('3.00'),
         'in_lieu_multiplier': Decimal('1.00'), 'rest_day_policy': 'pay', 'is_default': True, 'version': 1}])
    schedules = sa.table('worktime_schedule', sa.column('name', sa.String), sa.column('week', sa.Text),
                         sa.column('is_default', sa.Boolean), sa.column('note', sa.Text), sa.column('version', sa.Integer))
    op.bulk_insert(schedules, [{'name': "Office hours 9-18", 'week': json.dumps(OFFICE_WEEK), 'is_default': True,
                                'note': '', 'version': 1}])
    leave_types = sa.table('worktime_leave_type', sa.column('code', sa.String), sa.column('name', sa.String),
                           sa.column('paid', sa.Boolean), sa.column('uses_in_lieu', sa.Boolean),
                           sa.column('version', sa.Integer))
    op.bulk_insert(leave_types, [{'code': c, 'name': n, 'paid': p, 'uses_in_lieu': u, 'version': 1}
                                 for c, n, p, u in LEAVE_TYPES])

def downgrade() -> None:
    # Tables only: dropping an index that backs a foreign key first fails on MariaDB.
    with op.batch_alter_table('worktime_time_entry', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_worktime_time_entry_customer_id_core_customers'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_worktime_time_entry_customer_id'))
        batch_op.drop_index(batch_op.f('ix_worktime_time_entry_activity_ref'))
        batch_op.drop_column('customer_id')
    for table in ('worktime_team_reviewer', 'worktime_segment', 'worktime_adjustment', 'worktime_timesheet',
                  'worktime_schedule_assignment', 'worktime_reminder', 'worktime_project', 'worktime_leave',
                  'worktime_hourly_rate', 'worktime_schedule', 'worktime_rule_set', 'worktime_org_day',
                  'worktime_leave_type'):
        op.drop_table(table)
