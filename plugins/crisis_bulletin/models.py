"""Crisis bulletin tables: problems (问题/BUG), bulletins (通告), per-reader acknowledgements, spike signals."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from console.api import Base, UTCDateTime, Versioned

URGENCIES = ("high", "medium", "low")
SEVERITIES = ("critical", "major", "minor")
PROBLEM_STATUSES = ("identified", "investigating", "root_cause_known", "workaround_available", "fix_available",
                    "resolved", "closed")
DONE_PROBLEM_STATUSES = ("resolved", "closed")


class Problem(Versioned, Base):
    """A problem behind one or more incidents; ``category`` is set when a spike proposed it."""

    __tablename__ = "crisis_bulletin_problem"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(255), nullable=False)
    status: Mapped[str] = mapped_column(String(24), nullable=False)
    urgency: Mapped[str] = mapped_column(String(8), nullable=False)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("core_users.id"), index=True)
    category: Mapped[str | None] = mapped_column(String(64), index=True)
    workaround: Mapped[str] = mapped_column(Text, nullable=False, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)


class Bulletin(Versioned, Base):
    """A bulletin to a set of readers, about a problem or standalone."""

    __tablename__ = "crisis_bulletin_bulletin"
    id: Mapped[int] = mapped_column(primary_key=True)
    problem_id: Mapped[int | None] = mapped_column(ForeignKey("crisis_bulletin_problem.id"), index=True)
    title: Mapped[str] = mapped_column(String(255), nullable=False)
    severity: Mapped[str] = mapped_column(String(16), nullable=False)
    body: Mapped[str] = mapped_column(Text, nullable=False)
    published_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, index=True)
    ack_deadline: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)

    problem: Mapped[Problem | None] = relationship()


class Acknowledgement(Base):
    """One reader's progress on one bulletin: delivered → read → acknowledged."""

    __tablename__ = "crisis_bulletin_ack"
    id: Mapped[int] = mapped_column(primary_key=True)
    bulletin_id: Mapped[int] = mapped_column(ForeignKey("crisis_bulletin_bulletin.id", ondelete="CASCADE"),
                                             nullable=False)
    user_id: Mapped[int] = mapped_column(ForeignKey("core_users.id", ondelete="CASCADE"), nullable=False,
                                         index=True)
    delivered_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (UniqueConstraint("bulletin_id", "user_id"),)


class IncidentSignal(Base):
    """An incident creation seen through its domain event; spike detection counts these per category."""

    __tablename__ = "crisis_bulletin_incident_signal"
    id: Mapped[int] = mapped_column(primary_key=True)
    incident_ref: Mapped[str] = mapped_column(String(32), unique=True, nullable=False)
    category: Mapped[str] = mapped_column(String(64), nullable=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)

    __table_args__ = (Index("ix_crisis_bulletin_incident_signal_category_at", "category", "at"),)


MODELS = (Problem, Bulletin, Acknowledgement, IncidentSignal)
