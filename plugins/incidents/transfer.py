"""Incidents in and out of spreadsheets: import from CSV or XLSX (all-or-nothing), export a filtered set.

Import reads the columns below (English titles, their keys, or the Chinese headers), resolves the
customer (code or name), category (name or path), asset (serial), assignee (user name) and group
(name), then opens every row in ONE transaction: any problem in any row — with its row number and
column — refuses the whole file and nothing is written.
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any, Callable
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from console.api import Actor, AppContext, Asset, Customer, Group, User, ValidationError, tables, utcnow
from plugins.incidents import catalog
from plugins.incidents.models import CHANNELS, LEVELS, Incident
from plugins.incidents.records import open_incident, prepare_opening
from plugins.incidents.rules import IMPORT, READ
from plugins.incidents.sla import engine

CHANNEL_WORDS = {**{c: c for c in CHANNELS}, "电话": "phone", "邮件": "email", "电子邮件": "email", "e-mail": "email",
                 "门户": "portal", "上门": "walk_in", "walk-in": "walk_in", "现场": "walk_in"}
LEVEL_WORDS = {**{v: v for v in LEVELS}, "高": "high", "中": "medium", "低": "low"}


def import_columns(zone: tzinfo) -> list[tables.TableColumn]:
    """The columns an incident import reads (``zone``: the time zone of the opening times)."""
    return [
        tables.TableColumn("title", "Title", ("标题", "事件标题"), required=True, parse=tables.text(255)),
        tables.TableColumn("customer", "Customer", ("客户", "客户编号", "customer code"), required=True,
                           parse=tables.text(255)),
        tables.TableColumn("category", "Category", ("类别", "分类"), required=True, parse=tables.text(255)),
        tables.TableColumn("channel", "Channel", ("渠道",), parse=tables.choice(CHANNEL_WORDS)),
        tables.TableColumn("impact", "Impact", ("影响", "影响度"), parse=tables.choice(LEVEL_WORDS)),
        tables.TableColumn("urgency", "Urgency", ("紧急度", "紧急程度"), parse=tables.choice(LEVEL_WORDS)),
        tables.TableColumn("description", "Description", ("描述", "问题描述"), parse=tables.text(20_000)),
        tables.TableColumn("serial", "Asset serial", ("序列号", "设备序列号", "serial"), parse=tables.text(64)),
        tables.TableColumn("assignee", "Assignee", ("处理人", "user name"), parse=tables.text(64)),
        tables.TableColumn("group", "Group", ("处理组", "组"), parse=tables.text(128)),
        tables.TableColumn("caller_name", "Caller", ("报修人", "联系人"), parse=tables.text(128)),
        tables.TableColumn("caller_phone", "Caller phone", ("报修电话", "联系电话"), parse=tables.text(32)),
        tables.TableColumn("opened_at", "Opened", ("开单时间", "报修时间"), parse=tables.local_datetime(zone)),
    ]


def _lookup(session: Session, rows: list[tuple[int, dict[str, Any]]]) -> dict[str, Callable[[str], Any]]:
    """Finders for the names a file uses, each read once for the whole file."""
    def by(column, key_column, values):
        wanted = sorted({v for v in values if v})
        return dict(session.execute(select(key_column, column).where(key_column.in_(wanted))).all()) if wanted else {}

    customers = by(Customer.id, Customer.code, [r["customer"] for _n, r in rows])
    by_name = by(Customer.id, Customer.name, [r["customer"] for _n, r in rows])
    assets = {s: (i, c) for s, i, c in session.execute(select(Asset.serial, Asset.id, Asset.customer_id).where(
        Asset.serial.in_(sorted({r["serial"] for _n, r in rows if r["serial"]}) or [""])))}
    users = by(User.id, User.username, [r["assignee"] for _n, r in rows])
    groups = by(Group.id, Group.name, [r["group"] for _n, r in rows])
    return {"customer": lambda v: customers.get(v) or by_name.get(v),
            "category": lambda v: catalog.find_category(session, v), "asset": assets.get,
            "assignee": users.get, "group": groups.get}


def import_incidents(app: AppContext, actor: Actor, path: Path | str, zone: str | None = None) -> list[str]:
    """Open one incident per row of ``path``; returns their numbers. ``ImportRejected`` lists every problem."""
    zone_info = ZoneInfo(zone or actor.timezone or "Asia/Shanghai")
    columns = import_columns(zone_info)
    rows = tables.read_table(path, columns)
    if not rows:
        raise ValidationError(f"{Path(path).name} has no rows below its header; nothing to import.")
    opening = prepare_opening(app)
    problems = tables.Problems(path, columns)
    with app.unit_of_work(actor, IMPORT) as work:
        find = _lookup(work.session, rows)
        created = []
        for number, row in rows:
            with problems.row(number):
                created.append(open_incident(work, opening, **_fields(row, find)))
        problems.raise_if_any()
        engine.rebuild(work, opening.setup, [i.id for i in created], utcnow())
        work.audit("incident.import", "incident", "*", {"file": Path(path).name, "rows": len(created)})
        return [i.number for i in created]


def _fields(row: dict[str, Any], find: dict[str, Callable[[str], Any]]) -> dict[str, Any]:
    """One row's values for ``open_incident``; a name that matches nothing is a ``ValidationError``."""
    customer_id = find["customer"](row["customer"])
    if customer_id is None:
        raise ValidationError(f"no customer has the code or name “{row['customer']}”.", "customer")
    category_id = find["category"](row["category"])
    if category_id is None:
        raise ValidationError(f"“{row['category']}” is not an active category; use a name or path from the "
                              "category tree.", "category")
    fields = {"title": row["title"], "customer_id": customer_id, "category_id": category_id,
              "channel": row["channel"] or "phone", "impact": row["impact"], "urgency": row["urgency"],
              "description": row["description"] or "", "caller_name": row["caller_name"],
              "caller_phone": row["caller_phone"], "opened_at": row["opened_at"]}
    if row["serial"]:
        asset = find["asset"](row["serial"])
        if asset is None or asset[1] != customer_id:
            raise ValidationError(f"the serial “{row['serial']}” is not an asset of this customer.", "serial")
        fields["asset_id"] = asset[0]
    for key, label in (("assignee", "user"), ("group", "group")):
        if row[key]:
            found = find[key](row[key])
            if found is None:
                raise ValidationError(f"there is no {label} “{row[key]}”.", key)
            fields[f"{key}_id"] = found
    return fields


