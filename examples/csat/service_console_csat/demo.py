"""Demo surveys: one per incident resolved in the demo year, most answered, scores skewed happy."""

from __future__ import annotations

from datetime import timedelta

from console.api import DemoContext, bulk_insert, get_setting
from service_console_csat.models import Survey

SCORE_WEIGHTS = {5: 45, 4: 30, 3: 12, 2: 8, 1: 5}
COMMENTS = {5: ["工程师很专业，响应及时。", "Fixed on the first visit, thank you!", "非常满意"],
            4: ["处理得不错，就是等了一会儿。", "Good, but the engineer came late.", ""],
            3: ["问题解决了，但沟通不够。", "OK.", ""],
            2: ["等备件等了三天。", "Took far too long.", "需要改进"],
            1: ["问题反复出现，很不满意。", "Second visit for the same fault.", ""]}


def seed(ctx: DemoContext) -> None:
    """Surveys for the resolved incidents: three in four answered; the rest expired once their
    answer time is over (as the job would), else still waiting; the newest still pending."""
    from plugins.incidents.api import resolved_between

    delay = timedelta(hours=get_setting(ctx.app, "csat.send_after_hours"))
    answer_time = timedelta(days=get_setting(ctx.app, "csat.expire_after_days"))
    with ctx.app.session() as session:
        incidents = resolved_between(session, ctx.now - timedelta(days=400), ctx.now)
    scores, weights = list(SCORE_WEIGHTS), list(SCORE_WEIGHTS.values())
    rows = []
    for incident in incidents:
        send_at = incident.resolved_at + delay
        row = {"incident": incident.number, "customer_id": incident.customer_id, "assignee_id": incident.assignee_id,
               "resolved_at": incident.resolved_at, "send_at": send_at, "status": "pending", "sent_at": None,
               "score": None, "comment": "", "answered_at": None, "recorded_by": None}
        if send_at <= ctx.now:
            row.update(status="sent", sent_at=send_at)
            answered_at = send_at + timedelta(hours=ctx.rng.randint(1, 96))
            if ctx.rng.random() < 0.75 and answered_at <= ctx.now:
                score = ctx.rng.choices(scores, weights)[0]
                row.update(status="answered", score=score, comment=ctx.rng.choice(COMMENTS[score]),
                           answered_at=answered_at, recorded_by="clerk")
            elif ctx.now - send_at > answer_time:
                row["status"] = "expired"
        rows.append(row)
    with ctx.app.unit_of_work(ctx.actor) as work:
        bulk_insert(work.session, Survey, rows)
