"""The worktime pages under pytest-qt: the week grid and day timelines, the lists, the review queue,
reports (with exports) and the set-up tabs, in English and Chinese."""

from datetime import date

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest
from sqlalchemy import func, select

from console.api import Context
from plugins.worktime.models import TimeEntry, Timesheet
from plugins.worktime.service import entries, timesheets
from plugins.worktime.ui import pages
from plugins.worktime.ui.reports_page import VIEWS
from tests.plugins.worktime.conftest import at

TIMEOUT = 15_000


@pytest.fixture(autouse=True)
def english_afterwards(qapp):
    yield
    from console.ui.i18n import install_language

    install_language(qapp, "en", None)


def settle(qtbot, page):
    qtbot.waitUntil(lambda: not page.loading(), timeout=TIMEOUT)


def golden_week(app, person):
    """Time around National Day 2025: a make-up Sunday, a holiday, a day off in lieu and a make-up Saturday."""
    for start, end, kind, ref in ((at(2025, 9, 28, 9), at(2025, 9, 28, 18), "meeting", None),
                                  (at(2025, 10, 1, 10), at(2025, 10, 1, 14), "training", None),
                                  (at(2025, 10, 7, 20), at(2025, 10, 7, 22), "travel", None),
                                  (at(2025, 10, 11, 17), at(2025, 10, 11, 19), "meeting", None)):
        entries.add_entry(app, person, starts_at=start, ends_at=end, activity_kind=kind, activity_ref=ref)


def test_the_week_grid_shows_kinds_totals_and_the_split(qtbot, app, make_actor):
    person = make_actor("engineer")
    golden_week(app, person)
    page = pages.week_page(Context(app, person))
    qtbot.addWidget(page)
    settle(qtbot, page)
    page.open_key("2025-09-29")
    settle(qtbot, page)
    grid = page.grid
    headers = [grid.horizontalHeaderItem(c).text() for c in range(1, 8)]
    assert headers[2].startswith("Wed 10-01") and "Statutory holiday" in headers[2]
    assert "Rest day" in headers[5] and headers[0].startswith("Mon 09-29")
    rows = {grid.item(r, 0).text(): r for r in range(grid.rowCount())}
    assert grid.item(rows["Training"], 3).text() == "4:00"
    assert grid.item(rows["Overtime"], 3).text() == "4:00"
    assert grid.item(rows["Scheduled"], 3).text() == ""  # no scheduled time on a holiday
    assert grid.item(rows["Total"], 8).text() == "4:00"
    page.go(7)  # the week of 6 October: day off in lieu, make-up Saturday
    settle(qtbot, page)
    headers = [grid.horizontalHeaderItem(c).text() for c in range(1, 8)]
    assert "Day off in lieu" in headers[1] and "Make-up working day" in headers[5]
    page._day_picked(date(2025, 10, 11))
    saturday = page.timeline
    assert [p[2] for e in saturday.entries for p in e.pieces if e.starts_at == at(2025, 10, 11, 17)] == [
        "normal", "extended"]  # a make-up Saturday with Monday's windows, cut at 18:00


def test_typing_hours_into_a_cell_books_them(qtbot, app, make_actor):
    person = make_actor("engineer")
    entries.add_entry(app, person, starts_at=at(2026, 6, 8, 9), ends_at=at(2026, 6, 8, 10), activity_kind="training")
    page = pages.week_page(Context(app, person))
    qtbot.addWidget(page)
    page.open_key("2026-06-08")
    settle(qtbot, page)
    row = next(r for r in range(page.grid.rowCount()) if page.grid.item(r, 0).text() == "Training")
    page.grid.item(row, 2).setText("2:30")  # Tuesday
    qtbot.waitUntil(lambda: not page.loading() and page.grid.item(row, 2).text() == "2:30", timeout=TIMEOUT)
    with app.session() as session:
        assert session.scalar(select(func.sum(TimeEntry.minutes)).where(TimeEntry.user_id == person.user_id)) == 210
    page.grid.item(row, 2).setText("abc")
    qtbot.waitUntil(lambda: "not a duration" in page.message.text(), timeout=TIMEOUT)


