"""Spare-part tables: parts, stock locations and the move ledger whose sum is the stock on hand."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import Boolean, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from console.api import Base, Money, Quantity, UTCDateTime, Versioned

DEPOT_KINDS = ("central", "regional", "consignment")
LOCATION_KINDS = (*DEPOT_KINDS, "in_transit", "repair", "defective", "scrap")


class Part(Versioned, Base):
    """A spare part (备件): serialized parts move one serial at a time; FRUs must come back."""

    __tablename__ = "spares_part"
    id: Mapped[int] = mapped_column(primary_key=True)
    part_number: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(255), nullable=False)
    unit_cost: Mapped[Decimal] = mapped_column(Money(), nullable=False)
    serialized: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    return_required: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)


class Location(Versioned, Base):
    """A stock location: a depot, partner consignment stock, or a virtual one (in transit, repair, …)."""

    __tablename__ = "spares_location"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(255), nullable=False)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)


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
    ref: Mapped[str | None] = mapped_column(String(64))
    actor: Mapped[str] = mapped_column(String(64), nullable=False)

    __table_args__ = (
        Index("ix_spares_move_part_from", "part_id", "from_location_id"),
        Index("ix_spares_move_part_to", "part_id", "to_location_id"),
    )


MODELS = (Part, Location, Move)
