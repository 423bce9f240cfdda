"""What incidents does with crisis bulletins' events: notes and notifications, never an exception."""

from sqlalchemy import select

from console.api import DomainEvent
from console.core.models import Notification
from plugins.incidents import listeners, queries, records
from plugins.incidents.models import Incident, Note
from tests.plugins.incidents.conftest import open_in


def notes_of(app, number):
    with app.session() as session:
        return list(session.scalars(select(Note.body).join(Incident, Incident.id == Note.incident_id)
                                    .where(Incident.number == number)))


def titles(app, user_id):
    with app.session() as session:
        return list(session.scalars(select(Notification.title).where(Notification.user_id == user_id)))


def test_a_workaround_reaches_open_incidents_and_their_assignees(app, world):
    open_one = open_in(app, world, assignee_id=world.engineer.user_id)
    done = open_in(app, world, assignee_id=world.engineer.user_id)
    records.change_status(app, world.engineer, done, "in_progress")
    records.change_status(app, world.engineer, done, "resolved")
    app.publish(DomainEvent("crisis_bulletin.workaround_published", {
        "problem": "PRB-2026-0042", "title": "固件缺陷导致硬盘误报", "workaround": "升级 iDRAC 固件至 7.10",
        "incidents": [open_one, done, "INC-1999-000001"]}))
    assert notes_of(app, open_one) == ["PRB-2026-0042 固件缺陷导致硬盘误报\n升级 iDRAC 固件至 7.10"]
    assert notes_of(app, done) == []
    assert any(open_one in t and "PRB-2026-0042" in t for t in titles(app, world.engineer.user_id))
    with app.session() as session:
        note = queries.notes(session, queries.incident_view(session, open_one).id)[0]
        assert (note.visibility, note.source) == ("internal", "PRB-2026-0042")


def test_a_closed_problem_tells_the_assignees(app, world):
    number = open_in(app, world, assignee_id=world.engineer.user_id)
    app.publish(DomainEvent("crisis_bulletin.problem_closed", {"problem": "PRB-2026-0043", "title": "已修复",
                                                               "incidents": [number]}))
    assert any("PRB-2026-0043" in t and number in t for t in titles(app, world.engineer.user_id))


def test_listeners_never_raise(app, monkeypatch, caplog):
    def broken(_app, _event):
        raise RuntimeError("boom")

    monkeypatch.setitem(listeners.HANDLERS, "crisis_bulletin.problem_closed", broken)
    app.publish(DomainEvent("crisis_bulletin.problem_closed", {"incidents": ["INC-1999-000001"]}))
    assert "incidents failed on crisis_bulletin.problem_closed" in caplog.text
    assert app.plugins.records["incidents"].active
    assert listeners.workaround_published(app, DomainEvent("crisis_bulletin.workaround_published", {})) == 0
