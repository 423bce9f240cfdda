"""Incident tables, all named ``incidents_<thing>``.

The record itself (incident, status history, field history, notes, attachments, milestones),
its configuration (category tree, priority matrix, standard texts), SLA definitions with
their escalation ladders, the derived clock rows (rebuilt from history by ``sla.clocks``),
escalation firings, work orders, knowledge articles and saved list filters.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import Boolean, ForeignKey, Index, Integer, LargeBinary, Numeric, String, Text, UniqueConstraint
from sqlalchemy.dialects import mysql
from sqlalchemy.orm import Mapped, mapped_column

from console.api import Base, Money, UTCDateTime, Versioned

CHANNELS = ("phone", "email", "portal", "walk_in")
LEVELS = ("high", "medium", "low")  # impact and urgency
PRIORITIES = ("P1", "P2", "P3", "P4")
STATUSES = ("new", "assigned", "in_progress", "pending", "resolved", "reopened", "closed")
OPEN_STATUSES = ("new", "assigned", "in_progress", "pending", "reopened")
DONE_STATUSES = ("resolved", "closed")
PENDING_REASONS = ("waiting_customer", "waiting_parts", "waiting_vendor", "customer_delay")
NOTE_VISIBILITY = ("internal", "customer")
MILESTONES = ("dispatched", "arrived", "restored")

WORK_ORDER_KINDS = ("onsite_visit", "group_support", "partner_dispatch")
WORK_ORDER_STATUSES = ("open", "assigned", "dispatched", "in_progress", "on_site", "pending", "done", "cancelled")
WORK_ORDER_DONE = ("done", "cancelled")

SLA_KINDS = ("sla", "ola", "uc")  # service level, operational level (team), underpinning contract (partner)
SLA_SCOPES = ("incident", "work_order")
SLA_METRICS = ("response", "onsite", "restore", "resolve")
#: Events a clock can start or stop at, per scope (statuses and milestones).
INCIDENT_EVENTS = ("created", "assigned", "in_progress", "dispatched", "arrived", "restored", "resolved", "closed")
WORK_ORDER_EVENTS = ("created", "assigned", "dispatched", "in_progress", "on_site", "done")
CLOCK_STATES = ("not_started", "running", "paused", "met", "breached", "cancelled", "no_target")

LEVEL_TRIGGERS = ("share", "offset")
LEVEL_ACTIONS = ("notify", "reassign", "raise_priority")
NOTIFY_TARGETS = ("assignee", "group_lead", "manager", "role")

ARTICLE_STATUSES = ("draft", "in_review", "published", "retired")
STANDARD_KINDS = ("description", "solution")

Blob = LargeBinary().with_variant(mysql.LONGBLOB(), "mysql", "mariadb")


class NumberSequence(Base):
    """The last incident number handed out per year; incremented under the row's lock."""

    __tablename__ = "incidents_number_sequence"
    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_value: Mapped[int] = mapped_column(Integer, nullable=False)


class Category(Versioned, Base):
    """A node of the category tree (服务器 › 硬盘); ``parent_id`` is empty for a top-level category."""

    __tablename__ = "incidents_category"
    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("incidents_category.id"), index=True)
    name: Mapped[str] = mapped_column(String(64), nullable=False)
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)


class PriorityCell(Versioned, Base):
    """One cell of the editable impact × urgency → priority matrix."""

    __tablename__ = "incidents_priority_cell"
    impact: Mapped[str] = mapped_column(String(8), primary_key=True)
    urgency: Mapped[str] = mapped_column(String(8), primary_key=True)
    priority: Mapped[str] = mapped_column(String(2), nullable=False)


class StandardText(Versioned, Base):
    """A standard description or standard solution of a category (标准描述/标准解决方案)."""

    __tablename__ = "incidents_standard_text"
    id: Mapped[int] = mapped_column(primary_key=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("incidents_category.id"), nullable=False, index=True)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    title: Mapped[str] = mapped_column(String(128), nullable=False)
    body: Mapped[str] = mapped_column(Text, nullable=False)
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)


