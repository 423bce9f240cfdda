"""Incident records: opening (numbered, entitled, located), edits, the status flow, assignment, notes,
attachments and the "service restored" milestone. Every change is kept in the record's history and
rebuilds its SLA clocks in the same transaction.

Engineers work their own incidents (``rules.may_work``); team leads (``incidents.manage``) reassign,
change impact and urgency (hence priority) and agree on-site targets for any incident.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from console.api import (
    Actor,
    AppContext,
    Asset,
    Context,
    Customer,
    Group,
    PermissionDenied,
    Site,
    UnitOfWork,
    User,
    ValidationError,
    get_setting,
    utcnow,
)
from plugins.incidents import catalog
from plugins.incidents.entitlement import entitle, locate, settings
from plugins.incidents.notices import tell
from plugins.incidents.models import (
    CHANNELS,
    LEVELS,
    STATUSES,
    FieldChange,
    Incident,
    Milestone,
    NumberSequence,
    StatusChange,
)
from plugins.incidents.rules import (
    EDIT,
    INCIDENT_PAGE,
    MANAGE,
    choice,
    expect_version,
    found,
    minutes,
    pending_reason,
    require_work,
    text,
)
from plugins.incidents.sla import engine

#: The default status flow (DOMAIN.md): new → assigned → in progress ⇄ pending → resolved → closed;
#: resolved → reopened → in progress.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "new": ("assigned",),
    "assigned": ("in_progress",),
    "in_progress": ("pending", "resolved"),
    "pending": ("in_progress", "resolved"),
    "resolved": ("closed", "reopened"),
    "reopened": ("in_progress",),
    "closed": (),
}
EDITABLE = ("title", "description", "resolution", "channel", "caller_name", "caller_phone", "category_id",
            "site_id", "asset_id")
MANAGED = ("impact", "urgency", "onsite_agreed_minutes")
NOTE_LIMIT = 20_000


def format_number(year: int, sequence: int) -> str:
    """``INC-2026-000123``."""
    return f"INC-{year}-{sequence:06d}"


def reserve_numbers(session: Session, year: int, count: int = 1) -> int:
    """Reserve ``count`` consecutive numbers of ``year``; returns the first.

    The UPDATE locks the year's row until commit, so concurrent clerks queue on it;
    the first number of a year inserts the row, and a clerk who loses that race retries.
    """
    table = NumberSequence.__table__
    bump = update(table).where(table.c.year == year).values(last_value=table.c.last_value + count)
    if session.execute(bump).rowcount == 0:
        try:
            with session.begin_nested():
                session.execute(insert(table).values(year=year, last_value=count))
            return 1
        except IntegrityError:
            session.execute(bump)
    return session.scalar(select(table.c.last_value).where(table.c.year == year)) - count + 1


def load(session: Session, number: str, *, lock: bool = False) -> Incident:
    """The incident numbered ``number`` (``NotFound`` otherwise); ``lock`` takes its row lock."""
    query = select(Incident).where(Incident.number == str(number).strip().upper())
    return found(session.scalar(query.with_for_update() if lock else query),
                 f"There is no incident {number}; check the number.")


def _references(session: Session, customer_id: Any, site_id: Any, asset_id: Any) -> tuple[int, int | None, Asset | None]:
    """Check customer, site and asset belong together; the asset's site is taken when no site is given."""
    if customer_id in (None, "") or session.get(Customer, customer_id) is None:
        raise ValidationError("Choose the customer (look the caller up by phone, name or serial).", "customer_id")
    asset = None
    if asset_id not in (None, ""):
        asset = session.get(Asset, asset_id)
        if asset is None or asset.customer_id != customer_id:
            raise ValidationError(f"The asset {asset_id} does not belong to this customer; pick one of its assets.",
                                  "asset_id")
        site_id = site_id or asset.site_id
    if site_id not in (None, ""):
        site = session.get(Site, site_id)
        if site is None or site.customer_id != customer_id:
            raise ValidationError(f"The site {site_id} does not belong to this customer; pick one of its sites.",
                                  "site_id")
    return customer_id, site_id or None, asset


