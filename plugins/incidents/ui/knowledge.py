"""The knowledge base: full-text search (Chinese too), the article's text, and its review flow."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer
from PySide6.QtWidgets import QComboBox, QLineEdit
from sqlalchemy import select

from console.api import Context
from console.api.ui import (
    Column,
    DetailSection,
    Field,
    FormDialog,
    ListPage,
    PageAction,
    detail_html,
    run_in_background,
    tr,
    user_zone,
)
from plugins.incidents import catalog, knowledge
from plugins.incidents.models import ARTICLE_STATUSES, Article, Category
from plugins.incidents.rules import KNOWLEDGE, REVIEW
from plugins.incidents.ui.common import Deferred
from plugins.incidents.ui.names import ARTICLE_STATUS, NAME, name, named

SEARCH_DELAY_MS = 300


def article_detail(context: Context, article_id: int) -> str:
    """An article's text and review state."""
    with context.app.session() as session:
        article = session.get(Article, article_id)
        if article is None:
            return tr(NAME, "This article no longer exists.")
        category = knowledge.category_name(session, article.category_id)
    facts = DetailSection(QT_TRANSLATE_NOOP("incidents", "Article"), [
        (QT_TRANSLATE_NOOP("incidents", "Status"), name(ARTICLE_STATUS, article.status)),
        (QT_TRANSLATE_NOOP("incidents", "Category"), category or "—"),
        (QT_TRANSLATE_NOOP("incidents", "Keywords"), article.keywords or "—"),
        (QT_TRANSLATE_NOOP("incidents", "Written by"), article.author),
        (QT_TRANSLATE_NOOP("incidents", "Reviewed by"), article.reviewer or "—"),
        (QT_TRANSLATE_NOOP("incidents", "From incident"), article.source_incident or "—"),
        (QT_TRANSLATE_NOOP("incidents", "Updated"), article.updated_at),
    ])
    text = DetailSection(QT_TRANSLATE_NOOP("incidents", "Symptom and solution"), [
        (QT_TRANSLATE_NOOP("incidents", "Symptom"), article.symptom or "—"),
        (QT_TRANSLATE_NOOP("incidents", "Solution"), article.solution),
    ])
    sections = [text, facts]
    if article.review_comment:
        sections.append(DetailSection(QT_TRANSLATE_NOOP("incidents", "Review"), [
            (QT_TRANSLATE_NOOP("incidents", "Comment"), article.review_comment)]))
    return detail_html(f"{knowledge.article_number(article.id)} · {article.title}", sections, owner=NAME,
                       zone=user_zone(context))


def knowledge_page(context: Context) -> Deferred:
    """The knowledge base page (categories are read first, for the article form)."""
    def load():
        with context.app.session() as session:
            return [(n.id, n.path) for n in catalog.category_tree(session)]

    return Deferred(load, lambda categories: KnowledgePage(context, categories).page)


