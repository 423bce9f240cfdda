"""What the set-up pages share: tabs of lists, forms whose choices are read off the GUI thread first,
acting on the selected row, and removing a dated row (an assignment or a rate)."""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtWidgets import QTabWidget
from sqlalchemy import select

from console.api import Context, Customer, Group
from console.api.ui import Field, FormDialog, ListPage, confirm, run_in_background, tr
from plugins.worktime.models import RuleSet, Schedule
from plugins.worktime.service import queries, setup
from plugins.worktime.ui.common import NAME, translated


class Tabs(QTabWidget):
    """Tabs of list pages; it answers ``loading`` and ``refresh`` for the shell."""

    def loading(self) -> bool:
        """True while the shown tab is loading."""
        page = self.currentWidget()
        return bool(page is not None and page.loading())

    def refresh(self) -> None:
        """Reload the shown tab."""
        page = self.currentWidget()
        if page is not None:
            page.refresh()


def open_form(page: ListPage, context: Context, title: str, fields: Callable[[Any], list[Field]],
          save: Callable[[dict], Any], load: Callable[[], Any] = lambda: None,
          values: Callable[[Any], dict] | None = None) -> None:
    """Read what the form offers off the GUI thread, then open it; the list reloads after a save."""
    def show(loaded):
        dialog = FormDialog(page, tr(NAME, title), fields(loaded), save, owner=NAME,
                            values=values(loaded) if values else None)
        dialog.saved.connect(lambda _r: page.refresh())
        dialog.open()

    run_in_background(page, load, show, lambda error, _t: page.show_message(error))


def _row(context: Context, model, key):
    with context.app.session() as session:
        return session.get(model, int(key))


def with_selected(page: ListPage, context: Context, model, then: Callable[[Any], None]) -> None:
    key = page.current_key()
    if key is not None:
        run_in_background(page, lambda: _row(context, model, key), then, lambda error, _t: page.show_message(error))


def form_choices(context: Context) -> dict[str, list[tuple[Any, str]]]:
    """The people, schedules and rule sets a form may offer."""
    with context.app.session() as session:
        schedules = [(i, translated(n)) for i, n in session.execute(select(Schedule.id, Schedule.name)
                                                                     .order_by(Schedule.name))]
        rule_sets = [(i, translated(n)) for i, n in session.execute(select(RuleSet.id, RuleSet.name)
                                                                     .order_by(RuleSet.name))]
        customers = [tuple(r) for r in session.execute(select(Customer.id, Customer.name)
                                                       .order_by(Customer.name).limit(2000))]
        teams = [tuple(r) for r in session.execute(select(Group.id, Group.name).order_by(Group.name))]
    return {"people": queries.people(context.app, context.actor), "schedules": schedules, "rule_sets": rule_sets,
            "customers": customers, "teams": teams}


def remove_dated(page: ListPage, context: Context, model) -> None:
    def remove(row):
        if row is not None and confirm(page, tr(NAME, "Remove…"), tr(NAME, "Remove this row? Open time of its dates "
                                                                        "is split again.")):
            run_in_background(page, lambda: setup.delete_dated(context.app, context.actor, model, row.id,
                                                               expected_version=row.version),
                              lambda _r: page.refresh(), lambda error, _t: page.show_message(error))

    with_selected(page, context, model, remove)