def check_people(session: Session, assignee_id: Any, group_id: Any) -> tuple[int | None, int | None]:
    """The assignee and group to assign to, when they exist (``None`` for an empty choice)."""
    if assignee_id not in (None, ""):
        user = session.get(User, assignee_id)
        if user is None or not user.is_active:
            raise ValidationError(f"There is no active user {assignee_id} to assign to.", "assignee_id")
    if group_id not in (None, "") and session.get(Group, group_id) is None:
        raise ValidationError(f"There is no group {group_id} to assign to.", "group_id")
    return assignee_id or None, group_id or None


def _assessment(impact: Any, urgency: Any) -> tuple[str | None, str | None]:
    impact, urgency = impact or None, urgency or None
    if (impact is None) != (urgency is None):
        raise ValidationError("Give both impact and urgency, or neither to use the default priority.",
                              "impact" if impact is None else "urgency")
    if impact is not None:
        choice(impact, LEVELS, "impact")
        choice(urgency, LEVELS, "urgency")
    return impact, urgency


def _changed(session: Session, incident: Incident, actor: Actor, field: str, old: Any, new: Any, now: datetime) -> bool:
    if old == new:
        return False
    session.add(FieldChange(incident_id=incident.id, at=now, actor=actor.username, field=field,
                            old_value=None if old is None else str(old)[:255],
                            new_value=None if new is None else str(new)[:255]))
    return True


def _tell_assignee(session: Session, incident: Incident, actor: Actor) -> None:
    """Tell the new assignee (or the group's lead when only a group is set) about the assignment."""
    user_id = incident.assignee_id or (session.scalar(select(Group.lead_id).where(Group.id == incident.group_id))
                                       if incident.group_id else None)
    if user_id and user_id != actor.user_id:
        heading = f"{incident.number} · {incident.priority} · {incident.title}"
        tell(session, [user_id], {"en": f"Assigned to you: {heading}", "zh_CN": f"分派给您：{heading}"},
             {"en": f"Assigned by {actor.display_name}.", "zh_CN": f"由 {actor.display_name} 分派。"}, "info",
             f"{INCIDENT_PAGE}#{incident.number}")


@dataclass(frozen=True)
class Opening:
    """What opening incidents needs from outside the transaction (settings, calendars)."""

    default_priority: str
    zone: str
    call_charge: Decimal
    setup: engine.Setup


def prepare_opening(app: AppContext) -> Opening:
    """Read the settings and calendars opening needs; call it before ``app.unit_of_work``."""
    zone, call_charge = settings(app)
    return Opening(get_setting(app, "incidents.default_priority"), zone, call_charge, engine.prepare(app))


def open_incident(work: UnitOfWork, opening: Opening, *, title: str, customer_id: int, category_id: int,
                  channel: str = "phone", impact: str | None = None, urgency: str | None = None,
                  description: str = "", site_id: int | None = None, asset_id: int | None = None,
                  assignee_id: int | None = None, group_id: int | None = None, caller_name: str | None = "",
                  caller_phone: str | None = "", opened_at: datetime | None = None) -> Incident:
    """Validate and write one new incident in ``work`` (its clocks are the caller's to rebuild).

    Every check runs before anything is added to the session, so a refused row leaves nothing behind.
    """
    session, actor = work.session, work.actor
    title = text(title, "title", "title")
    description = text(description, "description", "description", NOTE_LIMIT, required=False)
    choice(channel, CHANNELS, "channel")
    impact, urgency = _assessment(impact, urgency)
    caller_name = text(caller_name, "caller_name", "caller's name", 128, required=False) or None
    caller_phone = text(caller_phone, "caller_phone", "caller's phone", 32, required=False) or None
    customer_id, site_id, asset = _references(session, customer_id, site_id, asset_id)
    assignee_id, group_id = check_people(session, assignee_id, group_id)
    category = catalog.active_category(session, category_id)
    opened = opened_at or utcnow()
    if opened > utcnow():
        raise ValidationError("An incident cannot be opened in the future; check the date and time.", "opened_at")
    number = format_number(opened.year, reserve_numbers(session, opened.year))
    status = "assigned" if assignee_id or group_id else "new"
    incident = Incident(
        number=number, title=title, description=description, resolution="", channel=channel,
        caller_name=caller_name, caller_phone=caller_phone, customer_id=customer_id, site_id=site_id,
        asset_id=asset.id if asset else None, category_id=category.id, impact=impact, urgency=urgency,
        priority=catalog.priority_for(session, impact, urgency) if impact else opening.default_priority,
        status=status, assignee_id=assignee_id, group_id=group_id, opened_at=opened, updated_at=opened,
        work_order_seq=0, sla_breached=False)
    entitle(session, incident, asset, opening.zone, opening.call_charge)
    locate(session, incident)
    session.add(incident)
    session.flush()
    session.add(StatusChange(incident_id=incident.id, at=opened, status=status, actor=actor.username))
    if status == "assigned":
        _tell_assignee(session, incident, actor)
    work.audit("incident.create", "incident", number, {"title": title, "priority": incident.priority})
    work.emit("incidents.incident_created", number=number, category=category.name, priority=incident.priority,
              customer_id=customer_id, asset_id=incident.asset_id, opened_at=opened.isoformat(),
              product=asset.product if asset else None, asset_model=asset.model if asset else None)
    return incident


