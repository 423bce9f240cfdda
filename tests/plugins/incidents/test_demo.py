"""The incidents demo seeder at the tiny size."""

from datetime import timedelta

from sqlalchemy import func, select

from plugins.incidents import demo
from plugins.incidents.models import Article, Clock, DONE_STATUSES, Incident, SlaDefinition, StatusChange
from tests.plugins.incidents.conftest import open_in


def test_tiny_seed_writes_a_year_of_plausible_work(app, admin, world, demo_context):
    ctx = demo_context(incidents=150)
    with app.session() as session:
        first_id = session.scalar(select(func.max(Incident.id))) or 0
        articles_before = session.scalar(select(func.count()).select_from(Article))
    demo.seed(ctx)
    with app.session() as session:
        rows = session.scalars(select(Incident).where(Incident.id > first_id)).all()
        steps = session.scalar(select(func.count()).select_from(StatusChange).where(StatusChange.incident_id > first_id))
        clocks = session.scalar(select(func.count()).select_from(Clock).where(Clock.incident_id > first_id))
        names = set(session.scalars(select(SlaDefinition.name)))
        articles = session.scalar(select(func.count()).select_from(Article)) - articles_before
    assert len(rows) == 150 and len({r.number for r in rows}) == 150
    assert steps >= 150 and clocks >= 150 and articles > 0
    assert min(r.opened_at for r in rows) >= ctx.now - demo.incidents.YEAR - timedelta(hours=1)
    assert {r.status for r in rows} & set(DONE_STATUSES)
    assert all((r.status == "closed") == (r.closed_at is not None) for r in rows)
    assert all(r.pending_reason is not None for r in rows if r.status == "pending")
    assert all(r.clocks_at is not None for r in rows)
    assert {"金牌到场 7×24 Gold on-site", "服务商到场 Partner arrival (UC)"} <= names
    number = open_in(app, world)  # the number sequence moved past the demo numbers
    assert number not in {r.number for r in rows}


def test_seeding_again_adds_incidents_but_not_definitions(app, demo_context):
    with app.session() as session:
        before = session.scalar(select(func.count()).select_from(SlaDefinition))
    demo.seed(demo_context(incidents=5))
    with app.session() as session:
        assert session.scalar(select(func.count()).select_from(SlaDefinition)) == before
