"""Importing partners' service orders: steps and check-ins, all-or-nothing with row numbers, the same
file twice changes nothing, rows already present are skipped, isolation between partners."""

import csv
from datetime import timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from console.api import PermissionDenied, tables, utcnow
from console.core.tables import ImportRejected
from plugins.partners import network, order_import
from plugins.partners.models import ImportBatch, OrderStep, ServiceOrder
from tests.plugins import unique

SHANGHAI = ZoneInfo("Asia/Shanghai")
HEADER = ["External ref", "Partner code", "Incident", "Work order", "Asset serial", "Category", "Repair level",
          "Dispatched at", "Accepted at", "Departed at", "Arrived at", "Fixed at", "Confirmed at", "Closed at",
          "Engineer", "Arrival latitude", "Arrival longitude", "Satisfaction"]


@pytest.fixture
def partner(app, admin) -> str:
    code = unique("GZ")
    network.create_partner(app, admin, code=code, name="广州粤通", level="silver")
    network.add_engineer(app, admin, partner_code=code, code=f"{code}-E1", name="陈工")
    return code


def at(hours: float) -> str:
    """A wall-clock Shanghai time ``hours`` after a moment ten days ago."""
    start = (utcnow() - timedelta(days=10)).astimezone(SHANGHAI).replace(second=0, microsecond=0)
    return (start + timedelta(hours=hours)).strftime("%Y-%m-%d %H:%M")


def row(partner, ref, **cells) -> dict:
    return {"External ref": ref, "Partner code": partner, "Dispatched at": at(0), **cells}


def write(path, rows, header=HEADER):
    with open(path, "w", newline="", encoding="utf-8") as stream:
        writer = csv.DictWriter(stream, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)
    return path


def imported(app, partner) -> dict[str, ServiceOrder]:
    with app.session() as session:
        return {o.external_ref: o for o in session.scalars(select(ServiceOrder).where(
            ServiceOrder.number.startswith(partner + "-")))}


def steps_of(app, order_id) -> list[OrderStep]:
    with app.session() as session:
        return list(session.scalars(select(OrderStep).where(OrderStep.order_id == order_id).order_by(OrderStep.at)))


def test_orders_and_their_steps_are_imported_once(app, admin, partner, reference, tmp_path, events):
    with app.session() as session:
        from console.api import Asset

        serial = session.get(Asset, reference.asset_ids[0]).serial
    full = row(partner, "YT-1", **{"Incident": "inc-2026-000900", "Asset serial": serial, "Category": "存储 Storage",
                                   "Repair level": "l3", "Accepted at": at(0.2), "Departed at": at(0.5),
                                   "Arrived at": at(2), "Fixed at": at(3), "Confirmed at": at(3.5),
                                   "Closed at": at(4), "Engineer": f"{partner}-e1", "Arrival latitude": "23.129100",
                                   "Arrival longitude": "113.264400", "Satisfaction": "4"})
    path = write(tmp_path / "orders.csv", [full, row(partner, "YT-2")])
    result = order_import.import_orders(app, admin, path)
    assert (result.added, result.skipped, result.already) == (2, 0, None)
    orders = imported(app, partner)
    first, second = orders["YT-1"], orders["YT-2"]
    assert (first.source, first.status, first.repair_level, first.incident_ref, first.asset_id) == (
        "import", "closed", "L3", "INC-2026-000900", reference.asset_ids[0])
    assert first.customer_id == reference.customer_id and first.engineer_id is not None
    assert first.closed_at == first.dispatched_at + timedelta(hours=4)
    steps = steps_of(app, first.id)
    assert [s.step for s in steps] == ["dispatched", "accepted", "departed", "arrived", "fixed", "confirmed", "closed"]
    assert (steps[3].latitude, steps[3].longitude) == (Decimal("23.129100"), Decimal("113.264400"))
    assert steps[5].satisfaction == 4 and steps[0].at.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M") == at(0)
    assert second.status == "dispatched" and [s.step for s in steps_of(app, second.id)] == ["dispatched"]
    changed = [e.payload["status"] for e in events if e.name == "partners.service_order_changed"]
    assert changed == ["closed", "dispatched"]

    again = order_import.import_orders(app, admin, path)
    assert again.already is not None and again.added == 0 and "already imported" in again.message()
    assert len(imported(app, partner)) == 2

    more = order_import.import_orders(app, admin, write(tmp_path / "more.csv", [row(partner, "YT-2"),
                                                                               row(partner, "YT-3")]))
    assert (more.added, more.skipped) == (1, 1)
    with app.session() as session:
        assert session.scalar(select(ImportBatch.rows).where(ImportBatch.filename == "more.csv",
                                                             ImportBatch.kind == "orders")) == 2


def test_a_file_with_any_problem_is_refused_whole_with_row_numbers(app, admin, partner, tmp_path):
    rows = [
        row(partner, "OK-1", **{"Accepted at": at(1)}),
        row("NOBODY", "BAD-2"),
        row(partner, "BAD-3", **{"Accepted at": at(1), "Arrived at": at(2)}),
        row(partner, "BAD-4", **{"Accepted at": at(-1)}),
        row(partner, "BAD-5", **{"Satisfaction": "5"}),
        row(partner, "OK-1"),
        row(partner, "BAD-7", **{"Repair level": "L7"}),
    ]
    with pytest.raises(ImportRejected) as raised:
        order_import.import_orders(app, admin, write(tmp_path / "bad.csv", rows))
    assert [(p.row, p.column) for p in raised.value.problems] == [(8, "Repair level")]  # cells are read first
    with pytest.raises(ImportRejected) as raised:
        order_import.import_orders(app, admin, write(tmp_path / "bad2.csv", rows[:6]))
    problems = {p.row: p for p in raised.value.problems}
    assert set(problems) == {3, 4, 5, 6, 7}
    assert "no active partner NOBODY" in problems[3].message and problems[3].column == "Partner code"
    assert problems[4].column == "Arrived at" and "next step can be departed" in problems[4].message
    assert problems[5].column == "Accepted at" and "before the previous step" in problems[5].message
    assert problems[6].column == "Satisfaction"
    assert problems[7].column == "External ref" and "row 2 already" in problems[7].message
    assert imported(app, partner) == {}


def test_an_xlsx_file_with_chinese_headers(app, admin, partner, tmp_path):
    path = tmp_path / "派工单.xlsx"
    tables.write_table(path, ["服务商单号", "服务商", "派工时间", "接单时间", "工程师"],
                       [["X-1", partner, at(0), at(0.4), f"{partner}-E1"]])
    assert order_import.import_orders(app, admin, path).added == 1
    assert imported(app, partner)["X-1"].status == "accepted"


def test_a_partners_user_imports_only_its_own_orders(app, admin, make_actor, partner, tmp_path):
    other = unique("SZ")
    network.create_partner(app, admin, code=other, name="深圳", level="gold")
    clerk = make_actor("back_office", partner_code=partner)
    with pytest.raises(PermissionDenied, match="another partner"):
        order_import.import_orders(app, clerk, write(tmp_path / "theirs.csv", [row(other, "T-1")]))
    assert order_import.import_orders(app, clerk, write(tmp_path / "mine.csv", [row(partner, "M-1")])).added == 1
    with pytest.raises(PermissionDenied, match="partners.edit"):
        order_import.import_orders(app, make_actor("partner_auditor"), tmp_path / "mine.csv")
