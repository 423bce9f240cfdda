"""Migration 0002 carries the rows of the first version over: numbers, revision 1, readers' progress."""

from datetime import datetime, timedelta, timezone

from sqlalchemy import column, insert, select, table

from console.api import UTCDateTime
from console.core import migrate
from console.core.db import make_engine
from console.core.plugins import PluginHost
from plugins.crisis_bulletin.models import (
    Acknowledgement,
    Audience,
    Bulletin,
    IncidentSignal,
    NumberSequence,
    Problem,
    Revision,
)


def test_rows_of_the_first_version_are_carried_over(fresh_database_url):
    engine = make_engine(fresh_database_url)
    host = PluginHost()
    host.discover()
    cfg = migrate.build_config(host)
    migrate.upgrade(engine, cfg, "crisis_bulletin@crisis_bulletin_0001")
    created = datetime(2025, 12, 30, 8, 0, tzinfo=timezone.utc)
    published = datetime(2026, 1, 2, 9, 30, tzinfo=timezone.utc)
    old = {name: table(name, *(column(c) for c in cols), *(column(c, UTCDateTime()) for c in times))
           for name, cols, times in (
               ("core_users", ("id", "username", "display_name", "password_hash", "locale", "timezone", "is_active",
                               "version"), ("created_at",)),
               ("crisis_bulletin_problem", ("id", "title", "status", "urgency", "workaround", "version"),
                ("created_at",)),
               ("crisis_bulletin_bulletin", ("id", "problem_id", "title", "severity", "body", "version"),
                ("published_at", "ack_deadline")),
               ("crisis_bulletin_ack", ("bulletin_id", "user_id"), ("delivered_at", "read_at", "acknowledged_at")),
               ("crisis_bulletin_incident_signal", ("incident_ref", "category"), ("at",)))}
    with engine.begin() as conn:
        conn.execute(insert(old["core_users"]).values(id=1, username="u", display_name="U", password_hash="x",
                                                      locale="en", timezone="UTC", is_active=True, version=1,
                                                      created_at=created))
        conn.execute(insert(old["crisis_bulletin_problem"]), [
            {"id": 1, "title": "旧问题 Old problem", "status": "identified", "urgency": "high", "workaround": "Reboot",
             "version": 1, "created_at": created},
            {"id": 2, "title": "Second", "status": "identified", "urgency": "high", "workaround": "", "version": 1,
             "created_at": created + timedelta(days=1)}])
        conn.execute(insert(old["crisis_bulletin_bulletin"]).values(
            id=1, problem_id=1, title="旧通告", severity="critical", body="正文", version=1, published_at=published,
            ack_deadline=published + timedelta(days=1)))
        conn.execute(insert(old["crisis_bulletin_ack"]).values(bulletin_id=1, user_id=1, delivered_at=published,
                                                               read_at=published, acknowledged_at=published))
        conn.execute(insert(old["crisis_bulletin_incident_signal"]).values(incident_ref="INC-2026-000001",
                                                                          category="PC", at=published))
    migrate.upgrade(engine, cfg)
    with engine.connect() as conn:
        problems = conn.execute(select(Problem.__table__.c.number, Problem.__table__.c.workaround_published_at)
                                .order_by(Problem.__table__.c.id)).all()
        bulletin = conn.execute(select(Bulletin.__table__)).one()
        revision = conn.execute(select(Revision.__table__)).one()
        audience = conn.execute(select(Audience.__table__.c.kind)).scalars().all()
        ack = conn.execute(select(Acknowledgement.__table__)).one()
        checked = conn.execute(select(IncidentSignal.__table__.c.checked)).scalar_one()
        sequences = conn.execute(select(NumberSequence.__table__).order_by("kind", "year")).all()
    assert [p.number for p in problems] == ["PRB-2025-0001", "PRB-2025-0002"]
    assert problems[0].workaround_published_at is not None and problems[1].workaround_published_at is None
    assert (bulletin.number, bulletin.status, bulletin.revision, bulletin.ack_revision) == ("BUL-2026-0001",
                                                                                           "active", 1, 1)
    assert (revision.revision, revision.title, revision.body) == (1, "旧通告", "正文")
    assert audience == ["everyone"]
    assert (ack.read_revision, ack.acknowledged_revision, ack.reminders) == (1, 1, 0)
    assert checked is True or checked == 1
    assert [(s.kind, s.year, s.last_value) for s in sequences] == [("BUL", 2026, 1), ("PRB", 2025, 2)]
    migrate.downgrade(engine, cfg, "crisis_bulletin@crisis_bulletin_0001")
    migrate.upgrade(engine, cfg)
    engine.dispose()