class Incident(Versioned, Base):
    """An incident or service request (事件/服务请求), numbered ``INC-<year>-<nnnnnn>``.

    ``due_at`` (the next deadline of a running clock) and ``sla_breached`` are derived from the
    clocks and rebuilt with them; ``clocks_at`` is when the clocks were last rebuilt (empty: never,
    so the sweep builds them). ``distance_km`` is the distance from the nearest service centre to
    the site, kept for the onsite distance table.
    """

    __tablename__ = "incidents_incident"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(24), unique=True, nullable=False)
    title: Mapped[str] = mapped_column(String(255), nullable=False)
    description: Mapped[str] = mapped_column(Text, nullable=False, default="")
    resolution: Mapped[str] = mapped_column(Text, nullable=False, default="")
    channel: Mapped[str] = mapped_column(String(16), nullable=False)
    caller_name: Mapped[str | None] = mapped_column(String(128))
    caller_phone: Mapped[str | None] = mapped_column(String(32))
    customer_id: Mapped[int] = mapped_column(ForeignKey("core_customers.id"), nullable=False, index=True)
    site_id: Mapped[int | None] = mapped_column(ForeignKey("core_sites.id"), index=True)
    asset_id: Mapped[int | None] = mapped_column(ForeignKey("core_assets.id"))
    category_id: Mapped[int] = mapped_column(ForeignKey("incidents_category.id"), nullable=False)
    impact: Mapped[str | None] = mapped_column(String(8))
    urgency: Mapped[str | None] = mapped_column(String(8))
    priority: Mapped[str] = mapped_column(String(2), nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False)
    pending_reason: Mapped[str | None] = mapped_column(String(32))
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("core_users.id"))
    group_id: Mapped[int | None] = mapped_column(ForeignKey("core_groups.id"))
    contract_id: Mapped[int | None] = mapped_column(ForeignKey("core_service_contracts.id"), index=True)
    service_level: Mapped[str | None] = mapped_column(String(32))
    billable: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    entitlement_note: Mapped[str] = mapped_column(String(255), nullable=False, default="")
    charge: Mapped[Decimal | None] = mapped_column(Money())
    distance_km: Mapped[Decimal | None] = mapped_column(Numeric(8, 1))
    onsite_agreed_minutes: Mapped[int | None] = mapped_column(Integer)
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sla_breached: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    restored_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    work_order_seq: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    clocks_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    # One index per sort and filter the lists offer; the number breaks ties (keyset paging).
    __table_args__ = (
        Index("ix_incidents_incident_opened", "opened_at", "number"),
        Index("ix_incidents_incident_priority_number", "priority", "number"),
        Index("ix_incidents_incident_status_number", "status", "number"),
        Index("ix_incidents_incident_status_opened", "status", "opened_at", "number"),
        Index("ix_incidents_incident_priority_opened", "priority", "opened_at", "number"),
        Index("ix_incidents_incident_category_opened", "category_id", "opened_at", "number"),
        Index("ix_incidents_incident_assignee_status", "assignee_id", "status"),
        Index("ix_incidents_incident_group_status", "group_id", "status"),
        Index("ix_incidents_incident_asset_status", "asset_id", "status"),
        Index("ix_incidents_incident_due", "due_at", "number"),
        Index("ix_incidents_incident_resolved", "resolved_at"),
        Index("ix_incidents_incident_clocks_at", "clocks_at"),
    )


class StatusChange(Base):
    """One entry of an incident's status history; the first is its creation. SLA clocks replay it."""

    __tablename__ = "incidents_status_change"
    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents_incident.id", ondelete="CASCADE"),
                                             nullable=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False)
    reason: Mapped[str | None] = mapped_column(String(32))
    actor: Mapped[str] = mapped_column(String(64), nullable=False)

    __table_args__ = (Index("ix_incidents_status_change_incident", "incident_id", "at"),)


