"""A small depot network of its own for each test (codes are unique in the shared session database)."""

from decimal import Decimal
from types import SimpleNamespace

import pytest

from plugins.spares.service import catalogue
from tests.plugins import unique


@pytest.fixture
def net(app, admin):
    """Depots (central, regional, a partner's consignment), the virtual locations, and three parts:
    ``fan`` (consumable), ``disk`` (serialized, return required) and ``psu`` (return required, no serials)."""
    codes = SimpleNamespace(central=unique("CDC"), regional=unique("RDC"), consignment=unique("CON"),
                            defective=unique("BAD"), repair=unique("REP"), transit=unique("TRN"), scrap=unique("SCR"),
                            partner=unique("P"), fan=unique("FAN-"), disk=unique("HDD-"), psu=unique("PSU-"))
    for kind, location, name in (("central", codes.central, "北京中心库"), ("regional", codes.regional, "上海备件库"),
                                 ("defective", codes.defective, "坏件库"), ("repair", codes.repair, "返修供应商"),
                                 ("in_transit", codes.transit, "在途"), ("scrap", codes.scrap, "报废")):
        catalogue.create_location(app, admin, code=location, name=name, kind=kind)
    catalogue.create_location(app, admin, code=codes.consignment, name="西安服务商寄售库", kind="consignment",
                              partner_code=codes.partner)
    catalogue.create_part(app, admin, part_number=codes.fan, name="风扇 Fan", unit_cost="180.50")
    catalogue.create_part(app, admin, part_number=codes.disk, name="硬盘 HDD 2.4TB", unit_cost=Decimal("1999.00"),
                          serialized=True, return_required=True)
    catalogue.create_part(app, admin, part_number=codes.psu, name="电源模块 PSU", unit_cost="900.00",
                          return_required=True)
    return codes


@pytest.fixture
def desk(app, admin, make_actor):
    """A spare-parts desk of its own: ``spares.alert_group`` names a new group with one clerk (English) and
    one Chinese-speaking clerk; ``desk.titles(chinese=False)`` lists what they were told."""
    from sqlalchemy import select

    from console.core import settings
    from console.core.models import Group, GroupMember, Notification

    clerk, chinese = make_actor("back_office"), make_actor("back_office", locale="zh_CN")
    name = unique("Desk ")
    with app.session() as session:
        group = Group(name=name)
        session.add(group)
        session.flush()
        session.add_all([GroupMember(group_id=group.id, user_id=u.user_id) for u in (clerk, chinese)])
    settings.set_value(app, admin, "spares.alert_group", name)

    def titles(in_chinese: bool = False) -> list[str]:
        with app.session() as session:
            who = chinese if in_chinese else clerk
            return list(session.scalars(select(Notification.title).where(Notification.user_id == who.user_id)
                                        .order_by(Notification.id)))

    yield SimpleNamespace(clerk=clerk, chinese=chinese, titles=titles)
    settings.set_value(app, admin, "spares.alert_group", "备件中心 Spare parts desk")
