"""The survey table: one survey per resolved incident, ``csat_survey``."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from console.api import Base, UTCDateTime, Versioned

#: pending (waiting for its send time) → sent → answered, or expired when nobody answers.
STATUSES = ("pending", "sent", "answered", "expired")
SCORES = (1, 2, 3, 4, 5)


class Survey(Versioned, Base):
    """The satisfaction survey of one resolved incident."""

    __tablename__ = "csat_survey"
    id: Mapped[int] = mapped_column(primary_key=True)
    incident: Mapped[str] = mapped_column(String(32), unique=True, nullable=False)
    customer_id: Mapped[int] = mapped_column(ForeignKey("core_customers.id"), nullable=False, index=True)
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("core_users.id"))
    resolved_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    send_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    score: Mapped[int | None] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text, nullable=False, default="")
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    recorded_by: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (CheckConstraint("score IS NULL OR score BETWEEN 1 AND 5", name="score_range"),
                      Index("ix_csat_survey_status_send_at", "status", "send_at"))


MODELS = (Survey,)
