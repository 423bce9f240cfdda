"""Page building blocks: a list page with search, filters, details and export; a form that keeps
the user's typing when the service refuses it; long work with progress and cancel."""

from __future__ import annotations

import threading
import uuid
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from sqlalchemy import Column as SqlColumn
from sqlalchemy import Integer, MetaData, Numeric, String, Table, insert, select

from console.core.contributions import Context
from console.core.errors import StaleEditError, ValidationError
from console.ui.sql_model import Column
from console.ui.widgets import ChoiceFilter, Field, FormDialog, ListPage, PageAction, Progress, run_with_progress

TIMEOUT = 15_000


@pytest.fixture(scope="module")
def parts(console_app):
    metadata = MetaData()
    table = Table(f"scratch_parts_{uuid.uuid4().hex[:8]}", metadata,
                  SqlColumn("id", Integer, primary_key=True), SqlColumn("number", String(20), nullable=False),
                  SqlColumn("name", String(60), nullable=False), SqlColumn("cost", Numeric(10, 2), nullable=False))
    metadata.create_all(console_app.engine)
    with console_app.engine.begin() as connection:
        connection.execute(insert(table), [{"id": n, "number": f"SP-{n:04d}", "name": ("硬盘 HDD" if n % 2 else "风扇 Fan"),
                                            "cost": Decimal(n) + Decimal("0.5")} for n in range(1, 451)])
    yield table
    metadata.drop_all(console_app.engine)


def make_page(qtbot, app, actor, table, **extra):
    page = ListPage(Context(app, actor), owner="scratch",
                    query=select(table.c.number, table.c.name, table.c.cost),
                    columns=[Column("Number", searchable=True), Column("Name", searchable=True),
                             Column("Cost", align="right")],
                    key=table.c.id, **extra)
    qtbot.addWidget(page)
    page.resize(900, 600)
    page.show()
    qtbot.waitUntil(lambda: not page.loading(), timeout=TIMEOUT)
    return page


def test_search_filters_count_and_details(qtbot, app, admin, parts):
    shown = []
    page = make_page(qtbot, app, admin, parts,
                     filters=[ChoiceFilter("Cost", [("Any cost", None), ("Over 400", parts.c.cost > 400)])],
                     detail=lambda key: shown.append(key) or f"<b>part {key}</b>")
    assert page.count_label.text() == "450 rows"
    qtbot.waitUntil(lambda: shown == [1], timeout=TIMEOUT)  # the first row is selected for the detail pane
    page.search.setText("风扇")
    page.search.textEdited.emit("风扇")
    qtbot.waitUntil(lambda: page.count_label.text() == "225 rows", timeout=TIMEOUT)
    page.filter_boxes[0].setCurrentIndex(1)
    qtbot.waitUntil(lambda: page.count_label.text() == "26 rows", timeout=TIMEOUT)
    page.search.setText("no such part")
    page.search.textEdited.emit("no such part")
    qtbot.waitUntil(lambda: page.empty.isVisibleTo(page), timeout=TIMEOUT)
    assert page.empty.text() == "Nothing to show."


def test_actions_need_their_permission_and_a_row_when_they_say_so(qtbot, app, make_actor, parts):
    reader = make_actor("read_only")
    ran = []
    page = make_page(qtbot, app, reader, parts, actions=[
        PageAction("Edit", lambda p: ran.append(p.current_key()), needs_row=True),
        PageAction("Delete everything", lambda p: ran.append("boom"), permission="core.users.manage")])
    assert [a.title for a, _b in page.action_buttons] == ["Edit"]
    (_action, button), = page.action_buttons
    assert not button.isEnabled()
    page.table.setCurrentIndex(page.model.index(3, 0))
    assert button.isEnabled()
    button.click()
    assert ran == [4]


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_export_writes_every_matching_row_in_screen_order(qtbot, app, admin, parts, tmp_path, suffix):
    page = make_page(qtbot, app, admin, parts, sort=(2, Qt.SortOrder.DescendingOrder))
    target = tmp_path / f"parts{suffix}"
    page.export(str(target))
    qtbot.waitUntil(lambda: "Exported 450 rows" in page.count_label.text(), timeout=TIMEOUT)
    if suffix == ".xlsx":
        rows = list(load_workbook(target, read_only=True).worksheets[0].iter_rows(values_only=True))
        assert rows[0] == ("Number", "Name", "Cost") and rows[1][0] == "SP-0450" and rows[1][2] == 450.5
    else:
        lines = target.read_text(encoding="utf-8-sig").splitlines()
        assert lines[0] == "Number,Name,Cost" and lines[1].startswith("SP-0450,") and len(lines) == 451


