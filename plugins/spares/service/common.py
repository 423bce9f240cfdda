"""What every spares service module shares: permission names, input checks, lookups, numbers, alerts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Iterable
from zoneinfo import ZoneInfo

from sqlalchemy import func, select, update
from sqlalchemy.dialects import mysql, postgresql, sqlite
from sqlalchemy.orm import Session

from console.api import (
    Actor,
    AppContext,
    Group,
    GroupMember,
    NotFound,
    PermissionDenied,
    StaleEditError,
    User,
    ValidationError,
    as_decimal,
    get_setting,
    notify,
)
from plugins.spares.models import Counter, Location, Part
from plugins.spares.service.messages import render

NAME = "spares"
READ = "spares.read"
CONSIGNMENT = "spares.consignment"
REQUEST = "spares.request"
MOVE = "spares.move"
EDIT = "spares.edit"
APPROVE = "spares.approve"
CENT, MILLI = Decimal("0.01"), Decimal("0.001")
ZERO = Decimal(0)


def reading(app: AppContext) -> Session:
    """A session for reads only: on SQLite it begins DEFERRED, so a list or a chart never takes the write lock.

    Use it as ``with reading(app) as session:``; it never commits.
    """
    engine = app.engine
    return Session(engine.execution_options(sqlite_readonly=True) if engine.dialect.name == "sqlite" else engine)


# -- input -----------------------------------------------------------------------------------
def exact(value, field: str, label: str, places: Decimal = MILLI) -> Decimal:
    """``value`` as an exact Decimal with at most ``places`` decimals, else a ValidationError on ``field``."""
    try:
        number = as_decimal(value)
    except (TypeError, InvalidOperation):
        raise ValidationError(f"Give the {label} as an exact number such as 12.5 (not {value!r}).", field) from None
    if not number.is_finite() or number != number.quantize(places):
        raise ValidationError(f"The {label} {value} has more than {abs(places.as_tuple().exponent)} decimals.",
                              field)
    return number


def positive(value, field: str = "quantity", label: str = "quantity") -> Decimal:
    """A quantity above zero."""
    number = exact(value, field, label)
    if number <= 0:
        raise ValidationError(f"The {label} must be more than zero.", field)
    return number


def clean(text: str | None, limit: int = 255) -> str | None:
    """Stripped text, ``None`` when empty, cut to ``limit`` characters."""
    text = (text or "").strip()
    return text[:limit] or None


def code(text: str | None) -> str:
    """A part number or location code as stored: stripped and upper-case."""
    return (text or "").strip().upper()


def quantity_text(value: Decimal) -> str:
    """A quantity for a message: ``3``, ``2.5``."""
    return f"{Decimal(str(value)).normalize():f}"


def check_version(row, expected: int | None, what: str) -> None:
    """Refuse an edit made on a copy older than ``row`` (the form names the version it loaded)."""
    if expected is not None and row.version != expected:
        raise StaleEditError(what)


# -- lookups ---------------------------------------------------------------------------------
def part_by_number(session: Session, number: str | None, field: str = "part_number", *,
                   lock: bool = False) -> Part:
    """The part numbered ``number`` (locked FOR UPDATE when ``lock``), else a ValidationError."""
    query = select(Part).where(Part.part_number == code(number))
    part = session.scalar(query.with_for_update() if lock else query)
    if part is None:
        raise ValidationError(f"There is no part {code(number) or '(empty)'}; check the part number.", field)
    return part


def location_by_code(session: Session, value: str | None, field: str, kinds: Iterable[str] | None = None,
                     what: str = "location") -> Location:
    """The active location coded ``value``, of one of ``kinds`` when given, else a ValidationError."""
    if not code(value):
        raise ValidationError(f"Choose the {what}.", field)
    location = session.scalar(select(Location).where(Location.code == code(value)))
    if location is None or not location.active:
        raise ValidationError(f"There is no stock location {code(value)}; check the code.", field)
    kinds = tuple(kinds or ())
    if kinds and location.kind not in kinds:
        raise ValidationError(f"{location.code} is a {location.kind.replace('_', ' ')} location; "
                              f"the {what} must be a {' or '.join(k.replace('_', ' ') for k in kinds)} location.",
                              field)
    return location


def first_location(session: Session, kind: str) -> Location:
    """The first active location of a virtual ``kind`` (in transit, defective …), else a ValidationError."""
    location = session.scalar(select(Location).where(Location.kind == kind, Location.active.is_(True))
                              .order_by(Location.code).limit(1))
    if location is None:
        raise ValidationError(f"There is no {kind.replace('_', ' ')} location yet; an administrator adds one "
                              "on the Locations page.", "location")
    return location


def get_or_404(session: Session, model, key, what: str):
    """The row of ``model`` with primary key ``key``, else ``NotFound`` naming ``what``."""
    row = session.get(model, key) if key is not None else None
    if row is None:
        raise NotFound(f"{what} no longer exists; refresh the list.")
    return row


# -- visibility ------------------------------------------------------------------------------
def visible_kinds(actor: Actor) -> tuple[str, ...] | None:
    """Which location kinds ``actor`` may see: all (None), only consignment stock, or PermissionDenied."""
    if actor.can(READ):
        return None
    if actor.can(CONSIGNMENT):
        return ("consignment",)
    raise PermissionDenied(f"{actor.display_name} does not have the permission '{READ}'. "
                           "Ask an administrator to grant it to one of your roles.")


def visible_locations(actor: Actor):
    """A WHERE clause on ``Location`` limiting rows to what ``actor`` may see (None: everything).

    Partner auditors (``spares.consignment``) see partners' consignment stock; a partner's own
    user (``actor.partner_code``) sees only that partner's.
    """
    kinds = visible_kinds(actor)
    if kinds is None:
        return None
    clause = Location.kind.in_(kinds)
    if actor.partner_code:
        clause = clause & (Location.partner_code == actor.partner_code)
    return clause


# -- numbers ---------------------------------------------------------------------------------
def next_numbers(session: Session, prefix: str, at: datetime, count: int = 1) -> list[str]:
    """``count`` new numbers ``<prefix>-<year>-<nnnnnn>``; the counter row is locked until commit."""
    name = f"{prefix}-{at:%Y}"
    last = _bump_counter(session, name, count)
    return [f"{name}-{n:06d}" for n in range(last - count + 1, last + 1)]


def _bump_counter(session: Session, name: str, count: int) -> int:
    """Add ``count`` to the counter row ``name`` (made at 0 when new) and return its new value; the
    update locks the row until commit, so the next caller waits here."""
    upsert(session, Counter.__table__, {"name": name, "value": 0}, ("name",))
    session.execute(update(Counter).where(Counter.name == name).values(value=Counter.value + count)
                    .execution_options(synchronize_session=False))
    return session.scalar(select(Counter.value).where(Counter.name == name))


MOVE_IDS = "MOVE-ID"


def take_ids(session: Session, table, count: int, name: str = MOVE_IDS) -> range:
    """``count`` new ids for ``table``, handed out by a counter row that stays locked until commit.

    Explicit ids let a batch of ten thousand moves go in as one executemany (a RETURNING insert
    runs row by row on SQLite and MariaDB). The counter never hands out an id at or below the
    table's largest (the demo writes ids of its own).
    """
    last = _bump_counter(session, name, count)  # the lock: the next batch waits here
    largest = session.scalar(select(func.coalesce(func.max(table.c.id), 0)))
    if last - count < largest:
        last = largest + count
        session.execute(update(Counter).where(Counter.name == name).values(value=last)
                        .execution_options(synchronize_session=False))
    return range(last - count + 1, last + 1)


def upsert(session: Session, table, rows: dict | list[dict], keys: tuple[str, ...], *,
           add: tuple[str, ...] = (), replace: tuple[str, ...] = ()) -> None:
    """Insert ``rows``; where a row with the same ``keys`` exists, add the new values of the ``add``
    columns to it and overwrite its ``replace`` columns (neither: leave it as it is).

    One statement (an executemany for a list) on every backend, so two transactions that create
    the same row at the same moment cannot both insert it.
    """
    dialect = session.get_bind().dialect.name
    if dialect in ("mysql", "mariadb"):
        statement = mysql.insert(table)
        new = statement.inserted
    else:
        statement = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)
        new = statement.excluded
    changes = {**{c: table.c[c] + new[c] for c in add}, **{c: new[c] for c in replace}}
    if dialect in ("mysql", "mariadb"):
        statement = statement.on_duplicate_key_update(changes or {keys[0]: table.c[keys[0]]})
    elif changes:
        statement = statement.on_conflict_do_update(index_elements=list(keys), set_=changes)
    else:
        statement = statement.on_conflict_do_nothing(index_elements=list(keys))
    session.execute(statement, rows)


# -- settings --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Policy:
    """The settings one operation works with, read before its transaction begins: on SQLite a
    setting read inside a write transaction would wait for that very transaction."""

    return_due_days: int
    loss_after_days: int
    reservation_hours: int
    approval_value: Decimal
    alert_group: str
    zone: ZoneInfo

    def local_date(self, at: datetime) -> date:
        """The calendar date of ``at`` in the organisation's time zone (due dates are days there)."""
        return at.astimezone(self.zone).date()

    def due_on(self, issued_at: datetime) -> date:
        """When the defective part of an issue at ``issued_at`` is due back."""
        return self.local_date(issued_at) + timedelta(days=self.return_due_days)

    def loss_cutoff(self, today: date) -> date:
        """Expected returns due before this date are losses."""
        return today - timedelta(days=self.loss_after_days)

    def needs_approval(self, value: Decimal) -> bool:
        """True when an adjustment worth ``value`` (either sign) is above the approval limit."""
        return abs(value) > self.approval_value


