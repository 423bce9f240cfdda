"""Core tables, all named ``core_<thing>``; core's alembic branch owns them.

Services in the sibling modules (auth, audit, directory, notify, jobs, settings,
calendars, plugins) are the only writers.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from console.core.db import Base, Money, UTCDateTime, Versioned, utcnow

Coordinate = Numeric(9, 6, asdecimal=True)


class PluginState(Base):
    """Whether an installed plugin is enabled; absent means enabled."""

    __tablename__ = "core_plugin_state"
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    enabled: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)


class Setting(Base):
    """An organisation-wide setting value (JSON text), keyed ``<namespace>.<name>``."""

    __tablename__ = "core_settings"
    key: Mapped[str] = mapped_column(String(128), primary_key=True)
    value: Mapped[str] = mapped_column(Text, nullable=False)


class User(Versioned, Base):
    """A person who signs in; ``partner_code`` ties a partner's user to their own data."""

    __tablename__ = "core_users"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    display_name: Mapped[str] = mapped_column(String(128), nullable=False)
    email: Mapped[str | None] = mapped_column(String(254))
    password_hash: Mapped[str] = mapped_column(String(255), nullable=False)
    locale: Mapped[str] = mapped_column(String(16), nullable=False, default="en")
    timezone: Mapped[str] = mapped_column(String(64), nullable=False, default="Asia/Shanghai")
    is_active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    lead_id: Mapped[int | None] = mapped_column(ForeignKey("core_users.id"))
    partner_code: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)

    roles: Mapped[list[UserRole]] = relationship(cascade="all, delete-orphan", lazy="selectin")


class Role(Base):
    """A named bundle of permissions (admin, back-office clerk, …)."""

    __tablename__ = "core_roles"
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    title: Mapped[str] = mapped_column(String(128), nullable=False)


class UserRole(Base):
    """A role held by a user."""

    __tablename__ = "core_user_roles"
    user_id: Mapped[int] = mapped_column(ForeignKey("core_users.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str] = mapped_column(ForeignKey("core_roles.name"), primary_key=True)


class Permission(Base):
    """A permission some plugin (or core) declared; remembered so defaults are granted once."""

    __tablename__ = "core_permissions"
    name: Mapped[str] = mapped_column(String(128), primary_key=True)
    title: Mapped[str] = mapped_column(String(255), nullable=False)
    namespace: Mapped[str] = mapped_column(String(64), nullable=False)


class RolePermission(Base):
    """A permission granted to a role."""

    __tablename__ = "core_role_permissions"
    role: Mapped[str] = mapped_column(ForeignKey("core_roles.name", ondelete="CASCADE"), primary_key=True)
    permission: Mapped[str] = mapped_column(ForeignKey("core_permissions.name", ondelete="CASCADE"),
                                            primary_key=True)


class Group(Base):
    """A team that work can be assigned to (help desk L1, on-site Beijing, …)."""

    __tablename__ = "core_groups"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(128), unique=True, nullable=False)
    lead_id: Mapped[int | None] = mapped_column(ForeignKey("core_users.id"))


class GroupMember(Base):
    """Membership of a user in a group."""

    __tablename__ = "core_group_members"
    group_id: Mapped[int] = mapped_column(ForeignKey("core_groups.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("core_users.id", ondelete="CASCADE"), primary_key=True)


class AuditEntry(Base):
    """One append-only, hash-chained change record."""

    __tablename__ = "core_audit_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    actor: Mapped[str] = mapped_column(String(64), nullable=False)
    action: Mapped[str] = mapped_column(String(128), nullable=False)
    entity: Mapped[str] = mapped_column(String(128), nullable=False)
    entity_id: Mapped[str] = mapped_column(String(64), nullable=False)
    detail: Mapped[str] = mapped_column(Text, nullable=False)
    prev_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    hash: Mapped[str] = mapped_column(String(64), nullable=False)

    __table_args__ = (Index("ix_core_audit_log_entity", "entity", "entity_id"),)


class AuditHead(Base):
    """The chain's head (one row): serialises appends and exposes a deleted tail."""

    __tablename__ = "core_audit_head"
    id: Mapped[int] = mapped_column(primary_key=True)
    last_id: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    last_hash: Mapped[str] = mapped_column(String(64), nullable=False)


class CalendarRecord(Versioned, Base):
    """A stored business calendar: the JSON document ``BusinessCalendar.from_dict`` reads."""

    __tablename__ = "core_calendars"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(128), unique=True, nullable=False)
    document: Mapped[str] = mapped_column(Text, nullable=False)


class Customer(Versioned, Base):
    """A customer (客户)."""

    __tablename__ = "core_customers"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(255), nullable=False)
    phone: Mapped[str | None] = mapped_column(String(32), index=True)
    email: Mapped[str | None] = mapped_column(String(254))


class Site(Versioned, Base):
    """A customer site (客户现场) with coordinates for distance-based SLAs."""

    __tablename__ = "core_sites"
    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("core_customers.id"), nullable=False, index=True)
    name: Mapped[str] = mapped_column(String(255), nullable=False)
    address: Mapped[str | None] = mapped_column(String(500))
    city: Mapped[str | None] = mapped_column(String(64))
    latitude: Mapped[Decimal | None] = mapped_column(Coordinate)
    longitude: Mapped[Decimal | None] = mapped_column(Coordinate)


