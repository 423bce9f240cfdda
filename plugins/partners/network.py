"""The partner network: partners (服务商) with their level and regions, their field engineers, and
their rate cards with validity dates. Service centres are core's ``ServiceCentre`` rows whose
``partner_code`` is the partner's code: they are created in core's directory and only read here.

Qt-free; writes need ``partners.edit`` and a partner's own user may only touch its own partner.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.api import Actor, AppContext, NotFound, ServiceCentre, StaleEditError, ValidationError, as_decimal
from plugins.partners import access
from plugins.partners.models import LEVELS, Engineer, Partner, RateCard

EDIT = "partners.edit"
#: What ``update_partner`` may change (a partner's code is its identity: order numbers and centres carry it).
PARTNER_FIELDS = ("name", "level", "regions", "active")
RATE_FIELDS = ("labour_l1", "labour_l2", "labour_l3", "free_radius_km", "travel_per_km", "parts_handling")
CENT = Decimal("0.01")


# -- input -----------------------------------------------------------------------------------
def text_input(value: Any, field: str, label: str, limit: int, *, required: bool = True) -> str | None:
    """``value`` stripped, at most ``limit`` characters; None when empty and not ``required``."""
    cleaned = "" if value is None else str(value).strip()
    if not cleaned:
        if required:
            raise ValidationError(f"Enter the {label}.", field)
        return None
    if len(cleaned) > limit:
        raise ValidationError(f"The {label} has {len(cleaned)} characters; shorten it to {limit}.", field)
    return cleaned


def code_input(value: Any, field: str, label: str, limit: int, *, required: bool = True) -> str | None:
    """A code as stored: stripped and upper-case."""
    cleaned = text_input(value, field, label, limit, required=required)
    return cleaned.upper() if cleaned else None


def amount_input(value: Any, field: str, label: str, places: Decimal = CENT) -> Decimal:
    """A non-negative exact amount with at most two decimals (``places``)."""
    try:
        number = as_decimal(value)
    except (TypeError, InvalidOperation):
        raise ValidationError(f"Give the {label} as an exact number such as 120.50 (not {value!r}).", field) from None
    if not number.is_finite() or number < 0:
        raise ValidationError(f"The {label} must be zero or more, not {value}.", field)
    if number != number.quantize(places):
        raise ValidationError(f"The {label} has more than {abs(places.as_tuple().exponent)} decimals: {value}.",
                              field)
    return number


def _regions(value: Any) -> str | None:
    """Comma-separated region names, de-duplicated in the order given (``华北, 华东``)."""
    if value is None:
        return None
    parts = value.replace("，", ",").split(",") if isinstance(value, str) else list(value)
    names = list(dict.fromkeys(p.strip() for p in parts if str(p).strip()))
    return text_input(", ".join(names), "regions", "regions", 255, required=False)


# -- partners --------------------------------------------------------------------------------
def partner_by_code(session: Session, code: str | None, *, active_only: bool = True,
                    field: str = "partner_code") -> Partner:
    """The partner with ``code`` (any case); a ValidationError on ``field`` when there is no (active) one."""
    wanted = (code or "").strip().upper()
    partner = session.scalar(select(Partner).where(Partner.code == wanted)) if wanted else None
    if partner is None or (active_only and not partner.active):
        raise ValidationError(f"There is no {'active ' if active_only else ''}partner {code or '(empty)'}; "
                              "pick one from the list.", field)
    return partner


def create_partner(app: AppContext, actor: Actor, *, code: str, name: str, level: str, regions=None) -> int:
    """Register a service partner; returns its id. Codes are upper-case and unique; ``regions`` is a
    comma-separated text or a list of region names."""
    code = code_input(code, "code", "partner code", 32)
    values = _partner_values({"name": name, "level": level, "regions": regions, "active": True})
    with app.unit_of_work(actor, EDIT) as work:
        if access.own_partner_id(work.session, actor) is not None:
            raise ValidationError("A partner's user cannot register other partners.", "code")
        if work.session.scalar(select(Partner.id).where(Partner.code == code)) is not None:
            raise ValidationError(f"Partner code {code} is taken; choose another.", "code")
        partner = Partner(code=code, **values)
        work.session.add(partner)
        work.session.flush()
        work.audit("partner.create", "partner", code, {**values, "active": True})
        return partner.id


def update_partner(app: AppContext, actor: Actor, partner_id: int, *, expected_version: int, **changes) -> int:
    """Change a partner's ``name``, ``level``, ``regions`` or ``active``; returns the new version."""
    unknown = sorted(set(changes) - set(PARTNER_FIELDS))
    if unknown:
        raise ValidationError(f"A partner has no editable field {', '.join(unknown)}; editable fields: "
                              f"{', '.join(PARTNER_FIELDS)}.", unknown[0])
    with app.unit_of_work(actor, EDIT) as work:
        partner = work.session.get(Partner, partner_id)
        if partner is None:
            raise NotFound(f"Partner {partner_id} does not exist any more; reload the list.")
        access.require_partner(work.session, actor, partner.id, f"Partner {partner.code}")
        if partner.version != expected_version:
            raise StaleEditError(f"Partner {partner.code}")
        before = {name: getattr(partner, name) for name in PARTNER_FIELDS}
        after = _partner_values({**before, **changes})
        for name, value in after.items():
            setattr(partner, name, value)
        work.session.flush()
        work.audit("partner.update", "partner", partner.code,
                   {k: [before[k], after[k]] for k in PARTNER_FIELDS if before[k] != after[k]})
        return partner.version


