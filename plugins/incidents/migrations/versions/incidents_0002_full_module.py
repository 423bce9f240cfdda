"""incidents: the full module — categories, priority matrix, SLA definitions and ladders, clocks,
escalations, work orders, notes, attachments, history, knowledge base, saved filters.

Existing incidents keep their category (matched by name into the new tree, or added to it),
get ``updated_at = opened_at`` and are picked up by the SLA sweep, which builds their clocks.

Revision ID: incidents_0002
Revises: incidents_0001
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import mysql

from console.api import UTCDateTime

revision = 'incidents_0002'
down_revision = 'incidents_0001'
branch_labels = None
depends_on = None

#: The default category tree: (parent, child) names; a parent of None is a top-level category.
CATEGORIES = (
    ("硬件 Hardware", ("服务器 Server", "存储 Storage", "网络 Network", "打印机 Printer", "终端 PC")),
    ("软件 Software", ("操作系统 Operating system", "数据库 Database", "办公软件 Office", "业务系统 Business application")),
    ("服务请求 Service request", ("账号权限 Accounts and access", "安装移机 Install and move", "咨询 Enquiry")),
)
#: The P1–P4 matrix the placeholder used: high × high is P1, each step down lowers it by one.
LEVELS = ("high", "medium", "low")
#: Default SLA targets (24×7), as the placeholder had for resolve, plus a response target.
DEFINITIONS = (
    ("标准响应 Standard response", "response", "created", "in_progress", "", (30, 60, 240, 480)),
    ("标准解决 Standard resolve", "resolve", "created", "resolved", "waiting_customer,customer_delay",
     (240, 480, 1440, 4320)),
)
#: The default ladder on the resolve target (DOMAIN.md: 50 %, 75 %, 100 %, 150 %).
LADDER = ((1, 50, "notify", "assignee", None), (2, 75, "notify", "group_lead", None),
          (3, 100, "notify", "manager", 60), (4, 150, "raise_priority", None, None))


def upgrade() -> None:
    op.create_table('incidents_category',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['parent_id'], ['incidents_category.id'], name=op.f('fk_incidents_category_parent_id_incidents_category')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_incidents_category'))
    )
    with op.batch_alter_table('incidents_category', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_incidents_category_parent_id'), ['parent_id'], unique=False)

    op.create_table('incidents_priority_cell',
    sa.Column('impact', sa.String(length=8), nullable=False),
    sa.Column('urgency', sa.String(length=8), nullable=False),
    sa.Column('priority', sa.String(length=2), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('impact', 'urgency', name=op.f('pk_incidents_priority_cell'))
    )
    op.create_table('incidents_sla_definition',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=128), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('scope', sa.String(length=16), nullable=False),
    sa.Column('metric', sa.String(length=16), nullable=False),
    sa.Column('start_event', sa.String(length=16), nullable=False),
    sa.Column('stop_event', sa.String(length=16), nullable=False),
    sa.Column('pause_reasons', sa.String(length=255), nullable=False),
    sa.Column('calendar_name', sa.String(length=128), nullable=True),
    sa.Column('service_level', sa.String(length=32), nullable=True),
    sa.Column('work_order_kind', sa.String(length=24), nullable=True),
    sa.Column('p1_minutes', sa.Integer(), nullable=True),
    sa.Column('p2_minutes', sa.Integer(), nullable=True),
    sa.Column('p3_minutes', sa.Integer(), nullable=True),
    sa.Column('p4_minutes', sa.Integer(), nullable=True),
    sa.Column('distance_rules', sa.String(length=255), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_incidents_sla_definition')),
    sa.UniqueConstraint('name', name=op.f('uq_incidents_sla_definition_name'))
    )
    op.create_table('incidents_kb_article',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=255), nullable=False),
    sa.Column('category_id', sa.Integer(), nullable=True),
    sa.Column('symptom', sa.Text(), nullable=False),
    sa.Column('solution', sa.Text(), nullable=False),
    sa.Column('keywords', sa.String(length=255), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('source_incident', sa.String(length=24), nullable=True),
    sa.Column('author', sa.String(length=128), nullable=False),
    sa.Column('reviewer', sa.String(length=128), nullable=True),
    sa.Column('review_comment', sa.Text(), nullable=False),
    sa.Column('created_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('published_at', UTCDateTime(timezone=True), nullable=True),
    sa.Column('views', sa.Integer(), nullable=False),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['category_id'], ['incidents_category.id'], name=op.f('fk_incidents_kb_article_category_id_incidents_category')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_incidents_kb_article'))
    )
    with op.batch_alter_table('incidents_kb_article', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_incidents_kb_article_category_id'), ['category_id'], unique=False)
        batch_op.create_index('ix_incidents_kb_article_status_updated', ['status', 'updated_at'], unique=False)

    op.create_table('incidents_saved_filter',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('page_id', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('search', sa.String(length=255), nullable=False),
    sa.Column('choices', sa.String(length=255), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['core_users.id'], name=op.f('fk_incidents_saved_filter_user_id_core_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_incidents_saved_filter')),
    sa.UniqueConstraint('user_id', 'page_id', 'name', name=op.f('uq_incidents_saved_filter_user_id_page_id_name'))
    )
    op.create_table('incidents_standard_text',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('category_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('title', sa.String(length=128), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['category_id'], ['incidents_category.id'], name=op.f('fk_incidents_standard_text_category_id_incidents_category')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_incidents_standard_text'))
    )
    with op.batch_alter_table('incidents_standard_text', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_incidents_standard_text_category_id'), ['category_id'], unique=False)

    op.create_table('incidents_escalation_level',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('definition_id', sa.Integer(), nullable=False),
    sa.Column('level', sa.Integer(), nullable=False),
    sa.Column('trigger', sa.String(length=8), nullable=False),
    sa.Column('share_percent', sa.Integer(), nullable=True),
    sa.Column('offset_minutes', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=16), nullable=False),
    sa.Column('notify_target', sa.String(length=16), nullable=True),
    sa.Column('role', sa.String(length=64), nullable=True),
    sa.Column('group_id', sa.Integer(), nullable=True),
    sa.Column('repeat_minutes', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['definition_id'], ['incidents_sla_definition.id'], name=op.f('fk_incidents_escalation_level_definition_id_incidents_sla_definition'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['group_id'], ['core_groups.id'], name=op.f('fk_incidents_escalation_level_group_id_core_groups')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_incidents_escalation_level'))
    )
    with op.batch_alter_table('incidents_escalation_level', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_incidents_escalation_level_definition_id'), ['definition_id'], unique=False)

    op.create_table('incidents_attachment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('incident_id', sa.Integer(), nullable=False),
    sa.Column('file_name', sa.String(length=255), nullable=False),
    sa.Column('content_type', sa.String(length=128), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('data', sa.LargeBinary().with_variant(mysql.LONGBLOB(), 'mariadb').with_variant(mysql.LONGBLOB(), 'mysql'), nullable=False),
    sa.Column('added_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('added_by', sa.String(length=128), nullable=False),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents_incident.id'], name=op.f('fk_incidents_attachment_incident_id_incidents_incident'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_incidents_attachment'))
    )
    with op.batch_alter_table('incidents_attachment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_incidents_attachment_incident_id'), ['incident_id'], unique=False)

    op.create_table('incidents_clock',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('incident_id', sa.Integer(), nullable=False),
    sa.Column('definition_id', sa.Integer(), nullable=False),
    sa.Column('definition_version', sa.Integer(), nullable=False),
    sa.Column('subject', sa.String(length=32), nullable=False),
    sa.Column('metric', sa.String(length=16), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('target_minutes', sa.Integer(), nullable=True),
    sa.Column('started_at', UTCDateTime(timezone=True), nullable=True),
    sa.Column('due_at', UTCDateTime(timezone=True), nullable=True),
    sa.Column('breached_at', UTCDateTime(timezone=True), nullable=True),
    sa.Column('stopped_at', UTCDateTime(timezone=True), nullable=True),
    sa.Column('elapsed_minutes', sa.Integer(), nullable=False),
    sa.Column('next_check_at', UTCDateTime(timezone=True), nullable=True),
    sa.Column('computed_at', UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['definition_id'], ['incidents_sla_definition.id'], name=op.f('fk_incidents_clock_definition_id_incidents_sla_definition'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents_incident.id'], name=op.f('fk_incidents_clock_incident_id_incidents_incident'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_incidents_clock')),
    sa.UniqueConstraint('incident_id', 'definition_id', 'subject', name=op.f('uq_incidents_clock_incident_id_definition_id_subject'))
    )
    with op.batch_alter_table('incidents_clock', schema=None) as batch_op:
        batch_op.create_index('ix_incidents_clock_definition', ['definition_id', 'definition_version'], unique=False)
        batch_op.create_index('ix_incidents_clock_next_check', ['next_check_at'], unique=False)
        batch_op.create_index('ix_incidents_clock_started', ['started_at'], unique=False)
        batch_op.create_index('ix_incidents_clock_state_due', ['state', 'due_at'], unique=False)

    op.create_table('incidents_field_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('incident_id', sa.Integer(), nullable=False),
    sa.Column('at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.String(length=64), nullable=False),
    sa.Column('field', sa.String(length=32), nullable=False),
    sa.Column('old_value', sa.String(length=255), nullable=True),
    sa.Column('new_value', sa.String(length=255), nullable=True),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents_incident.id'], name=op.f('fk_incidents_field_change_incident_id_incidents_incident'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_incidents_field_change'))
    )
    with op.batch_alter_table('incidents_field_change', schema=None) as batch_op:
        batch_op.create_index('ix_incidents_field_change_incident', ['incident_id', 'at'], unique=False)

    op.create_table('incidents_note',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('incident_id', sa.Integer(), nullable=False),
    sa.Column('at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('author', sa.String(length=128), nullable=False),
    sa.Column('visibility', sa.String(length=16), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('source', sa.String(length=32), nullable=True),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents_incident.id'], name=op.f('fk_incidents_note_incident_id_incidents_incident'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_incidents_note'))
    )
    with op.batch_alter_table('incidents_note', schema=None) as batch_op:
        batch_op.create_index('ix_incidents_note_incident', ['incident_id', 'at'], unique=False)

    op.create_table('incidents_work_order',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('incident_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=32), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('title', sa.String(length=255), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('pending_reason', sa.String(length=32), nullable=True),
    sa.Column('assignee_id', sa.Integer(), nullable=True),
    sa.Column('group_id', sa.Integer(), nullable=True),
    sa.Column('partner_code', sa.String(length=32), nullable=True),
    sa.Column('service_order', sa.String(length=48), nullable=True),
    sa.Column('created_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('done_at', UTCDateTime(timezone=True), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['assignee_id'], ['core_users.id'], name=op.f('fk_incidents_work_order_assignee_id_core_users')),
    sa.ForeignKeyConstraint(['group_id'], ['core_groups.id'], name=op.f('fk_incidents_work_order_group_id_core_groups')),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents_incident.id'], name=op.f('fk_incidents_work_order_incident_id_incidents_incident'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_incidents_work_order')),
    sa.UniqueConstraint('number', name=op.f('uq_incidents_work_order_number'))
    )
    with op.batch_alter_table('incidents_work_order', schema=None) as batch_op:
        batch_op.create_index('ix_incidents_work_order_assignee_status', ['assignee_id', 'status'], unique=False)
        batch_op.create_index('ix_incidents_work_order_created', ['created_at', 'number'], unique=False)
        batch_op.create_index(batch_op.f('ix_incidents_work_order_incident_id'), ['incident_id'], unique=False)
        batch_op.create_index('ix_incidents_work_order_status_created', ['status', 'created_at', 'number'], unique=False)

    op.create_table('incidents_escalation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('incident_id', sa.Integer(), nullable=False),
    sa.Column('clock_id', sa.Integer(), nullable=False),
    sa.Column('level', sa.Integer(), nullable=False),
    sa.Column('repetition', sa.Integer(), nullable=False),
    sa.Column('fired_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('action', sa.String(length=16), nullable=False),
    sa.Column('summary', sa.String(length=255), nullable=False),
    sa.Column('acknowledged_at', UTCDateTime(timezone=True), nullable=True),
    sa.Column('acknowledged_by', sa.String(length=128), nullable=True),
    sa.ForeignKeyConstraint(['clock_id'], ['incidents_clock.id'], name=op.f('fk_incidents_escalation_clock_id_incidents_clock'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents_incident.id'], name=op.f('fk_incidents_escalation_incident_id_incidents_incident'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_incidents_escalation')),
    sa.UniqueConstraint('incident_id', 'clock_id', 'level', 'repetition', name=op.f('uq_incidents_escalation_incident_id_clock_id_level_repetition'))
    )
    with op.batch_alter_table('incidents_escalation', schema=None) as batch_op:
        batch_op.create_index('ix_incidents_escalation_clock', ['clock_id', 'level'], unique=False)
        batch_op.create_index('ix_incidents_escalation_open', ['acknowledged_at', 'fired_at'], unique=False)

    op.create_table('incidents_milestone',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('incident_id', sa.Integer(), nullable=False),
    sa.Column('at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('name', sa.String(length=16), nullable=False),
    sa.Column('work_order_id', sa.Integer(), nullable=True),
    sa.Column('actor', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents_incident.id'], name=op.f('fk_incidents_milestone_incident_id_incidents_incident'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['work_order_id'], ['incidents_work_order.id'], name=op.f('fk_incidents_milestone_work_order_id_incidents_work_order'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_incidents_milestone'))
    )
    with op.batch_alter_table('incidents_milestone', schema=None) as batch_op:
        batch_op.create_index('ix_incidents_milestone_incident', ['incident_id', 'at'], unique=False)

    op.create_table('incidents_work_order_status',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('work_order_id', sa.Integer(), nullable=False),
    sa.Column('at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('reason', sa.String(length=32), nullable=True),
    sa.Column('actor', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['work_order_id'], ['incidents_work_order.id'], name=op.f('fk_incidents_work_order_status_work_order_id_incidents_work_order'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_incidents_work_order_status'))
    )
    with op.batch_alter_table('incidents_work_order_status', schema=None) as batch_op:
        batch_op.create_index('ix_incidents_work_order_status_order', ['work_order_id', 'at'], unique=False)


    _seed_configuration()
    _search_index()
    _incident_columns()


def _seed_configuration() -> None:
    """The category tree (plus any category existing incidents use), the matrix and the default SLAs."""
    bind = op.get_bind()
    category = sa.table('incidents_category', sa.column('id', sa.Integer), sa.column('parent_id', sa.Integer),
                        sa.column('name', sa.String), sa.column('position', sa.Integer),
                        sa.column('active', sa.Boolean), sa.column('version', sa.Integer))
    next_id = 1
    known = set()
    rows = []
    for position, (parent, children) in enumerate(CATEGORIES):
        parent_id = next_id
        rows.append({"id": parent_id, "parent_id": None, "name": parent, "position": position})
        next_id += 1
        for child_position, child in enumerate(children):
            rows.append({"id": next_id, "parent_id": parent_id, "name": child, "position": child_position})
            known.add(child)
            next_id += 1
    used = [r[0] for r in bind.execute(sa.text("SELECT DISTINCT category FROM incidents_incident"))]
    for position, name in enumerate(sorted(set(used) - known), start=len(CATEGORIES)):
        rows.append({"id": next_id, "parent_id": None, "name": name[:64], "position": position})
        next_id += 1
    op.bulk_insert(category, [{**r, "active": True, "version": 1} for r in rows])
    cell = sa.table('incidents_priority_cell', sa.column('impact', sa.String), sa.column('urgency', sa.String),
                    sa.column('priority', sa.String), sa.column('version', sa.Integer))
    op.bulk_insert(cell, [{"impact": i, "urgency": u, "priority": f"P{min(LEVELS.index(i) + LEVELS.index(u), 3) + 1}",
                           "version": 1} for i in LEVELS for u in LEVELS])
    definition = sa.table('incidents_sla_definition', *(sa.column(c) for c in (
        'id', 'name', 'kind', 'scope', 'metric', 'start_event', 'stop_event', 'pause_reasons', 'calendar_name',
        'service_level', 'work_order_kind', 'p1_minutes', 'p2_minutes', 'p3_minutes', 'p4_minutes', 'distance_rules', 'active',
        'version')))
    op.bulk_insert(definition, [
        {"id": n, "name": name, "kind": "sla", "scope": "incident", "metric": metric, "start_event": start,
         "stop_event": stop, "pause_reasons": pauses, "calendar_name": None, "service_level": None, "work_order_kind": None,
         "p1_minutes": p1, "p2_minutes": p2, "p3_minutes": p3, "p4_minutes": p4, "distance_rules": None,
         "active": True, "version": 1}
        for n, (name, metric, start, stop, pauses, (p1, p2, p3, p4)) in enumerate(DEFINITIONS, start=1)])
    level = sa.table('incidents_escalation_level', *(sa.column(c) for c in (
        'definition_id', 'level', 'trigger', 'share_percent', 'action', 'notify_target', 'repeat_minutes')))
    op.bulk_insert(level, [{"definition_id": 2, "level": n, "trigger": "share", "share_percent": share,
                            "action": action, "notify_target": target, "repeat_minutes": repeat}
                           for n, share, action, target, repeat in LADDER])
    if bind.dialect.name == "postgresql":  # explicit ids leave the serial sequences behind
        for table in ("incidents_category", "incidents_sla_definition"):
            op.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")


def _search_index() -> None:
    """PostgreSQL: the knowledge search's pg_trgm GIN index (a hash index, and ILIKE scans, without pg_trgm).

    SQLite's FTS5 trigram table is built by the plugin itself (``knowledge.ensure_search_index``):
    alembic cannot compare a virtual table and its shadow tables with the models. MariaDB 10.11
    has no n-gram parser for Chinese; its search scans ``search_text`` (see docs/plugins/incidents.md).
    """
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        with bind.begin_nested() as savepoint:
            try:
                bind.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
            except sa.exc.DBAPIError:
                savepoint.rollback()
        trigram = bind.execute(sa.text("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")).first()
        using = "gin (search_text gin_trgm_ops)" if trigram else "hash (search_text)"
        op.execute(f"CREATE INDEX ix_incidents_kb_article_search_text ON incidents_kb_article USING {using}")
    else:
        with op.batch_alter_table('incidents_kb_article', schema=None) as batch_op:
            batch_op.create_index('ix_incidents_kb_article_search_text', ['search_text'], unique=False,
                                  mysql_length={'search_text': 191})


def _incident_columns() -> None:
    """The incident's new columns; its category text becomes a reference into the tree."""
    with op.batch_alter_table('incidents_incident', schema=None) as batch_op:
        batch_op.add_column(sa.Column('resolution', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('caller_name', sa.String(length=128), nullable=True))
        batch_op.add_column(sa.Column('caller_phone', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('category_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('contract_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('service_level', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('billable', sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column('entitlement_note', sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column('charge', sa.Numeric(precision=14, scale=2), nullable=True))
        batch_op.add_column(sa.Column('distance_km', sa.Numeric(precision=8, scale=1), nullable=True))
        batch_op.add_column(sa.Column('onsite_agreed_minutes', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('updated_at', UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('sla_breached', sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column('restored_at', UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('work_order_seq', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('clocks_at', UTCDateTime(timezone=True), nullable=True))
    bind = op.get_bind()
    bind.execute(sa.text(
        "UPDATE incidents_incident SET resolution = '', billable = :no, entitlement_note = '', "
        "updated_at = opened_at, sla_breached = :no, work_order_seq = 0, category_id = "
        "(SELECT min(c.id) FROM incidents_category c WHERE c.name = incidents_incident.category)"),
        {"no": False})
    with op.batch_alter_table('incidents_incident', schema=None) as batch_op:
        for name, kind in (('resolution', sa.Text()), ('category_id', sa.Integer()), ('billable', sa.Boolean()),
                           ('entitlement_note', sa.String(length=255)),
                           ('updated_at', UTCDateTime(timezone=True)), ('sla_breached', sa.Boolean()),
                           ('work_order_seq', sa.Integer())):
            batch_op.alter_column(name, existing_type=kind, nullable=False)
        # New indexes first: on MariaDB an index backing a foreign key can only go once another covers it.
        batch_op.create_index('ix_incidents_incident_asset_status', ['asset_id', 'status'], unique=False)
        batch_op.create_index('ix_incidents_incident_assignee_status', ['assignee_id', 'status'], unique=False)
        batch_op.create_index('ix_incidents_incident_category_opened', ['category_id', 'opened_at', 'number'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_incidents_incident_contract_id'), ['contract_id'], unique=False)
        batch_op.create_index('ix_incidents_incident_due', ['due_at', 'number'], unique=False)
        batch_op.create_index('ix_incidents_incident_group_status', ['group_id', 'status'], unique=False)
        batch_op.create_index('ix_incidents_incident_opened', ['opened_at', 'number'], unique=False)
        batch_op.create_index('ix_incidents_incident_priority_number', ['priority', 'number'], unique=False)
        batch_op.create_index('ix_incidents_incident_status_number', ['status', 'number'], unique=False)
        batch_op.create_index('ix_incidents_incident_priority_opened', ['priority', 'opened_at', 'number'],
                              unique=False)
        batch_op.create_index('ix_incidents_incident_resolved', ['resolved_at'], unique=False)
        batch_op.create_index('ix_incidents_incident_status_opened', ['status', 'opened_at', 'number'],
                              unique=False)
        batch_op.create_index('ix_incidents_incident_clocks_at', ['clocks_at'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_incidents_incident_contract_id_core_service_contracts'),
                                    'core_service_contracts', ['contract_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_incidents_incident_category_id_incidents_category'),
                                    'incidents_category', ['category_id'], ['id'])
        batch_op.drop_index(batch_op.f('ix_incidents_incident_asset_id'))
        batch_op.drop_index(batch_op.f('ix_incidents_incident_assignee_id'))
        batch_op.drop_index(batch_op.f('ix_incidents_incident_group_id'))
        batch_op.drop_index(batch_op.f('ix_incidents_incident_opened_at'))
        batch_op.drop_index(batch_op.f('ix_incidents_incident_status_priority'))
        batch_op.drop_column('category')


def downgrade() -> None:
    # Back to incidents_0001: the category name returns as text, the new tables go.
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for trigger in ("ai", "ad", "au"):
            op.execute(f"DROP TRIGGER IF EXISTS incidents_kb_fts_{trigger}")
        op.execute("DROP TABLE IF EXISTS incidents_kb_fts")
    with op.batch_alter_table('incidents_incident', schema=None) as batch_op:
        batch_op.add_column(sa.Column('category', sa.String(length=64), nullable=True))
        batch_op.create_index(batch_op.f('ix_incidents_incident_asset_id'), ['asset_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_incidents_incident_assignee_id'), ['assignee_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_incidents_incident_group_id'), ['group_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_incidents_incident_opened_at'), ['opened_at'], unique=False)
        batch_op.create_index('ix_incidents_incident_status_priority', ['status', 'priority'], unique=False)
    bind.execute(sa.text("UPDATE incidents_incident SET category = (SELECT c.name FROM incidents_category c "
                         "WHERE c.id = incidents_incident.category_id)"))
    with op.batch_alter_table('incidents_incident', schema=None) as batch_op:
        batch_op.alter_column('category', existing_type=sa.String(length=64), nullable=False)
        batch_op.drop_constraint(batch_op.f('fk_incidents_incident_contract_id_core_service_contracts'),
                                 type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_incidents_incident_category_id_incidents_category'),
                                 type_='foreignkey')
        for index in ('ix_incidents_incident_asset_status', 'ix_incidents_incident_assignee_status',
                      'ix_incidents_incident_category_opened', 'ix_incidents_incident_contract_id',
                      'ix_incidents_incident_due', 'ix_incidents_incident_group_status',
                      'ix_incidents_incident_opened', 'ix_incidents_incident_priority_number',
                      'ix_incidents_incident_status_number', 'ix_incidents_incident_priority_opened',
                      'ix_incidents_incident_resolved', 'ix_incidents_incident_status_opened',
                      'ix_incidents_incident_clocks_at'):
            batch_op.drop_index(index)
        for column in ('resolution', 'caller_name', 'caller_phone', 'category_id', 'contract_id', 'service_level',
                       'billable', 'entitlement_note', 'charge', 'distance_km', 'onsite_agreed_minutes',
                       'updated_at', 'sla_breached', 'restored_at', 'work_order_seq', 'clocks_at'):
            batch_op.drop_column(column)
    for table in ('incidents_work_order_status', 'incidents_milestone', 'incidents_escalation', 'incidents_note',
                  'incidents_field_change', 'incidents_clock', 'incidents_attachment', 'incidents_escalation_level',
                  'incidents_standard_text', 'incidents_saved_filter', 'incidents_kb_article',
                  'incidents_work_order', 'incidents_sla_definition', 'incidents_priority_cell',
                  'incidents_category'):
        op.drop_table(table)
