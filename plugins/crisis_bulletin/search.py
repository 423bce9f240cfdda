"""Global search: problems by number, title or workaround; bulletins by number or title (what the user may see).

Matching is ``LIKE '%text%'`` on lower-cased text: a substring match finds any fragment of
Chinese text (which has no spaces between words for a full-text tokeniser to split on) the
same way on SQLite, PostgreSQL and MariaDB. Numbers are matched from their start, which the
unique indexes on ``number`` answer.
"""

from __future__ import annotations

from sqlalchemy import or_, select

from console.api import Context, SearchHit
from plugins.crisis_bulletin.bulletins import visible_to
from plugins.crisis_bulletin.common import BULLETINS_PAGE, PROBLEMS_PAGE
from plugins.crisis_bulletin.models import Bulletin, Problem


def search_problems(context: Context, text: str, limit: int) -> list[SearchHit]:
    """Problems whose number starts with, or whose title or workaround contains, ``text``; newest first."""
    text = text.strip()
    if not text:
        return []
    query = (select(Problem.number, Problem.title, Problem.status, Problem.category)
             .where(or_(Problem.number.startswith(text.upper(), autoescape=True),
                        Problem.title.icontains(text, autoescape=True),
                        Problem.workaround.icontains(text, autoescape=True)))
             .order_by(Problem.created_at.desc()).limit(limit))
    with context.app.session() as session:
        rows = session.execute(query).all()
    return [SearchHit(f"{number} {title}", " · ".join(filter(None, (status.replace("_", " "), category))),
                      PROBLEMS_PAGE, number) for number, title, status, category in rows]


def search_bulletins(context: Context, text: str, limit: int) -> list[SearchHit]:
    """Published bulletins (drafts for publishers) whose number or title matches ``text``; newest first."""
    text = text.strip()
    if not text:
        return []
    query = (select(Bulletin.id, Bulletin.number, Bulletin.title, Bulletin.severity, Bulletin.status)
             .where(visible_to(context.actor),
                    or_(Bulletin.number.startswith(text.upper(), autoescape=True),
                        Bulletin.title.icontains(text, autoescape=True)))
             .order_by(Bulletin.updated_at.desc()).limit(limit))
    with context.app.session() as session:
        rows = session.execute(query).all()
    return [SearchHit(f"{number or '—'} {title}", f"{severity} · {status}", BULLETINS_PAGE, str(bulletin_id))
            for bulletin_id, number, title, severity, status in rows]
