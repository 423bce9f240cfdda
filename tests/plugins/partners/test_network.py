"""The partner network: partners, engineers, rate cards with validity dates, and their service centres."""

from datetime import date
from decimal import Decimal

import pytest

from console.api import PermissionDenied, ServiceCentre, StaleEditError, ValidationError
from plugins.partners import network
from plugins.partners.models import Partner
from tests.plugins import unique

RATES = {"labour_l1": "80", "labour_l2": "150.50", "labour_l3": "300", "free_radius_km": "30",
         "travel_per_km": "1.20", "parts_handling": "15"}


@pytest.fixture
def partner(app, admin) -> str:
    code = unique("BJ")
    network.create_partner(app, admin, code=code.lower(), name="北京信达技术服务有限公司", level="gold",
                           regions="华北，华东, 华北")
    return code


def load(app, code) -> Partner:
    with app.session() as session:
        return network.partner_by_code(session, code, active_only=False)


def test_a_partner_is_registered_with_its_regions(app, partner):
    row = load(app, partner)
    assert (row.code, row.level, row.regions, row.active, row.last_order_seq) == (partner, "gold", "华北, 华东", True, 0)


@pytest.mark.parametrize(("fields", "field"), [
    ({"code": " "}, "code"), ({"code": "X" * 33}, "code"), ({"name": ""}, "name"), ({"level": "platinum"}, "level"),
])
def test_bad_partners_are_refused(app, admin, fields, field):
    with pytest.raises(ValidationError) as raised:
        network.create_partner(app, admin, **{"code": unique("P"), "name": "Partner", "level": "silver", **fields})
    assert raised.value.field == field


def test_partner_codes_are_unique(app, admin, partner):
    with pytest.raises(ValidationError, match="is taken"):
        network.create_partner(app, admin, code=partner.lower(), name="Again", level="silver")


def test_a_partner_is_edited_with_its_version(app, admin, partner):
    row = load(app, partner)
    version = network.update_partner(app, admin, row.id, expected_version=row.version, level="silver",
                                     regions=["华南"], active=False)
    changed = load(app, partner)
    assert (changed.level, changed.regions, changed.active, changed.version) == ("silver", "华南", False, version)
    with pytest.raises(StaleEditError):
        network.update_partner(app, admin, row.id, expected_version=row.version, name="Stale")
    with pytest.raises(ValidationError, match="no editable field code"):
        network.update_partner(app, admin, row.id, expected_version=version, code="OTHER")


def test_engineers_belong_to_one_partner_and_codes_are_unique(app, admin, partner):
    code = unique("E")
    network.add_engineer(app, admin, partner_code=partner, code=code.lower(), name="王工", phone="13800000000")
    with pytest.raises(ValidationError, match="is taken"):
        network.add_engineer(app, admin, partner_code=partner, code=code, name="李工")
    with pytest.raises(ValidationError, match="no active partner"):
        network.add_engineer(app, admin, partner_code="NOBODY", code=unique("E"), name="李工")
    with app.session() as session:
        other = network.partner_by_code(session, partner)
        assert network.engineer_of(session, other, code.lower()).name == "王工"
        assert network.engineer_of(session, other, "") is None
        with pytest.raises(ValidationError, match="no active engineer"):
            network.engineer_of(session, other, "NOBODY")


def test_rate_cards_never_overlap_and_an_open_one_is_ended_by_its_successor(app, admin, partner):
    first = network.set_rate_card(app, admin, partner_code=partner, valid_from=date(2026, 1, 1), **RATES)
    second = network.set_rate_card(app, admin, partner_code=partner, valid_from=date(2026, 7, 1),
                                   **{**RATES, "labour_l2": "160"})
    row = load(app, partner)
    with app.session() as session:
        assert network.rate_card_on(session, row.id, date(2025, 12, 31)) is None
        june = network.rate_card_on(session, row.id, date(2026, 6, 30))
        assert (june.id, june.valid_to, june.labour_l2) == (first, date(2026, 6, 30), Decimal("150.50"))
        assert network.rate_card_on(session, row.id, date(2027, 1, 1)).id == second
    with pytest.raises(ValidationError, match="may not overlap"):
        network.set_rate_card(app, admin, partner_code=partner, valid_from=date(2026, 3, 1),
                              valid_to=date(2026, 8, 1), **RATES)
    with pytest.raises(ValidationError, match="ends .* before it starts"):
        network.set_rate_card(app, admin, partner_code=partner, valid_from=date(2025, 3, 1),
                              valid_to=date(2025, 2, 1), **RATES)


@pytest.mark.parametrize(("field", "value", "message"), [
    ("labour_l1", "-1", "zero or more"), ("travel_per_km", "1.234", "more than 2 decimals"),
    ("parts_handling", "abc", "exact number"), ("free_radius_km", "10.25", "more than 1 decimals"),
])
def test_bad_rates_are_refused(app, admin, partner, field, value, message):
    with pytest.raises(ValidationError, match=message) as raised:
        network.set_rate_card(app, admin, partner_code=partner, valid_from=date(2024, 1, 1),
                              **{**RATES, field: value})
    assert raised.value.field == field


def test_centres_are_core_directory_rows_with_the_partners_code(app, partner):
    with app.session() as session:
        session.add_all([ServiceCentre(code=unique("SC"), name="北京站", latitude=39.9, longitude=116.4,
                                       partner_code=partner),
                         ServiceCentre(code=unique("SC"), name="Somebody else", latitude=31.2, longitude=121.5,
                                       partner_code=unique("X"))])
    row = load(app, partner)
    with app.session() as session:
        assert [c.name for c in network.centres_of(session, row.id)] == ["北京站"]
        assert network.centres_of(session, -1) == []


def test_a_partners_user_touches_only_its_own_partner(app, admin, make_actor, partner):
    other = unique("SH")
    network.create_partner(app, admin, code=other, name="上海", level="authorised")
    clerk = make_actor("back_office", partner_code=partner)
    network.add_engineer(app, clerk, partner_code=partner, code=unique("E"), name="自己的工程师")
    with pytest.raises(PermissionDenied, match="another partner"):
        network.add_engineer(app, clerk, partner_code=other, code=unique("E"), name="别人的工程师")
    row = load(app, other)
    with pytest.raises(PermissionDenied, match="another partner"):
        network.update_partner(app, clerk, row.id, expected_version=row.version, name="Taken over")
    with pytest.raises(ValidationError, match="cannot register"):
        network.create_partner(app, clerk, code=unique("P"), name="New", level="gold")


def test_readers_may_not_maintain_the_network(app, make_actor):
    with pytest.raises(PermissionDenied, match="partners.edit"):
        network.create_partner(app, make_actor("partner_auditor"), code=unique("P"), name="P", level="gold")
