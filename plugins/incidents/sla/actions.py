"""Escalation firings: recorded once, then acted on — notify, reassign to a group, raise priority.

A firing is one row per (incident, clock, level, repetition). A batch of firings is one insert
that skips a duplicate (``ON CONFLICT DO NOTHING`` on PostgreSQL and SQLite, ``INSERT IGNORE`` on
MariaDB) and returns the keys it wrote, so when two runners race, the one whose insert counted is
the one that acts, inside the same transaction; the other does nothing. Notifications are
written in each recipient's language.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam, select, update
from sqlalchemy.dialects import mysql, postgresql, sqlite
from sqlalchemy.orm import Session

from console.api import Group, UnitOfWork, User
from plugins.incidents.models import PRIORITIES, Escalation, FieldChange, Incident
from plugins.incidents.notices import Letters
from plugins.incidents.rules import INCIDENT_PAGE
from plugins.incidents.sla.clocks import Level

ACTOR = "escalation"
#: The unique key of a firing.
FIRING_KEY = ("incident_id", "clock_id", "level", "repetition")
METRIC_NAMES = {
    "en": {"response": "response", "onsite": "on-site", "restore": "restore", "resolve": "resolve"},
    "zh_CN": {"response": "响应", "onsite": "到场", "restore": "恢复", "resolve": "解决"},
}
TEXTS = {
    "en": {
        "title": "{number} escalation level {level}: {share} of the {metric} target",
        "body": "{priority} · {title}\n{summary}",
        "reassigned": "Reassigned to {group}.",
        "raised": "Priority raised from {old} to {new}.",
        "notified": "Notified: {who}.",
        "unchanged": "Nothing to change: already {value}.",
    },
    "zh_CN": {
        "title": "{number} 升级第 {level} 级：{metric}时限已用 {share}",
        "body": "{priority} · {title}\n{summary}",
        "reassigned": "已转派给 {group}。",
        "raised": "优先级由 {old} 提升为 {new}。",
        "notified": "已通知：{who}。",
        "unchanged": "无需变更：已是 {value}。",
    },
}


def insert_ignoring_duplicates(session: Session, table, rows: list[dict], key: tuple[str, ...]) -> set[tuple]:
    """Insert ``rows`` in one statement, skipping each that duplicates a unique key; returns the ``key`` values
    of the rows this call inserted (in ``key`` order, to lock rows in one order whoever runs)."""
    if not rows:
        return set()
    dialect = session.get_bind().dialect.name
    if dialect in ("mysql", "mariadb"):
        statement = mysql.insert(table).prefix_with("IGNORE")
    else:
        statement = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table).on_conflict_do_nothing()
    ordered = sorted(rows, key=lambda row: tuple(row[name] for name in key))
    returned = session.execute(statement.returning(*(table.c[name] for name in key)), ordered)
    return {tuple(row) for row in returned}


class Directory:
    """Groups and users as a batch of firings needs them, each read once (a sweep fires thousands at once)."""

    def __init__(self, session: Session):
        self.session = session
        self.groups = {gid: (name, lead) for gid, name, lead in session.execute(
            select(Group.id, Group.name, Group.lead_id))}
        self.leads: dict[int, int | None] = {}
        self.names: dict[int, str] = {}
        self.roles: dict[str, list[int]] = {}

    def group_name(self, group_id: int | None) -> str | None:
        return self.groups.get(group_id, (None, None))[0]

    def group_lead(self, group_id: int | None) -> int | None:
        return self.groups.get(group_id, (None, None))[1]

    def manager(self, user_id: int | None) -> int | None:
        """The user's lead (None for nobody)."""
        if user_id and user_id not in self.leads:
            self._read([user_id])
        return self.leads.get(user_id) if user_id else None

    def display_names(self, user_ids: list[int | None]) -> str:
        wanted = [u for u in user_ids if u]
        self._read([u for u in wanted if u not in self.names])
        return ", ".join(self.names[u] for u in sorted(set(wanted)) if u in self.names)

    def role_members(self, role: str) -> list[int]:
        if role not in self.roles:
            self.roles[role] = list(self.session.scalars(
                select(User.id).where(User.is_active.is_(True), User.roles.any(role=role))))
        return self.roles[role]

    def _read(self, user_ids: list[int]) -> None:
        if not user_ids:
            return
        for user_id, lead_id, name in self.session.execute(
                select(User.id, User.lead_id, User.display_name).where(User.id.in_(user_ids))):
            self.leads[user_id], self.names[user_id] = lead_id, name
        for user_id in user_ids:
            self.leads.setdefault(user_id, None)


