"""Incident tables: the incident, its status history (the SLA clocks replay it) and the number sequence."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from console.api import Base, UTCDateTime, Versioned

CHANNELS = ("phone", "email", "portal", "walk_in")
LEVELS = ("high", "medium", "low")  # impact and urgency
PRIORITIES = ("P1", "P2", "P3", "P4")
STATUSES = ("new", "assigned", "in_progress", "pending", "resolved", "reopened", "closed")
DONE_STATUSES = ("resolved", "closed")
PENDING_REASONS = ("waiting_customer", "waiting_parts", "waiting_vendor", "customer_delay")


class Incident(Versioned, Base):
    """An incident or service request (事件/服务请求), numbered ``INC-<year>-<nnnnnn>``."""

    __tablename__ = "incidents_incident"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(24), unique=True, nullable=False)
    title: Mapped[str] = mapped_column(String(255), nullable=False)
    description: Mapped[str] = mapped_column(Text, nullable=False, default="")
    channel: Mapped[str] = mapped_column(String(16), nullable=False)
    customer_id: Mapped[int] = mapped_column(ForeignKey("core_customers.id"), nullable=False, index=True)
    site_id: Mapped[int | None] = mapped_column(ForeignKey("core_sites.id"), index=True)
    asset_id: Mapped[int | None] = mapped_column(ForeignKey("core_assets.id"), index=True)
    category: Mapped[str] = mapped_column(String(64), nullable=False)
    impact: Mapped[str | None] = mapped_column(String(8))
    urgency: Mapped[str | None] = mapped_column(String(8))
    priority: Mapped[str] = mapped_column(String(2), nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False)
    pending_reason: Mapped[str | None] = mapped_column(String(32))
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("core_users.id"), index=True)
    group_id: Mapped[int | None] = mapped_column(ForeignKey("core_groups.id"), index=True)
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, index=True)
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (Index("ix_incidents_incident_status_priority", "status", "priority"),)


class StatusChange(Base):
    """One entry of an incident's status history; the first is its creation."""

    __tablename__ = "incidents_status_change"
    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents_incident.id", ondelete="CASCADE"),
                                             nullable=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False)
    reason: Mapped[str | None] = mapped_column(String(32))
    actor: Mapped[str] = mapped_column(String(64), nullable=False)

    __table_args__ = (Index("ix_incidents_status_change_incident", "incident_id", "at"),)


class NumberSequence(Base):
    """The last incident number handed out per year; incremented under the row's lock."""

    __tablename__ = "incidents_number_sequence"
    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_value: Mapped[int] = mapped_column(Integer, nullable=False)


MODELS = (Incident, StatusChange, NumberSequence)
