"""Spreadsheet import/export: header aliases, typed cells, every problem with its row, GB18030, round trips."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from openpyxl import Workbook

from console.core import tables
from console.core.errors import ValidationError

SHANGHAI = ZoneInfo("Asia/Shanghai")
COLUMNS = [
    tables.TableColumn("part_number", "Part number", ("备件号",), required=True, parse=tables.text(12)),
    tables.TableColumn("quantity", "Quantity", ("数量",), required=True, parse=tables.decimal(3)),
    tables.TableColumn("received", "Received", ("入库时间",), parse=tables.local_datetime(SHANGHAI)),
    tables.TableColumn("serialized", "Serialized", parse=tables.boolean),
]


def test_csv_with_chinese_headers_and_a_bom(tmp_path):
    path = tmp_path / "stock.csv"
    path.write_text("备件号,数量,入库时间,Serialized,Ignored\nSP-1,2.5,2026-03-01 09:30,是,x\n\n"
                    "SP-2,\"1,000\",,no,y\n", encoding="utf-8-sig")
    rows = tables.read_table(path, COLUMNS)
    assert rows == [
        (2, {"part_number": "SP-1", "quantity": Decimal("2.5"),
             "received": datetime(2026, 3, 1, 9, 30, tzinfo=SHANGHAI), "serialized": True}),
        (4, {"part_number": "SP-2", "quantity": Decimal("1000"), "received": None, "serialized": False}),
    ]


def test_gb18030_from_chinese_excel_and_semicolons(tmp_path):
    path = tmp_path / "stock.csv"
    path.write_bytes("备件号;数量\nSP-1;3\n".encode("gb18030"))
    assert tables.read_table(path, COLUMNS[:2]) == [(2, {"part_number": "SP-1", "quantity": Decimal("3")})]


def test_every_problem_is_listed_with_its_row_and_nothing_is_returned(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("Part number,Quantity,Received\nSP-1,abc,2026-13-01\n,1,\nTOO-LONG-PART-NUMBER,1.2345,\n",
                    encoding="utf-8")
    with pytest.raises(tables.ImportRejected) as caught:
        tables.read_table(path, COLUMNS)
    message = str(caught.value)
    assert "bad.csv was not imported (nothing was changed)" in message and "these 5 problems" in message
    assert "row 2, column “Quantity”: “abc” is not a number" in message
    assert "row 2, column “Received”: “2026-13-01” is not a date and time" in message
    assert "row 3, column “Part number”: this cell is empty" in message
    assert "row 4, column “Part number”: 20 characters is too long" in message
    assert "row 4, column “Quantity”: “1.2345” has more than 3 decimals" in message
    assert [p.row for p in caught.value.problems] == [2, 2, 3, 4, 4]


def test_a_missing_required_column_is_named(tmp_path):
    path = tmp_path / "nohead.csv"
    path.write_text("Qty\n1\n", encoding="utf-8")
    with pytest.raises(tables.ImportRejected, match="row 1: the header has no column “Part number”"):
        tables.read_table(path, COLUMNS)


def test_xlsx_cells_keep_their_types(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["Part number", "Quantity", "Received", "Serialized"])
    sheet.append(["SP-9", 0.1, datetime(2026, 5, 1, 8, 0), True])
    sheet.append([None, None, None, None])
    path = tmp_path / "stock.xlsx"
    book.save(path)
    [(row, values)] = tables.read_table(path, COLUMNS)
    assert row == 2 and values["quantity"] == Decimal("0.100")
    assert values["received"] == datetime(2026, 5, 1, 8, 0, tzinfo=SHANGHAI) and values["serialized"] is True


def test_problems_collects_service_rule_failures_per_row(tmp_path):
    problems = tables.Problems(tmp_path / "x.csv", COLUMNS)
    with problems.row(2):
        raise ValidationError("There is no part SP-404.", "part_number")
    with problems.row(3):
        pass
    with pytest.raises(tables.ImportRejected, match="row 2, column “Part number”: There is no part SP-404."):
        problems.raise_if_any()


def test_wrong_kinds_of_file_say_what_to_do(tmp_path):
    with pytest.raises(ValidationError, match="neither a .csv nor an .xlsx"):
        (tmp_path / "a.txt").write_text("x")
        tables.read_table(tmp_path / "a.txt", COLUMNS)
    with pytest.raises(ValidationError, match="There is no file"):
        tables.read_table(tmp_path / "missing.csv", COLUMNS)
    (tmp_path / "broken.xlsx").write_bytes(b"not a zip")
    with pytest.raises(ValidationError, match="could not be read as an Excel workbook"):
        tables.read_table(tmp_path / "broken.xlsx", COLUMNS)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_write_then_read_round_trips(tmp_path, suffix):
    path = tmp_path / f"out{suffix}"
    seen = []
    count = tables.write_table(path, ["Part number", "Quantity", "Received"],
                               ([f"SP-{n}", Decimal(n) / 4, date(2026, 1, 1 + n % 28)] for n in range(2500)),
                               progress=seen.append)
    assert count == 2500 and seen == [1000, 2000]
    columns = [*COLUMNS[:2], tables.TableColumn("received", "Received", parse=tables.parse_date)]
    rows = tables.read_table(path, columns)
    assert len(rows) == 2500 and rows[5] == (7, {"part_number": "SP-5", "quantity": Decimal("1.25"),
                                                 "received": date(2026, 1, 6)})
