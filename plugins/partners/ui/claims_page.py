"""The claims page: partners' claims with their status, claimed against computed amounts, and the
review beside each claim: its findings (with Accept/Overrule) and its order's timeline side by side."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QSplitter
from sqlalchemy import select
from sqlalchemy.orm import Session

from console.api import Context, ServiceError
from console.api.ui import (ChoiceFilter, Column, DetailSection, Field, ListPage, PageAction, detail_html,
                            display_text, run_in_background, tr, user_zone)
from plugins.partners import access, claim_import, claims
from plugins.partners.models import CLAIM_STATUSES, Claim, Partner, ServiceOrder
from plugins.partners.ui.common import (
    CLAIM_STATUS_NAMES,
    NAME,
    import_file,
    km,
    money,
    name,
    named,
    open_form,
    run_action,
)
from plugins.partners.ui.findings_panel import FindingsPanel
from plugins.partners.ui.timeline import OrderTimeline

PART_HELP = QT_TRANSLATE_NOOP("partners", "One part per line: part number:quantity:installed serial:removed serial, "
                                          "e.g. HDD-600:1:SN123:SN456.")
ACTION_NAMES = {
    "submitted": QT_TRANSLATE_NOOP("partners", "Submitted"), "imported": QT_TRANSLATE_NOOP("partners", "Imported"),
    "edited": QT_TRANSLATE_NOOP("partners", "Edited"), "checked": QT_TRANSLATE_NOOP("partners", "Checked by the rules"),
    "approved": QT_TRANSLATE_NOOP("partners", "Approved"), "adjusted": QT_TRANSLATE_NOOP("partners", "Adjusted"),
    "rejected": QT_TRANSLATE_NOOP("partners", "Rejected"), "settled": QT_TRANSLATE_NOOP("partners", "Settled"),
}


class ClaimsPage(ListPage):
    """The claims list; beside it the claim's details over its findings, and its order's timeline next to them."""

    def __init__(self, context: Context):
        with context.app.session() as session:
            query = access.scoped(
                select(Claim.number, Partner.code, ServiceOrder.number, Claim.status, Claim.service_date,
                       Claim.amount, Claim.computed_amount, Claim.approved_amount, Claim.submitted_at)
                .join(Partner, Partner.id == Claim.partner_id).join(ServiceOrder, ServiceOrder.id == Claim.order_id),
                Claim.partner_id, session, context.actor)
            partners = session.execute(access.scoped(select(Partner.id, Partner.code).order_by(Partner.code),
                                                     Partner.id, session, context.actor)).all()
        columns = [
            Column(QT_TRANSLATE_NOOP("partners", "Claim"), searchable=True, width=16),
            Column(QT_TRANSLATE_NOOP("partners", "Partner"), searchable=True, width=8),
            Column(QT_TRANSLATE_NOOP("partners", "Service order"), searchable=True, width=20),
            Column(QT_TRANSLATE_NOOP("partners", "Status"), format=named(CLAIM_STATUS_NAMES), width=12),
            Column(QT_TRANSLATE_NOOP("partners", "Service date"), width=12),
            Column(QT_TRANSLATE_NOOP("partners", "Claimed"), format=money, width=12),
            Column(QT_TRANSLATE_NOOP("partners", "Computed"), format=money, width=12),
            Column(QT_TRANSLATE_NOOP("partners", "Approved"), format=money, width=12),
            Column(QT_TRANSLATE_NOOP("partners", "Submitted"), width=16),
        ]
        filters = [
            ChoiceFilter(QT_TRANSLATE_NOOP("partners", "Status"),
                         [(QT_TRANSLATE_NOOP("partners", "Any status"), None)]
                         + [(CLAIM_STATUS_NAMES[s], Claim.status == s) for s in CLAIM_STATUSES]),
            ChoiceFilter(QT_TRANSLATE_NOOP("partners", "Partner"),
                         [(QT_TRANSLATE_NOOP("partners", "Every partner"), None)]
                         + [(code, Claim.partner_id == partner_id) for partner_id, code in partners]),
        ]
        actions = [
            PageAction(QT_TRANSLATE_NOOP("partners", "Submit claim…"), lambda p: submit_form(p, context),
                       permission=claims.CLAIM, primary=True),
            PageAction(QT_TRANSLATE_NOOP("partners", "Edit…"), lambda p: edit_form(p, context), needs_row=True,
                       permission=claims.CLAIM),
            PageAction(QT_TRANSLATE_NOOP("partners", "Approve"), lambda p: approve(p, context), needs_row=True,
                       permission=claims.REVIEW),
            PageAction(QT_TRANSLATE_NOOP("partners", "Adjust…"), lambda p: decide_form(p, context, "adjust"),
                       needs_row=True, permission=claims.REVIEW),
            PageAction(QT_TRANSLATE_NOOP("partners", "Reject…"), lambda p: decide_form(p, context, "reject"),
                       needs_row=True, permission=claims.REVIEW),
            PageAction(QT_TRANSLATE_NOOP("partners", "Import claims…"), lambda p: import_claims(p, context),
                       permission=claims.CLAIM),
        ]
        super().__init__(context, owner=NAME, query=query, columns=columns, key=Claim.number,
                         sort=(8, Qt.SortOrder.DescendingOrder), filters=filters, actions=actions,
                         detail=lambda number: self.claim_html(number),
                         count_text=QT_TRANSLATE_NOOP("partners", "{count} claims"),
                         empty_text=QT_TRANSLATE_NOOP("partners", "No claim matches."), export_name="partner-claims")
        #: The version of each claim as its detail pane last showed it (what a decision is made on).
        self.versions: dict[str, int] = {}
        self.findings = FindingsPanel()
        self.findings.decided.connect(self.refresh)
        self.timeline = OrderTimeline()
        claim_side = QSplitter(Qt.Orientation.Vertical)
        claim_side.addWidget(self.details)
        claim_side.addWidget(self.findings)
        claim_side.setSizes([380, 300])
        review = QSplitter(Qt.Orientation.Horizontal)
        review.addWidget(claim_side)
        review.addWidget(self.timeline)
        review.setSizes([440, 420])
        self.splitter.addWidget(review)
        self.splitter.setSizes([520, 860])
        self.table.selectionModel().currentRowChanged.connect(lambda current, _p: self._review(current.row()))

    def open_key(self, key: Any) -> None:
        """Show the claim numbered ``key`` with its findings and timeline (search hits, links)."""
        super().open_key(key)
        self.show_review(key)

    def loading(self) -> bool:
        """True while the list, the claim, its findings or its timeline are still being read."""
        return super().loading() or self.timeline.loading() or self.findings.loading()

    def _review(self, row: int) -> None:
        key = self.model.key_for(row) if row >= 0 else None
        if key is not None:
            self.show_review(key)

    def show_review(self, number: str) -> None:
        """Fill the findings panel and the order timeline for claim ``number``."""
        app, actor = self.context.app, self.context.actor

        def load() -> tuple[int, int, str]:
            with app.session() as session:
                claim = claims.get_claim(session, actor, number)
                order = session.scalar(select(ServiceOrder.number).where(ServiceOrder.id == claim.order_id))
                return claim.id, claim.order_id, order

        def show(found: tuple[int, int, str]) -> None:
            claim_id, order_id, order = found
            self.findings.show(self.context, claim_id=claim_id, order_id=order_id)
            self.timeline.show(self.context, order)

        run_in_background(self, load, show, lambda error, _t: self.details.setPlainText(str(error)))

    def claim_html(self, number: str) -> str:
        """The claim's details: amounts claimed against computed, its decision, parts and history."""
        zone = user_zone(self.context)
        with self.context.app.session() as session:
            claim = claims.get_claim(session, self.context.actor, number)
            self.versions[claim.number] = claim.version
            order = session.get(ServiceOrder, claim.order_id)
            partner = session.get(Partner, claim.partner_id)
            parts = claims.claim_parts(session, claim.id)
            rate = _rate(session, order, claim, len(parts))
            events = claims.history(session, claim.number)
        amounts = [(label, f"{money(claimed)} · {money(computed) if rate else '—'}")
                   for label, claimed, computed in (
                       (QT_TRANSLATE_NOOP("partners", "Labour"), claim.labour, rate and rate.labour),
                       (QT_TRANSLATE_NOOP("partners", "Travel"), claim.travel, rate and rate.travel),
                       (QT_TRANSLATE_NOOP("partners", "Parts handling"), claim.parts, rate and rate.parts),
                       (QT_TRANSLATE_NOOP("partners", "Other"), claim.other, Decimal(0)),
                       (QT_TRANSLATE_NOOP("partners", "Total"), claim.amount, claim.computed_amount))]
        sections = [
            DetailSection(QT_TRANSLATE_NOOP("partners", "Claim"), [
                (QT_TRANSLATE_NOOP("partners", "Partner"), f"{partner.code} · {partner.name}"),
                (QT_TRANSLATE_NOOP("partners", "Service order"), order.number),
                (QT_TRANSLATE_NOOP("partners", "Status"), name(CLAIM_STATUS_NAMES, claim.status)),
                (QT_TRANSLATE_NOOP("partners", "Service date"), claim.service_date),
                (QT_TRANSLATE_NOOP("partners", "Partner's reference"), claim.external_ref or ""),
                (QT_TRANSLATE_NOOP("partners", "Claimed distance"), km(claim.travel_km)),
                (QT_TRANSLATE_NOOP("partners", "Centre-to-site distance"), km(order.distance_km)),
                (QT_TRANSLATE_NOOP("partners", "Other fees for"), claim.other_note or "")]),
            DetailSection(QT_TRANSLATE_NOOP("partners", "Amounts: claimed · computed from the rate card"), amounts),
            DetailSection(QT_TRANSLATE_NOOP("partners", "Decision"), [
                (QT_TRANSLATE_NOOP("partners", "Approved amount"), money(claim.approved_amount)),
                (QT_TRANSLATE_NOOP("partners", "Decided by"), claim.decided_by or ""),
                (QT_TRANSLATE_NOOP("partners", "Decided at"), claim.decided_at or ""),
                (QT_TRANSLATE_NOOP("partners", "Note"), claim.decision_note or "")]),
            DetailSection(QT_TRANSLATE_NOOP("partners", "Parts"),
                          [(p.part_number, tr(NAME, "{quantity} × installed {installed} · removed {removed}").format(
                              quantity=p.quantity, installed=p.installed_serial or "—",
                              removed=p.removed_serial or "—")) for p in parts]),
            DetailSection(QT_TRANSLATE_NOOP("partners", "History"),
                          [(name(ACTION_NAMES, e.action), f"{display_text(e.at, zone)} · {e.actor}"
                            + _detail_text(e.detail)) for e in events]),
        ]
        return detail_html(claim.number, sections, owner=NAME, zone=zone)


