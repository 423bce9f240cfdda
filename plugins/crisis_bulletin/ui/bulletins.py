"""The bulletin board: every bulletin the user may see, with their own state and the readers' progress.

Opening a bulletin marks it read; the detail pane says what changed since the reader last read
it. Readers acknowledge, print or save it; publishers compose, publish, update (a new revision
with a note), withdraw and follow the acknowledgement report.
"""

from __future__ import annotations

from datetime import timedelta
from html import escape
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QFileDialog, QMenu
from sqlalchemy import case, func, select
from sqlalchemy.orm import aliased

from console.api import Context, Group, User, get_setting
from console.api.ui import (
    ChoiceFilter,
    Column,
    DetailSection,
    Field,
    FormDialog,
    PageAction,
    confirm,
    detail_html,
    display_text,
    print_html,
    tr,
    user_zone,
)
from plugins.crisis_bulletin import acknowledgements, bulletins
from plugins.crisis_bulletin.audience import entries_of, partner_codes, role_titles
from plugins.crisis_bulletin.changes import line_changes
from plugins.crisis_bulletin.common import NAME, PUBLISH
from plugins.crisis_bulletin.models import SEVERITIES, Acknowledgement, Bulletin, Revision
from plugins.crisis_bulletin.problems import open_problems_choices
from plugins.crisis_bulletin.ui.common import (
    BULLETIN_STATUS_COLOURS,
    BULLETIN_STATUS_NAMES,
    NUMBER_COLUMN,
    SEVERITY_COLOURS,
    SEVERITY_NAMES,
    KeyedListPage,
    audience_text,
    code_column,
    markdown_html,
    menu_action,
    name_of,
    named,
    show_dialog,
    then,
    title_column,
    window_of,
)
from plugins.crisis_bulletin.ui.documents import document_for, write_document
from plugins.crisis_bulletin.ui.editors import ExtendedFormDialog, audience_choices

MY_STATE_NAMES = {"delivered": QT_TRANSLATE_NOOP("crisis_bulletin", "To read"),
                  "updated": QT_TRANSLATE_NOOP("crisis_bulletin", "Changed since read"),
                  "read": QT_TRANSLATE_NOOP("crisis_bulletin", "To acknowledge"),
                  "acknowledged": QT_TRANSLATE_NOOP("crisis_bulletin", "Acknowledged")}
MY_STATE_COLOURS = {"delivered": "#b3261e", "updated": "#c25a00", "read": "#8a6d00", "acknowledged": "#3b8a3e"}
LATER = QT_TRANSLATE_NOOP("crisis_bulletin", "Later than now:")
ENDS = QT_TRANSLATE_NOOP("crisis_bulletin", "Ends:")
DEADLINE = QT_TRANSLATE_NOOP("crisis_bulletin", "Set:")


