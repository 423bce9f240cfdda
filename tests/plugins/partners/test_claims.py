"""Claims: computed from the rate card, edited only with a reason, reviewed, isolated per partner.

``partner_with_card`` and ``finished_order`` build the rows the claims need; the other claims-side
test modules import them.
"""

from __future__ import annotations

import json
import threading
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select, update

from console.api import PermissionDenied, StaleEditError, ValidationError, utcnow
from plugins.partners import claims, network
from plugins.partners.claims import PartLine
from plugins.partners.models import Claim, ClaimPart, OrderStep, Partner, ServiceOrder
from tests.plugins import unique


def partner_with_card(app, admin, *, valid_from=date(2020, 1, 1), **rates) -> str:
    """A new partner with an open-ended rate card: L1 100, L2 200, L3 350, 30 km free, 2.50/km, 15 per part."""
    code = unique("P")
    network.create_partner(app, admin, code=code, name=f"服务商 {code}", level="gold", regions="华北")
    card = {"labour_l1": Decimal(100), "labour_l2": Decimal(200), "labour_l3": Decimal(350),
            "free_radius_km": Decimal(30), "travel_per_km": Decimal("2.50"), "parts_handling": Decimal(15), **rates}
    network.set_rate_card(app, admin, partner_code=code, valid_from=valid_from, **card)
    return code


PATHS = {"fixed": ("fixed",), "incomplete": ("incomplete",), "confirmed": ("fixed", "confirmed"),
         "closed": ("fixed", "confirmed", "closed")}


def finished_order(app, partner_code, *, status="fixed", distance_km="80", repair_level="L2", days_ago=3,
                   asset_id=None) -> str:
    """A service order that went dispatched → … → ``status`` ``days_ago`` days ago (rows built directly)."""
    with app.session() as session:
        partner = session.scalar(select(Partner).where(Partner.code == partner_code))
        partner.last_order_seq += 1
        start = utcnow().replace(microsecond=0) - timedelta(days=days_ago, hours=6)
        order = ServiceOrder(number=f"{partner.code}-{partner.last_order_seq:06d}", partner_id=partner.id,
                             status=status, source="manual", repair_level=repair_level, asset_id=asset_id,
                             distance_km=Decimal(distance_km) if distance_km is not None else None,
                             dispatched_at=start, accept_due_at=start + timedelta(minutes=30),
                             arrive_due_at=start + timedelta(hours=4), fix_due_at=start + timedelta(hours=24))
        session.add(order)
        session.flush()
        steps = ["dispatched", "accepted", "departed", "arrived", *PATHS.get(status, ())]
        for n, step in enumerate(steps[:steps.index(status) + 1]):
            session.add(OrderStep(order_id=order.id, step=step, at=start + timedelta(hours=n), recorded_by="test",
                                  recorded_at=start + timedelta(hours=n)))
        return order.number


def row(app, number) -> Claim:
    with app.session() as session:
        return session.scalar(select(Claim).where(Claim.number == number))


def to_review(app, number) -> int:
    """What the rules' run does to a submitted claim; returns its version."""
    with app.session() as session:
        session.execute(update(Claim).where(Claim.number == number)
                        .values(status="in_review", version=Claim.version + 1))
    return row(app, number).version


@pytest.fixture
def partner(app, admin) -> str:
    return partner_with_card(app, admin)


def test_compute_pays_labour_by_level_travel_beyond_the_radius_and_handling_per_line(app, admin, partner):
    number = finished_order(app, partner, repair_level="L3", distance_km="80")
    with app.session() as session:
        order = session.scalar(select(ServiceOrder).where(ServiceOrder.number == number))
        amounts = claims.compute(session, order, parts_lines=2, service_date=date.today())
        near = claims.compute(session, order, parts_lines=[], service_date=date.today(), distance_km=Decimal(12))
    assert (amounts.labour, amounts.travel, amounts.parts, amounts.total) == (350, Decimal("125.00"), 30, 505)
    assert (near.travel, near.total) == (0, 350)


def test_compute_names_the_missing_rate_card(app, admin):
    code = partner_with_card(app, admin, valid_from=date.today() - timedelta(days=1))
    number = finished_order(app, code)
    with app.session() as session, pytest.raises(ValidationError, match="no rate card valid on 2019-05-01"):
        order = session.scalar(select(ServiceOrder).where(ServiceOrder.number == number))
        claims.compute(session, order, parts_lines=0, service_date=date(2019, 5, 1))