class ServiceContract(Versioned, Base):
    """A service contract (服务合同): ends at ``ends_on``, after ``max_calls``, or when the balance is used."""

    __tablename__ = "core_service_contracts"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True, nullable=False)
    customer_id: Mapped[int] = mapped_column(ForeignKey("core_customers.id"), nullable=False, index=True)
    level: Mapped[str] = mapped_column(String(32), nullable=False)
    starts_on: Mapped[date] = mapped_column(Date, nullable=False)
    ends_on: Mapped[date] = mapped_column(Date, nullable=False)
    max_calls: Mapped[int | None] = mapped_column(Integer)
    prepaid_balance: Mapped[Decimal | None] = mapped_column(Money())


class Asset(Versioned, Base):
    """An asset / configuration item (设备) identified by its serial number."""

    __tablename__ = "core_assets"
    id: Mapped[int] = mapped_column(primary_key=True)
    serial: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    model: Mapped[str] = mapped_column(String(128), nullable=False, index=True)
    product: Mapped[str] = mapped_column(String(128), nullable=False)
    customer_id: Mapped[int] = mapped_column(ForeignKey("core_customers.id"), nullable=False, index=True)
    site_id: Mapped[int | None] = mapped_column(ForeignKey("core_sites.id"), index=True)
    contract_id: Mapped[int | None] = mapped_column(ForeignKey("core_service_contracts.id"), index=True)
    installed_on: Mapped[date | None] = mapped_column(Date)
    warranty_end: Mapped[date | None] = mapped_column(Date)


class ServiceCentre(Versioned, Base):
    """A place engineers leave from (服务中心/网点); ``partner_code`` is empty for our own."""

    __tablename__ = "core_service_centres"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(255), nullable=False)
    city: Mapped[str | None] = mapped_column(String(64))
    latitude: Mapped[Decimal] = mapped_column(Coordinate, nullable=False)
    longitude: Mapped[Decimal] = mapped_column(Coordinate, nullable=False)
    partner_code: Mapped[str | None] = mapped_column(String(32), index=True)


class Notification(Base):
    """A message to one user, shown in the notification centre until read."""

    __tablename__ = "core_notifications"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("core_users.id", ondelete="CASCADE"), nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)
    severity: Mapped[str] = mapped_column(String(16), nullable=False, default="info")
    title: Mapped[str] = mapped_column(String(255), nullable=False)
    body: Mapped[str] = mapped_column(Text, nullable=False, default="")
    link: Mapped[str | None] = mapped_column(String(255))
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    emailed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (Index("ix_core_notifications_user_unread", "user_id", "read_at", "id"),)


class JobState(Base):
    """A background job's lock and last run; the lock lets exactly one runner run it."""

    __tablename__ = "core_jobs"
    name: Mapped[str] = mapped_column(String(128), primary_key=True)
    locked_by: Mapped[str | None] = mapped_column(String(128))
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_status: Mapped[str | None] = mapped_column(String(16))
    last_error: Mapped[str | None] = mapped_column(Text)
    runs: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


__all__ = [
    "Asset", "AuditEntry", "AuditHead", "CalendarRecord", "Customer", "Group", "GroupMember",
    "JobState", "Notification", "Permission", "PluginState", "Role", "RolePermission",
    "ServiceCentre", "ServiceContract", "Setting", "Site", "User", "UserRole",
]
