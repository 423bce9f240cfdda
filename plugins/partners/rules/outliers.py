"""Robust outliers against peers of the same category: a claim's amount, a visit's on-site duration.

"Far above peers" is ``value > median + k · 1.4826 · MAD`` (the MAD scaled to a standard deviation)
and ``value > min_ratio · median`` (so that a category where most values are equal, MAD 0, does
not flag every cent above the median), among categories with at least ``min_peers`` values.
Medians are computed in SQL, in the same single statement, with ``row_number()``/``count()``
windows per category (the middle one or two rows), so every backend computes them alike.
"""

from __future__ import annotations

from sqlalchemy import func, select

from plugins.partners.models import Claim, ServiceOrder
from plugins.partners.rules import Rule, RuleScope, register
from plugins.partners.rules.sql import LIVE, claim_of, seconds_between, visits

MAD_TO_SIGMA = 1.4826
OUTLIER_PARAMS = {"k": 4, "min_ratio": 1.5, "min_peers": 20}


def _median(source, value, name: str):
    """Per ``peer_group`` of ``source``: the median of ``value`` and the number of peers (a CTE: computed once
    however often it is joined)."""
    ranked = select(source.c.peer_group, value.label("value"),
                    func.row_number().over(partition_by=source.c.peer_group, order_by=value).label("rn"),
                    func.count().over(partition_by=source.c.peer_group).label("n")).subquery(f"{name}_ranked")
    return (select(ranked.c.peer_group, func.avg(ranked.c.value).label("median"), func.max(ranked.c.n).label("peers"))
            .where(ranked.c.rn * 2 >= ranked.c.n, ranked.c.rn * 2 <= ranked.c.n + 2)
            .group_by(ranked.c.peer_group).cte(name))


def outliers(values, scope: RuleScope, *columns):
    """The rows of ``values`` (a CTE with ``peer_group`` and ``value``) far above their peers, with the
    ``median``, ``mad``, ``peers`` and ``threshold`` as evidence besides ``columns``."""
    medians = _median(values, values.c.value, "medians")
    deviations = (select(values.c.peer_group, func.abs(values.c.value - medians.c.median).label("deviation"))
                  .join(medians, medians.c.peer_group == values.c.peer_group).subquery("deviations"))
    mads = _median(deviations, deviations.c.deviation, "mads")
    threshold = medians.c.median + mads.c.median * (scope.params["k"] * MAD_TO_SIGMA)
    return (select(*columns, values.c.peer_group.label("category"), values.c.value, medians.c.median,
                   mads.c.median.label("mad"), medians.c.peers, threshold.label("threshold"))
            .join(medians, medians.c.peer_group == values.c.peer_group)
            .join(mads, mads.c.peer_group == values.c.peer_group)
            .where(medians.c.peers >= scope.params["min_peers"], values.c.value > threshold,
                   values.c.value > medians.c.median * scope.params["min_ratio"]))


def amount_outlier(scope: RuleScope):
    """A claim whose amount is far above the claims for orders of the same category and repair level (the rate
    card pays labour by level, so an L3 visit is not an outlier among L1 ones)."""
    values = (select(Claim.partner_id, Claim.order_id, Claim.id, Claim.number,
                     (func.coalesce(ServiceOrder.category, "") + " " + ServiceOrder.repair_level).label("peer_group"),
                     Claim.amount.label("value"))
              .join(ServiceOrder, ServiceOrder.id == Claim.order_id).where(LIVE)
              .cte("claim_amounts"))
    return outliers(values, scope, values.c.partner_id, values.c.order_id, values.c.id.label("claim_id"),
                    values.c.id.label("key"), values.c.number.label("claim"))


def duration_outlier(scope: RuleScope):
    """A visit whose on-site time (check-in to fix) is far above the visits for orders of the same category."""
    seen = visits().subquery()
    values = select(seen.c.partner_id, seen.c.order_id, seen.c.number,
                    func.coalesce(seen.c.category, "").label("peer_group"),
                    (seconds_between(scope.dialect, seen.c.end, seen.c.start) / 60.0).label("value")
                    ).cte("visit_minutes")
    return outliers(values, scope, values.c.partner_id, values.c.order_id,
                    claim_of(values.c.order_id).label("claim_id"), values.c.order_id.label("key"),
                    values.c.number.label("order"))


register(Rule(
    "amount_outlier", "Amount far above peers",
    "A claim's amount is far above the claims for orders of the same category and repair level: above the median "
    "plus k robust standard deviations (1.4826 × MAD) and above min_ratio × the median, among at least "
    "min_peers claims.",
    "warning", dict(OUTLIER_PARAMS), amount_outlier,
    "Claim {claim} claims {value}; claims for “{category}” have a median of {median} "
    "(MAD {mad}, {peers} claims), so anything above {threshold} stands out."))
register(Rule(
    "duration_outlier", "On-site duration far above peers",
    "A visit's on-site time (check-in to fix) is far above the visits for orders of the same category: above the "
    "median plus k robust standard deviations and above min_ratio × the median, among at least min_peers visits.",
    "info", dict(OUTLIER_PARAMS), duration_outlier,
    "Order {order} was on site {value} minutes; visits for category “{category}” take a median of {median} "
    "minutes (MAD {mad}, {peers} visits), so anything above {threshold} stands out."))
