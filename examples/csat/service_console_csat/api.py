"""What other plugins may import from csat (they name "csat" in REQUIRES or OPTIONAL)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service_console_csat.models import Survey

__all__ = ["average_score"]


def average_score(session: Session, since: datetime) -> float | None:
    """The average answered score of incidents resolved since ``since`` (None when none was answered)."""
    value = session.scalar(select(func.avg(Survey.score)).where(Survey.status == "answered",
                                                                Survey.resolved_at >= since))
    return float(value) if value is not None else None
