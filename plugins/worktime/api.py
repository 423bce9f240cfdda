"""What other plugins may import from worktime (they list ``worktime`` in ``REQUIRES`` or ``OPTIONAL``)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from plugins.worktime.models import ACTIVITY_KINDS, TimeEntry

__all__ = ["ACTIVITY_KINDS", "minutes_booked"]


def minutes_booked(session: Session, activity_ref: str) -> int:
    """Minutes everyone booked on ``activity_ref`` (an incident or work-order number, a project code)."""
    return session.scalar(select(func.coalesce(func.sum(TimeEntry.minutes), 0))
                          .where(TimeEntry.activity_ref == activity_ref))
