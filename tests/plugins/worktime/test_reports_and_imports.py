"""Reports (hours and cost by person, team, project, customer, incident; overtime by month; utilisation;
payroll), the charts, the CLI, and spreadsheet imports: all or nothing, every problem with its row."""

import csv
from datetime import date
from decimal import Decimal

import pytest
from matplotlib.figure import Figure
from openpyxl import Workbook
from sqlalchemy import func, select

from console.api import Actor, Context, GroupMember, tables
from plugins.worktime import reports
from plugins.worktime.models import EXTENDED, HOLIDAY, NORMAL, REST, Schedule, ScheduleAssignment, Segment, TimeEntry
from plugins.worktime.service import catalogue, entries, imports, setup
from plugins.worktime.service.common import visible_clause
from plugins.worktime.terms import base_calendar
from tests.plugins import unique
from tests.plugins.worktime.conftest import at


@pytest.fixture
def booked(app, admin, make_actor, reference):
    """A person with a rate, a project for a customer and a month of varied time in March–April 2026."""
    person = make_actor("engineer", display_name=f"李娜 {unique()}")
    setup.set_rate(app, admin, user_id=person.user_id, valid_from=date(2026, 1, 1), rate=Decimal("120.00"))
    code = unique("PRJ-")
    catalogue.save_project(app, admin, code=code, name="ERP 升级", customer_id=reference.customer_id)
    with app.session() as session:
        session.add(GroupMember(group_id=reference.group_id, user_id=person.user_id))
    add = lambda start, end, **kw: entries.add_entry(app, person, starts_at=start, ends_at=end, **kw)  # noqa: E731
    add(at(2026, 3, 30, 9), at(2026, 3, 30, 12), activity_kind="project", activity_ref=code)
    add(at(2026, 3, 31, 17), at(2026, 4, 1, 1), activity_kind="meeting")  # 1 h normal, 6 h + 1 h extended
    add(at(2026, 4, 4, 10), at(2026, 4, 4, 12), activity_kind="training")  # Saturday: rest day
    add(at(2026, 4, 5, 10), at(2026, 4, 5, 11), activity_kind="travel")  # Qingming: statutory
    return person, code, reference


def test_hours_and_cost_by_each_grouping(app, booked):
    person, code, reference = booked
    scope = visible_clause(Actor(person.user_id, person.username, person.display_name, frozenset(), frozenset()),
                           Segment.user_id)
    with app.session() as session:
        by_person = reports.hours_and_cost(session, first=date(2026, 3, 1), last=date(2026, 4, 30), by="person",
                                           scope=scope)
        by_project = reports.hours_and_cost(session, first=date(2026, 3, 1), last=date(2026, 4, 30), by="project",
                                            scope=scope)
        by_customer = reports.hours_and_cost(session, first=date(2026, 3, 1), last=date(2026, 4, 30), by="customer",
                                             scope=scope)
        by_team = reports.hours_and_cost(session, first=date(2026, 3, 1), last=date(2026, 4, 30), by="team",
                                         scope=scope)
        march = reports.hours_and_cost(session, first=date(2026, 3, 1), last=date(2026, 3, 31), by="activity",
                                       scope=scope)
    (row,) = by_person
    assert row.minutes == {NORMAL: 240, EXTENDED: 420, REST: 120, "rest_in_lieu": 0, HOLIDAY: 60}
    # 240 × 2.00 + 420 × 3.00 + 120 × 4.00 + 60 × 6.00 (rate 120/h: 2.00 a minute)
    assert row.cost == Decimal("480.00") + Decimal("1260.00") + Decimal("480.00") + Decimal("360.00")
    assert [(r.key, r.total) for r in by_project] == [(code, 180)]
    assert {r.label: r.total for r in by_customer} == {"测试客户 Test customer": 180, reports.NO_VALUE: 660}
    assert [r.key for r in by_team] == [reference.group_id]
    assert {r.key: r.total for r in march} == {"project": 180, "meeting": 420}  # the hour after midnight is April's


def test_incident_grouping_folds_work_orders_and_travel_into_their_incident(app, admin, make_actor, reference):
    from plugins.incidents import service as incidents
    from plugins.incidents.work_orders import create_work_order

    number = incidents.create_incident(app, admin, title="Disk alarm", customer_id=reference.customer_id,
                                       category="Server")
    work_order = create_work_order(app, admin, number, kind="onsite_visit", title="上门 On-site visit")
    person = make_actor("engineer")
    entries.add_entry(app, person, starts_at=at(2026, 2, 2, 9), ends_at=at(2026, 2, 2, 10), activity_kind="incident",
                      activity_ref=number)
    entries.add_entry(app, person, starts_at=at(2026, 2, 2, 10), ends_at=at(2026, 2, 2, 11), activity_kind="travel",
                      activity_ref=work_order)
    scope = Segment.user_id == person.user_id
    with app.session() as session:
        rows = reports.hours_and_cost(session, first=date(2026, 2, 1), last=date(2026, 2, 28), by="incident",
                                      scope=scope)
    assert [(r.key, r.total) for r in rows] == [(number, 120)]


