"""Spare-part tables, all named ``spares_<thing>``.

The move ledger (``spares_move``) is the truth about stock: every change of stock is a row
there. ``spares_stock`` holds the sum of the ledger per (part, location, serial), written in
the same transaction as the moves (``service.ledger`` is its only writer), so that on-hand
reads never add up a million rows; ``service-console spares-check`` proves the two agree.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from console.api import Base, Money, Quantity, UTCDateTime, Versioned

#: Locations that hold usable stock (an issue, a receipt or a count happens there).
DEPOT_KINDS = ("central", "regional", "consignment")
#: Virtual locations: goods on the road, at the repair vendor, waiting for repair, scrapped.
VIRTUAL_KINDS = ("in_transit", "repair", "defective", "scrap")
LOCATION_KINDS = (*DEPOT_KINDS, *VIRTUAL_KINDS)

#: Every kind of ledger line; ``service.ledger.RULES`` says where each may come from and go to.
MOVE_KINDS = ("receipt", "transfer", "issue", "unused_return", "defective_return", "restock", "repair_send",
              "repair_receipt", "scrap", "count_adjustment", "transit_loss")

REQUEST_STATUSES = ("open", "filled", "cancelled")
RESERVATION_STATUSES = ("active", "issued", "released", "expired")
#: The return loop (DOMAIN.md): expected → received → inspected → at repair → refurbished or scrapped;
#: good-unused parts go back to stock (restocked); a long overdue return is a loss to write off.
RETURN_STATES = ("expected", "received", "inspected", "at_repair", "refurbished", "scrapped", "restocked",
                 "loss_requested", "written_off")
OPEN_RETURN_STATES = ("expected", "received", "inspected", "at_repair", "loss_requested")
INSPECTION_OUTCOMES = ("defective", "good_unused", "wrong_part")
SHIPMENT_STATUSES = ("in_transit", "received", "short")
COUNT_STATUSES = ("counting", "awaiting_approval", "posted", "cancelled")
DISCREPANCY_KINDS = ("return_part", "return_serial", "shipment_short", "shipment_serial")
DISCREPANCY_RESOLUTIONS = ("accepted", "replaced", "charged_back", "written_off")


class Part(Versioned, Base):
    """A spare part (备件): serialized parts move one serial at a time; FRUs must come back."""

    __tablename__ = "spares_part"
    id: Mapped[int] = mapped_column(primary_key=True)
    part_number: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(255), nullable=False)
    unit_cost: Mapped[Decimal] = mapped_column(Money(), nullable=False)
    serialized: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    return_required: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    compatible_models: Mapped[str] = mapped_column(String(500), nullable=False, default="")
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)


class Location(Versioned, Base):
    """A stock location: a depot, a partner's consignment stock, or a virtual one (in transit, repair, …)."""

    __tablename__ = "spares_location"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(255), nullable=False)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    partner_code: Mapped[str | None] = mapped_column(String(32), index=True)
    city: Mapped[str | None] = mapped_column(String(64))
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)


class Move(Base):
    """One ledger line: ``quantity`` of a part from one location to another (None: outside the network)."""

    __tablename__ = "spares_move"
    id: Mapped[int] = mapped_column(primary_key=True)
    part_id: Mapped[int] = mapped_column(ForeignKey("spares_part.id"), nullable=False)
    from_location_id: Mapped[int | None] = mapped_column(ForeignKey("spares_location.id"))
    to_location_id: Mapped[int | None] = mapped_column(ForeignKey("spares_location.id"))
    quantity: Mapped[Decimal] = mapped_column(Quantity(), nullable=False)
    serial: Mapped[str | None] = mapped_column(String(64), index=True)
    kind: Mapped[str] = mapped_column(String(24), nullable=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, index=True)
    ref: Mapped[str | None] = mapped_column(String(64), index=True)
    actor: Mapped[str] = mapped_column(String(64), nullable=False)
    partner_code: Mapped[str | None] = mapped_column(String(32))
    request_id: Mapped[int | None] = mapped_column(ForeignKey("spares_request.id"), index=True)
    shipment_id: Mapped[int | None] = mapped_column(ForeignKey("spares_shipment.id"), index=True)
    #: An unused return points at the issue it reverses.
    issue_id: Mapped[int | None] = mapped_column(ForeignKey("spares_move.id"), index=True)
    note: Mapped[str | None] = mapped_column(String(255))

    __table_args__ = (
        Index("ix_spares_move_part_from", "part_id", "from_location_id"),
        Index("ix_spares_move_part_to", "part_id", "to_location_id"),
        Index("ix_spares_move_kind_at", "kind", "at"),
    )