def test_copy_submit_and_withdraw_from_the_week(qtbot, app, make_actor):
    person = make_actor("engineer")
    entries.add_entry(app, person, starts_at=at(2026, 6, 15, 9), ends_at=at(2026, 6, 15, 12), activity_kind="meeting")
    page = pages.week_page(Context(app, person))
    qtbot.addWidget(page)
    page.open_key("2026-06-22")
    settle(qtbot, page)
    page.copy_button.click()
    qtbot.waitUntil(lambda: "Copied 1 entries" in page.message.text(), timeout=TIMEOUT)
    settle(qtbot, page)
    page.submit_button.click()
    qtbot.waitUntil(lambda: page.view.sheet is not None and page.view.sheet.status == "submitted", timeout=TIMEOUT)
    assert page.withdraw_button.isVisibleTo(page) and not page.copy_button.isEnabled()
    page.withdraw_button.click()
    qtbot.waitUntil(lambda: page.view.sheet.status == "withdrawn", timeout=TIMEOUT)
    assert page.copy_button.isEnabled()


def test_double_clicking_free_time_opens_the_record_form_there(qtbot, app, make_actor, monkeypatch):
    person = make_actor("engineer")
    entries.add_entry(app, person, starts_at=at(2026, 6, 29, 9), ends_at=at(2026, 6, 29, 10), activity_kind="meeting")
    page = pages.week_page(Context(app, person))
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    page.open_key("2026-06-29")
    settle(qtbot, page)
    opened = []
    monkeypatch.setattr("plugins.worktime.ui.week.entry_dialog", lambda *a, **k: opened.append(k))
    timeline = page.timeline
    x = timeline._x(14 * 60 + 5)
    QTest.mouseDClick(timeline, Qt.MouseButton.LeftButton, pos=QPointF(x, timeline._lane_top(0) + 5).toPoint())
    assert opened and opened[0]["start"] == at(2026, 6, 29, 14)
    block_x = timeline._x(9 * 60 + 30)
    QTest.mouseDClick(timeline, Qt.MouseButton.LeftButton, pos=QPointF(block_x, timeline._lane_top(0) + 5).toPoint())
    assert opened[-1]["entry"].starts_at == at(2026, 6, 29, 9)


def test_lists_build_and_show_details(qtbot, app, admin, make_actor, team):
    crew = team(1)
    member = crew.members[0]
    entry = entries.add_entry(app, member, starts_at=at(2026, 7, 6, 17), ends_at=at(2026, 7, 6, 19),
                              activity_kind="meeting", note="客户复盘会")
    sheet = timesheets.submit(app, member, day=date(2026, 7, 6))
    page = pages.entries_page(Context(app, member))
    qtbot.addWidget(page)
    period = page.filter_boxes[1]
    period.setCurrentIndex(period.count() - 1)  # any time
    qtbot.waitUntil(lambda: page.model.total() == 1, timeout=TIMEOUT)
    from plugins.worktime.ui.entries_page import entry_html

    html = entry_html(Context(app, member), entry)
    assert "客户复盘会" in html and "Extended-hours overtime" in html and "Submitted" in html
    review = pages.review_page(Context(app, crew.lead))
    qtbot.addWidget(review)
    settle(qtbot, review)
    qtbot.waitUntil(lambda: review.inner.model.total() == 1, timeout=TIMEOUT)
    assert review.inner.current_key() in (None, sheet)
    for factory in (pages.leave_page, pages.adjustments_page, pages.schedules_page, pages.setup_page):
        widget = factory(Context(app, admin))
        qtbot.addWidget(widget)
        settle(qtbot, widget)