def fire(work: UnitOfWork, items: list[tuple[int, int, str, Level, int]], now: datetime) -> tuple[int, set[int]]:
    """Record and act on ``(clock_id, incident_id, metric, level, repetition)`` firings.

    Returns how many this transaction recorded, and the incidents whose priority it raised.
    """
    session, recorded, raised = work.session, [], set()
    table = Escalation.__table__
    incidents = {i.id: i for i in session.scalars(select(Incident).where(
        Incident.id.in_(sorted({item[1] for item in items}))))}
    people, letters = Directory(session), Letters(session)
    ours = insert_ignoring_duplicates(session, table, [
        {"incident_id": incident_id, "clock_id": clock_id, "level": level.number, "repetition": repetition,
         "fired_at": now, "action": level.action, "summary": ""}
        for clock_id, incident_id, _metric, level, repetition in items], FIRING_KEY)
    summaries = []
    for clock_id, incident_id, metric, level, repetition in items:
        if (incident_id, clock_id, level.number, repetition) not in ours:
            continue  # another console or worker recorded (and acted on) this firing, or it came twice
        ours.remove((incident_id, clock_id, level.number, repetition))
        incident = incidents[incident_id]
        summary, recipients, changes = _plan(people, incident, level)
        if summary:
            summaries.append({"key_incident": incident_id, "key_clock": clock_id, "key_level": level.number,
                              "key_repetition": repetition, "new_summary": summary["en"][:255]})
        recorded.append({"incident": incident.number, "level": level.number, "repetition": repetition,
                         "action": level.action, "metric": metric})
        for field, new in changes:
            _change(session, incident, field, getattr(incident, field), new, now)
            setattr(incident, field, new)
        if changes:
            incident.updated_at = now
        if any(field == "priority" for field, _value in changes):
            raised.add(incident_id)
        if summary:
            _send(letters, incident, level, metric, summary, recipients)
    letters.post()
    if summaries:  # what each firing did, in one statement
        session.execute(update(table).where(
            table.c.incident_id == bindparam("key_incident"), table.c.clock_id == bindparam("key_clock"),
            table.c.level == bindparam("key_level"), table.c.repetition == bindparam("key_repetition"))
            .values(summary=bindparam("new_summary")), summaries)
    if recorded:
        work.audit("incident.escalate", "incident", recorded[0]["incident"] if len(recorded) == 1 else "*",
                   {"firings": recorded})
    return len(recorded), raised


def _plan(people: Directory, incident: Incident, level: Level) -> tuple[dict[str, str] | None, list, list]:
    """What the level will do: its summary per language, whom it tells, the fields it changes."""
    if level.action == "reassign" and level.group_id and level.group_id != incident.group_id:
        known = level.group_id in people.groups
        name = people.group_name(level.group_id) if known else level.group_id
        summary = {lang: TEXTS[lang]["reassigned"].format(group=name) for lang in TEXTS}
        return summary, [people.group_lead(level.group_id)], [("group_id", level.group_id), ("assignee_id", None)]
    if level.action == "raise_priority" and incident.priority != PRIORITIES[0]:
        old = incident.priority
        new = PRIORITIES[PRIORITIES.index(old) - 1]
        summary = {lang: TEXTS[lang]["raised"].format(old=old, new=new) for lang in TEXTS}
        return summary, [incident.assignee_id, people.group_lead(incident.group_id)], [("priority", new)]
    if level.action == "notify":
        recipients = _notify_targets(people, incident, level)
        names = people.display_names(recipients)
        return {lang: TEXTS[lang]["notified"].format(who=names or "—") for lang in TEXTS}, recipients, []
    value = incident.priority if level.action == "raise_priority" else str(incident.group_id)
    if level.action == "reassign":
        value = people.group_name(incident.group_id) or value
    return {lang: TEXTS[lang]["unchanged"].format(value=value) for lang in TEXTS}, [], []


def _change(session: Session, incident: Incident, field: str, old, new, now: datetime) -> None:
    session.add(FieldChange(incident_id=incident.id, at=now, actor=ACTOR, field=field,
                            old_value=None if old is None else str(old), new_value=None if new is None else str(new)))


def _notify_targets(people: Directory, incident: Incident, level: Level) -> list[int | None]:
    """Who a notify level reaches; an unassigned incident's assignee falls back to the group lead."""
    target = level.notify_target or "assignee"
    if target == "assignee":
        return [incident.assignee_id or people.group_lead(incident.group_id)]
    if target == "group_lead":
        return [people.group_lead(incident.group_id) or people.manager(incident.assignee_id)]
    if target == "manager":
        return [people.manager(incident.assignee_id) or people.group_lead(incident.group_id)]
    return people.role_members(level.role)


def _send(letters: Letters, incident: Incident, level: Level, metric: str, summary: dict[str, str],
          recipients: list[int | None]) -> None:
    """One notification per recipient, in the recipient's own language."""
    severity = "critical" if level.trigger == "share" and (level.share_percent or 0) >= 100 else "warning"
    share = f"{level.share_percent}%" if level.trigger == "share" else f"{level.offset_minutes} min"
    titles = {lang: TEXTS[lang]["title"].format(number=incident.number, level=level.number, share=share,
                                                metric=METRIC_NAMES[lang].get(metric, metric)) for lang in TEXTS}
    bodies = {lang: TEXTS[lang]["body"].format(priority=incident.priority, title=incident.title,
                                               summary=summary[lang]) for lang in TEXTS}
    letters.add(recipients, titles, bodies, severity, f"{INCIDENT_PAGE}#{incident.number}")
