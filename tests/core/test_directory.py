"""Directory services: validation, permissions, optimistic locking, distances, entitlement, caller lookup."""

from __future__ import annotations

import json
import uuid
from datetime import date, timedelta
from decimal import Decimal

import pytest
from console.core import audit, directory
from console.core.db import session_scope
from console.core.errors import NotFound, PermissionDenied, StaleEditError, ValidationError
from console.core.models import Customer, Site

TODAY = date(2026, 6, 15)


def tag(prefix: str = "") -> str:
    return f"{prefix}{uuid.uuid4().hex[:10].upper()}"


@pytest.fixture
def clerk(make_actor):
    return make_actor("back_office")


@pytest.fixture
def customer(app, clerk):
    return directory.create_customer(app, clerk, code=tag("C"), name=f"Acme Logistics {tag()}",
                                      phone=f"010{uuid.uuid4().int % 10**8:08d}")


def make_contract(app, actor, customer_id, **fields) -> int:
    values = {"number": tag("SC"), "customer_id": customer_id, "level": "gold",
              "starts_on": TODAY - timedelta(days=100), "ends_on": TODAY + timedelta(days=100), **fields}
    return directory.create_contract(app, actor, **values)


def make_asset(app, actor, customer_id, **fields) -> int:
    values = {"serial": tag("SN"), "model": "PowerEdge R750", "product": "Dell PowerEdge server",
              "customer_id": customer_id, **fields}
    return directory.create_asset(app, actor, **values)


# -- permissions -----------------------------------------------------------------------------
@pytest.mark.parametrize("role", ["engineer", "read_only", "timesheet_reviewer", "partner_auditor"])
def test_only_directory_editors_write(app, make_actor, customer, role):
    actor = make_actor(role)
    calls = [
        lambda: directory.create_customer(app, actor, code=tag("C"), name="X"),
        lambda: directory.update_customer(app, actor, customer, expected_version=1, name="Y"),
        lambda: directory.create_site(app, actor, customer_id=customer, name="HQ"),
        lambda: make_contract(app, actor, customer),
        lambda: make_asset(app, actor, customer),
        lambda: directory.create_centre(app, actor, code=tag("SC"), name="X", latitude=1, longitude=1),
        lambda: directory.update_site(app, actor, 1, expected_version=1, name="Y"),
        lambda: directory.update_contract(app, actor, 1, expected_version=1, level="gold"),
        lambda: directory.update_asset(app, actor, 1, expected_version=1, model="Y"),
        lambda: directory.update_centre(app, actor, 1, expected_version=1, name="Y"),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied, match="does not have the permission 'core.directory.edit'"):
            call()


@pytest.mark.parametrize("role", ["admin", "back_office", "team_lead"])
def test_directory_editors_may_write(app, make_actor, role):
    assert directory.create_customer(app, make_actor(role), code=tag("C"), name="中国工商银行北京分行") > 0


# -- customers and optimistic locking --------------------------------------------------------
def test_create_and_update_customer_are_audited(app, clerk):
    code = tag("C")
    customer_id = directory.create_customer(app, clerk, code=code, name=" Acme ", email="it@acme.example.com")
    assert directory.update_customer(app, clerk, customer_id, expected_version=1, name="Acme Ltd") == 2
    with app.session() as session:
        row = session.get(Customer, customer_id)
        assert (row.code, row.name, row.email, row.version) == (code, "Acme Ltd", "it@acme.example.com", 2)
        entries = audit.history(session, "customer", customer_id)
    assert [e.action for e in entries] == ["customer.create", "customer.update"]
    assert json.loads(entries[1].detail) == {"name": ["Acme", "Acme Ltd"]}


def test_duplicate_customer_code_is_refused(app, clerk):
    code = tag("C")
    directory.create_customer(app, clerk, code=code, name="First Bank")
    with pytest.raises(ValidationError, match=f"Customer code '{code}' is already in use by First Bank; "
                                              "choose another.") as info:
        directory.create_customer(app, clerk, code=code, name="Second Bank")
    assert info.value.field == "code"
    other = directory.create_customer(app, clerk, code=tag("C"), name="Third Bank")
    with pytest.raises(ValidationError, match="already in use"):
        directory.update_customer(app, clerk, other, expected_version=1, code=code)


