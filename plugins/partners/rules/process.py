"""Rules about how a service order was carried out: its step times, the engineer's travel and visits,
and repeat repairs of the same asset."""

from __future__ import annotations

from sqlalchemy import String, and_, case, func, select

from console.api import Asset, UTCDateTime
from plugins.partners.models import Engineer, OrderStep, Partner, ServiceOrder
from plugins.partners.rules import Rule, RuleScope, register
from plugins.partners.rules.sql import claim_of, distance_km, seconds_between, value_of, visits

#: Each step's place in the process (a rejection ranks with acceptance, an incomplete closure with the fix).
STEP_RANK = {"dispatched": 0, "accepted": 1, "rejected": 1, "departed": 2, "arrived": 3, "fixed": 4,
             "incomplete": 4, "confirmed": 5, "closed": 6}
FIXED = ("fixed", "confirmed", "closed")
#: km per degree of latitude (and at most per degree of longitude) on the haversine sphere.
KM_PER_DEGREE = 111.2


def step_out_of_order(scope: RuleScope):
    """A step timed before the step that precedes it in the process, or later than when it was recorded
    (by more than ``tolerance_minutes``): a time in the future."""
    ranked = select(OrderStep.id, OrderStep.order_id, OrderStep.step, OrderStep.at, OrderStep.recorded_at,
                    case(STEP_RANK, value=OrderStep.step, else_=9).label("rank")).subquery("ranked")
    window = {"partition_by": ranked.c.order_id, "order_by": (ranked.c.rank, ranked.c.id)}  # one window for both
    steps = (select(ranked.c.id, ranked.c.order_id, ranked.c.step, ranked.c.at, ranked.c.recorded_at,
                    func.lag(ranked.c.step, type_=String).over(**window).label("previous_step"),
                    func.lag(ranked.c.at, type_=UTCDateTime).over(**window).label("previous_at"))
             .subquery("steps"))
    early = steps.c.at < steps.c.previous_at
    ahead = and_(steps.c.at > steps.c.recorded_at,  # the cheap test first: the difference only where it may matter
                 seconds_between(scope.dialect, steps.c.at, steps.c.recorded_at)
                 > scope.params["tolerance_minutes"] * 60)
    flagged = select(steps, case((early, "earlier than the step before it"),
                                 else_="later than when it was recorded").label("problem")
                     ).where(early | ahead).subquery("flagged")
    return select(value_of(ServiceOrder.partner_id, ServiceOrder.id, flagged.c.order_id).label("partner_id"),
                  flagged.c.order_id, claim_of(flagged.c.order_id).label("claim_id"), flagged.c.id.label("key"),
                  value_of(ServiceOrder.number, ServiceOrder.id, flagged.c.order_id).label("order"), flagged.c.step,
                  flagged.c.at, flagged.c.previous_step, flagged.c.previous_at, flagged.c.recorded_at,
                  flagged.c.problem)


def _engineer_visits(**columns):
    """Each engineer's visits in time order with ``columns``: ``name=function(seen, window)`` giving a window
    expression over the visits (``seen``) of the same engineer, earliest first."""
    seen = visits().where(ServiceOrder.engineer_id.is_not(None)).subquery()
    window = {"partition_by": seen.c.engineer_id, "order_by": (seen.c.start, seen.c.order_id)}
    return select(seen, *(make(seen, window).label(name) for name, make in columns.items())).subquery("engineer_visits")


def impossible_travel(scope: RuleScope):
    """Between one engineer's consecutive visits, the distance from the previous site (left at its fix) to this
    one (checked in) implies more than ``max_kmh``; jumps under ``min_km`` (GPS noise) are ignored."""
    v = _engineer_visits(
        previous_order=lambda seen, window: func.lag(seen.c.number).over(**window),
        previous_end=lambda seen, window: func.lag(seen.c.end, type_=UTCDateTime).over(**window),
        previous_latitude=lambda seen, window: func.lag(seen.c.latitude).over(**window),
        previous_longitude=lambda seen, window: func.lag(seen.c.longitude).over(**window))
    km = distance_km(v.c.previous_latitude, v.c.previous_longitude, v.c.latitude, v.c.longitude)
    hours = seconds_between(scope.dialect, v.c.start, v.c.previous_end) / 3600.0
    bound = (func.abs(v.c.latitude - v.c.previous_latitude) + func.abs(v.c.longitude - v.c.previous_longitude)) \
        * KM_PER_DEGREE  # never below the great-circle distance: the cheap test first
    flagged = (select(v, km.label("distance_km"), hours.label("hours"))
               .where(v.c.previous_latitude.is_not(None), v.c.latitude.is_not(None), v.c.start > v.c.previous_end,
                      bound > scope.params["min_km"], bound > hours * scope.params["max_kmh"],
                      km > scope.params["min_km"], km > hours * scope.params["max_kmh"]).subquery("flagged"))
    return select(flagged.c.partner_id, flagged.c.order_id, claim_of(flagged.c.order_id).label("claim_id"),
                  flagged.c.order_id.label("key"),
                  value_of(Engineer.code, Engineer.id, flagged.c.engineer_id).label("engineer"),
                  flagged.c.previous_order, flagged.c.previous_end.label("left_at"), flagged.c.number.label("order"),
                  flagged.c.start.label("arrived_at"), flagged.c.distance_km, flagged.c.hours,
                  (flagged.c.distance_km / flagged.c.hours).label("speed_kmh"))


