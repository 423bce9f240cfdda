"""Shared reference data: customers (客户), sites (客户现场), service contracts (服务合同),
assets (设备) and service centres (服务中心/网点).

Writes need ``core.directory.edit`` and are audited. Updates take the ``version`` the user
loaded as ``expected_version``: a stale save raises ``StaleEditError`` instead of silently
overwriting someone else's change (the version column also guards the load-to-save window).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, Callable

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from console.core.auth import Actor
from console.core.context import AppContext
from console.core.errors import NotFound, StaleEditError, ValidationError
from console.core.models import Asset, Customer, ServiceCentre, ServiceContract, Site

EDIT = "core.directory.edit"
EARTH_RADIUS_KM = 6371.0088
_COORDINATE_STEP = Decimal("0.000001")
PHONE_PUNCTUATION = frozenset(" +-().")

Setter = Callable[[Session, Any, dict[str, Any]], None]


# -- customers -------------------------------------------------------------------------------
CUSTOMER_FIELDS = ("code", "name", "phone", "email")


def create_customer(app: AppContext, actor: Actor, *, code: str, name: str, phone: str | None = None,
                    email: str | None = None) -> int:
    """Add a customer; returns its id."""
    return _create(app, actor, Customer(), _set_customer,
                   {"code": code, "name": name, "phone": phone, "email": email})


def update_customer(app: AppContext, actor: Actor, customer_id: int, *, expected_version: int,
                    **changes: Any) -> int:
    """Change a customer's ``code``, ``name``, ``phone`` or ``email``; returns the new version."""
    return _update(app, actor, Customer, customer_id, expected_version, changes, _set_customer)


def _set_customer(session: Session, row: Customer, values: dict[str, Any]) -> None:
    row.code = _unique(session, Customer.code, row, _text(values["code"], "code", "Customer code", 32),
                       "Customer code")
    row.name = _text(values["name"], "name", "Customer name", 255)
    row.phone = _text(values["phone"], "phone", "Phone", 32, required=False)
    row.email = _email(values["email"])


# -- sites -----------------------------------------------------------------------------------
SITE_FIELDS = ("customer_id", "name", "address", "city", "latitude", "longitude")


def create_site(app: AppContext, actor: Actor, *, customer_id: int, name: str, address: str | None = None,
                city: str | None = None, latitude: Any = None, longitude: Any = None) -> int:
    """Add a customer site; give both coordinates or neither. Returns its id."""
    return _create(app, actor, Site(), _set_site, {
        "customer_id": customer_id, "name": name, "address": address, "city": city,
        "latitude": latitude, "longitude": longitude})


def update_site(app: AppContext, actor: Actor, site_id: int, *, expected_version: int, **changes: Any) -> int:
    """Change a site's fields (see ``SITE_FIELDS``); returns the new version."""
    return _update(app, actor, Site, site_id, expected_version, changes, _set_site)


def _set_site(session: Session, row: Site, values: dict[str, Any]) -> None:
    row.customer_id = _existing(session, Customer, values["customer_id"], "customer_id", "customer")
    row.name = _text(values["name"], "name", "Site name", 255)
    row.address = _text(values["address"], "address", "Address", 500, required=False)
    row.city = _text(values["city"], "city", "City", 64, required=False)
    row.latitude, row.longitude = _position(values["latitude"], values["longitude"], required=False)


# -- service contracts -----------------------------------------------------------------------
CONTRACT_FIELDS = ("number", "customer_id", "level", "starts_on", "ends_on", "max_calls", "prepaid_balance")


def create_contract(app: AppContext, actor: Actor, *, number: str, customer_id: int, level: str,
                    starts_on: date, ends_on: date, max_calls: int | None = None,
                    prepaid_balance: Any = None) -> int:
    """Add a service contract (it ends at ``ends_on``, after ``max_calls`` or when the balance is used)."""
    return _create(app, actor, ServiceContract(), _set_contract, {
        "number": number, "customer_id": customer_id, "level": level, "starts_on": starts_on,
        "ends_on": ends_on, "max_calls": max_calls, "prepaid_balance": prepaid_balance})


