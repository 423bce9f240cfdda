"""SQL building blocks the rules share, written once for SQLite, PostgreSQL and MariaDB.

* ``seconds_between`` / ``days_between``: time differences, which every backend spells differently.
* ``distance_km``: the great-circle (haversine) distance in SQL. PostgreSQL and MariaDB have the
  trigonometric functions; SQLite has them from 3.35 when built with its math functions (the
  Python builds we ship on are). ``prepare`` registers Python implementations on a SQLite
  connection that lacks them, so the same SQL runs everywhere (only slower there), and turns
  PostgreSQL's JIT off for the run.
* ``LIVE``: a claim that counts (not rejected); ``claim_of``: the order's claim (not rejected) for
  findings about an order; ``value_of``: one column of another row, for the evidence of the few rows found.
* ``first_step_at``: when an order first reached one of some steps.
* ``visits``: each service order's on-site interval (arrived → fixed or incomplete).
"""

from __future__ import annotations

import math

from sqlalchemy import Float, Integer, case, cast, exc, func, literal_column, select, text, type_coerce
from sqlalchemy.orm import Session

from console.api import Site
from plugins.partners.models import Claim, OrderStep, ServiceOrder

EARTH_RADIUS_KM = 6371.0088
#: The claims the rules look at: every claim but a rejected one.
LIVE = Claim.status != "rejected"
_MATH = {"radians": (1, math.radians), "sin": (1, math.sin), "cos": (1, math.cos), "asin": (1, math.asin),
         "sqrt": (1, math.sqrt)}


def prepare(session: Session) -> None:
    """Get the session's connection ready for the rules (in its current transaction): on SQLite the math
    functions ``radians, sin, cos, asin, sqrt`` (registered in Python where the build lacks them); on
    PostgreSQL no JIT compilation, which costs more than these queries take (``SET LOCAL``: this
    transaction only)."""
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        connection.execute(text("SET LOCAL jit = off"))
    if connection.dialect.name != "sqlite":
        return
    try:
        with connection.begin_nested():
            connection.execute(text("SELECT radians(1), sin(0), cos(0), asin(0), sqrt(1)"))
    except exc.OperationalError:
        raw = connection.connection.dbapi_connection
        for name, (arity, function) in _MATH.items():
            raw.create_function(name, arity, function, deterministic=True)


def seconds_between(dialect: str, later, earlier):
    """``later - earlier`` in seconds (two timestamp expressions)."""
    if dialect == "postgresql":
        return func.extract("epoch", later - earlier)
    if dialect in ("mysql", "mariadb"):
        return func.timestampdiff(literal_column("MICROSECOND"), earlier, later) / 1_000_000.0
    return (func.julianday(later) - func.julianday(earlier)) * 86400.0


def days_between(dialect: str, later, earlier):
    """``later - earlier`` in whole days (two date expressions)."""
    if dialect == "postgresql":
        return later - earlier
    if dialect in ("mysql", "mariadb"):
        return func.datediff(later, earlier)
    return cast(func.julianday(later) - func.julianday(earlier), Integer)


def distance_km(lat1, lon1, lat2, lon2):
    """The haversine distance between two points given in degrees, in km."""
    lat1, lon1, lat2, lon2 = (type_coerce(v, Float) for v in (lat1, lon1, lat2, lon2))
    half_lat = func.sin(func.radians(lat2 - lat1) / 2.0)
    half_lon = func.sin(func.radians(lon2 - lon1) / 2.0)
    chord = half_lat * half_lat + func.cos(func.radians(lat1)) * func.cos(func.radians(lat2)) * half_lon * half_lon
    return 2.0 * EARTH_RADIUS_KM * func.asin(func.sqrt(case((chord > 1.0, 1.0), else_=chord)))


def claim_of(order_id):
    """The first claim (not rejected) of the order ``order_id`` as a scalar subquery, or NULL."""
    return (select(func.min(Claim.id)).where(Claim.order_id == order_id, LIVE)
            .correlate_except(Claim).scalar_subquery())


def first_step_at(order_id, *steps: str):
    """A correlated scalar subquery: when the order ``order_id`` (a column of the enclosing query) first
    reached one of ``steps`` (NULL if never)."""
    return (select(func.min(OrderStep.at)).where(OrderStep.order_id == order_id, OrderStep.step.in_(steps))
            .correlate_except(OrderStep).scalar_subquery())


def value_of(column, key_column, key):
    """``column`` of the row whose ``key_column`` equals ``key``, as a scalar subquery: evidence for the few
    rows a rule found, without joining (SQLite materialises a window subquery that is joined)."""
    return select(column).where(key_column == key).scalar_subquery()


def visits():
    """Each order's first check-in (``start``) and first fixed/incomplete step (``end``) with its partner,
    engineer, site, category and check-in coordinates (the site's when the check-in has none): the
    on-site visits, as a select to use as a CTE or subquery."""
    on_arrival = OrderStep.step == "arrived"
    steps = (select(OrderStep.order_id, func.min(case((on_arrival, OrderStep.at))).label("start"),
                    func.min(case((OrderStep.step.in_(("fixed", "incomplete")), OrderStep.at))).label("end"),
                    func.min(case((on_arrival, OrderStep.latitude))).label("latitude"),
                    func.min(case((on_arrival, OrderStep.longitude))).label("longitude"))
             .where(OrderStep.step.in_(("arrived", "fixed", "incomplete")))
             .group_by(OrderStep.order_id).subquery("visit_steps"))
    return (select(ServiceOrder.id.label("order_id"), ServiceOrder.number, ServiceOrder.partner_id,
                   ServiceOrder.engineer_id, ServiceOrder.site_id, ServiceOrder.category,
                   steps.c.start, steps.c.end,
                   func.coalesce(steps.c.latitude, Site.latitude).label("latitude"),
                   func.coalesce(steps.c.longitude, Site.longitude).label("longitude"))
            .join(steps, steps.c.order_id == ServiceOrder.id)
            .outerjoin(Site, Site.id == ServiceOrder.site_id)
            .where(steps.c.start.is_not(None), steps.c.end.is_not(None)))
