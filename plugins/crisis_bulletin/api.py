"""What other plugins may import from crisis_bulletin (they list ``crisis_bulletin`` in ``REQUIRES`` or ``OPTIONAL``)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from plugins.crisis_bulletin.models import DONE_PROBLEM_STATUSES, Problem

__all__ = ["open_problems"]


def open_problems(session: Session, category: str | None = None) -> list[tuple[int, str, str]]:
    """``(id, title, status)`` of the problems not yet resolved, optionally of one category, newest first."""
    query = select(Problem.id, Problem.title, Problem.status).where(Problem.status.not_in(DONE_PROBLEM_STATUSES))
    if category is not None:
        query = query.where(Problem.category == category)
    return [tuple(row) for row in session.execute(query.order_by(Problem.created_at.desc()))]