def _rate(session: Session, order: ServiceOrder, claim: Claim, parts_lines: int) -> claims.ClaimAmounts | None:
    """The rate card's amounts for the claim (None when no rate card covers its service date any more)."""
    try:
        return claims.compute(session, order, parts_lines=parts_lines, service_date=claim.service_date)
    except ServiceError:
        return None


def _detail_text(detail: dict) -> str:
    """The interesting part of a history entry: the reason, the changes, the note or the findings."""
    bits = []
    if detail.get("reason"):
        bits.append(detail["reason"])
    for field, (old, new) in (detail.get("changes") or {}).items():
        bits.append(f"{field}: {old} → {new}")
    if detail.get("note"):
        bits.append(detail["note"])
    if "findings" in detail:
        bits.append(tr(NAME, "{count} findings").format(count=detail["findings"]))
    return ("\n" + "\n".join(bits)) if bits else ""


def claims_page(context: Context) -> ClaimsPage:
    """Partners' claims, newest first, with their review beside them."""
    return ClaimsPage(context)


# -- actions ---------------------------------------------------------------------------------
def _amount_fields(with_parts: bool = True) -> list[Field]:
    fields = [
        Field("service_date", QT_TRANSLATE_NOOP("partners", "Service date"), "date"),
        Field("travel_km", QT_TRANSLATE_NOOP("partners", "Claimed distance (km)"), "decimal",
              help=QT_TRANSLATE_NOOP("partners", "Leave empty to claim the centre-to-site distance.")),
        Field("other", QT_TRANSLATE_NOOP("partners", "Other fees"), "decimal"),
        Field("other_note", QT_TRANSLATE_NOOP("partners", "Other fees for")),
        Field("external_ref", QT_TRANSLATE_NOOP("partners", "Partner's reference")),
    ]
    if with_parts:
        fields.append(Field("part_lines", QT_TRANSLATE_NOOP("partners", "Parts"), "multiline", help=PART_HELP))
    return fields


