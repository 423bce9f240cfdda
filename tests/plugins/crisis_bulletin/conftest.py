"""Fixtures of the crisis_bulletin tests: settings changed for one test, readers with leads, bulletins."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from sqlalchemy import select

from console.api import Group, GroupMember
from console.core import settings
from console.core.models import Notification
from plugins.crisis_bulletin import bulletins
from plugins.crisis_bulletin.models import Acknowledgement
from tests.plugins import unique


@pytest.fixture
def setting(app, admin):
    """``setting(key, value)``: change an organisation setting for this test only."""
    changed = {}

    def change(key, value):
        changed.setdefault(key, settings.get(app, key))
        settings.set_value(app, admin, key, value)

    yield change
    for key, value in changed.items():
        settings.set_value(app, admin, key, value)


@pytest.fixture
def team(app, make_actor):
    """A lead, two engineers reporting to the lead, an engineer without a lead in a group the lead leads,
    a partner user (code unique to the test) and their group."""
    lead = make_actor("team_lead", "engineer")
    first = make_actor("engineer", lead_username=lead.username, locale="zh_CN")
    second = make_actor("engineer", lead_username=lead.username)
    loner = make_actor("engineer")
    code = unique("P")
    partner = make_actor("read_only", partner_code=code)
    with app.session() as session:
        group = Group(name=unique("组 Team "), lead_id=lead.user_id)
        session.add(group)
        session.flush()
        session.add_all(GroupMember(group_id=group.id, user_id=u.user_id) for u in (lead, first, second, loner))
        group_id = group.id
    return SimpleNamespace(lead=lead, first=first, second=second, loner=loner, partner=partner, partner_code=code,
                           group_id=group_id, members=(lead, first, second, loner))


@pytest.fixture
def publish(app, admin):
    """``publish(**fields)``: publish a bulletin as the admin; returns its id."""

    def run(actor=None, **fields):
        number = bulletins.publish_bulletin(app, actor or admin, **{"title": f"通告 {unique()}",
                                                                    "body": "请注意。Please note.", **fields})
        with app.session() as session:
            return session.scalar(select(bulletins.Bulletin.id).where(bulletins.Bulletin.number == number))

    return run


def acks(app, bulletin_id) -> dict[int, Acknowledgement]:
    """The bulletin's reader rows by user id."""
    with app.session() as session:
        return {a.user_id: a for a in session.scalars(select(Acknowledgement)
                                                      .where(Acknowledgement.bulletin_id == bulletin_id))}


def notes(app, user_id, since_id=0) -> list[Notification]:
    """The user's notifications after id ``since_id``."""
    with app.session() as session:
        return list(session.scalars(select(Notification).where(Notification.user_id == user_id,
                                                               Notification.id > since_id)
                                    .order_by(Notification.id)))
