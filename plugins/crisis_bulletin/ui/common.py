"""What the pages share: translated names and colours of codes, Markdown to HTML, the audience in words,
the translated search providers and the problem chart's labels."""

from __future__ import annotations

import re
from html import escape

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex
from PySide6.QtGui import QCursor, QTextDocument
from PySide6.QtWidgets import QApplication, QMenu, QWidget
from sqlalchemy import select
from sqlalchemy.orm import Session

from console.api import Context, Group, SearchHit
from console.api.ui import Column, ListPage, PageAction, run_in_background, tr
from plugins.crisis_bulletin import reports
from plugins.crisis_bulletin.common import BULLETINS_PAGE, NAME, PROBLEMS_PAGE
from plugins.crisis_bulletin.search import find_bulletins, find_problems

PROBLEM_STATUS_NAMES = {
    "identified": QT_TRANSLATE_NOOP("crisis_bulletin", "Identified"),
    "investigating": QT_TRANSLATE_NOOP("crisis_bulletin", "Investigating"),
    "root_cause_known": QT_TRANSLATE_NOOP("crisis_bulletin", "Root cause known"),
    "workaround_available": QT_TRANSLATE_NOOP("crisis_bulletin", "Workaround available"),
    "fix_available": QT_TRANSLATE_NOOP("crisis_bulletin", "Fix available"),
    "resolved": QT_TRANSLATE_NOOP("crisis_bulletin", "Resolved"),
    "closed": QT_TRANSLATE_NOOP("crisis_bulletin", "Closed"),
}
PROBLEM_STATUS_COLOURS = {**reports.STATUS_COLOURS, "resolved": "#5f6b7a", "closed": "#8a94a3"}
URGENCY_NAMES = {"high": QT_TRANSLATE_NOOP("crisis_bulletin", "High"),
                 "medium": QT_TRANSLATE_NOOP("crisis_bulletin", "Medium"),
                 "low": QT_TRANSLATE_NOOP("crisis_bulletin", "Low")}
URGENCY_COLOURS = {"high": "#b3261e", "medium": "#8a6d00", "low": "#5f6b7a"}
SEVERITY_NAMES = {"critical": QT_TRANSLATE_NOOP("crisis_bulletin", "Critical"),
                  "major": QT_TRANSLATE_NOOP("crisis_bulletin", "Major"),
                  "minor": QT_TRANSLATE_NOOP("crisis_bulletin", "Minor")}
SEVERITY_COLOURS = {"critical": "#b3261e", "major": "#c25a00", "minor": "#5f6b7a"}
BULLETIN_STATUS_NAMES = {"draft": QT_TRANSLATE_NOOP("crisis_bulletin", "Draft"),
                         "scheduled": QT_TRANSLATE_NOOP("crisis_bulletin", "Scheduled"),
                         "active": QT_TRANSLATE_NOOP("crisis_bulletin", "Active"),
                         "expired": QT_TRANSLATE_NOOP("crisis_bulletin", "Expired"),
                         "withdrawn": QT_TRANSLATE_NOOP("crisis_bulletin", "Withdrawn")}
BULLETIN_STATUS_COLOURS = {"draft": "#8a6d00", "scheduled": "#2f6db5", "active": "#3b8a3e", "expired": "#8a94a3",
                           "withdrawn": "#8a94a3"}
READER_STATE_NAMES = {"acknowledged": QT_TRANSLATE_NOOP("crisis_bulletin", "Acknowledged"),
                      "outdated": QT_TRANSLATE_NOOP("crisis_bulletin", "Acknowledged an older revision"),
                      "read": QT_TRANSLATE_NOOP("crisis_bulletin", "Read"),
                      "delivered": QT_TRANSLATE_NOOP("crisis_bulletin", "Delivered")}
READER_STATE_COLOURS = {"acknowledged": "#3b8a3e", "outdated": "#c25a00", "read": "#8a6d00",
                        "delivered": "#b3261e"}
ROLE_NAMES = {"admin": QT_TRANSLATE_NOOP("crisis_bulletin", "Administrators"),
              "back_office": QT_TRANSLATE_NOOP("crisis_bulletin", "Back-office clerks"),
              "timesheet_reviewer": QT_TRANSLATE_NOOP("crisis_bulletin", "Timesheet reviewers"),
              "team_lead": QT_TRANSLATE_NOOP("crisis_bulletin", "Team leads"),
              "engineer": QT_TRANSLATE_NOOP("crisis_bulletin", "Engineers"),
              "partner_auditor": QT_TRANSLATE_NOOP("crisis_bulletin", "Partner auditors"),
              "read_only": QT_TRANSLATE_NOOP("crisis_bulletin", "Read-only users")}


NUMBER_COLUMN = Column(QT_TRANSLATE_NOOP("crisis_bulletin", "Number"), searchable=True, width=14)


def title_column(width: int) -> Column:
    """The searchable title column of a list."""
    return Column(QT_TRANSLATE_NOOP("crisis_bulletin", "Title"), searchable=True, width=width)


def code_column(title: str, names: dict[str, str], colours: dict[str, str], width: int) -> Column:
    """A column of stored codes shown by their translated names, in their colours."""
    return Column(title, format=named(names), colour=colours.get, width=width)


