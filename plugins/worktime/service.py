"""Time-entry rules: minute precision, one day at most, a reference where the activity needs one, and
never two entries of one person at the same time.

Qt-free. Recording one's own time needs ``worktime.edit``; recording it for someone else
needs ``worktime.edit_others``.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from console.api import Actor, AppContext, User, ValidationError
from plugins.worktime.models import ACTIVITY_KINDS, REFERENCED_KINDS, TimeEntry

EDIT = "worktime.edit"
EDIT_OTHERS = "worktime.edit_others"
LONGEST_ENTRY = timedelta(hours=24)


def _to_minute(value: datetime, field: str) -> datetime:
    if value.tzinfo is None:
        raise ValidationError(f"The {field.replace('_', ' ')} has no time zone; give it with its zone.", field)
    return value.replace(second=0, microsecond=0)


def add_entry(app: AppContext, actor: Actor, *, starts_at: datetime, ends_at: datetime, activity_kind: str,
              activity_ref: str | None = None, note: str = "", user_id: int | None = None) -> int:
    """Record time ``[starts_at, ends_at)`` (cut to whole minutes) for ``user_id`` (default: the actor).

    Returns the entry's id. An entry that overlaps one of the same person's entries is refused,
    also when two clerks save at once: the person's row is locked while checking.
    """
    user_id = actor.user_id if user_id is None else user_id
    starts_at, ends_at = _to_minute(starts_at, "starts_at"), _to_minute(ends_at, "ends_at")
    if ends_at <= starts_at:
        raise ValidationError("The entry must end after it starts (whole minutes).", "ends_at")
    if ends_at - starts_at > LONGEST_ENTRY:
        raise ValidationError("An entry covers at most 24 hours; split longer work into several entries.",
                              "ends_at")
    if activity_kind not in ACTIVITY_KINDS:
        raise ValidationError(f"'{activity_kind}' is not an activity; use one of {', '.join(ACTIVITY_KINDS)}.",
                              "activity_kind")
    activity_ref = (activity_ref or "").strip() or None
    if activity_kind in REFERENCED_KINDS and activity_ref is None:
        raise ValidationError(f"Time on a {activity_kind.replace('_', ' ')} needs its number or code.",
                              "activity_ref")
    if activity_ref is not None and len(activity_ref) > 64:
        raise ValidationError("The reference is longer than 64 characters; shorten it.", "activity_ref")
    with app.unit_of_work(actor, EDIT if user_id == actor.user_id else EDIT_OTHERS) as work:
        session = work.session
        person = session.scalar(select(User).where(User.id == user_id).with_for_update())
        if person is None or not person.is_active:
            raise ValidationError("Time can only be recorded for an active user.", "user_id")
        clash = session.scalar(select(TimeEntry).where(
            TimeEntry.user_id == user_id, TimeEntry.starts_at < ends_at, TimeEntry.ends_at > starts_at,
        ).order_by(TimeEntry.starts_at).limit(1))
        if clash is not None:
            zone = ZoneInfo(person.timezone)
            raise ValidationError(
                f"{person.display_name} already has an entry from "
                f"{clash.starts_at.astimezone(zone):%Y-%m-%d %H:%M} to {clash.ends_at.astimezone(zone):%H:%M}; "
                "change the times or edit that entry.", "starts_at")
        entry = TimeEntry(user_id=user_id, starts_at=starts_at, ends_at=ends_at,
                          minutes=int((ends_at - starts_at).total_seconds() // 60), activity_kind=activity_kind,
                          activity_ref=activity_ref, note=note.strip())
        session.add(entry)
        session.flush()
        work.audit("time_entry.add", "time_entry", entry.id,
                   {"user": person.username, "minutes": entry.minutes, "kind": activity_kind})
        work.emit("worktime.entry_added", entry_id=entry.id, user_id=user_id, minutes=entry.minutes,
                  activity_kind=activity_kind, activity_ref=activity_ref)
    return entry.id
