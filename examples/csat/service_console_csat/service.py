"""Survey rules: open one per resolved incident, send when due, expire, record the customer's answer.

Qt-free; the page, the job, the command and the tests call these. Incident facts come from
the incidents plugin's ``api.py`` only.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, func, select, update

from console.api import Actor, AppContext, Context, NotFound, StaleEditError, ValidationError, get_setting, notify, utcnow
from service_console_csat.models import SCORES, Survey

log = logging.getLogger(__name__)
RECORD = "csat.record"
PAGE_ID = "csat.surveys"


def open_survey(app: AppContext, number: str) -> int | None:
    """Open the survey of a resolved incident (once per incident); returns its id, or None if none was opened.

    Called for ``incidents.status_changed`` events; it never raises, because a raising listener
    would fail the plugin: an unknown incident is logged and skipped.
    """
    from plugins.incidents.api import incident_summary

    with app.session() as session:
        incident = incident_summary(session, number)
        if session.scalar(select(Survey.id).where(Survey.incident == number)) is not None:
            return None
    if incident is None or incident.resolved_at is None:
        log.warning("csat: incident %s is not resolved or unknown; no survey", number)
        return None
    delay = timedelta(hours=get_setting(app, "csat.send_after_hours"))
    with app.unit_of_work(Actor.system()) as work:
        survey = Survey(incident=number, customer_id=incident.customer_id, assignee_id=incident.assignee_id,
                        resolved_at=incident.resolved_at, send_at=incident.resolved_at + delay, status="pending")
        work.session.add(survey)
        work.session.flush()
        work.audit("csat.survey_open", "survey", survey.id, {"incident": number})
    return survey.id


def send_due(context: Context, now: datetime | None = None) -> str:
    """The ``csat.send_due`` job: pending surveys whose time has come are sent; sent ones nobody
    answered within ``csat.expire_after_days`` expire. Returns a one-line summary."""
    now = now or utcnow()
    expire_before = now - timedelta(days=get_setting(context.app, "csat.expire_after_days"))
    with context.app.unit_of_work(Actor.system()) as work:
        sent = work.session.execute(update(Survey).where(Survey.status == "pending", Survey.send_at <= now)
                                    .values(status="sent", sent_at=now, version=Survey.version + 1)).rowcount
        expired = work.session.execute(update(Survey).where(Survey.status == "sent", Survey.sent_at < expire_before)
                                       .values(status="expired", version=Survey.version + 1)).rowcount
        if sent or expired:
            work.audit("csat.send_due", "survey", "*", {"sent": sent, "expired": expired})
    return f"{sent} surveys sent, {expired} expired"


def record_answer(app: AppContext, actor: Actor, survey_id: int, *, score: int, comment: str = "",
                  expected_version: int | None = None) -> None:
    """Record the customer's score (1–5) and comment; a low score notifies the incident's assignee."""
    if score not in SCORES:
        raise ValidationError("Choose a score from 1 (very unhappy) to 5 (very happy).", "score")
    comment = (comment or "").strip()
    if len(comment) > 2000:
        raise ValidationError(f"The comment is {len(comment)} characters long; shorten it to 2,000.", "comment")
    low = get_setting(app, "csat.low_score")
    with app.unit_of_work(actor, RECORD) as work:
        survey = work.session.get(Survey, survey_id)
        if survey is None:
            raise NotFound(f"There is no survey {survey_id}; reload the list.")
        if expected_version is not None and survey.version != expected_version:
            raise StaleEditError("This survey")
        if survey.status == "answered":
            raise ValidationError(f"The survey of {survey.incident} was already answered "
                                  f"({survey.score}/5); it cannot be answered twice.", "score")
        if survey.status == "expired":
            raise ValidationError(f"The survey of {survey.incident} expired without an answer; "
                                  "it is closed.", "score")
        survey.score, survey.comment, survey.status = score, comment, "answered"
        survey.answered_at, survey.recorded_by = utcnow(), actor.username
        work.audit("csat.answer", "survey", survey.id, {"incident": survey.incident, "score": score})
        if score <= low and survey.assignee_id is not None:
            notify(work.session, [survey.assignee_id], f"Low satisfaction score {score}/5 for {survey.incident}",
                   comment or "The customer gave no comment.", "warning", f"{PAGE_ID}#{survey.id}")


@dataclass(frozen=True)
class Month:
    """One month of surveys: how many went out, how many were answered, the average score."""

    month: str
    surveyed: int
    answered: int
    average: float | None

    @property
    def response_rate(self) -> float:
        """Answered ÷ surveyed (0 when none went out)."""
        return self.answered / self.surveyed if self.surveyed else 0.0


def by_month(app: AppContext, months: int = 12, now: datetime | None = None) -> list[Month]:
    """The last ``months`` months (by resolution month, UTC), oldest first, every month present."""
    now = now or utcnow()
    first = (now.replace(day=1, hour=0, minute=0, second=0, microsecond=0) - timedelta(days=31 * (months - 1))
             ).replace(day=1)
    with app.session() as session:
        rows = session.execute(select(Survey.resolved_at, Survey.status, Survey.score)
                               .where(and_(Survey.resolved_at >= first, Survey.status != "pending"))).all()
    buckets: dict[str, list] = {}
    cursor = first
    while cursor <= now:
        buckets[cursor.strftime("%Y-%m")] = []
        cursor = (cursor + timedelta(days=32)).replace(day=1)
    for resolved_at, status, score in rows:
        buckets.setdefault(resolved_at.strftime("%Y-%m"), []).append(score if status == "answered" else None)
    result = []
    for month, scores in buckets.items():
        answered = [s for s in scores if s is not None]
        result.append(Month(month, len(scores), len(answered), sum(answered) / len(answered) if answered else None))
    return result


def open_count(app: AppContext) -> int:
    """Surveys sent and waiting for an answer."""
    with app.session() as session:
        return session.scalar(select(func.count()).select_from(Survey).where(Survey.status == "sent")) or 0