def test_a_refused_save_keeps_the_typing_and_points_at_the_field(qtbot, qapp):
    attempts = []

    def save(values):
        attempts.append(values)
        if len(attempts) == 1:
            raise ValidationError("The quantity must be more than zero.", "quantity")
        if len(attempts) == 2:
            raise StaleEditError("This part")
        return "saved"

    dialog = FormDialog(None, "Receive", [Field("part", "Part", required=True),
                                          Field("quantity", "Quantity", "decimal", required=True),
                                          Field("note", "Note", "multiline")], save, owner="scratch")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.submit()
    assert dialog.error.text() == "Fill in “Part”." and not attempts  # refused before any save
    dialog.inputs["part"].setText("SP-0001")
    dialog.inputs["quantity"].setText("1,2x")
    dialog.submit()
    assert "is not a number" in dialog.error.text() and not attempts
    dialog.inputs["quantity"].setText("0")
    dialog.inputs["note"].setPlainText("第一次")
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.error.text() == "The quantity must be more than zero.", timeout=TIMEOUT)
    assert dialog.isVisible() and dialog.inputs["part"].text() == "SP-0001"
    assert dialog._labels["quantity"].objectName() == "errorText"
    dialog.submit()
    qtbot.waitUntil(lambda: "changed by someone else" in dialog.error.text(), timeout=TIMEOUT)
    assert dialog.inputs["note"].toPlainText() == "第一次"  # nothing typed is lost
    with qtbot.waitSignal(dialog.saved, timeout=TIMEOUT):
        dialog.submit()
    assert attempts[-1] == {"part": "SP-0001", "quantity": Decimal("0"), "note": "第一次"}
    assert dialog.result_value == "saved"


def test_long_work_reports_progress_and_stops_on_cancel(qtbot, qapp):
    started, results = threading.Event(), []

    def work(progress: Progress):
        started.set()
        for n in range(1_000_000):
            progress.report(n, 1_000_000)
        return "finished"

    progress = run_with_progress(None, "Counting", work, on_done=results.append)
    assert started.wait(5)
    progress.cancel()
    qtbot.waitUntil(lambda: progress.cancelled, timeout=TIMEOUT)
    qtbot.wait(100)
    assert results == []  # a cancelled task does not report a result
    done = []
    run_with_progress(None, "Quick", lambda p: 42, on_done=done.append)
    qtbot.waitUntil(lambda: done == [42], timeout=TIMEOUT)


def test_html_becomes_a_pdf_with_chinese_text(qapp, tmp_path):
    from console.ui.documents import html_to_pdf

    path = html_to_pdf("<h1>结算单 Statement</h1><p>服务商：武汉长江 IT 服务</p>" * 40, tmp_path / "s.pdf", "结算单")
    data = path.read_bytes()
    assert data.startswith(b"%PDF") and data.count(b"/Type /Page") >= 2  # long enough for two A4 pages


def test_work_queued_for_a_closed_page_never_runs(qtbot, qapp):
    from PySide6.QtCore import QCoreApplication, QEvent, QObject, QThreadPool

    from console.ui.support import pending_tasks, run_in_background, wait_for_background

    pool = QThreadPool()
    pool.setMaxThreadCount(1)
    gate, ran, delivered = threading.Event(), [], []
    run_in_background(None, gate.wait, pool=pool)  # holds the pool's only thread
    page = QObject()
    run_in_background(page, lambda: ran.append("read"), delivered.append, pool=pool)
    page.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gate.set()
    assert wait_for_background(10_000)  # waits for this pool too, not only the global one
    qtbot.waitUntil(lambda: pending_tasks() == 0, timeout=TIMEOUT)
    assert ran == [] and delivered == []