def bulletins_page(context: Context) -> KeyedListPage:
    """Bulletins newest first: number, title, severity, status, the user's own state, validity, progress."""
    actor = context.actor
    mine = aliased(Acknowledgement)
    readers = (select(func.count()).where(Acknowledgement.bulletin_id == Bulletin.id)
               .correlate(Bulletin).scalar_subquery())
    acknowledged = (select(func.count()).where(Acknowledgement.bulletin_id == Bulletin.id,
                                               Acknowledgement.acknowledged_revision >= Bulletin.ack_revision)
                    .correlate(Bulletin).scalar_subquery())
    state = case((mine.id.is_(None), None), (mine.acknowledged_revision >= Bulletin.ack_revision, "acknowledged"),
                 (mine.read_revision >= Bulletin.revision, "read"), (mine.read_at.is_not(None), "updated"),
                 else_="delivered")
    share = case((readers > 0, acknowledged * 100 / readers), else_=None)
    query = (select(Bulletin.number, Bulletin.title, Bulletin.severity, Bulletin.status, state, Bulletin.valid_from,
                    Bulletin.ack_deadline, readers, share)
             .outerjoin(mine, (mine.bulletin_id == Bulletin.id) & (mine.user_id == actor.user_id))
             .where(bulletins.visible_to(actor)))
    columns = [
        NUMBER_COLUMN,
        title_column(34),
        code_column(QT_TRANSLATE_NOOP("crisis_bulletin", "Severity"), SEVERITY_NAMES, SEVERITY_COLOURS, 8),
        code_column(QT_TRANSLATE_NOOP("crisis_bulletin", "Status"), BULLETIN_STATUS_NAMES, BULLETIN_STATUS_COLOURS, 9),
        Column(QT_TRANSLATE_NOOP("crisis_bulletin", "For me"), format=lambda v: named(MY_STATE_NAMES)(v) or "—",
               colour=MY_STATE_COLOURS.get, width=14, nullable=True),
        Column(QT_TRANSLATE_NOOP("crisis_bulletin", "Valid from"), width=15),
        Column(QT_TRANSLATE_NOOP("crisis_bulletin", "Acknowledge by"), width=15),
        Column(QT_TRANSLATE_NOOP("crisis_bulletin", "Readers"), align="right", width=7, nullable=False),
        Column(QT_TRANSLATE_NOOP("crisis_bulletin", "Acknowledged"), align="right", width=10,
               format=lambda v: "" if v is None else f"{v:.0f} %"),
    ]
    live = Bulletin.status.in_(("scheduled", "active"))
    shows = [(QT_TRANSLATE_NOOP("crisis_bulletin", "Current bulletins"), live),
             (QT_TRANSLATE_NOOP("crisis_bulletin", "Waiting for my acknowledgement"),
              acknowledgements.waiting_clause(actor.user_id)),
             (QT_TRANSLATE_NOOP("crisis_bulletin", "Current critical bulletins"),
              live & (Bulletin.severity == "critical")),
             (QT_TRANSLATE_NOOP("crisis_bulletin", "Ended (expired or withdrawn)"),
              Bulletin.status.in_(("expired", "withdrawn"))),
             (QT_TRANSLATE_NOOP("crisis_bulletin", "All bulletins"), None)]
    if actor.can(PUBLISH):
        shows.insert(3, (QT_TRANSLATE_NOOP("crisis_bulletin", "Drafts"), Bulletin.status == "draft"))
    filters = [ChoiceFilter(QT_TRANSLATE_NOOP("crisis_bulletin", "Show"), shows)]
    manage = menu_action(QT_TRANSLATE_NOOP("crisis_bulletin", "Manage…"), [
        (QT_TRANSLATE_NOOP("crisis_bulletin", "Edit or update…"), lambda p: edit(p, context), PUBLISH),
        (QT_TRANSLATE_NOOP("crisis_bulletin", "Withdraw…"), lambda p: withdraw(p, context), PUBLISH),
        (QT_TRANSLATE_NOOP("crisis_bulletin", "Discard the draft…"), lambda p: discard(p, context), PUBLISH)],
        context, PUBLISH)
    page = KeyedListPage(
        context, owner=NAME, query=query, columns=columns, key=Bulletin.id, sort=(0, Qt.SortOrder.DescendingOrder),
        filters=filters,
        actions=[
            PageAction(QT_TRANSLATE_NOOP("crisis_bulletin", "Acknowledge"), lambda p: acknowledge(p, context),
                       needs_row=True),
            PageAction(QT_TRANSLATE_NOOP("crisis_bulletin", "Print / save…"), lambda p: output_menu(p, context),
                       needs_row=True),
            PageAction(QT_TRANSLATE_NOOP("crisis_bulletin", "Readers…"), lambda p: readers_report(p, context),
                       needs_row=True, permission=PUBLISH),
            manage,
            PageAction(QT_TRANSLATE_NOOP("crisis_bulletin", "New bulletin…"), lambda p: compose(p, context),
                       permission=PUBLISH, primary=True)],
        detail=lambda key: bulletin_detail(context, key),
        count_text=QT_TRANSLATE_NOOP("crisis_bulletin", "{count} bulletins"),
        empty_text=QT_TRANSLATE_NOOP("crisis_bulletin", "No bulletin matches these filters."),
        export_name="bulletins")
    page.key_type = int
    return page