EXPORT_TITLES = ("Number", "Title", "Status", "Priority", "Category", "Customer", "Asset serial", "Assignee",
                 "Group", "Opened", "Due", "Resolved", "Breached")


def export_incidents(app: AppContext, actor: Actor, path: Path | str, *, status: str = "open",
                     since: datetime | None = None, zone: str | None = None) -> int:
    """Write incidents (``open``, ``done`` or ``all``, opened at or after ``since``) to CSV or XLSX; returns rows."""
    actor.require(READ)
    local = ZoneInfo(zone or actor.timezone or "Asia/Shanghai")
    assignee, group = aliased(User), aliased(Group)
    query = (select(Incident.number, Incident.title, Incident.status, Incident.priority, Incident.category_id,
                    Customer.name, Asset.serial, assignee.display_name, group.name, Incident.opened_at,
                    Incident.due_at, Incident.resolved_at, Incident.sla_breached)
             .join(Customer, Customer.id == Incident.customer_id).outerjoin(Asset, Asset.id == Incident.asset_id)
             .outerjoin(assignee, assignee.id == Incident.assignee_id).outerjoin(group, group.id == Incident.group_id)
             .order_by(Incident.opened_at.desc(), Incident.number.desc()))
    if status == "open":
        query = query.where(Incident.resolved_at.is_(None), Incident.closed_at.is_(None))
    elif status == "done":
        query = query.where(Incident.resolved_at.is_not(None))
    if since is not None:
        query = query.where(Incident.opened_at >= since)

    def local_time(value: datetime | None):
        return value.astimezone(local).replace(tzinfo=None) if value else None

    with app.session() as session:
        paths = {n.id: n.path for n in catalog.category_tree(session, include_inactive=True)}
        result = session.execute(query.execution_options(yield_per=2000))
        rows = ((n, t, s, p, paths.get(c, ""), cust, serial, who, grp, local_time(o), local_time(d), local_time(r),
                 "yes" if b else "") for n, t, s, p, c, cust, serial, who, grp, o, d, r, b in result)
        return tables.write_table(path, EXPORT_TITLES, rows)
