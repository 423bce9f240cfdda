"""The spare-part pages under pytest-qt: every page opens and reads, forms save off the GUI thread and keep the
typing when the service refuses, the count table and the KPI page work."""

from decimal import Decimal

import pytest

import plugins.spares as spares
from console.api import Context
from console.api.ui import FormDialog
from console.testing import fill_form
from console.ui.support import pending_tasks
from plugins.spares.api import stock_on_hand
from plugins.spares.service import counts, stock
from plugins.spares.ui import counts as count_ui
from plugins.spares.ui import kpis as kpi_ui
from plugins.spares.ui import stock as stock_ui

TIMEOUT = 20_000


def idle(qtbot, page=None):
    qtbot.waitUntil(lambda: pending_tasks() == 0 and not (page is not None and page.loading()), timeout=TIMEOUT)


def dialog_of(qtbot, parent) -> FormDialog:
    qtbot.waitUntil(lambda: bool(parent.findChildren(FormDialog)), timeout=TIMEOUT)
    return parent.findChildren(FormDialog)[-1]




@pytest.mark.parametrize(("page_id", "_title", "factory", "_permission"), spares.PAGES, ids=[p[0] for p in spares.PAGES])
def test_every_page_opens_and_reads(qtbot, app, admin, net, page_id, _title, factory, _permission):
    stock.receive(app, admin, part_number=net.fan, quantity=2, to_code=net.consignment)
    page = spares._page(factory)(Context(app, admin))
    qtbot.addWidget(page)
    page.show()
    idle(qtbot, page)
    if hasattr(page, "model"):
        assert page.model.error() is None and page.model.total() is not None
    else:
        assert page.rows and page.table.rowCount() == len(page.rows)


def test_receiving_through_the_form(qtbot, app, admin, net):
    page = stock_ui.stock_page(Context(app, admin))
    qtbot.addWidget(page)
    idle(qtbot, page)
    stock_ui.receive_form(page, Context(app, admin))
    dialog = dialog_of(qtbot, page)
    fill_form(dialog, part_number=net.fan, to_code=net.regional, quantity="7", ref="PO-UI-1")
    dialog.submit()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=TIMEOUT)
    with app.session() as session:
        assert stock_on_hand(session, net.fan, net.regional) == Decimal(7)


def test_a_refused_issue_keeps_the_typing_and_says_why(qtbot, app, admin, net):
    stock.receive(app, admin, part_number=net.fan, quantity=1, to_code=net.regional)
    page = stock_ui.stock_page(Context(app, admin))
    qtbot.addWidget(page)
    idle(qtbot, page)
    stock_ui.issue_form(page, Context(app, admin))
    dialog = dialog_of(qtbot, page)
    fill_form(dialog, part_number=net.fan, from_code=net.regional, ref="PRJ-UI", quantity="3")
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=TIMEOUT)
    assert f"Only 1 of {net.fan} left at {net.regional}" in dialog.error.text()
    assert dialog.isVisible() and dialog.inputs["quantity"].text() == "3"


def test_counting_in_the_table(qtbot, app, admin, net):
    stock.receive(app, admin, part_number=net.fan, quantity=5, to_code=net.regional)
    count_id = counts.create_count(app, admin, depot_code=net.regional)
    page = count_ui.counts_page(Context(app, admin))
    qtbot.addWidget(page)
    idle(qtbot, page)
    dialog = count_ui.CountDialog(page, Context(app, admin), count_id)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=TIMEOUT)
    dialog.table.item(0, 4).setText("abc")
    dialog.save(submit=False)
    assert "not a number" in dialog.error.text()
    dialog.table.item(0, 4).setText("4")
    dialog.save(submit=True)
    qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted, timeout=TIMEOUT)
    with app.session() as session:
        assert stock_on_hand(session, net.fan, net.regional) == Decimal(4)


def test_the_kpi_page_groups_by_part_and_exports(qtbot, app, admin, net, tmp_path, monkeypatch):
    page = kpi_ui.kpis_page(Context(app, admin))
    qtbot.addWidget(page)
    page.show()
    idle(qtbot, page)
    page.dimension.setCurrentIndex(page.dimension.findData("part"))
    idle(qtbot, page)
    assert page.table.item(0, 0).text() == "All"
    target = tmp_path / "kpis.xlsx"
    monkeypatch.setattr(kpi_ui, "save_file", lambda *_a: str(target))
    page.export()
    qtbot.waitUntil(target.exists, timeout=TIMEOUT)


def test_partner_auditors_see_consignment_stock_only(qtbot, app, admin, make_actor, net):
    stock.receive(app, admin, part_number=net.fan, quantity=2, to_code=net.consignment)
    stock.receive(app, admin, part_number=net.fan, quantity=2, to_code=net.central)
    auditor = make_actor("partner_auditor")
    page = stock_ui.consignment_page(Context(app, auditor))
    qtbot.addWidget(page)
    page.search.setText(net.fan)
    page.model.set_search(net.fan)
    idle(qtbot, page)
    qtbot.waitUntil(lambda: page.model.total() is not None, timeout=TIMEOUT)
    assert page.model.total() == 1 and page.model.row_values(0)[0] == net.consignment
    assert not page.action_buttons  # nothing to do there but look
