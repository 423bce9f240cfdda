"""Partner tables: the partner network (服务商/网点), service orders step by step (派工单),
claims (结算申请), audit findings, scorecard weights and settlements (清算).

Service centres with coordinates are core's ``core_service_centres`` rows whose
``partner_code`` is the partner's code; partners reads them and never writes them.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, Numeric, SmallInteger, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from console.api import Base, Money, UTCDateTime, Versioned

LEVELS = ("gold", "silver", "authorised")
#: How hard the job was: the rate card pays labour per visit by this level.
REPAIR_LEVELS = ("L1", "L2", "L3")
#: The steps of a service order (DOMAIN.md), in process order; rejected, incomplete and closed end it.
STEPS = ("dispatched", "accepted", "rejected", "departed", "arrived", "fixed", "incomplete", "confirmed", "closed")
ORDER_STATUSES = STEPS
FINAL_STATUSES = ("rejected", "incomplete", "closed")
#: Which step may follow which.
NEXT_STEPS: dict[str, tuple[str, ...]] = {
    "dispatched": ("accepted", "rejected"),
    "accepted": ("departed", "rejected"),
    "departed": ("arrived",),
    "arrived": ("fixed", "incomplete"),
    "fixed": ("confirmed", "closed"),
    "confirmed": ("closed",),
}
REJECT_REASONS = ("no_capacity", "out_of_area", "no_skill", "customer_unreachable", "other")
INCOMPLETE_REASONS = ("part_missing", "wrong_part", "customer_absent", "needs_escalation", "other")
ORDER_SOURCES = ("dispatch", "manual", "import")
CLAIM_STATUSES = ("submitted", "in_review", "approved", "adjusted", "rejected", "settled")
#: Claims a settlement pays (an adjusted claim is paid at its approved amount).
PAYABLE_STATUSES = ("approved", "adjusted")
SEVERITIES = ("info", "warning", "critical")
FINDING_STATUSES = ("open", "accepted", "overruled", "resolved")
SETTLEMENT_STATUSES = ("draft", "posted")
Coordinate = Numeric(9, 6, asdecimal=True)
Distance = Numeric(8, 1, asdecimal=True)


class Partner(Versioned, Base):
    """A service partner; ``last_order_seq`` numbers its orders ``<code>-<nnnnnn>``.

    ``regions`` is a comma-separated list of the regions it covers (华北, 华东, …).
    """

    __tablename__ = "partners_partner"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(255), nullable=False)
    level: Mapped[str] = mapped_column(String(16), nullable=False)
    regions: Mapped[str | None] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(nullable=False, default=True)
    last_order_seq: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


class Engineer(Versioned, Base):
    """One of a partner's field engineers; ``code`` is unique across the network."""

    __tablename__ = "partners_engineer"
    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners_partner.id"), nullable=False, index=True)
    code: Mapped[str] = mapped_column(String(32), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(128), nullable=False)
    phone: Mapped[str | None] = mapped_column(String(32))
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)


class RateCard(Versioned, Base):
    """What a partner is paid from ``valid_from`` to ``valid_to`` (inclusive; None: open-ended).

    Labour is per visit by repair level; travel is paid per km beyond ``free_radius_km`` of the
    centre-to-site distance; ``parts_handling`` is paid per claimed part line.
    """

    __tablename__ = "partners_rate_card"
    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners_partner.id"), nullable=False)
    valid_from: Mapped[date] = mapped_column(Date, nullable=False)
    valid_to: Mapped[date | None] = mapped_column(Date)
    labour_l1: Mapped[Decimal] = mapped_column(Money(), nullable=False)
    labour_l2: Mapped[Decimal] = mapped_column(Money(), nullable=False)
    labour_l3: Mapped[Decimal] = mapped_column(Money(), nullable=False)
    free_radius_km: Mapped[Decimal] = mapped_column(Distance, nullable=False)
    travel_per_km: Mapped[Decimal] = mapped_column(Money(), nullable=False)
    parts_handling: Mapped[Decimal] = mapped_column(Money(), nullable=False)

    __table_args__ = (UniqueConstraint("partner_id", "valid_from"),)


