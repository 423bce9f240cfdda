"""Fixtures for the incidents tests: a small world of core rows, actors with each role, helpers.

The session database is shared with every other test: rows get unique codes, SLA definitions a
service level of their own, and assertions look at what the test itself created.
"""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from console.api import Asset, Customer, Group, GroupMember, ServiceCentre, ServiceContract, Site, utcnow
from plugins.incidents import catalog, records
from plugins.incidents.models import Clock, SlaDefinition, StatusChange
from plugins.incidents.sla import definitions
from tests.plugins import unique


@pytest.fixture
def world(app, admin, make_actor):
    """A customer with a site 10 km from a service centre, a contract of its own service level, an asset on
    that contract, one under warranty only, and a group with an engineer and a lead."""
    engineer = make_actor("engineer", display_name="陈工 Engineer")
    other = make_actor("engineer", display_name="Other engineer")
    lead = make_actor("team_lead", "engineer", display_name="李组长 Lead")
    level = unique("lvl-").lower()
    with app.session() as session:
        customer = Customer(code=unique("C"), name="测试银行 Test bank", phone=f"010{uuid.uuid4().int % 10**8:08d}")
        session.add(customer)
        session.flush()
        site = Site(customer_id=customer.id, name="数据中心 Data centre", city="Beijing",
                    latitude=Decimal("39.990000"), longitude=Decimal("116.400000"))
        far_site = Site(customer_id=customer.id, name="远端网点 Remote branch", city="Urumqi",
                        latitude=Decimal("43.825600"), longitude=Decimal("87.616800"))
        centre = ServiceCentre(code=unique("SC"), name="测试服务中心", city="Beijing", latitude=Decimal("39.900000"),
                               longitude=Decimal("116.400000"))
        contract = ServiceContract(number=unique("SC-"), customer_id=customer.id, level=level,
                                   starts_on=date(2020, 1, 1), ends_on=date(2099, 12, 31))
        session.add_all([site, far_site, centre, contract])
        session.flush()
        asset = Asset(serial=unique("SN"), model="PowerEdge R750", product="Dell PowerEdge server",
                      customer_id=customer.id, site_id=site.id, contract_id=contract.id)
        far_asset = Asset(serial=unique("SN"), model="H3C S5560", product="H3C switch", customer_id=customer.id,
                          site_id=far_site.id, contract_id=contract.id)
        warranty = Asset(serial=unique("SN"), model="ThinkPad T14", product="Lenovo ThinkPad laptop",
                         customer_id=customer.id, site_id=site.id, warranty_end=date(2099, 1, 1))
        group = Group(name=unique("组 Group "), lead_id=lead.user_id)
        session.add_all([asset, far_asset, warranty, group])
        session.flush()
        session.add_all([GroupMember(group_id=group.id, user_id=u.user_id) for u in (engineer, lead)])
        category = catalog.find_category(session, "服务器 Server")
    return SimpleNamespace(customer_id=customer.id, site_id=site.id, far_site_id=far_site.id, asset_id=asset.id,
                           far_asset_id=far_asset.id, warranty_asset_id=warranty.id, contract_id=contract.id,
                           level=level, group_id=group.id, engineer=engineer, other=other, lead=lead, admin=admin,
                           category_id=category, serial=asset.serial)


def open_in(app, world, actor=None, **fields) -> str:
    """Open an incident for the world's customer (on its contract asset unless told otherwise)."""
    values = {"title": "服务器硬盘告警 disk alarm", "customer_id": world.customer_id, "category_id": world.category_id,
              "asset_id": world.asset_id, **fields}
    return records.create_incident(app, actor or world.admin, **values)


def define(app, world, name=None, **values) -> int:
    """An SLA definition for the world's service level (24×7 unless a calendar is named)."""
    fields = {"name": name or unique("SLA "), "metric": "resolve", "stop_event": "resolved",
              "service_level": world.level, "p1_minutes": 240, "p2_minutes": 480, "p3_minutes": 1440,
              "p4_minutes": 4320, **values}
    return definitions.save_definition(app, world.admin, **fields)


def clock(app, number, definition_id) -> Clock | None:
    """The stored clock of ``number`` for a definition (its own, not a work order's)."""
    from plugins.incidents.models import Incident

    with app.session() as session:
        return session.scalar(select(Clock).join(Incident, Incident.id == Clock.incident_id).where(
            Incident.number == number, Clock.definition_id == definition_id, Clock.subject == ""))


def statuses(app, number) -> list[tuple[str, str | None]]:
    """The status history of ``number``."""
    from plugins.incidents.models import Incident

    with app.session() as session:
        return [tuple(r) for r in session.execute(
            select(StatusChange.status, StatusChange.reason).join(Incident)
            .where(Incident.number == number).order_by(StatusChange.id))]


def deactivate(app, admin, definition_id) -> None:
    """Switch a test's definition off again (other tests share the database)."""
    with app.session() as session:
        version = session.get(SlaDefinition, definition_id).version
    definitions.save_definition(app, admin, definition_id=definition_id, expected_version=version, active=False)


@pytest.fixture
def now():
    """The current instant."""
    return utcnow()


@pytest.fixture
def themed(qapp):
    """The shell's look on the test QApplication; English again afterwards."""
    from console.ui.i18n import install_language
    from console.ui.support import apply_theme

    apply_theme(qapp)
    yield qapp
    install_language(qapp, "en", None)


def in_threads(count: int, work) -> list[BaseException]:
    """Run ``work()`` on ``count`` threads at once; the errors they raised."""
    import threading

    errors: list[BaseException] = []

    def run():
        try:
            work()
        except Exception as error:  # noqa: BLE001 - returned to the test
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors
