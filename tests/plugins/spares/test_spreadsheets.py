"""Import and export of parts, stock and moves: all rows or none, every problem with its row and column."""

from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from console.api import PermissionDenied, tables
from plugins.spares.api import stock_on_hand
from plugins.spares.models import Move, Part
from plugins.spares.service import spreadsheets, stock
from tests.plugins import unique


def workbook(path, rows):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def on_hand(app, part, location=None):
    with app.session() as session:
        return stock_on_hand(session, part, location)


def test_parts_import_adds_and_updates_in_chinese_and_gb18030(app, admin, net, tmp_path):
    new = unique("NEW-")
    path = tmp_path / "parts.csv"
    path.write_bytes(f"备件号,名称,单价,序列号管理,需返还,适用机型\n{new},内存 32GB,1280.50,是,是,PowerEdge R750\n"
                     f"{net.fan},风扇 Fan (新款),199.00,否,否,\n".encode("gb18030"))
    assert spreadsheets.import_parts(app, admin, path) == (1, 1)
    with app.session() as session:
        added = session.scalar(select(Part).where(Part.part_number == new))
        fan = session.scalar(select(Part).where(Part.part_number == net.fan))
    assert (added.name, added.unit_cost, added.serialized, added.return_required) == (
        "内存 32GB", Decimal("1280.50"), True, True)
    assert (fan.name, fan.unit_cost) == ("风扇 Fan (新款)", Decimal("199.00"))


def test_a_bad_parts_file_changes_nothing_and_names_every_row(app, admin, net, tmp_path):
    stock.receive(app, admin, part_number=net.disk, serial=unique("SN"), to_code=net.central)
    first = unique("A-")
    header = ["Part number", "Name", "Unit cost", "Serialized"]
    unreadable = workbook(tmp_path / "unreadable.xlsx", [
        header, [first, "ok", 10, "no"], [unique("B-"), "", 10, "no"], [unique("D-"), "cost", "lots", "no"]])
    with pytest.raises(tables.ImportRejected) as refused:  # cells that cannot be read come first
        spreadsheets.import_parts(app, admin, unreadable)
    assert [(p.row, p.column) for p in refused.value.problems] == [(3, "Name"), (4, "Unit cost")]
    wrong = workbook(tmp_path / "parts.xlsx", [
        header, [first, "ok", 10, "no"], [unique("C-"), "negative", -1, "no"], [first, "again", 10, "no"],
        [net.disk, "no serials now", 10, "no"]])
    with pytest.raises(tables.ImportRejected) as refused:  # then every rule, row by row
        spreadsheets.import_parts(app, admin, wrong)
    assert [(p.row, p.column) for p in refused.value.problems] == [
        (3, "Unit cost"), (4, "Part number"), (5, "Serialized")]
    assert "nothing was changed" in str(refused.value)
    with app.session() as session:
        assert session.scalar(select(Part.id).where(Part.part_number == first)) is None


def test_stock_import_receives_opening_balances(app, admin, net, tmp_path):
    serials = [unique("SN"), unique("SN")]
    path = workbook(tmp_path / "stock.xlsx", [
        ["库位", "备件号", "数量", "序列号"], [net.central, net.fan, 12, None],
        [net.regional, net.disk, None, serials[0]], [net.regional, net.disk, 1, serials[1]]])
    assert spreadsheets.import_stock(app, admin, path) == 3
    assert on_hand(app, net.fan, net.central) == 12 and on_hand(app, net.disk, net.regional) == 2
    bad = workbook(tmp_path / "bad.xlsx", [["Location", "Part number", "Quantity", "Serial"],
                                           [net.defective, net.fan, 1, None], [net.central, net.disk, 1, serials[0]],
                                           ["NOWHERE", net.fan, 1, None]])
    with pytest.raises(tables.ImportRejected) as refused:
        spreadsheets.import_stock(app, admin, bad)
    assert [(p.row, p.column) for p in refused.value.problems] == [(2, "Location"), (3, "Serial"), (4, "Location")]


