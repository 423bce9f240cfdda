"""Fixtures shared by the built-in plugins' tests: core reference rows, contexts, a demo context.

The session database is shared by every test, so rows get unique codes and assertions
look at what the test itself created.
"""

from __future__ import annotations

import random
from types import SimpleNamespace

import pytest

from console.api import Asset, Context, Customer, DemoContext, Group, GroupMember, Site, utcnow
from tests.plugins import unique


@pytest.fixture
def reference(app, admin):
    """A customer with two sites and an asset on each, another customer, and a group with the admin in it."""
    with app.session() as session:
        customer = Customer(code=unique("C"), name="测试客户 Test customer")
        other = Customer(code=unique("C"), name="Other customer")
        session.add_all([customer, other])
        session.flush()
        sites = [Site(customer_id=customer.id, name=f"Site {n}", city="北京") for n in (1, 2)]
        other_site = Site(customer_id=other.id, name="Elsewhere")
        session.add_all([*sites, other_site])
        session.flush()
        assets = [Asset(serial=unique("SN"), model="DL380 Gen10", product="Server", customer_id=customer.id,
                        site_id=site.id) for site in sites]
        group = Group(name=unique("Group "))
        session.add_all([*assets, group])
        session.flush()
        session.add(GroupMember(group_id=group.id, user_id=admin.user_id))
        return SimpleNamespace(customer_id=customer.id, other_customer_id=other.id,
                               site_ids=[s.id for s in sites], other_site_id=other_site.id,
                               asset_ids=[a.id for a in assets], group_id=group.id)


@pytest.fixture
def context(app, admin) -> Context:
    """What a page, chart or search provider gets: the app and a signed-in admin."""
    return Context(app=app, actor=admin)


@pytest.fixture
def demo_context(app, admin):
    """``demo_context(**scale)``: a tiny-size DemoContext with a fixed seed."""

    def make(**scale: int) -> DemoContext:
        return DemoContext(app=app, actor=admin, size="tiny", scale=scale, rng=random.Random(20261123),
                           now=utcnow())

    return make


@pytest.fixture
def events(monkeypatch, app):
    """The domain events published while the test runs (still delivered to the plugins)."""
    seen = []
    publish = app.publish

    def record(event):
        seen.append(event)
        publish(event)

    monkeypatch.setattr(app, "publish", record)
    return seen
