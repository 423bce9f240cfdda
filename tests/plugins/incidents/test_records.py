"""Incident records: opening, numbering, the matrix, entitlement, the status flow and every pause reason,
assignment rules, edits with history, notes, attachments."""

import re
from decimal import Decimal

import pytest
from console.api import NotFound, PermissionDenied, StaleEditError, ValidationError, utcnow
from console.core import settings
from plugins.incidents import api, catalog, notes, queries, records
from plugins.incidents.models import PENDING_REASONS
from tests.plugins.incidents.conftest import in_threads, open_in, statuses


def view(app, number):
    with app.session() as session:
        return queries.incident_view(session, number)


def test_opening_numbers_entitles_locates_and_announces(app, world, events):
    number = open_in(app, world, impact="high", urgency="high", channel="email", caller_name="王先生",
                     caller_phone="13800001111")
    assert re.fullmatch(rf"INC-{utcnow().year}-\d{{6}}", number)
    incident = view(app, number)
    assert (incident.priority, incident.status, incident.customer) == ("P1", "new", "测试银行 Test bank")
    assert incident.service_level == world.level and not incident.billable
    assert incident.contract.startswith("SC-") and "Covered by contract" in incident.entitlement_note
    assert incident.site_id == world.site_id  # taken from the asset
    assert Decimal("9") < incident.distance_km < Decimal("11")
    assert incident.category == "硬件 Hardware / 服务器 Server"
    assert statuses(app, number) == [("new", None)]
    created = [e.payload for e in events if e.name == "incidents.incident_created"][-1]
    assert created["number"] == number and created["category"] == "服务器 Server"
    assert (created["product"], created["asset_model"]) == ("Dell PowerEdge server", "PowerEdge R750")


def test_warranty_and_billable_calls(app, world):
    warranty = view(app, open_in(app, world, asset_id=world.warranty_asset_id))
    assert warranty.service_level is None and not warranty.billable and "warranty" in warranty.entitlement_note
    no_asset = view(app, open_in(app, world, asset_id=None))
    assert not no_asset.billable and "not checked" in no_asset.entitlement_note


def test_call_count_and_prepaid_balance_end_entitlement(app, world, admin):
    from console.api import ServiceContract

    with app.session() as session:
        contract = session.get(ServiceContract, world.contract_id)
        contract.max_calls = 2
    first, second, third = (view(app, open_in(app, world)) for _ in range(3))
    assert not first.billable and not second.billable
    assert third.billable and "used all 2 calls" in third.entitlement_note
    with app.session() as session:
        contract = session.get(ServiceContract, world.contract_id)
        contract.max_calls, contract.prepaid_balance = None, Decimal("1600.00")
    # three calls consumed nothing yet (no prepaid balance then): two more are charged, the third is billable
    charged = [view(app, open_in(app, world)) for _ in range(3)]
    assert [c.charge for c in charged[:2]] == [Decimal("800.00"), Decimal("800.00")]
    assert charged[2].billable and "prepaid balance" in charged[2].entitlement_note


@pytest.mark.parametrize(("impact", "urgency", "priority"), [
    ("high", "high", "P1"), ("high", "medium", "P2"), ("medium", "high", "P2"), ("medium", "medium", "P3"),
    ("low", "high", "P3"), ("high", "low", "P3"), ("low", "medium", "P4"), ("low", "low", "P4"),
])
def test_default_priority_matrix(app, impact, urgency, priority):
    with app.session() as session:
        assert catalog.priority_for(session, impact, urgency) == priority


def test_the_matrix_is_editable_and_stale_edits_are_refused(app, admin, world):
    with app.session() as session:
        cell = catalog.priority_matrix(session)[("low", "low")]
    assert catalog.update_matrix(app, admin, {("low", "low"): ("P3", cell.version)}) == 1
    try:
        assert view(app, open_in(app, world, impact="low", urgency="low")).priority == "P3"
        with pytest.raises(StaleEditError):
            catalog.update_matrix(app, admin, {("low", "low"): ("P2", cell.version)})
    finally:
        with app.session() as session:
            version = catalog.priority_matrix(session)[("low", "low")].version
        catalog.update_matrix(app, admin, {("low", "low"): ("P4", version)})


def test_unassessed_incident_takes_the_default_priority_setting(app, admin, world):
    settings.set_value(app, admin, "incidents.default_priority", "P2")
    try:
        number = open_in(app, world)
    finally:
        settings.set_value(app, admin, "incidents.default_priority", "P3")
    assert view(app, number).priority == "P2"


