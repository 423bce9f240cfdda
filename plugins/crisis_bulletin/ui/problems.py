"""The problem pages: every problem along its status flow, and the known errors with a workaround search.

The known-error search is the list's filter box: it matches any fragment of the title, the
workaround and the affected products and models, Chinese or English (``LIKE`` on lower-cased
text, see ``plugins.crisis_bulletin.search``).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from console.api import Context, User
from console.api.ui import (
    ChoiceFilter,
    Column,
    DetailSection,
    Field,
    FormDialog,
    PageAction,
    detail_html,
    display_text,
    tr,
    user_zone,
)
from plugins.crisis_bulletin import problems
from plugins.crisis_bulletin.common import EDIT, NAME, PUBLISH, lines
from plugins.crisis_bulletin.models import (
    DONE_PROBLEM_STATUSES,
    URGENCIES,
    Bulletin,
    Problem,
    ProblemChange,
    ProblemIncident,
)
from plugins.crisis_bulletin.ui.common import (
    BULLETIN_STATUS_NAMES,
    NUMBER_COLUMN,
    PROBLEM_STATUS_COLOURS,
    PROBLEM_STATUS_NAMES,
    URGENCY_COLOURS,
    URGENCY_NAMES,
    KeyedListPage,
    code_column,
    menu_action,
    name_of,
    then,
    title_column,
    window_of,
)
from plugins.crisis_bulletin.ui.incident_link import INCIDENT_STATUS_NAMES, ProblemIncidentsDialog, offer_to_resolve

CHANGE_NAMES = {"created": QT_TRANSLATE_NOOP("crisis_bulletin", "Recorded"),
                "updated": QT_TRANSLATE_NOOP("crisis_bulletin", "Details changed"),
                "status": QT_TRANSLATE_NOOP("crisis_bulletin", "Status changed"),
                "workaround": QT_TRANSLATE_NOOP("crisis_bulletin", "Workaround published"),
                "closed": QT_TRANSLATE_NOOP("crisis_bulletin", "Closed"),
                "linked": QT_TRANSLATE_NOOP("crisis_bulletin", "Incident linked"),
                "unlinked": QT_TRANSLATE_NOOP("crisis_bulletin", "Incident unlinked"),
                "bulletin": QT_TRANSLATE_NOOP("crisis_bulletin", "Bulletin published"),
                "resolved_incidents": QT_TRANSLATE_NOOP("crisis_bulletin", "Linked incidents resolved")}
SOURCE_NAMES = {"manual": QT_TRANSLATE_NOOP("crisis_bulletin", "Recorded by hand"),
                "spike": QT_TRANSLATE_NOOP("crisis_bulletin", "Proposed by spike detection")}


def _flat(value: str | None) -> str:
    """Multi-line text on one line, for a list cell."""
    return " ".join((value or "").split())


def problems_page(context: Context) -> KeyedListPage:
    """Every problem, open ones first by default; its detail, status, workaround, incidents and bulletins."""
    owner = aliased(User)
    linked = (select(func.count()).where(ProblemIncident.problem_id == Problem.id).correlate(Problem)
              .scalar_subquery())
    query = (select(Problem.number, Problem.title, Problem.status, Problem.urgency, Problem.category,
                    owner.display_name, linked, Problem.updated_at)
             .outerjoin(owner, owner.id == Problem.owner_id))
    columns = [
        NUMBER_COLUMN,
        title_column(42),
        code_column(QT_TRANSLATE_NOOP("crisis_bulletin", "Status"), PROBLEM_STATUS_NAMES, PROBLEM_STATUS_COLOURS, 16),
        code_column(QT_TRANSLATE_NOOP("crisis_bulletin", "Urgency"), URGENCY_NAMES, URGENCY_COLOURS, 8),
        Column(QT_TRANSLATE_NOOP("crisis_bulletin", "Category"), searchable=True, width=14),
        Column(QT_TRANSLATE_NOOP("crisis_bulletin", "Owner"), width=14, nullable=True),
        Column(QT_TRANSLATE_NOOP("crisis_bulletin", "Incidents"), align="right", width=8, nullable=False),
        Column(QT_TRANSLATE_NOOP("crisis_bulletin", "Updated"), width=15),
    ]
    open_ = Problem.status.not_in(DONE_PROBLEM_STATUSES)
    filters = [
        ChoiceFilter(QT_TRANSLATE_NOOP("crisis_bulletin", "Show"), [
            (QT_TRANSLATE_NOOP("crisis_bulletin", "Open problems"), open_),
            (QT_TRANSLATE_NOOP("crisis_bulletin", "My open problems"),
             open_ & (Problem.owner_id == context.actor.user_id)),
            (QT_TRANSLATE_NOOP("crisis_bulletin", "Proposed by spike detection"), open_ & (Problem.source == "spike")),
            (QT_TRANSLATE_NOOP("crisis_bulletin", "Resolved or closed"), Problem.status.in_(DONE_PROBLEM_STATUSES)),
            (QT_TRANSLATE_NOOP("crisis_bulletin", "All problems"), None)]),
        ChoiceFilter(QT_TRANSLATE_NOOP("crisis_bulletin", "Urgency"),
                     [(QT_TRANSLATE_NOOP("crisis_bulletin", "Any urgency"), None)]
                     + [(URGENCY_NAMES[u], Problem.urgency == u) for u in URGENCIES]),
    ]
    return KeyedListPage(
        context, owner=NAME, query=query, columns=columns, key=Problem.number, sort=(7, Qt.SortOrder.DescendingOrder),
        filters=filters,
        actions=[
            PageAction(QT_TRANSLATE_NOOP("crisis_bulletin", "Incidents…"), lambda p: incidents(p, context),
                       needs_row=True),
            PageAction(QT_TRANSLATE_NOOP("crisis_bulletin", "Status…"), lambda p: change_status(p, context),
                       needs_row=True, permission=EDIT),
            menu_action(QT_TRANSLATE_NOOP("crisis_bulletin", "Manage…"), [
                (QT_TRANSLATE_NOOP("crisis_bulletin", "Edit the details…"), lambda p: edit(p, context), EDIT),
                (QT_TRANSLATE_NOOP("crisis_bulletin", "Publish the workaround…"), lambda p: workaround(p, context),
                 PUBLISH),
                (QT_TRANSLATE_NOOP("crisis_bulletin", "Write a bulletin about it…"),
                 lambda p: bulletin_about(p, context), PUBLISH)], context, EDIT),
            PageAction(QT_TRANSLATE_NOOP("crisis_bulletin", "New problem…"), lambda p: new_problem(p, context),
                       permission=EDIT, primary=True)],
        detail=lambda number: problem_detail(context, number),
        count_text=QT_TRANSLATE_NOOP("crisis_bulletin", "{count} problems"),
        empty_text=QT_TRANSLATE_NOOP("crisis_bulletin", "No problem matches these filters."), export_name="problems")


class KnownErrorsPage(KeyedListPage):
    """The known errors, with a filter box that says what it searches."""

    def retranslate(self) -> None:
        """Set every text in the current UI language."""
        super().retranslate()
        self.search.setPlaceholderText(tr(NAME, "Search workarounds, titles, products…"))


def known_errors_page(context: Context) -> KnownErrorsPage:
    """Problems with a published workaround: what to do while the fix is not there yet."""
    query = (select(Problem.number, Problem.title, Problem.workaround, Problem.products, Problem.models,
                    Problem.status, Problem.workaround_published_at)
             .where(Problem.workaround_published_at.is_not(None)))
    columns = [
        NUMBER_COLUMN,
        title_column(34),
        Column(QT_TRANSLATE_NOOP("crisis_bulletin", "Workaround"), searchable=True, format=_flat, width=48),
        Column(QT_TRANSLATE_NOOP("crisis_bulletin", "Products"), searchable=True, format=_flat, width=18),
        Column(QT_TRANSLATE_NOOP("crisis_bulletin", "Models"), searchable=True, format=_flat, width=16),
        code_column(QT_TRANSLATE_NOOP("crisis_bulletin", "Status"), PROBLEM_STATUS_NAMES, PROBLEM_STATUS_COLOURS, 16),
        Column(QT_TRANSLATE_NOOP("crisis_bulletin", "Known since"), width=15),
    ]
    filters = [ChoiceFilter(QT_TRANSLATE_NOOP("crisis_bulletin", "Show"), [
        (QT_TRANSLATE_NOOP("crisis_bulletin", "Known errors not yet closed"), Problem.status != "closed"),
        (QT_TRANSLATE_NOOP("crisis_bulletin", "All known errors"), None)])]
    return KnownErrorsPage(
        context, owner=NAME, query=query, columns=columns, key=Problem.number, sort=(6, Qt.SortOrder.DescendingOrder),
        filters=filters, detail=lambda number: problem_detail(context, number),
        count_text=QT_TRANSLATE_NOOP("crisis_bulletin", "{count} known errors"),
        empty_text=QT_TRANSLATE_NOOP("crisis_bulletin", "No known error matches: try fewer characters."),
        export_name="known-errors")


# -- detail ----------------------------------------------------------------------------------------
def problem_detail(context: Context, number: str) -> str:
    """Everything about a problem (run off the GUI thread): facts, cause, workaround, fix, incidents, timeline."""
    zone = user_zone(context)
    with context.app.session() as session:
        problem = problems.load(session, number)
        owner = session.get(User, problem.owner_id) if problem.owner_id else None
        linked = problems.linked_incidents(session, problem.id)
        facts = problems.incident_facts(context.app, session, linked)
        about = session.execute(select(Bulletin.number, Bulletin.title, Bulletin.status)
                                .where(Bulletin.problem_id == problem.id, Bulletin.number.is_not(None))
                                .order_by(Bulletin.published_at.desc())).all()
        changes = session.execute(select(ProblemChange.at, ProblemChange.action, ProblemChange.actor,
                                         ProblemChange.note).where(ProblemChange.problem_id == problem.id)
                                  .order_by(ProblemChange.at.desc(), ProblemChange.id.desc()).limit(40)).all()
    none = "—"
    sections = [
        DetailSection(QT_TRANSLATE_NOOP("crisis_bulletin", "Problem"), [
            (QT_TRANSLATE_NOOP("crisis_bulletin", "Status"), name_of(PROBLEM_STATUS_NAMES, problem.status)),
            (QT_TRANSLATE_NOOP("crisis_bulletin", "Urgency"), name_of(URGENCY_NAMES, problem.urgency)),
            (QT_TRANSLATE_NOOP("crisis_bulletin", "Owner"), owner.display_name if owner else none),
            (QT_TRANSLATE_NOOP("crisis_bulletin", "Category"), problem.category or none),
            (QT_TRANSLATE_NOOP("crisis_bulletin", "Products"), problem.products or none),
            (QT_TRANSLATE_NOOP("crisis_bulletin", "Models"), problem.models or none),
            (QT_TRANSLATE_NOOP("crisis_bulletin", "Versions"), problem.versions or none),
            (QT_TRANSLATE_NOOP("crisis_bulletin", "Assets"), problem.assets or none),
            (QT_TRANSLATE_NOOP("crisis_bulletin", "External bug"), problem.external_ref or none),
            (QT_TRANSLATE_NOOP("crisis_bulletin", "Business impact"), problem.impact or none),
            (QT_TRANSLATE_NOOP("crisis_bulletin", "Source"), name_of(SOURCE_NAMES, problem.source)),
            (QT_TRANSLATE_NOOP("crisis_bulletin", "Recorded"), problem.created_at),
        ]),
        DetailSection(QT_TRANSLATE_NOOP("crisis_bulletin", "Root cause, workaround and fix"), [
            (QT_TRANSLATE_NOOP("crisis_bulletin", "Root cause"), problem.root_cause or none),
            (QT_TRANSLATE_NOOP("crisis_bulletin", "Workaround"), problem.workaround or none),
            (QT_TRANSLATE_NOOP("crisis_bulletin", "Fix"), problem.fix or none),
        ]),
        DetailSection(QT_TRANSLATE_NOOP("crisis_bulletin", "Linked incidents"),
                      [(n, _incident_line(facts.get(n))) for n in linked]
                      or [("", tr(NAME, "No incident is linked yet."))]),
    ]
    if about:
        sections.append(DetailSection(QT_TRANSLATE_NOOP("crisis_bulletin", "Bulletins"), [
            (n, f"{t} · {name_of(BULLETIN_STATUS_NAMES, s)}") for n, t, s in about]))
    sections.append(DetailSection(QT_TRANSLATE_NOOP("crisis_bulletin", "Timeline"), [
        (display_text(at, zone), f"{name_of(CHANGE_NAMES, action)} · {actor}" + (f" · {note}" if note else ""))
        for at, action, actor, note in changes]))
    return detail_html(f"{problem.number} · {problem.title}", sections, owner=NAME, zone=zone)


def _incident_line(summary) -> str:
    if summary is None:
        return ""
    return f"{summary.title} · {name_of(INCIDENT_STATUS_NAMES, summary.status)} · {summary.priority}"


# -- actions ---------------------------------------------------------------------------------------
def _after(page: KeyedListPage, number: str) -> None:
    page.refresh()
    page.open_key(number)


def _problem_fields(users: list[tuple[int, str]], *, new: bool) -> list[Field]:
    fields = [
        Field("title", QT_TRANSLATE_NOOP("crisis_bulletin", "Title"), required=True),
        Field("urgency", QT_TRANSLATE_NOOP("crisis_bulletin", "Urgency"), "choice",
              [(u, URGENCY_NAMES[u]) for u in URGENCIES], required=True, default="medium"),
        Field("owner_id", QT_TRANSLATE_NOOP("crisis_bulletin", "Owner"), "choice", users),
        Field("category", QT_TRANSLATE_NOOP("crisis_bulletin", "Category")),
        Field("products", QT_TRANSLATE_NOOP("crisis_bulletin", "Products"),
              help=QT_TRANSLATE_NOOP("crisis_bulletin", "Separate several with commas.")),
        Field("models", QT_TRANSLATE_NOOP("crisis_bulletin", "Models"),
              help=QT_TRANSLATE_NOOP("crisis_bulletin", "Separate several with commas.")),
        Field("versions", QT_TRANSLATE_NOOP("crisis_bulletin", "Versions"),
              help=QT_TRANSLATE_NOOP("crisis_bulletin", "Firmware, software or BIOS versions; separate with commas.")),
        Field("assets", QT_TRANSLATE_NOOP("crisis_bulletin", "Assets"),
              help=QT_TRANSLATE_NOOP("crisis_bulletin", "Serial numbers of affected assets; separate with commas.")),
        Field("external_ref", QT_TRANSLATE_NOOP("crisis_bulletin", "External bug"),
              help=QT_TRANSLATE_NOOP("crisis_bulletin", "The vendor's bug or case number.")),
        Field("impact", QT_TRANSLATE_NOOP("crisis_bulletin", "Business impact"), "multiline"),
        Field("root_cause", QT_TRANSLATE_NOOP("crisis_bulletin", "Root cause"), "multiline"),
    ]
    if new:
        fields.append(Field("incidents", QT_TRANSLATE_NOOP("crisis_bulletin", "Linked incidents"),
                            help=QT_TRANSLATE_NOOP("crisis_bulletin", "Incident numbers, separated by commas.")))
    else:
        fields.append(Field("fix", QT_TRANSLATE_NOOP("crisis_bulletin", "Fix"), "multiline"))
    return fields


def _load_problem(context: Context, number: str) -> tuple[Problem, int]:
    """The problem and how many incidents are linked to it (read off the GUI thread)."""
    with context.app.session() as session:
        problem = problems.load(session, number)
        return problem, len(problems.linked_incidents(session, problem.id))


def _owners(context: Context) -> list[tuple[int, str]]:
    with context.app.session() as session:
        return [tuple(row) for row in session.execute(
            select(User.id, User.display_name).where(User.is_active.is_(True), User.partner_code.is_(None))
            .order_by(User.display_name))]


def new_problem(page: KeyedListPage, context: Context) -> None:
    """Record a problem (owners are read off the GUI thread first)."""
    def opened(users) -> None:
        def save(values: dict) -> str:
            return problems.create_problem(context.app, context.actor,
                                           **{**values, "incidents": tuple(lines(values["incidents"]))})

        dialog = FormDialog(window_of(page), tr(NAME, "New problem"), _problem_fields(users, new=True), save,
                            owner=NAME, values={"owner_id": context.actor.user_id})
        dialog.saved.connect(lambda number: _after(page, number))
        dialog.open()

    then(page, lambda: _owners(context), opened)


def edit(page: KeyedListPage, context: Context) -> None:
    """Change a problem's details (a stale edit keeps the typing and says so)."""
    number = page.current_key()

    def opened(loaded) -> None:
        (problem, _linked), users = loaded
        values = {name: getattr(problem, name) for name in problems.EDITABLE}
        values["products"], values["models"] = problem.products.replace("\n", ", "), problem.models.replace("\n", ", ")
        values["versions"], values["assets"] = problem.versions.replace("\n", ", "), problem.assets.replace("\n", ", ")
        dialog = FormDialog(window_of(page), tr(NAME, "Edit {number}").format(number=number),
                            _problem_fields(users, new=False),
                            lambda v: problems.update_problem(context.app, context.actor, number,
                                                              expected_version=problem.version, **v),
                            owner=NAME, values=values)
        dialog.saved.connect(lambda _r: _after(page, number))
        dialog.open()

    then(page, lambda: (_load_problem(context, number), _owners(context)), opened)


