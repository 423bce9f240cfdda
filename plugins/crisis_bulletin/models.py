"""Crisis bulletin tables: problems (问题/BUG) with their history and linked incidents, bulletins (通告)
with their revisions, audience and per-reader acknowledgements, and the spike detector's signals.

Incidents are referred to by their number only (``INC-2026-000123``): this plugin never reads
the incidents plugin's tables.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from console.api import Base, UTCDateTime, Versioned

URGENCIES = ("high", "medium", "low")
SEVERITIES = ("critical", "major", "minor")
#: The problem status flow (DOMAIN.md); a problem only moves forward along it.
PROBLEM_STATUSES = ("identified", "investigating", "root_cause_known", "workaround_available", "fix_available",
                    "resolved", "closed")
DONE_PROBLEM_STATUSES = ("resolved", "closed")
BULLETIN_STATUSES = ("draft", "scheduled", "active", "expired", "withdrawn")
#: Bulletins readers still have to act on: published and not yet expired or withdrawn.
LIVE_BULLETIN_STATUSES = ("scheduled", "active")
AUDIENCE_KINDS = ("everyone", "role", "group", "partner")
#: What a spike is counted on, most specific first: a spike on one asset model is not reported again
#: as a spike on its product or category.
SPIKE_DIMENSIONS = ("asset_model", "product", "category")
SOURCES = ("manual", "spike")


class NumberSequence(Base):
    """The last number handed out per kind (``PRB``, ``BUL``) and year; bumped under the row's lock."""

    __tablename__ = "crisis_bulletin_sequence"
    kind: Mapped[str] = mapped_column(String(8), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_value: Mapped[int] = mapped_column(Integer, nullable=False)


class Problem(Versioned, Base):
    """A problem (问题/BUG) behind one or more incidents, numbered ``PRB-<year>-<nnnn>``.

    Affected products, models, versions and assets (serial numbers) are lists, one per line.
    ``workaround_published_at`` makes it a known error (已知错误).
    """

    __tablename__ = "crisis_bulletin_problem"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(16), unique=True, nullable=False)
    title: Mapped[str] = mapped_column(String(255), nullable=False)
    status: Mapped[str] = mapped_column(String(24), nullable=False, index=True)
    urgency: Mapped[str] = mapped_column(String(8), nullable=False)
    impact: Mapped[str] = mapped_column(Text, nullable=False, default="")
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("core_users.id"), index=True)
    category: Mapped[str | None] = mapped_column(String(64), index=True)
    products: Mapped[str] = mapped_column(Text, nullable=False, default="")
    models: Mapped[str] = mapped_column(Text, nullable=False, default="")
    versions: Mapped[str] = mapped_column(Text, nullable=False, default="")
    assets: Mapped[str] = mapped_column(Text, nullable=False, default="")
    external_ref: Mapped[str] = mapped_column(String(128), nullable=False, default="")
    root_cause: Mapped[str] = mapped_column(Text, nullable=False, default="")
    workaround: Mapped[str] = mapped_column(Text, nullable=False, default="")
    fix: Mapped[str] = mapped_column(Text, nullable=False, default="")
    source: Mapped[str] = mapped_column(String(16), nullable=False, default="manual")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    created_by: Mapped[str] = mapped_column(String(64), nullable=False, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, index=True)
    workaround_published_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ProblemChange(Base):
    """One entry of a problem's timeline: a status change, a published workaround, a link, a note."""

    __tablename__ = "crisis_bulletin_problem_change"
    id: Mapped[int] = mapped_column(primary_key=True)
    problem_id: Mapped[int] = mapped_column(ForeignKey("crisis_bulletin_problem.id", ondelete="CASCADE"),
                                            nullable=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    actor: Mapped[str] = mapped_column(String(64), nullable=False)
    action: Mapped[str] = mapped_column(String(24), nullable=False)
    status: Mapped[str] = mapped_column(String(24), nullable=False)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")

    __table_args__ = (Index("ix_crisis_bulletin_problem_change_problem_at", "problem_id", "at"),)


class ProblemIncident(Base):
    """An incident linked to a problem (many to many), by incident number."""

    __tablename__ = "crisis_bulletin_problem_incident"
    id: Mapped[int] = mapped_column(primary_key=True)
    problem_id: Mapped[int] = mapped_column(ForeignKey("crisis_bulletin_problem.id", ondelete="CASCADE"),
                                            nullable=False)
    incident_number: Mapped[str] = mapped_column(String(32), nullable=False, index=True)
    linked_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    linked_by: Mapped[str] = mapped_column(String(64), nullable=False)
    source: Mapped[str] = mapped_column(String(16), nullable=False, default="manual")

    __table_args__ = (UniqueConstraint("problem_id", "incident_number"),)


class Bulletin(Versioned, Base):
    """A bulletin (通告) to an audience, about a problem or standalone, numbered ``BUL-<year>-<nnnn>`` when published.

    ``revision`` counts published versions (0 while a draft); readers must acknowledge
    ``ack_revision``, the last revision that asked for it. ``status`` is draft → scheduled (valid
    from a later instant) → active → expired (past ``valid_until``), or withdrawn.
    """

    __tablename__ = "crisis_bulletin_bulletin"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str | None] = mapped_column(String(16), unique=True)
    problem_id: Mapped[int | None] = mapped_column(ForeignKey("crisis_bulletin_problem.id"), index=True)
    title: Mapped[str] = mapped_column(String(255), nullable=False)
    severity: Mapped[str] = mapped_column(String(16), nullable=False)
    body: Mapped[str] = mapped_column(Text, nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False)
    revision: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    ack_revision: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    valid_from: Mapped[datetime | None] = mapped_column(UTCDateTime)
    valid_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ack_deadline: Mapped[datetime | None] = mapped_column(UTCDateTime)
    source: Mapped[str] = mapped_column(String(16), nullable=False, default="manual")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    created_by: Mapped[str] = mapped_column(String(64), nullable=False, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    published_by: Mapped[str | None] = mapped_column(String(64))
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    withdrawn_by: Mapped[str | None] = mapped_column(String(64))
    withdraw_reason: Mapped[str] = mapped_column(Text, nullable=False, default="")

    problem: Mapped[Problem | None] = relationship()

    __table_args__ = (Index("ix_crisis_bulletin_bulletin_status_severity", "status", "severity"),)


class Revision(Base):
    """A published version of a bulletin, kept for the timeline: what it said and what changed."""

    __tablename__ = "crisis_bulletin_revision"
    id: Mapped[int] = mapped_column(primary_key=True)
    bulletin_id: Mapped[int] = mapped_column(ForeignKey("crisis_bulletin_bulletin.id", ondelete="CASCADE"),
                                             nullable=False)
    revision: Mapped[int] = mapped_column(Integer, nullable=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    actor: Mapped[str] = mapped_column(String(64), nullable=False)
    title: Mapped[str] = mapped_column(String(255), nullable=False)
    severity: Mapped[str] = mapped_column(String(16), nullable=False)
    body: Mapped[str] = mapped_column(Text, nullable=False)
    valid_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ack_deadline: Mapped[datetime | None] = mapped_column(UTCDateTime)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    asks_ack: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)

    __table_args__ = (UniqueConstraint("bulletin_id", "revision"),)


class Audience(Base):
    """Who a bulletin is for: ``everyone`` (every internal user), a ``role``, a ``group`` (its id) or a
    ``partner`` code."""

    __tablename__ = "crisis_bulletin_audience"
    id: Mapped[int] = mapped_column(primary_key=True)
    bulletin_id: Mapped[int] = mapped_column(ForeignKey("crisis_bulletin_bulletin.id", ondelete="CASCADE"),
                                             nullable=False)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    value: Mapped[str] = mapped_column(String(128), nullable=False, default="")

    __table_args__ = (UniqueConstraint("bulletin_id", "kind", "value"),)


class Acknowledgement(Base):
    """One reader's progress on one bulletin: delivered → read → acknowledged, with reminders and escalation.

    ``read_revision``/``acknowledged_revision`` say which version the reader last read and
    acknowledged; the reader is done when ``acknowledged_revision >= Bulletin.ack_revision``.
    """

    __tablename__ = "crisis_bulletin_ack"
    id: Mapped[int] = mapped_column(primary_key=True)
    bulletin_id: Mapped[int] = mapped_column(ForeignKey("crisis_bulletin_bulletin.id", ondelete="CASCADE"),
                                             nullable=False)
    user_id: Mapped[int] = mapped_column(ForeignKey("core_users.id", ondelete="CASCADE"), nullable=False,
                                         index=True)
    delivered_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    read_revision: Mapped[int | None] = mapped_column(Integer)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    acknowledged_revision: Mapped[int | None] = mapped_column(Integer)
    reminders: Mapped[int] = mapped_column(Integer, nullable=False, default=0, server_default="0")
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    escalated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    escalated_to: Mapped[int | None] = mapped_column(ForeignKey("core_users.id"))

    __table_args__ = (UniqueConstraint("bulletin_id", "user_id"),)


class IncidentSignal(Base):
    """An incident creation seen through its domain event; the spike job counts these (``checked`` once seen)."""

    __tablename__ = "crisis_bulletin_incident_signal"
    id: Mapped[int] = mapped_column(primary_key=True)
    incident_ref: Mapped[str] = mapped_column(String(32), unique=True, nullable=False)
    category: Mapped[str] = mapped_column(String(64), nullable=False)
    product: Mapped[str | None] = mapped_column(String(128))
    asset_model: Mapped[str | None] = mapped_column(String(128))
    at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    checked: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False, server_default=false(),
                                          index=True)

    __table_args__ = (Index("ix_crisis_bulletin_incident_signal_category_at", "category", "at"),
                      Index("ix_crisis_bulletin_incident_signal_product_at", "product", "at"),
                      Index("ix_crisis_bulletin_incident_signal_asset_model_at", "asset_model", "at"))


class Spike(Base):
    """A detected spike: ``incidents`` incidents on one ``dimension`` value between ``first_at`` and ``last_at``,
    and the problem and draft bulletin proposed for it."""

    __tablename__ = "crisis_bulletin_spike"
    id: Mapped[int] = mapped_column(primary_key=True)
    dimension: Mapped[str] = mapped_column(String(16), nullable=False)
    value: Mapped[str] = mapped_column(String(128), nullable=False)
    first_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    last_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    incidents: Mapped[int] = mapped_column(Integer, nullable=False)
    detected_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    problem_id: Mapped[int] = mapped_column(ForeignKey("crisis_bulletin_problem.id", ondelete="CASCADE"),
                                            nullable=False, index=True)
    bulletin_id: Mapped[int | None] = mapped_column(ForeignKey("crisis_bulletin_bulletin.id", ondelete="SET NULL"))

    problem: Mapped[Problem] = relationship()

    __table_args__ = (Index("ix_crisis_bulletin_spike_dimension_value_last_at", "dimension", "value", "last_at"),)


MODELS = (NumberSequence, Problem, ProblemChange, ProblemIncident, Bulletin, Revision, Audience, Acknowledgement,
          IncidentSignal, Spike)
