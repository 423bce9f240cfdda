"""The partner network page: partners with their level, regions, engineers, centres and current
rate card; the detail lists the engineers, the centres with their coordinates and every rate card.
Actions: New partner…, Edit partner…, Add engineer…, Add service centre…, New rate card…."""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from sqlalchemy import case, func, select

from console.api import Context, ServiceCentre, create_centre
from console.api.ui import Column, DetailSection, Field, ListPage, PageAction, detail_html, tr, user_zone
from plugins.partners import access, network
from plugins.partners.models import FINAL_STATUSES, LEVELS, Engineer, Partner, RateCard, ServiceOrder
from plugins.partners.ui.common import LEVEL_NAMES, NAME, km, money, name, named, open_form, yes_no

DIRECTORY_EDIT = "core.directory.edit"
RATE_LABELS = {
    "labour_l1": QT_TRANSLATE_NOOP("partners", "Labour L1 (per visit)"),
    "labour_l2": QT_TRANSLATE_NOOP("partners", "Labour L2 (per visit)"),
    "labour_l3": QT_TRANSLATE_NOOP("partners", "Labour L3 (per visit)"),
    "free_radius_km": QT_TRANSLATE_NOOP("partners", "Free radius (km)"),
    "travel_per_km": QT_TRANSLATE_NOOP("partners", "Travel per km beyond it"),
    "parts_handling": QT_TRANSLATE_NOOP("partners", "Parts handling (per part line)"),
}


def network_page(context: Context) -> ListPage:
    """Every partner (a partner's own user: only its own), by code."""
    today = date.today()
    engineers = (select(func.count(Engineer.id)).where(Engineer.partner_id == Partner.id, Engineer.active.is_(True))
                 .correlate(Partner).scalar_subquery())
    centres = (select(func.count(ServiceCentre.id)).where(ServiceCentre.partner_code == Partner.code)
               .correlate(Partner).scalar_subquery())
    card = (select(RateCard.valid_from).where(RateCard.partner_id == Partner.id, RateCard.valid_from <= today,
                                              RateCard.valid_to.is_(None) | (RateCard.valid_to >= today))
            .correlate(Partner).limit(1).scalar_subquery())
    query = select(Partner.code, Partner.name, Partner.level, Partner.regions, engineers.label("engineers"),
                   centres.label("centres"), card.label("card"), Partner.active)
    with context.app.session() as session:
        query = access.scoped(query, Partner.id, session, context.actor)
    columns = [
        Column(QT_TRANSLATE_NOOP("partners", "Code"), searchable=True, width=12),
        Column(QT_TRANSLATE_NOOP("partners", "Name"), searchable=True, width=28),
        Column(QT_TRANSLATE_NOOP("partners", "Level"), format=named(LEVEL_NAMES), width=10),
        Column(QT_TRANSLATE_NOOP("partners", "Regions"), searchable=True, width=18),
        Column(QT_TRANSLATE_NOOP("partners", "Engineers"), align="right", width=9),
        Column(QT_TRANSLATE_NOOP("partners", "Centres"), align="right", width=8),
        Column(QT_TRANSLATE_NOOP("partners", "Rate card since"), nullable=True, width=13,
               format=lambda value: str(value) if value else tr(NAME, "none")),
        Column(QT_TRANSLATE_NOOP("partners", "Active"), format=yes_no, width=7),
    ]
    actions = [
        PageAction(QT_TRANSLATE_NOOP("partners", "New partner…"), lambda p: new_partner(p, context),
                   permission=network.EDIT, primary=True),
        PageAction(QT_TRANSLATE_NOOP("partners", "Edit partner…"), lambda p: edit_partner(p, context, p.current_key()),
                   needs_row=True, permission=network.EDIT),
        PageAction(QT_TRANSLATE_NOOP("partners", "Add engineer…"), lambda p: add_engineer(p, context, p.current_key()),
                   needs_row=True, permission=network.EDIT),
        PageAction(QT_TRANSLATE_NOOP("partners", "Add service centre…"),
                   lambda p: add_centre(p, context, p.current_key()), needs_row=True, permission=DIRECTORY_EDIT),
        PageAction(QT_TRANSLATE_NOOP("partners", "New rate card…"),
                   lambda p: new_rate_card(p, context, p.current_key()), needs_row=True, permission=network.EDIT),
    ]
    return ListPage(context, owner=NAME, query=query, columns=columns, key=Partner.id,
                    sort=(0, Qt.SortOrder.AscendingOrder), actions=actions,
                    detail=lambda key: partner_detail(context, key),
                    count_text=QT_TRANSLATE_NOOP("partners", "{count} partners"),
                    empty_text=QT_TRANSLATE_NOOP("partners", "No partner is registered yet."),
                    export_name="partners")