def update_contract(app: AppContext, actor: Actor, contract_id: int, *, expected_version: int,
                    **changes: Any) -> int:
    """Change a contract's fields (see ``CONTRACT_FIELDS``); returns the new version."""
    return _update(app, actor, ServiceContract, contract_id, expected_version, changes, _set_contract)


def _set_contract(session: Session, row: ServiceContract, values: dict[str, Any]) -> None:
    row.number = _unique(session, ServiceContract.number, row,
                         _text(values["number"], "number", "Contract number", 32), "Contract number")
    row.customer_id = _existing(session, Customer, values["customer_id"], "customer_id", "customer")
    row.level = _text(values["level"], "level", "Service level", 32)
    row.starts_on = _date(values["starts_on"], "starts_on", "Start date")
    row.ends_on = _date(values["ends_on"], "ends_on", "End date")
    if row.ends_on < row.starts_on:
        raise ValidationError(f"The contract ends ({row.ends_on}) before it starts ({row.starts_on}); "
                              "fix one of the dates.", field="ends_on")
    row.max_calls = _call_limit(values["max_calls"])
    row.prepaid_balance = _money(values["prepaid_balance"], "prepaid_balance", "Prepaid balance")


# -- assets ----------------------------------------------------------------------------------
ASSET_FIELDS = ("serial", "model", "product", "customer_id", "site_id", "contract_id", "installed_on",
                "warranty_end")


def create_asset(app: AppContext, actor: Actor, *, serial: str, model: str, product: str, customer_id: int,
                 site_id: int | None = None, contract_id: int | None = None, installed_on: date | None = None,
                 warranty_end: date | None = None) -> int:
    """Add an asset identified by its serial number; returns its id."""
    return _create(app, actor, Asset(), _set_asset, {
        "serial": serial, "model": model, "product": product, "customer_id": customer_id,
        "site_id": site_id, "contract_id": contract_id, "installed_on": installed_on,
        "warranty_end": warranty_end})


def update_asset(app: AppContext, actor: Actor, asset_id: int, *, expected_version: int, **changes: Any) -> int:
    """Change an asset's fields (see ``ASSET_FIELDS``); returns the new version."""
    return _update(app, actor, Asset, asset_id, expected_version, changes, _set_asset)


def _set_asset(session: Session, row: Asset, values: dict[str, Any]) -> None:
    row.serial = _unique(session, Asset.serial, row, _text(values["serial"], "serial", "Serial number", 64),
                         "Serial number")
    row.model = _text(values["model"], "model", "Model", 128)
    row.product = _text(values["product"], "product", "Product", 128)
    row.customer_id = _existing(session, Customer, values["customer_id"], "customer_id", "customer")
    row.site_id = _owned(session, Site, values["site_id"], row.customer_id, "site_id", "site")
    row.contract_id = _owned(session, ServiceContract, values["contract_id"], row.customer_id,
                             "contract_id", "contract")
    row.installed_on = _date(values["installed_on"], "installed_on", "Installation date", required=False)
    row.warranty_end = _date(values["warranty_end"], "warranty_end", "Warranty end", required=False)
    if row.installed_on and row.warranty_end and row.warranty_end < row.installed_on:
        raise ValidationError(f"The warranty ends ({row.warranty_end}) before the asset was installed "
                              f"({row.installed_on}); fix one of the dates.", field="warranty_end")


# -- service centres -------------------------------------------------------------------------
CENTRE_FIELDS = ("code", "name", "city", "latitude", "longitude", "partner_code")


def create_centre(app: AppContext, actor: Actor, *, code: str, name: str, latitude: Any, longitude: Any,
                  city: str | None = None, partner_code: str | None = None) -> int:
    """Add a service centre (a partner's when ``partner_code`` is given); returns its id."""
    return _create(app, actor, ServiceCentre(), _set_centre, {
        "code": code, "name": name, "city": city, "latitude": latitude, "longitude": longitude,
        "partner_code": partner_code})