def create_incident(app: AppContext, actor: Actor, **fields: Any) -> str:
    """Open an incident (fields as ``open_incident`` takes them) and return its number.

    Priority comes from the impact × urgency matrix, or the ``incidents.default_priority`` setting
    while neither is assessed. With an assignee or group it opens as ``assigned``. The asset's
    service contract (or warranty) gives its entitlement and service level; the site's distance
    from the nearest service centre feeds the onsite distance table.
    """
    opening = prepare_opening(app)
    with app.unit_of_work(actor, EDIT) as work:
        incident = open_incident(work, opening, **fields)
        engine.rebuild(work, opening.setup, [incident.id], utcnow())
        return incident.number


def _workable(session: Session, actor: Actor, number: str, expected_version: int | None) -> Incident:
    """The incident ``number``, when ``actor`` may work it and it is the version the form loaded."""
    incident = load(session, number)
    require_work(session, actor, incident.number, incident.assignee_id, incident.group_id)
    expect_version(incident, expected_version, f"Incident {incident.number}")
    return incident


def update_incident(app: AppContext, actor: Actor, number: str, *, expected_version: int | None = None,
                    **changes: Any) -> int:
    """Change fields of an incident (``EDITABLE``; ``MANAGED`` ones need ``incidents.manage``).

    Returns the new version. Changing impact or urgency re-derives the priority; changing the asset
    or site re-checks entitlement and distance. Every changed field is kept in the history.
    """
    unknown = set(changes) - set(EDITABLE) - set(MANAGED)
    if unknown:
        raise ValidationError(f"These fields cannot be changed here: {', '.join(sorted(unknown))}.")
    if set(changes) & set(MANAGED) and not actor.can(MANAGE):
        raise PermissionDenied(f"{actor.display_name} may not change impact, urgency or agreed targets; "
                               "that needs the permission 'incidents.manage' (team leads).")
    zone, call_charge = settings(app)
    setup = engine.prepare(app)
    with app.unit_of_work(actor, EDIT) as work:
        session = work.session
        incident = _workable(session, actor, number, expected_version)
        now, values = utcnow(), {**{k: getattr(incident, k) for k in (*EDITABLE, *MANAGED)}, **changes}
        clean = {
            "title": text(values["title"], "title", "title"),
            "description": text(values["description"], "description", "description", NOTE_LIMIT, required=False),
            "resolution": text(values["resolution"], "resolution", "resolution", NOTE_LIMIT, required=False),
            "channel": choice(values["channel"], CHANNELS, "channel"),
            "caller_name": text(values["caller_name"], "caller_name", "caller's name", 128, required=False) or None,
            "caller_phone": text(values["caller_phone"], "caller_phone", "caller's phone", 32, required=False) or None,
            "category_id": catalog.active_category(session, values["category_id"]).id,
            "onsite_agreed_minutes": minutes(values["onsite_agreed_minutes"], "onsite_agreed_minutes",
                                             "agreed on-site target"),
        }
        _c, clean["site_id"], asset = _references(session, incident.customer_id, values["site_id"], values["asset_id"])
        clean["asset_id"] = asset.id if asset else None
        clean["impact"], clean["urgency"] = _assessment(values["impact"], values["urgency"])
        if clean["impact"] and (clean["impact"], clean["urgency"]) != (incident.impact, incident.urgency):
            clean["priority"] = catalog.priority_for(session, clean["impact"], clean["urgency"])
        touched = [f for f, v in clean.items() if _changed(session, incident, actor, f, getattr(incident, f), v, now)]
        if not touched:
            return incident.version
        relocated = {"site_id", "asset_id"} & set(touched)
        for field, value in clean.items():
            setattr(incident, field, value)
        incident.updated_at = now
        if relocated:
            entitle(session, incident, asset, zone, call_charge)
            locate(session, incident)
        session.flush()
        engine.rebuild(work, setup, [incident.id], now)
        work.audit("incident.update", "incident", incident.number, {f: str(clean[f])[:80] for f in touched})
        return incident.version