def then(page: ListPage, load, opened) -> None:
    """Run ``load()`` off the GUI thread, then ``opened(result)``; a refusal is shown on the page."""
    run_in_background(page, load, opened, lambda error, _t: page.show_message(error))


def named(names: dict[str, str]):
    """A cell format that shows a stored code by its translated name."""
    return lambda value: tr(NAME, names[value]) if value in names else (value or "")


def name_of(names: dict[str, str], code: str | None) -> str:
    """The translated name of ``code`` (the code itself when it has none)."""
    return named(names)(code)


def markdown_html(text: str) -> str:
    """A bulletin body (Markdown) as an HTML fragment; raw HTML in the text is shown as text, never run."""
    document = QTextDocument()
    document.setMarkdown(text or "", QTextDocument.MarkdownFeature.MarkdownDialectGitHub
                         | QTextDocument.MarkdownFeature.MarkdownNoHTML)
    html = document.toHtml()
    found = re.search(r"<body[^>]*>(.*)</body>", html, re.S)
    return found.group(1) if found else escape(text or "")


def audience_text(session: Session, entries: list[tuple[str, str]]) -> str:
    """The audience in words: “Everyone · Engineers · 一线服务台 Help desk L1 · Partner ACME”."""
    groups = dict(session.execute(select(Group.id, Group.name).where(
        Group.id.in_([int(v) for k, v in entries if k == "group"]))).all())
    words = []
    for kind, value in entries:
        if kind == "everyone":
            words.append(tr(NAME, "Everyone in our organisation"))
        elif kind == "role":
            words.append(name_of(ROLE_NAMES, value))
        elif kind == "group":
            words.append(groups.get(int(value), value))
        else:
            words.append(tr(NAME, "Partner {code}").format(code=value))
    return " · ".join(words)


def window_of(widget: QWidget | None = None) -> QWidget | None:
    """The window a dialog opened from an action belongs to (the active console window when none is given)."""
    if widget is not None:
        return widget.window()
    active = QApplication.activeWindow()
    return active if active is not None and active.isVisible() else None


_open_dialogs: set = set()


def show_dialog(dialog) -> None:
    """Open a (window-modal) dialog and keep it alive until it closes, parent or not."""
    _open_dialogs.add(dialog)
    dialog.finished.connect(lambda _result: _open_dialogs.discard(dialog))
    dialog.open()


def menu_action(title: str, entries, context: Context, permission: str | None = None) -> PageAction:
    """A button that opens a menu of ``entries`` — ``(label, run(page), permission)`` — for the row on screen."""
    def popup(page: ListPage) -> None:
        menu = QMenu(page)
        for label, run, needed in entries:
            if needed is None or context.actor.can(needed):
                menu.addAction(tr(NAME, label), lambda r=run: _safely(page, r))
        menu.popup(QCursor.pos())

    return PageAction(title, popup, needs_row=True, permission=permission)


def _safely(page: ListPage, run) -> None:
    try:
        run(page)
    except Exception as error:  # noqa: BLE001 - a failing menu entry is reported, never raised into Qt
        page.show_message(error)


def search_problems(context: Context, text: str, limit: int) -> list[SearchHit]:
    """Global search hits for problems (number, title or workaround)."""
    with context.app.session() as session:
        rows = find_problems(session, text, limit)
    return [SearchHit(f"{number} {title}", " · ".join(filter(None, (name_of(PROBLEM_STATUS_NAMES, status),
                                                                    category))), PROBLEMS_PAGE, number)
            for number, title, status, category in rows]


def search_bulletins(context: Context, text: str, limit: int) -> list[SearchHit]:
    """Global search hits for the bulletins the user may see."""
    with context.app.session() as session:
        rows = find_bulletins(session, context.actor, text, limit)
    return [SearchHit(f"{number or tr(NAME, 'Draft')} {title}",
                      f"{name_of(SEVERITY_NAMES, severity)} · {name_of(BULLETIN_STATUS_NAMES, status)}",
                      BULLETINS_PAGE, str(bulletin_id))
            for bulletin_id, number, title, severity, status in rows]


def draw_open_problems(figure, context: Context) -> None:
    """The open-problems chart with translated status names."""
    reports.draw_open_problems(figure, context, {s: name_of(PROBLEM_STATUS_NAMES, s) for s in PROBLEM_STATUS_NAMES})


class KeyedListPage(ListPage):
    """A ``ListPage`` whose actions follow the row the detail pane shows.

    ``open_key`` (a search hit, a notification, a banner's Open) shows a row that may not be
    loaded or selected; the page's actions then act on that row, and the list does not
    replace it with its first row when it finishes loading.
    """

    _opened = None
    #: Keys arrive as text from notification links and search hits; the page's own key type.
    key_type = str

    def open_key(self, key) -> None:
        """Show the row with ``key`` and make it the one the actions act on."""
        key = self.key_type(key)
        self._opened = key
        self.table.setCurrentIndex(QModelIndex())
        super().open_key(key)
        self._update_buttons()

    def current_key(self):
        """The selected row's key, else the key last opened."""
        index = self.table.currentIndex()
        if index.isValid():
            self._opened = None
            return super().current_key()
        return self._opened

    def _select_first(self) -> None:
        if self._opened is None:
            super()._select_first()