def test_submit_numbers_claims_per_order_and_records_parts_and_history(app, admin, partner):
    number = finished_order(app, partner, distance_km="50")
    first = claims.submit_claim(app, admin, order_number=number.lower(), travel_km="70",
                                parts=[PartLine("hdd-600", 1, "SNNEW1", "SNOLD1"), ("PSU-800", 2)],
                                other="30", other_note="停车费 parking", external_ref="EXT-1")
    second = claims.submit_claim(app, admin, order_number=number, claimed={"labour": "180"})
    assert (first, second) == (f"{number}-C1", f"{number}-C2")
    claim = row(app, first)
    # rate card: 200 labour, (50-30)*2.5 = 50 travel, 2 lines * 15 = 30; claimed travel (70-30)*2.5 = 100
    assert (claim.status, claim.computed_amount, claim.travel, claim.amount) == ("submitted", 280, 100, 360)
    assert claim.travel_km == 70 and claim.service_date < date.today()
    assert row(app, second).amount == 180 + 50 and row(app, second).computed_amount == 250
    with app.session() as session:
        assert claims.claim_parts(session, claim.id) == [PartLine("HDD-600", 1, "SNNEW1", "SNOLD1"),
                                                         PartLine("PSU-800", 2)]
        entries = claims.history(session, first)
    assert [e.action for e in entries] == ["submitted"] and entries[0].detail["parts"][0] == "HDD-600:1:SNNEW1:SNOLD1"


@pytest.mark.parametrize(("fields", "message"), [
    ({"other": "20"}, "what the other fees are for"),
    ({"travel_km": "-3"}, "zero or more"),
    ({"parts": [("", 1)]}, "needs a part number"),
    ({"parts": [("X", 0)]}, "at least 1"),
    ({"claimed": {"bonus": 5}}, "not bonus"),
    ({"service_date": date.today() + timedelta(days=2)}, "in the future"),
])
def test_bad_claims_are_refused(app, admin, partner, fields, message):
    number = finished_order(app, partner)
    with pytest.raises(ValidationError, match=message):
        claims.submit_claim(app, admin, order_number=number, **fields)


def test_only_finished_orders_of_ones_own_partner_are_claimed(app, admin, make_actor, partner):
    with pytest.raises(ValidationError, match="is arrived"):
        claims.submit_claim(app, admin, order_number=finished_order(app, partner, status="arrived"))
    for status in ("incomplete", "confirmed", "closed"):
        claims.submit_claim(app, admin, order_number=finished_order(app, partner, status=status))
    other = partner_with_card(app, admin)
    theirs = finished_order(app, other)
    own_user = make_actor("engineer", partner_code=partner)
    with pytest.raises(PermissionDenied, match="another partner"):
        claims.submit_claim(app, own_user, order_number=theirs)
    mine = claims.submit_claim(app, own_user, order_number=finished_order(app, partner))
    with pytest.raises(PermissionDenied, match="another partner"):
        with app.session() as session:
            claims.get_claim(session, make_actor("engineer", partner_code=other), mine)
    with pytest.raises(PermissionDenied, match="partners.claim"):
        claims.submit_claim(app, make_actor("read_only"), order_number=finished_order(app, partner))


def test_external_references_are_unique_per_partner(app, admin, partner):
    claims.submit_claim(app, admin, order_number=finished_order(app, partner), external_ref="R-9")
    with pytest.raises(ValidationError, match="already claimed its reference R-9"):
        claims.submit_claim(app, admin, order_number=finished_order(app, partner), external_ref="R-9")


