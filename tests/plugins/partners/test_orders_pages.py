"""The service-order and partner-network pages under pytest-qt: lists read (scoped to a partner's own
user), the timeline shows steps, clock chart and explanation, forms save off the GUI thread and keep
the typing when the service refuses; the global search."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from matplotlib.figure import Figure
from PySide6.QtWidgets import QDateTimeEdit

from console.api import Asset, Context, ServiceCentre, Site, utcnow
from console.api.ui import FormDialog
from console.testing import fill_form
from console.ui.support import pending_tasks
from plugins.partners import network, orders, search
from sqlalchemy import select

from plugins.partners.models import Partner, RateCard, ServiceOrder
from plugins.partners.ui import network_page as network_ui
from plugins.partners.ui import orders_page as orders_ui
from plugins.partners.ui import timeline as timeline_ui
from tests.plugins import unique

TIMEOUT = 20_000
RATES = {"labour_l1": "80", "labour_l2": "150", "labour_l3": "300", "free_radius_km": "30",
         "travel_per_km": "1.20", "parts_handling": "15"}


def idle(qtbot, page=None):
    qtbot.waitUntil(lambda: pending_tasks() == 0 and not (page is not None and page.loading()), timeout=TIMEOUT)


def dialog_of(qtbot, parent, action) -> FormDialog:
    """The form that ``action()`` opens on ``parent``."""
    before = set(parent.findChildren(FormDialog))
    action()
    qtbot.waitUntil(lambda: bool(set(parent.findChildren(FormDialog)) - before), timeout=TIMEOUT)
    return (set(parent.findChildren(FormDialog)) - before).pop()




def saved(qtbot, dialog) -> None:
    dialog.submit()
    qtbot.waitUntil(lambda: not dialog.isVisible() or dialog.error.isVisible(), timeout=TIMEOUT)
    assert not dialog.error.isVisible(), dialog.error.text()


@pytest.fixture
def world(app, admin, reference):
    """A partner with a centre and an engineer, a rate card, and a late order in progress."""
    code = unique("HZ")
    network.create_partner(app, admin, code=code, name="杭州联信", level="gold", regions="华东")
    network.add_engineer(app, admin, partner_code=code, code=f"{code}-E1", name="赵工", phone="13900000000")
    network.set_rate_card(app, admin, partner_code=code, valid_from=date(2026, 1, 1), **RATES)
    with app.session() as session:
        session.add(ServiceCentre(code=unique("SC"), name="杭州站", city="杭州", latitude=Decimal("30.2741"),
                                  longitude=Decimal("120.1551"), partner_code=code))
        site = Site(customer_id=reference.customer_id, name="滨江机房", latitude=Decimal("30.2100"),
                    longitude=Decimal("120.2100"))
        session.add(site)
        session.flush()
        site_id = site.id
    start = utcnow() - timedelta(hours=3)
    number = orders.create_service_order(app, admin, partner_code=code, site_id=site_id, dispatched_at=start,
                                         category="服务器 Server")
    orders.record_step(app, admin, number, "accepted", at=start + timedelta(minutes=50), engineer_code=f"{code}-E1")
    return type("World", (), {"code": code, "number": number, "site_id": site_id})


def order_page(qtbot, context, number):
    page = orders_ui.service_orders_page(context)
    qtbot.addWidget(page)
    page.resize(1400, 900)
    page.show()
    page.list.filter_boxes[0].setCurrentIndex(3)  # all orders
    page.list.model.set_search(number)
    idle(qtbot, page)
    return page


def test_the_orders_page_lists_an_order_and_shows_its_timeline(qtbot, app, admin, world):
    page = order_page(qtbot, Context(app, admin), world.number)
    assert page.list.model.total() == 1
    assert page.list.model.data(page.list.model.index(0, 8)) == "Yes"  # accepted 50 minutes after dispatch
    qtbot.waitUntil(lambda: page.timeline.view is not None and page.timeline.view.number == world.number,
                    timeout=TIMEOUT)
    idle(qtbot, page)
    timeline = page.timeline
    assert timeline.steps.rowCount() == 2 and timeline.steps.item(1, 0).text() == "Accepted"
    assert world.code in timeline.steps.item(1, 2).text()
    assert "杭州站" in timeline.facts.toHtml() and "km" in timeline.facts.toHtml()
    text = timeline.explanation.toPlainText()
    assert "Accept: Breached" in text and "Arrive: Running" in text and "Fix: Running" in text
    assert timeline.chart.state == "drawn"


def test_steps_are_recorded_through_the_form_and_a_refusal_keeps_the_typing(qtbot, app, admin, world):
    context = Context(app, admin)
    page = order_page(qtbot, context, world.number)
    dialog = dialog_of(qtbot, page.list, lambda: orders_ui.record_step(page.list, context, world.number, page.refresh))
    assert [dialog.inputs["step"].itemData(i) for i in range(dialog.inputs["step"].count())] == ["departed",
                                                                                                 "rejected"]
    fill_form(dialog, step="rejected", note="客户改期")
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=TIMEOUT)
    assert "Choose why" in dialog.error.text() and dialog.inputs["note"].toPlainText() == "客户改期"
    fill_form(dialog, step="departed")
    dialog.inputs["at"].setDateTime(dialog.inputs["at"].dateTime().addSecs(-60))
    saved(qtbot, dialog)
    idle(qtbot, page)
    with app.session() as session:
        assert orders.order_by_number(session, world.number, admin).status == "departed"
    dialog = dialog_of(qtbot, page.list, lambda: orders_ui.record_step(page.list, context, world.number, page.refresh))
    assert "latitude" in dialog.inputs and "satisfaction" not in dialog.inputs
    assert isinstance(dialog.inputs["at"], QDateTimeEdit)
    dialog.reject()


def test_a_new_order_through_the_form(qtbot, app, admin, world, reference):
    context = Context(app, admin)
    page = order_page(qtbot, context, world.number)
    with app.session() as session:
        serial = session.get(Asset, reference.asset_ids[0]).serial
    dialog = dialog_of(qtbot, page.list, lambda: orders_ui.new_order(page.list, context))
    fill_form(dialog, partner_code=world.code, asset_serial="NO-SUCH-SERIAL", incident_ref="INC-2026-000555")
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=TIMEOUT)
    assert "no asset with serial number NO-SUCH-SERIAL" in dialog.error.text()
    fill_form(dialog, asset_serial=serial, repair_level="L1")
    saved(qtbot, dialog)
    with app.session() as session:
        row = session.scalar(select(ServiceOrder).where(ServiceOrder.incident_ref == "INC-2026-000555",
                                                               ServiceOrder.number.startswith(world.code)))
    assert (row.asset_id, row.repair_level, row.source) == (reference.asset_ids[0], "L1", "manual")


def test_a_partners_user_lists_only_its_own_orders(qtbot, app, admin, make_actor, world):
    other = unique("NJ")
    network.create_partner(app, admin, code=other, name="南京", level="silver")
    theirs = orders.create_service_order(app, admin, partner_code=other)
    engineer = make_actor("engineer", partner_code=world.code)
    page = order_page(qtbot, Context(app, engineer), theirs)
    assert page.list.model.total() == 0
    page.list.model.set_search(world.number)
    idle(qtbot, page)
    assert page.list.model.total() == 1
    page.open_key(theirs)
    qtbot.waitUntil(lambda: page.timeline.state == "failed", timeout=TIMEOUT)
    assert "another partner" in page.timeline.error.text()


def test_the_network_page_shows_engineers_centres_and_rate_cards(qtbot, app, admin, world):
    context = Context(app, admin)
    page = network_ui.network_page(context)
    qtbot.addWidget(page)
    page.show()
    page.model.set_search(world.code)
    idle(qtbot, page)
    assert page.model.total() == 1
    assert [page.model.data(page.model.index(0, c)) for c in (0, 2, 4, 5, 6)] == [world.code, "Gold", "1", "1",
                                                                                 "2026-01-01"]
    qtbot.waitUntil(lambda: "杭州站" in page.details.toPlainText(), timeout=TIMEOUT)
    detail = page.details.toPlainText()
    assert f"{world.code}-E1 · 赵工" in detail and "30.274100, 120.155100" in detail and "open-ended" in detail


def test_partners_engineers_centres_and_rate_cards_through_the_forms(qtbot, app, admin):
    context = Context(app, admin)
    page = network_ui.network_page(context)
    qtbot.addWidget(page)
    idle(qtbot, page)
    code = unique("WH")
    dialog = dialog_of(qtbot, page, lambda: network_ui.new_partner(page, context))
    fill_form(dialog, code=code, name="武汉华信", level="silver", regions="华中")
    saved(qtbot, dialog)
    with app.session() as session:
        partner_id = network.partner_by_code(session, code).id
    dialog = dialog_of(qtbot, page, lambda: network_ui.add_engineer(page, context, partner_id))
    fill_form(dialog, code=f"{code}-E9", name="孙工")
    saved(qtbot, dialog)
    dialog = dialog_of(qtbot, page, lambda: network_ui.new_rate_card(page, context, partner_id))
    fill_form(dialog, **{key: value for key, value in RATES.items()})
    saved(qtbot, dialog)
    dialog = dialog_of(qtbot, page, lambda: network_ui.add_centre(page, context, partner_id))
    fill_form(dialog, code=f"{code}-C1", name="武汉华信光谷服务站", city="武汉", latitude="30.508", longitude="114.410")
    saved(qtbot, dialog)
    dialog = dialog_of(qtbot, page, lambda: network_ui.edit_partner(page, context, partner_id))
    qtbot.waitUntil(lambda: dialog.inputs["name"].text() == "武汉华信", timeout=TIMEOUT)
    fill_form(dialog, level="gold", active=False)
    saved(qtbot, dialog)
    with app.session() as session:
        partner = session.get(Partner, partner_id)
        card = session.scalar(select(RateCard).where(RateCard.partner_id == partner_id))
        assert (partner.level, partner.active) == ("gold", False)
        assert network.engineer_of(session, partner, f"{code}-E9").name == "孙工"
        centre = network.centres_of(session, partner_id)[0]
        assert (centre.code, centre.partner_code, centre.latitude) == (f"{code}-C1", code, Decimal("30.508000"))
    assert (card.valid_to, card.labour_l2, card.travel_per_km) == (None, Decimal("150.00"), Decimal("1.20"))


def test_search_finds_orders_and_partners_within_the_actors_partner(app, admin, make_actor, world):
    hits = search.search(Context(app, admin), world.number.lower(), 10)
    assert [(h.title, h.page_id, h.key) for h in hits] == [(world.number, "partners.orders", world.number)]
    named = search.search(Context(app, admin), "杭州联信", 50)
    assert any(h.page_id == "partners.network" and h.title.startswith(world.code) for h in named)
    assert search.search(Context(app, admin), " ", 10) == []
    other = unique("XA")
    network.create_partner(app, admin, code=other, name="西安", level="authorised")
    outsider = Context(app, make_actor("engineer", partner_code=other))
    assert search.search(outsider, world.number, 10) == [] and search.search(outsider, "杭州联信", 10) == []
    assert [h.key for h in search.search(outsider, other, 10)] == [h.key for h in search.search(
        Context(app, admin), other, 10)]


def test_the_clock_chart_draws_and_says_when_there_is_nothing(app, admin, world):
    figure = Figure()
    timeline_ui.draw_clocks(figure, None, None)
    assert "Select a service order" in figure.axes[0].texts[0].get_text()
    with app.session() as session:
        view = orders.timeline(session, world.number, admin)
    figure = Figure()
    timeline_ui.draw_clocks(figure, view, None)
    assert [t.get_text() for t in figure.axes[0].get_yticklabels()] == ["Fix", "Arrive", "Accept"]
