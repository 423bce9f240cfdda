"""Import and export of parts, stock and moves as CSV or XLSX (``console.api.tables``).

Every import is all-or-nothing: each row is checked (and, for stock and moves, every move
against the running stock), every problem is listed with its row and column, and only a file
without problems is written, in one transaction. Headers may be English or Chinese, and the
column titles of the console's own exports are accepted, so an export can be edited and
imported again. Imported moves record history: their references are kept as typed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence
from zoneinfo import ZoneInfo

from sqlalchemy import null, select
from sqlalchemy.orm import Session

from console.api import Actor, AppContext, ValidationError, tables, utcnow
from plugins.spares.models import DEPOT_KINDS, Location, Move, Part, Stock
from plugins.spares.service import stock
from plugins.spares.service.catalogue import check_part, has_stock
from plugins.spares.service.common import APPROVE, EDIT, MOVE, code, policy, reading, visible_locations
from plugins.spares.service.ledger import RULES, MoveSpec

T = tables.TableColumn
#: Move kinds as people write them in a spreadsheet (English or Chinese).
KIND_NAMES = {
    **{kind: kind for kind in RULES}, **{kind.replace("_", " "): kind for kind in RULES},
    "入库": "receipt", "调拨": "transfer", "出库": "issue", "发料": "issue", "退回未用": "unused_return",
    "坏件返还": "defective_return", "良品回库": "restock", "送修": "repair_send", "修复入库": "repair_receipt",
    "报废": "scrap", "盘点调整": "count_adjustment", "在途损失": "transit_loss",
}
PART_COLUMNS = (
    T("part_number", "Part number", ("备件号", "料号"), required=True, parse=tables.text(64)),
    T("name", "Name", ("名称", "备件名称"), required=True, parse=tables.text(255)),
    T("unit_cost", "Unit cost", ("单位成本", "单价"), required=True, parse=tables.decimal(2)),
    T("serialized", "Serialized", ("序列号管理",), parse=tables.boolean),
    T("return_required", "Return required", ("需返还", "FRU"), parse=tables.boolean),
    T("compatible_models", "Compatible models", ("适用机型",), parse=tables.text(500)),
    T("active", "Active", ("启用",), parse=tables.boolean),
)
STOCK_COLUMNS = (
    T("location", "Location", ("库位", "库房", "depot"), required=True, parse=tables.text(32)),
    T("part_number", "Part number", ("备件号", "料号"), required=True, parse=tables.text(64)),
    T("quantity", "Quantity", ("数量", "on hand", "现有量"), parse=tables.decimal(3)),
    T("serial", "Serial", ("序列号", "serial number"), parse=tables.text(64)),
    T("ref", "Reference", ("关联单号", "单号"), parse=tables.text(64)),
)


def move_columns(zone) -> tuple[tables.TableColumn, ...]:
    """The columns of a moves file; times are wall-clock times in ``zone``."""
    return (
        T("at", "Time", ("时间", "日期"), required=True, parse=tables.local_datetime(zone)),
        T("kind", "Kind", ("类型", "move"), required=True, parse=tables.choice(KIND_NAMES)),
        T("part_number", "Part number", ("备件号", "料号"), required=True, parse=tables.text(64)),
        T("quantity", "Quantity", ("数量",), parse=tables.decimal(3)),
        T("serial", "Serial", ("序列号", "serial number"), parse=tables.text(64)),
        T("from_code", "From", ("源库位", "从", "from location"), parse=tables.text(32)),
        T("to_code", "To", ("目标库位", "到", "to location"), parse=tables.text(32)),
        T("ref", "Reference", ("关联单号", "单号"), parse=tables.text(64)),
        T("note", "Note", ("备注",), parse=tables.text(255)),
    )


def import_parts(app: AppContext, actor: Actor, path: Path | str) -> tuple[int, int]:
    """Add new parts and update existing ones (by part number) from a file; returns (added, updated)."""
    rows = tables.read_table(path, PART_COLUMNS)
    problems = tables.Problems(path, PART_COLUMNS)
    with app.unit_of_work(actor, EDIT) as work:
        session = work.session
        existing = {p.part_number: p for p in session.scalars(select(Part))}
        seen: dict[str, int] = {}
        added = updated = 0
        for number, values in rows:
            with problems.row(number):
                part_number, name, cost, models = check_part(values["part_number"], values["name"],
                                                             values["unit_cost"], values["compatible_models"])
                if part_number in seen:
                    problems.add(number, "part_number", f"{part_number} is on row {seen[part_number]} already.")
                    continue
                seen[part_number] = number
                part = existing.get(part_number)
                if part is None:
                    part = Part(part_number=part_number, serialized=bool(values["serialized"]), active=True,
                                return_required=False)
                    session.add(part)
                    added += 1
                else:
                    serialized = values["serialized"]
                    if serialized is not None and serialized != part.serialized and has_stock(session, part.id):
                        problems.add(number, "serialized", f"{part_number} has stock; serial tracking cannot "
                                                           "change while any is held.")
                        continue
                    part.serialized = part.serialized if serialized is None else serialized
                    updated += 1
                part.name, part.unit_cost, part.compatible_models = name, cost, models
                if values["return_required"] is not None:
                    part.return_required = values["return_required"]
                if values["active"] is not None:
                    part.active = values["active"]
        problems.raise_if_any()
        work.audit("part.import", "part", "*", {"file": Path(path).name, "added": added, "updated": updated})
    return added, updated


def import_stock(app: AppContext, actor: Actor, path: Path | str) -> int:
    """Receive opening balances or a delivery from a file: each row goes into its depot; returns the lines written."""
    rows = tables.read_table(path, STOCK_COLUMNS)
    problems = tables.Problems(path, STOCK_COLUMNS)
    rules = policy(app)
    with app.unit_of_work(actor, MOVE) as work:
        session = work.session
        lookup = _Lookup(session)
        specs, numbers = [], []
        for number, values in rows:
            with problems.row(number):
                part = lookup.part(values["part_number"])
                depot = lookup.location(values["location"], "location", DEPOT_KINDS)
                for quantity, serial in stock.units(part, values["quantity"], values["serial"]):
                    specs.append(MoveSpec("receipt", part, quantity, None, depot, serial,
                                          code(values["ref"]) or f"IMPORT {Path(path).name}"[:64],
                                          partner_code=depot.partner_code))
                    numbers.append(number)
        moves = stock.post(rules, work, specs, problems=problems, rows=numbers, source=Path(path).name)
    return len(moves)


def import_moves(app: AppContext, actor: Actor, path: Path | str, *, zone: str = "Asia/Shanghai") -> int:
    """Record the moves of a file in time order (wall-clock times in ``zone``); returns how many.

    Count adjustments above ``spares.adjustment_approval_value`` and losses in transit need
    ``spares.approve``; no move may be in the future.
    """
    columns = move_columns(ZoneInfo(zone))
    rows = tables.read_table(path, columns)
    return record_moves(app, actor, rows, tables.Problems(path, columns), source=Path(path).name)


def record_moves(app: AppContext, actor: Actor, rows: Sequence[tuple[int, dict]], problems: tables.Problems, *,
                 source: str) -> int:
    """Check and record moves read from a spreadsheet (``(row number, values)`` as ``tables.read_table``
    gives them), all or none, every problem noted against its row; returns how many were written."""
    now, rules = utcnow(), policy(app)
    with app.unit_of_work(actor, MOVE) as work:
        session = work.session
        lookup = _Lookup(session)
        specs, numbers = [], []
        for number, values in sorted(rows, key=lambda r: (r[1]["at"], r[0])):
            with problems.row(number):
                if values["at"] > now:
                    problems.add(number, "at", "this time is in the future; moves record what happened.")
                    continue
                part = lookup.part(values["part_number"])
                source_location = lookup.location(values["from_code"], "from_code") if values["from_code"] else None
                target = lookup.location(values["to_code"], "to_code") if values["to_code"] else None
                partner = next((loc.partner_code for loc in (source_location, target)
                                if loc is not None and loc.partner_code), None)
                for quantity, serial in stock.units(part, values["quantity"], values["serial"]):
                    specs.append(MoveSpec(values["kind"], part, quantity, source_location, target, serial,
                                          code(values["ref"]) or None, at=values["at"], note=values["note"],
                                          partner_code=partner))
                    numbers.append(number)
        if any(s.kind == "transit_loss" or (s.kind == "count_adjustment" and rules.needs_approval(
                s.quantity * s.part.unit_cost)) for s in specs):
            actor.require(APPROVE)
        moves = stock.post(rules, work, specs, problems=problems, rows=numbers, source=source)
    return len(moves)


class _Lookup:
    """Parts and locations of an import, read once."""

    def __init__(self, session: Session):
        self.parts = {p.part_number: p for p in session.scalars(select(Part))}
        self.locations = {loc.code: loc for loc in session.scalars(select(Location))}

    def part(self, number: str) -> Part:
        """The part numbered ``number``, else a row problem."""
        part = self.parts.get(code(number))
        if part is None:
            raise ValidationError(f"there is no part {code(number)}; import the parts first.", "part_number")
        return part

    def location(self, value: str, field: str, kinds: tuple[str, ...] | None = None) -> Location:
        """The active location coded ``value`` (of ``kinds``), else a row problem."""
        location = self.locations.get(code(value))
        if location is None or not location.active:
            raise ValidationError(f"there is no stock location {code(value)}.", field)
        if kinds and location.kind not in kinds:
            raise ValidationError(f"{location.code} is a {location.kind.replace('_', ' ')} location, not a depot.",
                               field)
        return location


# -- exports ---------------------------------------------------------------------------------
def export(app: AppContext, actor: Actor, what: str, path: Path | str, *, zone: str = "Asia/Shanghai") -> int:
    """Write the parts, the stock or the moves to a CSV/XLSX file that the matching import reads back."""
    where = visible_locations(actor)
    with reading(app) as session:
        if what == "parts":
            columns = PART_COLUMNS
            rows = ((p.part_number, p.name, p.unit_cost, "yes" if p.serialized else "no",
                     "yes" if p.return_required else "no", p.compatible_models, "yes" if p.active else "no")
                    for p in session.scalars(select(Part).order_by(Part.part_number)))
        elif what == "stock":
            columns = STOCK_COLUMNS
            query = (select(Location.code, Part.part_number, Stock.quantity, Stock.serial, null())
                     .join(Part, Part.id == Stock.part_id).join(Location, Location.id == Stock.location_id)
                     .order_by(Location.code, Part.part_number, Stock.serial))
            rows = session.execute(query.where(where) if where is not None else query)
        elif what == "moves":
            columns = move_columns(ZoneInfo(zone))
            rows = _move_rows(session, ZoneInfo(zone), where)
        else:
            raise ValidationError("Export parts, stock or moves.", "what")
        return tables.write_table(path, [c.title for c in columns], ([*r] for r in rows))


def _move_rows(session: Session, zone, where):
    source, target = Location.__table__.alias("source"), Location.__table__.alias("target")
    query = (select(Move.at, Move.kind, Part.part_number, Move.quantity, Move.serial, source.c.code, target.c.code,
                    Move.ref, Move.note)
             .join(Part, Part.id == Move.part_id).outerjoin(source, source.c.id == Move.from_location_id)
             .outerjoin(target, target.c.id == Move.to_location_id).order_by(Move.at, Move.id))
    if where is not None:
        visible = select(Location.id).where(where)
        query = query.where(source.c.id.in_(visible) | target.c.id.in_(visible))
    for at, *rest in session.execute(query.execution_options(yield_per=5000)):
        yield (at.astimezone(zone).replace(tzinfo=None), *rest)

