"""Spike detection: at least N incidents within M minutes on one asset model, product or category
proposes a problem and a draft bulletin to the team leads (N = ``spike_count``, M = ``spike_minutes``).

Each ``incidents.incident_created`` event becomes a signal (``record_incident``); the spike job
(``detect_spikes``) looks at the signals it has not checked yet together with their neighbours
in time. A window of M minutes holding N incidents that no problem explains yet, one of them new,
is a spike. The most specific dimension wins: incidents already counted in a spike (or linked to
any problem) are not counted again, so one burst on one model is proposed once, not also as a
burst on its product and category. Incidents that keep arriving within M minutes of a spike's
last one join that spike (and its problem) instead of proposing another.
"""

from __future__ import annotations

import logging
from collections import Counter
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from console.api import Actor, AppContext, DomainEvent, User, get_setting, utcnow
from plugins.crisis_bulletin.audience import users_with_roles
from plugins.crisis_bulletin.common import PROBLEMS_PAGE, PUBLISH, link
from plugins.crisis_bulletin.messages import send, text
from plugins.crisis_bulletin.models import (
    SPIKE_DIMENSIONS,
    Audience,
    Bulletin,
    IncidentSignal,
    Problem,
    ProblemIncident,
    Spike,
)
from plugins.crisis_bulletin.numbering import PROBLEM, next_number
from plugins.crisis_bulletin.problems import add_change

log = logging.getLogger(__name__)
BATCH = 5_000
DIMENSION_NAMES = {"asset_model": "设备型号 asset model", "product": "产品 product", "category": "类别 category"}


def record_incident(app: AppContext, event: DomainEvent) -> bool:
    """Keep an ``incidents.incident_created`` event as a signal; False when it is incomplete or seen before."""
    payload = event.payload
    number, category = payload.get("number"), payload.get("category")
    if not number or not category:
        log.info("incident event without number or category ignored: %s", dict(payload))
        return False
    try:
        at = datetime.fromisoformat(payload["opened_at"])
    except (KeyError, TypeError, ValueError):  # missing or malformed: when the event was published
        at = event.at or utcnow()
    if at.tzinfo is None:
        at = at.replace(tzinfo=timezone.utc)
    try:
        with app.unit_of_work(Actor.system()) as work:
            if work.session.scalar(select(IncidentSignal.id).where(IncidentSignal.incident_ref == number)):
                return False
            work.session.add(IncidentSignal(incident_ref=number, category=category[:64],
                                            product=(payload.get("product") or None),
                                            asset_model=(payload.get("asset_model") or None), at=at))
    except IntegrityError:  # the same event delivered twice at once
        return False
    return True


def detect_spikes(app: AppContext, now: datetime | None = None) -> list[str]:
    """Look at the unchecked signals; propose a problem (and draft bulletin) per new spike. Returns their numbers."""
    needed = get_setting(app, "crisis_bulletin.spike_count")
    window = timedelta(minutes=get_setting(app, "crisis_bulletin.spike_minutes"))
    zone = ZoneInfo(get_setting(app, "core.default_timezone"))
    now = now or utcnow()
    proposed: list[str] = []
    with app.unit_of_work(Actor.system(), PUBLISH) as work:
        session = work.session
        # Locked: a second runner (the command beside the worker, say) waits, then finds them checked.
        fresh = session.scalars(select(IncidentSignal).where(IncidentSignal.checked.is_(False))
                                .order_by(IncidentSignal.at, IncidentSignal.id).limit(BATCH).with_for_update()).all()
        if not fresh:
            return []
        fresh_ids = {signal.id for signal in fresh}
        claimed: set[str] = set()
        for dimension in SPIKE_DIMENSIONS:
            column = getattr(IncidentSignal, dimension)
            for key in sorted({getattr(s, dimension) for s in fresh if getattr(s, dimension)}):
                times = [s.at for s in fresh if getattr(s, dimension) == key]
                rows = session.scalars(select(IncidentSignal).where(
                    column == key, IncidentSignal.at >= min(times) - window, IncidentSignal.at <= max(times) + window)
                    .order_by(IncidentSignal.at, IncidentSignal.id)).all()
                claimed |= set(session.scalars(select(ProblemIncident.incident_number).where(
                    ProblemIncident.incident_number.in_([r.incident_ref for r in rows]))))
                proposed += _walk(session, dimension, key, rows, fresh_ids, claimed, needed, window,
                                  lambda members, d=dimension, k=key: _propose(work, d, k, members, window, now, zone))
        session.execute(update(IncidentSignal).where(IncidentSignal.id.in_(fresh_ids)).values(checked=True)
                        .execution_options(synchronize_session=False))
    return proposed


