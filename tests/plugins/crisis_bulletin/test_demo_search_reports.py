"""The crisis bulletin demo seeder, bulletin search and the acknowledgement chart."""

from matplotlib.figure import Figure
from sqlalchemy import func, select

from plugins.crisis_bulletin import demo, reports, service
from plugins.crisis_bulletin.models import Acknowledgement, Bulletin, Problem
from tests.plugins import unique


def test_tiny_seed_writes_problems_bulletins_and_reader_progress(app, admin, demo_context):
    with app.session() as session:
        last_bulletin = session.scalar(select(func.max(Bulletin.id))) or 0
        last_problem = session.scalar(select(func.max(Problem.id))) or 0
    ctx = demo_context(problems=3)
    demo.seed(ctx)
    with app.session() as session:
        bulletins = session.scalars(select(Bulletin).where(Bulletin.id > last_bulletin)).all()
        problems = session.scalars(select(Problem).where(Problem.id > last_problem)).all()
        rows = session.scalars(select(Acknowledgement)
                               .where(Acknowledgement.bulletin_id.in_([b.id for b in bulletins]))).all()
    assert len(problems) == 3 and len(bulletins) == 3 + len(demo.STANDALONE)
    assert {b.problem_id for b in bulletins} == {p.id for p in problems} | {None}
    assert all(b.published_at <= ctx.now for b in bulletins)
    readers = {r.user_id for r in rows}
    assert admin.user_id in readers and len(rows) == len(bulletins) * len(readers)
    assert all(r.acknowledged_at is None or r.read_at <= r.acknowledged_at <= ctx.now for r in rows)
    assert any(r.acknowledged_at for r in rows) and any(r.acknowledged_at is None for r in rows)


def test_search_bulletins_by_title(app, admin, context):
    token = unique("FW")
    bulletin_id = service.publish(app, admin, title=f"固件 {token} 通告", body="Body", severity="major")
    (hit,) = service.search(context, token.lower(), 5)
    assert (hit.key, hit.page_id, hit.title) == (str(bulletin_id), service.PAGE_ID, f"固件 {token} 通告")
    assert service.search(context, "", 5) == []


def test_acknowledgement_chart(app, admin, context):
    title = f"图表 {unique()}"
    bulletin_id = service.publish(app, admin, title=title, body="Body", severity="minor")
    service.acknowledge(app, admin, bulletin_id)
    with app.session() as session:
        rates = reports.acknowledgement_rates(session)
    assert rates[0][0] == title and rates[0][1] == 1
    figure = Figure()
    reports.draw_acknowledgement(figure, context)
    (axes,) = figure.axes
    assert len(axes.patches) == len(rates) <= reports.SHOWN
    top = axes.patches[-1]
    assert top.get_width() == 100 * rates[0][1] / rates[0][2]