# -- the detail pane -----------------------------------------------------------------------------
def bulletin_detail(context: Context, bulletin_id: int) -> str:
    """The bulletin as its reader sees it (run off the GUI thread); opening it marks it read."""
    zone = user_zone(context)
    with context.app.session() as session:
        bulletin = bulletins.readable(session, context.actor, bulletin_id)
        own = session.scalar(select(Acknowledgement).where(Acknowledgement.bulletin_id == bulletin_id,
                                                           Acknowledgement.user_id == context.actor.user_id))
        revisions = session.scalars(select(Revision).where(Revision.bulletin_id == bulletin_id)
                                    .order_by(Revision.revision.desc())).all()
        audience = audience_text(session, entries_of(session, bulletin_id))
        counts = acknowledgements.progress(session, bulletin)
        problem = f"{bulletin.problem.number} {bulletin.problem.title}" if bulletin.problem else ""
        names = dict(session.execute(select(User.username, User.display_name).where(
            User.username.in_({r.actor for r in revisions}))).all())
    if own is not None and bulletin.status != "draft":
        acknowledgements.mark_read(context.app, context.actor, bulletin_id)
    facts = DetailSection(QT_TRANSLATE_NOOP("crisis_bulletin", "Bulletin"), [
        (QT_TRANSLATE_NOOP("crisis_bulletin", "Severity"), name_of(SEVERITY_NAMES, bulletin.severity)),
        (QT_TRANSLATE_NOOP("crisis_bulletin", "Status"), name_of(BULLETIN_STATUS_NAMES, bulletin.status)
         + (f" · {bulletin.withdraw_reason}" if bulletin.status == "withdrawn" else "")),
        (QT_TRANSLATE_NOOP("crisis_bulletin", "Valid from"), bulletin.valid_from or "—"),
        (QT_TRANSLATE_NOOP("crisis_bulletin", "Valid until"), bulletin.valid_until
         or tr(NAME, "Until withdrawn")),
        (QT_TRANSLATE_NOOP("crisis_bulletin", "Acknowledge by"), bulletin.ack_deadline or "—"),
        (QT_TRANSLATE_NOOP("crisis_bulletin", "Audience"), audience),
        *([(QT_TRANSLATE_NOOP("crisis_bulletin", "Problem"), problem)] if problem else []),
        (QT_TRANSLATE_NOOP("crisis_bulletin", "Readers"), _readers_line(bulletin, counts, zone)),
        (QT_TRANSLATE_NOOP("crisis_bulletin", "You"), _own_state(own, bulletin, zone))])
    html = detail_html(f"{bulletin.number or tr(NAME, 'Draft')} · {bulletin.title}", [facts], owner=NAME, zone=zone)
    return html + _changed_notice(own, bulletin, revisions) + _section(tr(NAME, "Text")) \
        + markdown_html(bulletin.body) + _timeline(revisions, names, zone)


def _readers_line(bulletin: Bulletin, counts, zone) -> str:
    if bulletin.status == "draft":
        return tr(NAME, "Nobody yet: it is a draft")
    if bulletin.status == "scheduled":
        return tr(NAME, "Delivered when it takes effect on {when}").format(when=display_text(bulletin.valid_from, zone))
    return tr(NAME, "{done} of {readers} acknowledged").format(done=counts.acknowledged, readers=counts.readers)


def _own_state(own: Acknowledgement | None, bulletin: Bulletin, zone) -> str:
    if own is None:
        return tr(NAME, "Not addressed to you") if bulletin.status in ("active", "expired", "withdrawn") else "—"
    if (own.acknowledged_revision or 0) >= bulletin.ack_revision:
        return tr(NAME, "You acknowledged it on {when}").format(when=display_text(own.acknowledged_at, zone))
    if own.acknowledged_revision:
        return tr(NAME, "Changed since you acknowledged it: please acknowledge again")
    return tr(NAME, "Waiting for your acknowledgement")


def _section(title: str) -> str:
    return f"<p style='margin:14px 0 4px 0; color:#5f6b7a; font-weight:600'>{escape(title)}</p>"


