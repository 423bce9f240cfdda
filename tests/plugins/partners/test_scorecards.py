"""Scorecards: the measures on hand-built orders, weights, rank, trend and export."""

from __future__ import annotations

import csv
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from console.api import PermissionDenied, ValidationError
from plugins.partners import scorecards
from plugins.partners.models import Claim, Finding, OrderStep, Partner, ScoreWeight, ServiceOrder
from tests.plugins import unique
from tests.plugins.partners.test_claims import partner_with_card

UTC = timezone.utc
# a month far in the past that no other test dispatches orders in
DAY = datetime(2011, 3, 10, 8, 0, tzinfo=UTC)
PERIOD = {"period_start": date(2011, 3, 1), "period_end": date(2011, 3, 31), "zone": ZoneInfo("UTC")}


def order(app, partner_code, *, arrive_after=2, fix_after=5, incomplete=False, satisfaction=None, asset_id=None,
          at=DAY, status=None) -> int:
    """An order dispatched ``at``: due to arrive in 4 h and be fixed in 24 h; steps ``arrive_after`` /
    ``fix_after`` hours after dispatch (None: not reached)."""
    with app.session() as session:
        partner = session.scalar(select(Partner).where(Partner.code == partner_code))
        partner.last_order_seq += 1
        final = "incomplete" if incomplete else "fixed"
        row = ServiceOrder(number=f"{partner.code}-{partner.last_order_seq:06d}", partner_id=partner.id,
                           status=status or (final if fix_after is not None else "arrived"), asset_id=asset_id,
                           dispatched_at=at, accept_due_at=at + timedelta(minutes=30),
                           arrive_due_at=at + timedelta(hours=4), fix_due_at=at + timedelta(hours=24))
        session.add(row)
        session.flush()
        steps = [("dispatched", 0, None)]
        if arrive_after is not None:
            steps.append(("arrived", arrive_after, None))
        if fix_after is not None:
            steps.append((final, fix_after, None))
        if satisfaction is not None:
            steps.append(("confirmed", (fix_after or 0) + 1, satisfaction))
        for step, hours, mood in steps:
            session.add(OrderStep(order_id=row.id, step=step, at=at + timedelta(hours=hours), recorded_by="t",
                                  recorded_at=at, satisfaction=mood))
        return row.id


@pytest.fixture
def asset_id(reference):
    return reference.asset_ids[0]


@pytest.fixture
def restore_weights(app):
    with app.session() as session:
        before = {w.measure: w.weight for w in session.scalars(select(ScoreWeight))}
    yield
    with app.session() as session:
        for row in session.scalars(select(ScoreWeight)):
            if row.measure in before:
                row.weight = before[row.measure]
            else:
                session.delete(row)


def mine(rows, code):
    return next(r for r in rows if r.code == code)


def test_every_measure_on_hand_built_orders(app, admin, asset_id):
    code = partner_with_card(app, admin)
    on_time = order(app, code, satisfaction=5, asset_id=asset_id)
    order(app, code, arrive_after=6, fix_after=30, satisfaction=3, asset_id=asset_id, at=DAY + timedelta(days=10))
    order(app, code, arrive_after=3, fix_after=None)  # on site, fix clock not yet decided … but long past due
    order(app, code, arrive_after=1, fix_after=2, incomplete=True)
    order(app, code, arrive_after=None, fix_after=None, status="rejected")
    order(app, code, at=DAY + timedelta(days=60))  # another month
    with app.session() as session:
        partner_id = session.scalar(select(Partner.id).where(Partner.code == code))
        first = session.get(ServiceOrder, on_time)
        session.add_all([
            Claim(number=f"{first.number}-C{n}", partner_id=partner_id, order_id=on_time, status=status,
                  service_date=DAY.date(), submitted_at=DAY, labour=1, travel=0, parts=0, other=0, amount=1,
                  computed_amount=1, decided_at=DAY if status != "submitted" else None)
            for n, status in enumerate(("approved", "rejected", "settled", "rejected", "submitted"), start=1)])
        session.add_all([Finding(rule="r", severity="info", fingerprint=unique("F"), partner_id=partner_id,
                                 order_id=on_time, summary="s", found_at=DAY, status=status)
                         for status in ("open", "accepted", "overruled")])
    with app.session() as session:
        row = mine(scorecards.scorecard(session, admin, **PERIOD), code)
    assert row.orders == 5
    assert row.measures == {
        "on_time_arrival": 75.0,  # 3 of the 4 decided arrivals (the rejected order has none)
        "on_time_fix": 25.0,  # 1 of 4: late, never fixed, incomplete
        "first_time_fix": 66.7,  # 2 of the 3 finished visits were fixed
        "repeat_visits": 20.0,  # the second visit to the asset within 30 days
        "satisfaction": 4.0,
        "rejection_rate": 50.0,  # 2 of 4 decided claims
        "findings_per_100": 40.0,  # 2 findings standing on 5 orders
    }
    # points: 75, 25, 66.7, 80, 75, 50, 60 with weights 20, 20, 15, 10, 15, 10, 10
    assert row.score == pytest.approx((75 * 20 + 25 * 20 + 66.7 * 15 + 80 * 10 + 75 * 15 + 50 * 10 + 60 * 10) / 100,
                                      abs=0.1)


