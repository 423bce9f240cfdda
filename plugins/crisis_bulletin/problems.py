"""Problem rules: record, update, move along the status flow, publish a workaround, close; link incidents.

The status flow is DOMAIN.md's: identified → investigating → root cause known → workaround
available → fix available → resolved → closed. A problem only moves forward (a step with nothing
to record may be skipped); a workaround becomes available by publishing it, and a problem is
closed only once resolved. Publishing a workaround emits ``crisis_bulletin.workaround_published``
and closing emits ``crisis_bulletin.problem_closed`` (payloads in docs/integrations.md): the
incidents plugin, when installed, adds the note to the linked incidents and tells their people.
"""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from console.api import Actor, AppContext, Asset, NotFound, User, ValidationError, utcnow
from plugins.crisis_bulletin.common import (
    EDIT,
    PUBLISH,
    check_version,
    lines,
    one_of,
    optional_text,
    required_text,
)
from plugins.crisis_bulletin.models import (
    DONE_PROBLEM_STATUSES,
    PROBLEM_STATUSES,
    URGENCIES,
    Problem,
    ProblemChange,
    ProblemIncident,
)
from plugins.crisis_bulletin.numbering import PROBLEM, next_number

#: What ``update_problem`` may change (the status, workaround and closing have their own steps).
EDITABLE = ("title", "urgency", "impact", "owner_id", "category", "products", "models", "versions", "assets",
            "external_ref", "root_cause", "fix")
#: Statuses reached by their own step, not by ``change_status``.
OWN_STEP = {"workaround_available": "Publish the workaround instead: that makes it available and adds it to "
                                    "the linked incidents.",
            "closed": "Close the problem instead: that tells the linked incidents and offers to resolve them."}
#: A status that needs a field filled in first.
NEEDS = {"root_cause_known": ("root_cause", "root cause"), "fix_available": ("fix", "fix")}


def load(session: Session, number: str) -> Problem:
    """The problem numbered ``number`` (``PRB-2026-0042``); raises ``NotFound``."""
    problem = session.scalar(select(Problem).where(Problem.number == (number or "").strip().upper()))
    if problem is None:
        raise NotFound(f"There is no problem {number}; check the number.")
    return problem


def _clean(session: Session, values: dict) -> dict:
    """Checked and normalised problem fields (only those given)."""
    out = dict(values)
    if "title" in out:
        out["title"] = required_text(out["title"], "title", "problem's title")
    if "urgency" in out:
        out["urgency"] = one_of(out["urgency"], URGENCIES, "urgency", "urgency")
    if out.get("owner_id") is not None:
        owner = session.get(User, out["owner_id"])
        if owner is None or not owner.is_active:
            raise ValidationError(f"There is no active user with id {out['owner_id']} to own the problem.",
                                  "owner_id")
    if "category" in out:
        out["category"] = optional_text(out["category"], "category", "category", 64) or None
    if "external_ref" in out:
        out["external_ref"] = optional_text(out["external_ref"], "external_ref", "external bug reference", 128)
    for name, what in (("impact", "business impact"), ("root_cause", "root cause"), ("fix", "fix")):
        if name in out:
            out[name] = optional_text(out[name], name, what)
    for name in ("products", "models", "versions", "assets"):
        if name in out:
            out[name] = "\n".join(lines(out[name]))
    if out.get("assets"):
        serials = lines(out["assets"])
        known = set(session.scalars(select(Asset.serial).where(Asset.serial.in_(serials))))
        if unknown := [s for s in serials if s not in known]:
            raise ValidationError(f"There is no asset with serial number {unknown[0]}; check it or leave it out.",
                                  "assets")
    return out


def add_change(session: Session, problem: Problem, actor: Actor, action: str, note: str = "") -> None:
    """Add an entry to the problem's timeline (``action``: created, status, workaround, linked, bulletin, …)."""
    session.add(ProblemChange(problem_id=problem.id, at=utcnow(), actor=actor.username, action=action,
                              status=problem.status, note=note))


