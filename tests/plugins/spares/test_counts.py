"""Stock counts (盘点): book quantities taken at the start, differences posted as adjustments, large ones approved."""

from decimal import Decimal

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from console.api import PermissionDenied, ValidationError, tables
from plugins.spares.api import stock_on_hand
from plugins.spares.models import Count, CountLine, Move
from plugins.spares.service import counts, stock
from tests.plugins import unique


def on_hand(app, part, location=None):
    with app.session() as session:
        return stock_on_hand(session, part, location)


def lines(app, count_id) -> dict[str, int]:
    """``{part number + serial: line id}`` of a sheet."""
    with app.session() as session:
        return {f"{number}{serial}": line_id
                for line_id, number, _n, serial, _b, _c in counts.sheet_rows(session, count_id)}


def sheet(app, count_id) -> Count:
    with app.session() as session:
        return session.get(Count, count_id)


def test_small_differences_are_posted_at_once_keeping_moves_made_while_counting(app, admin, net):
    serials = [unique("SN"), unique("SN")]
    stock.receive(app, admin, part_number=net.fan, quantity=10, to_code=net.regional)
    stock.receive(app, admin, part_number=net.disk, serial=serials, to_code=net.regional)
    count_id = counts.create_count(app, admin, depot_code=net.regional, note="季度盘点")
    with pytest.raises(ValidationError, match="being counted"):
        counts.create_count(app, admin, depot_code=net.regional)
    ids = lines(app, count_id)
    assert set(ids) == {net.fan, f"{net.disk}{serials[0]}", f"{net.disk}{serials[1]}"}
    stock.issue(app, admin, part_number=net.fan, quantity=2, from_code=net.regional, ref="JOB-1")  # while counting
    counts.enter_counts(app, admin, count_id, counted={ids[net.fan]: 9})
    with pytest.raises(ValidationError, match="2 line.* not counted yet"):
        counts.submit(app, admin, count_id)
    found = unique("SN")
    counts.enter_counts(app, admin, count_id, counted={ids[f"{net.disk}{serials[0]}"]: 1,
                                                       ids[f"{net.disk}{serials[1]}"]: 0},
                        found=counts.found_from_text(f"{net.disk} {found}"))
    assert counts.submit(app, admin, count_id) == "posted"  # worth 180.50 + 2 × 1999 < 5000
    assert on_hand(app, net.fan, net.regional) == 7  # 10 − 2 issued − 1 missing
    assert on_hand(app, net.disk, net.regional) == 2
    with app.session() as session:
        assert session.scalar(select(Move.serial).where(Move.kind == "count_adjustment", Move.to_location_id.is_not(
            None), Move.part_id == session.scalar(select(CountLine.part_id).where(CountLine.serial == found)))) == found
    assert sheet(app, count_id).difference_value == Decimal("4178.50")


def test_large_differences_wait_for_another_approver(app, admin, make_actor, net):
    clerk, lead = make_actor("back_office"), make_actor("team_lead")
    stock.receive(app, admin, part_number=net.psu, quantity=10, to_code=net.regional)
    count_id = counts.create_count(app, clerk, depot_code=net.regional)
    (line_id,) = lines(app, count_id).values()
    counts.enter_counts(app, clerk, count_id, counted={line_id: 2})
    assert counts.submit(app, clerk, count_id) == "awaiting_approval"  # 8 × 900 > 5000
    assert on_hand(app, net.psu, net.regional) == 10
    with pytest.raises(PermissionDenied, match="spares.approve"):
        counts.decide(app, clerk, count_id, approve=True)
    counts.decide(app, lead, count_id, approve=False, note="请复盘")
    assert sheet(app, count_id).status == "counting"
    counts.enter_counts(app, clerk, count_id, counted={line_id: 3})
    counts.submit(app, clerk, count_id)
    counts.decide(app, lead, count_id, approve=True)
    assert sheet(app, count_id).status == "posted" and on_hand(app, net.psu, net.regional) == 3


def test_counts_from_a_spreadsheet_all_or_nothing(app, admin, net, tmp_path):
    stock.receive(app, admin, part_number=net.fan, quantity=4, to_code=net.regional)
    count_id = counts.create_count(app, admin, depot_code=net.regional)
    sheet_file = tmp_path / "count.xlsx"
    assert counts.export_sheet(app, count_id, sheet_file, ("备件号", "名称", "序列号", "账面数", "实盘数量")) == 1
    book = Workbook()
    rows = book.active
    rows.append(["备件号", "序列号", "实盘数量"])
    rows.append([net.fan, None, 3])
    rows.append(["NO-SUCH-PART", None, 1])
    rows.append([net.fan, None, -1])
    bad = tmp_path / "bad.xlsx"
    book.save(bad)
    with pytest.raises(tables.ImportRejected) as refused:
        counts.import_counts(app, admin, count_id, bad)
    assert [(p.row, p.column) for p in refused.value.problems] == [(3, "Part number"), (4, "Counted")]
    assert lines_counted(app, count_id) == [None]
    good = tmp_path / "good.csv"
    good.write_text(f"Part number,Serial,Counted\n{net.fan},,3\n", encoding="utf-8")
    assert counts.import_counts(app, admin, count_id, good) == 1
    assert lines_counted(app, count_id) == [3]


def lines_counted(app, count_id):
    with app.session() as session:
        return list(session.scalars(select(CountLine.counted_quantity).where(CountLine.count_id == count_id)))


def test_a_cancelled_sheet_changes_nothing(app, admin, net):
    stock.receive(app, admin, part_number=net.fan, quantity=4, to_code=net.regional)
    count_id = counts.create_count(app, admin, depot_code=net.regional)
    counts.cancel(app, admin, count_id)
    with pytest.raises(ValidationError, match="cancelled"):
        counts.submit(app, admin, count_id)
    assert on_hand(app, net.fan, net.regional) == 4
