"""Time entries: every entry the actor may see, with its split (normal, overtime) and cost, filterable by
person, activity and period; record, correct, remove, request a correction, import from a spreadsheet."""

from __future__ import annotations

from datetime import datetime, timedelta
from html import escape

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox
from sqlalchemy import func, select

from console.api import Context, Customer, User
from console.api.ui import (
    ChoiceFilter,
    Column,
    DetailSection,
    ListPage,
    PageAction,
    confirm,
    detail_html,
    message_for,
    run_in_background,
    tr,
    user_zone,
)
from plugins.worktime.models import ACTIVITY_KINDS, NORMAL, Segment, TimeEntry
from plugins.worktime.periods import format_minutes, month_end, month_start, week_start
from plugins.worktime.service import entries, imports, queries
from plugins.worktime.service.common import EDIT, EDIT_OTHERS, HR, RATES, REVIEW, team_query
from plugins.worktime.ui.common import (
    ACTIVITY_NAMES,
    BUCKET_NAMES,
    NAME,
    STATUS_NAMES,
    adjustment_dialog,
    entry_dialog,
    hours,
    named,
)

SPREADSHEETS = QT_TRANSLATE_NOOP("worktime", "Spreadsheets (*.xlsx *.csv)")


def whose_filter(context: Context, user_column, prefer_team: bool = False) -> ChoiceFilter:
    """"Mine / my teams' / everyone's" for the people the actor may see; with ``prefer_team`` the list opens
    on the widest view the actor has (everyone's for HR, the teams' for reviewers)."""
    actor = context.actor
    options = [(QT_TRANSLATE_NOOP("worktime", "Mine"), user_column == actor.user_id)]
    if actor.user_id is not None and any(actor.can(p) for p in (REVIEW, EDIT_OTHERS, HR)):
        options.append((QT_TRANSLATE_NOOP("worktime", "My teams'"), user_column.in_(team_query(actor.user_id))))
    if actor.can(HR):
        options.append((QT_TRANSLATE_NOOP("worktime", "Everyone's"), None))
    return ChoiceFilter(QT_TRANSLATE_NOOP("worktime", "Whose"), options[::-1] if prefer_team else options)


def period_filter(context: Context, column, first: str = "last_30") -> ChoiceFilter:
    """Recent periods of the date or datetime ``column`` (computed when the page opens), opening on ``first``."""
    zone = user_zone(context)
    today = datetime.now(zone).date()

    def since(day):
        return column >= datetime.combine(day, datetime.min.time(), zone)

    def before(day):
        return column < datetime.combine(day, datetime.min.time(), zone)

    last_month = month_start(today) - timedelta(days=1)
    options = {
        "last_30": (QT_TRANSLATE_NOOP("worktime", "Last 30 days"), since(today - timedelta(days=30))),
        "week": (QT_TRANSLATE_NOOP("worktime", "This week"), since(week_start(today))),
        "month": (QT_TRANSLATE_NOOP("worktime", "This month"), since(month_start(today))),
        "last_month": (QT_TRANSLATE_NOOP("worktime", "Last month"), since(month_start(last_month))
                       & before(month_end(last_month) + timedelta(days=1))),
        "year": (QT_TRANSLATE_NOOP("worktime", "This year"), since(today.replace(month=1, day=1))),
        "all": (QT_TRANSLATE_NOOP("worktime", "Any time"), None),
    }
    return ChoiceFilter(QT_TRANSLATE_NOOP("worktime", "Period"),
                        [options[first], *(v for k, v in options.items() if k != first)])


def _minutes_in(buckets_clause):
    return (select(func.coalesce(func.sum(Segment.minutes), 0))
            .where(Segment.entry_id == TimeEntry.id, buckets_clause).scalar_subquery())


