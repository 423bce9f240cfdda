"""The parts catalogue and the stock locations: who may change them and what must hold."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from console.api import Actor, AppContext, ValidationError
from plugins.spares.models import LOCATION_KINDS, Location, Part, Stock
from plugins.spares.service.common import CENT, EDIT, check_version, clean, code, exact, get_or_404

MAX_MODELS = 500


def check_part(part_number: str, name: str, unit_cost, compatible_models: str | None) -> tuple[str, str, Decimal, str]:
    """The cleaned part number, name, unit cost and model list of a part, or a ValidationError."""
    part_number, name = code(part_number), (name or "").strip()
    if not part_number:
        raise ValidationError("Enter the part number.", "part_number")
    if len(part_number) > 64:
        raise ValidationError("The part number is longer than 64 characters; shorten it.", "part_number")
    if not name:
        raise ValidationError("Enter the name of the part.", "name")
    if len(name) > 255:
        raise ValidationError("The name is longer than 255 characters; shorten it.", "name")
    unit_cost = exact(unit_cost, "unit_cost", "unit cost", CENT)
    if unit_cost < 0:
        raise ValidationError("The unit cost cannot be negative.", "unit_cost")
    models = ", ".join(m.strip() for m in (compatible_models or "").replace("，", ",").split(",") if m.strip())
    if len(models) > MAX_MODELS:
        raise ValidationError(f"The compatible models are longer than {MAX_MODELS} characters; list fewer.",
                              "compatible_models")
    return part_number, name, unit_cost, models


def create_part(app: AppContext, actor: Actor, *, part_number: str, name: str, unit_cost,
                serialized: bool = False, return_required: bool = False, compatible_models: str = "") -> int:
    """Add a part to the catalogue; returns its id. Part numbers are kept upper-case and unique."""
    part_number, name, unit_cost, models = check_part(part_number, name, unit_cost, compatible_models)
    with app.unit_of_work(actor, EDIT) as work:
        if work.session.scalar(select(Part.id).where(Part.part_number == part_number)) is not None:
            raise ValidationError(f"Part {part_number} exists already; search for it instead.", "part_number")
        part = Part(part_number=part_number, name=name, unit_cost=unit_cost, serialized=bool(serialized),
                    return_required=bool(return_required), compatible_models=models, active=True)
        work.session.add(part)
        work.session.flush()
        work.audit("part.create", "part", part_number, {"name": name, "unit_cost": str(unit_cost)})
    return part.id


def update_part(app: AppContext, actor: Actor, part_id: int, *, name: str, unit_cost, compatible_models: str = "",
                serialized: bool | None = None, return_required: bool | None = None, active: bool = True,
                expected_version: int | None = None) -> None:
    """Change a part's name, cost, models, return rule or activity; serials can change only while it has no stock."""
    with app.unit_of_work(actor, EDIT) as work:
        part = get_or_404(work.session, Part, part_id, "This part")
        check_version(part, expected_version, f"Part {part.part_number}")
        _number, name, unit_cost, models = check_part(part.part_number, name, unit_cost, compatible_models)
        if serialized is not None and bool(serialized) != part.serialized and has_stock(work.session, part.id):
            raise ValidationError(f"{part.part_number} has stock; serial tracking can be switched only while "
                                  "none is held anywhere.", "serialized")
        before = {"name": part.name, "unit_cost": str(part.unit_cost), "active": part.active}
        part.name, part.unit_cost, part.compatible_models, part.active = name, unit_cost, models, bool(active)
        if serialized is not None:
            part.serialized = bool(serialized)
        if return_required is not None:
            part.return_required = bool(return_required)
        work.audit("part.update", "part", part.part_number,
                   {"before": before, "after": {"name": name, "unit_cost": str(unit_cost), "active": part.active}})


def has_stock(session: Session, part_id: int) -> bool:
    """True when any location holds some of the part."""
    return bool(session.scalar(select(func.count()).select_from(Stock).where(Stock.part_id == part_id)))


def check_location(code_: str, name: str, kind: str) -> tuple[str, str]:
    """The cleaned code and name of a location of ``kind``, or a ValidationError."""
    location_code, name = code(code_), (name or "").strip()
    if not location_code or not name:
        raise ValidationError("Enter both the location code and the name.", "code" if not location_code else "name")
    if len(location_code) > 32:
        raise ValidationError("The location code is longer than 32 characters; shorten it.", "code")
    if kind not in LOCATION_KINDS:
        raise ValidationError(f"'{kind}' is not a location kind; use one of {', '.join(LOCATION_KINDS)}.", "kind")
    return location_code, name


def create_location(app: AppContext, actor: Actor, *, code: str, name: str, kind: str,
                    partner_code: str | None = None, city: str | None = None) -> int:
    """Add a stock location (a depot, partner consignment stock or a virtual location); returns its id.

    Consignment stock belongs to a partner: name its ``partner_code``.
    """
    location_code, name = check_location(code, name, kind)
    partner = _partner(kind, partner_code)
    with app.unit_of_work(actor, EDIT) as work:
        if work.session.scalar(select(Location.id).where(Location.code == location_code)) is not None:
            raise ValidationError(f"Location code {location_code} is taken; choose another.", "code")
        location = Location(code=location_code, name=name, kind=kind, partner_code=partner, city=clean(city, 64),
                            active=True)
        work.session.add(location)
        work.session.flush()
        work.audit("location.create", "location", location_code, {"name": name, "kind": kind, "partner": partner})
    return location.id


def _partner(kind: str, partner_code: str | None) -> str | None:
    partner = code(partner_code) or None
    if kind == "consignment" and not partner:
        raise ValidationError("Consignment stock belongs to a partner: give the partner's code.", "partner_code")
    if kind != "consignment" and partner:
        raise ValidationError("Only consignment stock belongs to a partner; leave the partner code empty.",
                              "partner_code")
    return partner


def update_location(app: AppContext, actor: Actor, location_id: int, *, name: str, city: str | None = None,
                    partner_code: str | None = None, active: bool = True,
                    expected_version: int | None = None) -> None:
    """Rename a location, change its city or partner, or close it (only once it holds no stock)."""
    with app.unit_of_work(actor, EDIT) as work:
        location = get_or_404(work.session, Location, location_id, "This location")
        check_version(location, expected_version, f"Location {location.code}")
        _code, name = check_location(location.code, name, location.kind)
        held = work.session.scalar(select(func.count()).select_from(Stock).where(Stock.location_id == location.id))
        if not active and held:
            raise ValidationError(f"{location.code} still holds stock; move it elsewhere before closing the "
                                  "location.", "active")
        location.name, location.city = name, clean(city, 64)
        location.partner_code, location.active = _partner(location.kind, partner_code), bool(active)
        work.audit("location.update", "location", location.code, {"name": name, "active": location.active})