def partner_detail(context: Context, partner_id: int) -> str:
    """A partner with its engineers, centres (with coordinates), rate cards and order counts."""
    zone = user_zone(context)
    with context.app.session() as session:
        access.require_partner(session, context.actor, partner_id, tr(NAME, "This partner"))
        partner = session.get(Partner, partner_id)
        if partner is None:
            return escape(tr(NAME, "This partner does not exist any more."))
        still_open = case((ServiceOrder.status.not_in(FINAL_STATUSES), 1), else_=0)
        counts = session.execute(select(func.count(ServiceOrder.id), func.coalesce(func.sum(still_open), 0))
                                 .where(ServiceOrder.partner_id == partner.id)).one()
        people = session.scalars(select(Engineer).where(Engineer.partner_id == partner.id).order_by(Engineer.code))
        engineers = [(f"{e.code} · {e.name}", " · ".join(filter(None, [e.phone, None if e.active else
                                                                        tr(NAME, "inactive")])) or "—")
                     for e in people]
        centres = [(f"{c.code} · {c.name}", f"{c.city or '—'} · {c.latitude}, {c.longitude}")
                   for c in network.centres_of(session, partner.id)]
        cards = [(f"{c.valid_from} – {c.valid_to or tr(NAME, 'open-ended')}",
                  tr(NAME, "L1 {l1} · L2 {l2} · L3 {l3}; {radius} free, then {per_km}/km; parts {parts}/line").format(
                      l1=money(c.labour_l1), l2=money(c.labour_l2), l3=money(c.labour_l3), radius=km(c.free_radius_km),
                      per_km=money(c.travel_per_km), parts=money(c.parts_handling)))
                 for c in session.scalars(select(RateCard).where(RateCard.partner_id == partner.id)
                                          .order_by(RateCard.valid_from.desc()))]
        facts = DetailSection(QT_TRANSLATE_NOOP("partners", "Partner"), [
            (QT_TRANSLATE_NOOP("partners", "Level"), name(LEVEL_NAMES, partner.level)),
            (QT_TRANSLATE_NOOP("partners", "Regions"), partner.regions or "—"),
            (QT_TRANSLATE_NOOP("partners", "Active"), yes_no(partner.active)),
            (QT_TRANSLATE_NOOP("partners", "Service orders"), counts[0]),
            (QT_TRANSLATE_NOOP("partners", "Open orders"), counts[1]),
        ])
        none = [(QT_TRANSLATE_NOOP("partners", "None yet"), "")]
        sections = [facts,
                    DetailSection(QT_TRANSLATE_NOOP("partners", "Engineers"), engineers or none),
                    DetailSection(QT_TRANSLATE_NOOP("partners", "Service centres"), centres or [
                        (QT_TRANSLATE_NOOP("partners", "None yet"),
                         tr(NAME, "Add one with Add service centre…: orders are measured from the partner's "
                                  "centre nearest the site."))]),
                    DetailSection(QT_TRANSLATE_NOOP("partners", "Rate cards"), cards or none)]
        return detail_html(f"{partner.code} · {partner.name}", sections, owner=NAME, zone=zone)


# -- actions ---------------------------------------------------------------------------------
def _partner_fields(_session=None) -> list[Field]:
    return [Field("name", QT_TRANSLATE_NOOP("partners", "Name"), required=True),
            Field("level", QT_TRANSLATE_NOOP("partners", "Level"), "choice",
                  [(level, LEVEL_NAMES[level]) for level in LEVELS], required=True),
            Field("regions", QT_TRANSLATE_NOOP("partners", "Regions"),
                  help=QT_TRANSLATE_NOOP("partners", "The regions it covers, separated by commas, e.g. 华北, 华东."))]


def new_partner(page: ListPage, context: Context) -> None:
    """Register a partner."""
    def fields(session) -> list[Field]:
        return [Field("code", QT_TRANSLATE_NOOP("partners", "Code"), required=True,
                      help=QT_TRANSLATE_NOOP("partners", "The code its service centres carry in the directory.")),
                *_partner_fields(session)]

    open_form(page, context, tr(NAME, "New partner"), fields,
              lambda values: network.create_partner(context.app, context.actor, **values))