class Milestone(Base):
    """A moment the SLA clocks may start or stop at besides a status: dispatched, arrived, restored."""

    __tablename__ = "incidents_milestone"
    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents_incident.id", ondelete="CASCADE"),
                                             nullable=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    name: Mapped[str] = mapped_column(String(16), nullable=False)
    work_order_id: Mapped[int | None] = mapped_column(ForeignKey("incidents_work_order.id", ondelete="SET NULL"))
    actor: Mapped[str] = mapped_column(String(64), nullable=False)

    __table_args__ = (Index("ix_incidents_milestone_incident", "incident_id", "at"),)


class FieldChange(Base):
    """One changed field of an incident (priority, assignee, category …), for the record's history."""

    __tablename__ = "incidents_field_change"
    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents_incident.id", ondelete="CASCADE"),
                                             nullable=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    actor: Mapped[str] = mapped_column(String(64), nullable=False)
    field: Mapped[str] = mapped_column(String(32), nullable=False)
    old_value: Mapped[str | None] = mapped_column(String(255))
    new_value: Mapped[str | None] = mapped_column(String(255))

    __table_args__ = (Index("ix_incidents_field_change_incident", "incident_id", "at"),)


class Note(Base):
    """A note on an incident: internal (the team only) or customer-visible."""

    __tablename__ = "incidents_note"
    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents_incident.id", ondelete="CASCADE"),
                                             nullable=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    author: Mapped[str] = mapped_column(String(128), nullable=False)
    visibility: Mapped[str] = mapped_column(String(16), nullable=False)
    body: Mapped[str] = mapped_column(Text, nullable=False)
    source: Mapped[str | None] = mapped_column(String(32))

    __table_args__ = (Index("ix_incidents_note_incident", "incident_id", "at"),)


class Attachment(Base):
    """A file attached to an incident (screenshots, logs, signed reports), stored in the database."""

    __tablename__ = "incidents_attachment"
    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents_incident.id", ondelete="CASCADE"),
                                             nullable=False, index=True)
    file_name: Mapped[str] = mapped_column(String(255), nullable=False)
    content_type: Mapped[str] = mapped_column(String(128), nullable=False)
    size: Mapped[int] = mapped_column(Integer, nullable=False)
    data: Mapped[bytes] = mapped_column(Blob, nullable=False)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    added_by: Mapped[str] = mapped_column(String(128), nullable=False)


class WorkOrder(Versioned, Base):
    """A task split off an incident (工作单), numbered ``<incident>-W01``, with its own assignee and status."""

    __tablename__ = "incidents_work_order"
    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents_incident.id", ondelete="CASCADE"),
                                             nullable=False, index=True)
    number: Mapped[str] = mapped_column(String(32), unique=True, nullable=False)
    kind: Mapped[str] = mapped_column(String(24), nullable=False)
    title: Mapped[str] = mapped_column(String(255), nullable=False)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    status: Mapped[str] = mapped_column(String(16), nullable=False)
    pending_reason: Mapped[str | None] = mapped_column(String(32))
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("core_users.id"))
    group_id: Mapped[int | None] = mapped_column(ForeignKey("core_groups.id"))
    partner_code: Mapped[str | None] = mapped_column(String(32))
    service_order: Mapped[str | None] = mapped_column(String(48))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (
        Index("ix_incidents_work_order_status_created", "status", "created_at", "number"),
        Index("ix_incidents_work_order_assignee_status", "assignee_id", "status"),
        Index("ix_incidents_work_order_created", "created_at", "number"),
    )


class WorkOrderStatus(Base):
    """One entry of a work order's status history (its clocks replay it)."""

    __tablename__ = "incidents_work_order_status"
    id: Mapped[int] = mapped_column(primary_key=True)
    work_order_id: Mapped[int] = mapped_column(ForeignKey("incidents_work_order.id", ondelete="CASCADE"),
                                               nullable=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False)
    reason: Mapped[str | None] = mapped_column(String(32))
    actor: Mapped[str] = mapped_column(String(64), nullable=False)

    __table_args__ = (Index("ix_incidents_work_order_status_order", "work_order_id", "at"),)