@pytest.mark.parametrize("fields, message, field", [
    ({"name": "  "}, "Customer name is required.", "name"),
    ({"code": ""}, "Customer code is required.", "code"),
    ({"code": "X" * 33}, "Customer code is too long: at most 32 characters.", "code"),
    ({"email": "nope"}, "'nope' is not an e-mail address", "email"),
])
def test_customer_validation(app, clerk, fields, message, field):
    with pytest.raises(ValidationError, match=message) as info:
        directory.create_customer(app, clerk, **{"code": tag("C"), "name": "N", **fields})
    assert info.value.field == field


def test_a_stale_expected_version_is_refused(app, clerk, customer):
    directory.update_customer(app, clerk, customer, expected_version=1, name="Saved by the first clerk")
    with pytest.raises(StaleEditError, match="This customer was changed by someone else"):
        directory.update_customer(app, clerk, customer, expected_version=1, name="Saved by the second clerk")
    with app.session() as session:
        assert session.get(Customer, customer).name == "Saved by the first clerk"


def test_two_sessions_editing_one_customer_the_second_gets_stale_edit_error(app, customer):
    first, second = app.sessions(), app.sessions()
    try:  # both clerks open the form (version 1); neither holds a transaction while editing
        mine = first.get(Customer, customer)
        first.commit()
        theirs = second.get(Customer, customer)
        second.commit()
        mine.name = "First clerk's name"
        first.commit()
        theirs.name = "Second clerk's name"
        with pytest.raises(StaleEditError):
            with session_scope(lambda: second):
                pass
    finally:
        first.close()
        second.close()
    with app.session() as session:
        assert session.get(Customer, customer).name == "First clerk's name"


def test_update_refuses_unknown_fields_and_missing_rows(app, clerk, customer):
    with pytest.raises(ValidationError, match="A customer has no field colour; editable fields: code, name"):
        directory.update_customer(app, clerk, customer, expected_version=1, colour="red")
    with pytest.raises(NotFound, match="does not exist any more"):
        directory.update_customer(app, clerk, 10**9, expected_version=1, name="x")


# -- sites and centres -----------------------------------------------------------------------
def test_site_coordinates_are_stored_exactly(app, clerk, customer):
    site_id = directory.create_site(app, clerk, customer_id=customer, name="数据中心 Data centre",
                                    city="Beijing", latitude="39.9042", longitude=Decimal("116.4074123"))
    with app.session() as session:
        site = session.get(Site, site_id)
        assert (site.latitude, site.longitude) == (Decimal("39.904200"), Decimal("116.407412"))
    assert directory.update_site(app, clerk, site_id, expected_version=1, latitude=None, longitude=None) == 2


@pytest.mark.parametrize("lat, lon, message, field", [
    (91, 100, "Latitude must be a number of degrees between -90 and 90. 91 is out of range.", "latitude"),
    (-90.5, 100, "Latitude must be a number of degrees between -90 and 90.", "latitude"),
    (30, 181, "Longitude must be a number of degrees between -180 and 180. 181 is out of range.", "longitude"),
    (30, "east", "Longitude must be a number of degrees between -180 and 180.", "longitude"),
    (30, None, "Give both latitude and longitude, or neither.", "longitude"),
    (None, 100, "Give both latitude and longitude, or neither.", "latitude"),
])
def test_site_coordinate_validation(app, clerk, customer, lat, lon, message, field):
    with pytest.raises(ValidationError, match=message.replace(".", r"\.")) as info:
        directory.create_site(app, clerk, customer_id=customer, name="HQ", latitude=lat, longitude=lon)
    assert info.value.field == field


def test_a_site_needs_an_existing_customer(app, clerk):
    with pytest.raises(ValidationError, match="Choose an existing customer."):
        directory.create_site(app, clerk, customer_id=10**9, name="HQ")


def test_centres_need_coordinates_and_a_unique_code(app, clerk):
    code = tag("SC")
    directory.create_centre(app, clerk, code=code, name="北京服务中心", latitude=39.9, longitude=116.4)
    with pytest.raises(ValidationError, match=f"Centre code '{code}' is already in use by 北京服务中心"):
        directory.create_centre(app, clerk, code=code, name="Other", latitude=1, longitude=1)
    with pytest.raises(ValidationError, match=r"Give both latitude and longitude\."):
        directory.create_centre(app, clerk, code=tag("SC"), name="Nowhere", latitude=None, longitude=None)


