"""Report figures and charts, the dashboard tiles, and the ``incidents-*`` commands."""

import argparse
from datetime import timedelta

from matplotlib.figure import Figure

from console.api import Context
from plugins.incidents import commands, records, reports
from plugins.incidents.sla.clocks import Event, Target, replay
from tests.plugins.incidents.conftest import deactivate, define, open_in


def test_backlog_compliance_and_mean_times(app, world, now):
    resolve = define(app, world, p3_minutes=60)
    try:
        slow = open_in(app, world, impact="medium", urgency="medium", assignee_id=world.admin.user_id,
                       opened_at=now - timedelta(hours=3))
        quick = open_in(app, world, impact="medium", urgency="medium", assignee_id=world.admin.user_id)
        for number in (slow, quick):
            records.change_status(app, world.admin, number, "in_progress")
            records.change_status(app, world.admin, number, "resolved")
        open_in(app, world, impact="high", urgency="high", opened_at=now - timedelta(days=10))
        with app.session() as session:
            backlog = reports.backlog(session, now)
            months = reports.local_months(3, "Asia/Shanghai", now)
            compliance = reports.compliance(session, months)
            times = reports.mean_times(session, months)
            workload = reports.workload(session, now)
            by_category = reports.breaches_by_category(session, months[0][0])
            by_customer = reports.breaches_by_customer(session, months[0][0])
    finally:
        deactivate(app, world.admin, resolve)
    p1 = next(row for row in backlog.rows if row[0] == "P1")
    assert p1[4] >= 1 and p1[-1] == sum(p1[1:-1])
    ours = [row for row in compliance.rows if row[1] == months[-1][2] and row[0].startswith("SLA ")]
    assert any(row[2] >= 1 and row[3] >= 1 for row in ours)  # one met, one breached this month
    assert times.rows[-1][1] >= 2 and times.rows[-1][3] is not None
    assert any(row[0] == "系统管理员 (System administrator)" or row[-1] >= 0 for row in workload.rows)
    assert any(row[0] == "硬件 Hardware / 服务器 Server" for row in by_category.rows)
    assert any(row[0] == "测试银行 Test bank" for row in by_customer.rows)
    for report in (backlog, compliance, times, workload, by_category, by_customer):
        figure = Figure()
        report.draw(figure)
        assert figure.axes


def test_dashboard_charts_draw(app, world, admin):
    from plugins.incidents.ui import charts

    open_in(app, world, impact="high", urgency="high")
    context = Context(app, admin)
    for draw in (charts.open_by_priority, charts.backlog, charts.compliance, charts.breaching_tile):
        figure = Figure()
        draw(figure, context)
        assert figure.axes or figure.texts
    with app.session() as session:
        assert reports.open_by_priority(session)["P1"] >= 1


def test_the_timeline_draws_running_paused_due_and_breach(world, now):
    from console.api import BusinessCalendar

    goal = Target(1, 1, "标准解决 Standard resolve", "sla", "incident", "resolve", "created", "resolved",
                  frozenset({"waiting_customer"}), BusinessCalendar.always("Asia/Shanghai"),
                  dict.fromkeys(("P1", "P2", "P3", "P4"), 60))
    history = [Event(now - timedelta(hours=3), "in_progress"),
               Event(now - timedelta(hours=2), "pending", reason="waiting_customer"),
               Event(now - timedelta(hours=1), "in_progress")]
    result = replay(goal, history, "P1", now)
    lane = reports.Lane(goal.name, tuple((s.start, s.end, s.kind, s.reason) for s in result.state.segments),
                        result.state.due, result.state.breached_at, result.status)
    figure = Figure()
    from zoneinfo import ZoneInfo

    reports.draw_sla_timeline(figure, [lane], now, ZoneInfo("Asia/Shanghai"), reasons={"waiting_customer": "等待客户"})
    axes = figure.axes[0]
    assert [t.get_text() for t in axes.get_yticklabels()] == ["标准解决 Standard resolve"]
    assert "等待客户" in [t.get_text() for t in axes.texts]
    empty = Figure()
    reports.draw_sla_timeline(empty, [], now, ZoneInfo("UTC"))
    assert empty.axes[0].texts


def test_commands(app, world, tmp_path, capsys):
    open_in(app, world)
    specs = {spec.name: spec for spec in commands.COMMANDS}
    assert set(specs) == {"incidents-stats", "incidents-import", "incidents-export", "incidents-recompute",
                          "incidents-sweep", "incidents-reindex"}

    def run(name, *argv):
        parser = argparse.ArgumentParser()
        specs[name].configure(parser)
        assert specs[name].run(parser.parse_args(list(argv)), app) == 0
        return capsys.readouterr().out

    lines = dict(line.split(maxsplit=1) for line in run("incidents-stats").splitlines())
    assert list(lines) == ["new", "assigned", "in_progress", "pending", "resolved", "reopened", "closed", "total"]
    assert "written to" in run("incidents-export", str(tmp_path / "all.csv"), "--status", "all", "--since",
                               "2020-01-01")
    assert "clocks rebuilt" in run("incidents-recompute")
    assert "incidents checked" in run("incidents-sweep")
    assert "articles indexed" in run("incidents-reindex")