def _changed_notice(own: Acknowledgement | None, bulletin: Bulletin, revisions: list[Revision]) -> str:
    """What changed since the reader last read it: the notes of the newer revisions and the text's changed lines."""
    if own is None or not own.read_revision or own.read_revision >= bulletin.revision:
        return ""
    read = next((r for r in revisions if r.revision == own.read_revision), None)
    notes = "".join(f"<li>{escape(r.note)}</li>" for r in revisions if r.revision > own.read_revision and r.note)
    lines = [(kind, line) for kind, line in line_changes(read.body if read else "", bulletin.body) if kind != "same"]
    shown = "".join(
        f"<div style='color:{'#3b8a3e' if kind == 'added' else '#b3261e'}'>"
        f"{'+' if kind == 'added' else '−'} {'<s>' if kind == 'removed' else ''}{escape(line)}"
        f"{'</s>' if kind == 'removed' else ''}</div>" for kind, line in lines)
    return (f"<div style='background:#fff4e0; padding:6px; margin-top:10px'><b>"
            f"{escape(tr(NAME, 'Changed since you read revision {n}').format(n=own.read_revision))}</b>"
            f"<ul style='margin:4px 0'>{notes}</ul>{shown}</div>")


def _timeline(revisions: list[Revision], names: dict[str, str], zone) -> str:
    if not revisions:
        return ""
    rows = "".join(
        f"<tr><td style='color:#5f6b7a; padding-right:10px'>{escape(tr(NAME, 'Revision {n}').format(n=r.revision))}"
        f"</td><td style='padding-right:10px'>{escape(display_text(r.at, zone))} · "
        f"{escape(names.get(r.actor, r.actor))}</td>"
        f"<td>{escape(r.note or tr(NAME, 'First published'))}"
        f"{' · ' + escape(tr(NAME, 'asked to acknowledge again')) if r.asks_ack and r.revision > 1 else ''}"
        f"</td></tr>" for r in revisions)
    return _section(tr(NAME, "Timeline")) + f"<table cellspacing='0' cellpadding='2'>{rows}</table>"


# -- actions -------------------------------------------------------------------------------------
def _after(page: KeyedListPage, key) -> None:
    """Reload the list and keep the same bulletin on screen."""
    page.refresh()
    page.open_key(key)


def acknowledge(page: KeyedListPage, context: Context) -> None:
    """Acknowledge the bulletin on screen (off the GUI thread)."""
    key = page.current_key()
    then(page, lambda: acknowledgements.acknowledge(context.app, context.actor, key), lambda _at: _after(page, key))


def _choices(context: Context) -> dict:
    """What the composer offers: roles, groups, partners and open problems (read off the GUI thread)."""
    with context.app.session() as session:
        groups = session.execute(select(Group.id, Group.name).order_by(Group.name)).all()
        return {"audience": audience_choices(role_titles(session), [tuple(g) for g in groups],
                                             partner_codes(session)),
                "problems": open_problems_choices(session)}


