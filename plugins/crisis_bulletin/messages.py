"""Notification texts in each recipient's own language and time zone.

Notifications are stored as text when they are sent, so they are written in the language of the
user who will read them (``User.locale``); instants are shown in that user's time zone. The
console's ``.ts`` catalogue needs Qt, which services do not import; hence this small catalogue.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.api import User, notify

TEXTS: dict[str, dict[str, str]] = {
    "published": {"en": "New {severity} bulletin {number}: {title}",
                  "zh_CN": "新{severity}通告 {number}：{title}"},
    "published_body": {"en": "Please read it and acknowledge it by {deadline}.",
                       "zh_CN": "请阅读并于 {deadline} 前确认。"},
    "updated": {"en": "Bulletin {number} was updated: {title}", "zh_CN": "通告 {number} 已更新：{title}"},
    "updated_ack": {"en": "{note}\nPlease acknowledge the new version by {deadline}.",
                    "zh_CN": "{note}\n请于 {deadline} 前确认新版本。"},
    "updated_info": {"en": "{note}\nYour earlier acknowledgement still counts.",
                     "zh_CN": "{note}\n您之前的确认仍然有效。"},
    "withdrawn": {"en": "Bulletin {number} was withdrawn: {title}", "zh_CN": "通告 {number} 已撤回：{title}"},
    "due": {"en": "Reminder: acknowledge bulletin {number} by {deadline}",
            "zh_CN": "提醒：请于 {deadline} 前确认通告 {number}"},
    "overdue": {"en": "Overdue: bulletin {number} is still not acknowledged",
                "zh_CN": "已逾期：通告 {number} 仍未确认"},
    "reminder_body": {"en": "{title}\nOpen the bulletin and press Acknowledge.",
                      "zh_CN": "{title}\n请打开通告并点击“确认”。"},
    "escalated": {"en": "{count} of your team have not acknowledged bulletin {number}",
                  "zh_CN": "您团队中有 {count} 人尚未确认通告 {number}"},
    "escalated_body": {"en": "{title}\nDeadline: {deadline}\nNot acknowledged: {names}",
                       "zh_CN": "{title}\n确认期限：{deadline}\n未确认：{names}"},
    "spike": {"en": "Spike: {count} incidents on {value} within {minutes} min",
              "zh_CN": "事件激增：{minutes} 分钟内 {value} 出现 {count} 起事件"},
    "spike_body": {"en": "Problem {problem} and a draft bulletin were proposed. Review the problem, then publish "
                         "the bulletin or resolve the problem.",
                   "zh_CN": "系统已建议问题 {problem} 及一份通告草稿。请核实问题后发布通告，或将问题解决。"},
}
SEVERITY = {"en": {"critical": "critical", "major": "major", "minor": "minor"},
            "zh_CN": {"critical": "严重", "major": "重要", "minor": "一般"}}
NO_DEADLINE = {"en": "no deadline", "zh_CN": "无期限"}


def language(locale: str | None) -> str:
    """``zh_CN`` for Chinese-speaking users, ``en`` for everyone else."""
    return "zh_CN" if (locale or "").startswith("zh") else "en"


def text(locale: str, key: str, **values) -> str:
    """The message ``key`` in ``locale``'s language with ``values`` filled in."""
    return TEXTS[key][language(locale)].format(**values)


def severity(locale: str, code: str) -> str:
    """A severity's name in ``locale``'s language."""
    return SEVERITY[language(locale)].get(code, code)


def when(instant: datetime | None, zone: str, locale: str) -> str:
    """An instant to the minute in the time zone ``zone`` (``Asia/Shanghai``); a fallback text for none."""
    if instant is None:
        return NO_DEADLINE[language(locale)]
    try:
        tz = ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        tz = ZoneInfo("UTC")
    return f"{instant.astimezone(tz):%Y-%m-%d %H:%M}"


def send(session: Session, user_ids: Iterable[int], compose, severity_code: str = "info",
         link: str | None = None) -> int:
    """Notify each user with ``compose(locale, zone) -> (title, body)`` in their language; returns how many."""
    user_ids = sorted(set(user_ids))
    if not user_ids:
        return 0
    by_reader: dict[tuple[str, str], list[int]] = defaultdict(list)
    for user_id, locale, zone in session.execute(select(User.id, User.locale, User.timezone)
                                                 .where(User.id.in_(user_ids))):
        by_reader[language(locale), zone].append(user_id)
    sent = 0
    for (locale, zone), ids in sorted(by_reader.items()):
        title, body = compose(locale, zone)
        sent += notify(session, ids, title, body, severity_code, link)
    return sent
