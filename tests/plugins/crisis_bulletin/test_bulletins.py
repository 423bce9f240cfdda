"""Bulletins: drafts, publishing to an audience (roles, groups, partners), revisions, withdrawal, visibility."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from console.api import NotFound, PermissionDenied, StaleEditError, ValidationError, utcnow
from plugins.crisis_bulletin import acknowledgements, audience, bulletins, problems
from plugins.crisis_bulletin.models import Bulletin, Revision
from tests.plugins import unique
from tests.plugins.crisis_bulletin.conftest import acks, notes


def load(app, bulletin_id) -> Bulletin:
    with app.session() as session:
        return bulletins.load(session, bulletin_id)


def test_audience_resolution(app, team, make_actor):
    outsider_partner = make_actor("engineer", partner_code=unique("Q"))
    with app.session() as session:
        everyone = audience.readers(session, [("everyone", "")])
        by_group = audience.readers(session, [("group", str(team.group_id))])
        by_role = audience.readers(session, [("role", "team_lead")])
        partner = audience.readers(session, [("partner", team.partner_code)])
        mixed = audience.readers(session, [("group", str(team.group_id)), ("partner", team.partner_code)])
        engineers = audience.readers(session, [("role", "engineer")])
    assert {m.user_id for m in team.members} <= everyone
    assert team.partner.user_id not in everyone and outsider_partner.user_id not in everyone
    assert by_group == {m.user_id for m in team.members}
    assert team.lead.user_id in by_role and team.first.user_id not in by_role
    assert outsider_partner.user_id not in engineers and team.first.user_id in engineers
    assert partner == {team.partner.user_id}
    assert mixed == by_group | partner


@pytest.mark.parametrize(("entries", "message"), [
    ([], "Choose who"), ([("role", "pilot")], "no role 'pilot'"), ([("group", "-4")], "no group"),
    ([("partner", " ")], "partner's code"), ([("planet", "x")], "not an audience"),
])
def test_bad_audiences_are_refused(app, admin, entries, message):
    with pytest.raises(ValidationError, match=message) as raised:
        bulletins.publish_bulletin(app, admin, title="T", body="B", audience=entries)
    assert raised.value.field == "audience"


def test_a_draft_is_saved_then_published_to_its_audience(app, admin, team, events):
    draft = bulletins.save_draft(app, admin, title="固件 7.2 紧急通告", body="", severity="critical",
                                 audience=[("group", str(team.group_id)), ("partner", team.partner_code)])
    assert load(app, draft).status == "draft" and load(app, draft).number is None
    assert acks(app, draft) == {}
    with pytest.raises(ValidationError, match="Write the bulletin's text") as raised:
        bulletins.publish(app, admin, draft)
    assert raised.value.field == "body"
    version = load(app, draft).version
    bulletins.save_draft(app, admin, bulletin_id=draft, expected_version=version, title="固件 7.2 紧急通告",
                         body="**请勿升级** 到 7.2。Do **not** upgrade to 7.2.", severity="critical",
                         audience=[("group", str(team.group_id)), ("partner", team.partner_code)])
    with pytest.raises(StaleEditError):
        bulletins.publish(app, admin, draft, expected_version=version)
    since = max((n.id for n in notes(app, team.first.user_id)), default=0)
    number = bulletins.publish(app, admin, draft)
    assert re.fullmatch(r"BUL-\d{4}-\d{4}", number)
    bulletin = load(app, draft)
    assert (bulletin.status, bulletin.revision, bulletin.ack_revision) == ("active", 1, 1)
    assert bulletin.ack_deadline - bulletin.valid_from == timedelta(hours=24)
    assert set(acks(app, draft)) == {m.user_id for m in team.members} | {team.partner.user_id}
    (note,) = notes(app, team.first.user_id, since)
    assert note.title.startswith(f"新严重通告 {number}") and note.severity == "critical"  # first reads Chinese
    assert note.link == f"crisis_bulletin.bulletins#{draft}"
    assert notes(app, team.second.user_id, since)[-1].title.startswith(f"New critical bulletin {number}")
    published = [e for e in events if e.name == "crisis_bulletin.bulletin_published"][-1]
    assert published.payload["bulletin"] == number and published.payload["readers"] == 5
    with pytest.raises(ValidationError, match="already published"):
        bulletins.publish(app, admin, draft)


def test_dates_are_checked_and_a_later_start_is_scheduled(app, admin, publish, setting):
    now = utcnow()
    with pytest.raises(ValidationError) as raised:
        publish(valid_until=now - timedelta(hours=1))
    assert raised.value.field == "valid_until"
    with pytest.raises(ValidationError) as raised:
        publish(valid_until=now + timedelta(hours=2), ack_deadline=now + timedelta(hours=3))
    assert raised.value.field == "ack_deadline"
    short = publish(valid_until=now + timedelta(hours=2))
    assert load(app, short).ack_deadline == load(app, short).valid_until  # capped by the validity
    setting("crisis_bulletin.ack_hours", 4)
    later = publish(valid_from=now + timedelta(days=1))
    bulletin = load(app, later)
    assert bulletin.status == "scheduled" and acks(app, later) == {}
    assert bulletin.ack_deadline - bulletin.valid_from == timedelta(hours=4)


def test_an_update_is_a_new_revision_and_may_ask_for_acknowledgement_again(app, admin, team, publish, events):
    bulletin_id = publish(audience=[("group", str(team.group_id))], severity="major", body="第一版 First version")
    acknowledgements.acknowledge(app, team.first, bulletin_id)
    bulletin = load(app, bulletin_id)
    revision = bulletins.update_bulletin(
        app, admin, bulletin_id, note="补充受影响型号 Added the affected models", title=bulletin.title,
        body="第二版 Second version", severity="major", audience=[("group", str(team.group_id))],
        valid_until=None, ack_deadline=None, expected_version=bulletin.version)
    assert revision == 2 and load(app, bulletin_id).ack_revision == 1
    assert acks(app, bulletin_id)[team.first.user_id].acknowledged_revision == 1  # still counts
    since = max(n.id for n in notes(app, team.first.user_id))
    deadline = utcnow() + timedelta(hours=6)
    bulletins.update_bulletin(app, admin, bulletin_id, note="发布修复 Fix released", title=bulletin.title,
                              body="第三版 Third version", severity="critical",
                              audience=[("group", str(team.group_id)), ("role", "team_lead")],
                              valid_until=None, ack_deadline=deadline, ask_ack_again=True)
    bulletin = load(app, bulletin_id)
    assert (bulletin.revision, bulletin.ack_revision, bulletin.severity) == (3, 3, "critical")
    rows = acks(app, bulletin_id)
    assert rows[team.first.user_id].acknowledged_revision == 1 < bulletin.ack_revision
    assert "请于" in notes(app, team.first.user_id, since)[-1].body
    with app.session() as session:
        timeline = session.execute(select(Revision.revision, Revision.note, Revision.asks_ack)
                                   .where(Revision.bulletin_id == bulletin_id).order_by(Revision.revision)).all()
    assert [tuple(t) for t in timeline] == [(1, "", True), (2, "补充受影响型号 Added the affected models", False),
                                            (3, "发布修复 Fix released", True)]
    assert events[-1].name == "crisis_bulletin.bulletin_updated" and events[-1].payload["revision"] == 3
    with pytest.raises(ValidationError) as raised:
        bulletins.update_bulletin(app, admin, bulletin_id, note=" ", title="x", body="y", severity="minor",
                                  audience=[("everyone", "")], valid_until=None, ack_deadline=None)
    assert raised.value.field == "note"


def test_narrowing_the_audience_stops_asking_the_readers_left_out(app, admin, team, publish):
    bulletin_id = publish(audience=[("group", str(team.group_id))])
    acknowledgements.acknowledge(app, team.second, bulletin_id)
    bulletin = load(app, bulletin_id)
    bulletins.update_bulletin(app, admin, bulletin_id, note="只发给组长 Leads only", title=bulletin.title,
                              body=bulletin.body, severity=bulletin.severity, audience=[("role", "team_lead")],
                              valid_until=None, ack_deadline=None)
    readers = set(acks(app, bulletin_id))
    assert team.lead.user_id in readers and team.second.user_id in readers  # acknowledged: kept for the record
    assert team.first.user_id not in readers and team.loner.user_id not in readers


def test_withdrawing_tells_the_readers_and_stops_acknowledgements(app, admin, team, publish):
    bulletin_id = publish(audience=[("group", str(team.group_id))])
    with pytest.raises(ValidationError) as raised:
        bulletins.withdraw(app, admin, bulletin_id, reason="")
    assert raised.value.field == "reason"
    bulletins.withdraw(app, admin, bulletin_id, reason="误发 Sent by mistake")
    assert load(app, bulletin_id).status == "withdrawn"
    assert notes(app, team.second.user_id)[-1].body == "误发 Sent by mistake"
    with pytest.raises(ValidationError, match="withdrawn"):
        acknowledgements.acknowledge(app, team.first, bulletin_id)
    with pytest.raises(ValidationError, match="cannot be updated"):
        bulletins.update_bulletin(app, admin, bulletin_id, note="n", title="t", body="b", severity="minor",
                                  audience=[("everyone", "")], valid_until=None, ack_deadline=None)


def test_a_bulletin_about_a_problem_shows_in_its_timeline(app, admin, publish):
    number = problems.create_problem(app, admin, title=f"核心交换机内存泄漏 {unique()}")
    bulletin_id = publish(problem=number)
    with app.session() as session:
        problem = problems.load(session, number)
        actions = session.scalars(select(problems.ProblemChange.note).where(
            problems.ProblemChange.problem_id == problem.id, problems.ProblemChange.action == "bulletin")).all()
    assert actions == [load(app, bulletin_id).number]
    with pytest.raises(NotFound):
        publish(problem="PRB-1999-0001")


def test_partners_see_only_what_is_addressed_to_them_and_drafts_are_for_publishers(app, admin, team, publish):
    to_partner = publish(audience=[("partner", team.partner_code)])
    to_staff = publish(audience=[("everyone", "")])
    draft = bulletins.save_draft(app, admin, title="草稿 Draft", audience=[("everyone", "")])
    with app.session() as session:
        def seen(actor):
            return set(session.scalars(select(Bulletin.id).where(bulletins.visible_to(actor),
                                                                 Bulletin.id.in_([to_partner, to_staff, draft]))))

        assert seen(team.partner) == {to_partner}
        assert seen(team.first) == {to_partner, to_staff}
        assert seen(admin) == {to_partner, to_staff, draft}
        with pytest.raises(NotFound):
            bulletins.readable(session, team.partner, to_staff)


def test_only_publishers_compose(app, team):
    with pytest.raises(PermissionDenied, match="crisis_bulletin.publish"):
        bulletins.publish_bulletin(app, team.first, title="x", body="y")
    with pytest.raises(PermissionDenied):
        bulletins.save_draft(app, team.partner, title="x")
    assert bulletins.publish_bulletin(app, team.lead, title="组长通告", body="正文",
                                      audience=[("group", str(team.group_id))])


def test_discarding_a_draft(app, admin, publish):
    draft = bulletins.save_draft(app, admin, title="作废 Discard me")
    bulletins.discard_draft(app, admin, draft)
    with pytest.raises(NotFound):
        load(app, draft)
    with pytest.raises(ValidationError, match="Only a draft"):
        bulletins.discard_draft(app, admin, publish())