def _bulletin_fields(choices: dict, *, update: bool) -> list[Field]:
    offset = timedelta(hours=choices.get("ack_hours", 24))
    fields = [Field("note", QT_TRANSLATE_NOOP("crisis_bulletin", "What changed"), required=True,
                    help=QT_TRANSLATE_NOOP("crisis_bulletin", "Readers see this note in the bulletin's timeline.")),
              Field("ask_ack_again", QT_TRANSLATE_NOOP("crisis_bulletin", "Ask every reader to acknowledge again"),
                    "bool")] if update else []
    fields += [
        Field("title", QT_TRANSLATE_NOOP("crisis_bulletin", "Title"), required=True),
        Field("severity", QT_TRANSLATE_NOOP("crisis_bulletin", "Severity"), "choice",
              [(s, SEVERITY_NAMES[s]) for s in SEVERITIES], required=True, default="major",
              help=QT_TRANSLATE_NOOP("crisis_bulletin", "A critical bulletin shows as a banner in every console of "
                                                        "its readers until they acknowledge it.")),
    ]
    if not update:
        fields.append(Field("problem", QT_TRANSLATE_NOOP("crisis_bulletin", "About the problem"), "choice",
                            [("", QT_TRANSLATE_NOOP("crisis_bulletin", "(not about a problem)"))]
                            + choices["problems"], default=""))
    fields.append(Field("audience", QT_TRANSLATE_NOOP("crisis_bulletin", "Audience"), "audience",
                        list(choices["audience"].items()), required=True))
    if not update:
        fields.append(Field("valid_from", QT_TRANSLATE_NOOP("crisis_bulletin", "Valid from"), "optional_datetime",
                            [(timedelta(hours=1), LATER)]))
    fields += [
        Field("valid_until", QT_TRANSLATE_NOOP("crisis_bulletin", "Valid until"), "optional_datetime",
              [(timedelta(days=7), ENDS)]),
        Field("ack_deadline", QT_TRANSLATE_NOOP("crisis_bulletin", "Acknowledge by"), "optional_datetime",
              [(offset, DEADLINE)],
              help=QT_TRANSLATE_NOOP("crisis_bulletin", "Left out: the default deadline from the settings.")),
        Field("body", QT_TRANSLATE_NOOP("crisis_bulletin", "Text"), "richtext", required=True),
    ]
    return fields


def compose(page: KeyedListPage, context: Context, values: dict | None = None, draft=None) -> None:
    """The composer: save a draft or publish at once; ``values`` prefill it (a bulletin about a problem)."""
    def opened(choices: dict) -> None:
        zone = user_zone(context)
        draft_id, version = (draft.id, draft.version) if draft is not None else (None, None)

        def save(fields: dict):
            return bulletins.save_draft(context.app, context.actor, bulletin_id=draft_id, expected_version=version,
                                        **_service_fields(fields))

        def publish(fields: dict):
            return bulletins.publish_bulletin(context.app, context.actor, bulletin_id=draft_id,
                                              expected_version=version, **_service_fields(fields))

        dialog = ExtendedFormDialog(window_of(page), tr(NAME, "New bulletin") if draft is None else
                                    tr(NAME, "Edit the draft"), _bulletin_fields(choices, update=False), save,
                                    owner=NAME, values={"audience": [("everyone", "")], **(values or {})}, zone=zone,
                                    save_title=tr(NAME, "Save draft"), extra=[(tr(NAME, "Publish"), publish)],
                                    intro=tr(NAME, "Write what happened, who is affected and what to do meanwhile. "
                                                   "Readers must acknowledge it by the deadline."))
        dialog.resize(820, 760)
        dialog.saved.connect(lambda _result: page.refresh())
        dialog.open()

    then(page, lambda: {**_choices(context), "ack_hours": get_setting(context.app, "crisis_bulletin.ack_hours")},
         opened)


def _service_fields(fields: dict) -> dict:
    return {**fields, "problem": fields.get("problem") or None}


def edit(page: KeyedListPage, context: Context) -> None:
    """A draft opens in the composer; a published bulletin in the update form (a new revision)."""
    key = page.current_key()

    def load():
        with context.app.session() as session:
            bulletin = bulletins.load(session, key)
            return bulletin, entries_of(session, key), bulletin.problem.number if bulletin.problem else ""

    def opened(loaded) -> None:
        bulletin, entries, problem = loaded
        values = {"title": bulletin.title, "severity": bulletin.severity, "problem": problem, "audience": entries,
                  "valid_from": bulletin.valid_from, "valid_until": bulletin.valid_until,
                  "ack_deadline": bulletin.ack_deadline, "body": bulletin.body}
        if bulletin.status == "draft":
            compose(page, context, values, draft=bulletin)
        elif bulletin.status == "withdrawn":
            page.show_message(tr(NAME, "This bulletin was withdrawn; publish a new one instead."))
        else:
            update(page, context, bulletin, values)

    then(page, load, opened)