@pytest.mark.parametrize(("fields", "field"), [
    ({"title": "  "}, "title"),
    ({"title": "x" * 256}, "title"),
    ({"category_id": None}, "category_id"),
    ({"channel": "fax"}, "channel"),
    ({"impact": "high"}, "urgency"),
    ({"urgency": "high"}, "impact"),
    ({"impact": "huge", "urgency": "high"}, "impact"),
    ({"customer_id": -1}, "customer_id"),
    ({"asset_id": -1}, "asset_id"),
    ({"assignee_id": -1}, "assignee_id"),
    ({"group_id": -1}, "group_id"),
])
def test_opening_rejects_bad_input(app, world, fields, field):
    with pytest.raises(ValidationError) as raised:
        open_in(app, world, **fields)
    assert raised.value.field == field and str(raised.value)


def test_numbers_are_consecutive_and_unique_under_concurrency(app, world):
    numbers = []
    assert not in_threads(4, lambda: numbers.extend(open_in(app, world, asset_id=None) for _ in range(3)))
    sequences = sorted(int(n.rsplit("-", 1)[1]) for n in numbers)
    assert len(set(numbers)) == 12 and sequences == list(range(sequences[0], sequences[0] + 12))


def test_the_status_flow_with_every_pause_reason(app, world, events):
    number = open_in(app, world)
    with pytest.raises(ValidationError, match="person or a group"):
        records.change_status(app, world.admin, number, "assigned")
    records.change_status(app, world.admin, number, "assigned", group_id=world.group_id)
    records.change_status(app, world.admin, number, "in_progress")
    for reason in PENDING_REASONS:
        records.change_status(app, world.admin, number, "pending", reason=reason)
        assert view(app, number).pending_reason == reason
        records.change_status(app, world.admin, number, "in_progress")
    records.change_status(app, world.admin, number, "resolved", resolution="更换硬盘后恢复")
    resolved = view(app, number)
    assert resolved.resolved_at is not None and resolved.restored_at == resolved.resolved_at
    assert resolved.resolution == "更换硬盘后恢复"
    records.change_status(app, world.admin, number, "reopened")
    assert view(app, number).resolved_at is None and view(app, number).restored_at is None
    records.change_status(app, world.admin, number, "in_progress")
    records.change_status(app, world.admin, number, "resolved")
    records.change_status(app, world.admin, number, "closed")
    assert statuses(app, number) == [
        ("new", None), ("assigned", None), ("in_progress", None),
        *[pair for r in PENDING_REASONS for pair in (("pending", r), ("in_progress", None))],
        ("resolved", None), ("reopened", None), ("in_progress", None), ("resolved", None), ("closed", None)]
    assert [e.payload for e in events if e.name == "incidents.status_changed"][-1] == {
        "number": number, "old": "resolved", "new": "closed", "reason": None}
    with pytest.raises(ValidationError, match="final"):
        records.change_status(app, world.admin, number, "reopened")


@pytest.mark.parametrize(("status", "reason", "message"), [
    ("resolved", None, "can move to assigned, not to resolved"),
    ("sleeping", None, "not a valid status"),
    ("pending", None, "not a valid pending reason"),
    ("pending", "bored", "not a valid pending reason"),
    ("assigned", "waiting_parts", "Only a pending incident has a reason"),
])
def test_bad_moves_are_refused(app, world, status, reason, message):
    number = open_in(app, world)
    with pytest.raises(ValidationError, match=message):
        records.change_status(app, world.admin, number, status, reason=reason)
    assert statuses(app, number) == [("new", None)]


def test_an_unknown_incident(app, admin):
    with pytest.raises(NotFound, match="INC-1999-000001"):
        records.change_status(app, admin, "INC-1999-000001", "assigned")


def test_engineers_work_their_own_incidents(app, world):
    mine = open_in(app, world, assignee_id=world.engineer.user_id, group_id=world.group_id)
    records.change_status(app, world.engineer, mine, "in_progress")
    theirs = open_in(app, world, assignee_id=world.lead.user_id, group_id=world.group_id)
    with pytest.raises(PermissionDenied, match="own incidents"):
        records.change_status(app, world.engineer, theirs, "in_progress")
    with pytest.raises(PermissionDenied, match="own incidents"):
        records.update_incident(app, world.engineer, theirs, title="changed")
    notes.add_note(app, world.engineer, theirs, "客户来电补充信息")  # anyone may note what a caller said


def test_taking_releasing_and_reassigning(app, world):
    queued = open_in(app, world, group_id=world.group_id)
    with pytest.raises(PermissionDenied, match="own incidents"):
        records.change_status(app, world.other, queued, "in_progress")  # not in the group
    records.assign(app, world.engineer, queued, assignee_id=world.engineer.user_id)  # takes it
    with pytest.raises(PermissionDenied, match="incidents.manage"):
        records.assign(app, world.other, queued, assignee_id=world.other.user_id)
    records.assign(app, world.engineer, queued, assignee_id=None, group_id=world.group_id)  # hands it back
    records.assign(app, world.lead, queued, assignee_id=world.other.user_id)  # a lead reassigns
    incident = view(app, queued)
    assert incident.assignee == "Other engineer" and incident.group_id == world.group_id


