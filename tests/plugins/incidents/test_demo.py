"""The incidents demo seeder at the tiny size."""

from collections import Counter
from datetime import timedelta

from sqlalchemy import func, select

from plugins.incidents import demo, service
from plugins.incidents.models import DONE_STATUSES, Incident, StatusChange


def test_tiny_seed_writes_a_year_of_incidents_with_history(app, admin, reference, demo_context):
    ctx = demo_context(incidents=150)
    with app.session() as session:
        first_id = session.scalar(select(func.max(Incident.id))) or 0
    demo.seed(ctx)
    with app.session() as session:
        rows = session.execute(select(Incident).where(Incident.id > first_id)).scalars().all()
        steps = Counter(session.scalars(select(StatusChange.incident_id).where(StatusChange.incident_id > first_id)))
    assert len(rows) == 150
    assert len({r.number for r in rows}) == 150
    assert all(1 <= steps[r.id] <= 4 for r in rows)
    assert min(r.opened_at for r in rows) >= ctx.now - demo.YEAR - timedelta(hours=1)
    assert {r.status for r in rows} & set(DONE_STATUSES)
    assert all((r.status == "closed") == (r.closed_at is not None) for r in rows)
    assert all(r.pending_reason is not None for r in rows if r.status == "pending")
    assert all(r.customer_id for r in rows)
    # the number sequence moved past the demo numbers: the next incident gets a fresh one
    number = service.create_incident(app, admin, title="After the demo", customer_id=reference.customer_id,
                                     category="网络 Network")
    assert number not in {r.number for r in rows}


def test_seed_without_customers_writes_nothing(app, demo_context, monkeypatch):
    monkeypatch.setattr(demo, "_reference", lambda session: {"customers": [], "assets": [], "sites": [],
                                                             "users": [], "groups": []})
    with app.session() as session:
        before = session.scalar(select(func.count()).select_from(Incident))
    demo.seed(demo_context(incidents=10))
    with app.session() as session:
        assert session.scalar(select(func.count()).select_from(Incident)) == before