def create_problem(app: AppContext, actor: Actor, *, title: str, urgency: str = "medium", impact: str = "",
                   owner_id: int | None = None, category: str | None = None, products: str = "", models: str = "",
                   versions: str = "", assets: str = "", external_ref: str = "", root_cause: str = "",
                   incidents: tuple[str, ...] = ()) -> str:
    """Record a problem (status ``identified``), optionally linked to ``incidents``; returns its number."""
    with app.unit_of_work(actor, EDIT) as work:
        session = work.session
        fields = _clean(session, dict(title=title, urgency=urgency, impact=impact, owner_id=owner_id,
                                      category=category, products=products, models=models, versions=versions,
                                      assets=assets, external_ref=external_ref, root_cause=root_cause))
        now = utcnow()
        problem = Problem(number=next_number(session, PROBLEM, now), status="identified", created_at=now,
                          updated_at=now, created_by=actor.username, **fields)
        session.add(problem)
        session.flush()
        add_change(session, problem, actor, "created")
        for incident in incidents:
            _link(app, session, problem, actor, incident)
        work.audit("problem.create", "problem", problem.number, {"title": problem.title, "incidents": list(incidents)})
        work.emit("crisis_bulletin.problem_created", problem=problem.number, title=problem.title,
                  category=problem.category)
    return problem.number


def update_problem(app: AppContext, actor: Actor, number: str, *, expected_version: int | None = None,
                   **changes) -> None:
    """Change a problem's details (any of ``EDITABLE``); a closed problem is final."""
    if unknown := sorted(set(changes) - set(EDITABLE)):
        raise ValidationError(f"'{unknown[0]}' cannot be edited here.", unknown[0])
    with app.unit_of_work(actor, EDIT) as work:
        session = work.session
        problem = load(session, number)
        check_version(problem, expected_version, f"Problem {problem.number}")
        if problem.status == "closed":
            raise ValidationError(f"Problem {problem.number} is closed; record a new problem instead.", "status")
        fields = _clean(session, changes)
        changed = sorted(name for name, value in fields.items() if getattr(problem, name) != value)
        if not changed:
            return
        if problem.status == "root_cause_known" and "root_cause" in changed and not fields["root_cause"]:
            raise ValidationError("The root cause is known at this status; describe it.", "root_cause")
        for name in changed:
            setattr(problem, name, fields[name])
        problem.updated_at = utcnow()
        add_change(session, problem, actor, "updated", ", ".join(changed))
        work.audit("problem.update", "problem", problem.number, {"changed": changed})


def next_statuses(status: str) -> tuple[str, ...]:
    """The statuses a problem in ``status`` may move to with ``change_status``."""
    later = PROBLEM_STATUSES[PROBLEM_STATUSES.index(status) + 1:]
    return tuple(s for s in later if s not in OWN_STEP)


def change_status(app: AppContext, actor: Actor, number: str, status: str, *, note: str = "",
                  expected_version: int | None = None) -> None:
    """Move a problem forward to ``status`` (see the module docstring for the rules)."""
    one_of(status, PROBLEM_STATUSES, "status", "problem status")
    note = optional_text(note, "note", "note", 2000)
    if status in OWN_STEP:
        raise ValidationError(OWN_STEP[status], "status")
    with app.unit_of_work(actor, EDIT) as work:
        session = work.session
        problem = load(session, number)
        check_version(problem, expected_version, f"Problem {problem.number}")
        if status not in next_statuses(problem.status):
            raise ValidationError(f"Problem {problem.number} is {problem.status.replace('_', ' ')}; a problem only "
                                  "moves forward, so choose a later status.", "status")
        if status in NEEDS and not getattr(problem, NEEDS[status][0]):
            raise ValidationError(f"Describe the {NEEDS[status][1]} first (Edit the problem), then move it to "
                                  f"{status.replace('_', ' ')}.", NEEDS[status][0])
        old, problem.status = problem.status, status
        problem.updated_at = utcnow()
        if status == "resolved":
            problem.resolved_at = problem.updated_at
        add_change(session, problem, actor, "status", note)
        work.audit("problem.status", "problem", problem.number, {"from": old, "to": status, "note": note})


