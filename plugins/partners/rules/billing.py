"""Rules about what a claim bills: duplicates, entitlement, distance, confirmation, warranty-end clusters."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Date, Float, and_, case, exists, func, literal, or_, select, true, type_coerce
from sqlalchemy.orm import aliased

from console.api import Asset, ServiceContract
from plugins.partners.models import Claim, OrderStep, Partner, ServiceOrder
from plugins.partners.rules import Rule, RuleScope, register
from plugins.partners.rules.sql import LIVE, days_between, first_step_at, value_of


def duplicate_order_claim(scope: RuleScope):
    """Every claim (not rejected) after the first one for the same service order."""
    first = aliased(Claim, name="first_claim")
    twice = (select(Claim.order_id, func.min(Claim.id).label("first_id"), func.count().label("claims"))
             .where(LIVE).group_by(Claim.order_id).having(func.count() > 1).subquery("claimed_twice"))
    return (select(Claim.partner_id, Claim.order_id, Claim.id.label("claim_id"), Claim.id.label("key"),
                   Claim.number.label("claim"), value_of(ServiceOrder.number, ServiceOrder.id, Claim.order_id)
                   .label("order"), value_of(first.number, first.id, twice.c.first_id).label("first_claim"),
                   twice.c.claims, Claim.service_date)
            .join(twice, twice.c.order_id == Claim.order_id).where(LIVE, Claim.id != twice.c.first_id))


def duplicate_serial_claim(scope: RuleScope):
    """A claim for another service order on the same asset serial within ``days`` of the claim before it."""
    window = {"partition_by": ServiceOrder.asset_id, "order_by": (Claim.service_date, Claim.id)}
    ordered = (select(Claim.id, Claim.partner_id, Claim.order_id, Claim.number, Claim.service_date,
                      ServiceOrder.asset_id,
                      func.lag(Claim.order_id).over(**window).label("previous_order_id"),
                      func.lag(Claim.number).over(**window).label("previous_claim"),
                      func.lag(Claim.service_date, type_=Date).over(**window).label("previous_date"))
               .join(ServiceOrder, ServiceOrder.id == Claim.order_id)
               .where(LIVE, ServiceOrder.asset_id.is_not(None)).subquery())
    apart = days_between(scope.dialect, ordered.c.service_date, ordered.c.previous_date)
    return (select(ordered.c.partner_id, ordered.c.order_id, ordered.c.id.label("claim_id"),
                   ordered.c.id.label("key"), ordered.c.number.label("claim"), Asset.serial,
                   ordered.c.service_date, ordered.c.previous_claim, ordered.c.previous_date,
                   apart.label("days_apart"))
            .join(Asset, Asset.id == ordered.c.asset_id)
            .where(ordered.c.previous_order_id.is_not(None), ordered.c.previous_order_id != ordered.c.order_id,
                   apart <= scope.params["days"]))


def not_entitled(scope: RuleScope):
    """A claim whose asset was under neither its warranty nor its service contract on the service date."""
    day = Claim.service_date
    contract = case((and_(ServiceContract.starts_on <= day, ServiceContract.ends_on >= day), 1), else_=0)
    warranty = case((Asset.warranty_end >= day, 1), else_=0)
    return (select(Claim.partner_id, Claim.order_id, Claim.id.label("claim_id"), Claim.id.label("key"),
                   Claim.number.label("claim"), Asset.serial, Claim.service_date, Asset.warranty_end,
                   ServiceContract.number.label("contract"), ServiceContract.ends_on.label("contract_ends"))
            .join(ServiceOrder, ServiceOrder.id == Claim.order_id)
            .join(Asset, Asset.id == ServiceOrder.asset_id)
            .outerjoin(ServiceContract, ServiceContract.id == Asset.contract_id)
            .where(LIVE, contract == 0, warranty == 0))


def inflated_distance(scope: RuleScope):
    """Claimed travel above ``ratio`` × the centre-to-site distance plus ``slack_km``."""
    limit = ServiceOrder.distance_km * scope.params["ratio"] + scope.params["slack_km"]
    ratio = case((ServiceOrder.distance_km > 0, type_coerce(Claim.travel_km / ServiceOrder.distance_km, Float)))
    return (select(Claim.partner_id, Claim.order_id, Claim.id.label("claim_id"), Claim.id.label("key"),
                   Claim.number.label("claim"), ServiceOrder.number.label("order"),
                   Claim.travel_km.label("claimed_km"), ServiceOrder.distance_km, ratio.label("ratio"))
            .join(ServiceOrder, ServiceOrder.id == Claim.order_id)
            .where(LIVE, ServiceOrder.distance_km.is_not(None), Claim.travel_km > limit))


def missing_confirmation(scope: RuleScope):
    """A claim for an order fixed more than ``grace_hours`` ago that the customer never confirmed."""
    fixed_at = first_step_at(Claim.order_id, "fixed")
    confirmed = exists().where(OrderStep.order_id == Claim.order_id, OrderStep.step == "confirmed")
    cutoff = scope.now - timedelta(hours=scope.params["grace_hours"])
    return (select(Claim.partner_id, Claim.order_id, Claim.id.label("claim_id"), Claim.id.label("key"),
                   Claim.number.label("claim"), ServiceOrder.number.label("order"), fixed_at.label("fixed_at"),
                   ServiceOrder.status)
            .join(ServiceOrder, ServiceOrder.id == Claim.order_id)
            .where(LIVE, fixed_at < cutoff, ~confirmed))


def warranty_end_cluster(scope: RuleScope):
    """Claims in the last ``days`` of the asset's warranty, from a partner with at least ``min_claims`` such
    claims whose share of them is above ``ratio`` × the rest of the network's share."""
    before_end = days_between(scope.dialect, Asset.warranty_end, Claim.service_date)
    near = case((and_(before_end >= 0, before_end < scope.params["days"]), 1), else_=0)
    base = (select(Claim.id, Claim.partner_id, Claim.order_id, Claim.number, Claim.service_date, Asset.serial,
                   Asset.warranty_end, before_end.label("days_before_end"), near.label("near"))
            .join(ServiceOrder, ServiceOrder.id == Claim.order_id).join(Asset, Asset.id == ServiceOrder.asset_id)
            .where(LIVE, Asset.warranty_end.is_not(None)).cte("warranty_claims"))
    partner = (select(base.c.partner_id, func.count().label("total"), func.sum(base.c.near).label("near"))
               .group_by(base.c.partner_id).subquery("partner_share"))
    network = select(func.count().label("total"), func.sum(base.c.near).label("near")).subquery("network_share")
    others_total, others_near = network.c.total - partner.c.total, network.c.near - partner.c.near
    return (select(base.c.partner_id, base.c.order_id, base.c.id.label("claim_id"), base.c.id.label("key"),
                   base.c.number.label("claim"), base.c.serial, base.c.service_date, base.c.warranty_end,
                   base.c.days_before_end, Partner.code.label("partner"),
                   (partner.c.near * 100.0 / partner.c.total).label("partner_share"),
                   case((others_total > 0, others_near * 100.0 / others_total), else_=literal(0.0))
                   .label("network_share"))
            .join(partner, partner.c.partner_id == base.c.partner_id).join(network, true())
            .join(Partner, Partner.id == base.c.partner_id)
            .where(base.c.near == 1, partner.c.near >= scope.params["min_claims"], others_total > 0,
                   or_(others_near == 0,
                       partner.c.near * others_total > scope.params["ratio"] * others_near * partner.c.total)))


