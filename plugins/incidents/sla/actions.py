"""Escalation firings: recorded once, then acted on — notify, reassign to a group, raise priority.

A firing is one row per (incident, clock, level, repetition). The insert ignores a duplicate
(``ON CONFLICT DO NOTHING`` on PostgreSQL and SQLite, ``INSERT IGNORE`` on MariaDB), so when two
runners race, the one whose insert counted is the one that acts, inside the same transaction;
the other does nothing. Notifications are written in each recipient's language.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.dialects import mysql, postgresql, sqlite
from sqlalchemy.orm import Session

from console.api import Group, UnitOfWork, User
from plugins.incidents.models import PRIORITIES, Escalation, FieldChange, Incident
from plugins.incidents.notices import tell
from plugins.incidents.rules import INCIDENT_PAGE
from plugins.incidents.sla.clocks import Level

ACTOR = "escalation"
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


def insert_ignoring_duplicate(session: Session, table, values: dict) -> bool:
    """Insert one row unless it duplicates a unique key; True when this call inserted it."""
    dialect = session.get_bind().dialect.name
    if dialect in ("mysql", "mariadb"):
        return session.execute(mysql.insert(table).values(**values).prefix_with("IGNORE")).rowcount == 1
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(table).values(**values).on_conflict_do_nothing().returning(*table.primary_key.columns)
    return session.execute(statement).first() is not None  # PostgreSQL reports no rowcount here


def fire(work: UnitOfWork, items: list[tuple[int, int, str, Level, int]], now: datetime) -> tuple[int, set[int]]:
    """Record and act on ``(clock_id, incident_id, metric, level, repetition)`` firings.

    Returns how many this transaction recorded, and the incidents whose priority it raised.
    """
    session, recorded, raised = work.session, [], set()
    table = Escalation.__table__
    incidents = {i.id: i for i in session.scalars(select(Incident).where(
        Incident.id.in_(sorted({item[1] for item in items}))))}
    for clock_id, incident_id, metric, level, repetition in items:
        incident = incidents[incident_id]
        summary, recipients, changes = _plan(session, incident, level)
        values = {"incident_id": incident_id, "clock_id": clock_id, "level": level.number, "repetition": repetition,
                  "fired_at": now, "action": level.action, "summary": summary["en"][:255] if summary else ""}
        if not insert_ignoring_duplicate(session, table, values):
            continue  # another console or worker recorded (and acted on) this firing
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
            _send(session, incident, level, metric, summary, recipients)
    if recorded:
        work.audit("incident.escalate", "incident", recorded[0]["incident"] if len(recorded) == 1 else "*",
                   {"firings": recorded})
    return len(recorded), raised


def _plan(session: Session, incident: Incident, level: Level) -> tuple[dict[str, str] | None, list, list]:
    """What the level will do: its summary per language, whom it tells, the fields it changes."""
    if level.action == "reassign" and level.group_id and level.group_id != incident.group_id:
        group = session.get(Group, level.group_id)
        summary = {lang: TEXTS[lang]["reassigned"].format(group=group.name if group else level.group_id)
                   for lang in TEXTS}
        return summary, [group.lead_id if group else None], [("group_id", level.group_id), ("assignee_id", None)]
    if level.action == "raise_priority" and incident.priority != PRIORITIES[0]:
        old = incident.priority
        new = PRIORITIES[PRIORITIES.index(old) - 1]
        summary = {lang: TEXTS[lang]["raised"].format(old=old, new=new) for lang in TEXTS}
        return summary, [incident.assignee_id, _group_lead(session, incident.group_id)], [("priority", new)]
    if level.action == "notify":
        recipients = _notify_targets(session, incident, level)
        names = ", ".join(session.scalars(select(User.display_name).where(User.id.in_([r for r in recipients if r]))))
        return {lang: TEXTS[lang]["notified"].format(who=names or "—") for lang in TEXTS}, recipients, []
    value = incident.priority if level.action == "raise_priority" else str(incident.group_id)
    if level.action == "reassign":
        value = session.scalar(select(Group.name).where(Group.id == incident.group_id)) or value
    return {lang: TEXTS[lang]["unchanged"].format(value=value) for lang in TEXTS}, [], []


def _change(session: Session, incident: Incident, field: str, old, new, now: datetime) -> None:
    session.add(FieldChange(incident_id=incident.id, at=now, actor=ACTOR, field=field,
                            old_value=None if old is None else str(old), new_value=None if new is None else str(new)))


def _group_lead(session: Session, group_id: int | None) -> int | None:
    return session.scalar(select(Group.lead_id).where(Group.id == group_id)) if group_id else None


def _manager(session: Session, user_id: int | None) -> int | None:
    return session.scalar(select(User.lead_id).where(User.id == user_id)) if user_id else None


def _notify_targets(session: Session, incident: Incident, level: Level) -> list[int | None]:
    """Who a notify level reaches; an unassigned incident's assignee falls back to the group lead."""
    target = level.notify_target or "assignee"
    if target == "assignee":
        return [incident.assignee_id or _group_lead(session, incident.group_id)]
    if target == "group_lead":
        return [_group_lead(session, incident.group_id) or _manager(session, incident.assignee_id)]
    if target == "manager":
        return [_manager(session, incident.assignee_id) or _group_lead(session, incident.group_id)]
    return list(session.scalars(select(User.id).where(User.is_active.is_(True), User.roles.any(role=level.role))))


def _send(session: Session, incident: Incident, level: Level, metric: str, summary: dict[str, str],
          recipients: list[int | None]) -> None:
    """One notification per recipient, in the recipient's own language."""
    severity = "critical" if level.trigger == "share" and (level.share_percent or 0) >= 100 else "warning"
    share = f"{level.share_percent}%" if level.trigger == "share" else f"{level.offset_minutes} min"
    titles = {lang: TEXTS[lang]["title"].format(number=incident.number, level=level.number, share=share,
                                                metric=METRIC_NAMES[lang].get(metric, metric)) for lang in TEXTS}
    bodies = {lang: TEXTS[lang]["body"].format(priority=incident.priority, title=incident.title,
                                               summary=summary[lang]) for lang in TEXTS}
    tell(session, recipients, titles, bodies, severity, f"{INCIDENT_PAGE}#{incident.number}")
