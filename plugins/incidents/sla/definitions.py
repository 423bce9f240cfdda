"""Editing SLA definitions and their escalation ladders, and recomputing what they cover.

Saving a definition (or its ladder) marks the open incidents it covers — under its old and its new
service level — for a rebuild (``clocks_at`` emptied); ``recompute_pending`` then replays them in
batches from their history, and the sweep finishes any batch an interrupted recompute left.
Closed incidents keep the clocks they were measured by.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from console.api import Actor, AppContext, Group, ValidationError, calendar_names, utcnow
from plugins.incidents.models import (
    INCIDENT_EVENTS,
    LEVEL_ACTIONS,
    LEVEL_TRIGGERS,
    NOTIFY_TARGETS,
    OPEN_STATUSES,
    PENDING_REASONS,
    PRIORITIES,
    SLA_KINDS,
    SLA_METRICS,
    SLA_SCOPES,
    WORK_ORDER_EVENTS,
    WORK_ORDER_KINDS,
    EscalationLevel,
    Incident,
    SlaDefinition,
)
from plugins.incidents.rules import SLA_EDIT, choice, expect_version, found, minutes, text
from plugins.incidents.sla import engine
from plugins.incidents.sla.clocks import parse_distance_rules

BATCH = 500
ROLES = ("admin", "back_office", "timesheet_reviewer", "team_lead", "engineer", "partner_auditor", "read_only")
FIELDS = ("name", "kind", "scope", "metric", "start_event", "stop_event", "pause_reasons", "calendar_name",
          "service_level", "work_order_kind", "p1_minutes", "p2_minutes", "p3_minutes", "p4_minutes", "distance_rules", "active")


def _clean(values: dict[str, Any], calendars: list[str]) -> dict[str, Any]:
    """Validated definition fields."""
    clean = {"name": text(values.get("name"), "name", "name", 128),
             "kind": choice(values.get("kind") or "sla", SLA_KINDS, "kind", "kind of target"),
             "scope": choice(values.get("scope") or "incident", SLA_SCOPES, "scope"),
             "metric": choice(values.get("metric"), SLA_METRICS, "metric")}
    events = INCIDENT_EVENTS if clean["scope"] == "incident" else WORK_ORDER_EVENTS
    clean["start_event"] = choice(values.get("start_event") or "created", events, "start_event", "start event")
    clean["stop_event"] = choice(values.get("stop_event"), events, "stop_event", "stop event")
    if clean["stop_event"] == clean["start_event"] or clean["stop_event"] == "created":
        raise ValidationError("The clock must stop at a later event than the one it starts at.", "stop_event")
    reasons = values.get("pause_reasons") or ()
    reasons = [r.strip() for r in (reasons.split(",") if isinstance(reasons, str) else reasons) if r and r.strip()]
    for reason in reasons:
        choice(reason, PENDING_REASONS, "pause_reasons", "pause reason")
    clean["pause_reasons"] = ",".join(r for r in PENDING_REASONS if r in reasons)
    calendar = (values.get("calendar_name") or "").strip() or None
    if calendar is not None and calendar not in calendars:
        raise ValidationError(f"There is no business calendar “{calendar}”; import it with "
                              "`service-console calendars import FILE`, or leave it empty for 24×7.", "calendar_name")
    clean["calendar_name"] = calendar
    clean["service_level"] = text(values.get("service_level"), "service_level", "service level", 32,
                                  required=False) or None
    kind = values.get("work_order_kind") or None
    if kind is not None and clean["scope"] != "work_order":
        raise ValidationError("Only a work-order target is limited to one kind of work order; clear the kind.",
                              "work_order_kind")
    clean["work_order_kind"] = choice(kind, WORK_ORDER_KINDS, "work_order_kind", "kind of work order") if kind \
        else None
    for priority in PRIORITIES:
        key = f"{priority.lower()}_minutes"
        clean[key] = minutes(values.get(key), key, f"{priority} target")
    rules = (values.get("distance_rules") or "").strip() or None
    if rules is not None:
        if clean["metric"] != "onsite":
            raise ValidationError("Only an onsite target uses the distance table; clear it or choose the metric "
                                  "onsite.", "distance_rules")
        rules = ", ".join(str(r) for r in parse_distance_rules(rules))
    clean["distance_rules"] = rules
    if rules is None and not any(clean[f"{p.lower()}_minutes"] for p in PRIORITIES):
        raise ValidationError("Give a target for at least one priority" + (
            ", or a distance table" if clean["metric"] == "onsite" else "") + ".", "p1_minutes")
    clean["active"] = bool(values.get("active", True))
    return clean


def _check_unique(session: Session, definition_id: int | None, clean: dict[str, Any]) -> None:
    if session.scalar(select(SlaDefinition.id).where(func.lower(SlaDefinition.name) == clean["name"].lower(),
                                                     SlaDefinition.id != (definition_id or 0))):
        raise ValidationError(f"There already is a definition called “{clean['name']}”.", "name")
    if not clean["active"]:
        return
    level = SlaDefinition.service_level
    clash = session.scalar(select(SlaDefinition.name).where(
        SlaDefinition.active.is_(True), SlaDefinition.id != (definition_id or 0),
        SlaDefinition.kind == clean["kind"], SlaDefinition.scope == clean["scope"],
        SlaDefinition.metric == clean["metric"],
        SlaDefinition.work_order_kind.is_(None) if clean["work_order_kind"] is None
        else SlaDefinition.work_order_kind == clean["work_order_kind"],
        level.is_(None) if clean["service_level"] is None else level == clean["service_level"]))
    if clash:
        raise ValidationError(f"“{clash}” already sets this {clean['kind'].upper()} {clean['metric']} target for "
                              f"{clean['service_level'] or 'every service level'}; deactivate it first.",
                              "service_level")


def _levels(session: Session, levels: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Validated ladder rows, numbered 1… in the given order."""
    rows = []
    for number, level in enumerate(levels, start=1):
        field = f"level {number}"
        trigger = choice(level.get("trigger") or "share", LEVEL_TRIGGERS, "levels", f"trigger of {field}")
        row = {"level": number, "trigger": trigger, "share_percent": None, "offset_minutes": None,
               "notify_target": None, "role": None, "group_id": None,
               "action": choice(level.get("action"), LEVEL_ACTIONS, "levels", f"action of {field}"),
               "repeat_minutes": minutes(level.get("repeat_minutes"), "levels", f"repeat interval of {field}")}
        if trigger == "share":
            share = minutes(level.get("share_percent"), "levels", f"share of {field}", required=True)
            if share > 1000:
                raise ValidationError(f"The share of {field} must be at most 1000 % of the target.", "levels")
            row["share_percent"] = share
        else:
            row["offset_minutes"] = minutes(level.get("offset_minutes"), "levels", f"offset of {field}", required=True)
        if row["action"] == "notify":
            row["notify_target"] = choice(level.get("notify_target") or "assignee", NOTIFY_TARGETS, "levels",
                                          f"whom {field} notifies")
            if row["notify_target"] == "role":
                row["role"] = choice(level.get("role"), ROLES, "levels", f"role {field} notifies")
        elif row["action"] == "reassign":
            group_id = level.get("group_id")
            if group_id in (None, "") or session.get(Group, group_id) is None:
                raise ValidationError(f"Choose the group {field} reassigns to.", "levels")
            row["group_id"] = group_id
        rows.append(row)
    return rows