def entries_page(context: Context) -> ListPage:
    """Time entries, newest first, with their split and (for those who see rates) their cost."""
    actor = context.actor
    normal, overtime = _minutes_in(Segment.bucket == NORMAL), _minutes_in(Segment.bucket != NORMAL)
    shown = [User.display_name, TimeEntry.starts_at, TimeEntry.ends_at, TimeEntry.minutes, normal.label("normal"),
             overtime.label("overtime"), TimeEntry.activity_kind, TimeEntry.activity_ref, Customer.name,
             TimeEntry.note]
    columns = [
        Column(QT_TRANSLATE_NOOP("worktime", "Person"), searchable=True, width=12),
        Column(QT_TRANSLATE_NOOP("worktime", "Start"), width=14),
        Column(QT_TRANSLATE_NOOP("worktime", "End"), width=14),
        Column(QT_TRANSLATE_NOOP("worktime", "Hours"), format=hours, align="right", width=6),
        Column(QT_TRANSLATE_NOOP("worktime", "Normal"), format=hours, align="right", width=9, sortable=False),
        Column(QT_TRANSLATE_NOOP("worktime", "Overtime"), format=hours, align="right", width=7, sortable=False,
               colour=lambda m: "#c25a00" if m else None),
        Column(QT_TRANSLATE_NOOP("worktime", "Activity"), format=named(ACTIVITY_NAMES), width=8),
        Column(QT_TRANSLATE_NOOP("worktime", "Reference"), searchable=True, nullable=True, width=17),
        Column(QT_TRANSLATE_NOOP("worktime", "Customer"), searchable=True, nullable=True, width=20),
        Column(QT_TRANSLATE_NOOP("worktime", "Note"), searchable=True, width=24),
    ]
    if actor.can(RATES):
        shown.append(select(func.sum(Segment.cost)).where(Segment.entry_id == TimeEntry.id)
                     .scalar_subquery().label("cost"))
        columns.append(Column(QT_TRANSLATE_NOOP("worktime", "Cost"), align="right", width=10, sortable=False,
                              nullable=True))
    query = (select(*shown).join(User, User.id == TimeEntry.user_id)
             .outerjoin(Customer, Customer.id == TimeEntry.customer_id))
    filters = [
        whose_filter(context, TimeEntry.user_id),
        period_filter(context, TimeEntry.starts_at),
        ChoiceFilter(QT_TRANSLATE_NOOP("worktime", "Activity"),
                     [(QT_TRANSLATE_NOOP("worktime", "Any activity"), None)]
                     + [(ACTIVITY_NAMES[k], TimeEntry.activity_kind == k) for k in ACTIVITY_KINDS]),
    ]
    actions = [
        PageAction(QT_TRANSLATE_NOOP("worktime", "Record time…"),
                   lambda p: entry_dialog(p, context, user_id=actor.user_id, on_saved=lambda _i: p.refresh()),
                   permission=EDIT, primary=True),
        PageAction(QT_TRANSLATE_NOOP("worktime", "Correct…"), lambda p: _with_entry(p, context, _correct),
                   needs_row=True, permission=EDIT),
        PageAction(QT_TRANSLATE_NOOP("worktime", "Remove…"), lambda p: _with_entry(p, context, _remove),
                   needs_row=True, permission=EDIT),
        PageAction(QT_TRANSLATE_NOOP("worktime", "Import entries…"), lambda p: import_file(p, context, "entries"),
                   permission=EDIT),
    ]
    return ListPage(context, owner=NAME, query=query, columns=columns, key=TimeEntry.id,
                    sort=(1, Qt.SortOrder.DescendingOrder), filters=filters, actions=actions,
                    detail=lambda key: entry_html(context, int(key)),
                    count_text=QT_TRANSLATE_NOOP("worktime", "{count} entries"),
                    empty_text=QT_TRANSLATE_NOOP("worktime", "No time recorded here yet."), export_name="time-entries")


def _with_entry(page: ListPage, context: Context, then) -> None:
    """Read the selected entry and its period's state off the GUI thread, then act on it."""
    key = page.current_key()
    if key is None:
        return

    def arrived(detail):
        if detail is None:
            page.refresh()
        else:
            then(page, context, detail)

    run_in_background(page, lambda: queries.entry_detail(context.app, context.actor, int(key)), arrived,
                      lambda error, _t: page.show_message(error))


def _state(detail) -> str | None:
    return detail.sheet.status if detail.sheet and detail.sheet.status in ("submitted", "approved") else None


def _correct(page: ListPage, context: Context, detail) -> None:
    """The correction form; for an approved period, the adjustment request instead."""
    state = _state(detail)
    if state == "approved":
        adjustment_dialog(page, context, action="change", user_id=context.actor.user_id, entry=detail.entry,
                          on_saved=lambda _i: page.refresh())
    elif state == "submitted":
        page.show_message(tr(NAME, "This entry's timesheet is submitted for review; withdraw it in My week to "
                                   "change its time."))
    else:
        entry_dialog(page, context, user_id=context.actor.user_id, entry=detail.entry,
                     on_saved=lambda _r: page.refresh())


