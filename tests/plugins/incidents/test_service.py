"""Incident rules: opening, numbering, the status flow and its history, dispatch, the SLA sweep."""

import re
import threading
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from console.api import Context, NotFound, PermissionDenied, ValidationError, utcnow
from console.core import settings
from plugins.incidents import api, service
from plugins.incidents.models import Incident, StatusChange


def open_incident(app, actor, reference, **fields) -> str:
    values = {"title": "服务器硬盘告警 disk alarm", "customer_id": reference.customer_id, "category": "服务器 Server"}
    return service.create_incident(app, actor, **{**values, **fields})


def history(app, number) -> list[tuple[str, str | None]]:
    with app.session() as session:
        return [tuple(r) for r in session.execute(
            select(StatusChange.status, StatusChange.reason).join(Incident)
            .where(Incident.number == number).order_by(StatusChange.id))]


def test_create_incident_numbers_and_records_it(app, admin, reference, events):
    number = open_incident(app, admin, reference, impact="high", urgency="high", channel="email",
                           site_id=reference.site_ids[0], asset_id=reference.asset_ids[0])
    assert re.fullmatch(rf"INC-{utcnow().year}-\d{{6}}", number)
    with app.session() as session:
        summary = api.incident_summary(session, number)
        due = session.scalar(select(Incident.due_at).where(Incident.number == number))
    assert (summary.priority, summary.status, summary.customer_name) == ("P1", "new", "测试客户 Test customer")
    assert due - summary.opened_at == service.RESOLVE_WITHIN["P1"]
    assert history(app, number) == [("new", None)]
    created = [e for e in events if e.name == "incidents.incident_created"]
    assert created[-1].payload["number"] == number and created[-1].payload["category"] == "服务器 Server"


@pytest.mark.parametrize(("impact", "urgency", "priority"), [
    ("high", "high", "P1"), ("high", "medium", "P2"), ("medium", "high", "P2"), ("medium", "medium", "P3"),
    ("low", "high", "P3"), ("high", "low", "P3"), ("low", "medium", "P4"), ("low", "low", "P4"),
])
def test_priority_matrix(impact, urgency, priority):
    assert service.priority_for(impact, urgency) == priority


def test_unassessed_incident_takes_the_default_priority_setting(app, admin, reference):
    number = open_incident(app, admin, reference)
    settings.set_value(app, admin, "incidents.default_priority", "P2")
    try:
        second = open_incident(app, admin, reference)
    finally:
        settings.set_value(app, admin, "incidents.default_priority", "P3")
    with app.session() as session:
        assert api.incident_summary(session, number).priority == "P3"
        assert api.incident_summary(session, second).priority == "P2"


def test_an_assignee_opens_it_as_assigned(app, admin, reference):
    number = open_incident(app, admin, reference, assignee_id=admin.user_id)
    assert history(app, number) == [("assigned", None)]


@pytest.mark.parametrize(("fields", "field"), [
    ({"title": "  "}, "title"),
    ({"title": "x" * 256}, "title"),
    ({"category": ""}, "category"),
    ({"channel": "fax"}, "channel"),
    ({"impact": "high"}, "urgency"),
    ({"urgency": "high"}, "impact"),
    ({"impact": "huge", "urgency": "high"}, "impact"),
    ({"customer_id": -1}, "customer_id"),
    ({"site_id": "other"}, "site_id"),
    ({"asset_id": -1}, "asset_id"),
    ({"assignee_id": -1}, "assignee_id"),
    ({"group_id": -1}, "group_id"),
])
def test_create_incident_rejects_bad_input(app, admin, reference, fields, field):
    if fields.get("site_id") == "other":
        fields["site_id"] = reference.other_site_id
    with pytest.raises(ValidationError) as raised:
        open_incident(app, admin, reference, **fields)
    assert raised.value.field == field
    assert str(raised.value)


def test_reading_is_not_enough_to_open_an_incident(app, make_actor, reference):
    with pytest.raises(PermissionDenied, match="incidents.edit"):
        open_incident(app, make_actor("read_only"), reference)