def update(page: KeyedListPage, context: Context, bulletin: Bulletin, values: dict) -> None:
    """The update form: what changed, whether to ask again, and the new content."""
    def opened(choices: dict) -> None:
        def save(fields: dict):
            fields = {k: v for k, v in fields.items() if k not in ("problem", "valid_from")}
            return bulletins.update_bulletin(context.app, context.actor, bulletin.id,
                                             expected_version=bulletin.version, **fields)

        dialog = ExtendedFormDialog(window_of(page), tr(NAME, "Update {number}").format(number=bulletin.number),
                                    _bulletin_fields(choices, update=True), save, owner=NAME, values=values,
                                    zone=user_zone(context), save_title=tr(NAME, "Publish update"),
                                    intro=tr(NAME, "The update becomes the next revision; every reader is told "
                                                   "what changed."))
        dialog.resize(820, 800)
        dialog.saved.connect(lambda _revision: _after(page, bulletin.id))
        dialog.open()

    then(page, lambda: _choices(context), opened)


def withdraw(page: KeyedListPage, context: Context) -> None:
    """Withdraw the bulletin on screen, with the reason its readers are told."""
    key = page.current_key()
    fields = [Field("reason", QT_TRANSLATE_NOOP("crisis_bulletin", "Reason"), "multiline", required=True,
                    help=QT_TRANSLATE_NOOP("crisis_bulletin", "Every reader is told this reason."))]
    dialog = FormDialog(window_of(page), tr(NAME, "Withdraw the bulletin"), fields,
                        lambda values: bulletins.withdraw(context.app, context.actor, key, **values), owner=NAME,
                        intro=tr(NAME, "A withdrawn bulletin stops its reminders and its banner; readers keep it "
                                       "in their list, marked withdrawn."))
    dialog.saved.connect(lambda _r: _after(page, key))
    dialog.open()


def discard(page: KeyedListPage, context: Context) -> None:
    """Delete the draft on screen, after asking."""
    key = page.current_key()
    if confirm(window_of(page), tr(NAME, "Discard the draft…"), tr(NAME, "Delete this draft? It was never sent.")):
        then(page, lambda: bulletins.discard_draft(context.app, context.actor, key), lambda _r: page.refresh())


def readers_report(page: KeyedListPage, context: Context) -> None:
    """The acknowledgement report of the bulletin on screen."""
    from plugins.crisis_bulletin.ui.report import ReadersDialog

    show_dialog(ReadersDialog(window_of(page), context, page.current_key()))


def output_menu(page: KeyedListPage, context: Context) -> None:
    """Print the bulletin, or save it as PDF or HTML."""
    key = page.current_key()
    menu = QMenu(page)
    menu.addAction(tr(NAME, "Print…"), lambda: _print(page, context, key))
    menu.addAction(tr(NAME, "Save as PDF…"), lambda: save_document(page, context, key, "pdf"))
    menu.addAction(tr(NAME, "Save as HTML…"), lambda: save_document(page, context, key, "html"))
    menu.popup(QCursor.pos())


def _document(context: Context, key) -> tuple[str, str]:
    return document_for(context.app, key, user_zone(context), context.actor.display_name)


def _print(page: KeyedListPage, context: Context, key) -> None:
    then(page, lambda: _document(context, key), lambda loaded: print_html(window_of(page), loaded[0], loaded[1]))


def save_document(page: KeyedListPage, context: Context, key, kind: str, path: str | None = None) -> None:
    """Save the bulletin as ``pdf`` or ``html`` (asks where unless ``path`` is given)."""
    def loaded(document: tuple[str, str]) -> None:
        html, title = document
        target = path
        if target is None:
            pattern = tr(NAME, "PDF document (*.pdf)") if kind == "pdf" else tr(NAME, "Web page (*.html)")
            target, _kind = QFileDialog.getSaveFileName(window_of(page), tr(NAME, "Save the bulletin"),
                                                        f"{title.split(' ')[0] or 'bulletin'}.{kind}", pattern)
        if target:
            write_document(html, title, Path(target))
            page.count_label.setText(tr(NAME, "Saved to {path}").format(path=target))

    then(page, lambda: _document(context, key), loaded)