def change_status(app: AppContext, actor: Actor, number: str, status: str, *, reason: str | None = None,
                  assignee_id: int | None = None, group_id: int | None = None, resolution: str | None = None,
                  expected_version: int | None = None) -> None:
    """Move an incident along the status flow and record the change in its history.

    ``pending`` needs a typed ``reason``; ``assigned`` needs an assignee or group (given here or already
    set); ``resolved`` stamps the resolve instant (and "service restored", if not stamped yet) and may
    carry the ``resolution``; ``closed`` stamps its instant; ``reopened`` clears them.
    """
    choice(status, STATUSES, "status")
    pending_reason(status, reason)
    setup = engine.prepare(app)
    with app.unit_of_work(actor, EDIT) as work:
        session = work.session
        incident = _workable(session, actor, number, expected_version)
        old = incident.status
        if status not in TRANSITIONS[old]:
            allowed = ", ".join(TRANSITIONS[old]) or "nothing (it is final)"
            raise ValidationError(f"Incident {incident.number} is {old}; it can move to {allowed}, not to {status}.",
                                  "status")
        now = utcnow()
        if status == "assigned":
            new_assignee, new_group = check_people(session, assignee_id, group_id)
            _changed(session, incident, actor, "assignee_id", incident.assignee_id, new_assignee or incident.assignee_id,
                     now)
            _changed(session, incident, actor, "group_id", incident.group_id, new_group or incident.group_id, now)
            incident.assignee_id = new_assignee or incident.assignee_id
            incident.group_id = new_group or incident.group_id
            if incident.assignee_id is None and incident.group_id is None:
                raise ValidationError(f"Choose a person or a group to assign {incident.number} to.", "assignee_id")
            _tell_assignee(session, incident, actor)
        if resolution is not None:
            cleaned = text(resolution, "resolution", "resolution", NOTE_LIMIT, required=False)
            _changed(session, incident, actor, "resolution", incident.resolution, cleaned, now)
            incident.resolution = cleaned
        incident.status, incident.pending_reason, incident.updated_at = status, reason, now
        if status == "resolved":
            incident.resolved_at = now
            if incident.restored_at is None:
                incident.restored_at = now
                session.add(Milestone(incident_id=incident.id, at=now, name="restored", actor=actor.username))
        elif status == "reopened":
            incident.resolved_at = incident.restored_at = None
        elif status == "closed":
            incident.closed_at = now
        session.add(StatusChange(incident_id=incident.id, at=now, status=status, reason=reason, actor=actor.username))
        session.flush()
        engine.rebuild(work, setup, [incident.id], now)
        work.audit("incident.status", "incident", incident.number, {"from": old, "to": status, "reason": reason})
        work.emit("incidents.status_changed", number=incident.number, old=old, new=status, reason=reason)