class ServiceOrder(Versioned, Base):
    """A service order dispatched to a partner, usually for an incident (``incident_ref``) or one of
    its work orders (``work_order_ref``). ``status`` is its latest step; the steps are the record.

    ``centre_id`` is the partner's centre nearest the site and ``distance_km`` the centre-to-site
    distance; ``accept_due_at``, ``arrive_due_at`` and ``fix_due_at`` are the step clocks' due
    instants, fixed at dispatch. ``external_ref`` is the partner's own number (imports key on it).
    """

    __tablename__ = "partners_service_order"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(48), unique=True, nullable=False)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners_partner.id"), nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False)
    source: Mapped[str] = mapped_column(String(16), nullable=False, default="dispatch", server_default="dispatch")
    incident_ref: Mapped[str | None] = mapped_column(String(32), index=True)
    work_order_ref: Mapped[str | None] = mapped_column(String(48), index=True)
    external_ref: Mapped[str | None] = mapped_column(String(64))
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("core_customers.id"))
    site_id: Mapped[int | None] = mapped_column(ForeignKey("core_sites.id"))
    asset_id: Mapped[int | None] = mapped_column(ForeignKey("core_assets.id"), index=True)
    centre_id: Mapped[int | None] = mapped_column(ForeignKey("core_service_centres.id"))
    engineer_id: Mapped[int | None] = mapped_column(ForeignKey("partners_engineer.id"), index=True)
    category: Mapped[str | None] = mapped_column(String(64))
    repair_level: Mapped[str] = mapped_column(String(2), nullable=False, default="L2", server_default="L2")
    distance_km: Mapped[Decimal | None] = mapped_column(Distance)
    dispatched_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, index=True)
    accept_due_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    arrive_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    fix_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (Index("ix_partners_service_order_partner_status", "partner_id", "status"),
                      UniqueConstraint("partner_id", "external_ref"))


class OrderStep(Base):
    """One recorded step of a service order: when it happened (``at``), who recorded it and when,
    the engineer, optional coordinates (check-in), the reason of a rejection or an incomplete
    closure, and the customer's satisfaction (1–5) on confirmation. Steps are never edited."""

    __tablename__ = "partners_order_step"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("partners_service_order.id", ondelete="CASCADE"), nullable=False)
    step: Mapped[str] = mapped_column(String(16), nullable=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    recorded_by: Mapped[str] = mapped_column(String(64), nullable=False)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    engineer_id: Mapped[int | None] = mapped_column(ForeignKey("partners_engineer.id"))
    latitude: Mapped[Decimal | None] = mapped_column(Coordinate)
    longitude: Mapped[Decimal | None] = mapped_column(Coordinate)
    reason: Mapped[str | None] = mapped_column(String(32))
    note: Mapped[str | None] = mapped_column(String(500))
    satisfaction: Mapped[int | None] = mapped_column(SmallInteger)

    __table_args__ = (Index("ix_partners_order_step_order_step_at", "order_id", "step", "at"),
                      Index("ix_partners_order_step_engineer_at", "engineer_id", "at"),
                      Index("ix_partners_order_step_step_at", "step", "at"))


class Claim(Versioned, Base):
    """A partner's claim for one service order (numbered ``<order number>-C<n>``).

    ``computed_amount`` is what the rate card pays; ``amount`` is what was claimed (labour +
    travel + parts + other); ``approved_amount`` is what review approved. ``travel_km`` is the
    claimed distance. A settled claim (``settlement_id`` set) never changes.
    """

    __tablename__ = "partners_claim"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(56), unique=True, nullable=False)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners_partner.id"), nullable=False)
    order_id: Mapped[int] = mapped_column(ForeignKey("partners_service_order.id"), nullable=False, index=True)
    status: Mapped[str] = mapped_column(String(16), nullable=False)
    external_ref: Mapped[str | None] = mapped_column(String(64))
    service_date: Mapped[date] = mapped_column(Date, nullable=False)
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, index=True)
    travel_km: Mapped[Decimal] = mapped_column(Distance, nullable=False, default=Decimal(0))
    labour: Mapped[Decimal] = mapped_column(Money(), nullable=False)
    travel: Mapped[Decimal] = mapped_column(Money(), nullable=False)
    parts: Mapped[Decimal] = mapped_column(Money(), nullable=False)
    other: Mapped[Decimal] = mapped_column(Money(), nullable=False)
    other_note: Mapped[str | None] = mapped_column(String(255))
    amount: Mapped[Decimal] = mapped_column(Money(), nullable=False)
    computed_amount: Mapped[Decimal] = mapped_column(Money(), nullable=False)
    approved_amount: Mapped[Decimal | None] = mapped_column(Money())
    decided_by: Mapped[str | None] = mapped_column(String(64))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decision_note: Mapped[str | None] = mapped_column(String(500))
    settlement_id: Mapped[int | None] = mapped_column(ForeignKey("partners_settlement.id"), index=True)

    __table_args__ = (Index("ix_partners_claim_partner_status", "partner_id", "status"),
                      Index("ix_partners_claim_partner_decided_at", "partner_id", "decided_at"),
                      UniqueConstraint("partner_id", "external_ref"))


class ClaimPart(Base):
    """A part claimed on a claim: the part fitted (``installed_serial``, from a spares issue) and
    the defective one taken out (``removed_serial``, which must come back)."""

    __tablename__ = "partners_claim_part"
    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("partners_claim.id", ondelete="CASCADE"), nullable=False,
                                          index=True)
    part_number: Mapped[str] = mapped_column(String(64), nullable=False)
    quantity: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    installed_serial: Mapped[str | None] = mapped_column(String(64))
    removed_serial: Mapped[str | None] = mapped_column(String(64))


