"""Global search queries: problems by number, title or workaround; bulletins by number or title.

Matching is ``LIKE '%text%'`` on lower-cased text: a substring match finds any fragment of
Chinese text (which has no spaces between words for a full-text tokeniser to split on) the
same way on SQLite, PostgreSQL and MariaDB. Numbers are matched from their start, which the
unique indexes on ``number`` answer. ``ui.common`` turns the rows into translated search hits.
"""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from console.api import Actor
from plugins.crisis_bulletin.bulletins import visible_to
from plugins.crisis_bulletin.models import Bulletin, Problem


def find_problems(session: Session, text: str, limit: int) -> list[tuple[str, str, str, str | None]]:
    """``(number, title, status, category)`` of the problems whose number starts with, or whose title or
    workaround contains, ``text``; newest first."""
    text = text.strip()
    if not text:
        return []
    return [tuple(row) for row in session.execute(
        select(Problem.number, Problem.title, Problem.status, Problem.category)
        .where(or_(Problem.number.startswith(text.upper(), autoescape=True),
                   Problem.title.icontains(text, autoescape=True),
                   Problem.workaround.icontains(text, autoescape=True)))
        .order_by(Problem.created_at.desc(), Problem.id.desc()).limit(limit))]


def find_bulletins(session: Session, actor: Actor, text: str,
                   limit: int) -> list[tuple[int, str | None, str, str, str]]:
    """``(id, number, title, severity, status)`` of the bulletins ``actor`` may see whose number or title
    matches ``text``; most recently changed first."""
    text = text.strip()
    if not text:
        return []
    return [tuple(row) for row in session.execute(
        select(Bulletin.id, Bulletin.number, Bulletin.title, Bulletin.severity, Bulletin.status)
        .where(visible_to(actor), or_(Bulletin.number.startswith(text.upper(), autoescape=True),
                                      Bulletin.title.icontains(text, autoescape=True)))
        .order_by(Bulletin.updated_at.desc(), Bulletin.id.desc()).limit(limit))]