def update_centre(app: AppContext, actor: Actor, centre_id: int, *, expected_version: int, **changes: Any) -> int:
    """Change a service centre's fields (see ``CENTRE_FIELDS``); returns the new version."""
    return _update(app, actor, ServiceCentre, centre_id, expected_version, changes, _set_centre)


def _set_centre(session: Session, row: ServiceCentre, values: dict[str, Any]) -> None:
    row.code = _unique(session, ServiceCentre.code, row, _text(values["code"], "code", "Centre code", 32),
                       "Centre code")
    row.name = _text(values["name"], "name", "Centre name", 255)
    row.city = _text(values["city"], "city", "City", 64, required=False)
    row.latitude, row.longitude = _position(values["latitude"], values["longitude"], required=True)
    row.partner_code = _text(values["partner_code"], "partner_code", "Partner code", 32, required=False)


# -- distance and entitlement ----------------------------------------------------------------
def haversine_km(lat1: Any, lon1: Any, lat2: Any, lon2: Any) -> float:
    """The great-circle distance in kilometres between two points given in degrees."""
    p1, p2 = math.radians(float(lat1)), math.radians(float(lat2))
    dp, dl = p2 - p1, math.radians(float(lon2) - float(lon1))
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def nearest_centre(session: Session, lat: Any, lon: Any,
                   partner_code: str | None = None) -> tuple[ServiceCentre, float]:
    """The service centre closest to a point and its distance in km (only ``partner_code``'s when given)."""
    query = select(ServiceCentre)
    if partner_code is not None:
        query = query.where(ServiceCentre.partner_code == partner_code)
    centres = session.scalars(query).all()
    if not centres:
        whose = f"partner {partner_code}" if partner_code else "the organisation"
        raise NotFound(f"No service centre is defined for {whose}; add one in the directory first.")
    return min(((c, haversine_km(lat, lon, c.latitude, c.longitude)) for c in centres), key=lambda p: p[1])


@dataclass(frozen=True)
class Entitlement:
    """Whether a call on an asset is covered; an uncovered call is still taken and flagged billable."""

    covered: bool
    contract: ServiceContract | None
    reason: str

    @property
    def billable(self) -> bool:
        """True when the call is outside entitlement."""
        return not self.covered


def entitlement(session: Session, asset_id: int, on: date, calls_used: int = 0,
                balance_used: Decimal = Decimal(0)) -> Entitlement:
    """Entitlement for a call on ``on``: the asset's contract first, else its warranty.

    ``calls_used`` and ``balance_used`` are what the contract already consumed before this call.
    A contract ends at its end date, after ``max_calls`` calls, or when its prepaid balance is
    used up — whichever comes first.
    """
    asset = session.get(Asset, asset_id)
    if asset is None:
        raise NotFound(f"Asset {asset_id} does not exist (any more); pick the asset again.")
    contract = session.get(ServiceContract, asset.contract_id) if asset.contract_id else None
    gap = _contract_gap(contract, on, calls_used, balance_used) if contract else \
        f"asset {asset.serial} has no service contract"
    if gap is None:
        return Entitlement(True, contract, f"Covered by contract {contract.number} ({contract.level}) "
                                           f"until {contract.ends_on}.")
    if asset.warranty_end is not None and on <= asset.warranty_end:
        return Entitlement(True, None, f"Covered by the warranty until {asset.warranty_end} ({gap}).")
    warranty = f"; the warranty ended on {asset.warranty_end}" if asset.warranty_end else ""
    return Entitlement(False, contract, f"Billable: {gap}{warranty}.")


def _contract_gap(contract: ServiceContract, on: date, calls_used: int, balance_used: Decimal) -> str | None:
    """Why ``contract`` does not cover a call on ``on``, or None when it does."""
    if on < contract.starts_on:
        return f"contract {contract.number} starts on {contract.starts_on}"
    if on > contract.ends_on:
        return f"contract {contract.number} ended on {contract.ends_on}"
    if contract.max_calls is not None and calls_used >= contract.max_calls:
        return f"contract {contract.number} has used all {contract.max_calls} calls"
    if contract.prepaid_balance is not None and Decimal(balance_used) >= contract.prepaid_balance:
        return f"contract {contract.number} has used up its prepaid balance of {contract.prepaid_balance}"
    return None