def _partner_values(values: dict[str, Any]) -> dict[str, Any]:
    """The checked name, level, regions and active flag of a partner."""
    level = str(values["level"] or "").strip().lower()
    if level not in LEVELS:
        raise ValidationError(f"'{values['level']}' is not a partner level; use one of {', '.join(LEVELS)}.", "level")
    return {"name": text_input(values["name"], "name", "partner's name", 255), "level": level,
            "regions": _regions(values["regions"]), "active": bool(values["active"])}


# -- engineers -------------------------------------------------------------------------------
def add_engineer(app: AppContext, actor: Actor, *, partner_code: str, code: str, name: str,
                 phone: str | None = None) -> int:
    """Add a field engineer to a partner; returns the engineer's id. Engineer codes are unique network-wide."""
    code = code_input(code, "code", "engineer code", 32)
    name = text_input(name, "name", "engineer's name", 128)
    phone = text_input(phone, "phone", "phone number", 32, required=False)
    with app.unit_of_work(actor, EDIT) as work:
        partner = partner_by_code(work.session, partner_code)
        access.require_partner(work.session, actor, partner.id, f"Partner {partner.code}")
        if work.session.scalar(select(Engineer.id).where(Engineer.code == code)) is not None:
            raise ValidationError(f"Engineer code {code} is taken; choose another.", "code")
        engineer = Engineer(partner_id=partner.id, code=code, name=name, phone=phone, active=True)
        work.session.add(engineer)
        work.session.flush()
        work.audit("engineer.create", "engineer", code, {"partner": partner.code, "name": name, "phone": phone})
        return engineer.id


def engineer_of(session: Session, partner: Partner, code: str | None, field: str = "engineer_code") -> Engineer | None:
    """The partner's active engineer ``code`` (None for an empty code); a ValidationError otherwise."""
    wanted = (code or "").strip().upper()
    if not wanted:
        return None
    engineer = session.scalar(select(Engineer).where(Engineer.code == wanted))
    if engineer is None or engineer.partner_id != partner.id or not engineer.active:
        raise ValidationError(f"{partner.code} has no active engineer {wanted}; pick one of its engineers.", field)
    return engineer


# -- rate cards ------------------------------------------------------------------------------
def set_rate_card(app: AppContext, actor: Actor, *, partner_code: str, valid_from: date, valid_to: date | None = None,
                  labour_l1, labour_l2, labour_l3, free_radius_km, travel_per_km, parts_handling) -> int:
    """Add a partner's rate card valid from ``valid_from`` to ``valid_to`` (inclusive; None: open-ended);
    returns its id.

    Validity periods never overlap. An open-ended card that started earlier is ended the day
    before the new one starts (that change is audited); any other overlap is refused.
    """
    if not isinstance(valid_from, date):
        raise ValidationError("Enter the date the rate card is valid from.", "valid_from")
    if valid_to is not None and valid_to < valid_from:
        raise ValidationError(f"The rate card ends ({valid_to}) before it starts ({valid_from}); "
                              "check the dates.", "valid_to")
    rates = {"labour_l1": amount_input(labour_l1, "labour_l1", "L1 labour rate"),
             "labour_l2": amount_input(labour_l2, "labour_l2", "L2 labour rate"),
             "labour_l3": amount_input(labour_l3, "labour_l3", "L3 labour rate"),
             "free_radius_km": amount_input(free_radius_km, "free_radius_km", "free radius (km)", Decimal("0.1")),
             "travel_per_km": amount_input(travel_per_km, "travel_per_km", "travel rate per km"),
             "parts_handling": amount_input(parts_handling, "parts_handling", "parts handling fee")}
    with app.unit_of_work(actor, EDIT) as work:
        session = work.session
        partner = partner_by_code(session, partner_code, active_only=False)
        access.require_partner(session, actor, partner.id, f"Partner {partner.code}")
        cards = session.scalars(select(RateCard).where(RateCard.partner_id == partner.id)
                                .order_by(RateCard.valid_from)).all()
        for card in cards:
            if card.valid_to is None and card.valid_from < valid_from:
                work.audit("rate_card.end", "rate_card", card.id,
                           {"partner": partner.code, "valid_to": [None, str(valid_from - timedelta(days=1))]})
                card.valid_to = valid_from - timedelta(days=1)
            if card.valid_from <= (valid_to or date.max) and valid_from <= (card.valid_to or date.max):
                until = card.valid_to or "open-ended"
                raise ValidationError(f"{partner.code} already has a rate card valid {card.valid_from} to {until}; "
                                      "rate cards may not overlap: choose other dates.", "valid_from")
        card = RateCard(partner_id=partner.id, valid_from=valid_from, valid_to=valid_to, **rates)
        session.add(card)
        session.flush()
        work.audit("rate_card.create", "rate_card", card.id,
                   {"partner": partner.code, "valid_from": str(valid_from), "valid_to": str(valid_to) if valid_to
                    else None, **{k: str(v) for k, v in rates.items()}})
        return card.id


def rate_card_on(session: Session, partner_id: int, day: date) -> RateCard | None:
    """The partner's rate card valid on ``day``, or None."""
    return session.scalar(select(RateCard).where(
        RateCard.partner_id == partner_id, RateCard.valid_from <= day,
        (RateCard.valid_to.is_(None)) | (RateCard.valid_to >= day)))


# -- service centres -------------------------------------------------------------------------
def centres_of(session: Session, partner_id: int) -> list[ServiceCentre]:
    """The partner's service centres (core's directory rows carrying its code), by code."""
    return list(session.scalars(select(ServiceCentre).join(Partner, Partner.code == ServiceCentre.partner_code)
                                .where(Partner.id == partner_id).order_by(ServiceCentre.code)))