def _walk(session: Session, dimension: str, key: str, rows: list[IncidentSignal], fresh_ids: set[int],
          claimed: set[str], needed: int, window: timedelta, propose) -> list[str]:
    """Walk one key's signals in time order: extend the running spike, or ``propose(members) -> Spike`` a new one.

    ``claimed`` grows with every incident counted, so no incident is counted twice. Returns the
    numbers of the problems proposed.
    """
    spike = session.scalar(select(Spike).where(Spike.dimension == dimension, Spike.value == key)
                           .order_by(Spike.last_at.desc()).limit(1))
    proposed = []
    for index, row in enumerate(rows):
        if row.incident_ref in claimed:
            continue
        if spike is not None and spike.first_at <= row.at and row.at - spike.last_at <= window:
            _join(session, spike, row)
            claimed.add(row.incident_ref)
            continue
        members = [r for r in rows[:index + 1] if r.incident_ref not in claimed and row.at - r.at <= window]
        if len(members) >= needed and any(r.id in fresh_ids for r in members):
            claimed.update(r.incident_ref for r in members)
            spike = propose(members)
            proposed.append(spike.problem.number)
    return proposed


def _join(session: Session, spike: Spike, signal: IncidentSignal) -> None:
    """A late incident of a running spike: link it to the spike's problem."""
    session.add(ProblemIncident(problem_id=spike.problem_id, incident_number=signal.incident_ref,
                                linked_at=utcnow(), linked_by="system", source="spike"))
    spike.incidents += 1
    spike.last_at = max(spike.last_at, signal.at)


def _propose(work, dimension: str, key: str, members: list[IncidentSignal], window: timedelta, now: datetime,
             zone: ZoneInfo) -> Spike:
    """Record the problem, the draft bulletin and the spike; tell the team leads."""
    session = work.session
    count, minutes = len(members), int(window.total_seconds() // 60)
    category = Counter(m.category for m in members).most_common(1)[0][0]
    products = Counter(m.product for m in members if m.product).most_common(1)
    title = f"{key}：{minutes} 分钟内 {count} 起事件 / {count} incidents on {key} within {minutes} min"[:255]
    problem = Problem(number=next_number(session, PROBLEM, now), title=title, status="identified", urgency="high",
                      category=category, products=products[0][0] if products else "",
                      models=key if dimension == "asset_model" else "", source="spike", created_at=now,
                      updated_at=now, created_by="system")
    session.add(problem)
    session.flush()
    refs = [m.incident_ref for m in members]
    session.add_all(ProblemIncident(problem_id=problem.id, incident_number=ref, linked_at=now, linked_by="system",
                                    source="spike") for ref in refs)
    add_change(session, problem, Actor.system(), "created",
               f"Spike: {count} incidents on {DIMENSION_NAMES[dimension]} {key}")
    first, last = members[0].at, members[-1].at
    bulletin = Bulletin(title=f"故障通告（草稿）：{key} / Draft: incidents on {key}"[:255], severity="major",
                        body=_draft_body(dimension, key, refs, first, last, zone), status="draft", problem=problem,
                        source="spike", created_at=now, created_by="system", updated_at=now)
    session.add(bulletin)
    session.flush()
    session.add(Audience(bulletin_id=bulletin.id, kind="everyone", value=""))
    spike = Spike(dimension=dimension, value=key, first_at=first, last_at=last, incidents=count, detected_at=now,
                  problem=problem, bulletin_id=bulletin.id)
    session.add(spike)
    leads = session.scalars(select(User.id).where(User.is_active.is_(True), User.partner_code.is_(None),
                                                  users_with_roles(["team_lead"]))).all()
    send(session, leads, lambda locale, _zone: (
        text(locale, "spike", count=count, value=key, minutes=minutes),
        text(locale, "spike_body", problem=problem.number)), "warning", link(PROBLEMS_PAGE, problem.number))
    work.audit("problem.spike", "problem", problem.number, {"dimension": dimension, "value": key, "incidents": refs})
    work.emit("crisis_bulletin.spike_detected", problem=problem.number, dimension=dimension, value=key,
              incidents=refs)
    return spike


def _draft_body(dimension: str, key: str, refs: list[str], first: datetime, last: datetime, zone: ZoneInfo) -> str:
    """The draft bulletin's Markdown: what was seen, and what the lead must add before publishing."""
    span = f"{first.astimezone(zone):%Y-%m-%d %H:%M} – {last.astimezone(zone):%H:%M}"
    return (f"## 情况 What happened\n\n{span}（{zone.key}）期间，{DIMENSION_NAMES[dimension]} **{key}** "
            f"共报修 **{len(refs)}** 起事件。\n\n"
            f"Between {span} ({zone.key}) **{len(refs)} incidents** were reported on "
            f"{DIMENSION_NAMES[dimension].split(' ', 1)[1]} **{key}**.\n\n"
            f"事件 Incidents: {', '.join(refs)}\n\n"
            "## 影响与临时措施 Impact and workaround\n\n"
            "*请在发布前补充影响范围、临时措施和下一次更新时间。*\n\n"
            "*Describe who is affected, what to do meanwhile and when the next update follows, then publish.*\n")