# -- caller lookup ---------------------------------------------------------------------------
@dataclass(frozen=True)
class CallerMatch:
    """A customer or asset that matches what a help-desk agent typed."""

    kind: str  # "customer" or "asset"
    id: int
    title: str
    subtitle: str
    customer_id: int


def find_caller(session: Session, text: str, limit: int = 20) -> list[CallerMatch]:
    """Customers whose name or code contains ``text`` (or whose phone does, when ``text`` reads as a phone
    number) and assets whose serial contains it; serials first."""
    text = text.strip()
    if not text:
        return []
    assets = session.execute(
        select(Asset.id, Asset.serial, Asset.model, Asset.customer_id, Customer.name)
        .join(Customer, Customer.id == Asset.customer_id)
        .where(Asset.serial.icontains(text, autoescape=True)).order_by(Asset.serial).limit(limit)).all()
    matches = [CallerMatch("asset", a.id, a.serial, f"{a.model} · {a.name}", a.customer_id) for a in assets]
    digits = phone_digits(text)
    conditions = [Customer.name.icontains(text, autoescape=True), Customer.code.icontains(text, autoescape=True)]
    if len(digits) >= 3:
        conditions.append(Customer.phone.contains(digits, autoescape=True))
    customers = session.execute(
        select(Customer.id, Customer.name, Customer.code, Customer.phone)
        .where(or_(*conditions)).order_by(Customer.name).limit(limit - len(matches))).all()
    matches += [CallerMatch("customer", c.id, c.name, " · ".join(filter(None, (c.code, c.phone))), c.id)
                for c in customers]
    return matches


def phone_digits(text: str) -> str:
    """The digits of ``text`` when it reads as a phone number (digits and ``+ - ( ) .`` or spaces only),
    else nothing: the digits inside a serial such as ``SN7A621FB`` are not a phone number."""
    if any(not (c.isdigit() or c in PHONE_PUNCTUATION) for c in text):
        return ""
    return "".join(c for c in text if c.isdigit())


# -- shared machinery ------------------------------------------------------------------------
def _create(app: AppContext, actor: Actor, row: Any, setter: Setter, values: dict[str, Any]) -> int:
    entity = _entity(type(row))
    with app.unit_of_work(actor, EDIT) as work:
        setter(work.session, row, values)
        work.session.add(row)
        work.session.flush()
        work.audit(f"{entity}.create", entity, row.id, _snapshot(row))
        return row.id


def _update(app: AppContext, actor: Actor, model: type, row_id: int, expected_version: int,
            changes: dict[str, Any], setter: Setter) -> int:
    entity = _entity(model)
    with app.unit_of_work(actor, EDIT) as work:
        row = work.session.get(model, row_id)
        if row is None:
            raise NotFound(f"The {entity} {row_id} does not exist any more; someone may have deleted it.")
        if row.version != expected_version:
            raise StaleEditError(f"This {entity}")
        before = _snapshot(row)
        unknown = sorted(set(changes) - set(before))
        if unknown:
            raise ValidationError(f"A {entity} has no field {', '.join(unknown)}; "
                                  f"editable fields: {', '.join(before)}.", field=unknown[0])
        setter(work.session, row, {**before, **changes})
        after = _snapshot(row)
        work.session.flush()
        work.audit(f"{entity}.update", entity, row.id,
                   {k: [before[k], after[k]] for k in before if before[k] != after[k]})
    return row.version


_KINDS: dict[type, tuple[str, tuple[str, ...]]] = {
    Customer: ("customer", CUSTOMER_FIELDS), Site: ("site", SITE_FIELDS),
    ServiceContract: ("contract", CONTRACT_FIELDS), Asset: ("asset", ASSET_FIELDS),
    ServiceCentre: ("centre", CENTRE_FIELDS),
}


def _entity(model: type) -> str:
    return _KINDS[model][0]


