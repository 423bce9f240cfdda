"""Reads the pages, the API and the global search share: one incident as shown, its history, its
clocks, open incidents of an asset, and the search providers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, aliased

from console.api import Asset, Context, Customer, Group, SearchHit, ServiceContract, Site, User
from plugins.incidents import catalog, knowledge
from plugins.incidents.models import (
    OPEN_STATUSES,
    Attachment,
    Clock,
    Escalation,
    FieldChange,
    Incident,
    Milestone,
    Note,
    SlaDefinition,
    StatusChange,
    WorkOrder,
)
from plugins.incidents.records import load
from plugins.incidents.rules import INCIDENT_PAGE

KNOWLEDGE_PAGE = "incidents.knowledge"


@dataclass(frozen=True)
class IncidentView:
    """An incident with every reference resolved to what people read."""

    id: int
    number: str
    version: int
    title: str
    description: str
    resolution: str
    status: str
    pending_reason: str | None
    priority: str
    impact: str | None
    urgency: str | None
    channel: str
    category_id: int
    category: str
    customer_id: int
    customer: str
    customer_phone: str | None
    caller_name: str | None
    caller_phone: str | None
    site_id: int | None
    site: str
    asset_id: int | None
    asset: str
    assignee_id: int | None
    assignee: str
    group_id: int | None
    group: str
    contract: str
    service_level: str | None
    billable: bool
    entitlement_note: str
    charge: Decimal | None
    distance_km: Decimal | None
    onsite_agreed_minutes: int | None
    opened_at: datetime
    updated_at: datetime
    due_at: datetime | None
    sla_breached: bool
    restored_at: datetime | None
    resolved_at: datetime | None
    closed_at: datetime | None


def incident_view(session: Session, number: str) -> IncidentView:
    """The incident ``number`` as shown on its window (``NotFound`` when there is none)."""
    incident = load(session, number)
    customer = session.get(Customer, incident.customer_id)
    site = session.get(Site, incident.site_id) if incident.site_id else None
    asset = session.get(Asset, incident.asset_id) if incident.asset_id else None
    assignee = session.get(User, incident.assignee_id) if incident.assignee_id else None
    group = session.get(Group, incident.group_id) if incident.group_id else None
    contract = session.get(ServiceContract, incident.contract_id) if incident.contract_id else None
    return IncidentView(
        id=incident.id, number=incident.number, version=incident.version, title=incident.title,
        description=incident.description, resolution=incident.resolution, status=incident.status,
        pending_reason=incident.pending_reason, priority=incident.priority, impact=incident.impact,
        urgency=incident.urgency, channel=incident.channel, category_id=incident.category_id,
        category=catalog.category_path(session, incident.category_id), customer_id=incident.customer_id,
        customer=customer.name if customer else "", customer_phone=customer.phone if customer else None,
        caller_name=incident.caller_name, caller_phone=incident.caller_phone, site_id=incident.site_id,
        site=" · ".join(filter(None, (site.name, site.city, site.address))) if site else "",
        asset_id=incident.asset_id, asset=f"{asset.serial} · {asset.model}" if asset else "",
        assignee_id=incident.assignee_id, assignee=assignee.display_name if assignee else "",
        group_id=incident.group_id, group=group.name if group else "",
        contract=f"{contract.number} ({contract.level})" if contract else "", service_level=incident.service_level,
        billable=incident.billable, entitlement_note=incident.entitlement_note, charge=incident.charge,
        distance_km=incident.distance_km, onsite_agreed_minutes=incident.onsite_agreed_minutes,
        opened_at=incident.opened_at, updated_at=incident.updated_at, due_at=incident.due_at,
        sla_breached=incident.sla_breached, restored_at=incident.restored_at, resolved_at=incident.resolved_at,
        closed_at=incident.closed_at)


@dataclass(frozen=True)
class HistoryEntry:
    """One line of an incident's history. ``kind``: status, field, note, milestone, attachment, escalation."""

    at: datetime
    kind: str
    actor: str
    name: str
    old: str | None = None
    new: str | None = None
    detail: str = ""


def history(session: Session, incident_id: int) -> list[HistoryEntry]:
    """Everything that happened to the incident, oldest first."""
    entries = [HistoryEntry(r.at, "status", r.actor, r.status, None, r.reason) for r in session.execute(
        select(StatusChange).where(StatusChange.incident_id == incident_id)).scalars()]
    entries += [HistoryEntry(r.at, "field", r.actor, r.field, r.old_value, r.new_value) for r in session.execute(
        select(FieldChange).where(FieldChange.incident_id == incident_id)).scalars()]
    entries += [HistoryEntry(r.at, "note", r.author, r.visibility, None, r.source, r.body) for r in session.execute(
        select(Note).where(Note.incident_id == incident_id)).scalars()]
    entries += [HistoryEntry(r.at, "milestone", r.actor, r.name) for r in session.execute(
        select(Milestone).where(Milestone.incident_id == incident_id)).scalars()]
    entries += [HistoryEntry(r.added_at, "attachment", r.added_by, r.file_name, None, None, f"{r.size:,} B")
                for r in session.execute(select(Attachment.added_at, Attachment.added_by, Attachment.file_name,
                                                Attachment.size).where(Attachment.incident_id == incident_id))]
    entries += [HistoryEntry(r.fired_at, "escalation", "escalation", str(r.level), None, r.action, r.summary)
                for r in session.execute(select(Escalation).where(Escalation.incident_id == incident_id)).scalars()]
    display = _display_names(session, entries)
    entries = [e if e.kind != "field" or e.name not in ("assignee_id", "group_id") else
               HistoryEntry(e.at, e.kind, e.actor, e.name, display.get((e.name, e.old), e.old),
                            display.get((e.name, e.new), e.new)) for e in entries]
    order = {"status": 0, "milestone": 1, "field": 2, "note": 3, "attachment": 4, "escalation": 5}
    return sorted(entries, key=lambda e: (e.at, order[e.kind]))


