"""Worktime test helpers: a team (a core group with its lead), times in Shanghai, a fresh schedule.

The session database is shared, so every test makes its own people, teams and schedules and
never changes the defaults (the default schedule and rule set) other tests rely on.
"""

from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from console.api import Group, GroupMember
from tests.plugins import unique

SHANGHAI = ZoneInfo("Asia/Shanghai")
OFFICE = {d: [["09:00", "12:00"], ["13:00", "18:00"]] for d in ("mon", "tue", "wed", "thu", "fri")}


def at(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> datetime:
    """A Shanghai wall-clock instant."""
    return datetime(y, m, d, hh, mm, tzinfo=SHANGHAI)


@pytest.fixture
def team(app, make_actor):
    """``team(size)``: a group led by a new team lead, with ``size`` new engineers
    (``.lead``, ``.members``, ``.group_id``)."""

    def make(size: int = 2, lead_roles=("team_lead", "engineer")) -> SimpleNamespace:
        lead = make_actor(*lead_roles, display_name=f"组长 {unique()}")
        members = [make_actor("engineer", display_name=f"工程师 {unique()}") for _ in range(size)]
        with app.session() as session:
            group = Group(name=unique("Team "), lead_id=lead.user_id)
            session.add(group)
            session.flush()
            session.add_all([GroupMember(group_id=group.id, user_id=m.user_id) for m in [lead, *members]])
            group_id = group.id
        return SimpleNamespace(lead=lead, members=members, group_id=group_id)

    return make