def mark_covered(session: Session, service_levels: Iterable[str | None]) -> int:
    """Empty ``clocks_at`` of the open incidents under these service levels (None: all); returns how many."""
    levels = set(service_levels)
    condition = [Incident.status.in_(OPEN_STATUSES)]
    if None not in levels:
        condition.append(Incident.service_level.in_(levels))
    table = Incident.__table__
    return session.execute(update(table).where(*condition).values(clocks_at=None)
                           .execution_options(synchronize_session=False)).rowcount


def save_definition(app: AppContext, actor: Actor, *, definition_id: int | None = None,
                    expected_version: int | None = None, levels: Iterable[dict[str, Any]] | None = None,
                    recompute: bool = True, **values: Any) -> int:
    """Add (no ``definition_id``) or change an SLA definition, and with ``levels`` replace its ladder.

    The open incidents it covers are recomputed (now with ``recompute``, else by ``recompute_pending``
    or the sweep). Returns the definition's id.
    """
    calendars = calendar_names(app)
    with app.unit_of_work(actor, SLA_EDIT) as work:
        session = work.session
        if definition_id is None:
            definition = SlaDefinition()
            old_level = None
            clean = _clean(values, calendars)
        else:
            definition = found(session.get(SlaDefinition, definition_id), f"There is no SLA definition {definition_id}.")
            expect_version(definition, expected_version, f"SLA definition “{definition.name}”")
            old_level = definition.service_level
            clean = _clean({**{f: getattr(definition, f) for f in FIELDS}, **values}, calendars)
        _check_unique(session, definition_id, clean)
        fields_changed = any(getattr(definition, f, None) != v for f, v in clean.items())
        for field, value in clean.items():
            setattr(definition, field, value)
        session.add(definition)
        session.flush()
        if levels is not None:
            rows = _levels(session, levels)
            session.execute(delete(EscalationLevel).where(EscalationLevel.definition_id == definition.id))
            session.add_all(EscalationLevel(definition_id=definition.id, **row) for row in rows)
            if definition_id is not None and not fields_changed:  # a ladder-only change still stales open forms
                table = SlaDefinition.__table__
                session.execute(update(table).where(table.c.id == definition.id)
                                .values(version=table.c.version + 1))
        marked = mark_covered(session, {old_level, definition.service_level} if definition_id else
                              {definition.service_level})
        work.audit("sla.save", "sla_definition", definition.id, {**{k: str(v) for k, v in clean.items()},
                                                                 "marked": marked})
        saved_id = definition.id
    engine.forget_calendars()
    if recompute:
        recompute_pending(app)
    return saved_id


def pending_count(app: AppContext) -> int:
    """How many incidents wait for their clocks to be (re)built."""
    with app.session() as session:
        return session.scalar(select(func.count()).select_from(Incident).where(Incident.clocks_at.is_(None))) or 0


def recompute_pending(app: AppContext, progress: Callable[[int, int], None] | None = None, *,
                      limit: int | None = None) -> int:
    """Rebuild, in batches, the clocks of every incident marked for it (at most ``limit``); returns how many.

    The marked incidents are read once, then rebuilt ``BATCH`` at a time, each batch in its own
    transaction (one marked again meanwhile waits for the next run). ``progress(done, total)`` is
    called after each batch (it may raise to stop; what is done stays done).
    """
    with app.session() as session:
        ids = list(session.scalars(select(Incident.id).where(Incident.clocks_at.is_(None))
                                   .order_by(Incident.id).limit(limit)))
    setup, now = engine.prepare(app), utcnow()
    for done in range(0, len(ids), BATCH):
        with app.unit_of_work(Actor.system()) as work:
            engine.rebuild(work, setup, ids[done:done + BATCH], now)
        if progress is not None:
            progress(min(done + BATCH, len(ids)), len(ids))
    return len(ids)
