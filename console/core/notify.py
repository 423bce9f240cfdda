"""Notifications for the notification centre, and optional e-mail over SMTP.

``notify`` writes inside the caller's transaction, so a message exists exactly when the change
it reports was committed. The SMTP password comes from ``console.core.credentials``.
"""

from __future__ import annotations

import os
import smtplib
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from email.message import EmailMessage
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from console.core import credentials
from console.core.auth import Actor
from console.core.context import AppContext
from console.core.contributions import Context
from console.core.db import utcnow
from console.core.errors import ConfigError, ValidationError
from console.core.models import Notification, User

SEVERITIES = ("info", "warning", "critical")
SMTP_TIMEOUT_SECONDS = 20
#: Older notifications are never e-mailed (turning e-mail on must not send a backlog).
EMAIL_WINDOW = timedelta(days=1)
#: For a worker without a system keyring: the SMTP password from its environment, never a file.
PASSWORD_ENV = "SERVICE_CONSOLE_SMTP_PASSWORD"


def notify(session: Session, user_ids: Iterable[int], title: str, body: str = "", severity: str = "info",
           link: str | None = None) -> int:
    """Queue one message per user (duplicates ignored) in the caller's transaction; returns how many."""
    return notify_all(session, [(user_ids, title, body, severity, link)])


def notify_all(session: Session, messages: Iterable[tuple[Iterable[int], str, str, str, str | None]]) -> int:
    """Queue many messages, ``(user ids, title, body, severity, link)`` each, in one statement (in the
    caller's transaction); returns how many rows were written. Checked as ``notify`` checks one."""
    now, rows = utcnow(), []
    for user_ids, title, body, severity, link in messages:
        title = (title or "").strip()
        if not title:
            raise ValidationError("A notification needs a title.", field="title")
        if severity not in SEVERITIES:
            raise ValidationError(f"Severity '{severity}' is unknown; use one of {', '.join(SEVERITIES)}.",
                                  field="severity")
        rows += [{"user_id": u, "created_at": now, "severity": severity, "title": title[:255], "body": body or "",
                  "link": link} for u in sorted({int(u) for u in user_ids if u is not None})]
    if rows:
        session.execute(insert(Notification), rows)
    return len(rows)


def unread(session: Session, user_id: int, limit: int = 50) -> list[Notification]:
    """The user's unread messages, newest first."""
    return list(session.scalars(
        select(Notification).where(Notification.user_id == user_id, Notification.read_at.is_(None))
        .order_by(Notification.id.desc()).limit(limit)))


def unread_count(session: Session, user_id: int) -> int:
    """How many unread messages the user has."""
    return session.scalar(select(func.count()).select_from(Notification)
                          .where(Notification.user_id == user_id, Notification.read_at.is_(None)))


def mark_read(app: AppContext, actor: Actor, ids: Iterable[int]) -> int:
    """Mark some of the actor's own messages read; returns how many changed."""
    ids = list(ids)
    if not ids:
        return 0
    return _mark(app, actor, Notification.id.in_(ids))


def mark_all_read(app: AppContext, actor: Actor) -> int:
    """Mark every unread message of the actor read; returns how many changed."""
    return _mark(app, actor)


def _mark(app: AppContext, actor: Actor, *conditions) -> int:
    with app.session() as session:
        result = session.execute(
            update(Notification)
            .where(Notification.user_id == actor.user_id, Notification.read_at.is_(None), *conditions)
            .values(read_at=utcnow()).execution_options(synchronize_session=False))
        return result.rowcount


def send_email(settings: Mapping[str, Any], to: str | Iterable[str], subject: str, body: str) -> bool:
    """Send a plain-text e-mail with the ``core.smtp_*`` settings; False (nothing sent) when no host is set.

    ``settings`` is e.g. ``console.core.settings.values(app, "core.smtp_")``.
    """
    host = (settings.get("core.smtp_host") or "").strip()
    if not host:
        return False
    port = int(settings.get("core.smtp_port") or 25)
    sender = (settings.get("core.smtp_from") or "").strip()
    if not sender:
        raise ConfigError("E-mail is switched on (an SMTP server is set) but the sender address is empty: "
                          "set 'Sender address' in Settings.")
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, _recipients(to), subject
    message.set_content(body)
    try:
        with smtplib.SMTP(host, port, timeout=SMTP_TIMEOUT_SECONDS) as smtp:
            _sign_in(smtp, host, port, (settings.get("core.smtp_user") or "").strip())
            smtp.send_message(message)
    except (smtplib.SMTPException, OSError) as error:
        raise ConfigError(f"Could not send e-mail through {host}:{port}: {error}. "
                          "Check the SMTP settings and that the server accepts this console.") from None
    return True


def _recipients(to: str | Iterable[str]) -> str:
    addresses = [to] if isinstance(to, str) else list(to)
    if not addresses or any("@" not in a for a in addresses):
        raise ValidationError(f"Cannot send e-mail to {addresses!r}: give addresses like name@example.com.",
                              field="to")
    return ", ".join(addresses)


def _sign_in(smtp: smtplib.SMTP, host: str, port: int, user: str) -> None:
    if not user:
        return
    password = credentials.load_password(f"smtp://{host}:{port}", user) or os.environ.get(PASSWORD_ENV)
    if password is None:
        raise ConfigError(f"No password is stored for the SMTP user {user} on {host}: enter it in Settings "
                          f"(it goes to the system keyring), or on a machine without one set {PASSWORD_ENV} "
                          "in the environment of `service-console worker`.")
    smtp.starttls()
    smtp.login(user, password)


def email_notifications(context: Context, now: datetime | None = None) -> str:
    """The ``core.email_notifications`` job: e-mail the day's new notifications of at least the
    ``core.email_severity`` severity to users who have an address, once each.

    Off while no SMTP server is set. A notification is marked as handled when it was sent or its
    user has no address; a failing server leaves the rest for the next round.
    """
    from console.core import settings

    smtp = settings.values(context.app, "core.")
    if not (smtp.get("core.smtp_host") or "").strip():
        return "e-mail is off (no SMTP server set)"
    now = now or utcnow()
    wanted = SEVERITIES[SEVERITIES.index(smtp["core.email_severity"]):]
    with context.app.session() as session:
        rows = session.execute(
            select(Notification.id, Notification.title, Notification.body, Notification.link, User.email)
            .join(User, User.id == Notification.user_id)
            .where(Notification.emailed_at.is_(None), Notification.created_at >= now - EMAIL_WINDOW,
                   Notification.severity.in_(wanted)).order_by(Notification.id).limit(500)).all()
    handled, sent = [], 0
    try:
        for row in rows:
            if row.email and "@" in row.email:
                footer = f"\n\n(Service Console: {row.link})" if row.link else ""
                send_email(smtp, row.email, row.title, (row.body or "") + footer)
                sent += 1
            handled.append(row.id)
    finally:
        if handled:
            with context.app.session() as session:
                session.execute(update(Notification).where(Notification.id.in_(handled)).values(emailed_at=now))
    return f"{sent} notifications e-mailed, {len(handled) - sent} without an address"