def test_moves_import_in_time_order_refuses_what_would_go_negative(app, admin, make_actor, net, tmp_path):
    order = unique("PO-")
    header = ["Time", "Kind", "Part number", "Quantity", "Serial", "From", "To", "Reference"]
    path = workbook(tmp_path / "moves.xlsx", [
        header,
        ["2026-01-05 10:00", "出库", net.fan, 3, None, net.regional, None, "INC-OLD-1"],
        ["2026-01-02 09:00", "入库", net.fan, 5, None, None, net.regional, order],
        ["2026-01-06 10:00", "transfer", net.fan, 2, None, net.regional, net.central, None],
    ])
    assert spreadsheets.import_moves(app, admin, path) == 3
    assert on_hand(app, net.fan, net.regional) == 0 and on_hand(app, net.fan, net.central) == 2
    with app.session() as session:
        first = session.scalars(select(Move).where(Move.ref == order)).one()
    assert first.at.isoformat() == "2026-01-02T01:00:00+00:00"  # 09:00 in Shanghai
    before = _moves(app)
    bad = workbook(tmp_path / "bad.xlsx", [
        header,
        ["2026-01-07 10:00", "issue", net.fan, 5, None, net.central, None, "X"],
        ["2099-01-01 10:00", "receipt", net.fan, 1, None, None, net.central, None],
        ["2026-01-07 12:00", "receipt", net.fan, 1, None, None, net.defective, None],
    ])
    with pytest.raises(tables.ImportRejected) as refused:
        spreadsheets.import_moves(app, admin, bad)
    assert [(p.row, p.column) for p in refused.value.problems] == [(2, "Quantity"), (3, "Time"), (4, "To")]
    unknown = workbook(tmp_path / "unknown.xlsx", [header, ["2026-01-07 11:00", "teleport", net.fan, 1, None, None,
                                                            net.central, None]])
    with pytest.raises(tables.ImportRejected, match="row 2, column “Kind”"):
        spreadsheets.import_moves(app, admin, unknown)
    assert _moves(app) == before
    big = workbook(tmp_path / "big.xlsx", [header, ["2026-01-08 10:00", "盘点调整", net.psu, 50, None, None,
                                                    net.central, "CT-OLD"]])
    with pytest.raises(PermissionDenied, match="spares.approve"):
        spreadsheets.import_moves(app, make_actor("back_office"), big)


def _moves(app) -> int:
    with app.session() as session:
        return session.scalar(select(func.count()).select_from(Move))


def test_exports_read_back_by_the_imports(app, admin, net, tmp_path):
    stock.receive(app, admin, part_number=net.fan, quantity=3, to_code=net.central, ref="PO-EXPORT")
    parts, stock_file, moves = tmp_path / "parts.xlsx", tmp_path / "stock.csv", tmp_path / "moves.xlsx"
    assert spreadsheets.export(app, admin, "parts", parts) >= 3
    assert spreadsheets.import_parts(app, admin, parts)[0] == 0  # every part is known: only updates
    assert spreadsheets.export(app, admin, "stock", stock_file) >= 1
    assert f"{net.central},{net.fan},3" in stock_file.read_text(encoding="utf-8-sig")
    spreadsheets.export(app, admin, "moves", moves)
    rows = list(load_workbook(moves).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("Time", "Kind", "Part number")
    assert any(r[7] == "PO-EXPORT" and r[1] == "receipt" for r in rows[1:])


def test_partner_auditors_see_only_consignment_stock(app, make_actor, admin, net, tmp_path):
    stock.receive(app, admin, part_number=net.fan, quantity=2, to_code=net.consignment)
    stock.receive(app, admin, part_number=net.fan, quantity=2, to_code=net.central)
    path = tmp_path / "stock.csv"
    spreadsheets.export(app, make_actor("partner_auditor"), "stock", path)
    text = path.read_text(encoding="utf-8-sig")
    assert net.consignment in text and net.central not in text
    with pytest.raises(PermissionDenied, match="spares.read"):
        spreadsheets.export(app, make_actor("timesheet_reviewer"), "stock", path)