def policy(app: AppContext) -> Policy:
    """The spares settings as they are now (``spares.*`` and the organisation's time zone)."""
    return Policy(return_due_days=int(get_setting(app, "spares.return_due_days")),
                  loss_after_days=int(get_setting(app, "spares.loss_after_days")),
                  reservation_hours=int(get_setting(app, "spares.reservation_hours")),
                  approval_value=Decimal(str(get_setting(app, "spares.adjustment_approval_value"))),
                  alert_group=(get_setting(app, "spares.alert_group") or "").strip(),
                  zone=ZoneInfo(get_setting(app, "core.default_timezone") or "Asia/Shanghai"))


# -- alerts ----------------------------------------------------------------------------------
def alert(rules: Policy, session: Session, message: str, *, severity: str = "warning", link: str | None = None,
          extra: Iterable[int | None] = (), **fields) -> int:
    """Tell the spare-parts desk (the members of ``spares.alert_group``) and ``extra`` users ``message``
    in the notification centre, each in their own language (``messages.MESSAGES``); returns how many."""
    desk = session.scalars(select(GroupMember.user_id).join(Group, Group.id == GroupMember.group_id)
                           .where(Group.name == rules.alert_group)).all() if rules.alert_group else []
    users = {u for u in [*desk, *extra] if u is not None}
    if not users:
        return 0
    locales = dict(session.execute(select(User.id, User.locale).where(User.id.in_(users))).all())
    by_locale: dict[str, list[int]] = {}
    for user_id in users:
        by_locale.setdefault("zh" if (locales.get(user_id) or "").startswith("zh") else "en", []).append(user_id)
    told = 0
    for locale, ids in by_locale.items():
        title, body = render(message, locale, **fields)
        told += notify(session, ids, title, body, severity, link)
    return told