class ClaimEvent(Base):
    """A claim's history: submission, every edit (with the fields changed and the reason), the
    rule check, review decisions and settlement. ``detail`` is JSON."""

    __tablename__ = "partners_claim_event"
    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("partners_claim.id", ondelete="CASCADE"), nullable=False,
                                          index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    actor: Mapped[str] = mapped_column(String(64), nullable=False)
    action: Mapped[str] = mapped_column(String(32), nullable=False)
    detail: Mapped[str] = mapped_column(Text, nullable=False, default="{}")


class RuleSetting(Versioned, Base):
    """An admin's choice for one audit rule: on or off, its severity and its parameters (JSON)."""

    __tablename__ = "partners_rule_setting"
    rule: Mapped[str] = mapped_column(String(64), primary_key=True)
    enabled: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    severity: Mapped[str] = mapped_column(String(16), nullable=False)
    params: Mapped[str] = mapped_column(Text, nullable=False, default="{}")


class Finding(Versioned, Base):
    """What an audit rule found, with its evidence (JSON: the rows, distances, times, speeds).

    ``fingerprint`` (rule + what it is about) makes a re-run find the same finding, not a new one.
    An open finding holds its claim out of settlement until a reviewer accepts it (the finding
    stands: the claim is adjusted or rejected) or overrules it (the claim is fine), with a comment,
    or until a run of its rule no longer finds it ("resolved": the problem went away).
    """

    __tablename__ = "partners_finding"
    id: Mapped[int] = mapped_column(primary_key=True)
    rule: Mapped[str] = mapped_column(String(64), nullable=False)
    severity: Mapped[str] = mapped_column(String(16), nullable=False)
    fingerprint: Mapped[str] = mapped_column(String(255), unique=True, nullable=False)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners_partner.id"), nullable=False)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("partners_service_order.id"), index=True)
    claim_id: Mapped[int | None] = mapped_column(ForeignKey("partners_claim.id"), index=True)
    summary: Mapped[str] = mapped_column(String(500), nullable=False)
    evidence: Mapped[str] = mapped_column(Text, nullable=False, default="{}")
    found_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="open")
    decided_by: Mapped[str | None] = mapped_column(String(64))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    comment: Mapped[str | None] = mapped_column(String(1000))

    __table_args__ = (Index("ix_partners_finding_partner_status", "partner_id", "status"),
                      Index("ix_partners_finding_rule_status", "rule", "status"))


class ScoreWeight(Base):
    """The weight of one scorecard measure in the partner's score (the weights need not sum to 1)."""

    __tablename__ = "partners_score_weight"
    measure: Mapped[str] = mapped_column(String(32), primary_key=True)
    weight: Mapped[Decimal] = mapped_column(Numeric(6, 2, asdecimal=True), nullable=False)


class Settlement(Versioned, Base):
    """A partner's statement for one period (``period_start`` to ``period_end``, inclusive):
    ``payable`` is what it pays, ``held`` what open findings hold back. Posting locks its claims."""

    __tablename__ = "partners_settlement"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners_partner.id"), nullable=False)
    period_start: Mapped[date] = mapped_column(Date, nullable=False)
    period_end: Mapped[date] = mapped_column(Date, nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="draft")
    payable: Mapped[Decimal] = mapped_column(Money(), nullable=False)
    held: Mapped[Decimal] = mapped_column(Money(), nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    created_by: Mapped[str] = mapped_column(String(64), nullable=False)
    posted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    posted_by: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (UniqueConstraint("partner_id", "period_start"),)


class SettlementLine(Base):
    """One claim on a statement: paid (``held`` false) or held back, with why."""

    __tablename__ = "partners_settlement_line"
    id: Mapped[int] = mapped_column(primary_key=True)
    settlement_id: Mapped[int] = mapped_column(ForeignKey("partners_settlement.id", ondelete="CASCADE"),
                                               nullable=False)
    claim_id: Mapped[int] = mapped_column(ForeignKey("partners_claim.id"), nullable=False, index=True)
    amount: Mapped[Decimal] = mapped_column(Money(), nullable=False)
    held: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    hold_reason: Mapped[str | None] = mapped_column(String(500))

    __table_args__ = (UniqueConstraint("settlement_id", "claim_id"),)


class ImportBatch(Versioned, Base):
    """A file of service orders or claims imported once: the same file (``digest``) again is a no-op."""

    __tablename__ = "partners_import"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    digest: Mapped[str] = mapped_column(String(64), nullable=False)
    filename: Mapped[str] = mapped_column(String(255), nullable=False)
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    imported_by: Mapped[str] = mapped_column(String(64), nullable=False)
    rows: Mapped[int] = mapped_column(Integer, nullable=False)

    __table_args__ = (UniqueConstraint("kind", "digest"),)


MODELS = (Partner, Engineer, RateCard, ServiceOrder, OrderStep, Claim, ClaimPart, ClaimEvent, RuleSetting, Finding,
          ScoreWeight, Settlement, SettlementLine, ImportBatch)