def publish_workaround(app: AppContext, actor: Actor, number: str, workaround: str, *,
                       expected_version: int | None = None) -> list[str]:
    """Record and publish the workaround (the problem becomes a known error); returns the linked incidents told.

    A problem still before ``workaround_available`` moves to it; a later one keeps its status
    (an improved workaround is published again).
    """
    workaround = required_text(workaround, "workaround", "workaround", 20_000)
    with app.unit_of_work(actor, PUBLISH) as work:
        session = work.session
        problem = load(session, number)
        check_version(problem, expected_version, f"Problem {problem.number}")
        if problem.status in DONE_PROBLEM_STATUSES:
            raise ValidationError(f"Problem {problem.number} is {problem.status}; its workaround is final.",
                                  "workaround")
        now = utcnow()
        problem.workaround, problem.workaround_published_at, problem.updated_at = workaround, now, now
        if PROBLEM_STATUSES.index(problem.status) < PROBLEM_STATUSES.index("workaround_available"):
            problem.status = "workaround_available"
        add_change(session, problem, actor, "workaround", workaround)
        incidents = linked_incidents(session, problem.id)
        work.audit("problem.workaround", "problem", problem.number, {"incidents": incidents})
        work.emit("crisis_bulletin.workaround_published", problem=problem.number, title=problem.title,
                  workaround=workaround, incidents=incidents)
    return incidents


def close_problem(app: AppContext, actor: Actor, number: str, *, note: str = "",
                  expected_version: int | None = None) -> list[str]:
    """Close a resolved problem; returns its linked incidents (the UI then offers to resolve the open ones)."""
    note = optional_text(note, "note", "note", 2000)
    with app.unit_of_work(actor, PUBLISH) as work:
        session = work.session
        problem = load(session, number)
        check_version(problem, expected_version, f"Problem {problem.number}")
        if problem.status != "resolved":
            raise ValidationError(f"Problem {problem.number} is {problem.status.replace('_', ' ')}; resolve it "
                                  "first (Change status), then close it.", "status")
        problem.status, problem.closed_at = "closed", utcnow()
        problem.updated_at = problem.closed_at
        add_change(session, problem, actor, "closed", note)
        incidents = linked_incidents(session, problem.id)
        work.audit("problem.close", "problem", problem.number, {"note": note, "incidents": incidents})
        work.emit("crisis_bulletin.problem_closed", problem=problem.number, title=problem.title, incidents=incidents)
    return incidents


# -- incident links ----------------------------------------------------------------------------
def linked_incidents(session: Session, problem_id: int) -> list[str]:
    """The numbers of the incidents linked to a problem, in the order they were linked."""
    return list(session.scalars(select(ProblemIncident.incident_number)
                                .where(ProblemIncident.problem_id == problem_id).order_by(ProblemIncident.id)))


def open_problems_choices(session: Session) -> list[tuple[str, str]]:
    """``(number, "number title")`` of every problem not yet closed, newest first (for pick lists)."""
    return [(number, f"{number} {title}") for number, title in session.execute(
        select(Problem.number, Problem.title).where(Problem.status != "closed")
        .order_by(Problem.created_at.desc(), Problem.id.desc()))]


def problems_of_incident(session: Session, incident_number: str) -> list[tuple[str, str, str]]:
    """``(number, title, status)`` of the problems an incident is linked to, newest first."""
    return [tuple(row) for row in session.execute(
        select(Problem.number, Problem.title, Problem.status)
        .join(ProblemIncident, ProblemIncident.problem_id == Problem.id)
        .where(ProblemIncident.incident_number == incident_number.strip().upper())
        .order_by(Problem.created_at.desc()))]


