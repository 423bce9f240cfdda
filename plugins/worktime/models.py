"""Work-hour tables (工时管理), all named ``worktime_<thing>``.

Set-up: schedules (工作时间表) and who works which one when, rule sets (the overtime
multipliers), hourly rates with validity dates, projects, leave types, the organisation's own
calendar days and who reviews each team. Records: time entries (工时记录) and their split into
buckets, leave (假期), timesheets (工时单), adjustments after locking and sent reminders.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from console.api import Base, Money, UTCDateTime, Versioned

#: What time is spent on. Incidents, work orders and projects name a reference; travel may name
#: the incident or work order it was for; meetings and training name none.
REFERENCED_KINDS = ("incident", "work_order", "project")
INTERNAL_KINDS = ("meeting", "training", "travel")
ACTIVITY_KINDS = (*REFERENCED_KINDS, *INTERNAL_KINDS)
#: Activities that count as service hours in utilisation (service hours ÷ scheduled hours).
SERVICE_KINDS = ("incident", "work_order", "project")

#: Where each minute of an entry lands (DOMAIN.md, China's Labour Law art. 44 by default).
NORMAL, EXTENDED, REST, REST_IN_LIEU, HOLIDAY = "normal", "extended", "rest", "rest_in_lieu", "holiday"
BUCKETS = (NORMAL, EXTENDED, REST, REST_IN_LIEU, HOLIDAY)
OVERTIME_BUCKETS = (EXTENDED, REST, REST_IN_LIEU, HOLIDAY)

#: A rest day worked is paid (×2.0 by default) or compensated with time off in lieu.
REST_POLICIES = ("pay", "time_off")
#: The organisation's own calendar days, on top of the business calendar's.
ORG_DAY_KINDS = ("statutory_holiday", "day_off", "workday")

PERIODS = ("week", "month")
SUBMITTED, APPROVED, REJECTED, WITHDRAWN = "submitted", "approved", "rejected", "withdrawn"
TIMESHEET_STATUSES = (SUBMITTED, APPROVED, REJECTED, WITHDRAWN)
#: A timesheet in one of these states locks its period: nobody changes its entries.
LOCKING_STATUSES = (SUBMITTED, APPROVED)
PENDING = "pending"
ADJUSTMENT_STATUSES = (PENDING, APPROVED, REJECTED)
ADJUSTMENT_ACTIONS = ("add", "change", "remove")

Multiplier = Numeric(4, 2, asdecimal=True)


class Schedule(Versioned, Base):
    """A weekly working-time pattern: local wall-clock windows per weekday (a lunch break is two windows).

    ``week`` is the calendar-document form, ``{"mon": [["09:00", "12:00"], ["13:00", "18:00"]], ...}``;
    the windows are read in each employee's own time zone.
    """

    __tablename__ = "worktime_schedule"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(128), unique=True, nullable=False)
    week: Mapped[str] = mapped_column(Text, nullable=False)
    is_default: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")


class RuleSet(Versioned, Base):
    """How overtime is paid: a multiplier per bucket and the rest-day policy (pay or time off in lieu)."""

    __tablename__ = "worktime_rule_set"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(128), nullable=False)
    extended_multiplier: Mapped[Decimal] = mapped_column(Multiplier, nullable=False)
    rest_multiplier: Mapped[Decimal] = mapped_column(Multiplier, nullable=False)
    holiday_multiplier: Mapped[Decimal] = mapped_column(Multiplier, nullable=False)
    in_lieu_multiplier: Mapped[Decimal] = mapped_column(Multiplier, nullable=False)
    rest_day_policy: Mapped[str] = mapped_column(String(16), nullable=False)
    is_default: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)


class ScheduleAssignment(Versioned, Base):
    """Which schedule (and rule set; empty means the default one) a person works from ``valid_from``
    to ``valid_to`` (inclusive; empty means open-ended). One person's assignments never overlap."""

    __tablename__ = "worktime_schedule_assignment"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("core_users.id"), nullable=False)
    schedule_id: Mapped[int] = mapped_column(ForeignKey("worktime_schedule.id"), nullable=False, index=True)
    rule_set_id: Mapped[int | None] = mapped_column(ForeignKey("worktime_rule_set.id"), index=True)
    valid_from: Mapped[date] = mapped_column(Date, nullable=False)
    valid_to: Mapped[date | None] = mapped_column(Date)

    __table_args__ = (Index("ix_worktime_schedule_assignment_user_from", "user_id", "valid_from"),)


class HourlyRate(Versioned, Base):
    """A person's hourly cost rate from ``valid_from`` to ``valid_to`` (inclusive; empty: open-ended)."""

    __tablename__ = "worktime_hourly_rate"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("core_users.id"), nullable=False)
    valid_from: Mapped[date] = mapped_column(Date, nullable=False)
    valid_to: Mapped[date | None] = mapped_column(Date)
    rate: Mapped[Decimal] = mapped_column(Money(), nullable=False)

    __table_args__ = (Index("ix_worktime_hourly_rate_user_from", "user_id", "valid_from"),)


class OrgDay(Versioned, Base):
    """One of the organisation's own calendar days, on top of the business calendar: a statutory holiday
    the holiday list lacks, a day off (a rest day) or a working day (a make-up working day on a weekend)."""

    __tablename__ = "worktime_org_day"
    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date, unique=True, nullable=False)
    kind: Mapped[str] = mapped_column(String(24), nullable=False)
    name: Mapped[str] = mapped_column(String(128), nullable=False)


class Project(Versioned, Base):
    """A project time is booked on, by its code; optionally for a customer."""

    __tablename__ = "worktime_project"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(255), nullable=False)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("core_customers.id"), index=True)
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)


