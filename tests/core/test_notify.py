"""Notifications (inside the caller's transaction, read state per user) and SMTP e-mail."""

from __future__ import annotations

import smtplib
import uuid

import pytest

from console.core import credentials, notify, settings
from console.core.errors import ConfigError, ValidationError

SMTP = {"core.smtp_host": "mail.example.com", "core.smtp_port": 587, "core.smtp_from": "console@example.com",
        "core.smtp_user": ""}


def send(app, user_ids, title, **fields) -> int:
    with app.session() as session:
        return notify.notify(session, user_ids, title, **fields)


def test_notify_queues_one_message_per_user(app, make_actor):
    alice, bob = make_actor("engineer"), make_actor("engineer")
    assert send(app, [alice.user_id, bob.user_id, alice.user_id], "P1 incident assigned to you",
                body="INC-2026-000123", severity="critical", link="incidents:123") == 2
    with app.session() as session:
        (message,) = notify.unread(session, alice.user_id)
        assert (message.title, message.body, message.severity, message.link) == (
            "P1 incident assigned to you", "INC-2026-000123", "critical", "incidents:123")
        assert message.created_at.tzinfo is not None and message.read_at is None
        assert notify.unread_count(session, bob.user_id) == 1


def test_unread_is_newest_first_and_limited(app, make_actor):
    who = make_actor("engineer")
    for n in range(5):
        send(app, [who.user_id], f"message {n}")
    with app.session() as session:
        assert [m.title for m in notify.unread(session, who.user_id, limit=3)] == [
            "message 4", "message 3", "message 2"]
        assert notify.unread_count(session, who.user_id) == 5


def test_a_rolled_back_transaction_sends_nothing(app, make_actor):
    who = make_actor("engineer")
    with pytest.raises(RuntimeError):
        with app.session() as session:
            notify.notify(session, [who.user_id], "never committed")
            raise RuntimeError("the change failed")
    with app.session() as session:
        assert notify.unread_count(session, who.user_id) == 0


def test_mark_read_touches_only_the_actors_own_messages(app, make_actor):
    alice, bob = make_actor("engineer"), make_actor("engineer")
    send(app, [alice.user_id, bob.user_id], "shared news")
    send(app, [alice.user_id], "second")
    with app.session() as session:
        alices = [m.id for m in notify.unread(session, alice.user_id)]
        bobs = [m.id for m in notify.unread(session, bob.user_id)]
    assert notify.mark_read(app, bob, alices + bobs) == 1  # bob cannot mark alice's messages
    assert notify.mark_read(app, alice, alices[:1]) == 1
    assert notify.mark_read(app, alice, alices[:1]) == 0  # already read
    assert notify.mark_read(app, alice, []) == 0
    with app.session() as session:
        assert notify.unread_count(session, alice.user_id) == 1
        assert notify.unread_count(session, bob.user_id) == 0
    assert notify.mark_all_read(app, alice) == 1
    with app.session() as session:
        assert notify.unread(session, alice.user_id) == []


@pytest.mark.parametrize("title, severity, message, field", [
    ("  ", "info", "A notification needs a title.", "title"),
    ("Hello", "urgent", "Severity 'urgent' is unknown; use one of info, warning, critical.", "severity"),
])
def test_notify_validation(app, make_actor, title, severity, message, field):
    who = make_actor("engineer")
    with pytest.raises(ValidationError, match=message) as info:
        send(app, [who.user_id], title, severity=severity)
    assert info.value.field == field


def test_notify_nobody_is_a_no_op(app):
    assert send(app, [], "nobody listens") == 0


# -- e-mail ----------------------------------------------------------------------------------
class FakeSMTP:
    """Records what the console does with an SMTP connection."""

    sent: list = []
    calls: list = []
    fail_with: Exception | None = None

    def __init__(self, host, port, timeout):
        FakeSMTP.calls.append(("connect", host, port))
        if FakeSMTP.fail_with:
            raise FakeSMTP.fail_with

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def starttls(self):
        FakeSMTP.calls.append(("starttls",))

    def login(self, user, password):
        FakeSMTP.calls.append(("login", user, password))

    def send_message(self, message):
        FakeSMTP.sent.append(message)


@pytest.fixture
def smtp(monkeypatch):
    FakeSMTP.sent, FakeSMTP.calls, FakeSMTP.fail_with = [], [], None
    monkeypatch.setattr(smtplib, "SMTP", FakeSMTP)
    return FakeSMTP


def test_no_smtp_host_sends_nothing(app, smtp):
    values = settings.values(app, "core.smtp_")
    assert values["core.smtp_host"] == "" and values["core.smtp_port"] == 25
    assert notify.send_email(values, "a@example.com", "Subject", "Body") is False
    assert smtp.calls == []


def test_send_email_without_sign_in(smtp):
    assert notify.send_email(SMTP, ["a@example.com", "b@example.com"], "工单已分派", "您好") is True
    (message,) = smtp.sent
    assert (message["From"], message["To"], message["Subject"]) == (
        "console@example.com", "a@example.com, b@example.com", "工单已分派")
    assert message.get_content().strip() == "您好"
    assert smtp.calls == [("connect", "mail.example.com", 587)]


