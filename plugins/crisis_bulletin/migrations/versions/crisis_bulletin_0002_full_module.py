"""crisis_bulletin: numbered problems with history and incident links; bulletin drafts, revisions,
audiences, reminders and escalation; spikes on product, category and asset model

Existing rows are carried over: problems and bulletins get numbers in the order they were
created, published bulletins become active revision 1 for everyone, earlier reads and
acknowledgements count for that revision, and signals seen so far are marked checked.

Revision ID: crisis_bulletin_0002
Revises: crisis_bulletin_0001
"""
import sqlalchemy as sa
from alembic import op

from console.api import UTCDateTime

revision = 'crisis_bulletin_0002'
down_revision = 'crisis_bulletin_0001'
branch_labels = None
depends_on = None

PROBLEM_TEXTS = ('impact', 'products', 'models', 'versions', 'assets', 'root_cause', 'fix')


def upgrade() -> None:
    _create_tables()
    _grow_problems()
    _grow_bulletins()
    _grow_acknowledgements()
    _grow_signals()


def _create_tables() -> None:
    op.create_table('crisis_bulletin_sequence',
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('last_value', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('kind', 'year', name=op.f('pk_crisis_bulletin_sequence'))
    )
    op.create_table('crisis_bulletin_problem_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('problem_id', sa.Integer(), nullable=False),
    sa.Column('at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.String(length=64), nullable=False),
    sa.Column('action', sa.String(length=24), nullable=False),
    sa.Column('status', sa.String(length=24), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['problem_id'], ['crisis_bulletin_problem.id'], name=op.f('fk_crisis_bulletin_problem_change_problem_id_crisis_bulletin_problem'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_crisis_bulletin_problem_change'))
    )
    with op.batch_alter_table('crisis_bulletin_problem_change', schema=None) as batch_op:
        batch_op.create_index('ix_crisis_bulletin_problem_change_problem_at', ['problem_id', 'at'], unique=False)
    op.create_table('crisis_bulletin_problem_incident',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('problem_id', sa.Integer(), nullable=False),
    sa.Column('incident_number', sa.String(length=32), nullable=False),
    sa.Column('linked_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('linked_by', sa.String(length=64), nullable=False),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['problem_id'], ['crisis_bulletin_problem.id'], name=op.f('fk_crisis_bulletin_problem_incident_problem_id_crisis_bulletin_problem'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_crisis_bulletin_problem_incident')),
    sa.UniqueConstraint('problem_id', 'incident_number', name=op.f('uq_crisis_bulletin_problem_incident_problem_id_incident_number'))
    )
    with op.batch_alter_table('crisis_bulletin_problem_incident', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_crisis_bulletin_problem_incident_incident_number'), ['incident_number'], unique=False)
    op.create_table('crisis_bulletin_audience',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('bulletin_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('value', sa.String(length=128), nullable=False),
    sa.ForeignKeyConstraint(['bulletin_id'], ['crisis_bulletin_bulletin.id'], name=op.f('fk_crisis_bulletin_audience_bulletin_id_crisis_bulletin_bulletin'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_crisis_bulletin_audience')),
    sa.UniqueConstraint('bulletin_id', 'kind', 'value', name=op.f('uq_crisis_bulletin_audience_bulletin_id_kind_value'))
    )
    op.create_table('crisis_bulletin_revision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('bulletin_id', sa.Integer(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.String(length=64), nullable=False),
    sa.Column('title', sa.String(length=255), nullable=False),
    sa.Column('severity', sa.String(length=16), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('valid_until', UTCDateTime(timezone=True), nullable=True),
    sa.Column('ack_deadline', UTCDateTime(timezone=True), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('asks_ack', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['bulletin_id'], ['crisis_bulletin_bulletin.id'], name=op.f('fk_crisis_bulletin_revision_bulletin_id_crisis_bulletin_bulletin'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_crisis_bulletin_revision')),
    sa.UniqueConstraint('bulletin_id', 'revision', name=op.f('uq_crisis_bulletin_revision_bulletin_id_revision'))
    )
    op.create_table('crisis_bulletin_spike',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('dimension', sa.String(length=16), nullable=False),
    sa.Column('value', sa.String(length=128), nullable=False),
    sa.Column('first_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('last_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('incidents', sa.Integer(), nullable=False),
    sa.Column('detected_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('problem_id', sa.Integer(), nullable=False),
    sa.Column('bulletin_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['bulletin_id'], ['crisis_bulletin_bulletin.id'], name=op.f('fk_crisis_bulletin_spike_bulletin_id_crisis_bulletin_bulletin'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['problem_id'], ['crisis_bulletin_problem.id'], name=op.f('fk_crisis_bulletin_spike_problem_id_crisis_bulletin_problem'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_crisis_bulletin_spike'))
    )
    with op.batch_alter_table('crisis_bulletin_spike', schema=None) as batch_op:
        batch_op.create_index('ix_crisis_bulletin_spike_dimension_value_last_at', ['dimension', 'value', 'last_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_crisis_bulletin_spike_problem_id'), ['problem_id'], unique=False)


def _numbered(rows, kind: str) -> tuple[list[dict], list[dict]]:
    """``{"id", "number"}`` for each ``(id, created)`` row in creation order, and the sequence rows to store."""
    last: dict[int, int] = {}
    numbers = []
    for row_id, created in sorted(rows, key=lambda r: (r[1], r[0])):
        last[created.year] = last.get(created.year, 0) + 1
        numbers.append({"row_id": row_id, "number": f"{kind}-{created.year}-{last[created.year]:04d}"})
    return numbers, [{"kind": kind, "year": year, "last_value": value} for year, value in sorted(last.items())]


def _grow_problems() -> None:
    with op.batch_alter_table('crisis_bulletin_problem', schema=None) as batch_op:
        batch_op.add_column(sa.Column('number', sa.String(length=16), nullable=True))
        for name in PROBLEM_TEXTS:
            batch_op.add_column(sa.Column(name, sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('external_ref', sa.String(length=128), nullable=True))
        batch_op.add_column(sa.Column('source', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('created_by', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('updated_at', UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('workaround_published_at', UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('resolved_at', UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('closed_at', UTCDateTime(timezone=True), nullable=True))
    problem = sa.table('crisis_bulletin_problem', sa.column('id', sa.Integer), sa.column('number', sa.String),
                       sa.column('created_at', UTCDateTime()), sa.column('updated_at', UTCDateTime()),
                       sa.column('workaround', sa.Text), sa.column('workaround_published_at', UTCDateTime()),
                       *(sa.column(name, sa.Text) for name in (*PROBLEM_TEXTS, 'external_ref', 'source',
                                                               'created_by')))
    bind = op.get_bind()
    numbers, sequences = _numbered(bind.execute(sa.select(problem.c.id, problem.c.created_at)).all(), "PRB")
    if numbers:
        bind.execute(problem.update().where(problem.c.id == sa.bindparam('row_id'))
                     .values(number=sa.bindparam('number')), numbers)
    bind.execute(problem.update().values(
        source='manual', created_by='', external_ref='', updated_at=problem.c.created_at,
        **{name: '' for name in PROBLEM_TEXTS}))
    bind.execute(problem.update().where(problem.c.workaround != '')
                 .values(workaround_published_at=problem.c.created_at))
    if sequences:
        op.bulk_insert(sa.table('crisis_bulletin_sequence', sa.column('kind', sa.String),
                                sa.column('year', sa.Integer), sa.column('last_value', sa.Integer)), sequences)
    with op.batch_alter_table('crisis_bulletin_problem', schema=None) as batch_op:
        batch_op.alter_column('number', existing_type=sa.String(length=16), nullable=False)
        for name in PROBLEM_TEXTS:
            batch_op.alter_column(name, existing_type=sa.Text(), nullable=False)
        batch_op.alter_column('external_ref', existing_type=sa.String(length=128), nullable=False)
        batch_op.alter_column('source', existing_type=sa.String(length=16), nullable=False)
        batch_op.alter_column('created_by', existing_type=sa.String(length=64), nullable=False)
        batch_op.alter_column('updated_at', existing_type=UTCDateTime(timezone=True), nullable=False)
        batch_op.create_index(batch_op.f('ix_crisis_bulletin_problem_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_crisis_bulletin_problem_updated_at'), ['updated_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_crisis_bulletin_problem_workaround_published_at'), ['workaround_published_at'], unique=False)
        batch_op.create_unique_constraint(batch_op.f('uq_crisis_bulletin_problem_number'), ['number'])


def _grow_bulletins() -> None:
    with op.batch_alter_table('crisis_bulletin_bulletin', schema=None) as batch_op:
        batch_op.add_column(sa.Column('number', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('status', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('revision', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('ack_revision', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('valid_from', UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('valid_until', UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('source', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('created_at', UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('created_by', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('updated_at', UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('published_by', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('withdrawn_at', UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('withdrawn_by', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('withdraw_reason', sa.Text(), nullable=True))
    bulletin = sa.table('crisis_bulletin_bulletin', *(sa.column(n) for n in (
        'id', 'number', 'status', 'revision', 'ack_revision', 'source', 'created_by', 'withdraw_reason', 'title',
        'severity', 'body')), *(sa.column(n, UTCDateTime()) for n in (
            'valid_from', 'created_at', 'updated_at', 'published_at', 'ack_deadline')))
    bind = op.get_bind()
    existing = bind.execute(sa.select(bulletin.c.id, bulletin.c.published_at, bulletin.c.title, bulletin.c.severity,
                                      bulletin.c.body, bulletin.c.ack_deadline)).all()
    numbers, sequences = _numbered([(row.id, row.published_at) for row in existing], "BUL")
    if numbers:
        bind.execute(bulletin.update().where(bulletin.c.id == sa.bindparam('row_id'))
                     .values(number=sa.bindparam('number')), numbers)
        op.bulk_insert(sa.table('crisis_bulletin_sequence', sa.column('kind', sa.String),
                                sa.column('year', sa.Integer), sa.column('last_value', sa.Integer)), sequences)
        op.bulk_insert(sa.table('crisis_bulletin_revision', *(sa.column(n) for n in (
            'bulletin_id', 'revision', 'actor', 'title', 'severity', 'body', 'note', 'asks_ack')),
            sa.column('at', UTCDateTime()), sa.column('ack_deadline', UTCDateTime())), [
            {"bulletin_id": row.id, "revision": 1, "at": row.published_at, "actor": "", "title": row.title,
             "severity": row.severity, "body": row.body, "ack_deadline": row.ack_deadline, "note": "",
             "asks_ack": True} for row in existing])
        op.bulk_insert(sa.table('crisis_bulletin_audience', sa.column('bulletin_id'), sa.column('kind'),
                                sa.column('value')),
                       [{"bulletin_id": row.id, "kind": "everyone", "value": ""} for row in existing])
    bind.execute(bulletin.update().values(
        status='active', revision=1, ack_revision=1, source='manual', created_by='', withdraw_reason='',
        valid_from=bulletin.c.published_at, created_at=bulletin.c.published_at,
        updated_at=bulletin.c.published_at))
    with op.batch_alter_table('crisis_bulletin_bulletin', schema=None) as batch_op:
        for name, kind in (('status', sa.String(length=16)), ('revision', sa.Integer()),
                           ('ack_revision', sa.Integer()), ('source', sa.String(length=16)),
                           ('created_at', UTCDateTime(timezone=True)), ('created_by', sa.String(length=64)),
                           ('updated_at', UTCDateTime(timezone=True)), ('withdraw_reason', sa.Text())):
            batch_op.alter_column(name, existing_type=kind, nullable=False)
        batch_op.alter_column('ack_deadline', existing_type=UTCDateTime(timezone=True), nullable=True)
        batch_op.alter_column('published_at', existing_type=UTCDateTime(timezone=True), nullable=True)
        batch_op.create_index('ix_crisis_bulletin_bulletin_status_severity', ['status', 'severity'], unique=False)
        batch_op.create_unique_constraint(batch_op.f('uq_crisis_bulletin_bulletin_number'), ['number'])


def _grow_acknowledgements() -> None:
    with op.batch_alter_table('crisis_bulletin_ack', schema=None) as batch_op:
        batch_op.add_column(sa.Column('read_revision', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('acknowledged_revision', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('reminders', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('reminded_at', UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('escalated_at', UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('escalated_to', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_crisis_bulletin_ack_escalated_to_core_users'), 'core_users', ['escalated_to'], ['id'])
    ack = sa.table('crisis_bulletin_ack', sa.column('read_at'), sa.column('acknowledged_at'),
                   sa.column('read_revision'), sa.column('acknowledged_revision'))
    op.execute(ack.update().where(ack.c.read_at.is_not(None)).values(read_revision=1))
    op.execute(ack.update().where(ack.c.acknowledged_at.is_not(None)).values(acknowledged_revision=1))


def _grow_signals() -> None:
    with op.batch_alter_table('crisis_bulletin_incident_signal', schema=None) as batch_op:
        batch_op.add_column(sa.Column('product', sa.String(length=128), nullable=True))
        batch_op.add_column(sa.Column('asset_model', sa.String(length=128), nullable=True))
        batch_op.add_column(sa.Column('checked', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.create_index('ix_crisis_bulletin_incident_signal_asset_model_at', ['asset_model', 'at'], unique=False)
        batch_op.create_index(batch_op.f('ix_crisis_bulletin_incident_signal_checked'), ['checked'], unique=False)
        batch_op.create_index('ix_crisis_bulletin_incident_signal_product_at', ['product', 'at'], unique=False)
    signal = sa.table('crisis_bulletin_incident_signal', sa.column('checked', sa.Boolean))
    op.execute(signal.update().values(checked=True))  # the old listener already judged these


def downgrade() -> None:
    op.drop_table('crisis_bulletin_spike')
    op.drop_table('crisis_bulletin_revision')
    op.drop_table('crisis_bulletin_audience')
    op.drop_table('crisis_bulletin_problem_incident')
    op.drop_table('crisis_bulletin_problem_change')
    op.drop_table('crisis_bulletin_sequence')
    with op.batch_alter_table('crisis_bulletin_incident_signal', schema=None) as batch_op:
        batch_op.drop_index('ix_crisis_bulletin_incident_signal_product_at')
        batch_op.drop_index(batch_op.f('ix_crisis_bulletin_incident_signal_checked'))
        batch_op.drop_index('ix_crisis_bulletin_incident_signal_asset_model_at')
        batch_op.drop_column('checked')
        batch_op.drop_column('asset_model')
        batch_op.drop_column('product')
    with op.batch_alter_table('crisis_bulletin_ack', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_crisis_bulletin_ack_escalated_to_core_users'), type_='foreignkey')
        for name in ('escalated_to', 'escalated_at', 'reminded_at', 'reminders', 'acknowledged_revision',
                     'read_revision'):
            batch_op.drop_column(name)
    bulletin = sa.table('crisis_bulletin_bulletin', sa.column('published_at'), sa.column('ack_deadline'))
    op.execute(bulletin.delete().where(sa.or_(bulletin.c.published_at.is_(None), bulletin.c.ack_deadline.is_(None))))
    with op.batch_alter_table('crisis_bulletin_bulletin', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_crisis_bulletin_bulletin_number'), type_='unique')
        batch_op.drop_index('ix_crisis_bulletin_bulletin_status_severity')
        batch_op.alter_column('published_at', existing_type=UTCDateTime(timezone=True), nullable=False)
        batch_op.alter_column('ack_deadline', existing_type=UTCDateTime(timezone=True), nullable=False)
        for name in ('withdraw_reason', 'withdrawn_by', 'withdrawn_at', 'published_by', 'updated_at', 'created_by',
                     'created_at', 'source', 'valid_until', 'valid_from', 'ack_revision', 'revision', 'status',
                     'number'):
            batch_op.drop_column(name)
    with op.batch_alter_table('crisis_bulletin_problem', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_crisis_bulletin_problem_number'), type_='unique')
        batch_op.drop_index(batch_op.f('ix_crisis_bulletin_problem_workaround_published_at'))
        batch_op.drop_index(batch_op.f('ix_crisis_bulletin_problem_updated_at'))
        batch_op.drop_index(batch_op.f('ix_crisis_bulletin_problem_status'))
        for name in ('closed_at', 'resolved_at', 'workaround_published_at', 'updated_at', 'created_by', 'source',
                     'external_ref', 'number', *PROBLEM_TEXTS):
            batch_op.drop_column(name)
