"""Notifications in each recipient's own language (their ``locale``: Simplified Chinese or English).

Messages are written by services and jobs, where no UI language is known; each text is given in
both languages and every recipient gets the one they read.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.api import User, notify

LANGUAGES = ("en", "zh_CN")


def language_of(locale: str | None) -> str:
    """``zh_CN`` for a Chinese locale, else ``en``."""
    return "zh_CN" if (locale or "").startswith("zh") else "en"


def tell(session: Session, user_ids: Iterable[int | None], title: dict[str, str], body: dict[str, str],
         severity: str = "info", link: str | None = None) -> int:
    """Notify each user (inside the caller's transaction) in their language; returns how many were told."""
    wanted = sorted({u for u in user_ids if u})
    if not wanted:
        return 0
    groups: dict[str, list[int]] = {}
    for user_id, locale in session.execute(select(User.id, User.locale).where(User.id.in_(wanted))):
        groups.setdefault(language_of(locale), []).append(user_id)
    return sum(notify(session, users, title[language], body.get(language, ""), severity, link)
               for language, users in groups.items())
