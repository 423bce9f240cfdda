"""The pages under pytest-qt: every page builds and reads off the GUI thread; quick entry from the
lookup to the saved incident with the keyboard only; the incident window and its SLA explain panel;
saved views, the knowledge search, report exports and the ladder editor."""

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton
from sqlalchemy import select

from console.api import Context
from plugins.incidents import records, views
from plugins.incidents.models import Escalation, Incident
from tests.plugins import unique
from tests.plugins.incidents.conftest import deactivate, define, open_in

PAGES = [("quick_entry", "quick_entry_page"), ("lists", "my_queue_page"), ("lists", "team_queue_page"),
         ("lists", "all_incidents_page"), ("lists", "breaching_page"), ("work_orders", "work_orders_page"),
         ("escalations", "escalations_page"), ("knowledge", "knowledge_page"), ("reports", "reports_page"),
         ("sla", "sla_page"), ("setup", "setup_page")]


def idle(qtbot, widget, timeout=20_000):
    from console.ui.screenshot import is_idle

    qtbot.waitUntil(lambda: is_idle(widget), timeout=timeout)


def looked_up(qtbot, context, serial):
    """A quick-entry form in which ``serial`` was typed and matched."""
    from plugins.incidents.ui.quick_entry import QuickEntryForm

    form = QuickEntryForm(context)
    qtbot.addWidget(form)
    form.show()
    idle(qtbot, form)
    QTest.keyClicks(form.lookup, serial)
    qtbot.waitUntil(lambda: form.matches.count() == 1, timeout=10_000)
    return form


@pytest.fixture
def context(app, admin):
    return Context(app, admin)


@pytest.mark.parametrize(("module", "factory"), PAGES)
def test_every_page_builds_and_loads(qtbot, themed, context, module, factory):
    import importlib

    page = getattr(importlib.import_module(f"plugins.incidents.ui.{module}"), factory)(context)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    idle(qtbot, page)


def test_the_incident_list_shows_and_opens_an_incident(qtbot, themed, app, world, context):
    from plugins.incidents.ui.incident_window import IncidentWindow
    from plugins.incidents.ui.lists import all_incidents_page

    number = open_in(app, world, title=f"{unique('列表')} 交换机")
    page = all_incidents_page(context)
    qtbot.addWidget(page)
    page.show()
    idle(qtbot, page)
    list_page = page.inner
    assert list_page.model.total() >= 1
    page.open_key(number)
    window = IncidentWindow.open_windows[number]
    qtbot.addWidget(window)
    idle(qtbot, window)
    assert number in window.windowTitle()
    window.close()


def test_quick_entry_with_the_keyboard_only(qtbot, themed, app, world, context):
    form = looked_up(qtbot, context, world.serial)
    QTest.keyClick(form.lookup, Qt.Key.Key_Down)
    QTest.keyClick(form.matches, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: form.asset.currentData() == world.asset_id, timeout=10_000)
    idle(qtbot, form)
    assert "测试银行" in form.caller.text() and "Covered by contract" in form.entitlement.text()
    form.category.setFocus()  # typed text arrives through the input method, not as key presses
    form.category.lineEdit().insert("硬件 Hardware / 服务器 Server")
    title = f"{unique('快速')} 硬盘告警"
    form.title.setFocus()
    form.title.insert(title)
    form.title.textEdited.emit(title)
    form.impact.setCurrentIndex(1)
    form.urgency.setCurrentIndex(1)
    saved = []
    form.saved.connect(saved.append)
    QTest.keyClick(form, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(saved) or form.message.isVisible(), timeout=15_000)
    assert saved, form.message.text()
    with app.session() as session:
        incident = session.scalar(select(Incident).where(Incident.number == saved[0]))
        assert (incident.title, incident.asset_id, incident.priority) == (title, world.asset_id, "P1")
    assert form.lookup.text() == "" and form.title.text() == ""


def test_quick_entry_warns_of_an_open_incident_on_the_asset_and_keeps_the_typing(qtbot, themed, app, world, context):
    existing = open_in(app, world)
    form = looked_up(qtbot, context, world.serial)
    QTest.keyClick(form.lookup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: form.warning.isVisible(), timeout=10_000)
    assert existing in form.warning.text()
    form.title.insert("no category chosen")
    form.save()
    qtbot.waitUntil(lambda: form.message.isVisible(), timeout=10_000)
    assert "category" in form.message.text().lower() and form.title.text() == "no category chosen"