def edit_partner(page: ListPage, context: Context, partner_id: int) -> None:
    """Change a partner's name, level, regions or whether it takes new orders."""
    loaded: dict = {}

    def values(session) -> dict:
        partner = session.get(Partner, partner_id)
        loaded["version"] = partner.version
        return {"name": partner.name, "level": partner.level, "regions": partner.regions, "active": partner.active}

    def fields(session) -> list[Field]:
        return [*_partner_fields(session), Field("active", QT_TRANSLATE_NOOP("partners", "Takes new orders"), "bool")]

    open_form(page, context, tr(NAME, "Edit partner"), fields,
              lambda typed: network.update_partner(context.app, context.actor, partner_id,
                                                   expected_version=loaded["version"], **typed), values=values)


def _code_of(session, partner_id: int) -> str:
    return session.scalar(select(Partner.code).where(Partner.id == partner_id))


def add_engineer(page: ListPage, context: Context, partner_id: int) -> None:
    """Add a field engineer to the selected partner."""
    loaded: dict = {}

    def fields(session) -> list[Field]:
        loaded["code"] = _code_of(session, partner_id)
        return [Field("code", QT_TRANSLATE_NOOP("partners", "Engineer code"), required=True),
                Field("name", QT_TRANSLATE_NOOP("partners", "Name"), required=True),
                Field("phone", QT_TRANSLATE_NOOP("partners", "Phone"))]

    open_form(page, context, tr(NAME, "Add engineer"), fields,
              lambda values: network.add_engineer(context.app, context.actor, partner_code=loaded["code"], **values))


def add_centre(page: ListPage, context: Context, partner_id: int) -> None:
    """Add a service centre of the selected partner to core's directory (its coordinates feed the
    nearest-centre distance of every order dispatched to the partner)."""
    loaded: dict = {}

    def fields(session) -> list[Field]:
        loaded["code"] = _code_of(session, partner_id)
        return [Field("code", QT_TRANSLATE_NOOP("partners", "Centre code"), required=True),
                Field("name", QT_TRANSLATE_NOOP("partners", "Name"), required=True),
                Field("city", QT_TRANSLATE_NOOP("partners", "City")),
                Field("latitude", QT_TRANSLATE_NOOP("partners", "Latitude"), "decimal", required=True,
                      help=QT_TRANSLATE_NOOP("partners", "Degrees north, e.g. 39.904200 for Beijing.")),
                Field("longitude", QT_TRANSLATE_NOOP("partners", "Longitude"), "decimal", required=True,
                      help=QT_TRANSLATE_NOOP("partners", "Degrees east, e.g. 116.407400 for Beijing."))]

    open_form(page, context, tr(NAME, "Add service centre"), fields,
              lambda values: create_centre(context.app, context.actor, partner_code=loaded["code"], **values))


def new_rate_card(page: ListPage, context: Context, partner_id: int) -> None:
    """A new rate card for the selected partner, prefilled with its current rates."""
    loaded: dict = {}

    def values(session) -> dict:
        current = network.rate_card_on(session, partner_id, date.today())
        rates = {key: getattr(current, key) for key in RATE_LABELS} if current else {}
        return {**rates, "open_ended": True}

    def fields(session) -> list[Field]:
        loaded["code"] = _code_of(session, partner_id)
        return [Field("valid_from", QT_TRANSLATE_NOOP("partners", "Valid from"), "date", required=True),
                Field("open_ended", QT_TRANSLATE_NOOP("partners", "Open-ended"), "bool",
                      help=QT_TRANSLATE_NOOP("partners", "Valid until a later card replaces it.")),
                Field("valid_to", QT_TRANSLATE_NOOP("partners", "Valid to"), "date"),
                *(Field(key, label, "decimal", required=True) for key, label in RATE_LABELS.items())]

    def save(typed: dict) -> int:
        valid_to = None if typed.pop("open_ended") else typed["valid_to"]
        return network.set_rate_card(context.app, context.actor, partner_code=loaded["code"],
                                     **{**typed, "valid_to": valid_to})

    open_form(page, context, tr(NAME, "New rate card"), fields, save, values=values,
              intro=tr(NAME, "Rate cards may not overlap; an open-ended card is ended the day before its successor "
                             "starts."))
