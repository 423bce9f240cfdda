"""The Foundation's service calls (``create_incident(…, category="name")``, ``dispatch_work_order``),
kept so callers written against them — the partners and crisis_bulletin tests — keep working.

New code calls ``records``, ``work_orders`` and ``catalog`` directly. A category given by name is
looked up in the tree (name or path) and added at the top level when it is not there yet.
"""

from __future__ import annotations

from typing import Any

from console.api import Actor, AppContext
from plugins.incidents import catalog, records
from plugins.incidents.work_orders import dispatch_work_order

__all__ = ["create_incident", "dispatch_work_order"]


def create_incident(app: AppContext, actor: Actor, *, category: str, **fields: Any) -> str:
    """Open an incident in the category called ``category`` (created when missing); returns its number."""
    with app.session() as session:
        category_id = catalog.find_category(session, category)
    if category_id is None:
        category_id = catalog.save_category(app, actor, name=category)
    return records.create_incident(app, actor, category_id=category_id, **fields)
