"""Notification texts, written in the recipient's language (``User.locale``).

Notifications are stored rows that background jobs write without Qt, so their texts cannot go
through ``tr``; this is the one place they are kept, in English and Simplified Chinese.
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "approved.title": {"en": "Timesheet {period} approved",
                       "zh_CN": "工时单 {period} 已批准"},
    "approved.body": {"en": "{reviewer} approved your timesheet {period}. {comment}",
                      "zh_CN": "{reviewer} 批准了您的工时单 {period}。{comment}"},
    "rejected.title": {"en": "Timesheet {period} rejected",
                       "zh_CN": "工时单 {period} 被退回"},
    "rejected.body": {"en": "{reviewer} rejected your timesheet {period}: {comment} Correct it and submit it again.",
                      "zh_CN": "{reviewer} 退回了您的工时单 {period}：{comment} 请修改后重新提交。"},
    "adjustment_approved.title": {"en": "Adjustment approved", "zh_CN": "调整申请已批准"},
    "adjustment_rejected.title": {"en": "Adjustment rejected", "zh_CN": "调整申请被驳回"},
    "adjustment.body": {"en": "{reviewer} decided on your adjustment to {period}: {comment}",
                        "zh_CN": "{reviewer} 已处理您对 {period} 的调整申请：{comment}"},
    "missing.title": {"en": "Timesheet {period} not submitted",
                      "zh_CN": "工时单 {period} 尚未提交"},
    "missing.body": {"en": "Your timesheet {period} was due {due}. Record your time and submit it in "
                           "Work hours → My week.",
                     "zh_CN": "您的工时单 {period} 应于 {due} 前提交。请在“工时管理 → 我的一周”中补录并提交。"},
    "review.title": {"en": "{count} timesheets wait for your review",
                     "zh_CN": "{count} 份工时单等待您审核"},
    "review.body": {"en": "Submitted for {period} and waiting more than {days} days: {people}.",
                    "zh_CN": "{period} 提交、已等待超过 {days} 天：{people}。"},
}


def text(key: str, locale: str | None, **values: object) -> str:
    """The text ``key`` in ``locale`` (English when that language is not kept), filled with ``values``."""
    forms = TEXTS[key]
    return forms.get(locale or "en", forms["en"]).format(**values).strip()