def overlapping_visits(scope: RuleScope):
    """One engineer on site at two different sites at once: a visit that starts before an earlier visit of
    the same engineer (elsewhere) ended. The other visit is the one whose fix (by that engineer) ended last."""
    v = _engineer_visits(busy_until=lambda seen, window: func.max(seen.c.end).over(rows=(None, -1), **window))
    flagged = select(v).where(v.c.start < v.c.busy_until).subquery("flagged")
    other_id = (select(func.min(OrderStep.order_id))
                .where(OrderStep.engineer_id == flagged.c.engineer_id, OrderStep.at == flagged.c.busy_until,
                       OrderStep.step.in_(("fixed", "incomplete")), OrderStep.order_id != flagged.c.order_id)
                .correlate(flagged).scalar_subquery())
    paired = select(flagged, other_id.label("other_id")).subquery("paired")
    other_site = func.coalesce(value_of(ServiceOrder.site_id, ServiceOrder.id, paired.c.other_id), 0)
    return (select(paired.c.partner_id, paired.c.order_id, claim_of(paired.c.order_id).label("claim_id"),
                   paired.c.order_id.label("key"),
                   value_of(Engineer.code, Engineer.id, paired.c.engineer_id).label("engineer"),
                   paired.c.number.label("order"), paired.c.start, paired.c.end,
                   value_of(ServiceOrder.number, ServiceOrder.id, paired.c.other_id).label("other_order"),
                   paired.c.busy_until.label("other_end"),
                   (seconds_between(scope.dialect, paired.c.busy_until, paired.c.start) / 60.0)
                   .label("overlap_minutes"))
            .where(other_site != func.coalesce(paired.c.site_id, -1)))


def repeat_repair(scope: RuleScope):
    """A new service order for an asset within ``days`` of the previous order for it that was fixed."""
    window = {"partition_by": ServiceOrder.asset_id, "order_by": (ServiceOrder.dispatched_at, ServiceOrder.id)}
    orders = (select(ServiceOrder.id, ServiceOrder.partner_id, ServiceOrder.number, ServiceOrder.asset_id,
                     ServiceOrder.dispatched_at,
                     func.lag(ServiceOrder.number).over(**window).label("previous_order"),
                     func.lag(ServiceOrder.status).over(**window).label("previous_status"),
                     func.lag(ServiceOrder.partner_id).over(**window).label("previous_partner_id"),
                     func.lag(ServiceOrder.dispatched_at, type_=UTCDateTime).over(**window).label("previous_at"))
              .where(ServiceOrder.asset_id.is_not(None), ServiceOrder.status != "rejected").subquery())
    days = seconds_between(scope.dialect, orders.c.dispatched_at, orders.c.previous_at) / 86400.0
    flagged = (select(orders, days.label("days_apart"))
               .where(orders.c.previous_status.in_(FIXED), orders.c.dispatched_at > orders.c.previous_at,
                      days <= scope.params["days"]).subquery("flagged"))
    return select(flagged.c.partner_id, flagged.c.id.label("order_id"), claim_of(flagged.c.id).label("claim_id"),
                  flagged.c.id.label("key"), flagged.c.number.label("order"),
                  value_of(Asset.serial, Asset.id, flagged.c.asset_id).label("serial"), flagged.c.dispatched_at,
                  flagged.c.previous_order, flagged.c.previous_at,
                  value_of(Partner.code, Partner.id, flagged.c.previous_partner_id).label("previous_partner"),
                  flagged.c.days_apart)


register(Rule(
    "step_out_of_order", "Step times out of order or in the future",
    "A step timed before the step that comes before it in the process, or later than the moment it was "
    "recorded (a time in the future), beyond a tolerance in minutes.",
    "warning", {"tolerance_minutes": 5}, step_out_of_order,
    "Order {order}: step {step} at {at} is {problem} ({previous_step} at {previous_at}; recorded at "
    "{recorded_at})."))
register(Rule(
    "impossible_travel", "Impossible travel between sites",
    "Between one engineer's consecutive visits, the distance from the last site (left when it was fixed) to the "
    "next check-in implies a speed above the limit in km/h; jumps shorter than a minimum in km are ignored.",
    "critical", {"max_kmh": 120, "min_km": 5}, impossible_travel,
    "Engineer {engineer} left order {previous_order} at {left_at} and checked in for order {order} at "
    "{arrived_at}: {distance_km} km in {hours} h is {speed_kmh} km/h."))
register(Rule(
    "overlapping_visits", "Engineer on site in two places at once",
    "One engineer's visit to a site starts before the same engineer's visit to another site has ended.",
    "critical", {}, overlapping_visits,
    "Engineer {engineer} was on site for order {order} from {start} while still on site for order "
    "{other_order} until {other_end} ({overlap_minutes} minutes at once)."))
register(Rule(
    "repeat_repair", "Repeat repair of the same asset",
    "A new service order for an asset within N days of its previous order that was fixed.",
    "warning", {"days": 30}, repeat_repair,
    "Order {order} for serial {serial} comes {days_apart} days after order {previous_order} "
    "({previous_partner}) fixed it."))
