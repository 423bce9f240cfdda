"""Entitlement and location of an incident: which contract (or warranty) covers the call, whether it is
billable, what it charges a prepaid balance, and how far the site is from the nearest service centre."""

from __future__ import annotations

from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from console.api import AppContext, Asset, ServiceContract, Site, entitlement, get_setting, nearest_centre, utcnow
from plugins.incidents.models import Incident
from plugins.incidents.rules import found


def settings(app: AppContext) -> tuple[str, Decimal]:
    """The organisation's time zone and the charge per covered call on a prepaid contract."""
    return (get_setting(app, "core.default_timezone") or "Asia/Shanghai",
            Decimal(str(get_setting(app, "incidents.call_charge") or 0)))



def entitle(session: Session, incident: Incident, asset: Asset | None, zone: str, call_charge: Decimal,
             lock: bool = True) -> None:
    """Match the asset's contract (by date, call count and prepaid balance) or warranty; else billable."""
    incident.contract_id = incident.service_level = incident.charge = None
    incident.billable = False
    if asset is None:
        incident.entitlement_note = "No asset given: entitlement not checked."
        return
    if asset.contract_id is not None and lock:  # calls and balance are counted under the contract's lock
        session.execute(select(ServiceContract.id).where(ServiceContract.id == asset.contract_id).with_for_update())
    others = [Incident.contract_id == asset.contract_id, Incident.id != (incident.id or 0)]
    used_calls = session.scalar(select(func.count()).select_from(Incident).where(*others)) if asset.contract_id else 0
    used_balance = session.scalar(select(func.coalesce(func.sum(Incident.charge), 0)).where(*others)) \
        if asset.contract_id else Decimal(0)
    on = incident.opened_at.astimezone(ZoneInfo(zone)).date()
    result = entitlement(session, asset.id, on, used_calls, Decimal(used_balance or 0))
    incident.entitlement_note = result.reason[:255]
    incident.billable = result.billable
    if result.covered and result.contract is not None:
        incident.contract_id = result.contract.id
        incident.service_level = result.contract.level
        if result.contract.prepaid_balance is not None:
            incident.charge = call_charge


def preview_entitlement(app: AppContext, asset_id: int) -> tuple[bool, str | None, str]:
    """``(billable, service level, why)`` a call on the asset would get now (for the quick-entry form)."""
    zone, call_charge = settings(app)
    with app.session() as session:
        asset = found(session.get(Asset, asset_id), f"Asset {asset_id} does not exist (any more).")
        probe = Incident(opened_at=utcnow())
        entitle(session, probe, asset, zone, call_charge, lock=False)
    return probe.billable, probe.service_level, probe.entitlement_note


def locate(session: Session, incident: Incident) -> None:
    """The distance from the nearest service centre to the site, for the onsite distance table."""
    incident.distance_km = None
    site = session.get(Site, incident.site_id) if incident.site_id else None
    if site is None or site.latitude is None or site.longitude is None:
        return
    try:
        _centre, km = nearest_centre(session, site.latitude, site.longitude)
    except Exception:  # noqa: BLE001 - no centre defined yet: the distance stays unknown
        return
    incident.distance_km = Decimal(f"{km:.1f}")
