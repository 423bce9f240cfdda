"""Saved list views: a user's named search text and drop-down choices on one page."""

from __future__ import annotations

import json

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from console.api import Actor, AppContext, ValidationError
from plugins.incidents.models import SavedFilter
from plugins.incidents.rules import READ, text


def saved_views(session: Session, user_id: int | None, page_id: str) -> list[tuple[str, str, list[int]]]:
    """``(name, search text, choice indices)`` of the user's views of ``page_id``, by name."""
    if user_id is None:
        return []
    return [(r.name, r.search, json.loads(r.choices or "[]")) for r in session.scalars(
        select(SavedFilter).where(SavedFilter.user_id == user_id, SavedFilter.page_id == page_id)
        .order_by(SavedFilter.name))]


def save_view(app: AppContext, actor: Actor, page_id: str, name: str, search: str, choices: list[int]) -> None:
    """Save (or replace) the actor's view ``name`` of ``page_id``."""
    name = text(name, "name", "name of the view", 64)
    if actor.user_id is None:
        raise ValidationError("Only a signed-in user has saved views.")
    with app.unit_of_work(actor, READ) as work:
        session = work.session
        view = session.scalar(select(SavedFilter).where(SavedFilter.user_id == actor.user_id,
                                                        SavedFilter.page_id == page_id, SavedFilter.name == name))
        if view is None:
            view = SavedFilter(user_id=actor.user_id, page_id=page_id, name=name)
            session.add(view)
        view.search = text(search, "search", "search text", 255, required=False)
        view.choices = json.dumps([int(c) for c in choices])


def delete_view(app: AppContext, actor: Actor, page_id: str, name: str) -> None:
    """Forget the actor's view ``name`` of ``page_id``."""
    with app.unit_of_work(actor, READ) as work:
        work.session.execute(delete(SavedFilter).where(SavedFilter.user_id == actor.user_id,
                                                       SavedFilter.page_id == page_id, SavedFilter.name == name))
