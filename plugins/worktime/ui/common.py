"""What the worktime pages share: translated names of stored codes, cell formats, the entry and
adjustment forms, and ``Deferred``, a page built once what it needs has been read off the GUI thread."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from console.api import Context, ValidationError
from console.api.ui import ErrorPanel, Field, FormDialog, message_for, run_in_background, tr, user_zone
from plugins.worktime.models import ACTIVITY_KINDS
from plugins.worktime.periods import format_minutes, parse_minutes
from plugins.worktime.service import adjustments, entries

NAME = "worktime"

ACTIVITY_NAMES = {
    "incident": QT_TRANSLATE_NOOP("worktime", "Incident"), "work_order": QT_TRANSLATE_NOOP("worktime", "Work order"),
    "project": QT_TRANSLATE_NOOP("worktime", "Project"), "meeting": QT_TRANSLATE_NOOP("worktime", "Meeting"),
    "training": QT_TRANSLATE_NOOP("worktime", "Training"), "travel": QT_TRANSLATE_NOOP("worktime", "Travel"),
}
ACTIVITY_COLOURS = {"incident": "#2f6db5", "work_order": "#1f9aa8", "project": "#3a9d5d", "meeting": "#8e6bbf",
                    "training": "#d4a72c", "travel": "#7f8c8d"}
BUCKET_NAMES = {
    "normal": QT_TRANSLATE_NOOP("worktime", "Normal"),
    "extended": QT_TRANSLATE_NOOP("worktime", "Extended-hours overtime"),
    "rest": QT_TRANSLATE_NOOP("worktime", "Rest-day overtime"),
    "rest_in_lieu": QT_TRANSLATE_NOOP("worktime", "Rest-day overtime (time off)"),
    "holiday": QT_TRANSLATE_NOOP("worktime", "Holiday overtime"),
}
DAY_KIND_NAMES = {
    "workday": QT_TRANSLATE_NOOP("worktime", "Working day"),
    "makeup_workday": QT_TRANSLATE_NOOP("worktime", "Make-up working day"),
    "statutory_holiday": QT_TRANSLATE_NOOP("worktime", "Statutory holiday"),
    "day_off_in_lieu": QT_TRANSLATE_NOOP("worktime", "Day off in lieu"),
    "rest_day": QT_TRANSLATE_NOOP("worktime", "Rest day"),
}
DAY_KIND_COLOURS = {"workday": None, "makeup_workday": "#e3ecf7", "statutory_holiday": "#fbe3e1",
                    "day_off_in_lieu": "#eef1f5", "rest_day": "#eef1f5"}
STATUS_NAMES = {
    "open": QT_TRANSLATE_NOOP("worktime", "Open"), "submitted": QT_TRANSLATE_NOOP("worktime", "Submitted"),
    "approved": QT_TRANSLATE_NOOP("worktime", "Approved"), "rejected": QT_TRANSLATE_NOOP("worktime", "Rejected"),
    "withdrawn": QT_TRANSLATE_NOOP("worktime", "Withdrawn"), "pending": QT_TRANSLATE_NOOP("worktime", "Pending"),
}
STATUS_COLOURS = {"submitted": "#8a6d00", "approved": "#3a7d44", "rejected": "#b3261e", "pending": "#8a6d00"}
ACTION_NAMES = {"add": QT_TRANSLATE_NOOP("worktime", "Add an entry"),
                "change": QT_TRANSLATE_NOOP("worktime", "Change an entry"),
                "remove": QT_TRANSLATE_NOOP("worktime", "Remove an entry")}
LEAVE_NAMES = (  # the built-in leave types' names, as the migration stores them
    QT_TRANSLATE_NOOP("worktime", "Annual leave"), QT_TRANSLATE_NOOP("worktime", "Sick leave"),
    QT_TRANSLATE_NOOP("worktime", "Personal leave"), QT_TRANSLATE_NOOP("worktime", "Time off in lieu"),
    QT_TRANSLATE_NOOP("worktime", "Marriage leave"), QT_TRANSLATE_NOOP("worktime", "Maternity leave"),
    QT_TRANSLATE_NOOP("worktime", "Bereavement leave"),
)
WEEKDAY_SHORT = (QT_TRANSLATE_NOOP("worktime", "Mon"), QT_TRANSLATE_NOOP("worktime", "Tue"),
                 QT_TRANSLATE_NOOP("worktime", "Wed"), QT_TRANSLATE_NOOP("worktime", "Thu"),
                 QT_TRANSLATE_NOOP("worktime", "Fri"), QT_TRANSLATE_NOOP("worktime", "Sat"),
                 QT_TRANSLATE_NOOP("worktime", "Sun"))


def named(names: dict[str, str]) -> Callable[[Any], str]:
    """A cell format showing a stored code by its translated name."""
    return lambda value: tr(NAME, names.get(value, value)) if value else ""


def translated(value: Any) -> str:
    """A stored name translated when the plugin ships a translation for it (leave types, rule sets)."""
    return tr(NAME, value) if value else ""


def hours(minutes: Any) -> str:
    """A cell of minutes as ``h:mm`` (empty for none)."""
    return format_minutes(int(minutes)) if minutes else ""


def activity_label(kind: str, ref: str | None, titles: dict[str, str] | None = None) -> str:
    """``INC-2026-000123 服务器硬盘告警`` or ``Meeting``: what a row of time is for."""
    if not ref:
        return tr(NAME, ACTIVITY_NAMES.get(kind, kind))
    title = (titles or {}).get(ref)
    return f"{ref} · {title}" if title else ref


class Deferred(QWidget):
    """A page built by ``build(data)`` once ``load()`` has read its data off the GUI thread.

    It answers ``loading``, ``refresh``, ``open_key`` and ``current_key`` for the page inside.
    """

    def __init__(self, load: Callable[[], Any], build: Callable[[Any], QWidget], parent: QWidget | None = None):
        super().__init__(parent)
        self.inner: QWidget | None = None
        self._pending_key: Any = None
        self._busy = True
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._placeholder = QLabel(tr(NAME, "Loading…"))
        self._placeholder.setObjectName("muted")
        self._layout.addWidget(self._placeholder)
        run_in_background(self, load, lambda data: self._built(build(data)), self._failed)

    def _built(self, widget: QWidget) -> None:
        self._placeholder.hide()
        self.inner = widget
        self._layout.addWidget(widget)
        self._busy = False
        if self._pending_key is not None:
            self.open_key(self._pending_key)

    def _failed(self, error: BaseException, text: str) -> None:
        self._busy = False
        self._placeholder.hide()
        self._layout.addWidget(ErrorPanel(tr(NAME, "This page could not be loaded."), message_for(error), text,
                                          retry=False))

    def loading(self) -> bool:
        """True until the page is built (and while the page inside is loading)."""
        inner = getattr(self.inner, "loading", None)
        return self._busy or bool(inner and inner())

    def refresh(self) -> None:
        """Reload the page inside."""
        if self.inner is not None and hasattr(self.inner, "refresh"):
            self.inner.refresh()

    def open_key(self, key: Any) -> None:
        """Show ``key`` on the page inside (once it is built)."""
        if self.inner is None:
            self._pending_key = key
        elif hasattr(self.inner, "open_key"):
            self.inner.open_key(key)

    def current_key(self) -> Any:
        """The row selected on the page inside."""
        current = getattr(self.inner, "current_key", None)
        return current() if current else None


# -- the entry and adjustment forms ------------------------------------------------------------------
def _minutes(text: str) -> int | None:
    try:
        return parse_minutes(text) or None
    except ValueError as error:
        raise ValidationError(str(error), "minutes") from None


def _entry_fields(start: datetime, end: datetime, kind: str | None, ref: str | None, note: str) -> list[Field]:
    return [
        Field("starts_at", QT_TRANSLATE_NOOP("worktime", "Start"), "datetime", default=start),
        Field("ends_at", QT_TRANSLATE_NOOP("worktime", "End"), "datetime", default=end),
        Field("minutes", QT_TRANSLATE_NOOP("worktime", "Or a duration"),
              help=QT_TRANSLATE_NOOP("worktime", "1:30, 1.5 (hours) or 90m; when given, it sets the end.")),
        Field("activity_kind", QT_TRANSLATE_NOOP("worktime", "Activity"), "choice",
              [(k, ACTIVITY_NAMES[k]) for k in ACTIVITY_KINDS], required=True, default=kind),
        Field("activity_ref", QT_TRANSLATE_NOOP("worktime", "Reference"), default=ref or "",
              help=QT_TRANSLATE_NOOP("worktime", "INC-2026-000123, INC-2026-000123-W01 or a project code.")),
        Field("note", QT_TRANSLATE_NOOP("worktime", "Note"), "multiline", default=note),
    ]


def _entry_values(values: dict) -> dict:
    minutes = _minutes(values.pop("minutes"))
    if minutes:
        values["ends_at"] = None
    return {**values, "minutes": minutes}


def entry_dialog(parent: QWidget, context: Context, *, user_id: int, entry=None, start: datetime | None = None,
                 on_saved: Callable[[Any], None]) -> FormDialog:
    """The record-time (or correct-time, for ``entry``) form; ``on_saved`` runs after the service saved it."""
    zone = user_zone(context)
    if entry is not None:
        fields = _entry_fields(entry.starts_at, entry.ends_at, entry.kind, entry.ref, entry.note)
        title = tr(NAME, "Correct time")

        def save(values):
            return entries.update_entry(context.app, context.actor, entry.id, expected_version=entry.version,
                                        **_entry_values(values))
    else:
        start = start or datetime.now(zone).replace(minute=0, second=0, microsecond=0) - timedelta(hours=1)
        fields = _entry_fields(start, start + timedelta(hours=1), None, None, "")
        title = tr(NAME, "Record time")

        def save(values):
            return entries.add_entry(context.app, context.actor, user_id=user_id, **_entry_values(values))
    dialog = FormDialog(parent, title, fields, save, owner=NAME, zone=zone)
    dialog.saved.connect(on_saved)
    dialog.open()
    return dialog


def adjustment_dialog(parent: QWidget, context: Context, *, action: str, user_id: int, entry=None,
                      start: datetime | None = None, on_saved: Callable[[Any], None]) -> FormDialog:
    """The form asking a reviewer to add, change or remove time in an approved (locked) period."""
    zone = user_zone(context)
    reason = Field("reason", QT_TRANSLATE_NOOP("worktime", "Reason"), "multiline", required=True,
                   help=QT_TRANSLATE_NOOP("worktime", "Why the approved time needs correcting."))
    if action == "remove":
        fields = [reason]
    else:
        begin = entry.starts_at if entry is not None else start
        end = entry.ends_at if entry is not None else begin + timedelta(hours=1)
        fields = [*_entry_fields(begin, end, getattr(entry, "kind", None), getattr(entry, "ref", None),
                                 getattr(entry, "note", "")), reason]

    def save(values):
        proposal = _entry_values(values) if action != "remove" else values
        return adjustments.request_adjustment(context.app, context.actor, action=action, user_id=user_id,
                                              entry_id=entry.id if entry is not None else None, **proposal)

    intro = tr(NAME, "This period is approved and locked. Your correction is applied once a reviewer approves it.")
    dialog = FormDialog(parent, tr(NAME, ACTION_NAMES[action]), fields, save, owner=NAME, zone=zone, intro=intro)
    dialog.saved.connect(on_saved)
    dialog.open()
    return dialog
