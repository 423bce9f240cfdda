"""The forms of the incident window (FormDialog: saved off the GUI thread, the typing kept on refusal).

The choices a form offers (people, groups, categories, standard solutions) are read in the
background before it opens.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget
from sqlalchemy import select

from console.api import Context, Group, User
from console.api.ui import Field, FormDialog, run_in_background, tr, user_zone
from plugins.incidents import catalog, notes, queries, records, work_orders
from plugins.incidents.models import PENDING_REASONS, WORK_ORDER_KINDS
from plugins.incidents.rules import MANAGE
from plugins.incidents.ui.names import CHANNEL, LEVEL, NAME, REASON, WORK_ORDER_KIND, WORK_ORDER_STATUS, choices


def people(context: Context) -> dict[str, list[tuple[Any, str]]]:
    """Active users and groups, as form choices (read off the GUI thread)."""
    with context.app.session() as session:
        users = session.execute(select(User.id, User.display_name).where(User.is_active.is_(True))
                                .order_by(User.display_name)).all()
        groups = session.execute(select(Group.id, Group.name).order_by(Group.name)).all()
    return {"users": [(None, "—"), *[(u.id, u.display_name) for u in users]],
            "groups": [(None, "—"), *[(g.id, g.name) for g in groups]]}


def with_data(parent: QWidget, load: Callable[[], Any], then: Callable[[Any], None]) -> None:
    """Read ``load()`` in the background, then call ``then(data)`` on the GUI thread."""
    run_in_background(parent, load, then)


def _open(parent: QWidget, context: Context, title: str, fields: list[Field], save: Callable[[dict], Any],
          done: Callable[[], None], values: dict | None = None, intro: str = "") -> FormDialog:
    dialog = FormDialog(parent, tr(NAME, title), fields, save, owner=NAME, values=values or {}, intro=intro,
                        zone=user_zone(context))
    dialog.saved.connect(lambda _result: done())
    dialog.open()
    return dialog


def pending(parent: QWidget, context: Context, view: queries.IncidentView, done: Callable[[], None]) -> None:
    """Put an incident on hold for a typed reason, with a note on what it waits for."""
    fields = [Field("reason", QT_TRANSLATE_NOOP("incidents", "Waiting for"), "choice", choices(REASON, PENDING_REASONS),
                    required=True),
              Field("note", QT_TRANSLATE_NOOP("incidents", "Note"), "multiline",
                    help=QT_TRANSLATE_NOOP("incidents", "What exactly is awaited, and by when (kept as an internal "
                                                        "note)."))]

    def save(values: dict) -> None:
        records.change_status(context.app, context.actor, view.number, "pending", reason=values["reason"],
                              expected_version=view.version)
        if values["note"].strip():
            notes.add_note(context.app, context.actor, view.number, values["note"])

    _open(parent, context, QT_TRANSLATE_NOOP("incidents", "Put on hold"), fields, save, done,
          intro=tr(NAME, "Clocks that pause for this reason stop counting until work resumes."))


def resolve(parent: QWidget, context: Context, view: queries.IncidentView, done: Callable[[], None]) -> None:
    """Resolve with the resolution text, optionally a category's standard solution."""
    def load():
        with context.app.session() as session:
            return [(t.body, t.title) for t in catalog.standard_texts(session, view.category_id, "solution")]

    def show(solutions) -> None:
        fields = [Field("standard", QT_TRANSLATE_NOOP("incidents", "Standard solution"), "choice",
                        [("", "—"), *solutions]),
                  Field("resolution", QT_TRANSLATE_NOOP("incidents", "Resolution"), "multiline",
                        help=QT_TRANSLATE_NOOP("incidents", "What fixed it; knowledge articles are captured from this."))]

        def save(values: dict) -> None:
            text = values["resolution"].strip() or values["standard"] or ""
            records.change_status(context.app, context.actor, view.number, "resolved", resolution=text,
                                  expected_version=view.version)

        _open(parent, context, QT_TRANSLATE_NOOP("incidents", "Resolve incident"), fields, save, done,
              values={"resolution": view.resolution})

    with_data(parent, load, show)


def assign(parent: QWidget, context: Context, view: queries.IncidentView, done: Callable[[], None]) -> None:
    """Assign to a person and/or a group."""
    def show(data) -> None:
        fields = [Field("group_id", QT_TRANSLATE_NOOP("incidents", "Group"), "choice", data["groups"]),
                  Field("assignee_id", QT_TRANSLATE_NOOP("incidents", "Assignee"), "choice", data["users"])]
        _open(parent, context, QT_TRANSLATE_NOOP("incidents", "Assign incident"), fields,
              lambda values: records.assign(context.app, context.actor, view.number, assignee_id=values["assignee_id"],
                                            group_id=values["group_id"], expected_version=view.version),
              done, values={"group_id": view.group_id, "assignee_id": view.assignee_id},
              intro="" if context.actor.can(MANAGE) else
              tr(NAME, "You can take an unassigned incident or hand yours back to its group; team leads reassign."))

    with_data(parent, lambda: people(context), show)


