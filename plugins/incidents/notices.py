"""Notifications in each recipient's own language (their ``locale``: Simplified Chinese or English).

Messages are written by services and jobs, where no UI language is known; each text is given in
both languages and every recipient gets the one they read.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.api import User, notify_all

LANGUAGES = ("en", "zh_CN")


def language_of(locale: str | None) -> str:
    """``zh_CN`` for a Chinese locale, else ``en``."""
    return "zh_CN" if (locale or "").startswith("zh") else "en"


class Letters:
    """Notifications gathered over a batch of changes (a sweep's thousands of firings) and written at once
    by ``post``, each recipient's language read once."""

    def __init__(self, session: Session):
        self.session = session
        self.messages: list[tuple[list[int], str, str, str, str | None]] = []
        self.languages: dict[int, str | None] = {}

    def add(self, user_ids: Iterable[int | None], title: dict[str, str], body: dict[str, str],
            severity: str = "info", link: str | None = None) -> int:
        """Queue the message for each user (an unknown id is skipped) in their language; returns how many."""
        wanted = sorted({u for u in user_ids if u})
        unread = [u for u in wanted if u not in self.languages]
        if unread:
            self.languages.update(dict.fromkeys(unread))
            for user_id, locale in self.session.execute(select(User.id, User.locale).where(User.id.in_(unread))):
                self.languages[user_id] = language_of(locale)
        groups: dict[str, list[int]] = {}
        for user_id in wanted:
            if self.languages[user_id] is not None:
                groups.setdefault(self.languages[user_id], []).append(user_id)
        self.messages += [(users, title[language], body.get(language, ""), severity, link)
                          for language, users in groups.items()]
        return sum(len(users) for users in groups.values())

    def post(self) -> int:
        """Write the queued messages (inside the caller's transaction); returns how many were written."""
        written = notify_all(self.session, self.messages)
        self.messages = []
        return written


def tell(session: Session, user_ids: Iterable[int | None], title: dict[str, str], body: dict[str, str],
         severity: str = "info", link: str | None = None) -> int:
    """Notify each user (inside the caller's transaction) in their language; returns how many were told."""
    letters = Letters(session)
    letters.add(user_ids, title, body, severity, link)
    return letters.post()
