"""Import from CSV and XLSX (all rows or none, every problem with its row and column) and export."""

import csv

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from console.api import PermissionDenied
from console.api import tables
from plugins.incidents import transfer
from plugins.incidents.models import Incident
from tests.plugins.incidents.conftest import open_in


def customer_code(app, world) -> str:
    from console.api import Customer

    with app.session() as session:
        return session.get(Customer, world.customer_id).code


def write_csv(path, header, rows, encoding="utf-8-sig"):
    with path.open("w", newline="", encoding=encoding) as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def count(app) -> int:
    with app.session() as session:
        return session.scalar(select(func.count()).select_from(Incident))


def test_a_chinese_csv_imports(app, world, tmp_path, events):
    code = customer_code(app, world)
    path = write_csv(tmp_path / "导入.csv", ["标题", "客户", "类别", "渠道", "影响", "紧急度", "序列号", "开单时间"], [
        ["服务器无法开机", code, "服务器 Server", "电话", "高", "高", world.serial, "2026-03-02 09:30"],
        ["打印机卡纸", "测试银行 Test bank", "硬件 Hardware / 打印机 Printer", "", "", "", "", ""],
    ], encoding="gb18030")
    numbers = transfer.import_incidents(app, world.admin, path, zone="Asia/Shanghai")
    assert len(numbers) == 2 and numbers[0].startswith("INC-2026-")
    with app.session() as session:
        first = session.scalar(select(Incident).where(Incident.number == numbers[0]))
        assert (first.priority, first.asset_id, first.channel) == ("P1", world.asset_id, "phone")
        assert first.opened_at.hour == 1 and first.opened_at.minute == 30  # 09:30 in Shanghai
    assert {e.payload["number"] for e in events if e.name == "incidents.incident_created"} >= set(numbers)


def test_every_problem_is_reported_and_nothing_is_written(app, world, tmp_path):
    code = customer_code(app, world)
    header = ["Title", "Customer", "Category", "Impact", "Urgency", "Asset serial", "Assignee"]
    unreadable = write_csv(tmp_path / "cells.csv", header, [
        ["fine", code, "服务器 Server", "", "", "", ""],
        ["", code, "服务器 Server", "", "", "", ""],
        ["wrong level", code, "服务器 Server", "huge", "high", "", ""],
    ])
    unmatched = write_csv(tmp_path / "names.csv", header, [
        ["fine", code, "服务器 Server", "", "", "", ""],
        ["no customer", "NOBODY-999", "服务器 Server", "", "", "", ""],
        ["bad category", code, "No such category", "", "", "", ""],
        ["half assessed", code, "服务器 Server", "high", "", "", ""],
        ["foreign asset", code, "服务器 Server", "", "", "SN-DOES-NOT-EXIST", ""],
        ["unknown user", code, "服务器 Server", "", "", "", "nobody-at-all"],
    ])
    before = count(app)
    for path, expected in ((unreadable, {(3, "Title"), (4, "Impact")}),
                           (unmatched, {(3, "Customer"), (4, "Category"), (5, "Urgency"), (6, "Asset serial"),
                                        (7, "Assignee")})):
        with pytest.raises(tables.ImportRejected) as raised:
            transfer.import_incidents(app, world.admin, path)
        assert {(p.row, p.column) for p in raised.value.problems} == expected
        assert "nothing was changed" in str(raised.value)
    assert count(app) == before


def test_an_xlsx_imports_and_a_missing_column_is_named(app, world, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["Title", "Customer", "Category"])
    sheet.append(["Wi-Fi 掉线", customer_code(app, world), "网络 Network"])
    book.save(tmp_path / "in.xlsx")
    assert len(transfer.import_incidents(app, world.admin, tmp_path / "in.xlsx")) == 1
    write_csv(tmp_path / "nocat.csv", ["Title", "Customer"], [["x", "y"]])
    with pytest.raises(tables.ImportRejected, match="Category"):
        transfer.import_incidents(app, world.admin, tmp_path / "nocat.csv")


def test_importing_needs_the_permission(app, world, tmp_path):
    path = write_csv(tmp_path / "x.csv", ["Title", "Customer", "Category"], [["x", customer_code(app, world),
                                                                           "服务器 Server"]])
    with pytest.raises(PermissionDenied, match="incidents.import"):
        transfer.import_incidents(app, world.engineer, path)


def test_export_writes_the_chosen_incidents(app, world, tmp_path):
    number = open_in(app, world, title="导出测试 export")
    written = transfer.export_incidents(app, world.admin, tmp_path / "out.xlsx", status="open")
    assert written >= 1
    rows = list(load_workbook(tmp_path / "out.xlsx").active.iter_rows(values_only=True))
    assert rows[0][:3] == ("Number", "Title", "Status")
    assert any(r[0] == number and r[1] == "导出测试 export" and r[4] == "硬件 Hardware / 服务器 Server" for r in rows)