def incident_facts(app: AppContext, session: Session, numbers: list[str]) -> dict[str, object | None]:
    """Each incident's ``incident_summary`` when the incidents plugin is active (``None`` for an unknown one);
    an empty dict without it."""
    if not app.has_plugin("incidents"):
        return {}
    from plugins.incidents.api import incident_summary

    return {number: incident_summary(session, number) for number in numbers}


def open_linked_incidents(app: AppContext, session: Session, problem_id: int) -> list[str]:
    """The linked incidents that are still open (needs the incidents plugin; empty without it)."""
    if not app.has_plugin("incidents"):
        return []
    from plugins.incidents.api import DONE_STATUSES

    facts = incident_facts(app, session, linked_incidents(session, problem_id))
    return [number for number, summary in facts.items() if summary is not None
            and summary.status not in DONE_STATUSES]


def _incident_number(app: AppContext, session: Session, text: str) -> str:
    number = required_text(text, "incident", "incident number", 32).upper()
    facts = incident_facts(app, session, [number])
    if facts and facts[number] is None:
        raise ValidationError(f"There is no incident {number}; check the number.", "incident")
    return number


def _link(app: AppContext, session: Session, problem: Problem, actor: Actor, text: str,
          source: str = "manual") -> str:
    number = _incident_number(app, session, text)
    exists = session.scalar(select(ProblemIncident.id).where(ProblemIncident.problem_id == problem.id,
                                                             ProblemIncident.incident_number == number))
    if exists is not None:
        raise ValidationError(f"{number} is already linked to {problem.number}.", "incident")
    session.add(ProblemIncident(problem_id=problem.id, incident_number=number, linked_at=utcnow(),
                                linked_by=actor.username, source=source))
    add_change(session, problem, actor, "linked", number)
    return number


def link_incident(app: AppContext, actor: Actor, number: str, incident: str) -> str:
    """Link an incident to a problem (from either page); returns the incident number as stored."""
    with app.unit_of_work(actor, EDIT) as work:
        problem = load(work.session, number)
        if problem.status == "closed":
            raise ValidationError(f"Problem {problem.number} is closed; link the incident to an open problem.",
                                  "problem")
        linked = _link(app, work.session, problem, actor, incident)
        problem.updated_at = utcnow()
        work.audit("problem.link", "problem", problem.number, {"incident": linked})
    return linked


def unlink_incident(app: AppContext, actor: Actor, number: str, incident: str) -> None:
    """Remove the link between an incident and a problem."""
    incident = required_text(incident, "incident", "incident number", 32).upper()
    with app.unit_of_work(actor, EDIT) as work:
        session = work.session
        problem = load(session, number)
        removed = session.execute(delete(ProblemIncident).where(ProblemIncident.problem_id == problem.id,
                                                                ProblemIncident.incident_number == incident))
        if removed.rowcount == 0:
            raise ValidationError(f"{incident} is not linked to {problem.number}.", "incident")
        problem.updated_at = utcnow()
        add_change(session, problem, actor, "unlinked", incident)
        work.audit("problem.unlink", "problem", problem.number, {"incident": incident})


def resolve_linked_incidents(app: AppContext, actor: Actor, number: str) -> dict[str, str | None]:
    """Resolve the problem's open linked incidents together (incidents plugin); per incident ``None`` when it
    was resolved, else why not. The outcome is kept in the problem's timeline."""
    actor.require(PUBLISH)
    if not app.has_plugin("incidents"):
        raise ValidationError("The incidents plugin is not active here, so incidents cannot be resolved from "
                              "this console.", "incidents")
    from plugins.incidents.api import resolve_incidents

    with app.session() as session:
        problem = load(session, number)
        numbers = open_linked_incidents(app, session, problem.id)
    outcome = resolve_incidents(app, actor, numbers) if numbers else {}
    resolved = sorted(n for n, why in outcome.items() if why is None)
    with app.unit_of_work(actor, PUBLISH) as work:
        problem = load(work.session, number)
        add_change(work.session, problem, actor, "resolved_incidents", ", ".join(resolved))
        work.audit("problem.resolve_incidents", "problem", problem.number, {"outcome": outcome})
    return outcome

