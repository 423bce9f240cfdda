"""Numbers people quote: ``PRB-2026-0042`` for problems, ``BUL-2026-0007`` for bulletins.

Each (kind, year) has one counter row in ``crisis_bulletin_sequence``. A number is taken inside
the caller's transaction with the counter row locked (``SELECT … FOR UPDATE`` on PostgreSQL and
MariaDB; SQLite's ``BEGIN IMMEDIATE`` already serialises writers), so two clerks saving at the
same moment get consecutive numbers, never the same one; a rolled-back save gives its number back.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from plugins.crisis_bulletin.models import NumberSequence

PROBLEM, BULLETIN = "PRB", "BUL"


def next_number(session: Session, kind: str, at: datetime) -> str:
    """Take the next number of ``kind`` for the year of ``at`` (UTC), e.g. ``PRB-2026-0042``."""
    year = at.year
    counter = _locked_counter(session, kind, year)
    if counter is None:
        try:
            with session.begin_nested():
                session.add(NumberSequence(kind=kind, year=year, last_value=1))
            return f"{kind}-{year}-0001"
        except IntegrityError:  # another clerk took the year's first number a moment ago
            counter = _locked_counter(session, kind, year)
    counter.last_value += 1
    session.flush()
    return f"{kind}-{year}-{counter.last_value:04d}"


def _locked_counter(session: Session, kind: str, year: int) -> NumberSequence | None:
    return session.scalar(select(NumberSequence).where(NumberSequence.kind == kind, NumberSequence.year == year)
                          .with_for_update().execution_options(populate_existing=True))