def _snapshot(row: Any) -> dict[str, Any]:
    """The row's editable values."""
    return {name: getattr(row, name) for name in _KINDS[type(row)][1]}


def _text(value: Any, field: str, label: str, max_length: int, *, required: bool = True) -> str | None:
    value = "" if value is None else str(value).strip()
    if not value:
        if required:
            raise ValidationError(f"{label} is required.", field=field)
        return None
    if len(value) > max_length:
        raise ValidationError(f"{label} is too long: at most {max_length} characters.", field=field)
    return value


def _email(value: Any) -> str | None:
    email = _text(value, "email", "E-mail", 254, required=False)
    if email is not None and "@" not in email:
        raise ValidationError(f"'{email}' is not an e-mail address; use the form name@example.com.",
                              field="email")
    return email


def _unique(session: Session, column, row: Any, value: str, label: str) -> str:
    model = column.class_
    query = select(model).where(column == value)
    if row.id is not None:
        query = query.where(model.id != row.id)
    clash = session.scalar(query.limit(1))
    if clash is not None:
        owner = f" by {clash.name}" if getattr(clash, "name", None) else ""
        raise ValidationError(f"{label} '{value}' is already in use{owner}; choose another.", field=column.key)
    return value


def _existing(session: Session, model: type, row_id: Any, field: str, what: str) -> int:
    if row_id is None or session.get(model, row_id) is None:
        raise ValidationError(f"Choose an existing {what}.", field=field)
    return row_id


def _owned(session: Session, model: type, row_id: Any, customer_id: int, field: str, what: str) -> int | None:
    if row_id is None:
        return None
    row = session.get(model, row_id)
    if row is None:
        raise ValidationError(f"Choose an existing {what}, or leave it empty.", field=field)
    if row.customer_id != customer_id:
        raise ValidationError(f"The {what} belongs to another customer; choose one of this customer's.",
                              field=field)
    return row_id


def _date(value: Any, field: str, label: str, *, required: bool = True) -> date | None:
    if value is None or value == "":
        if required:
            raise ValidationError(f"{label} is required.", field=field)
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ValidationError(f"{label} '{value}' is not a date; use YYYY-MM-DD.", field=field) from None


def _call_limit(value: Any) -> int | None:
    if value is None or value == "":
        return None
    text = "" if isinstance(value, (bool, float)) else str(value).strip()
    if not text.isdecimal() or int(text) < 1:
        raise ValidationError("The number of calls must be a whole number of at least 1, or empty for "
                              "no limit.", field="max_calls")
    return int(text)


def _money(value: Any, field: str, label: str) -> Decimal | None:
    if value is None or value == "":
        return None
    amount = _decimal(value, field, f"{label} must be an amount such as 1200.00.")
    if amount < 0 or amount != amount.quantize(Decimal("0.01")):
        raise ValidationError(f"{label} must be zero or more, with at most two decimals.", field=field)
    return amount


def _position(lat: Any, lon: Any, *, required: bool) -> tuple[Decimal | None, Decimal | None]:
    if lat in (None, "") and lon in (None, "") and not required:
        return None, None
    if lat in (None, "") or lon in (None, ""):
        raise ValidationError("Give both latitude and longitude" + ("." if required else ", or neither."),
                              field="latitude" if lat in (None, "") else "longitude")
    return (_coordinate(lat, "latitude", "Latitude", 90), _coordinate(lon, "longitude", "Longitude", 180))


def _coordinate(value: Any, field: str, label: str, limit: int) -> Decimal:
    message = f"{label} must be a number of degrees between -{limit} and {limit}."
    number = _decimal(value, field, message)
    if not -limit <= number <= limit:
        raise ValidationError(f"{message} {value} is out of range.", field=field)
    return number.quantize(_COORDINATE_STEP, rounding=ROUND_HALF_UP)


def _decimal(value: Any, field: str, message: str) -> Decimal:
    if isinstance(value, bool):
        raise ValidationError(message, field=field)
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValidationError(message, field=field) from None
    if not number.is_finite():
        raise ValidationError(message, field=field)
    return number