def submit_form(page: ClaimsPage, context: Context) -> None:
    """Submit a claim for a finished service order; the rate card computes it."""
    def fields(_session) -> list[Field]:
        return [Field("order_number", QT_TRANSLATE_NOOP("partners", "Service order"), required=True,
                      help=QT_TRANSLATE_NOOP("partners", "The number of a fixed, confirmed, closed or incomplete "
                                                         "order, e.g. SP001-000123.")), *_amount_fields()]

    def save(values: dict) -> str:
        return claims.submit_claim(context.app, context.actor, order_number=values["order_number"],
                                   service_date=values["service_date"], travel_km=values["travel_km"],
                                   other=values["other"] or 0, other_note=values["other_note"],
                                   external_ref=values["external_ref"],
                                   parts=claims.parse_parts(values["part_lines"]))

    open_form(page, context, tr(NAME, "Submit a claim"), fields, save,
              intro=tr(NAME, "Labour, travel beyond the free radius and parts handling come from the partner's "
                             "rate card on the service date."))


EDIT_AMOUNTS = ("labour", "travel", "parts")


def edit_form(page: ClaimsPage, context: Context) -> None:
    """Edit the selected claim: a reason is required and kept with every change."""
    number = page.current_key()
    loaded: dict[str, Any] = {}

    def fields(_session) -> list[Field]:
        return [Field("reason", QT_TRANSLATE_NOOP("partners", "Reason for the change"), "multiline", required=True),
                Field("labour", QT_TRANSLATE_NOOP("partners", "Labour"), "decimal"),
                Field("travel", QT_TRANSLATE_NOOP("partners", "Travel"), "decimal"),
                Field("parts", QT_TRANSLATE_NOOP("partners", "Parts handling"), "decimal"), *_amount_fields()]

    def values(session) -> dict:
        claim = claims.get_claim(session, context.actor, number)
        loaded.update(version=claim.version, service_date=claim.service_date, travel_km=claim.travel_km,
                      labour=claim.labour, travel=claim.travel, parts=claim.parts, other=claim.other,
                      other_note=claim.other_note or "", external_ref=claim.external_ref or "",
                      part_lines="\n".join(p.text() for p in claims.claim_parts(session, claim.id)))
        return dict(loaded)

    def save(entered: dict) -> int:
        changes = {k: v for k, v in entered.items() if k not in ("reason", "part_lines") and v != loaded.get(k)
                   and not (v in ("", None) and loaded.get(k) in ("", None))}
        if entered["part_lines"].strip() != loaded["part_lines"].strip():
            changes["part_lines"] = claims.parse_parts(entered["part_lines"])
        return claims.edit_claim(context.app, context.actor, number, expected_version=loaded["version"],
                                 reason=entered["reason"], **changes)

    open_form(page, context, tr(NAME, "Edit claim {number}").format(number=number), fields, save, values=values,
              intro=tr(NAME, "A decided claim goes back to review when it is changed; a settled one cannot change."))


