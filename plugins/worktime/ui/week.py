"""My week: the week grid (``WeekGrid``: activities × Mon–Sun, hours typed straight into a cell) above
the day timelines (``DayTimeline``).

The bar above moves between weeks and people (for leads and HR), records time, copies last week,
and submits or withdraws the week's timesheet; the line under it says the timesheet's state and the
week's totals. Every read and write runs off the GUI thread.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from console.api import Context, ValidationError
from console.api.ui import Field, FormDialog, message_for, run_in_background, tr, user_zone
from plugins.worktime.models import ACTIVITY_KINDS, OVERTIME_BUCKETS
from plugins.worktime.periods import format_minutes, period_label, week_start
from plugins.worktime.service import activities, grid, queries, timesheets
from plugins.worktime.service.common import EDIT, EDIT_OTHERS, HR, policy
from plugins.worktime.ui.common import (
    ACTIVITY_NAMES,
    DAY_KIND_NAMES,
    NAME,
    STATUS_COLOURS,
    STATUS_NAMES,
    WEEKDAY_SHORT,
    adjustment_dialog,
    entry_dialog,
)
from plugins.worktime.ui.timeline import DayTimeline
from plugins.worktime.ui.week_grid import WeekGrid



class WeekPage(QWidget):
    """One person's week: grid, timeline and the timesheet's state."""

    def __init__(self, context: Context, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.user_id = context.actor.user_id
        self.zone = user_zone(context)
        self.anchor = datetime.now(self.zone).date()
        self.view: queries.WeekView | None = None
        self.period = "week"
        self.selected: date | None = None
        self.extra_rows: list[tuple[str, str | None]] = []
        self._busy = 0
        self._generation = 0

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        bar = QHBoxLayout()
        self.person = QComboBox()
        self.person.setMinimumWidth(200)
        self.person.hide()
        self.person.currentIndexChanged.connect(self._person_changed)
        bar.addWidget(self.person)
        self.previous = QPushButton("◀")
        self.previous.setFixedWidth(36)
        self.previous.clicked.connect(lambda: self.go(-7))
        self.today_button = QPushButton()
        self.today_button.clicked.connect(self.this_week)
        self.following = QPushButton("▶")
        self.following.setFixedWidth(36)
        self.following.clicked.connect(lambda: self.go(7))
        self.week_label = QLabel()
        self.week_label.setObjectName("sectionTitle")
        for widget in (self.previous, self.today_button, self.following, self.week_label):
            bar.addWidget(widget)
        bar.addStretch(1)
        self.add_button, self.activity_button = QPushButton(), QPushButton()
        self.copy_button, self.submit_button, self.withdraw_button = QPushButton(), QPushButton(), QPushButton()
        self.add_button.clicked.connect(lambda: self.record(None))
        self.activity_button.clicked.connect(self.add_activity)
        self.copy_button.clicked.connect(self.copy_last_week)
        self.submit_button.clicked.connect(self.submit)
        self.withdraw_button.clicked.connect(self.withdraw)
        self.submit_button.setDefault(True)
        for button in (self.add_button, self.activity_button, self.copy_button, self.withdraw_button,
                       self.submit_button):
            button.setAutoDefault(False)
            bar.addWidget(button)
        layout.addLayout(bar)
        state = QHBoxLayout()
        self.status = QLabel()
        self.summary = QLabel()
        self.summary.setObjectName("muted")
        state.addWidget(self.status)
        state.addSpacing(16)
        state.addWidget(self.summary, 1)
        layout.addLayout(state)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)

        self.grid = WeekGrid()
        self.grid.minutes_typed.connect(self._book)
        self.grid.typing_refused.connect(self._typing_refused)
        self.grid.day_picked.connect(self._day_picked)
        layout.addWidget(self.grid, 1)
        self.day_label = QLabel()
        self.day_label.setObjectName("sectionTitle")
        self.timeline = DayTimeline()
        self.timeline.day_selected.connect(self._day_picked)
        self.timeline.entry_activated.connect(self._entry_activated)
        self.timeline.time_activated.connect(self.record)
        self.hint = QLabel()
        self.hint.setObjectName("muted")
        self.hint.setWordWrap(True)
        for widget in (self.day_label, self.timeline, self.hint):
            layout.addWidget(widget)
        self.retranslate()
        self._load_people()
        self.reload()

    # -- loading -----------------------------------------------------------------------------------
    def loading(self) -> bool:
        """True while the week (or the list of people) is being read."""
        return self._busy > 0

    def _run(self, work, done, failed=None) -> None:
        self._busy += 1

        def finish(result):
            self._busy -= 1
            done(result)

        def fail(error, _text):
            self._busy -= 1
            (failed or self.show_error)(error)

        run_in_background(self, work, finish, fail)

    def _load_people(self) -> None:
        actor = self.context.actor
        if not any(actor.can(p) for p in (EDIT_OTHERS, HR, "worktime.review")):
            return

        def show(people):
            if len(people) <= 1:
                return
            self.person.blockSignals(True)
            for user_id, name in people:
                self.person.addItem(name, user_id)
            self.person.setCurrentIndex(max(self.person.findData(self.user_id), 0))
            self.person.blockSignals(False)
            self.person.show()

        self._run(lambda: queries.people(self.context.app, actor), show)

    def reload(self) -> None:
        """Read the shown week again (a later reload wins over an earlier one still running)."""
        app, actor, user_id, anchor = self.context.app, self.context.actor, self.user_id, self.anchor
        self._generation += 1
        generation = self._generation

        def load():
            rules = policy(app)
            return rules.period, queries.week_view(app, actor, user_id, week_start(anchor, rules.week_starts), rules)

        self._run(load, lambda loaded: generation == self._generation and self._show(loaded))

    refresh = reload

    def open_key(self, key: Any) -> None:
        """Show the week holding a date (``2026-03-02``; notifications link to it)."""
        try:
            self.anchor = date.fromisoformat(str(key))
        except ValueError:
            return
        self.reload()

    def go(self, days: int) -> None:
        """Move to another week."""
        self.anchor += timedelta(days=days)
        self.extra_rows = []
        self.reload()

    def this_week(self) -> None:
        """Back to the week holding today."""
        self.anchor = datetime.now(self.zone).date()
        self.extra_rows = []
        self.reload()

    def _person_changed(self, index: int) -> None:
        if index >= 0:
            self.user_id = self.person.itemData(index)
            self.extra_rows = []
            self.reload()

    # -- showing -----------------------------------------------------------------------------------
    def _show(self, loaded) -> None:
        self.period, self.view = loaded
        view = self.view
        days = view.days
        self.week_label.setText(f"{days[0].day:%Y-%m-%d} – {days[-1].day:%m-%d}")
        if self.selected is None or not days[0].day <= self.selected <= days[-1].day:
            self.selected = self._first_day_shown()
        self._fill_grid()
        self._show_state()
        self._show_day()

    def _first_day_shown(self) -> date:
        """Today, or else the latest day of the week (up to today) with time booked, or else its first day."""
        days, today = [d.day for d in self.view.days], datetime.now(self.zone).date()
        booked = [d for d in days if d <= today and sum(self.view.totals.get(d, {}).values())]
        if today in booked or (today in days and not booked):
            return today
        return booked[-1] if booked else days[0]

    def _rows(self) -> list[tuple[str, str | None]]:
        rows = self.view.activities()
        return rows + [r for r in self.extra_rows if r not in rows]

    def _may_record(self) -> bool:
        actor = self.context.actor
        if self.user_id == actor.user_id:
            return actor.can(EDIT)
        return actor.can(EDIT_OTHERS) or actor.can(HR)

    def _editable(self) -> bool:
        return self.view.locked is None and self._may_record()

    def _show_state(self) -> None:
        view = self.view
        sheet = view.sheet
        status = sheet.status if sheet else "open"
        text = f"{tr(NAME, 'Timesheet')} {period_label(*view.period)}: {tr(NAME, STATUS_NAMES[status])}"
        if sheet and sheet.decided_by and status in ("approved", "rejected"):
            text += f" · {sheet.decided_by}"
        self.status.setText(text)
        self.status.setStyleSheet(f"color: {STATUS_COLOURS.get(status, '#5f6b7a')}; font-weight: 600;")
        if sheet and status == "rejected" and sheet.comment:
            self._say(tr(NAME, "Rejected: {comment}").format(comment=sheet.comment), "errorText")
        elif view.locked and status == "approved":
            self._say(tr(NAME, "This period is approved and locked. Double-click an entry in the timeline to "
                               "request a correction."), "hint")
        else:
            self.message.hide()
        editable, own_or_team = self._editable(), self._may_record()
        self.add_button.setEnabled(editable)
        self.activity_button.setEnabled(editable)
        self.copy_button.setEnabled(editable)
        self.submit_button.setVisible(status != "submitted")
        self.submit_button.setEnabled(own_or_team and status in ("open", "rejected", "withdrawn")
                                      and view.period[0] <= datetime.now(self.zone).date())
        self.withdraw_button.setVisible(status == "submitted" and own_or_team)
        self.submit_button.setText(tr(NAME, "Submit month") if self.period == "month" else tr(NAME, "Submit week"))
        totals = {b: sum(t.get(b, 0) for t in view.totals.values()) for b in ("normal", *OVERTIME_BUCKETS)}
        booked = sum(totals.values())
        scheduled = sum(d.scheduled for d in view.days)
        self.summary.setText(tr(NAME, "This week {booked} booked of {scheduled} scheduled · normal {normal} · "
                                      "overtime {overtime}").format(
            booked=format_minutes(booked), scheduled=format_minutes(scheduled), normal=format_minutes(totals["normal"]),
            overtime=format_minutes(sum(totals[b] for b in OVERTIME_BUCKETS))))

    def _show_day(self) -> None:
        view = self.view
        day = next(d for d in view.days if d.day == self.selected)
        booked = sum(view.totals.get(day.day, {}).values())
        parts = [f"{tr(NAME, WEEKDAY_SHORT[day.day.weekday()])} {day.day.isoformat()}",
                 tr(NAME, DAY_KIND_NAMES[day.kind]),
                 tr(NAME, "scheduled {time}").format(time=format_minutes(day.scheduled)),
                 tr(NAME, "booked {time}").format(time=format_minutes(booked))]
        parts += [tr(NAME, "on leave: {name}").format(name=tr(NAME, name)) for *_span, name in day.leave]
        self.day_label.setText(" · ".join(parts))
        self.timeline.show_days(view.days, view.entries, view.zone, view.titles, self.selected)
        self.hint.setText(tr(NAME, "Click a day to see it; double-click a block to correct it, or free time to record "
                                   "time there. Type hours into the grid, e.g. 1:30 or 1.5."))

    def _day_picked(self, day: date) -> None:
        self.selected = day
        self._show_day()

    # -- editing -----------------------------------------------------------------------------------
    def _book(self, activity: tuple[str, str | None], day: date, minutes: int) -> None:
        """Make the cell's total ``minutes`` (the grid has parsed what was typed)."""
        app, actor, user_id = self.context.app, self.context.actor, self.user_id
        self._run(lambda: grid.set_day_total(app, actor, user_id=user_id, day=day, activity_kind=activity[0],
                                             activity_ref=activity[1], minutes=minutes),
                  lambda _total: self.reload(), self._edit_failed)

    def _typing_refused(self, text: str) -> None:
        self.show_error(ValidationError(text, "minutes"))
        self._fill_grid()

    def _edit_failed(self, error: BaseException) -> None:
        self.show_error(error)
        self._fill_grid()

    def _fill_grid(self) -> None:
        self.grid.show_week(self.view, self._rows(), self._editable())

    def record(self, start: datetime | None) -> None:
        """The record-time form (at ``start`` when the timeline was double-clicked in free time)."""
        if self.view is None:
            return
        if self.view.locked and start is not None:
            if self.view.sheet and self.view.sheet.status == "approved":
                adjustment_dialog(self, self.context, action="add", user_id=self.user_id, start=start,
                                  on_saved=lambda _id: self._requested())
            else:
                self._say(self.view.locked, "errorText")
            return
        default = start or datetime.combine(self.selected or self.anchor, datetime.min.time(), self.zone) \
            + timedelta(hours=9)
        entry_dialog(self, self.context, user_id=self.user_id, start=default, on_saved=lambda _id: self.reload())

    def _entry_activated(self, entry) -> None:
        if self.view.locked is None:
            entry_dialog(self, self.context, user_id=self.user_id, entry=entry, on_saved=lambda _r: self.reload())
        elif self.view.sheet and self.view.sheet.status == "approved":
            adjustment_dialog(self, self.context, action="change", user_id=self.user_id, entry=entry,
                              on_saved=lambda _id: self._requested())
        else:
            self._say(self.view.locked, "errorText")

    def _requested(self) -> None:
        self._say(tr(NAME, "Your correction was sent for review; it shows under Adjustments."), "hint")

    def add_activity(self) -> None:
        """Add a row to the grid for an activity not booked this week yet."""
        fields = [Field("activity_kind", QT_TRANSLATE_NOOP("worktime", "Activity"), "choice",
                        [(k, ACTIVITY_NAMES[k]) for k in ACTIVITY_KINDS], required=True),
                  Field("activity_ref", QT_TRANSLATE_NOOP("worktime", "Reference"),
                        help=QT_TRANSLATE_NOOP("worktime", "INC-2026-000123, INC-2026-000123-W01 or a project code."))]
        dialog = FormDialog(self, tr(NAME, "Add an activity"), fields,
                            lambda v: activities.normalise(v["activity_kind"], v["activity_ref"]), owner=NAME)

        def added(activity):
            if activity not in self._rows():
                self.extra_rows.append(tuple(activity))
            self._fill_grid()

        dialog.saved.connect(added)
        dialog.open()

    def copy_last_week(self) -> None:
        """Copy last week's entries onto this week; say what was left out and why."""
        app, actor, user_id, start = self.context.app, self.context.actor, self.user_id, self.view.days[0].day

        def done(result):
            text = tr(NAME, "Copied {count} entries from last week.").format(count=result.copied)
            if result.skipped:
                text += " " + tr(NAME, "Left out {count}:").format(count=len(result.skipped)) + "\n" + \
                    "\n".join(f"• {line}" for line in result.skipped[:8])
            self.reload()
            self._say(text, "hint")

        self._run(lambda: grid.copy_week(app, actor, user_id=user_id, week_start=start), done)

    def submit(self) -> None:
        """Submit the period's timesheet for review."""
        app, actor, user_id = self.context.app, self.context.actor, self.user_id
        day = self.selected or self.view.days[0].day  # a week across two months submits the picked day's month
        self._run(lambda: timesheets.submit(app, actor, user_id=user_id, day=day), lambda _id: self._after(
            tr(NAME, "Submitted for review. You can withdraw it until a reviewer decides.")))

    def withdraw(self) -> None:
        """Take the submitted timesheet back to change it."""
        sheet = self.view.sheet
        app, actor = self.context.app, self.context.actor
        self._run(lambda: timesheets.withdraw(app, actor, sheet.id, expected_version=sheet.version),
                  lambda _r: self._after(tr(NAME, "Withdrawn: the period is open again.")))

    def _after(self, text: str) -> None:
        self.reload()
        self._say(text, "hint")

    def _say(self, text: str, style: str) -> None:
        self.message.setText(text)
        self.message.setObjectName(style)
        self.message.setStyleSheet("")
        self.message.show()

    def show_error(self, error: BaseException) -> None:
        """Tell the user why something did not happen."""
        self._say(message_for(error), "errorText")

    # -- language ----------------------------------------------------------------------------------
    def retranslate(self) -> None:
        """Set every text in the current UI language."""
        self.today_button.setText(tr(NAME, "This week"))
        self.previous.setToolTip(tr(NAME, "Previous week"))
        self.following.setToolTip(tr(NAME, "Next week"))
        self.add_button.setText(tr(NAME, "Record time…"))
        self.activity_button.setText(tr(NAME, "Add activity…"))
        self.copy_button.setText(tr(NAME, "Copy last week"))
        self.withdraw_button.setText(tr(NAME, "Withdraw"))
        self.submit_button.setText(tr(NAME, "Submit month") if self.period == "month" else tr(NAME, "Submit week"))
        if self.view is not None:
            self._show((self.period, self.view))

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
