"""Problems: numbering (also under concurrent clerks), the status flow, workaround and closing events,
incident links from either side, resolving the linked incidents together, permissions."""

import re
import threading

import pytest
from sqlalchemy import select

from console.api import Asset, NotFound, PermissionDenied, StaleEditError, ValidationError
from plugins.crisis_bulletin import problems
from plugins.crisis_bulletin.api import open_problems, problems_of_incident
from plugins.crisis_bulletin.models import Problem, ProblemChange
from plugins.incidents import service as incidents
from tests.plugins import unique


def new_problem(app, actor, **fields) -> str:
    return problems.create_problem(app, actor, **{"title": f"存储固件缺陷 {unique()}", **fields})


def load(app, number) -> Problem:
    with app.session() as session:
        return problems.load(session, number)


def incident(app, admin, reference, status="in_progress", category="存储 Storage") -> str:
    number = incidents.create_incident(app, admin, title="LUN 响应缓慢", customer_id=reference.customer_id,
                                       category=category, assignee_id=admin.user_id)
    if status == "in_progress":
        incidents.change_status(app, admin, number, "in_progress")
    return number


def test_a_problem_is_numbered_per_year_and_keeps_its_details(app, admin, reference, events):
    with app.session() as session:
        serial = session.scalar(select(Asset.serial).where(Asset.id == reference.asset_ids[0]))
    number = new_problem(app, admin, urgency="high", impact="两家银行网点无法办理业务", owner_id=admin.user_id,
                         category="存储 Storage", products="Huawei OceanStor storage", models="OceanStor 5310，5510",
                         versions="V700R001C00\nV700R001C10", assets=serial, external_ref="HW-DTS2026031501234")
    assert re.fullmatch(r"PRB-\d{4}-\d{4}", number)
    problem = load(app, number)
    assert (problem.status, problem.urgency, problem.models, problem.assets) == (
        "identified", "high", "OceanStor 5310\n5510", serial)
    assert events[-1].name == "crisis_bulletin.problem_created" and events[-1].payload["problem"] == number
    following = new_problem(app, admin)
    assert int(following[-4:]) == int(number[-4:]) + 1


@pytest.mark.parametrize(("fields", "field"), [
    ({"title": " "}, "title"), ({"urgency": "whenever"}, "urgency"), ({"owner_id": -1}, "owner_id"),
    ({"assets": "NO-SUCH-SERIAL"}, "assets"), ({"title": "x" * 256}, "title"),
])
def test_bad_problems_are_refused_with_the_field(app, admin, fields, field):
    with pytest.raises(ValidationError) as raised:
        new_problem(app, admin, **fields)
    assert raised.value.field == field and str(raised.value)


