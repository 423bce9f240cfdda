"""Commands, jobs, global search, dashboard charts and the demo seeder."""

import argparse
from datetime import timedelta

from matplotlib.figure import Figure
from openpyxl import load_workbook
from sqlalchemy import func, select

from console.api import Context, utcnow
from console.core import jobs
from plugins.crisis_bulletin import acknowledgements, commands, demo, problems, reports
from plugins.crisis_bulletin.models import Acknowledgement, Bulletin, Problem, ProblemChange, Revision
from plugins.crisis_bulletin.ui import common
from tests.plugins import unique


def number_of(app, bulletin_id) -> str:
    with app.session() as session:
        return session.get(Bulletin, bulletin_id).number


def test_the_acknowledgement_report_command_prints_and_exports(app, team, publish, capsys, tmp_path):
    bulletin_id = publish(audience=[("group", str(team.group_id))])
    acknowledgements.acknowledge(app, team.second, bulletin_id)
    number = number_of(app, bulletin_id)
    assert commands.run_acks(argparse.Namespace(bulletin=number.lower(), out=None), app) == 0
    out = capsys.readouterr().out
    assert "1 of 4 acknowledged, 3 not yet (0 overdue)" in out and team.second.display_name in out
    target = tmp_path / "readers.xlsx"
    commands.run_acks(argparse.Namespace(bulletin=number, out=str(target)), app)
    sheet = load_workbook(target).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == reports.REPORT_TITLES and len(rows) == 5
    assert rows[-1][0] == team.second.display_name and rows[-1][3] == "acknowledged"


def test_the_export_command_writes_html_and_pdf(qapp, app, publish, capsys, tmp_path):
    number = number_of(app, publish(title="导出测试 Export test"))
    for name in ("b.html", "b.pdf"):
        assert commands.run_export(argparse.Namespace(bulletin=number, out=str(tmp_path / name)), app) == 0
    assert "导出测试 Export test" in (tmp_path / "b.html").read_text(encoding="utf-8")
    assert (tmp_path / "b.pdf").read_bytes().startswith(b"%PDF")
    assert f"{number} written to" in capsys.readouterr().out


def test_an_unknown_bulletin_number_is_named(app):
    import pytest

    from console.api import NotFound

    with pytest.raises(NotFound, match="BUL-1999-0001"):
        commands.run_acks(argparse.Namespace(bulletin="BUL-1999-0001", out=None), app)


def test_the_jobs_are_registered_and_report_what_they_did(app, capsys):
    names = {spec.name for plugin, spec in jobs.registered_jobs(app) if plugin == "crisis_bulletin"}
    assert names == {"crisis_bulletin.acknowledgements", "crisis_bulletin.spikes"}
    assert "readers, reminded" in commands.acknowledgement_job(Context(app, None))
    assert commands.spike_job(Context(app, None)).split()[1] == "spikes"
    commands.run_spikes(argparse.Namespace(), app)
    commands.run_remind(argparse.Namespace(), app)
    assert "spikes" in capsys.readouterr().out


def test_search_finds_problems_by_workaround_and_bulletins_only_for_their_readers(app, admin, team, publish):
    token = unique("看门狗")
    number = problems.create_problem(app, admin, title=f"控制器重启 {unique()}")
    problems.publish_workaround(app, admin, number, f"限制队列深度，避免{token}误触发。")
    (hit,) = common.search_problems(Context(app, admin), token[1:], 5)
    assert (hit.key, hit.page_id) == (number, "crisis_bulletin.problems") and "Workaround available" in hit.subtitle
    title = f"服务商通知 {unique()}"
    to_staff = publish(title=title, audience=[("group", str(team.group_id))])
    assert [h.key for h in common.search_bulletins(Context(app, team.first), title, 5)] == [str(to_staff)]
    assert common.search_bulletins(Context(app, team.partner), title, 5) == []
    assert common.search_problems(Context(app, admin), " ", 5) == []


def test_the_dashboard_charts_draw(app, admin, publish):
    bulletin_id = publish(title=f"图表 {unique()}")
    acknowledgements.acknowledge(app, admin, bulletin_id)
    with app.session() as session:
        rates = reports.acknowledgement_rates(session)
    assert rates[0][0].startswith(number_of(app, bulletin_id)) and rates[0][1] >= 1
    figure = Figure()
    reports.draw_acknowledgement(figure, Context(app, admin))
    assert len(figure.axes[0].patches) == len(rates) <= reports.SHOWN
    figure = Figure()
    common.draw_open_problems(figure, Context(app, admin))
    labels = [t.get_text() for t in figure.axes[0].get_xticklabels()]
    assert labels[0] == "Identified" and len(labels) == 5


def test_the_tiny_demo_is_plausible(app, admin, demo_context):
    with app.session() as session:
        before = {model: session.scalar(select(func.max(model.id))) or 0
                  for model in (Problem, Bulletin, Acknowledgement)}
    ctx = demo_context(problems=12, bulletins=8)
    demo.seed(ctx)
    with app.session() as session:
        new_problems = session.scalars(select(Problem).where(Problem.id > before[Problem])).all()
        new_bulletins = session.scalars(select(Bulletin).where(Bulletin.id > before[Bulletin])).all()
        rows = session.scalars(select(Acknowledgement).where(Acknowledgement.id > before[Acknowledgement])).all()
        changes = session.scalar(select(func.count()).select_from(ProblemChange).where(
            ProblemChange.problem_id.in_([p.id for p in new_problems])))
        revisions = session.scalar(select(func.count()).select_from(Revision).where(
            Revision.bulletin_id.in_([b.id for b in new_bulletins])))
    assert len(new_problems) == 12 and changes >= 12
    assert len({p.number for p in new_problems}) == 12
    assert {p.status for p in new_problems} - {"closed", "resolved"}  # some are still being worked on
    published = [b for b in new_bulletins if b.status != "draft"]
    assert len(published) >= 8 and revisions >= len(published)
    assert any(b.status == "draft" for b in new_bulletins) and any(b.status == "active" for b in new_bulletins)
    assert all(b.ack_deadline > b.valid_from for b in published)
    assert all(b.problem_id is None or b.problem_id in {p.id for p in new_problems} for b in new_bulletins)
    assert rows and all(r.read_at is None or r.read_at >= r.delivered_at for r in rows)
    assert all(r.acknowledged_at is None or r.read_at <= r.acknowledged_at <= ctx.now for r in rows)
    assert any(r.acknowledged_at for r in rows) and any(r.acknowledged_at is None for r in rows)
    assert all(r.escalated_at is None or r.escalated_at <= ctx.now for r in rows)
    assert max(b.published_at for b in published) > utcnow() - timedelta(days=1)