register(Rule(
    "duplicate_order_claim", "Duplicate claim for one order",
    "Another claim (not rejected) for a service order that already has one.",
    "critical", {}, duplicate_order_claim,
    "Claim {claim} is claim number {claims} for order {order}; {first_claim} already claims it."))
register(Rule(
    "duplicate_serial_claim", "Duplicate claim for one serial",
    "A claim for another service order on the same asset serial within N days of the claim before it.",
    "critical", {"days": 7}, duplicate_serial_claim,
    "Claim {claim} for serial {serial} on {service_date} comes {days_apart} days after claim {previous_claim} "
    "for the same serial ({previous_date})."))
register(Rule(
    "not_entitled", "Asset not under warranty or contract",
    "The asset was covered by neither its warranty nor its service contract on the claim's service date.",
    "warning", {}, not_entitled,
    "Claim {claim}: serial {serial} was not covered on {service_date} (warranty until {warranty_end}, "
    "contract {contract} until {contract_ends})."))
register(Rule(
    "inflated_distance", "Claimed distance above the centre-to-site distance",
    "The travel claimed is more than ratio × the distance from the partner's nearest centre to the site, "
    "plus a slack in km.",
    "warning", {"ratio": 1.5, "slack_km": 10}, inflated_distance,
    "Claim {claim} claims {claimed_km} km of travel; the centre is {distance_km} km from the site "
    "({ratio}×)."))
register(Rule(
    "missing_confirmation", "Missing customer confirmation",
    "A claim for an order that was fixed (longer ago than the grace period) but never confirmed by the customer.",
    "warning", {"grace_hours": 48}, missing_confirmation,
    "Claim {claim}: order {order} was fixed at {fixed_at} and the customer never confirmed it."))
register(Rule(
    "warranty_end_cluster", "Repairs clustered just before warranty end",
    "Claims in the last N days of the asset's warranty from a partner with at least a minimum number of them, "
    "whose share of such claims is above ratio × the rest of the network's share.",
    "warning", {"days": 30, "min_claims": 5, "ratio": 3}, warranty_end_cluster,
    "Claim {claim}: serial {serial} repaired on {service_date}, {days_before_end} days before its warranty ends "
    "({warranty_end}); {partner_share} % of {partner}'s claims fall in that window against {network_share} % "
    "for the rest of the network."))