class Stock(Base):
    """The ledger's sum for one (part, location, serial); ``serial`` is '' for parts without serials."""

    __tablename__ = "spares_stock"
    id: Mapped[int] = mapped_column(primary_key=True)
    part_id: Mapped[int] = mapped_column(ForeignKey("spares_part.id"), nullable=False)
    location_id: Mapped[int] = mapped_column(ForeignKey("spares_location.id"), nullable=False)
    serial: Mapped[str] = mapped_column(String(64), nullable=False, default="")
    quantity: Mapped[Decimal] = mapped_column(Quantity(), nullable=False)
    #: When stock last arrived here (the age of a serial at its location).
    since: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)

    __table_args__ = (
        UniqueConstraint("part_id", "location_id", "serial"),
        Index("ix_spares_stock_location_part", "location_id", "part_id"),
    )


class Counter(Base):
    """The last number handed out in a series (``RQ-2026``, ``RT-2026`` …)."""

    __tablename__ = "spares_counter"
    name: Mapped[str] = mapped_column(String(16), primary_key=True)
    value: Mapped[int] = mapped_column(Integer, nullable=False)


class Request(Versioned, Base):
    """A request (备件申请) for a part against an incident, work order or service order.

    ``depot_id`` is the designated depot: fill rate counts the requests filled in full from it
    at the first issue (``first_issue_full``).
    """

    __tablename__ = "spares_request"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(24), unique=True, nullable=False)
    ref: Mapped[str] = mapped_column(String(64), nullable=False, index=True)
    part_id: Mapped[int] = mapped_column(ForeignKey("spares_part.id"), nullable=False)
    quantity: Mapped[Decimal] = mapped_column(Quantity(), nullable=False)
    depot_id: Mapped[int] = mapped_column(ForeignKey("spares_location.id"), nullable=False)
    partner_code: Mapped[str | None] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), nullable=False)
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, index=True)
    requested_by: Mapped[str] = mapped_column(String(64), nullable=False)
    requester_id: Mapped[int | None] = mapped_column(ForeignKey("core_users.id"))
    issued_quantity: Mapped[Decimal] = mapped_column(Quantity(), nullable=False, default=Decimal(0))
    first_issue_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    first_issue_full: Mapped[bool | None] = mapped_column(Boolean)
    note: Mapped[str | None] = mapped_column(String(255))

    __table_args__ = (Index("ix_spares_request_status", "status"),)


class Reservation(Base):
    """Stock held (预留) for a request at one location until it is issued, released or expires."""

    __tablename__ = "spares_reservation"
    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("spares_request.id"), nullable=False, index=True)
    part_id: Mapped[int] = mapped_column(ForeignKey("spares_part.id"), nullable=False)
    location_id: Mapped[int] = mapped_column(ForeignKey("spares_location.id"), nullable=False)
    quantity: Mapped[Decimal] = mapped_column(Quantity(), nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (
        Index("ix_spares_reservation_part_location_status", "part_id", "location_id", "status"),
        Index("ix_spares_reservation_status_expires", "status", "expires_at"),
    )


class Return(Versioned, Base):
    """One unit in the return loop (返修流程): the defective part expected back from an issue."""

    __tablename__ = "spares_return"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(24), unique=True, nullable=False)
    issue_id: Mapped[int | None] = mapped_column(ForeignKey("spares_move.id"), index=True)
    ref: Mapped[str | None] = mapped_column(String(64), index=True)
    partner_code: Mapped[str | None] = mapped_column(String(32))
    part_id: Mapped[int] = mapped_column(ForeignKey("spares_part.id"), nullable=False)
    quantity: Mapped[Decimal] = mapped_column(Quantity(), nullable=False)
    depot_id: Mapped[int | None] = mapped_column(ForeignKey("spares_location.id"))
    issued_serial: Mapped[str | None] = mapped_column(String(64))
    #: The serial of the defective unit, when the engineer reported it.
    expected_serial: Mapped[str | None] = mapped_column(String(64))
    issued_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    due_on: Mapped[date | None] = mapped_column(Date)
    state: Mapped[str] = mapped_column(String(16), nullable=False)
    outcome: Mapped[str | None] = mapped_column(String(16))
    received_part_id: Mapped[int | None] = mapped_column(ForeignKey("spares_part.id"))
    received_serial: Mapped[str | None] = mapped_column(String(64), index=True)
    received_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Where the returned unit is now (defective store, repair vendor, depot, scrap).
    location_id: Mapped[int | None] = mapped_column(ForeignKey("spares_location.id"))
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    loss_reason: Mapped[str | None] = mapped_column(String(255))
    loss_requested_by: Mapped[str | None] = mapped_column(String(64))
    written_off_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    written_off_by: Mapped[str | None] = mapped_column(String(64))
    loss_value: Mapped[Decimal | None] = mapped_column(Money())
    overdue_notified: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)

    __table_args__ = (Index("ix_spares_return_state_due", "state", "due_on"),)