def test_the_sla_explain_panel(qtbot, themed, app, world, context, now):
    from plugins.incidents.ui.incident_window import IncidentWindow

    resolve = define(app, world, p3_minutes=60, pause_reasons="waiting_customer",
                     levels=[{"trigger": "share", "share_percent": 50, "action": "notify"}])
    try:
        number = open_in(app, world, impact="medium", urgency="medium", assignee_id=world.admin.user_id,
                         opened_at=now - timedelta(minutes=90))
        records.change_status(app, world.admin, number, "in_progress")
        records.change_status(app, world.admin, number, "pending", reason="waiting_customer")
        window = IncidentWindow.show_for(None, context, number)
        qtbot.addWidget(window)
        idle(qtbot, window)
        window.tabs.setCurrentIndex(1)
        idle(qtbot, window)
        assert window.canvas is not None and window.canvas.state == "drawn"
        text = window.explain.toPlainText()
        assert "Breached at" in text and "Paused" in text and "Waiting for customer" in text
        assert window.escalations.rowCount() >= 1 and window.ack_button.isEnabled()
        window.escalations.selectRow(0)
        window._acknowledge()
        qtbot.waitUntil(lambda: not window.busy and not window.ack_button.isEnabled(), timeout=10_000)
        with app.session() as session:
            assert session.scalar(select(Escalation.acknowledged_by).where(
                Escalation.incident_id == window.bundle.view.id)) is not None
        window.close()
    finally:
        deactivate(app, world.admin, resolve)


def test_saved_views_are_applied(qtbot, themed, app, admin, context):
    from plugins.incidents.ui.lists import my_queue_page

    views.save_view(app, admin, "incidents.queue", "待处理 pending", "", [4])
    page = my_queue_page(context)
    qtbot.addWidget(page)
    page.show()
    idle(qtbot, page)
    button = next(b for b in page.findChildren(QPushButton) if b.menu() is not None)
    button.menu().aboutToShow.emit()
    action = next(a for a in button.menu().actions() if a.text() == "待处理 pending")
    action.trigger()
    assert page.filter_boxes[0].currentIndex() == 4
    with app.session() as session:
        assert views.saved_views(session, admin.user_id, "incidents.queue")[0][0] == "待处理 pending"


def test_the_knowledge_page_searches_chinese(qtbot, themed, app, world, context):
    from plugins.incidents import knowledge
    from plugins.incidents.ui.knowledge import knowledge_page

    token = unique("页")
    number = knowledge.save_article(app, world.engineer, title=f"{token} 蓝屏 0x7E 处理", solution="更新驱动")
    knowledge.submit_for_review(app, world.engineer, number)
    knowledge.review(app, world.lead, number, approve=True)
    page = knowledge_page(context)
    qtbot.addWidget(page)
    page.show()
    idle(qtbot, page)
    search = page.inner.layout().itemAt(0).layout().itemAt(0).widget()
    search.setText(f"{token} 蓝屏")
    search.textEdited.emit(search.text())
    qtbot.waitUntil(lambda: page.inner.model.total() == 1, timeout=10_000)


@pytest.mark.parametrize("suffix", ["csv", "xlsx", "png", "pdf"])
def test_reports_export(qtbot, themed, context, tmp_path, suffix):
    from plugins.incidents.ui.reports import ReportsPage

    page = ReportsPage(context)
    qtbot.addWidget(page)
    page.resize(1100, 800)
    page.show()
    idle(qtbot, page)
    path = page.write(tmp_path / f"report.{suffix}", suffix, "Backlog")
    assert path.exists() and path.stat().st_size > 0


def test_the_ladder_editor_round_trips(qtbot, themed, app, world, context):
    from plugins.incidents.models import SlaDefinition
    from plugins.incidents.ui.sla import LadderDialog

    resolve = define(app, world)
    try:
        with app.session() as session:
            version = session.get(SlaDefinition, resolve).version
        levels = [{"trigger": "share", "share_percent": 75, "action": "notify", "notify_target": "role",
                   "role": "team_lead", "repeat_minutes": 30},
                  {"trigger": "offset", "offset_minutes": 20, "action": "reassign", "group_id": world.group_id}]
        dialog = LadderDialog(None, context, resolve, version, levels, [(world.group_id, "组")])
        qtbot.addWidget(dialog)
        assert dialog.levels() == [{**levels[0], "offset_minutes": None, "group_id": None},
                                   {**levels[1], "share_percent": None, "notify_target": None, "role": None,
                                    "repeat_minutes": None}]
        dialog.save()
        qtbot.waitUntil(lambda: dialog.result() == 1 or dialog.error.isVisible(), timeout=10_000)
        assert not dialog.error.isVisible(), dialog.error.text()
    finally:
        deactivate(app, world.admin, resolve)