class SlaDefinition(Versioned, Base):
    """One SLA target (or OLA / underpinning contract): a clock defined without dialect.

    ``metric`` names what is measured; the clock runs from ``start_event`` to ``stop_event`` on
    ``calendar_name`` (empty: 24×7), pauses while pending for one of ``pause_reasons``
    (comma-separated), and has a target per priority in minutes — or, for ``onsite`` with
    ``distance_rules``, a target from the distance table. ``service_level`` (empty: any) picks the
    contracts it covers; a level-specific definition outranks the default one of its kind and metric.
    A work-order definition covers the work orders of ``work_order_kind`` (empty: every kind).
    """

    __tablename__ = "incidents_sla_definition"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(128), nullable=False, unique=True)
    kind: Mapped[str] = mapped_column(String(8), nullable=False)
    scope: Mapped[str] = mapped_column(String(16), nullable=False)
    metric: Mapped[str] = mapped_column(String(16), nullable=False)
    start_event: Mapped[str] = mapped_column(String(16), nullable=False)
    stop_event: Mapped[str] = mapped_column(String(16), nullable=False)
    pause_reasons: Mapped[str] = mapped_column(String(255), nullable=False, default="")
    calendar_name: Mapped[str | None] = mapped_column(String(128))
    service_level: Mapped[str | None] = mapped_column(String(32))
    work_order_kind: Mapped[str | None] = mapped_column(String(24))
    p1_minutes: Mapped[int | None] = mapped_column(Integer)
    p2_minutes: Mapped[int | None] = mapped_column(Integer)
    p3_minutes: Mapped[int | None] = mapped_column(Integer)
    p4_minutes: Mapped[int | None] = mapped_column(Integer)
    distance_rules: Mapped[str | None] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)


class EscalationLevel(Base):
    """A level of a definition's escalation ladder (紧急因应): when it fires and what it does.

    It fires at ``share_percent`` of the target or ``offset_minutes`` of counted time, and repeats
    every ``repeat_minutes`` of counted time until acknowledged or the clock stops running.
    """

    __tablename__ = "incidents_escalation_level"
    id: Mapped[int] = mapped_column(primary_key=True)
    definition_id: Mapped[int] = mapped_column(ForeignKey("incidents_sla_definition.id", ondelete="CASCADE"),
                                               nullable=False, index=True)
    level: Mapped[int] = mapped_column(Integer, nullable=False)
    trigger: Mapped[str] = mapped_column(String(8), nullable=False)
    share_percent: Mapped[int | None] = mapped_column(Integer)
    offset_minutes: Mapped[int | None] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(16), nullable=False)
    notify_target: Mapped[str | None] = mapped_column(String(16))
    role: Mapped[str | None] = mapped_column(String(64))
    group_id: Mapped[int | None] = mapped_column(ForeignKey("core_groups.id"))
    repeat_minutes: Mapped[int | None] = mapped_column(Integer)


class Clock(Base):
    """A clock's state derived from history by ``compute_clock`` (never counted up in place).

    Rebuilt whenever its incident or work order changes, when its definition is edited
    (``definition_version`` falls behind) and by the sweep at ``next_check_at`` (the next breach
    or escalation instant). ``subject`` is empty for the incident's own clocks and the work-order
    number for a work order's.
    """

    __tablename__ = "incidents_clock"
    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents_incident.id", ondelete="CASCADE"),
                                             nullable=False)
    definition_id: Mapped[int] = mapped_column(ForeignKey("incidents_sla_definition.id", ondelete="CASCADE"),
                                               nullable=False)
    definition_version: Mapped[int] = mapped_column(Integer, nullable=False)
    subject: Mapped[str] = mapped_column(String(32), nullable=False, default="")
    metric: Mapped[str] = mapped_column(String(16), nullable=False)
    state: Mapped[str] = mapped_column(String(16), nullable=False)
    target_minutes: Mapped[int | None] = mapped_column(Integer)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    breached_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    stopped_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    elapsed_minutes: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    next_check_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    computed_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)

    __table_args__ = (
        UniqueConstraint("incident_id", "definition_id", "subject"),
        Index("ix_incidents_clock_next_check", "next_check_at"),
        Index("ix_incidents_clock_state_due", "state", "due_at"),
        Index("ix_incidents_clock_definition", "definition_id", "definition_version"),
        Index("ix_incidents_clock_started", "started_at"),
    )