def test_engineers_do_not_change_priority(app, world):
    number = open_in(app, world, assignee_id=world.engineer.user_id, impact="low", urgency="low")
    with pytest.raises(PermissionDenied, match="incidents.manage"):
        records.update_incident(app, world.engineer, number, impact="high", urgency="high")
    records.update_incident(app, world.lead, number, impact="high", urgency="high")
    assert view(app, number).priority == "P1"


def test_reading_is_not_enough_to_open_or_note(app, world, make_actor):
    reader = make_actor("read_only")
    with pytest.raises(PermissionDenied, match="incidents.edit"):
        open_in(app, world, actor=reader)
    number = open_in(app, world)
    with pytest.raises(PermissionDenied, match="incidents.edit"):
        notes.add_note(app, reader, number, "x")


def test_edits_are_kept_in_the_history(app, world):
    number = open_in(app, world, assignee_id=world.engineer.user_id)
    version = view(app, number).version
    version = records.update_incident(app, world.engineer, number, expected_version=version,
                                      title="RAID 降级 degraded", asset_id=world.warranty_asset_id)
    with pytest.raises(StaleEditError):
        records.update_incident(app, world.engineer, number, expected_version=version - 1, title="late")
    notes.add_note(app, world.engineer, number, "已联系客户 called back", "customer")
    with app.session() as session:
        incident = queries.incident_view(session, number)
        entries = queries.history(session, incident.id)
    fields = {(e.name, e.old, e.new) for e in entries if e.kind == "field"}
    assert ("title", "服务器硬盘告警 disk alarm", "RAID 降级 degraded") in fields
    assert ("asset_id", str(world.asset_id), str(world.warranty_asset_id)) in fields
    assert ("assignee_id", None, "陈工 Engineer") not in fields  # set at opening: in the status history
    assert incident.service_level is None  # the new asset has a warranty only
    assert [e.detail for e in entries if e.kind == "note"] == ["已联系客户 called back"]


def test_attachments(app, world, tmp_path, admin, make_actor):
    number = open_in(app, world)
    report = tmp_path / "现场报告.txt"
    report.write_text("硬盘已更换", encoding="utf-8")
    attachment = notes.add_attachment(app, admin, number, report)
    assert notes.attachment_data(app, admin, attachment) == ("现场报告.txt", "硬盘已更换".encode())
    settings.set_value(app, admin, "incidents.attachment_max_mb", 1)
    big = tmp_path / "big.bin"
    big.write_bytes(b"0" * (1024 * 1024 + 1))
    with pytest.raises(ValidationError, match="at most 1 MB"):
        notes.add_attachment(app, admin, number, big)
    settings.set_value(app, admin, "incidents.attachment_max_mb", 20)
    with pytest.raises(PermissionDenied):
        notes.attachment_data(app, make_actor("timesheet_reviewer"), attachment)


def test_service_restored_is_a_milestone(app, world):
    number = open_in(app, world)
    with pytest.raises(ValidationError, match="being worked"):
        records.mark_restored(app, world.admin, number)
    records.assign(app, world.admin, number, assignee_id=world.admin.user_id)
    records.change_status(app, world.admin, number, "in_progress")
    records.mark_restored(app, world.admin, number)
    with pytest.raises(ValidationError, match="already restored"):
        records.mark_restored(app, world.admin, number)


def test_api_summaries_and_resolving_together(app, world, admin):
    number = open_in(app, world, assignee_id=admin.user_id)
    new = open_in(app, world)
    records.change_status(app, admin, number, "in_progress")
    outcome = api.resolve_incidents(app, admin, [number, new, "INC-1999-000001"])
    assert outcome[number] is None and "not to resolved" in outcome[new] and "no incident" in outcome["INC-1999-000001"]
    with app.session() as session:
        summary = api.incident_summary(session, number)
        assert (summary.status, summary.category, summary.customer_name) == ("resolved", "服务器 Server",
                                                                             "测试银行 Test bank")
        assert api.incident_summary(session, "INC-1999-000001") is None


def test_auto_close(app, world, admin, now):
    from datetime import timedelta

    number = open_in(app, world, assignee_id=admin.user_id)
    records.change_status(app, admin, number, "in_progress")
    records.change_status(app, admin, number, "resolved")
    assert records.close_resolved(app, 5, now=now + timedelta(days=6)) >= 1
    assert view(app, number).status == "closed"
    assert statuses(app, number)[-1] == ("closed", None)

