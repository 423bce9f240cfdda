"""Claim import: all-or-nothing with row numbers, re-import changes nothing, claimed refs skipped."""

from __future__ import annotations

import csv
from decimal import Decimal

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select, update

from console.api import PermissionDenied, tables
from plugins.partners import claim_import, claims
from plugins.partners.models import Claim, ClaimPart, Partner, ServiceOrder
from tests.plugins.partners.test_claims import finished_order, partner_with_card

HEADER = ["Service order", "Partner", "Order ref", "Claim ref", "Service date", "Labour", "Travel", "Parts handling",
          "Other", "Other note", "Travel km", "Part lines"]


def write_csv(path, rows):
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


@pytest.fixture
def partner(app, admin) -> str:
    return partner_with_card(app, admin)


def claims_of(app, partner):
    with app.session() as session:
        return session.scalars(select(Claim).join(Partner, Partner.id == Claim.partner_id)
                               .where(Partner.code == partner).order_by(Claim.id)).all()


def test_a_file_is_imported_once_and_claimed_refs_are_skipped(app, admin, partner, tmp_path):
    first, second = finished_order(app, partner), finished_order(app, partner)
    with app.session() as session:
        session.execute(update(ServiceOrder).where(ServiceOrder.number == second).values(external_ref="WO-77"))
    claims.submit_claim(app, admin, order_number=first, external_ref="OLD-1")
    path = write_csv(tmp_path / "claims.csv", [
        [first, "", "", "CL-1", "2026-01-15", "180", "", "", "25", "停车 parking", "90",
         "HDD-1:1:NEW1:OLD1; PSU-2:2"],
        ["", partner.lower(), "WO-77", "CL-2", "", "", "", "", "", "", "", ""],
        [first, "", "", "OLD-1", "", "", "", "", "", "", "", ""],
    ])
    result = claim_import.import_claims(app, admin, path)
    assert (result.added, result.skipped, result.already) == (2, 1, None)
    rows = claims_of(app, partner)
    imported = rows[1]
    # labour claimed 180, travel from 90 km: (90-30)*2.5 = 150, handling 2 lines * 15, other 25
    assert (imported.external_ref, imported.labour, imported.travel, imported.parts, imported.amount) == (
        "CL-1", 180, 150, 30, Decimal(385))
    assert str(imported.service_date) == "2026-01-15" and imported.computed_amount == 200 + 125 + 30
    assert rows[2].number == f"{second}-C1" and rows[2].status == "submitted"
    with app.session() as session:
        assert session.scalar(select(func.count()).where(ClaimPart.claim_id == imported.id)) == 2
        assert [e.action for e in claims.history(session, imported.number)] == ["imported"]
    again = claim_import.import_claims(app, admin, path)
    assert again.already is not None and "already imported" in again.message()
    assert len(claims_of(app, partner)) == 3


def test_any_problem_refuses_the_whole_file_with_row_numbers(app, admin, partner, tmp_path):
    good, open_order = finished_order(app, partner), finished_order(app, partner, status="arrived")
    path = write_csv(tmp_path / "bad.csv", [
        [good, "", "", "A-1", "", "", "", "", "", "", "", ""],
        [open_order, "", "", "A-2", "", "", "", "", "", "", "", ""],
        ["", partner, "NOPE", "A-3", "", "", "", "", "", "", "", ""],
        [good, "", "", "A-1", "", "", "", "", "", "", "", ""],
        [good, "", "", "A-5", "yesterday", "", "", "", "", "", "", ""],
        [good, "", "", "A-6", "", "", "", "", "9", "", "", "X:two"],
        ["", "", "", "A-7", "", "", "", "", "", "", "", ""],
    ])
    with pytest.raises(tables.ImportRejected) as raised:
        claim_import.import_claims(app, admin, path)
    assert [p.row for p in raised.value.problems] == [6]  # cell parsing fails first, before any lookup
    path = write_csv(tmp_path / "bad2.csv", [
        [good, "", "", "A-1", "", "", "", "", "", "", "", ""],
        [open_order, "", "", "A-2", "", "", "", "", "", "", "", ""],
        ["", partner, "NOPE", "A-3", "", "", "", "", "", "", "", ""],
        [good, "", "", "A-1", "", "", "", "", "", "", "", ""],
        [good, "", "", "A-6", "", "", "", "", "9", "", "", "X:two"],
        ["", "", "", "A-7", "", "", "", "", "", "", "", ""],
    ])
    with pytest.raises(tables.ImportRejected) as raised:
        claim_import.import_claims(app, admin, path)
    problems = {p.row: str(p) for p in raised.value.problems}
    assert sorted(problems) == [3, 4, 5, 6, 7]
    assert "is arrived" in problems[3] and "no service order with reference NOPE" in problems[4]
    assert "also on row 2" in problems[5] and "not a whole number" in problems[6]
    assert "Service order" in problems[7]
    assert claims_of(app, partner) == []


def test_xlsx_works_and_a_partners_user_imports_only_its_own(app, admin, make_actor, partner, tmp_path):
    other = partner_with_card(app, admin)
    theirs = finished_order(app, other)
    book = Workbook()
    book.active.append(HEADER)
    book.active.append([theirs, None, None, "X-1", None, 100, None, None, None, None, 12.5, None])
    path = tmp_path / "claims.xlsx"
    book.save(path)
    own_user = make_actor("engineer", partner_code=partner)
    with pytest.raises(PermissionDenied, match="another partner"):
        claim_import.import_claims(app, own_user, path)
    with pytest.raises(PermissionDenied):
        claim_import.import_claims(app, make_actor("read_only"), path)
    assert claim_import.import_claims(app, admin, path).added == 1
    assert claims_of(app, other)[0].travel_km == Decimal("12.5")
