"""The stable, Qt-free surface a plugin imports: ``from console.api import ...``.

Qt building blocks for pages live in ``console.api.ui``. Nothing else in ``console``
is part of the plugin contract. ``tables`` is the spreadsheet import/export module
(``tables.read_table``, ``tables.Problems``, ``tables.write_table`` and the cell parsers).
"""

from console.core.auth import Actor
from console.core.context import AppContext, UnitOfWork
from console.core.contributions import (
    ActionSpec,
    Banner,
    BannerSpec,
    ChartSpec,
    CommandSpec,
    Context,
    DemoContext,
    DemoDataSpec,
    DomainEvent,
    JobSpec,
    PageSpec,
    PermissionSpec,
    SearchHit,
    SearchProviderSpec,
    SettingSpec,
    TranslationSpec,
)
from console.core.db import Base, Money, Quantity, UTCDateTime, Versioned, as_decimal, utcnow
from console.core import tables
from console.core.bulk import bulk_insert
from console.core.live import announce
from console.core.errors import (
    ConfigError,
    NotFound,
    PermissionDenied,
    ServiceError,
    StaleEditError,
    ValidationError,
)
from console.core.directory import (
    CallerMatch,
    Entitlement,
    create_centre,
    entitlement,
    find_caller,
    haversine_km,
    nearest_centre,
    phone_digits,
    update_centre,
)
from console.core.migrate import CORE_BASE_REVISION, CORE_BRANCH
from console.core.notify import notify, notify_all
from console.core.plotting import numeric_time_axis
from console.core.settings import get as get_setting
from console.core.models import (
    Asset,
    Customer,
    Group,
    GroupMember,
    Role,
    ServiceCentre,
    ServiceContract,
    Site,
    User,
    UserRole,
)
from console.hookspecs import hookimpl


def __getattr__(name: str):
    """Lazy names: the calendar and SLA engines (and the calendar store) load on first use.

    ``load_calendar(app, name)`` and ``calendar_names(app)`` read the business calendars an
    admin imported with ``service-console calendars import``.
    """
    if name in ("BusinessCalendar", "CalendarError", "DayKind"):
        from console.core import calendars

        return getattr(calendars, name)
    if name in ("ClockDefinition", "ClockState", "ClockStatus", "Segment", "Transition", "compute_clock", "explain"):
        from console.core import sla

        return getattr(sla, name)
    if name in ("load_calendar", "calendar_names"):
        from console.core import calendar_store

        return {"load_calendar": calendar_store.load, "calendar_names": calendar_store.list_names}[name]
    raise AttributeError(f"module 'console.api' has no attribute {name!r}")


#: Core reference tables, for reading: plugins write them only through core services.
READ_ONLY_MODELS = (Asset, Customer, Group, GroupMember, Role, ServiceCentre, ServiceContract, Site, User, UserRole)

__all__ = [
    "Asset", "BusinessCalendar", "CalendarError", "ClockDefinition", "ClockState", "ClockStatus",
    "Customer", "DayKind", "Group", "GroupMember", "Role", "ServiceCentre", "ServiceContract", "Site", "UserRole",
    "Segment", "Transition", "User", "compute_clock", "explain", "calendar_names", "load_calendar",
    "numeric_time_axis", "CallerMatch", "Entitlement", "create_centre", "update_centre", "entitlement", "find_caller", "phone_digits", "haversine_km", "nearest_centre", "notify", "notify_all",
    "ActionSpec", "Actor", "Banner", "BannerSpec", "announce", "bulk_insert", "tables", "AppContext", "Base", "CORE_BASE_REVISION", "CORE_BRANCH", "ChartSpec",
    "CommandSpec", "ConfigError", "Context", "DemoContext", "DemoDataSpec", "DomainEvent", "JobSpec",
    "Money", "NotFound", "PageSpec", "PermissionDenied", "PermissionSpec", "Quantity", "SearchHit",
    "SearchProviderSpec", "ServiceError", "SettingSpec", "StaleEditError", "TranslationSpec",
    "UTCDateTime", "UnitOfWork", "ValidationError", "Versioned", "as_decimal", "get_setting", "hookimpl",
    "utcnow",
]