def change_status(page: KeyedListPage, context: Context) -> None:
    """Move the problem forward; “Closed” (for a resolved problem) closes it and offers to resolve its incidents."""
    number = page.current_key()

    def opened(loaded) -> None:
        problem, _linked = loaded
        choices = list(problems.next_statuses(problem.status))
        if problem.status == "resolved" and context.actor.can(PUBLISH):
            choices.append("closed")
        if not choices:
            page.show_message(tr(NAME, "{number} is {status}: there is no later status to move it to.").format(
                number=number, status=name_of(PROBLEM_STATUS_NAMES, problem.status)))
            return

        def save(values: dict):
            if values["status"] == "closed":
                problems.close_problem(context.app, context.actor, number, note=values["note"],
                                       expected_version=problem.version)
                return "closed"
            problems.change_status(context.app, context.actor, number, values["status"], note=values["note"],
                                   expected_version=problem.version)
            return values["status"]

        fields = [Field("status", QT_TRANSLATE_NOOP("crisis_bulletin", "New status"), "choice",
                        [(s, PROBLEM_STATUS_NAMES[s]) for s in choices], required=True),
                  Field("note", QT_TRANSLATE_NOOP("crisis_bulletin", "Note"), "multiline")]
        intro = tr(NAME, "{number} is {status}. A problem only moves forward. A workaround is published with "
                         "Manage → Publish the workaround; closing a resolved problem offers to resolve its open "
                         "incidents.").format(number=number, status=name_of(PROBLEM_STATUS_NAMES, problem.status))
        dialog = FormDialog(window_of(page), tr(NAME, "Change the status of {number}").format(number=number), fields,
                            save, owner=NAME, intro=intro)
        dialog.saved.connect(lambda status: (_after(page, number),
                                             offer_to_resolve(page, context, number) if status == "closed" else None))
        dialog.open()

    then(page, lambda: _load_problem(context, number), opened)