def edit_incident(parent: QWidget, context: Context, view: queries.IncidentView, done: Callable[[], None]) -> None:
    """Edit the incident's fields; impact, urgency and agreed targets for team leads."""
    def load():
        with context.app.session() as session:
            return [(n.id, n.path) for n in catalog.category_tree(session)]

    def show(categories) -> None:
        fields = [Field("title", QT_TRANSLATE_NOOP("incidents", "Title"), required=True),
                  Field("category_id", QT_TRANSLATE_NOOP("incidents", "Category"), "choice", categories, required=True),
                  Field("channel", QT_TRANSLATE_NOOP("incidents", "Channel"), "choice", choices(CHANNEL), required=True),
                  Field("caller_name", QT_TRANSLATE_NOOP("incidents", "Caller")),
                  Field("caller_phone", QT_TRANSLATE_NOOP("incidents", "Caller phone")),
                  Field("description", QT_TRANSLATE_NOOP("incidents", "Description"), "multiline"),
                  Field("resolution", QT_TRANSLATE_NOOP("incidents", "Resolution"), "multiline")]
        if context.actor.can(MANAGE):
            fields += [Field("impact", QT_TRANSLATE_NOOP("incidents", "Impact"), "choice", choices(LEVEL)),
                       Field("urgency", QT_TRANSLATE_NOOP("incidents", "Urgency"), "choice", choices(LEVEL)),
                       Field("onsite_agreed_minutes", QT_TRANSLATE_NOOP("incidents", "Agreed on-site target (minutes)"),
                             "int", maximum=525_600,
                             help=QT_TRANSLATE_NOOP("incidents", "For sites beyond the distance table: the on-site "
                                                                 "target agreed with the customer; 0 for none."))]
        values = {f.key: getattr(view, f.key) for f in fields}

        def save(changes: dict) -> int:
            if "onsite_agreed_minutes" in changes:
                changes["onsite_agreed_minutes"] = changes["onsite_agreed_minutes"] or None
            return records.update_incident(context.app, context.actor, view.number, expected_version=view.version,
                                           **changes)

        _open(parent, context, QT_TRANSLATE_NOOP("incidents", "Edit incident"), fields, save, done, values=values)

    with_data(parent, load, show)


def note(parent: QWidget, context: Context, number: str, done: Callable[[], None]) -> None:
    """Add an internal or customer-visible note."""
    fields = [Field("visibility", QT_TRANSLATE_NOOP("incidents", "Visible to"), "choice",
                    [("internal", QT_TRANSLATE_NOOP("incidents", "The team only")),
                     ("customer", QT_TRANSLATE_NOOP("incidents", "The customer too"))], required=True),
              Field("body", QT_TRANSLATE_NOOP("incidents", "Note"), "multiline", required=True)]
    _open(parent, context, QT_TRANSLATE_NOOP("incidents", "Add note"), fields,
          lambda values: notes.add_note(context.app, context.actor, number, values["body"], values["visibility"]),
          done)


def new_work_order(parent: QWidget, context: Context, number: str, done: Callable[[], None]) -> None:
    """Split a work order off the incident: an on-site visit, group support, or a partner dispatch."""
    def show(data) -> None:
        fields = [Field("kind", QT_TRANSLATE_NOOP("incidents", "Kind"), "choice", choices(WORK_ORDER_KIND,
                                                                                           WORK_ORDER_KINDS),
                        required=True),
                  Field("title", QT_TRANSLATE_NOOP("incidents", "Title"), required=True),
                  Field("group_id", QT_TRANSLATE_NOOP("incidents", "Group"), "choice", data["groups"]),
                  Field("assignee_id", QT_TRANSLATE_NOOP("incidents", "Assignee"), "choice", data["users"]),
                  Field("partner_code", QT_TRANSLATE_NOOP("incidents", "Partner code"),
                        help=QT_TRANSLATE_NOOP("incidents", "For a partner dispatch: the partner's code; the partners "
                                                            "module opens a service order for it.")),
                  Field("note", QT_TRANSLATE_NOOP("incidents", "Note"), "multiline")]
        _open(parent, context, QT_TRANSLATE_NOOP("incidents", "New work order"), fields,
              lambda values: work_orders.create_work_order(context.app, context.actor, number, **values), done)

    with_data(parent, lambda: people(context), show)


def move_work_order(parent: QWidget, context: Context, order_number: str, done: Callable[[], None]) -> None:
    """Move a work order to its next status."""
    def load():
        with context.app.session() as session:
            order = work_orders.load_work_order(session, order_number)
            return order.status, order.version, people(context)

    def show(data) -> None:
        status, version, found = data
        allowed = work_orders.TRANSITIONS[status]
        if not allowed:
            return
        fields = [Field("status", QT_TRANSLATE_NOOP("incidents", "New status"), "choice",
                        choices(WORK_ORDER_STATUS, allowed), required=True),
                  Field("reason", QT_TRANSLATE_NOOP("incidents", "Waiting for"), "choice",
                        [(None, "—"), *choices(REASON, PENDING_REASONS)]),
                  Field("assignee_id", QT_TRANSLATE_NOOP("incidents", "Assignee"), "choice", found["users"]),
                  Field("group_id", QT_TRANSLATE_NOOP("incidents", "Group"), "choice", found["groups"])]

        def save(values: dict) -> None:
            work_orders.change_work_order(context.app, context.actor, order_number, values["status"],
                                          reason=values["reason"] if values["status"] == "pending" else None,
                                          assignee_id=values["assignee_id"], group_id=values["group_id"],
                                          expected_version=version)

        _open(parent, context, QT_TRANSLATE_NOOP("incidents", "Move work order"), fields, save, done,
              intro=tr(NAME, "Work order {number} is {status}.").format(number=order_number,
                                                                        status=tr(NAME, WORK_ORDER_STATUS[status])))

    with_data(parent, load, show)

