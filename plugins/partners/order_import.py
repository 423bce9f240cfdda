"""Import of partners' service orders from CSV or XLSX (``console.api.tables``).

One row is one order: the partner's own number (external ref), the partner code, what it is for
(incident, work order, asset serial, category, repair level), when it was dispatched and,
optionally, when it was accepted, departed, arrived, fixed, confirmed and closed, by which
engineer, with the arrival check-in coordinates and the customer's satisfaction. Times are
wall-clock times in the importing user's time zone.

All-or-nothing: every row is checked as ``create_service_order`` and ``record_step`` check it
(step order, times not in the future, reasons, engineers), every problem is listed with its row
and column, and only a file without problems is written, in one transaction. A row whose
(partner, external ref) already exists is skipped; the same file imported again changes nothing.
Each imported order publishes one ``partners.service_order_changed`` with its latest step.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select

from console.api import Actor, AppContext, UnitOfWork, ValidationError, tables
from plugins.partners import orders
from plugins.partners.imports import ImportResult, earlier_batch, file_digest, record_batch
from plugins.partners.models import REPAIR_LEVELS, Partner, ServiceOrder
from plugins.partners.network import engineer_of, partner_by_code

KIND = "orders"
T = tables.TableColumn
#: The later steps a row may carry, in process order, with their column titles and aliases.
STEP_COLUMNS = (
    ("accepted", "Accepted at", ("接单时间", "accepted")),
    ("departed", "Departed at", ("出发时间", "departed")),
    ("arrived", "Arrived at", ("到达时间", "到场时间", "arrived")),
    ("fixed", "Fixed at", ("修复时间", "完成时间", "fixed")),
    ("confirmed", "Confirmed at", ("客户确认时间", "确认时间", "confirmed")),
    ("closed", "Closed at", ("关单时间", "closed")),
)
#: A service's field names that are not the column keys.
FIELDS = {"asset_id": "asset_serial", "at": None, "step": None, "source": None}


def columns(zone) -> tuple[tables.TableColumn, ...]:
    """The columns of an orders file; times are wall-clock times in ``zone``."""
    when = tables.local_datetime(zone)
    return (
        T("external_ref", "External ref", ("Partner order number", "服务商单号", "外部单号"), required=True,
          parse=tables.text(64)),
        T("partner_code", "Partner code", ("Partner", "服务商", "服务商代码"), required=True, parse=tables.text(32)),
        T("incident_ref", "Incident", ("事件单号", "incident number"), parse=tables.text(32)),
        T("work_order_ref", "Work order", ("工单号", "work order number"), parse=tables.text(48)),
        T("asset_serial", "Asset serial", ("序列号", "设备序列号", "serial"), parse=tables.text(64)),
        T("category", "Category", ("类别", "故障类别"), parse=tables.text(64)),
        T("repair_level", "Repair level", ("维修级别", "level"), parse=tables.choice({v: v for v in REPAIR_LEVELS})),
        T("dispatched_at", "Dispatched at", ("派工时间", "dispatched"), required=True, parse=when),
        *(T(f"{step}_at", title, aliases, parse=when) for step, title, aliases in STEP_COLUMNS),
        T("engineer_code", "Engineer", ("工程师", "工程师代码", "engineer code"), parse=tables.text(32)),
        T("latitude", "Arrival latitude", ("到达纬度", "latitude"), parse=tables.decimal(6)),
        T("longitude", "Arrival longitude", ("到达经度", "longitude"), parse=tables.decimal(6)),
        T("satisfaction", "Satisfaction", ("满意度",), parse=tables.integer),
    )


def _zone(name: str):
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("Asia/Shanghai")


def import_orders(app: AppContext, actor: Actor, path: Path | str) -> ImportResult:
    """Import the service orders of a file (needs ``partners.edit``); see the module's description."""
    actor.require(orders.EDIT)
    path, digest = Path(path), file_digest(path)
    file_columns = columns(_zone(actor.timezone))
    rows = tables.read_table(path, file_columns)
    problems = tables.Problems(path, file_columns)
    rules = orders.DueRules.current(app)
    with app.unit_of_work(actor, orders.EDIT) as work:
        earlier = earlier_batch(work, KIND, digest)
        if earlier is not None:
            return ImportResult(KIND, path.name, already=earlier)
        seen: dict[tuple[str, str], int] = {}
        partners: dict[str, Partner] = {}
        imported: list[tuple[ServiceOrder, datetime]] = []
        skipped = 0
        for number, values in rows:
            with problems.row(number):
                key = (values["partner_code"].upper(), values["external_ref"])
                if key in seen:
                    problems.add(number, "external_ref", f"{key[1]} of {key[0]} is on row {seen[key]} already.")
                    continue
                seen[key] = number
                partner = partners.get(key[0])
                if partner is None:
                    partner = partners[key[0]] = partner_by_code(work.session, key[0])
                if work.session.scalar(select(ServiceOrder.id).where(ServiceOrder.partner_id == partner.id,
                                                                     ServiceOrder.external_ref == key[1])):
                    skipped += 1
                    continue
                imported.append(_import_row(work, rules, values))
        problems.raise_if_any()
        for order, at in imported:
            orders.announce_step(work, order, at)
        if imported:
            work.audit("service_order.import", "service_order", imported[0][0].number,
                       {"file": path.name, "orders": len(imported), "first": imported[0][0].number,
                        "last": imported[-1][0].number})
        record_batch(work, KIND, path, digest, len(rows))
    return ImportResult(KIND, path.name, added=len(imported), skipped=skipped)


def _import_row(work: UnitOfWork, rules: orders.DueRules, values: dict) -> tuple[ServiceOrder, datetime]:
    """Dispatch one row's order and record its later steps; returns the order and when it reached its
    last step. A refusal names the row's column."""
    try:
        order = orders.new_order(
            work, rules, partner_code=values["partner_code"], external_ref=values["external_ref"],
            incident_ref=values["incident_ref"], work_order_ref=values["work_order_ref"],
            asset_id=orders.asset_by_serial(work.session, values["asset_serial"]), category=values["category"],
            repair_level=values["repair_level"] or "L2", source="import", dispatched_at=values["dispatched_at"],
            audit=False)
    except ValidationError as error:
        raise ValidationError(str(error), FIELDS.get(error.field, error.field)) from None
    given = [(step, values[f"{step}_at"]) for step, _title, _aliases in STEP_COLUMNS if values[f"{step}_at"]]
    if values["satisfaction"] is not None and "confirmed" not in dict(given):
        raise ValidationError("Satisfaction goes with the customer's confirmation: fill in “Confirmed at” too.",
                              "satisfaction")
    engineer = engineer_of(work.session, work.session.get(Partner, order.partner_id), values["engineer_code"])
    previous = order.dispatched_at
    for step, at in given:
        arrived = step == "arrived"
        try:
            orders.add_step(work, order, step, at=at, engineer=engineer, previous=previous, audit=False,
                            latitude=values["latitude"] if arrived else None,
                            longitude=values["longitude"] if arrived else None,
                            satisfaction=values["satisfaction"] if step == "confirmed" else None)
            previous = at
        except ValidationError as error:
            field = f"{step}_at" if error.field in ("at", "step") else error.field
            raise ValidationError(str(error), field) from None
    if (values["latitude"] is not None or values["longitude"] is not None) and "arrived" not in dict(given):
        raise ValidationError("Check-in coordinates go with the arrival: fill in “Arrived at” too.", "latitude")
    return order, given[-1][1] if given else order.dispatched_at