def test_reviewer_approves_from_the_queue(qtbot, app, team, monkeypatch):
    crew = team(1)
    member = crew.members[0]
    entries.add_entry(app, member, starts_at=at(2026, 7, 13, 9), ends_at=at(2026, 7, 13, 12), activity_kind="meeting")
    sheet = timesheets.submit(app, member, day=date(2026, 7, 13))
    review = pages.review_page(Context(app, crew.lead))
    qtbot.addWidget(review)
    settle(qtbot, review)
    queue = review.inner
    qtbot.waitUntil(lambda: queue.model.total() == 1 and queue.model.key_for(0) is not None, timeout=TIMEOUT)
    queue.table.setCurrentIndex(queue.model.index(0, 0))
    dialogs = []
    monkeypatch.setattr("plugins.worktime.ui.review.FormDialog.open", lambda self: dialogs.append(self))
    from plugins.worktime.ui.review import decide

    decide(queue, Context(app, crew.lead), True)
    qtbot.waitUntil(lambda: bool(dialogs), timeout=TIMEOUT)
    with qtbot.waitSignal(dialogs[0].saved, timeout=TIMEOUT):
        dialogs[0].submit()
    with app.session() as session:
        assert session.get(Timesheet, sheet).status == "approved"


@pytest.mark.parametrize("view", [key for key, _title in VIEWS])
def test_every_report_computes_and_exports(qtbot, app, admin, view, tmp_path):
    page = pages.reports_page(Context(app, admin))
    qtbot.addWidget(page)
    settle(qtbot, page)
    page.view.setCurrentIndex(page.view.findData(view))
    settle(qtbot, page)
    assert page.report is not None and page.report.titles
    page.export(str(tmp_path / "report.csv"))
    assert (tmp_path / "report.csv").read_text(encoding="utf-8-sig").splitlines()[0].startswith(page.report.titles[0])
    if view == "person":
        page.pdf(str(tmp_path / "report.pdf"))
        assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")
        page.payroll(str(tmp_path / "payroll.xlsx"))
        settle(qtbot, page)
        assert (tmp_path / "payroll.xlsx").exists()


def test_pages_speak_chinese(qtbot, qapp, app, make_actor):
    from console.ui.i18n import install_language

    install_language(qapp, "zh_CN", app.plugins)
    person = make_actor("engineer")
    golden_week(app, person)
    page = pages.week_page(Context(app, person))
    qtbot.addWidget(page)
    page.open_key("2025-09-29")
    settle(qtbot, page)
    assert page.submit_button.text() == "提交本周"
    headers = [page.grid.horizontalHeaderItem(c).text() for c in range(1, 8)]
    assert headers[2].startswith("周三 10-01") and "法定节假日" in headers[2]


@pytest.mark.parametrize("factory", ["entries_page", "leave_page", "adjustments_page", "schedules_page", "setup_page"])
def test_every_action_of_the_lists_opens_its_form(qtbot, app, admin, make_actor, monkeypatch, factory):
    """Each button of each list (each tab) runs: forms open, questions are asked, files are asked for."""
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from console.api.ui import FormDialog, ListPage

    person = make_actor("engineer")
    entries.add_entry(app, person, starts_at=at(2026, 11, 9, 9), ends_at=at(2026, 11, 9, 10), activity_kind="meeting")
    opened, asked = [], []
    monkeypatch.setattr(FormDialog, "open", lambda self: opened.append(self.windowTitle()))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: ("", "")))
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: asked.append(a) or
                                                              QMessageBox.StandardButton.No))
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a, **k: warned.append(a)))
    widget = getattr(pages, factory)(Context(app, admin))
    qtbot.addWidget(widget)
    lists = [widget.widget(i) for i in range(widget.count())] if hasattr(widget, "count") else [widget]
    for page in lists:
        assert isinstance(page, ListPage)
        if page.filter_boxes:  # the widest choice of each filter, so that a row shows
            for box in page.filter_boxes:
                box.setCurrentIndex(box.count() - 1 if box.count() > 1 else 0)
        qtbot.waitUntil(lambda: not page.loading(), timeout=TIMEOUT)
        if page.model.rowCount():
            qtbot.waitUntil(lambda: page.model.key_for(0) is not None, timeout=TIMEOUT)
            page.table.setCurrentIndex(page.model.index(0, 0))
        for action, button in page.action_buttons:
            if button.isEnabled() and "Import" not in button.text():
                before = len(opened) + len(asked)
                page._run(action)
                qtbot.waitUntil(lambda: len(opened) + len(asked) > before, timeout=TIMEOUT)
    assert not warned
