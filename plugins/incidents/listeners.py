"""What incidents does with other plugins' events (docs/integrations.md). Listeners never raise.

* ``partners.service_order_changed``: the work order follows its service order (``work_orders``).
* ``crisis_bulletin.workaround_published``: the workaround becomes an internal note on each linked
  open incident, and its assignee is told, in the same transaction.
* ``crisis_bulletin.problem_closed``: each linked incident's assignee is told (the bulletin plugin
  offers to resolve them together through ``api.resolve_incidents``).
"""

from __future__ import annotations

import logging

from sqlalchemy import select

from console.api import Actor, AppContext, DomainEvent, ServiceError, utcnow
from plugins.incidents.models import OPEN_STATUSES, Incident, Note
from plugins.incidents.notices import tell
from plugins.incidents.rules import INCIDENT_PAGE
from plugins.incidents.work_orders import on_service_order_changed

log = logging.getLogger(__name__)
BULLETIN_AUTHOR = "危机问题通告 Crisis bulletin"


def _linked(payload) -> list[str]:
    return sorted({str(n).strip().upper() for n in payload.get("incidents") or () if str(n).strip()})


def workaround_published(app: AppContext, event: DomainEvent) -> int:
    """Note the workaround on every linked open incident and tell the assignees; returns how many got it."""
    payload = event.payload
    problem, title = str(payload.get("problem") or ""), str(payload.get("title") or "")
    workaround = str(payload.get("workaround") or "").strip()
    numbers = _linked(payload)
    if not workaround or not numbers:
        return 0
    with app.unit_of_work(Actor.system()) as work:
        session = work.session
        rows = session.execute(select(Incident.id, Incident.number, Incident.assignee_id).where(
            Incident.number.in_(numbers), Incident.status.in_(OPEN_STATUSES))).all()
        now = utcnow()
        for row in rows:
            session.add(Note(incident_id=row.id, at=now, author=BULLETIN_AUTHOR, visibility="internal",
                             body=f"{problem} {title}\n{workaround}", source=problem[:32] or None))
            tell(session, [row.assignee_id],
                 {"en": f"Workaround for {row.number} ({problem})", "zh_CN": f"{row.number} 有临时解决方案（{problem}）"},
                 {"en": f"{title}\n{workaround}", "zh_CN": f"{title}\n{workaround}"}, "warning",
                 f"{INCIDENT_PAGE}#{row.number}")
        work.audit("incident.workaround", "problem", problem, {"incidents": [r.number for r in rows]})
    return len(rows)


def problem_closed(app: AppContext, event: DomainEvent) -> int:
    """Tell the assignees of the closed problem's linked incidents; returns how many incidents."""
    payload = event.payload
    problem, title = str(payload.get("problem") or ""), str(payload.get("title") or "")
    numbers = _linked(payload)
    if not numbers:
        return 0
    with app.unit_of_work(Actor.system()) as work:
        rows = work.session.execute(select(Incident.number, Incident.assignee_id, Incident.status)
                                    .where(Incident.number.in_(numbers))).all()
        for row in rows:
            tell(work.session, [row.assignee_id],
                 {"en": f"Problem {problem} closed: {row.number}", "zh_CN": f"问题 {problem} 已关闭：{row.number}"},
                 {"en": f"{title}\nCheck whether {row.number} can be resolved.",
                  "zh_CN": f"{title}\n请确认 {row.number} 是否可以解决。"}, "info", f"{INCIDENT_PAGE}#{row.number}")
    return len(rows)


HANDLERS = {
    "partners.service_order_changed": on_service_order_changed,
    "crisis_bulletin.workaround_published": workaround_published,
    "crisis_bulletin.problem_closed": problem_closed,
}


def handle(event: DomainEvent, app: AppContext) -> None:
    """Dispatch an event to its handler; a refusal or unexpected failure is logged, never raised."""
    handler = HANDLERS.get(event.name)
    if handler is None:
        return
    try:
        handler(app, event)
    except ServiceError as error:
        log.warning("incidents could not act on %s: %s", event.name, error)
    except Exception:  # noqa: BLE001 - a raising listener would fail the whole plugin
        log.exception("incidents failed on %s", event.name)
