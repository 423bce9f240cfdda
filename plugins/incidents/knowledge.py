"""Knowledge base (知识库): articles captured from resolved incidents, reviewed, published — and a
full-text search that finds Chinese text on every backend.

Flow: draft → in review → published (or back to draft with the reviewer's comment) → retired.
Articles are numbered ``KB-000123`` from their id.

Search reads ``search_text`` (title, keywords, symptom and solution, case-folded):

* SQLite: an FTS5 table with the ``trigram`` tokenizer over the articles (external content, kept in
  step by triggers). Terms of three characters or more are matched through the index (any script:
  “服务器” or “raid”); shorter terms (most Chinese words have two characters, “硬盘”) are matched
  with LIKE, which the trigram table also answers. Ranked by bm25.
* PostgreSQL: ``ILIKE`` per term, answered by a pg_trgm GIN index (built by migration incidents_0002
  when ``CREATE EXTENSION pg_trgm`` works; without it the same query scans).
* MariaDB 10.11: no n-gram parser ships without plugins and InnoDB's FULLTEXT splits on spaces,
  which Chinese has none of, so the search scans ``search_text`` with ``LIKE`` (utf8mb4_unicode_ci
  folds case). Measured in ``docs/plugins/incidents.md``.

Suggestions while a title is typed split it into Chinese character pairs and Latin words and rank the
published articles by how many they hold.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, case, literal, or_, select, text as sql
from sqlalchemy.orm import Session

from console.api import Actor, AppContext, ValidationError, utcnow
from plugins.incidents import catalog
from plugins.incidents.models import ARTICLE_STATUSES, DONE_STATUSES, Article
from plugins.incidents.records import load
from plugins.incidents.rules import KNOWLEDGE, REVIEW, choice, expect_version, found, text

log = logging.getLogger(__name__)
FTS = "incidents_kb_fts"
MAX_GRAMS = 16
_RUNS = re.compile(r"[a-z0-9]+|[^a-z0-9]+")
_SPLIT = re.compile(r"[\s,.;:!?()\[\]{}<>\"'“”‘’、，。；：！？（）【】《》/\\|+*=~`^$#@&%-]+")
_fts_ready: dict[int, bool] = {}


def article_number(article_id: int) -> str:
    """``KB-000123``."""
    return f"KB-{article_id:06d}"


def article_id(number: str | int) -> int:
    """The id in ``KB-000123`` (or an id given as is)."""
    if isinstance(number, int):
        return number
    digits = str(number).strip().upper().removeprefix("KB-")
    if not digits.isdigit():
        raise ValidationError(f"“{number}” is not an article number like KB-000123.", "number")
    return int(digits)


def search_text(*parts: str | None) -> str:
    """The normalised text the search reads: the parts joined, case-folded, spaces collapsed."""
    return " ".join(" ".join(p or "" for p in parts).casefold().split())


def terms(query: str) -> list[str]:
    """The search terms of ``query``: split on spaces and punctuation (Chinese and Latin), case-folded."""
    return [t for t in _SPLIT.split(query.casefold()) if t][:MAX_GRAMS]


def grams(query: str) -> list[str]:
    """What suggestions match: Chinese (any non-Latin run) as overlapping character pairs — most
    Chinese words have two characters — and Latin words of three letters or more; at most ``MAX_GRAMS``."""
    found_grams: list[str] = []
    for term in terms(query):
        for run in _RUNS.findall(term):
            if run.isascii():
                pieces = [run] if len(run) >= 3 else []
            else:
                pieces = [run[i:i + 2] for i in range(len(run) - 1)] or [run]
            found_grams += [p for p in pieces if p not in found_grams]
    return found_grams[:MAX_GRAMS]


# -- the SQLite index ------------------------------------------------------------------------------
def ensure_search_index(engine: Engine) -> bool:
    """Create the SQLite FTS5 trigram table and its triggers when missing, filling it; True when usable.

    Built here rather than by a migration: alembic cannot compare a virtual table (and its shadow
    tables) with the models. Other backends need nothing here.
    """
    if engine.dialect.name != "sqlite":
        return False
    statements = (
        f"CREATE VIRTUAL TABLE {FTS} USING fts5(search_text, content='incidents_kb_article', "
        "content_rowid='id', tokenize='trigram')",
        f"CREATE TRIGGER IF NOT EXISTS {FTS}_ai AFTER INSERT ON incidents_kb_article BEGIN "
        f"INSERT INTO {FTS}(rowid, search_text) VALUES (new.id, new.search_text); END",
        f"CREATE TRIGGER IF NOT EXISTS {FTS}_ad AFTER DELETE ON incidents_kb_article BEGIN "
        f"INSERT INTO {FTS}({FTS}, rowid, search_text) VALUES ('delete', old.id, old.search_text); END",
        f"CREATE TRIGGER IF NOT EXISTS {FTS}_au AFTER UPDATE OF search_text ON incidents_kb_article BEGIN "
        f"INSERT INTO {FTS}({FTS}, rowid, search_text) VALUES ('delete', old.id, old.search_text); "
        f"INSERT INTO {FTS}(rowid, search_text) VALUES (new.id, new.search_text); END",
    )
    try:
        with engine.begin() as connection:
            present = {r[0] for r in connection.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE name LIKE 'incidents_kb_fts%'")}
            missing = {FTS, f"{FTS}_ai", f"{FTS}_ad", f"{FTS}_au"} - present
            if FTS in missing:
                connection.exec_driver_sql(statements[0])
            for statement in statements[1:]:
                connection.exec_driver_sql(statement)
            if missing:  # new table, or triggers lost when a migration rebuilt the article table
                connection.exec_driver_sql(f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')")
        _fts_ready[id(engine)] = True
    except Exception as error:  # noqa: BLE001 - an SQLite without FTS5/trigram: LIKE still finds everything
        log.warning("the knowledge search index could not be built (%s); searching with LIKE", error)
        _fts_ready[id(engine)] = False
    return _fts_ready[id(engine)]


def rebuild_search_index(app: AppContext) -> int:
    """Recompute every article's ``search_text`` (and on SQLite rebuild the FTS table); returns the count."""
    with app.unit_of_work(Actor.system(), REVIEW) as work:
        articles = list(work.session.scalars(select(Article)))
        for article in articles:
            fresh = search_text(article.title, article.keywords, article.symptom, article.solution)
            if article.search_text != fresh:
                work.session.execute(Article.__table__.update().where(Article.__table__.c.id == article.id)
                                     .values(search_text=fresh))
        if work.session.get_bind().dialect.name == "sqlite" and _uses_fts(work.session):
            work.session.execute(sql(f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')"))
        work.audit("knowledge.reindex", "article", "*", {"articles": len(articles)})
    return len(articles)


def _uses_fts(session: Session) -> bool:
    engine = session.get_bind().engine
    if id(engine) not in _fts_ready:
        _fts_ready[id(engine)] = bool(session.execute(sql(
            "SELECT 1 FROM sqlite_master WHERE name = :n"), {"n": FTS}).first())
    return _fts_ready[id(engine)]


def _fts_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


# -- search ----------------------------------------------------------------------------------------
def search_ids(session: Session, query: str, *, statuses: tuple[str, ...] | None = ("published",),
               limit: int = 200) -> list[int]:
    """Ids of the articles holding every term of ``query``, best first."""
    wanted = terms(query)
    if not wanted:
        return []
    base = select(Article.id)
    if statuses:
        base = base.where(Article.status.in_(statuses))
    dialect = session.get_bind().dialect.name
    long_terms = [t for t in wanted if len(t) >= 3]
    if dialect == "sqlite" and long_terms and _uses_fts(session):
        # Terms of 3+ characters through the trigram index (ranked by bm25), shorter ones with LIKE:
        # SQLite's trigram tokenizer matches nothing for a pattern under three characters.
        ranked = [r[0] for r in session.execute(
            select(sql("rowid")).select_from(sql(FTS))
            .where(sql(f"{FTS} MATCH :q").bindparams(q=" AND ".join(_fts_phrase(t) for t in long_terms)))
            .order_by(sql(f"bm25({FTS})")).limit(limit * 4))]
        if not ranked:
            return []
        short = [_contains(Article.search_text, t, dialect) for t in wanted if len(t) < 3]
        allowed = set(session.scalars(base.where(Article.id.in_(ranked), *short)))
        return [i for i in ranked if i in allowed][:limit]
    matches = [_contains(Article.search_text, t, dialect) for t in wanted]
    return list(session.scalars(base.where(*matches).order_by(Article.updated_at.desc(), Article.id.desc())
                                .limit(limit)))


def _contains(column, term: str, dialect: str):
    """``column`` holds ``term`` (case-insensitive on every backend: the text is case-folded)."""
    pattern = f"%{_escape(term)}%"
    return column.ilike(pattern, escape="\\") if dialect == "postgresql" else column.like(pattern, escape="\\")


def _escape(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def suggest_ids(session: Session, title: str, limit: int = 5) -> list[int]:
    """Published articles holding the most of ``title``'s ``grams`` (for the incident forms).

    A scan of the published articles' text with one LIKE per gram: a few milliseconds for thousands
    of articles, and it matches two-character Chinese words, which a trigram index cannot.
    """
    pieces = grams(title)
    if not pieces:
        return []
    dialect = session.get_bind().dialect.name
    matches = [_contains(Article.search_text, p, dialect) for p in pieces]
    score = sum((case((m, 1), else_=0) for m in matches), literal(0))
    return list(session.scalars(select(Article.id).where(Article.status == "published", or_(*matches))
                                .order_by(score.desc(), Article.views.desc(), Article.id.desc()).limit(limit)))


@dataclass(frozen=True)
class ArticleHit:
    """An article as a search result."""

    id: int
    number: str
    title: str
    category: str
    solution: str
    status: str
    updated_at: datetime


def hits(session: Session, ids: list[int]) -> list[ArticleHit]:
    """The articles ``ids`` in that order, with their category paths."""
    if not ids:
        return []
    rows = {r.id: r for r in session.execute(
        select(Article.id, Article.title, Article.category_id, Article.solution, Article.status, Article.updated_at)
        .where(Article.id.in_(ids)))}
    paths = {n.id: n.path for n in catalog.category_tree(session, include_inactive=True)}
    return [ArticleHit(i, article_number(i), rows[i].title, paths.get(rows[i].category_id, ""), rows[i].solution,
                       rows[i].status, rows[i].updated_at) for i in ids if i in rows]


# -- the article flow ------------------------------------------------------------------------------
def _fields(session: Session, title: str, category_id: int | None, symptom: str, solution: str,
            keywords: str) -> dict:
    fields = {"title": text(title, "title", "title"),
              "symptom": text(symptom, "symptom", "symptom", 20_000, required=False),
              "solution": text(solution, "solution", "solution", 20_000),
              "keywords": text(keywords, "keywords", "keywords", 255, required=False),
              "category_id": catalog.active_category(session, category_id).id if category_id else None}
    fields["search_text"] = search_text(fields["title"], fields["keywords"], fields["symptom"], fields["solution"])
    return fields


def save_article(app: AppContext, actor: Actor, *, title: str, solution: str, symptom: str = "",
                 keywords: str = "", category_id: int | None = None, article: int | str | None = None,
                 expected_version: int | None = None) -> str:
    """Write a new draft (no ``article``) or change one; returns its number.

    Drafts are edited by their writers; an article in review or published only by a reviewer.
    """
    with app.unit_of_work(actor, KNOWLEDGE) as work:
        session, now = work.session, utcnow()
        if article is None:
            record = Article(status="draft", author=actor.display_name, created_at=now, review_comment="", views=0)
        else:
            record = found(session.get(Article, article_id(article)), f"There is no article {article}.")
            expect_version(record, expected_version, f"Article {article_number(record.id)}")
            if record.status != "draft":
                actor.require(REVIEW)
        for field, value in _fields(session, title, category_id, symptom, solution, keywords).items():
            setattr(record, field, value)
        record.updated_at = now
        session.add(record)
        session.flush()
        work.audit("knowledge.save", "article", record.id, {"title": record.title, "status": record.status})
        return article_number(record.id)


def capture_from_incident(app: AppContext, actor: Actor, number: str) -> str:
    """A draft article from a resolved incident: its title, description as symptom, resolution as solution."""
    with app.session() as session:
        incident = load(session, number)
        if incident.status not in DONE_STATUSES:
            raise ValidationError(f"Incident {incident.number} is {incident.status}; capture an article once "
                                  "it is resolved.", "status")
        if not incident.resolution.strip():
            raise ValidationError(f"Incident {incident.number} has no resolution yet; write what solved it first.",
                                  "resolution")
        values = {"title": incident.title, "symptom": incident.description, "solution": incident.resolution,
                  "category_id": incident.category_id}
    number_written = save_article(app, actor, **values)
    with app.unit_of_work(actor, KNOWLEDGE) as work:
        record = work.session.get(Article, article_id(number_written))
        record.source_incident = number.strip().upper()
        work.audit("knowledge.capture", "article", record.id, {"incident": record.source_incident})
    return number_written


def _move(app: AppContext, actor: Actor, article: int | str, permission: str, expected_version: int | None,
          allowed_from: tuple[str, ...], to: str, comment: str = "") -> None:
    choice(to, ARTICLE_STATUSES, "status")
    with app.unit_of_work(actor, permission) as work:
        record = found(work.session.get(Article, article_id(article)), f"There is no article {article}.")
        expect_version(record, expected_version, f"Article {article_number(record.id)}")
        if record.status not in allowed_from:
            raise ValidationError(f"Article {article_number(record.id)} is {record.status.replace('_', ' ')}; "
                                  f"only an article that is {' or '.join(s.replace('_', ' ') for s in allowed_from)} "
                                  f"can become {to.replace('_', ' ')}.", "status")
        now = utcnow()
        record.status, record.updated_at = to, now
        if permission == REVIEW:
            record.reviewer = actor.display_name
        if comment:
            record.review_comment = text(comment, "comment", "comment", 4000)
        if to == "published":
            record.published_at = now
        work.audit(f"knowledge.{to}", "article", record.id, {"comment": comment})


def submit_for_review(app: AppContext, actor: Actor, article: int | str, expected_version: int | None = None) -> None:
    """A draft goes to the reviewers."""
    _move(app, actor, article, KNOWLEDGE, expected_version, ("draft",), "in_review")


def review(app: AppContext, actor: Actor, article: int | str, *, approve: bool, comment: str = "",
           expected_version: int | None = None) -> None:
    """Publish an article in review, or send it back to its writer as a draft with ``comment``."""
    if not approve and not comment.strip():
        raise ValidationError("Say what the writer should change before sending the article back.", "comment")
    _move(app, actor, article, REVIEW, expected_version, ("in_review",), "published" if approve else "draft", comment)


def retire(app: AppContext, actor: Actor, article: int | str, expected_version: int | None = None) -> None:
    """Take a published article out of search and suggestions."""
    _move(app, actor, article, REVIEW, expected_version, ("published",), "retired")


def category_name(session: Session, category_id: int | None) -> str:
    """The category path of an article ('' without one)."""
    return catalog.category_path(session, category_id) if category_id else ""

