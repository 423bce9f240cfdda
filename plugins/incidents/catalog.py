"""Configuration the records are built on: the category tree, the priority matrix, standard texts.

Changing the matrix applies to incidents assessed from then on; existing incidents keep
the priority they were given.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from console.api import Actor, AppContext, ValidationError
from plugins.incidents.models import LEVELS, PRIORITIES, STANDARD_KINDS, Category, PriorityCell, StandardText
from plugins.incidents.rules import CONFIGURE, choice, expect_version, found, text

PATH_SEPARATOR = " / "


@dataclass(frozen=True)
class CategoryNode:
    """A category with its full path, for pickers and lists."""

    id: int
    parent_id: int | None
    name: str
    path: str
    depth: int
    active: bool


def category_tree(session: Session, *, include_inactive: bool = False) -> list[CategoryNode]:
    """Every category in tree order (parents before children, by position then name)."""
    rows = session.execute(select(Category.id, Category.parent_id, Category.name, Category.position,
                                  Category.active)).all()
    children: dict[int | None, list] = {}
    for row in rows:
        children.setdefault(row.parent_id, []).append(row)
    ordered: list[CategoryNode] = []

    def walk(parent_id: int | None, prefix: str, depth: int, active: bool) -> None:
        for row in sorted(children.get(parent_id, []), key=lambda r: (r.position, r.name)):
            path = f"{prefix}{PATH_SEPARATOR}{row.name}" if prefix else row.name
            node_active = active and row.active
            if node_active or include_inactive:
                ordered.append(CategoryNode(row.id, row.parent_id, row.name, path, depth, node_active))
            walk(row.id, path, depth + 1, node_active)

    walk(None, "", 0, True)
    return ordered


def category_path(session: Session, category_id: int) -> str:
    """``硬件 Hardware / 服务器 Server`` for a category id."""
    names = []
    current: int | None = category_id
    while current is not None and len(names) < 16:
        row = session.execute(select(Category.name, Category.parent_id).where(Category.id == current)).one_or_none()
        if row is None:
            break
        names.append(row.name)
        current = row.parent_id
    return PATH_SEPARATOR.join(reversed(names))


def subtree_ids(session: Session, category_id: int) -> list[int]:
    """``category_id`` and every category below it."""
    tree = category_tree(session, include_inactive=True)
    wanted, ids = {category_id}, [category_id]
    for node in tree:
        if node.parent_id in wanted and node.id not in wanted:
            wanted.add(node.id)
            ids.append(node.id)
    return ids


def find_category(session: Session, name_or_path: str) -> int | None:
    """The id of the active category whose name or path matches (case-insensitive), or None."""
    wanted = " ".join(str(name_or_path).split()).casefold()
    for node in category_tree(session):
        if wanted in (node.name.casefold(), node.path.casefold()):
            return node.id
    return None


def active_category(session: Session, category_id: int | None, field: str = "category_id") -> Category:
    """The category ``category_id`` when it exists and is active."""
    category = session.get(Category, category_id) if category_id is not None else None
    if category is None or not category.active:
        raise ValidationError("Choose a category from the list.", field)
    return category


def _check_parent(session: Session, category: Category, parent_id: int | None) -> int | None:
    if parent_id is None:
        return None
    parent = found(session.get(Category, parent_id), f"There is no category {parent_id}; pick the parent again.")
    if category.id is not None and parent.id in subtree_ids(session, category.id):
        raise ValidationError("A category cannot sit below itself or one of its own subcategories.", "parent_id")
    return parent.id


def _check_unique(session: Session, category: Category, name: str, parent_id: int | None) -> None:
    clash = session.scalar(select(Category.id).where(
        func.lower(Category.name) == name.lower(),
        Category.parent_id.is_(None) if parent_id is None else Category.parent_id == parent_id,
        Category.id != (category.id or 0)))
    if clash is not None:
        raise ValidationError(f"There already is a category “{name}” at this place in the tree.", "name")


def save_category(app: AppContext, actor: Actor, *, name: str, parent_id: int | None = None,
                  position: int | None = None, active: bool = True, category_id: int | None = None,
                  expected_version: int | None = None) -> int:
    """Add a category (no ``category_id``) or change one; returns its id."""
    name = text(name, "name", "category name", 64)
    with app.unit_of_work(actor, CONFIGURE) as work:
        session = work.session
        if category_id is None:
            category = Category()
        else:
            category = found(session.get(Category, category_id), f"There is no category {category_id}.")
            expect_version(category, expected_version, f"Category “{category.name}”")
        category.parent_id = _check_parent(session, category, parent_id)
        _check_unique(session, category, name, category.parent_id)
        category.name, category.active = name, bool(active)
        if position is not None:
            category.position = int(position)
        elif category_id is None:
            siblings = select(func.max(Category.position)).where(
                Category.parent_id.is_(None) if parent_id is None else Category.parent_id == parent_id)
            category.position = (session.scalar(siblings) or 0) + 1
        session.add(category)
        session.flush()
        work.audit("category.save", "category", category.id,
                   {"name": name, "parent_id": category.parent_id, "active": category.active})
        return category.id


# -- priority matrix ---------------------------------------------------------------------------
def priority_matrix(session: Session) -> dict[tuple[str, str], PriorityCell]:
    """The matrix cells by ``(impact, urgency)``."""
    return {(c.impact, c.urgency): c for c in session.scalars(select(PriorityCell))}


def priority_for(session: Session, impact: str, urgency: str) -> str:
    """The priority the matrix gives ``impact × urgency``."""
    cell = session.get(PriorityCell, (impact, urgency))
    if cell is None:  # a matrix cell removed by hand: the DOMAIN default
        return f"P{min(LEVELS.index(impact) + LEVELS.index(urgency), 3) + 1}"
    return cell.priority


def update_matrix(app: AppContext, actor: Actor, cells: dict[tuple[str, str], tuple[str, int | None]]) -> int:
    """Set matrix cells: ``{(impact, urgency): (priority, version the form loaded)}``; returns how many changed."""
    changed = 0
    with app.unit_of_work(actor, CONFIGURE) as work:
        session = work.session
        for (impact, urgency), (priority, expected) in sorted(cells.items()):
            choice(impact, LEVELS, "impact")
            choice(urgency, LEVELS, "urgency")
            choice(priority, PRIORITIES, "priority")
            cell = session.get(PriorityCell, (impact, urgency))
            if cell is None:
                cell = PriorityCell(impact=impact, urgency=urgency, priority=priority)
                session.add(cell)
            else:
                expect_version(cell, expected, "The priority matrix")
                if cell.priority == priority:
                    continue
                cell.priority = priority
            changed += 1
            work.audit("priority_matrix.set", "priority_cell", f"{impact}/{urgency}", {"priority": priority})
    return changed


# -- standard descriptions and solutions ---------------------------------------------------------
def standard_texts(session: Session, category_id: int, kind: str | None = None) -> list[StandardText]:
    """The active standard texts of a category and of the categories above it (nearest first)."""
    chain, current = [], category_id
    while current is not None and len(chain) < 16:
        chain.append(current)
        current = session.scalar(select(Category.parent_id).where(Category.id == current))
    query = select(StandardText).where(StandardText.category_id.in_(chain), StandardText.active.is_(True))
    if kind is not None:
        query = query.where(StandardText.kind == kind)
    rows = list(session.scalars(query))
    return sorted(rows, key=lambda t: (chain.index(t.category_id), t.position, t.title))


def save_standard_text(app: AppContext, actor: Actor, *, category_id: int, kind: str, title: str, body: str,
                       active: bool = True, text_id: int | None = None, expected_version: int | None = None) -> int:
    """Add (no ``text_id``) or change a standard description or solution; returns its id."""
    choice(kind, STANDARD_KINDS, "kind", "kind of standard text")
    title = text(title, "title", "title", 128)
    body = text(body, "body", "text", 4000)
    with app.unit_of_work(actor, CONFIGURE) as work:
        session = work.session
        active_category(session, category_id)
        if text_id is None:
            record = StandardText(position=1 + (session.scalar(select(func.max(StandardText.position)).where(
                StandardText.category_id == category_id)) or 0))
        else:
            record = found(session.get(StandardText, text_id), f"There is no standard text {text_id}.")
            expect_version(record, expected_version, f"Standard text “{record.title}”")
        record.category_id, record.kind, record.title, record.body = category_id, kind, title, body
        record.active = bool(active)
        session.add(record)
        session.flush()
        work.audit("standard_text.save", "standard_text", record.id, {"title": title, "kind": kind})
        return record.id
