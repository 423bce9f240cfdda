"""The csat example plugin: contract, the reaction to a resolved incident, the job, answers, the page,
the command and the demo data — on whichever backend SERVICE_CONSOLE_TEST_DB names."""

from __future__ import annotations

import subprocess
import sys
import uuid
from datetime import timedelta

import pytest

from console.api import PermissionDenied, StaleEditError, ValidationError, utcnow
from console.api import Context
from console.testing import PluginContract
from service_console_csat import PAGE_ID, service
from service_console_csat.models import Survey


class TestContract(PluginContract):
    """The whole plugin contract, as any in-house plugin should run it."""

    plugin = "csat"


@pytest.fixture
def resolved(app, make_actor):
    """An incident taken through to resolved by an engineer; returns (number, engineer)."""
    from console.core import directory
    from plugins.incidents import service as incidents

    engineer = make_actor("engineer", "back_office")
    customer = directory.create_customer(app, engineer, code=f"CS-{uuid.uuid4().hex[:8]}", name="华东电网 East Grid")
    number = incidents.create_incident(app, engineer, title="UPS 告警 UPS alarm", customer_id=customer,
                                       category="服务器 Server", assignee_id=engineer.user_id)
    incidents.change_status(app, engineer, number, "in_progress")
    incidents.change_status(app, engineer, number, "resolved")
    return number, engineer


def survey_of(app, number) -> Survey:
    from sqlalchemy import select

    with app.session() as session:
        return session.scalar(select(Survey).where(Survey.incident == number))


def test_resolving_an_incident_opens_one_survey(app, resolved):
    number, engineer = resolved
    survey = survey_of(app, number)
    assert survey.status == "pending" and survey.assignee_id == engineer.user_id
    assert survey.send_at - survey.resolved_at == timedelta(hours=24)
    assert service.open_survey(app, number) is None  # once per incident
    assert service.open_survey(app, "INC-1999-000001") is None  # unknown: skipped, never raised


def test_the_job_sends_due_surveys_and_expires_unanswered_ones(app, admin, resolved):
    number, _engineer = resolved
    context = Context(app, admin)
    survey = survey_of(app, number)
    service.send_due(context, now=survey.send_at - timedelta(minutes=1))
    assert survey_of(app, number).status == "pending"
    summary = service.send_due(context, now=survey.send_at)
    assert "sent" in summary and survey_of(app, number).status == "sent"
    service.send_due(context, now=survey.send_at + timedelta(days=15))
    assert survey_of(app, number).status == "expired"
    with pytest.raises(ValidationError, match="expired without an answer"):
        service.record_answer(app, admin, survey_of(app, number).id, score=4)


def test_an_answer_is_recorded_once_and_a_low_score_tells_the_engineer(app, make_actor, resolved):
    from console.core import notify

    number, engineer = resolved
    clerk = make_actor("back_office")
    survey = survey_of(app, number)
    with pytest.raises(ValidationError, match="from 1"):
        service.record_answer(app, clerk, survey.id, score=0)
    with pytest.raises(PermissionDenied):
        service.record_answer(app, make_actor("engineer"), survey.id, score=5)
    with pytest.raises(StaleEditError):
        service.record_answer(app, clerk, survey.id, score=2, expected_version=survey.version + 1)
    service.record_answer(app, clerk, survey.id, score=2, comment="等备件等了三天", expected_version=survey.version)
    answered = survey_of(app, number)
    assert (answered.status, answered.score, answered.recorded_by) == ("answered", 2, clerk.username)
    with app.session() as session:
        titles = [n.title for n in notify.unread(session, engineer.user_id)]
    assert f"Low satisfaction score 2/5 for {number}" in titles
    with pytest.raises(ValidationError, match="already answered"):
        service.record_answer(app, clerk, survey.id, score=5)


def test_monthly_figures_and_the_command(app, database_url, resolved):
    number, _engineer = resolved
    month = service.by_month(app)[-1]
    assert month.month == utcnow().strftime("%Y-%m")
    report = subprocess.run([sys.executable, "-m", "console", "csat-report", "--months", "3", "--db", database_url],
                            capture_output=True, text=True)
    assert report.returncode == 0, report.stderr
    assert report.stdout.splitlines()[0].split() == ["month", "surveyed", "answered", "rate", "score"]


def test_the_page_lists_surveys_in_the_shell(console_window, qtbot, resolved):
    console_window.open_page(PAGE_ID)
    page = console_window.page_widget(PAGE_ID)
    page.filter_boxes[0].setCurrentIndex(2)  # all surveys
    qtbot.waitUntil(lambda: not page.loading() and (page.model.total() or 0) >= 1, timeout=15_000)
    assert page.count_label.text().endswith("surveys")


def test_demo_data_has_answered_surveys(fresh_database_url):
    from console.core import demo
    from console.core.bootstrap import open_app
    from console.testing import upgrade_database

    upgrade_database(fresh_database_url)
    app, _ = open_app(fresh_database_url)
    try:
        counts = demo.seed(app, "tiny")
        assert counts.get("csat_survey", 0) > 0
        months = service.by_month(app)
        assert sum(m.answered for m in months) > 0 and all(1 <= m.average <= 5 for m in months if m.average)
    finally:
        app.engine.dispose()