def assign(app: AppContext, actor: Actor, number: str, *, assignee_id: int | None = None, group_id: int | None = None,
           expected_version: int | None = None) -> None:
    """Assign an incident to a person and/or group.

    Anyone who may edit incidents takes an unassigned one (or dispatches a new one), and hands their
    own back to its group; moving an incident from one person to another is a reassignment, which
    needs ``incidents.manage``. A new incident becomes ``assigned``.
    """
    setup = engine.prepare(app)
    with app.unit_of_work(actor, EDIT) as work:
        session = work.session
        incident = load(session, number)
        expect_version(incident, expected_version, f"Incident {incident.number}")
        if incident.status in ("resolved", "closed"):
            raise ValidationError(f"Incident {incident.number} is {incident.status}; reopen it before assigning it.",
                                  "status")
        new_assignee, new_group = check_people(session, assignee_id, group_id)
        new_group = new_group or incident.group_id
        taking = incident.assignee_id is None and new_assignee in (None, actor.user_id)
        dispatching = incident.status == "new"
        releasing = incident.assignee_id == actor.user_id and new_assignee is None
        if not actor.can(MANAGE) and not (taking or dispatching or releasing):
            raise PermissionDenied(f"{actor.display_name} may not reassign {incident.number}; reassigning needs "
                                   "the permission 'incidents.manage' (team leads).")
        if new_assignee is None and new_group is None:
            raise ValidationError(f"Choose a person or a group to assign {incident.number} to.", "assignee_id")
        now = utcnow()
        changed = _changed(session, incident, actor, "assignee_id", incident.assignee_id, new_assignee, now)
        changed |= _changed(session, incident, actor, "group_id", incident.group_id, new_group, now)
        if not changed:
            return
        incident.assignee_id, incident.group_id, incident.updated_at = new_assignee, new_group, now
        if incident.status == "new":
            incident.status = "assigned"
            session.add(StatusChange(incident_id=incident.id, at=now, status="assigned", actor=actor.username))
        _tell_assignee(session, incident, actor)
        session.flush()
        engine.rebuild(work, setup, [incident.id], now)
        work.audit("incident.assign", "incident", incident.number, {"assignee": new_assignee, "group": new_group})


def mark_restored(app: AppContext, actor: Actor, number: str) -> None:
    """Record that service is restored (a workaround works), which stops ``restore`` clocks."""
    setup = engine.prepare(app)
    with app.unit_of_work(actor, EDIT) as work:
        session = work.session
        incident = load(session, number)
        require_work(session, actor, incident.number, incident.assignee_id, incident.group_id)
        if incident.status in ("new", "resolved", "closed") or incident.restored_at is not None:
            raise ValidationError(f"Incident {incident.number} is {incident.status}"
                                  + (" and already restored" if incident.restored_at else "")
                                  + "; service can be marked restored while it is being worked.", "status")
        now = utcnow()
        incident.restored_at = incident.updated_at = now
        session.add(Milestone(incident_id=incident.id, at=now, name="restored", actor=actor.username))
        session.flush()
        engine.rebuild(work, setup, [incident.id], now)
        work.audit("incident.restored", "incident", incident.number)


def close_resolved(app: AppContext, older_than_days: int, now: datetime | None = None, limit: int = 2000) -> int:
    """Close incidents resolved more than ``older_than_days`` ago (at most ``limit``); returns how many."""
    now = now or utcnow()
    setup = engine.prepare(app)
    with app.unit_of_work(Actor.system()) as work:
        session = work.session
        incidents = list(session.scalars(select(Incident).where(
            Incident.status == "resolved", Incident.resolved_at < now - timedelta(days=older_than_days))
            .order_by(Incident.id).limit(limit)))
        for incident in incidents:
            incident.status, incident.closed_at, incident.updated_at = "closed", now, now
            session.add(StatusChange(incident_id=incident.id, at=now, status="closed", actor="auto-close"))
            work.emit("incidents.status_changed", number=incident.number, old="resolved", new="closed", reason=None)
        session.flush()
        engine.rebuild(work, setup, [i.id for i in incidents], now)
        if incidents:
            work.audit("incident.auto_close", "incident", "*", {"closed": len(incidents), "days": older_than_days})
        return len(incidents)


def auto_close(context: Context) -> str:
    """The ``incidents.auto_close`` job: close what was resolved ``incidents.auto_close_days`` ago."""
    days = int(get_setting(context.app, "incidents.auto_close_days") or 0)
    if days <= 0:
        return "auto-close is off (setting “Close resolved incidents after”)"
    return f"{close_resolved(context.app, days)} resolved incidents closed after {days} days"