class Discrepancy(Versioned, Base):
    """A wrong shipment (错发) or shortfall: what was expected, what arrived, and how it was settled."""

    __tablename__ = "spares_discrepancy"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(24), unique=True, nullable=False)
    kind: Mapped[str] = mapped_column(String(24), nullable=False)
    source: Mapped[str] = mapped_column(String(24), nullable=False)  # the return or shipment number
    ref: Mapped[str | None] = mapped_column(String(64))
    expected_part_id: Mapped[int | None] = mapped_column(ForeignKey("spares_part.id"))
    expected_serial: Mapped[str | None] = mapped_column(String(64))
    received_part_id: Mapped[int | None] = mapped_column(ForeignKey("spares_part.id"))
    received_serial: Mapped[str | None] = mapped_column(String(64))
    quantity: Mapped[Decimal] = mapped_column(Quantity(), nullable=False)
    logged_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    logged_by: Mapped[str] = mapped_column(String(64), nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False)
    resolution: Mapped[str | None] = mapped_column(String(16))
    note: Mapped[str | None] = mapped_column(String(500))
    reconciled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reconciled_by: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (Index("ix_spares_discrepancy_status", "status"),)


class Shipment(Versioned, Base):
    """A transfer between depots through an in-transit location, with its transport cost."""

    __tablename__ = "spares_shipment"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(24), unique=True, nullable=False)
    from_location_id: Mapped[int] = mapped_column(ForeignKey("spares_location.id"), nullable=False)
    to_location_id: Mapped[int] = mapped_column(ForeignKey("spares_location.id"), nullable=False)
    transit_location_id: Mapped[int] = mapped_column(ForeignKey("spares_location.id"), nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False)
    shipped_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, index=True)
    shipped_by: Mapped[str] = mapped_column(String(64), nullable=False)
    received_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    carrier: Mapped[str | None] = mapped_column(String(64))
    tracking: Mapped[str | None] = mapped_column(String(64))
    cost: Mapped[Decimal | None] = mapped_column(Money())


class ShipmentLine(Base):
    """What a shipment carries, and how much of it arrived."""

    __tablename__ = "spares_shipment_line"
    id: Mapped[int] = mapped_column(primary_key=True)
    shipment_id: Mapped[int] = mapped_column(ForeignKey("spares_shipment.id"), nullable=False, index=True)
    part_id: Mapped[int] = mapped_column(ForeignKey("spares_part.id"), nullable=False)
    serial: Mapped[str | None] = mapped_column(String(64))
    quantity: Mapped[Decimal] = mapped_column(Quantity(), nullable=False)
    received_quantity: Mapped[Decimal] = mapped_column(Quantity(), nullable=False, default=Decimal(0))


class SafetyStock(Versioned, Base):
    """Safety stock (安全库存) of a part at a depot: below ``minimum`` the console proposes a refill to ``target``."""

    __tablename__ = "spares_safety_stock"
    id: Mapped[int] = mapped_column(primary_key=True)
    part_id: Mapped[int] = mapped_column(ForeignKey("spares_part.id"), nullable=False)
    location_id: Mapped[int] = mapped_column(ForeignKey("spares_location.id"), nullable=False)
    minimum: Mapped[Decimal] = mapped_column(Quantity(), nullable=False)
    target: Mapped[Decimal] = mapped_column(Quantity(), nullable=False)
    #: Set when the shortage was announced; cleared once stock is back at the minimum.
    alerted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (UniqueConstraint("part_id", "location_id"),
                      Index("ix_spares_safety_stock_location", "location_id"))


class Count(Versioned, Base):
    """A stock count sheet (盘点单) for one depot."""

    __tablename__ = "spares_count"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(24), unique=True, nullable=False)
    location_id: Mapped[int] = mapped_column(ForeignKey("spares_location.id"), nullable=False)
    status: Mapped[str] = mapped_column(String(20), nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, index=True)
    created_by: Mapped[str] = mapped_column(String(64), nullable=False)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    submitted_by: Mapped[str | None] = mapped_column(String(64))
    posted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    approved_by: Mapped[str | None] = mapped_column(String(64))
    difference_value: Mapped[Decimal | None] = mapped_column(Money())
    note: Mapped[str | None] = mapped_column(String(255))


class CountLine(Base):
    """One line of a count sheet: the book quantity when the sheet was made and what was counted."""

    __tablename__ = "spares_count_line"
    id: Mapped[int] = mapped_column(primary_key=True)
    count_id: Mapped[int] = mapped_column(ForeignKey("spares_count.id"), nullable=False)
    part_id: Mapped[int] = mapped_column(ForeignKey("spares_part.id"), nullable=False)
    serial: Mapped[str] = mapped_column(String(64), nullable=False, default="")
    book_quantity: Mapped[Decimal] = mapped_column(Quantity(), nullable=False)
    counted_quantity: Mapped[Decimal | None] = mapped_column(Quantity())

    __table_args__ = (UniqueConstraint("count_id", "part_id", "serial"),)


MODELS = (Part, Location, Request, Shipment, Move, Stock, Counter, Reservation, Return, Discrepancy, ShipmentLine,
          SafetyStock, Count, CountLine)