def test_send_email_signs_in_with_the_password_from_the_keyring(smtp):
    user = f"mailer_{uuid.uuid4().hex[:6]}"
    credentials.store_password("smtp://mail.example.com:587", user, "smtp-secret")
    try:
        notify.send_email({**SMTP, "core.smtp_user": user}, "a@example.com", "S", "B")
    finally:
        credentials.forget_password("smtp://mail.example.com:587", user)
    assert smtp.calls[1:] == [("starttls",), ("login", user, "smtp-secret")]


def test_send_email_with_a_user_but_no_stored_password_says_what_to_do(smtp):
    with pytest.raises(ConfigError, match="No password is stored for the SMTP user nobody on mail.example.com"):
        notify.send_email({**SMTP, "core.smtp_user": "nobody"}, "a@example.com", "S", "B")


def test_send_email_needs_a_sender(smtp):
    with pytest.raises(ConfigError, match="the sender address is empty"):
        notify.send_email({**SMTP, "core.smtp_from": ""}, "a@example.com", "S", "B")


def test_send_email_reports_server_errors(smtp):
    smtp.fail_with = ConnectionRefusedError("connection refused")
    with pytest.raises(ConfigError, match="Could not send e-mail through mail.example.com:587: connection refused"):
        notify.send_email(SMTP, "a@example.com", "S", "B")
    smtp.fail_with = smtplib.SMTPAuthenticationError(535, b"bad credentials")
    with pytest.raises(ConfigError, match="Check the SMTP settings"):
        notify.send_email(SMTP, "a@example.com", "S", "B")


@pytest.mark.parametrize("to", ["not-an-address", [], ["ok@example.com", "bad"]])
def test_send_email_checks_recipients(smtp, to):
    with pytest.raises(ValidationError, match="give addresses like name@example.com"):
        notify.send_email(SMTP, to, "S", "B")


# -- the e-mail job ----------------------------------------------------------------------------
@pytest.fixture
def mail_on(app):
    """SMTP switched on for one test (the session database is shared: restored afterwards)."""
    from console.core.auth import Actor

    system = Actor.system()
    changed = {"core.smtp_host": "mail.example.com", "core.smtp_from": "console@example.com",
               "core.email_severity": "warning"}
    for key, value in changed.items():
        settings.set_value(app, system, key, value)
    yield
    for key in changed:
        settings.set_value(app, system, key, settings.specs(app)[key].default)


def test_the_email_job_sends_each_new_warning_once_to_users_with_an_address(app, make_actor, smtp, mail_on):
    from datetime import timedelta

    from sqlalchemy import update

    from console.core.contributions import Context
    from console.core.models import Notification

    with_mail = make_actor("engineer", email=f"wang.{uuid.uuid4().hex[:6]}@example.com")
    without = make_actor("engineer")
    send(app, [with_mail.user_id, without.user_id], "SLA 即将违约 INC-2026-000123", severity="warning",
         body="还有 30 分钟", link="incidents.list#INC-2026-000123")
    send(app, [with_mail.user_id], "FYI only", severity="info")
    send(app, [with_mail.user_id], "Old news", severity="critical")
    with app.session() as session:
        session.execute(update(Notification).where(Notification.title == "Old news")
                        .values(created_at=notify.utcnow() - timedelta(days=2)))
    context = Context(app, with_mail)
    summary = notify.email_notifications(context)
    mine = [m for m in smtp.sent if m["To"] == with_mail_address(app, with_mail)]
    assert [m["Subject"] for m in mine] == ["SLA 即将违约 INC-2026-000123"]
    assert "incidents.list#INC-2026-000123" in mine[0].get_content()
    assert "notifications e-mailed" in summary
    smtp.sent.clear()
    notify.email_notifications(context)
    assert [m for m in smtp.sent if m["To"] == with_mail_address(app, with_mail)] == []  # once only


def with_mail_address(app, actor) -> str:
    from console.core.models import User

    with app.session() as session:
        return session.get(User, actor.user_id).email


def test_a_failing_mail_server_leaves_the_notifications_for_the_next_round(app, make_actor, smtp, mail_on):
    from console.core.contributions import Context

    user = make_actor("engineer", email=f"li.{uuid.uuid4().hex[:6]}@example.com")
    send(app, [user.user_id], "Bulletin to acknowledge", severity="critical")
    smtp.fail_with = ConnectionRefusedError("connection refused")
    with pytest.raises(ConfigError, match="Could not send e-mail"):
        notify.email_notifications(Context(app, user))
    smtp.fail_with = None
    notify.email_notifications(Context(app, user))
    assert "Bulletin to acknowledge" in [m["Subject"] for m in smtp.sent]


def test_without_an_smtp_server_the_job_says_email_is_off(app, admin):
    from console.core.contributions import Context

    assert notify.email_notifications(Context(app, admin)) == "e-mail is off (no SMTP server set)"


def test_a_worker_without_a_keyring_takes_the_smtp_password_from_its_environment(smtp, monkeypatch):
    monkeypatch.setenv(notify.PASSWORD_ENV, "from-the-environment")
    notify.send_email({**SMTP, "core.smtp_user": "relay-user"}, "a@example.com", "S", "B")
    assert ("login", "relay-user", "from-the-environment") in smtp.calls