# -- contracts and assets --------------------------------------------------------------------
@pytest.mark.parametrize("fields, message, field", [
    ({"ends_on": TODAY - timedelta(days=200)}, "The contract ends .* before it starts", "ends_on"),
    ({"max_calls": 0}, "The number of calls must be a whole number of at least 1", "max_calls"),
    ({"max_calls": "many"}, "The number of calls must be a whole number of at least 1", "max_calls"),
    ({"prepaid_balance": "-1"}, "Prepaid balance must be zero or more, with at most two decimals.",
     "prepaid_balance"),
    ({"prepaid_balance": "10.001"}, "at most two decimals", "prepaid_balance"),
    ({"prepaid_balance": "lots"}, "Prepaid balance must be an amount such as 1200.00.", "prepaid_balance"),
    ({"starts_on": "2026-13-01"}, "Start date '2026-13-01' is not a date; use YYYY-MM-DD.", "starts_on"),
    ({"level": ""}, "Service level is required.", "level"),
])
def test_contract_validation(app, clerk, customer, fields, message, field):
    with pytest.raises(ValidationError, match=message) as info:
        make_contract(app, clerk, customer, **fields)
    assert info.value.field == field


def test_duplicate_contract_number_and_serial_are_refused(app, clerk, customer):
    number, serial = tag("SC"), tag("SN")
    make_contract(app, clerk, customer, number=number)
    with pytest.raises(ValidationError, match=f"Contract number '{number}' is already in use; choose another."):
        make_contract(app, clerk, customer, number=number)
    make_asset(app, clerk, customer, serial=serial)
    with pytest.raises(ValidationError, match=f"Serial number '{serial}' is already in use; choose another."):
        make_asset(app, clerk, customer, serial=serial)


def test_asset_dates_and_ownership_are_checked(app, clerk, customer):
    other = directory.create_customer(app, clerk, code=tag("C"), name="Other customer")
    foreign_site = directory.create_site(app, clerk, customer_id=other, name="Their HQ")
    foreign_contract = make_contract(app, clerk, other)
    with pytest.raises(ValidationError, match="The warranty ends .* before the asset was installed") as info:
        make_asset(app, clerk, customer, installed_on=TODAY, warranty_end=TODAY - timedelta(days=1))
    assert info.value.field == "warranty_end"
    with pytest.raises(ValidationError, match="The site belongs to another customer"):
        make_asset(app, clerk, customer, site_id=foreign_site)
    with pytest.raises(ValidationError, match="The contract belongs to another customer"):
        make_asset(app, clerk, customer, contract_id=foreign_contract)
    asset = make_asset(app, clerk, customer, installed_on="2024-01-01", warranty_end="2027-01-01")
    assert directory.update_asset(app, clerk, asset, expected_version=1, model="PowerEdge R760") == 2


# -- distances -------------------------------------------------------------------------------
def test_haversine_matches_known_distances():
    assert directory.haversine_km(39.9042, 116.4074, 39.9042, 116.4074) == 0
    assert 1060 < directory.haversine_km(39.9042, 116.4074, 31.2304, 121.4737) < 1075  # Beijing–Shanghai
    assert 100 < directory.haversine_km(Decimal("23.1291"), Decimal("113.2644"), 22.5431, 114.0579) < 110


def test_nearest_centre_of_a_partner(app, clerk):
    partner = tag("P")
    for code, lat, lon in (("BJ", 39.90, 116.40), ("SH", 31.23, 121.47), ("GZ", 23.13, 113.26)):
        directory.create_centre(app, clerk, code=f"{partner}-{code}", name=code, latitude=lat, longitude=lon,
                                partner_code=partner)
    with app.session() as session:
        centre, km = directory.nearest_centre(session, 31.0, 121.2, partner_code=partner)
        assert centre.code == f"{partner}-SH" and 30 < km < 40
        with pytest.raises(NotFound, match="No service centre is defined for partner Q"):
            directory.nearest_centre(session, 31.0, 121.2, partner_code=tag("Q"))


def test_nearest_centre_over_all_centres(app, clerk):
    code = tag("SC")
    directory.create_centre(app, clerk, code=code, name="Antarctic base", latitude=-89.5, longitude=0)
    with app.session() as session:
        centre, km = directory.nearest_centre(session, -89.9, 45)
        assert centre.code == code and km < 60


# -- entitlement -----------------------------------------------------------------------------
def entitlement(app, asset_id, on=TODAY, calls=0, used="0"):
    with app.session() as session:
        return directory.entitlement(session, asset_id, on, calls, Decimal(used))


