"""What other plugins may import from crisis_bulletin (they list ``crisis_bulletin`` in ``REQUIRES`` or ``OPTIONAL``).

Problems are referred to by number (``PRB-2026-0042``), incidents by theirs.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from plugins.crisis_bulletin.models import DONE_PROBLEM_STATUSES, Problem
from plugins.crisis_bulletin.problems import problems_of_incident

__all__ = ["open_problems", "problems_of_incident"]


def open_problems(session: Session, category: str | None = None) -> list[tuple[str, str, str]]:
    """``(number, title, status)`` of the problems not yet resolved, optionally of one category, newest first."""
    query = select(Problem.number, Problem.title, Problem.status).where(Problem.status.not_in(DONE_PROBLEM_STATUSES))
    if category is not None:
        query = query.where(Problem.category == category)
    return [tuple(row) for row in session.execute(query.order_by(Problem.created_at.desc(), Problem.id.desc()))]
