"""The live banner: every critical bulletin the user still has to acknowledge, with an Acknowledge button.

``critical_banners`` is the ``BannerSpec.poll``: one indexed query (the user's acknowledgement
rows joined to active critical bulletins), run when the window opens, every few seconds on
SQLite and MariaDB, and at once when a publication announces the channel on PostgreSQL.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from sqlalchemy import or_, select

from console.api import Banner, Context, utcnow
from console.api.ui import display_text, tr, user_zone
from plugins.crisis_bulletin.acknowledgements import acknowledge
from plugins.crisis_bulletin.common import BULLETINS_PAGE, NAME
from plugins.crisis_bulletin.models import Acknowledgement, Bulletin

SHOWN = 3
ACKNOWLEDGE = QT_TRANSLATE_NOOP("crisis_bulletin", "Acknowledge")


def critical_banners(context: Context) -> list[Banner]:
    """A banner for each active critical bulletin the user has not acknowledged, newest first."""
    now = utcnow()
    with context.app.session() as session:
        rows = session.execute(
            select(Bulletin.id, Bulletin.number, Bulletin.title, Bulletin.ack_deadline, Bulletin.ack_revision)
            .join(Acknowledgement, Acknowledgement.bulletin_id == Bulletin.id)
            .where(Acknowledgement.user_id == context.actor.user_id, Bulletin.status == "active",
                   Bulletin.severity == "critical", Bulletin.valid_from <= now,
                   or_(Bulletin.valid_until.is_(None), Bulletin.valid_until > now),
                   or_(Acknowledgement.acknowledged_revision.is_(None),
                       Acknowledgement.acknowledged_revision < Bulletin.ack_revision))
            .order_by(Bulletin.published_at.desc()).limit(SHOWN)).all()
    zone = user_zone(context)
    banners = []
    for bulletin_id, number, title, deadline, revision in rows:
        text = tr(NAME, "Critical bulletin {number}: {title} — please acknowledge by {deadline}.").format(
            number=number, title=title, deadline=display_text(deadline, zone))
        banners.append(Banner(f"{NAME}:{bulletin_id}:{revision}", text, "critical", BULLETINS_PAGE, bulletin_id,
                              ACKNOWLEDGE, lambda c, b=bulletin_id: acknowledge(c.app, c.actor, b)))
    return banners
