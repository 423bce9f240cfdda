"""A short facade over the incident services for scripts and other plugins' tests: open an incident
in a category given by name (``create_incident(…, category="服务器 Server")``), move it along
(``change_status``), dispatch a work order (``dispatch_work_order``).

The pages and jobs call ``records``, ``work_orders`` and ``catalog`` directly. A category given by
name is looked up in the tree (name or path) and added at the top level when it is not there yet.
"""

from __future__ import annotations

from typing import Any

from console.api import Actor, AppContext
from plugins.incidents import catalog, records
from plugins.incidents.records import change_status
from plugins.incidents.work_orders import dispatch_work_order

__all__ = ["change_status", "create_incident", "dispatch_work_order"]


def create_incident(app: AppContext, actor: Actor, *, category: str, **fields: Any) -> str:
    """Open an incident in the category called ``category`` (created when missing); returns its number."""
    with app.session() as session:
        category_id = catalog.find_category(session, category)
    if category_id is None:
        category_id = catalog.save_category(app, actor, name=category)
    return records.create_incident(app, actor, category_id=category_id, **fields)