class KnowledgePage:
    """The list with its own search box (full text) and status drop-down, and the article actions."""

    def __init__(self, context: Context, categories: list[tuple[int, str]]):
        self.context, self.categories = context, categories
        query = (select(Article.id, Article.title, Category.name, Article.status, Article.author, Article.updated_at,
                        Article.views).outerjoin(Category, Category.id == Article.category_id))
        columns = [
            Column(QT_TRANSLATE_NOOP("incidents", "Number"), format=knowledge.article_number, width=10),
            Column(QT_TRANSLATE_NOOP("incidents", "Title"), width=40, sortable=False),
            Column(QT_TRANSLATE_NOOP("incidents", "Category"), nullable=True, width=16, sortable=False),
            Column(QT_TRANSLATE_NOOP("incidents", "Status"), format=named(ARTICLE_STATUS), width=10),
            Column(QT_TRANSLATE_NOOP("incidents", "Written by"), width=16, sortable=False),
            Column(QT_TRANSLATE_NOOP("incidents", "Updated"), width=15),
            Column(QT_TRANSLATE_NOOP("incidents", "Views"), align="right", width=7, sortable=False),
        ]
        actions = [
            PageAction(QT_TRANSLATE_NOOP("incidents", "New article…"), lambda p: self.edit(None), permission=KNOWLEDGE,
                       primary=True),
            PageAction(QT_TRANSLATE_NOOP("incidents", "Edit…"), lambda p: self.edit(p.current_key()), needs_row=True,
                       permission=KNOWLEDGE),
            PageAction(QT_TRANSLATE_NOOP("incidents", "Submit for review"), lambda p: self.move("submit"),
                       needs_row=True, permission=KNOWLEDGE),
            PageAction(QT_TRANSLATE_NOOP("incidents", "Publish"), lambda p: self.move("publish"), needs_row=True,
                       permission=REVIEW),
            PageAction(QT_TRANSLATE_NOOP("incidents", "Send back…"), lambda p: self.send_back(), needs_row=True,
                       permission=REVIEW),
            PageAction(QT_TRANSLATE_NOOP("incidents", "Retire"), lambda p: self.move("retire"), needs_row=True,
                       permission=REVIEW),
        ]
        self.page = ListPage(
            context, owner=NAME, query=query, columns=columns, key=Article.id, sort=(5, Qt.SortOrder.DescendingOrder),
            actions=actions, detail=lambda article_id: article_detail(context, article_id),
            count_text=QT_TRANSLATE_NOOP("incidents", "{count} articles"),
            empty_text=QT_TRANSLATE_NOOP("incidents", "No article holds every word of this search."),
            export_name="knowledge")
        show_article = self.page.open_key
        self.page.open_key = lambda key: show_article(knowledge.article_id(key))  # search hits give KB-000123
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(320)
        self.search.setPlaceholderText(tr(NAME, "Search the knowledge base (中文 or English)…"))
        self.status = QComboBox()
        self.status.addItem(tr(NAME, "Published"), ("published",))
        self.status.addItem(tr(NAME, "Drafts and in review"), ("draft", "in_review"))
        self.status.addItem(tr(NAME, "All articles"), ARTICLE_STATUSES)
        bar = self.page.layout().itemAt(0).layout()
        bar.insertWidget(0, self.search)
        bar.insertWidget(1, self.status)
        self.timer = QTimer(self.page, singleShot=True, interval=SEARCH_DELAY_MS)
        self.timer.timeout.connect(self.apply)
        self.search.textEdited.connect(lambda _t: self.timer.start())
        self.status.currentIndexChanged.connect(lambda _i: self.apply())
        self.apply()

    def apply(self) -> None:
        """Filter by status and, when there is search text, by the full-text matches."""
        statuses, text = self.status.currentData(), self.search.text()
        if not text.strip():
            self.page.model.set_filters([Article.status.in_(statuses)])
            return

        def read():
            with self.context.app.session() as session:
                return knowledge.search_ids(session, text, statuses=statuses, limit=500)

        def show(ids) -> None:
            if self.search.text() == text:
                self.page.model.set_filters([Article.status.in_(statuses), Article.id.in_(ids or [0])])

        run_in_background(self.page, read, show)

    def _run(self, work) -> None:
        run_in_background(self.page, work, lambda _r: self.page.refresh(), lambda error, _t: self.page.show_message(error))

    def move(self, step: str) -> None:
        """Submit, publish or retire the selected article."""
        article_id, app, actor = self.page.current_key(), self.context.app, self.context.actor
        work = {"submit": lambda: knowledge.submit_for_review(app, actor, article_id),
                "publish": lambda: knowledge.review(app, actor, article_id, approve=True),
                "retire": lambda: knowledge.retire(app, actor, article_id)}[step]
        self._run(work)

    def send_back(self) -> None:
        """Send the selected article back to its writer with a comment."""
        article_id = self.page.current_key()
        dialog = FormDialog(self.page, tr(NAME, "Send back to the writer"),
                            [Field("comment", QT_TRANSLATE_NOOP("incidents", "What to change"), "multiline",
                                   required=True)],
                            lambda values: knowledge.review(self.context.app, self.context.actor, article_id,
                                                            approve=False, comment=values["comment"]), owner=NAME)
        dialog.saved.connect(lambda _r: self.page.refresh())
        dialog.open()

    def edit(self, article_id: int | None) -> None:
        """Write a new article, or change the selected one."""
        def load():
            if article_id is None:
                return {}
            with self.context.app.session() as session:
                article = session.get(Article, article_id)
                return {"title": article.title, "category_id": article.category_id, "symptom": article.symptom,
                        "solution": article.solution, "keywords": article.keywords, "version": article.version}

        def show(values: dict) -> None:
            fields = [Field("title", QT_TRANSLATE_NOOP("incidents", "Title"), required=True),
                      Field("category_id", QT_TRANSLATE_NOOP("incidents", "Category"), "choice",
                            [(None, "—"), *self.categories]),
                      Field("symptom", QT_TRANSLATE_NOOP("incidents", "Symptom"), "multiline"),
                      Field("solution", QT_TRANSLATE_NOOP("incidents", "Solution"), "multiline", required=True),
                      Field("keywords", QT_TRANSLATE_NOOP("incidents", "Keywords"),
                            help=QT_TRANSLATE_NOOP("incidents", "Words people search for that the text does not "
                                                                "contain, e.g. 蓝屏 BSOD."))]
            version = values.pop("version", None)
            dialog = FormDialog(self.page, tr(NAME, "Knowledge article"), fields,
                                lambda v: knowledge.save_article(self.context.app, self.context.actor, article=article_id,
                                                                 expected_version=version, **v),
                                owner=NAME, values=values)
            dialog.saved.connect(lambda _r: self.page.refresh())
            dialog.open()

        run_in_background(self.page, load, show)