def workaround(page: KeyedListPage, context: Context) -> None:
    """Publish (or improve) the workaround: it goes to every linked open incident as a note."""
    number = page.current_key()

    def opened(loaded) -> None:
        problem, linked = loaded
        fields = [Field("workaround", QT_TRANSLATE_NOOP("crisis_bulletin", "Workaround"), "multiline", required=True,
                        help=QT_TRANSLATE_NOOP("crisis_bulletin", "What engineers and customers can do until the "
                                                                  "fix is there."))]
        intro = tr(NAME, "Publishing makes {number} a known error and adds the workaround to its {count} linked "
                         "incidents; their assignees are told.").format(number=number, count=linked)
        dialog = FormDialog(window_of(page), tr(NAME, "Publish the workaround of {number}").format(number=number),
                            fields, lambda v: problems.publish_workaround(context.app, context.actor, number,
                                                                          v["workaround"],
                                                                          expected_version=problem.version),
                            owner=NAME, values={"workaround": problem.workaround}, intro=intro)
        dialog.saved.connect(lambda _told: _after(page, number))
        dialog.open()

    then(page, lambda: _load_problem(context, number), opened)


def incidents(page: KeyedListPage, context: Context) -> None:
    """The incidents linked to the problem: link, unlink, resolve the open ones together."""
    number = page.current_key()
    dialog = ProblemIncidentsDialog(window_of(page), context, number)
    dialog.finished.connect(lambda _r: _after(page, number) if dialog.changed else None)
    dialog.open()


def bulletin_about(page: KeyedListPage, context: Context) -> None:
    """Compose a bulletin about the problem, prefilled from its impact and workaround."""
    from plugins.crisis_bulletin.ui.bulletins import compose

    number = page.current_key()

    def opened(loaded) -> None:
        problem, _linked = loaded
        parts = [f"**{tr(NAME, 'Business impact')}:** {problem.impact}" if problem.impact else "",
                 f"**{tr(NAME, 'Workaround')}:** {problem.workaround}" if problem.workaround else "",
                 f"**{tr(NAME, 'Models')}:** {problem.models.replace(chr(10), ', ')}" if problem.models else ""]
        compose(page, context, {"title": problem.title, "problem": number,
                                "severity": "critical" if problem.urgency == "high" else "major",
                                "body": "\n\n".join(p for p in parts if p)})

    then(page, lambda: _load_problem(context, number), opened)
