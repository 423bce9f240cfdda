"""Partner tables: service partners (服务商/网点) and the service orders dispatched to them (派工单)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from console.api import Base, UTCDateTime, Versioned

LEVELS = ("gold", "silver", "authorised")
#: The steps of a service order (DOMAIN.md); rejected, incomplete and closed end it.
ORDER_STATUSES = ("dispatched", "accepted", "rejected", "departed", "arrived", "fixed", "incomplete",
                  "confirmed", "closed")
FINAL_STATUSES = ("rejected", "incomplete", "closed")


class Partner(Versioned, Base):
    """A service partner; ``last_order_seq`` numbers its orders ``<code>-<nnnnnn>``."""

    __tablename__ = "partners_partner"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(255), nullable=False)
    level: Mapped[str] = mapped_column(String(16), nullable=False)
    active: Mapped[bool] = mapped_column(nullable=False, default=True)
    last_order_seq: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


class ServiceOrder(Versioned, Base):
    """A service order dispatched to a partner, usually for an incident (``incident_ref`` is its number)."""

    __tablename__ = "partners_service_order"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(48), unique=True, nullable=False)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners_partner.id"), nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False)
    incident_ref: Mapped[str | None] = mapped_column(String(32), index=True)
    dispatched_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, index=True)
    accept_due_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (Index("ix_partners_service_order_partner_status", "partner_id", "status"),)


MODELS = (Partner, ServiceOrder)
