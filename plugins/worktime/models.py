"""Work-hour tables: time entries (工时记录), one person's minutes on one activity."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from console.api import Base, UTCDateTime, Versioned

#: What time is spent on: work that names a reference (incident, work order, project), or internal work.
REFERENCED_KINDS = ("incident", "work_order", "project")
ACTIVITY_KINDS = (*REFERENCED_KINDS, "meeting", "training", "travel")


class TimeEntry(Versioned, Base):
    """Time one employee spent on an activity, ``[starts_at, ends_at)``; entries of one person never overlap."""

    __tablename__ = "worktime_time_entry"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("core_users.id"), nullable=False)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    minutes: Mapped[int] = mapped_column(Integer, nullable=False)
    activity_kind: Mapped[str] = mapped_column(String(16), nullable=False)
    activity_ref: Mapped[str | None] = mapped_column(String(64))
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")

    __table_args__ = (Index("ix_worktime_time_entry_user_starts", "user_id", "starts_at"),)


MODELS = (TimeEntry,)