class Escalation(Base):
    """One firing of an escalation level, recorded once however many consoles and workers run.

    The unique constraint on (incident, clock, level, repetition) and an insert that ignores a
    duplicate make the first runner's insert the only one; its actions run in the same transaction.
    """

    __tablename__ = "incidents_escalation"
    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents_incident.id", ondelete="CASCADE"),
                                             nullable=False)
    clock_id: Mapped[int] = mapped_column(ForeignKey("incidents_clock.id", ondelete="CASCADE"), nullable=False)
    level: Mapped[int] = mapped_column(Integer, nullable=False)
    repetition: Mapped[int] = mapped_column(Integer, nullable=False)
    fired_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    action: Mapped[str] = mapped_column(String(16), nullable=False)
    summary: Mapped[str] = mapped_column(String(255), nullable=False, default="")
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    acknowledged_by: Mapped[str | None] = mapped_column(String(128))

    __table_args__ = (
        UniqueConstraint("incident_id", "clock_id", "level", "repetition"),
        Index("ix_incidents_escalation_open", "acknowledged_at", "fired_at"),
        Index("ix_incidents_escalation_clock", "clock_id", "level"),
    )


class Article(Versioned, Base):
    """A knowledge article (知识库): captured from a resolved incident, reviewed, published.

    ``search_text`` is the normalised text the full-text search reads (SQLite FTS5 trigram,
    PostgreSQL pg_trgm, MariaDB a scan); the services keep it in step with the other fields.
    """

    __tablename__ = "incidents_kb_article"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(255), nullable=False)
    category_id: Mapped[int | None] = mapped_column(ForeignKey("incidents_category.id"), index=True)
    symptom: Mapped[str] = mapped_column(Text, nullable=False, default="")
    solution: Mapped[str] = mapped_column(Text, nullable=False, default="")
    keywords: Mapped[str] = mapped_column(String(255), nullable=False, default="")
    status: Mapped[str] = mapped_column(String(16), nullable=False)
    source_incident: Mapped[str | None] = mapped_column(String(24))
    author: Mapped[str] = mapped_column(String(128), nullable=False)
    reviewer: Mapped[str | None] = mapped_column(String(128))
    review_comment: Mapped[str] = mapped_column(Text, nullable=False, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    views: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    search_text: Mapped[str] = mapped_column(Text, nullable=False, default="")

    __table_args__ = (
        Index("ix_incidents_kb_article_status_updated", "status", "updated_at"),
        # PostgreSQL: a pg_trgm GIN index (ILIKE '%…%' for any script); elsewhere a plain prefix index.
        Index("ix_incidents_kb_article_search_text", "search_text", postgresql_using="gin",
              postgresql_ops={"search_text": "gin_trgm_ops"}, mysql_length={"search_text": 191}),
    )


class SavedFilter(Base):
    """A user's named list view: the search text and the drop-down choices of one page."""

    __tablename__ = "incidents_saved_filter"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("core_users.id", ondelete="CASCADE"), nullable=False)
    page_id: Mapped[str] = mapped_column(String(64), nullable=False)
    name: Mapped[str] = mapped_column(String(64), nullable=False)
    search: Mapped[str] = mapped_column(String(255), nullable=False, default="")
    choices: Mapped[str] = mapped_column(String(255), nullable=False, default="")

    __table_args__ = (UniqueConstraint("user_id", "page_id", "name"),)


MODELS = (NumberSequence, Category, PriorityCell, StandardText, Incident, StatusChange, Milestone, FieldChange,
          Note, Attachment, WorkOrder, WorkOrderStatus, SlaDefinition, EscalationLevel, Clock, Escalation, Article,
          SavedFilter)