def test_entitlement_by_contract_until_end_date(app, clerk, customer):
    contract = make_contract(app, clerk, customer, starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 31))
    asset = make_asset(app, clerk, customer, contract_id=contract)
    covered = entitlement(app, asset, date(2026, 12, 31))
    assert covered.covered and not covered.billable and covered.contract.id == contract
    assert covered.reason.startswith("Covered by contract") and "until 2026-12-31" in covered.reason
    ended = entitlement(app, asset, date(2027, 1, 1))
    assert not ended.covered and ended.billable and "ended on 2026-12-31" in ended.reason
    early = entitlement(app, asset, date(2025, 12, 31))
    assert not early.covered and "starts on 2026-01-01" in early.reason


def test_entitlement_ends_after_n_calls_or_when_the_balance_is_used_whichever_first(app, clerk, customer):
    contract = make_contract(app, clerk, customer, max_calls=3, prepaid_balance="1000.00")
    asset = make_asset(app, clerk, customer, contract_id=contract)
    assert entitlement(app, asset, calls=2, used="999.99").covered
    by_calls = entitlement(app, asset, calls=3, used="10")
    assert not by_calls.covered and "has used all 3 calls" in by_calls.reason
    by_balance = entitlement(app, asset, calls=1, used="1000.00")
    assert not by_balance.covered and "used up its prepaid balance of 1000.00" in by_balance.reason
    assert by_balance.reason.startswith("Billable:")


def test_warranty_covers_when_there_is_no_contract(app, clerk, customer):
    serial = tag("SN")
    asset = make_asset(app, clerk, customer, serial=serial, warranty_end=TODAY)
    in_warranty = entitlement(app, asset, TODAY)
    assert in_warranty.covered and in_warranty.contract is None
    assert in_warranty.reason == f"Covered by the warranty until {TODAY} (asset {serial} has no service contract)."
    after = entitlement(app, asset, TODAY + timedelta(days=1))
    assert not after.covered and f"the warranty ended on {TODAY}" in after.reason


def test_no_contract_no_warranty_is_billable(app, clerk, customer):
    serial = tag("SN")
    asset = make_asset(app, clerk, customer, serial=serial)
    result = entitlement(app, asset)
    assert (result.covered, result.contract) == (False, None)
    assert result.reason == f"Billable: asset {serial} has no service contract."
    with pytest.raises(NotFound, match="does not exist"):
        entitlement(app, 10**9)


# -- caller lookup ---------------------------------------------------------------------------
def test_find_caller_by_phone_name_and_serial(app, clerk):
    digits = f"{uuid.uuid4().int % 10**8:08d}"
    letters = "".join(chr(ord("A") + int(c, 16)) for c in uuid.uuid4().hex[:10])  # no digits: not a phone
    name = f"上海浦东发展银行 {letters}"
    customer_id = directory.create_customer(app, clerk, code=tag("C"), name=name, phone=f"021{digits}")
    serial = tag("FOC")
    asset_id = make_asset(app, clerk, customer_id, serial=serial, model="Cisco C9300")
    with app.session() as session:
        by_phone = directory.find_caller(session, f"021-{digits[:4]} {digits[4:]}")
        assert [(m.kind, m.id) for m in by_phone] == [("customer", customer_id)]
        by_name = directory.find_caller(session, name.split()[1].lower())
        assert [(m.kind, m.id, m.title) for m in by_name] == [("customer", customer_id, name)]
        by_serial = directory.find_caller(session, serial[3:9].lower())
        assert by_serial[0].kind == "asset" and by_serial[0].id == asset_id
        assert by_serial[0].customer_id == customer_id and "Cisco C9300" in by_serial[0].subtitle
        assert directory.find_caller(session, "   ") == []
        assert directory.find_caller(session, "%_%") == []  # wildcards are matched literally


def test_the_digits_of_a_serial_are_not_a_phone_number(app, clerk):
    digits = f"{uuid.uuid4().int % 10**6:06d}"
    customer_id = directory.create_customer(app, clerk, code=tag("C"), name=tag("Phone"), phone=f"0755{digits}")
    serial = f"SNXQ{digits}ZK"
    asset_id = make_asset(app, clerk, customer_id, serial=serial, model="Huawei S5735")
    with app.session() as session:
        assert [(m.kind, m.id) for m in directory.find_caller(session, serial)] == [("asset", asset_id)]
    assert directory.phone_digits(serial) == ""
    assert directory.phone_digits("+86 (755) 1234-5678") == "8675512345678"


def test_find_caller_respects_the_limit(app, clerk):
    stem = tag("Limit")
    for n in range(4):
        directory.create_customer(app, clerk, code=tag("C"), name=f"{stem} {n}")
    with app.session() as session:
        assert len(directory.find_caller(session, stem, limit=3)) == 3