def test_numbers_are_consecutive_and_unique_under_concurrency(app, admin, reference):
    numbers, errors = [], []

    def worker():
        try:
            for _ in range(3):
                numbers.append(open_incident(app, admin, reference))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    sequences = sorted(int(n.rsplit("-", 1)[1]) for n in numbers)
    assert len(set(numbers)) == 12
    assert sequences == list(range(sequences[0], sequences[0] + 12))


def test_status_flow_is_recorded_in_the_history(app, admin, reference, events):
    number = open_incident(app, admin, reference)
    with pytest.raises(ValidationError, match="person or a group"):
        service.change_status(app, admin, number, "assigned")
    service.change_status(app, admin, number, "assigned", group_id=reference.group_id)
    service.change_status(app, admin, number, "in_progress")
    service.change_status(app, admin, number, "pending", reason="waiting_parts")
    service.change_status(app, admin, number, "in_progress")
    service.change_status(app, admin, number, "resolved")
    with app.session() as session:
        assert api.incident_summary(session, number).resolved_at is not None
    service.change_status(app, admin, number, "reopened")
    with app.session() as session:
        assert api.incident_summary(session, number).resolved_at is None
    service.change_status(app, admin, number, "in_progress")
    service.change_status(app, admin, number, "resolved")
    service.change_status(app, admin, number, "closed")
    assert history(app, number) == [
        ("new", None), ("assigned", None), ("in_progress", None), ("pending", "waiting_parts"),
        ("in_progress", None), ("resolved", None), ("reopened", None), ("in_progress", None),
        ("resolved", None), ("closed", None)]
    changed = [e.payload for e in events if e.name == "incidents.status_changed"]
    assert changed[-1] == {"number": number, "old": "resolved", "new": "closed", "reason": None}
    with pytest.raises(ValidationError, match="final"):
        service.change_status(app, admin, number, "reopened")


@pytest.mark.parametrize(("status", "reason", "message"), [
    ("resolved", None, "can move to assigned, not to resolved"),
    ("sleeping", None, "not a valid status"),
    ("pending", None, "not a valid pending reason"),
    ("pending", "bored", "not a valid pending reason"),
    ("assigned", "waiting_parts", "Only a pending incident has a reason"),
])
def test_change_status_rejects_bad_moves(app, admin, reference, status, reason, message):
    number = open_incident(app, admin, reference)
    with pytest.raises(ValidationError, match=message):
        service.change_status(app, admin, number, status, reason=reason)
    assert history(app, number) == [("new", None)]


def test_change_status_of_an_unknown_incident(app, admin):
    with pytest.raises(NotFound, match="INC-1999-000001"):
        service.change_status(app, admin, "INC-1999-000001", "assigned")


def test_dispatch_emits_the_work_order_event(app, admin, reference, events):
    number = open_incident(app, admin, reference, site_id=reference.site_ids[1])
    service.dispatch_work_order(app, admin, number, "SZ-HT", note="现场更换硬盘")
    dispatched = [e.payload for e in events if e.name == "incidents.work_order_dispatched"][-1]
    assert dispatched["number"] == number and dispatched["partner_code"] == "SZ-HT"
    assert dispatched["site_id"] == reference.site_ids[1]
    with pytest.raises(ValidationError, match="partner code"):
        service.dispatch_work_order(app, admin, number, " ")


def test_a_resolved_incident_is_not_dispatched(app, admin, reference):
    number = open_incident(app, admin, reference, assignee_id=admin.user_id)
    service.change_status(app, admin, number, "in_progress")
    service.change_status(app, admin, number, "resolved")
    with pytest.raises(ValidationError, match="reopen"):
        service.dispatch_work_order(app, admin, number, "SZ-HT")


def test_sla_sweep_counts_open_incidents_past_due(app, admin, reference):
    with app.session() as session:
        before = service.past_due_count(session, utcnow())
    late = open_incident(app, admin, reference)
    done = open_incident(app, admin, reference, assignee_id=admin.user_id)
    service.change_status(app, admin, done, "in_progress")
    service.change_status(app, admin, done, "resolved")
    with app.session() as session:
        session.execute(update(Incident).where(Incident.number.in_([late, done]))
                        .values(due_at=utcnow() - timedelta(hours=1)))
    summary = service.sla_sweep(Context(app, admin))
    assert summary == f"{before + 1} open incidents are past their resolve target"
