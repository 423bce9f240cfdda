"""Rules that check claimed parts against the spares ledger (only with the ``spares`` plugin active).

A claimed part matches the spares moves whose ``ref`` is the service order's number, its incident
or its work order, with the same part number. spares' ``issued_parts()`` and ``defective_returns()``
selectables are imported inside each query function: they exist only when spares is installed.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import exists, func, literal, or_, select

from plugins.partners.models import Claim, ClaimPart, ServiceOrder
from plugins.partners.rules import Rule, RuleScope, register
from plugins.partners.rules.sql import LIVE, days_between


def _for_this_part(moves):
    """Moves of the claimed part for this order, its incident or its work order."""
    refs = (ServiceOrder.number, ServiceOrder.incident_ref, ServiceOrder.work_order_ref)
    return (moves.c.part_number == ClaimPart.part_number) & moves.c.ref.in_(refs)


def _claimed_parts(*columns):
    """Claimed part lines (of live claims) with their claim and order."""
    return (select(Claim.partner_id, Claim.order_id, Claim.id.label("claim_id"), ClaimPart.id.label("key"),
                   Claim.number.label("claim"), ServiceOrder.number.label("order"), ClaimPart.part_number, *columns)
            .join(Claim, Claim.id == ClaimPart.claim_id).join(ServiceOrder, ServiceOrder.id == Claim.order_id)
            .where(LIVE))


def part_not_issued(scope: RuleScope):
    """A claimed part (with its installed serial, when given) that spares never issued for this order."""
    from plugins.spares.api import issued_parts

    issued = issued_parts().subquery("issued")
    serial_matches = or_(ClaimPart.installed_serial.is_(None), issued.c.serial == ClaimPart.installed_serial)
    return (_claimed_parts(ClaimPart.quantity, ClaimPart.installed_serial)
            .where(~exists().where(_for_this_part(issued), serial_matches)))


def defective_not_returned(scope: RuleScope):
    """A claimed part whose defective unit was taken out (``removed_serial``) but never came back to spares
    within ``days`` of the service date."""
    from plugins.spares.api import defective_returns

    returned = defective_returns().subquery("returned")
    cutoff = scope.today - timedelta(days=scope.params["days"])
    waited = days_between(scope.dialect, literal(scope.today), Claim.service_date)
    return (_claimed_parts(ClaimPart.removed_serial, Claim.service_date, waited.label("days_waited"))
            .where(ClaimPart.removed_serial.is_not(None), Claim.service_date < cutoff,
                   ~exists().where(_for_this_part(returned))))


def returned_serial_mismatch(scope: RuleScope):
    """The defective part that came back for a claimed part carries another serial than the one the claim says
    was taken out."""
    from plugins.spares.api import defective_returns

    returned = defective_returns().subquery("returned")
    came_back = (select(func.min(returned.c.serial)).where(_for_this_part(returned), returned.c.serial.is_not(None))
                 .scalar_subquery())
    came_back_at = select(func.min(returned.c.at)).where(_for_this_part(returned)).scalar_subquery()
    return (_claimed_parts(ClaimPart.removed_serial, came_back.label("returned_serial"),
                           came_back_at.label("returned_at"))
            .where(ClaimPart.removed_serial.is_not(None),
                   exists().where(_for_this_part(returned), returned.c.serial.is_not(None)),
                   ~exists().where(_for_this_part(returned), returned.c.serial == ClaimPart.removed_serial)))


register(Rule(
    "part_not_issued", "Claimed part without a spares issue",
    "A part on a claim that spares never issued for the order, its incident or its work order (with the same "
    "serial when the claim gives the installed serial).",
    "critical", {}, part_not_issued,
    "Claim {claim} claims part {part_number} (serial {installed_serial}) for order {order}, but spares issued "
    "no such part for it.", requires=("spares",)))
register(Rule(
    "defective_not_returned", "Defective part never came back",
    "A claimed part whose defective unit was taken out but never came back to spares within N days of the "
    "service date.",
    "warning", {"days": 30}, defective_not_returned,
    "Claim {claim}: the defective {part_number} (serial {removed_serial}) taken out on {service_date} has not "
    "come back after {days_waited} days.", requires=("spares",)))
register(Rule(
    "returned_serial_mismatch", "Returned serial differs from the one taken out",
    "The defective part that came back for a claimed part carries another serial than the one the claim says "
    "was removed.",
    "critical", {}, returned_serial_mismatch,
    "Claim {claim}: serial {removed_serial} of {part_number} was taken out, but serial {returned_serial} came "
    "back on {returned_at}.", requires=("spares",)))