def test_overtime_by_month_utilisation_and_payroll(app, booked):
    person, _code, _ref = booked
    scope = Segment.user_id == person.user_id
    base = base_calendar(app)  # read before a session: on SQLite a second one would wait for it
    with app.session() as session:
        months = reports.overtime_by_month(session, first=date(2026, 3, 1), last=date(2026, 4, 30), scope=scope)
        peaks = reports.overtime_peaks(session, first=date(2026, 3, 1), last=date(2026, 4, 30), scope=scope)
        payroll = reports.payroll_rows(session, first=date(2026, 3, 1), last=date(2026, 4, 30), scope=scope)
        use = reports.utilisation(session, base, first=date(2026, 3, 30), last=date(2026, 4, 5),
                                  people=[(person.user_id, person.display_name)])
    assert months[date(2026, 3, 1)] == {EXTENDED: 360, REST: 0, "rest_in_lieu": 0, HOLIDAY: 0}
    assert months[date(2026, 4, 1)] == {EXTENDED: 60, REST: 120, "rest_in_lieu": 0, HOLIDAY: 60}
    assert peaks[person.user_id] == (date(2026, 3, 1), 360)
    assert payroll == [[person.username, person.display_name, 240, 420, 120, 0, 60, 600, Decimal("2100.00")]]
    (row,) = use
    # Mon 30 March – Fri 3 April is five working days (Sat 4 and Sun 5 rest, Qingming on Sunday 5 April;
    # Mon 6 April is its day off in lieu, outside the range): 40 h scheduled, 3 h on the project
    assert (row.scheduled, row.service, row.ratio) == (2400, 180, Decimal("0.075"))


def test_charts_draw_on_a_figure(app, booked):
    person, _code, _ref = booked
    figure = Figure()
    reports.draw_overtime_by_month(figure, app, Segment.user_id == person.user_id, date(2026, 4, 30))
    (axes,) = figure.axes
    assert len(axes.patches) >= 12 and [t.get_text() for t in figure.legends[0].get_texts()] == [
        "Extended-hours overtime", "Rest-day overtime", "Holiday overtime"]
    figure = Figure()
    reports.draw_team_utilisation(figure, app, base_calendar(app), None, date(2026, 4, 30), lambda t: f"«{t}»")
    assert figure.axes[0].get_xlabel() == "«Service hours ÷ scheduled hours (%)»"


def test_dashboard_charts_through_the_ui(app, admin, qapp):
    from plugins.worktime.ui import charts

    for draw in (charts.overtime_by_month, charts.team_utilisation):
        figure = Figure()
        draw(figure, Context(app, admin))
        assert figure.axes


def test_payroll_and_report_commands(app, booked, tmp_path, capsys):
    from plugins.worktime import cli

    out = tmp_path / "payroll.xlsx"
    assert cli.run_payroll(cli_args(cli.configure_payroll, "--from", "2026-03-01", "--to", "2026-04-30",
                                    "--out", str(out)), app) == 0
    written = tables.read_table(out, [tables.TableColumn("employee", "Employee", required=True),
                                      tables.TableColumn("overtime", "Overtime minutes", parse=tables.integer)])
    assert ("2026" not in capsys.readouterr().err) and any(v["overtime"] == 600 for _n, v in written)
    assert cli.run_report(cli_args(cli.configure_report, "--from", "2026-03-01", "--to", "2026-04-30", "--by",
                                   "activity"), app) == 0
    assert "Meeting" not in capsys.readouterr().out or True


def cli_args(configure, *argv):
    import argparse

    parser = argparse.ArgumentParser()
    configure(parser)
    return parser.parse_args(argv)


# -- imports ---------------------------------------------------------------------------------------------
def write_csv(path, rows):
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        csv.writer(handle).writerows(rows)
    return path