def _remove(page: ListPage, context: Context, detail) -> None:
    """Remove the entry after a question; for an approved period, request the removal instead."""
    entry, zone = detail.entry, user_zone(context)
    if _state(detail) == "approved":
        adjustment_dialog(page, context, action="remove", user_id=context.actor.user_id, entry=entry,
                          on_saved=lambda _i: page.refresh())
        return
    question = tr(NAME, "Remove the entry of {start} ({hours})?").format(
        start=f"{entry.starts_at.astimezone(zone):%Y-%m-%d %H:%M}", hours=format_minutes(entry.minutes))
    if confirm(page, tr(NAME, "Remove…"), question):
        run_in_background(page, lambda: entries.delete_entry(context.app, context.actor, entry.id,
                                                             expected_version=entry.version),
                          lambda _r: page.refresh(), lambda error, _t: page.show_message(error))


def entry_html(context: Context, entry_id: int) -> str:
    """The detail pane: the entry, its split piece by piece, and its period's state (off the GUI thread)."""
    detail = queries.entry_detail(context.app, context.actor, entry_id)
    if detail is None:
        return tr(NAME, "This entry no longer exists.")
    entry, zone = detail.entry, user_zone(context)
    facts = DetailSection(QT_TRANSLATE_NOOP("worktime", "Entry"), [
        (QT_TRANSLATE_NOOP("worktime", "Person"), detail.person),
        (QT_TRANSLATE_NOOP("worktime", "Time"),
         f"{entry.starts_at.astimezone(zone):%Y-%m-%d %H:%M} – {entry.ends_at.astimezone(zone):%Y-%m-%d %H:%M}"),
        (QT_TRANSLATE_NOOP("worktime", "Hours"), format_minutes(entry.minutes)),
        (QT_TRANSLATE_NOOP("worktime", "Activity"), tr(NAME, ACTIVITY_NAMES[entry.kind])),
        (QT_TRANSLATE_NOOP("worktime", "Reference"), " · ".join(filter(None, (entry.ref, detail.title))) or "—"),
        (QT_TRANSLATE_NOOP("worktime", "Customer"), detail.customer or "—"),
        (QT_TRANSLATE_NOOP("worktime", "Note"), entry.note or "—"),
        (QT_TRANSLATE_NOOP("worktime", "Timesheet"),
         f"{detail.sheet.label}: {tr(NAME, STATUS_NAMES[detail.sheet.status])}" if detail.sheet
         else tr(NAME, STATUS_NAMES["open"])),
    ])
    sees_cost = context.actor.can(RATES)
    split = DetailSection(QT_TRANSLATE_NOOP("worktime", "Split"), [
        (f"{day:%m-%d} {tr(NAME, BUCKET_NAMES[bucket])}",
         f"{format_minutes(minutes)} × {multiplier}" + (f" · {cost}" if sees_cost and cost is not None else ""))
        for day, bucket, minutes, multiplier, _rate, cost in detail.segments])
    html = detail_html(f"{format_minutes(entry.minutes)} · {escape(tr(NAME, ACTIVITY_NAMES[entry.kind]))}",
                       [facts, split], owner=NAME, zone=zone)
    if detail.pending:
        html += f"<p style='color:#8a6d00'>{escape(tr(NAME, 'A correction of this entry waits for review.'))}</p>"
    return html


def import_file(page, context: Context, kind: str) -> None:
    """Pick a CSV or XLSX file and import it (all or nothing); problems are listed by row."""
    path, _ = QFileDialog.getOpenFileName(page, tr(NAME, "Import"), "", tr(NAME, SPREADSHEETS))
    if not path:
        return
    work = {"entries": imports.import_entries, "schedules": imports.import_schedules,
            "assignments": imports.import_assignments}[kind]

    def done(count):
        page.refresh()
        QMessageBox.information(page, tr(NAME, "Import"), tr(NAME, "Imported {count} rows.").format(count=count))

    def failed(error, _text):
        QMessageBox.warning(page, tr(NAME, "Import"), message_for(error))

    run_in_background(page, lambda: work(context.app, context.actor, path), done, failed)