def _display_names(session: Session, entries: list[HistoryEntry]) -> dict[tuple[str, str], str]:
    """People's and groups' names for the ids a field change recorded."""
    wanted = {(e.name, v) for e in entries if e.kind == "field" and e.name in ("assignee_id", "group_id")
              for v in (e.old, e.new) if v}
    users = [int(v) for name, v in wanted if name == "assignee_id" and v.isdigit()]
    groups = [int(v) for name, v in wanted if name == "group_id" and v.isdigit()]
    names = {("assignee_id", str(i)): n for i, n in session.execute(
        select(User.id, User.display_name).where(User.id.in_(users)))} if users else {}
    names.update({("group_id", str(i)): n for i, n in session.execute(
        select(Group.id, Group.name).where(Group.id.in_(groups)))} if groups else {})
    return names


def notes(session: Session, incident_id: int) -> list[Note]:
    """The incident's notes, newest first."""
    return list(session.scalars(select(Note).where(Note.incident_id == incident_id)
                                .order_by(Note.at.desc(), Note.id.desc())))


def attachments(session: Session, incident_id: int) -> list[tuple]:
    """``(id, file name, content type, size, added at, added by)`` of the incident's attachments."""
    return [tuple(r) for r in session.execute(
        select(Attachment.id, Attachment.file_name, Attachment.content_type, Attachment.size, Attachment.added_at,
               Attachment.added_by).where(Attachment.incident_id == incident_id).order_by(Attachment.added_at))]


def work_orders(session: Session, incident_id: int) -> list[tuple]:
    """``(number, kind, title, status, assignee, group, partner, service order, created)`` of the incident."""
    assignee, group = aliased(User), aliased(Group)
    return [tuple(r) for r in session.execute(
        select(WorkOrder.number, WorkOrder.kind, WorkOrder.title, WorkOrder.status, assignee.display_name,
               group.name, WorkOrder.partner_code, WorkOrder.service_order, WorkOrder.created_at)
        .outerjoin(assignee, assignee.id == WorkOrder.assignee_id).outerjoin(group, group.id == WorkOrder.group_id)
        .where(WorkOrder.incident_id == incident_id).order_by(WorkOrder.number))]


def stored_clocks(session: Session, incident_id: int) -> list[tuple]:
    """``(definition name, subject, metric, state, target, due, breached, elapsed)`` as last stored."""
    return [tuple(r) for r in session.execute(
        select(SlaDefinition.name, Clock.subject, Clock.metric, Clock.state, Clock.target_minutes, Clock.due_at,
               Clock.breached_at, Clock.elapsed_minutes)
        .join(SlaDefinition, SlaDefinition.id == Clock.definition_id)
        .where(Clock.incident_id == incident_id).order_by(Clock.subject, Clock.metric))]


def escalations(session: Session, incident_id: int) -> list[Escalation]:
    """The incident's escalation firings, newest first."""
    return list(session.scalars(select(Escalation).where(Escalation.incident_id == incident_id)
                                .order_by(Escalation.fired_at.desc(), Escalation.id.desc())))


def open_for_asset(session: Session, asset_id: int, exclude: str | None = None) -> list[tuple[str, str, str]]:
    """``(number, title, status)`` of the asset's open incidents: the duplicate warning of quick entry."""
    query = (select(Incident.number, Incident.title, Incident.status)
             .where(Incident.asset_id == asset_id, Incident.status.in_(OPEN_STATUSES)).order_by(Incident.opened_at.desc()))
    if exclude:
        query = query.where(Incident.number != exclude)
    return [tuple(r) for r in session.execute(query.limit(10))]


def search(context: Context, text: str, limit: int) -> list[SearchHit]:
    """Global search: incidents whose number starts with, or whose title contains, ``text``; newest first."""
    text = text.strip()
    if not text:
        return []
    query = (select(Incident.number, Incident.title, Incident.priority, Incident.status, Customer.name)
             .join(Customer, Customer.id == Incident.customer_id)
             .where(or_(Incident.number.startswith(text.upper(), autoescape=True),
                        Incident.title.icontains(text, autoescape=True)))
             .order_by(Incident.opened_at.desc()).limit(limit))
    with context.app.session() as session:
        rows = session.execute(query).all()
    return [SearchHit(f"{number} {title}", f"{priority} · {customer}", INCIDENT_PAGE, number)
            for number, title, priority, _status, customer in rows]


def search_knowledge(context: Context, text: str, limit: int) -> list[SearchHit]:
    """Global search: published knowledge articles holding every term (Chinese too)."""
    with context.app.session() as session:
        found = knowledge.hits(session, knowledge.search_ids(session, text, limit=limit))
    return [SearchHit(f"{hit.number} {hit.title}", hit.category or hit.solution[:60], KNOWLEDGE_PAGE, hit.number)
            for hit in found]