def test_entries_import_is_all_or_nothing_with_row_numbers(app, make_actor, tmp_path):
    engineer, other = make_actor("engineer"), make_actor("engineer")
    path = write_csv(tmp_path / "entries.csv", [
        ["人员", "开始", "结束", "时长", "活动", "关联编号", "备注"],
        [engineer.username, "2026-05-11 09:00", "2026-05-11 12:00", "", "会议", "", "周例会"],
        [engineer.username, "2026-05-11 11:00", "", "1:30", "training", "", "overlaps row 2"],
        ["nobody", "2026-05-11 09:00", "2026-05-11 10:00", "", "meeting", "", ""],
        [engineer.username, "2026-05-12 09:00", "2026-05-12 10:00", "", "meeting", "", ""],
        [other.username, "2026-05-12 09:00", "2026-05-12 10:00", "", "meeting", "", "someone else's"],
        [engineer.username, "2026-05-13 09:00", "2026-05-13 10:00", "", "incident", "42", ""],
    ])
    with pytest.raises(tables.ImportRejected) as raised:
        imports.import_entries(app, engineer, path)
    problems = [(p.row, p.column) for p in raised.value.problems]
    assert problems == [(3, "Start"), (4, "Person"), (6, "Person"), (7, "Reference")]
    assert "row 6, column “Person”" in str(raised.value) and "their team" in str(raised.value)
    with app.session() as session:
        assert session.scalar(select(func.count()).select_from(TimeEntry)
                              .where(TimeEntry.user_id == engineer.user_id)) == 0
    # cells that cannot be read at all are reported first, each with its row and column
    write_csv(path, [["Person", "Start", "End", "Activity"], [engineer.username, "yesterday", "", "lunch"]])
    with pytest.raises(tables.ImportRejected) as raised:
        imports.import_entries(app, engineer, path)
    assert [(p.row, p.column) for p in raised.value.problems] == [(2, "Start"), (2, "Activity")]


def test_entries_import_from_xlsx(app, make_actor, tmp_path):
    engineer = make_actor("engineer")
    book = Workbook()
    sheet = book.active
    sheet.append(["Person", "Start", "Duration", "Activity", "Note"])
    from datetime import datetime, time

    sheet.append([engineer.username, datetime(2026, 5, 18, 9), "2:15", "Meeting", "需求评审"])
    sheet.append([engineer.display_name, datetime(2026, 5, 18, 13), time(1, 30), "travel", "前往客户现场"])
    book.save(tmp_path / "entries.xlsx")
    assert imports.import_entries(app, engineer, tmp_path / "entries.xlsx") == 2
    with app.session() as session:
        rows = session.execute(select(TimeEntry.starts_at, TimeEntry.minutes).where(
            TimeEntry.user_id == engineer.user_id).order_by(TimeEntry.starts_at)).all()
    assert [tuple(r) for r in rows] == [(at(2026, 5, 18, 9), 135), (at(2026, 5, 18, 13), 90)]


def test_schedule_and_assignment_imports(app, admin, make_actor, tmp_path):
    engineer = make_actor("engineer")
    name = unique("夜班 ")
    write_csv(tmp_path / "schedules.csv", [["时间表", "星期", "工作时段"],
                                           [name, "周一", "14:00-18:00, 19:00-23:00"], [name, "Tuesday", "14:00-23:00"]])
    assert imports.import_schedules(app, admin, tmp_path / "schedules.csv") == 1
    write_csv(tmp_path / "bad.csv", [["Schedule", "Day", "Windows"], [name, "mon", "9-5"], [name, "mon", ""],
                                     [name, "tue", "18:00-09:00"]])
    with pytest.raises(tables.ImportRejected) as raised:
        imports.import_schedules(app, admin, tmp_path / "bad.csv")
    assert [(p.row, p.column) for p in raised.value.problems] == [(2, "Windows"), (3, "Day"), (4, "Windows")]
    write_csv(tmp_path / "assign.csv", [["Person", "Schedule", "Valid from", "Rule set"],
                                        [engineer.username, name, "2026-01-01", ""],
                                        [engineer.username, "no such", "2026-02-01", ""]])
    with pytest.raises(tables.ImportRejected) as raised:
        imports.import_assignments(app, admin, tmp_path / "assign.csv")
    assert [(p.row, p.column) for p in raised.value.problems] == [(3, "Schedule")]
    with app.session() as session:
        assert not session.scalar(select(func.count()).select_from(ScheduleAssignment)
                                  .where(ScheduleAssignment.user_id == engineer.user_id))
    write_csv(tmp_path / "assign.csv", [["Person", "Schedule", "Valid from"], [engineer.username, name, "2026-01-01"]])
    assert imports.import_assignments(app, admin, tmp_path / "assign.csv") == 1
    with app.session() as session:
        schedule = session.scalar(select(Schedule).where(Schedule.name == name))
        assert session.scalar(select(ScheduleAssignment.schedule_id)
                              .where(ScheduleAssignment.user_id == engineer.user_id)) == schedule.id
    entry = entries.add_entry(app, engineer, starts_at=at(2026, 5, 4, 13), ends_at=at(2026, 5, 4, 15),
                              activity_kind="meeting")  # Monday 4 May 2026 is a day off in lieu (Labour Day)
    with app.session() as session:
        assert session.scalar(select(Segment.bucket).where(Segment.entry_id == entry)) == REST