def approve(page: ClaimsPage, context: Context) -> None:
    """Approve the selected claim at its claimed amount."""
    number = page.current_key()
    version = page.versions.get(number)
    run_action(page, lambda: claims.approve(context.app, context.actor, number, expected_version=version),
               question=tr(NAME, "Approve claim {number} at its claimed amount?").format(number=number),
               title=tr(NAME, "Approve"))


def decide_form(page: ClaimsPage, context: Context, decision: str) -> None:
    """Adjust (another amount) or reject the selected claim, with a note."""
    number = page.current_key()
    version = page.versions.get(number)

    def fields(_session) -> list[Field]:
        note = Field("note", QT_TRANSLATE_NOOP("partners", "Note for the partner"), "multiline", required=True)
        if decision == "adjust":
            return [Field("amount", QT_TRANSLATE_NOOP("partners", "Approved amount"), "decimal", required=True), note]
        return [note]

    def save(values: dict) -> int:
        if decision == "adjust":
            return claims.adjust(context.app, context.actor, number, expected_version=version,
                                 amount=values["amount"], note=values["note"])
        return claims.reject(context.app, context.actor, number, expected_version=version, note=values["note"])

    title = (tr(NAME, "Adjust claim {number}") if decision == "adjust"
             else tr(NAME, "Reject claim {number}")).format(number=number)
    open_form(page, context, title, fields, save)


def import_claims(page: ClaimsPage, context: Context) -> None:
    """Import partners' claims from a CSV or XLSX file."""
    def report(result) -> str:
        if result.already is not None:
            return tr(NAME, "{file} was already imported on {at} by {user}; nothing was changed.").format(
                file=result.filename, at=display_text(result.already.imported_at, user_zone(context)),
                user=result.already.imported_by)
        return tr(NAME, "{file}: {added} claims added, {skipped} already claimed and left as they were.").format(
            file=result.filename, added=result.added, skipped=result.skipped)

    import_file(page, tr(NAME, "Import claims"),
                lambda path: claim_import.import_claims(context.app, context.actor, path), report)