def test_edits_need_a_reason_record_every_field_and_reopen_a_decided_claim(app, admin, partner):
    number = claims.submit_claim(app, admin, order_number=finished_order(app, partner), travel_km="80")
    version = row(app, number).version
    with pytest.raises(ValidationError, match="Say why"):
        claims.edit_claim(app, admin, number, expected_version=version, reason=" ", labour="150")
    with pytest.raises(ValidationError, match="cannot be edited"):
        claims.edit_claim(app, admin, number, expected_version=version, reason="x", status="approved")
    version = claims.edit_claim(app, admin, number, expected_version=version, reason="客户只付了一半 half",
                                labour="150", part_lines=[("FAN-1", 1, "N1", "O1")])
    claim = row(app, number)
    assert (claim.labour, claim.amount, claim.computed_amount) == (150, 150 + 125 + 0, 200 + 125 + 15)
    with pytest.raises(StaleEditError):
        claims.edit_claim(app, admin, number, expected_version=version - 1, reason="again", labour="1")
    version = to_review(app, number)
    claims.approve(app, admin, number, expected_version=version)
    claims.edit_claim(app, admin, number, expected_version=row(app, number).version, reason="wrong date",
                      service_date=date.today() - timedelta(days=5))
    claim = row(app, number)
    assert (claim.status, claim.approved_amount, claim.decided_by) == ("submitted", None, None)
    with app.session() as session:
        entries = claims.history(session, number)
    assert [e.action for e in entries] == ["submitted", "edited", "approved", "edited"]
    assert entries[1].detail["changes"]["labour"] == ["200.00", "150.00"]
    assert entries[1].detail["changes"]["part_lines"] == [[], ["FAN-1:1:N1:O1"]]
    assert entries[3].detail["reopened_from"] == "approved" and entries[3].detail["reason"] == "wrong date"
    with app.session() as session:
        assert session.scalar(select(ClaimPart.part_number).where(ClaimPart.claim_id == claim.id)) == "FAN-1"


def test_settled_claims_never_change(app, admin, partner):
    number = claims.submit_claim(app, admin, order_number=finished_order(app, partner))
    with app.session() as session:
        session.execute(update(Claim).where(Claim.number == number).values(status="settled"))
    with pytest.raises(ValidationError, match="is settled and can no longer change"):
        claims.edit_claim(app, admin, number, expected_version=None, reason="late fix", other="5", other_note="x")


def test_review_decides_only_claims_in_review_with_notes_where_needed(app, admin, make_actor, partner):
    numbers = [claims.submit_claim(app, admin, order_number=finished_order(app, partner)) for _ in range(3)]
    with pytest.raises(ValidationError, match="only a claim in review"):
        claims.approve(app, admin, numbers[0], expected_version=None)
    versions = [to_review(app, n) for n in numbers]
    auditor = make_actor("partner_auditor")
    with pytest.raises(PermissionDenied, match="partners.review"):
        claims.approve(app, make_actor("back_office"), numbers[0], expected_version=versions[0])
    with pytest.raises(ValidationError, match="Say why the claim is adjusted"):
        claims.adjust(app, auditor, numbers[1], expected_version=versions[1], amount="100", note="")
    with pytest.raises(ValidationError, match="Say why the claim is rejected"):
        claims.reject(app, auditor, numbers[2], expected_version=versions[2], note=None)
    with pytest.raises(ValidationError, match="approve the claim instead"):
        claims.adjust(app, auditor, numbers[1], expected_version=versions[1], amount=row(app, numbers[1]).amount,
                      note="same")
    claims.approve(app, auditor, numbers[0], expected_version=versions[0], note="ok")
    claims.adjust(app, auditor, numbers[1], expected_version=versions[1], amount="199.50", note="distance inflated")
    claims.reject(app, auditor, numbers[2], expected_version=versions[2], note="duplicate")
    approved, adjusted, rejected = (row(app, n) for n in numbers)
    assert (approved.status, approved.approved_amount, approved.decided_by) == ("approved", approved.amount,
                                                                                auditor.username)
    assert (adjusted.status, adjusted.approved_amount, adjusted.decision_note) == ("adjusted", Decimal("199.50"),
                                                                                   "distance inflated")
    assert (rejected.status, rejected.approved_amount) == ("rejected", None)
    with pytest.raises(ValidationError, match="approved; only a claim in review"):
        claims.reject(app, auditor, numbers[0], expected_version=None, note="changed my mind")
    with app.session() as session:
        assert json.loads(json.dumps(claims.history(session, numbers[1])[-1].detail))["approved_amount"] == "199.50"


def test_part_lines_are_parsed_from_text():
    assert claims.parse_parts("hdd-1:2:NEW:OLD; PSU-2 ；FAN：1：：OLD3") == [
        PartLine("HDD-1", 2, "NEW", "OLD"), PartLine("PSU-2", 1), PartLine("FAN", 1, None, "OLD3")]
    with pytest.raises(ValidationError, match="not a whole number"):
        claims.parse_parts("X:two")
    with pytest.raises(ValidationError, match="more than four"):
        claims.parse_parts("A:1:B:C:D")


def test_concurrent_claims_on_one_order_get_distinct_numbers(app, admin, partner):
    number = finished_order(app, partner)
    made = []
    threads = [threading.Thread(target=lambda: made.append(claims.submit_claim(app, admin, order_number=number)))
               for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(made) == [f"{number}-C{n}" for n in range(1, 5)]