def test_rank_weights_and_isolation(app, admin, make_actor, restore_weights):
    good, poor = partner_with_card(app, admin), partner_with_card(app, admin)
    at = DAY + timedelta(days=5)
    for _ in range(2):
        order(app, good, at=at, satisfaction=5)
        order(app, poor, at=at, arrive_after=7, fix_after=40, satisfaction=2)
    with app.session() as session:
        rows = [r for r in scorecards.scorecard(session, admin, **PERIOD) if r.code in (good, poor)]
    assert [r.code for r in rows] == [good, poor] and rows[0].rank < rows[1].rank and rows[0].score == 100.0
    with pytest.raises(PermissionDenied, match="partners.configure"):
        scorecards.set_weights(app, make_actor("back_office"), {"satisfaction": 1})
    with pytest.raises(ValidationError, match="no measure speed"):
        scorecards.set_weights(app, admin, {"speed": 1})
    with pytest.raises(ValidationError, match="0 to 1000"):
        scorecards.set_weights(app, admin, {"satisfaction": "-1"})
    with pytest.raises(ValidationError, match="above zero"):
        scorecards.set_weights(app, admin, {m.name: 0 for m in scorecards.MEASURES})
    only_fix = {m.name: Decimal(0) for m in scorecards.MEASURES} | {"first_time_fix": Decimal(1)}
    assert scorecards.set_weights(app, admin, only_fix)["first_time_fix"] == 1
    their_user = make_actor("read_only", partner_code=poor)
    with app.session() as session:
        rows = [r for r in scorecards.scorecard(session, admin, **PERIOD) if r.code in (good, poor)]
        own = scorecards.scorecard(session, their_user, **PERIOD)
    assert [r.score for r in rows] == [100.0, 100.0] and rows[0].rank == rows[1].rank
    assert [r.code for r in own] == [poor]


def test_trend_and_export(app, admin, make_actor, tmp_path):
    code = partner_with_card(app, admin)
    order(app, code, at=datetime(2011, 1, 5, tzinfo=UTC))
    order(app, code, at=datetime(2011, 3, 5, tzinfo=UTC), arrive_after=9)
    stranger = make_actor("read_only", partner_code=partner_with_card(app, admin))
    with app.session() as session:
        partner_id = session.scalar(select(Partner.id).where(Partner.code == code))
        months = scorecards.trend(session, admin, partner_id, 3, today=date(2011, 3, 20), zone=ZoneInfo("UTC"))
        with pytest.raises(PermissionDenied):
            scorecards.trend(session, stranger, partner_id, 3)
        rows = scorecards.scorecard(session, admin, **PERIOD)
    assert [m for m, _ in months] == [date(2011, 1, 1), date(2011, 2, 1), date(2011, 3, 1)]
    assert months[1][1] is None and months[0][1].measures["on_time_arrival"] == 100.0
    assert months[2][1].measures["on_time_arrival"] == 0.0
    assert scorecards.export(rows, tmp_path / "s.csv") == len(rows)
    with (tmp_path / "s.csv").open(encoding="utf-8-sig") as handle:
        table = list(csv.reader(handle))
    assert table[0][:5] == ["Rank", "Partner", "Name", "Score", "Orders"] and any(r[1] == code for r in table[1:])
    assert scorecards.month_start(date(2011, 1, 31), 2) == date(2010, 11, 1)