class LeaveType(Versioned, Base):
    """A kind of leave (annual, sick, personal, time off in lieu …); ``uses_in_lieu`` spends earned time off."""

    __tablename__ = "worktime_leave_type"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(128), nullable=False)
    paid: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    uses_in_lieu: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)


class Leave(Versioned, Base):
    """Leave taken ``[starts_at, ends_at)``: removes scheduled time; no time entry may overlap it."""

    __tablename__ = "worktime_leave"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("core_users.id"), nullable=False)
    leave_type_id: Mapped[int] = mapped_column(ForeignKey("worktime_leave_type.id"), nullable=False, index=True)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    minutes: Mapped[int] = mapped_column(Integer, nullable=False)  # scheduled minutes the leave covers
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")

    __table_args__ = (Index("ix_worktime_leave_user_starts", "user_id", "starts_at"),)


class TimeEntry(Versioned, Base):
    """Time one employee spent on an activity, ``[starts_at, ends_at)``; entries of one person never overlap.

    ``customer_id`` is whom the work was for (from the incident or the project), when known.
    """

    __tablename__ = "worktime_time_entry"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("core_users.id"), nullable=False)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    minutes: Mapped[int] = mapped_column(Integer, nullable=False)
    activity_kind: Mapped[str] = mapped_column(String(16), nullable=False)
    activity_ref: Mapped[str | None] = mapped_column(String(64), index=True)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("core_customers.id"), index=True)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")

    __table_args__ = (Index("ix_worktime_time_entry_user_starts", "user_id", "starts_at"),)


class Segment(Base):
    """One piece of an entry's split: the minutes of one local day that land in one bucket, and their cost.

    Written with the entry in the same transaction and rewritten whenever the rules behind it
    change, except in approved (locked) periods, which keep what their reviewer approved.
    ``cost`` is ``minutes × rate ÷ 60 × multiplier`` rounded to cents; empty without a rate.
    """

    __tablename__ = "worktime_segment"
    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("worktime_time_entry.id", ondelete="CASCADE"),
                                          nullable=False, index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("core_users.id"), nullable=False)
    day: Mapped[date] = mapped_column(Date, nullable=False)
    bucket: Mapped[str] = mapped_column(String(16), nullable=False)
    minutes: Mapped[int] = mapped_column(Integer, nullable=False)
    multiplier: Mapped[Decimal] = mapped_column(Multiplier, nullable=False)
    rate: Mapped[Decimal | None] = mapped_column(Money())
    cost: Mapped[Decimal | None] = mapped_column(Money())

    __table_args__ = (Index("ix_worktime_segment_user_day", "user_id", "day"),
                      Index("ix_worktime_segment_day", "day"))


class Timesheet(Versioned, Base):
    """A person's week or month (工时单) ``starts_on``..``ends_on`` (inclusive), once submitted.

    submitted → approved (locked) or rejected (open again, with the reviewer's comment); the owner may
    withdraw a submitted one to change it. Submitted and approved periods are locked.
    """

    __tablename__ = "worktime_timesheet"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("core_users.id"), nullable=False)
    period: Mapped[str] = mapped_column(String(8), nullable=False)
    starts_on: Mapped[date] = mapped_column(Date, nullable=False)
    ends_on: Mapped[date] = mapped_column(Date, nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False, index=True)
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_users.id"))
    comment: Mapped[str] = mapped_column(Text, nullable=False, default="")

    __table_args__ = (UniqueConstraint("user_id", "starts_on"),
                      Index("ix_worktime_timesheet_user_ends", "user_id", "ends_on"))


class Adjustment(Versioned, Base):
    """A correction to an approved (locked) period: add, change or remove an entry, once approved.

    ``entry_id`` is the entry changed or removed; the proposed times and activity are kept
    here until a reviewer approves (then they are applied) or rejects them.
    """

    __tablename__ = "worktime_adjustment"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("core_users.id"), nullable=False, index=True)
    timesheet_id: Mapped[int] = mapped_column(ForeignKey("worktime_timesheet.id"), nullable=False, index=True)
    action: Mapped[str] = mapped_column(String(8), nullable=False)
    entry_id: Mapped[int | None] = mapped_column(ForeignKey("worktime_time_entry.id", ondelete="SET NULL"))
    starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    activity_kind: Mapped[str | None] = mapped_column(String(16))
    activity_ref: Mapped[str | None] = mapped_column(String(64))
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    reason: Mapped[str] = mapped_column(Text, nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False, index=True)
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("core_users.id"), nullable=False)
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    comment: Mapped[str] = mapped_column(Text, nullable=False, default="")


class TeamReviewer(Base):
    """Someone besides the group's lead who reviews the timesheets of a team (a core group)."""

    __tablename__ = "worktime_team_reviewer"
    group_id: Mapped[int] = mapped_column(ForeignKey("core_groups.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("core_users.id", ondelete="CASCADE"), primary_key=True)


class Reminder(Base):
    """A reminder sent once: a missing timesheet (to its owner) or an overdue review (to the reviewers)."""

    __tablename__ = "worktime_reminder"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("core_users.id", ondelete="CASCADE"), nullable=False)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    period_start: Mapped[date] = mapped_column(Date, nullable=False)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)

    __table_args__ = (UniqueConstraint("user_id", "kind", "period_start"),)


MODELS = (Schedule, RuleSet, ScheduleAssignment, HourlyRate, OrgDay, Project, LeaveType, Leave, TimeEntry,
          Segment, Timesheet, Adjustment, TeamReviewer, Reminder)