def test_concurrent_clerks_get_distinct_consecutive_numbers(app, make_actor):
    clerk = make_actor("engineer")
    numbers, errors = [], []

    def create():
        try:
            numbers.append(new_problem(app, clerk))
        except Exception as error:  # noqa: BLE001 - collected for the assertion
            errors.append(error)

    threads = [threading.Thread(target=create) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    sequence = sorted(int(n[-4:]) for n in numbers)
    assert len(set(numbers)) == 6 and sequence == list(range(sequence[0], sequence[0] + 6))


def test_the_status_flow_only_moves_forward_and_needs_its_facts(app, admin):
    number = new_problem(app, admin)
    assert problems.next_statuses("identified") == ("investigating", "root_cause_known", "fix_available", "resolved")
    problems.change_status(app, admin, number, "investigating", note="收集日志中")
    with pytest.raises(ValidationError, match="root cause first") as raised:
        problems.change_status(app, admin, number, "root_cause_known")
    assert raised.value.field == "root_cause"
    version = load(app, number).version
    problems.update_problem(app, admin, number, expected_version=version, root_cause="固件 7.2 控制器看门狗超时。")
    with pytest.raises(StaleEditError):
        problems.update_problem(app, admin, number, expected_version=version, impact="stale")
    problems.change_status(app, admin, number, "root_cause_known")
    with pytest.raises(ValidationError, match="only moves forward"):
        problems.change_status(app, admin, number, "investigating")
    with pytest.raises(ValidationError, match="Publish the workaround"):
        problems.change_status(app, admin, number, "workaround_available")
    with pytest.raises(ValidationError, match="Close the problem"):
        problems.change_status(app, admin, number, "closed")
    with app.session() as session:
        timeline = session.execute(select(ProblemChange.action, ProblemChange.status)
                                   .where(ProblemChange.problem_id == load(app, number).id)
                                   .order_by(ProblemChange.id)).all()
    assert [tuple(t) for t in timeline] == [("created", "identified"), ("status", "investigating"),
                                            ("updated", "investigating"), ("status", "root_cause_known")]


def test_publishing_a_workaround_makes_a_known_error_and_tells_the_linked_incidents(app, admin, reference, events):
    number = new_problem(app, admin)
    first, second = incident(app, admin, reference), incident(app, admin, reference, status="new")
    problems.link_incident(app, admin, number, first)
    problems.link_incident(app, admin, number, second.lower())
    told = problems.publish_workaround(app, admin, number, "升级前请勿在高峰期切换控制器。Do not fail over at peak time.")
    assert told == [first, second]
    (event,) = [e for e in events if e.name == "crisis_bulletin.workaround_published"]
    assert event.payload == {"problem": number, "title": load(app, number).title,
                             "workaround": "升级前请勿在高峰期切换控制器。Do not fail over at peak time.",
                             "incidents": [first, second]}
    problem = load(app, number)
    assert problem.status == "workaround_available" and problem.workaround_published_at is not None
    with pytest.raises(ValidationError):
        problems.publish_workaround(app, admin, number, " ")


def test_closing_needs_a_resolved_problem_and_reports_its_incidents(app, admin, reference, events):
    number = new_problem(app, admin)
    linked = incident(app, admin, reference)
    problems.link_incident(app, admin, number, linked)
    with pytest.raises(ValidationError, match="resolve it first"):
        problems.close_problem(app, admin, number)
    problems.change_status(app, admin, number, "resolved")
    assert problems.close_problem(app, admin, number, note="Fixed in 7.2.1") == [linked]
    (event,) = [e for e in events if e.name == "crisis_bulletin.problem_closed"]
    assert event.payload == {"problem": number, "title": load(app, number).title, "incidents": [linked]}
    with pytest.raises(ValidationError, match="closed"):
        problems.update_problem(app, admin, number, impact="late")
    with pytest.raises(ValidationError, match="closed"):
        problems.link_incident(app, admin, number, incident(app, admin, reference))


def test_resolving_the_linked_incidents_together_reports_each_one(app, admin, reference):
    number = new_problem(app, admin)
    ready, fresh, done = (incident(app, admin, reference), incident(app, admin, reference, status="new"),
                          incident(app, admin, reference))
    incidents.change_status(app, admin, done, "resolved")
    for linked in (ready, fresh, done):
        problems.link_incident(app, admin, number, linked)
    problems.change_status(app, admin, number, "resolved")
    problems.close_problem(app, admin, number)
    outcome = problems.resolve_linked_incidents(app, admin, number)
    assert set(outcome) == {ready, fresh}  # the resolved one is no longer open
    assert outcome[ready] is None and "assigned" in outcome[fresh]
    with app.session() as session:
        assert problems.open_linked_incidents(app, session, load(app, number).id) == [fresh]


def test_links_work_from_either_side_and_unknown_incidents_are_refused(app, admin, reference):
    number = new_problem(app, admin, category=unique("分类 "))
    linked = incident(app, admin, reference)
    assert problems.link_incident(app, admin, number, f" {linked.lower()} ") == linked
    with pytest.raises(ValidationError, match="already linked"):
        problems.link_incident(app, admin, number, linked)
    with pytest.raises(ValidationError, match="no incident INC-1999-999999"):
        problems.link_incident(app, admin, number, "INC-1999-999999")
    problem = load(app, number)
    with app.session() as session:
        assert problems_of_incident(session, linked) == [(number, problem.title, "identified")]
        assert open_problems(session, problem.category) == [(number, problem.title, "identified")]
    problems.unlink_incident(app, admin, number, linked)
    with pytest.raises(ValidationError, match="not linked"):
        problems.unlink_incident(app, admin, number, linked)
    with pytest.raises(NotFound):
        problems.link_incident(app, admin, "PRB-1999-0001", linked)


def test_without_the_incidents_plugin_any_well_formed_number_is_kept(app, admin, monkeypatch):
    monkeypatch.setattr(app, "has_plugin", lambda name: False)
    number = new_problem(app, admin, incidents=("INC-2026-424242",))
    with app.session() as session:
        assert problems.linked_incidents(session, load(app, number).id) == ["INC-2026-424242"]
        assert problems.incident_facts(app, session, ["INC-2026-424242"]) == {}
    with pytest.raises(ValidationError, match="not active"):
        problems.resolve_linked_incidents(app, admin, number)


def test_who_may_do_what(app, make_actor, admin):
    reader, engineer = make_actor("read_only"), make_actor("engineer")
    with pytest.raises(PermissionDenied, match="crisis_bulletin.edit"):
        new_problem(app, reader)
    number = new_problem(app, engineer)
    with pytest.raises(PermissionDenied, match="crisis_bulletin.publish"):
        problems.publish_workaround(app, engineer, number, "Reboot.")
    with pytest.raises(PermissionDenied, match="crisis_bulletin.publish"):
        problems.close_problem(app, engineer, number)
    with pytest.raises(PermissionDenied, match="crisis_bulletin.publish"):
        problems.resolve_linked_incidents(app, engineer, number)
    with pytest.raises(PermissionDenied, match="crisis_bulletin.edit"):
        problems.change_status(app, reader, number, "investigating")
