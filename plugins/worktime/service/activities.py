"""What time is booked on: an incident, a work order, a project, or internal work.

Incident numbers look like ``INC-2026-000123`` and work orders like ``INC-2026-000123-W01``. When
the incidents plugin is active, the incident must exist (``plugins.incidents.api``), and the
work order too once incidents offers ``work_order_summary``; without incidents a reference is
kept as typed once its format is right. Projects are worktime's own. The customer the work was
for comes along: the incident's or the project's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.api import AppContext, ValidationError
from plugins.worktime.models import ACTIVITY_KINDS, Project

INCIDENT = re.compile(r"INC-\d{4}-\d{6}")
WORK_ORDER = re.compile(r"(INC-\d{4}-\d{6})-W\d{2}")
#: Internal kinds that may still name the incident or work order they were for.
TRAVEL_KINDS = ("travel",)
MAX_REF = 64


@dataclass(frozen=True)
class Activity:
    """A checked activity: its kind, reference (or ``None``) and the customer it was for."""

    kind: str
    ref: str | None
    customer_id: int | None


def normalise(kind: str | None, ref: str | None) -> tuple[str, str | None]:
    """Check an activity's form before any database work: a known kind, a reference where one is needed."""
    if kind not in ACTIVITY_KINDS:
        raise ValidationError(f"'{kind}' is not an activity; use one of {', '.join(ACTIVITY_KINDS)}.",
                              "activity_kind")
    ref = " ".join((ref or "").split()) or None
    if ref is not None and len(ref) > MAX_REF:
        raise ValidationError(f"The reference is longer than {MAX_REF} characters; shorten it.", "activity_ref")
    if kind in ("incident", "work_order") and ref is not None:
        ref = ref.upper()
    if kind == "incident":
        if ref is None or not INCIDENT.fullmatch(ref):
            raise ValidationError("Time on an incident needs its number, e.g. INC-2026-000123.", "activity_ref")
    elif kind == "work_order":
        if ref is None or not WORK_ORDER.fullmatch(ref):
            raise ValidationError("Time on a work order needs its number, e.g. INC-2026-000123-W01.", "activity_ref")
    elif kind == "project":
        if ref is None:
            raise ValidationError("Time on a project needs its project code.", "activity_ref")
    elif kind in TRAVEL_KINDS:
        if ref is not None:
            ref = ref.upper()
            if not (INCIDENT.fullmatch(ref) or WORK_ORDER.fullmatch(ref)):
                raise ValidationError("Travel may name the incident or work order it was for "
                                      "(INC-2026-000123 or INC-2026-000123-W01); leave it empty otherwise.",
                                      "activity_ref")
    elif ref is not None:
        raise ValidationError(f"A {kind} names no reference; put details in the note.", "activity_ref")
    return kind, ref


def resolve(app: AppContext, session: Session, kind: str, ref: str | None) -> Activity:
    """Check that the reference exists (as far as the installed plugins can tell) and find its customer."""
    kind, ref = normalise(kind, ref)
    if ref is None:
        return Activity(kind, None, None)
    if kind == "project":
        project = session.scalar(select(Project).where(Project.code == ref))
        if project is None:
            raise ValidationError(f"There is no project {ref}; check the code or ask for the project to be set up.",
                                  "activity_ref")
        if not project.active:
            raise ValidationError(f"Project {ref} is closed; book the time on an open project.", "activity_ref")
        return Activity(kind, ref, project.customer_id)
    return Activity(kind, ref, incident_customer(app, session, ref))


def incident_customer(app: AppContext, session: Session, ref: str) -> int | None:
    """The customer of the incident (or work order) ``ref``; refuse a number the incidents plugin lacks.

    Without the incidents plugin the reference is kept as typed, and the customer is unknown.
    """
    if not app.has_plugin("incidents"):
        return None
    import plugins.incidents.api as incidents

    order = WORK_ORDER.fullmatch(ref)
    if order is not None:
        work_order = incidents.work_order_summary(session, ref)
        if work_order is None:
            raise ValidationError(f"There is no work order {ref}; check the number.", "activity_ref")
    number = order[1] if order is not None else ref
    incident = incidents.incident_summary(session, number)
    if incident is None:
        raise ValidationError(f"There is no incident {number}; check the number.", "activity_ref")
    return incident.customer_id
