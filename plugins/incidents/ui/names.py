"""What stored codes are called on screen (translatable), and small helpers to show them."""

from __future__ import annotations

import re
from datetime import timedelta

from PySide6.QtCore import QT_TRANSLATE_NOOP

from console.api.ui import tr

NAME = "incidents"

STATUS = {
    "new": QT_TRANSLATE_NOOP("incidents", "New"), "assigned": QT_TRANSLATE_NOOP("incidents", "Assigned"),
    "in_progress": QT_TRANSLATE_NOOP("incidents", "In progress"), "pending": QT_TRANSLATE_NOOP("incidents", "Pending"),
    "resolved": QT_TRANSLATE_NOOP("incidents", "Resolved"), "reopened": QT_TRANSLATE_NOOP("incidents", "Reopened"),
    "closed": QT_TRANSLATE_NOOP("incidents", "Closed"),
}
REASON = {"waiting_customer": QT_TRANSLATE_NOOP("incidents", "Waiting for customer"),
          "waiting_parts": QT_TRANSLATE_NOOP("incidents", "Waiting for parts"),
          "waiting_vendor": QT_TRANSLATE_NOOP("incidents", "Waiting for vendor/partner"),
          "customer_delay": QT_TRANSLATE_NOOP("incidents", "Customer requested delay")}
CHANNEL = {"phone": QT_TRANSLATE_NOOP("incidents", "Phone"), "email": QT_TRANSLATE_NOOP("incidents", "E-mail"),
           "portal": QT_TRANSLATE_NOOP("incidents", "Portal"), "walk_in": QT_TRANSLATE_NOOP("incidents", "Walk-in")}
LEVEL = {"high": QT_TRANSLATE_NOOP("incidents", "High"), "medium": QT_TRANSLATE_NOOP("incidents", "Medium"),
         "low": QT_TRANSLATE_NOOP("incidents", "Low")}
WORK_ORDER_KIND = {"onsite_visit": QT_TRANSLATE_NOOP("incidents", "On-site visit"),
                   "group_support": QT_TRANSLATE_NOOP("incidents", "Group support"),
                   "partner_dispatch": QT_TRANSLATE_NOOP("incidents", "Partner dispatch")}
WORK_ORDER_STATUS = {
    "open": QT_TRANSLATE_NOOP("incidents", "Open"), "assigned": QT_TRANSLATE_NOOP("incidents", "Assigned"),
    "dispatched": QT_TRANSLATE_NOOP("incidents", "Dispatched"), "in_progress": QT_TRANSLATE_NOOP("incidents", "In progress"),
    "on_site": QT_TRANSLATE_NOOP("incidents", "On site"), "pending": QT_TRANSLATE_NOOP("incidents", "Pending"),
    "done": QT_TRANSLATE_NOOP("incidents", "Done"), "cancelled": QT_TRANSLATE_NOOP("incidents", "Cancelled"),
}
SLA_KIND = {"sla": QT_TRANSLATE_NOOP("incidents", "SLA (customer)"), "ola": QT_TRANSLATE_NOOP("incidents", "OLA (team)"),
            "uc": QT_TRANSLATE_NOOP("incidents", "Underpinning contract (partner)")}
SCOPE = {"incident": QT_TRANSLATE_NOOP("incidents", "Incident"),
         "work_order": QT_TRANSLATE_NOOP("incidents", "Work order")}
METRIC = {"response": QT_TRANSLATE_NOOP("incidents", "Response"), "onsite": QT_TRANSLATE_NOOP("incidents", "On-site"),
          "restore": QT_TRANSLATE_NOOP("incidents", "Restore"), "resolve": QT_TRANSLATE_NOOP("incidents", "Resolve")}
EVENT = {
    "created": QT_TRANSLATE_NOOP("incidents", "opened"), "assigned": QT_TRANSLATE_NOOP("incidents", "assigned"),
    "in_progress": QT_TRANSLATE_NOOP("incidents", "work started"),
    "dispatched": QT_TRANSLATE_NOOP("incidents", "dispatched"),
    "arrived": QT_TRANSLATE_NOOP("incidents", "engineer on site"),
    "on_site": QT_TRANSLATE_NOOP("incidents", "engineer on site"),
    "restored": QT_TRANSLATE_NOOP("incidents", "service restored"),
    "resolved": QT_TRANSLATE_NOOP("incidents", "resolved"), "closed": QT_TRANSLATE_NOOP("incidents", "closed"),
    "done": QT_TRANSLATE_NOOP("incidents", "work order done"),
}
CLOCK_STATE = {
    "not_started": QT_TRANSLATE_NOOP("incidents", "Not started"), "running": QT_TRANSLATE_NOOP("incidents", "Running"),
    "paused": QT_TRANSLATE_NOOP("incidents", "Paused"), "met": QT_TRANSLATE_NOOP("incidents", "Met"),
    "breached": QT_TRANSLATE_NOOP("incidents", "Breached"),
    "cancelled": QT_TRANSLATE_NOOP("incidents", "Not applicable"),
    "no_target": QT_TRANSLATE_NOOP("incidents", "Target to agree"),
}
ARTICLE_STATUS = {"draft": QT_TRANSLATE_NOOP("incidents", "Draft"),
                  "in_review": QT_TRANSLATE_NOOP("incidents", "In review"),
                  "published": QT_TRANSLATE_NOOP("incidents", "Published"),
                  "retired": QT_TRANSLATE_NOOP("incidents", "Retired")}
VISIBILITY = {"internal": QT_TRANSLATE_NOOP("incidents", "Internal"),
              "customer": QT_TRANSLATE_NOOP("incidents", "Customer-visible")}
ACTION = {"notify": QT_TRANSLATE_NOOP("incidents", "Notify"),
          "reassign": QT_TRANSLATE_NOOP("incidents", "Reassign to a group"),
          "raise_priority": QT_TRANSLATE_NOOP("incidents", "Raise priority")}
NOTIFY_TARGET = {"assignee": QT_TRANSLATE_NOOP("incidents", "the assignee"),
                 "group_lead": QT_TRANSLATE_NOOP("incidents", "the group lead"),
                 "manager": QT_TRANSLATE_NOOP("incidents", "the assignee's manager"),
                 "role": QT_TRANSLATE_NOOP("incidents", "everyone with a role")}
TRIGGER = {"share": QT_TRANSLATE_NOOP("incidents", "Share of the target (%)"),
           "offset": QT_TRANSLATE_NOOP("incidents", "Offset (minutes of counted time)")}
MILESTONE = {"dispatched": QT_TRANSLATE_NOOP("incidents", "Dispatched"),
             "arrived": QT_TRANSLATE_NOOP("incidents", "Engineer on site"),
             "restored": QT_TRANSLATE_NOOP("incidents", "Service restored")}
FIELD = {"title": QT_TRANSLATE_NOOP("incidents", "Title"), "description": QT_TRANSLATE_NOOP("incidents", "Description"),
         "resolution": QT_TRANSLATE_NOOP("incidents", "Resolution"), "channel": QT_TRANSLATE_NOOP("incidents", "Channel"),
         "caller_name": QT_TRANSLATE_NOOP("incidents", "Caller"),
         "caller_phone": QT_TRANSLATE_NOOP("incidents", "Caller phone"),
         "category_id": QT_TRANSLATE_NOOP("incidents", "Category"), "site_id": QT_TRANSLATE_NOOP("incidents", "Site"),
         "asset_id": QT_TRANSLATE_NOOP("incidents", "Asset"), "impact": QT_TRANSLATE_NOOP("incidents", "Impact"),
         "urgency": QT_TRANSLATE_NOOP("incidents", "Urgency"), "priority": QT_TRANSLATE_NOOP("incidents", "Priority"),
         "assignee_id": QT_TRANSLATE_NOOP("incidents", "Assignee"), "group_id": QT_TRANSLATE_NOOP("incidents", "Group"),
         "onsite_agreed_minutes": QT_TRANSLATE_NOOP("incidents", "Agreed on-site target")}
#: Contract service levels as the demo and most customers name them (others are shown as stored).
SERVICE_LEVEL = {"gold": QT_TRANSLATE_NOOP("incidents", "Gold"), "silver": QT_TRANSLATE_NOOP("incidents", "Silver"),
                 "basic": QT_TRANSLATE_NOOP("incidents", "Basic")}
#: The actors the services write for work nobody did by hand.
SYSTEM_ACTORS = {"escalation": QT_TRANSLATE_NOOP("incidents", "Escalation ladder"),
                 "auto-close": QT_TRANSLATE_NOOP("incidents", "Auto-close"),
                 "partners": QT_TRANSLATE_NOOP("incidents", "Partner (service order)"),
                 "system": QT_TRANSLATE_NOOP("incidents", "System")}
PRIORITY_COLOURS = {"P1": "#b3261e", "P2": "#c25a00", "P3": "#8a6d00", "P4": "#5f6b7a"}
STATE_COLOURS = {"breached": "#b3261e", "running": "#2f6db5", "paused": "#c25a00", "met": "#3a7d44",
                 "no_target": "#8a6d00"}


def named(names: dict[str, str]):
    """A cell format that shows a stored code by its translated name."""
    return lambda value: tr(NAME, names.get(value, value)) if value else ""


def name(names: dict[str, str], value: str | None) -> str:
    """The translated name of a code ('' for none)."""
    return tr(NAME, names.get(value, value)) if value else ""


def choices(names: dict[str, str], codes=None) -> list[tuple[str, str]]:
    """``(code, untranslated label)`` pairs for a FormDialog choice field (it translates the labels)."""
    return [(code, names[code]) for code in (codes or names)]


def duration(value: timedelta | int | None) -> str:
    """``3 h 20 min`` (a timedelta, or minutes)."""
    if value is None:
        return ""
    minutes = int((value.total_seconds() if isinstance(value, timedelta) else value * 60) // 60)
    sign, minutes = ("−" if minutes < 0 else ""), abs(minutes)
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return sign + tr(NAME, "{hours} h {minutes} min").format(hours=hours, minutes=rest)
    if hours:
        return sign + tr(NAME, "{hours} h").format(hours=hours)
    return sign + tr(NAME, "{minutes} min").format(minutes=rest)


#: The sentences services store in English (core's entitlement reasons, escalation summaries), and how
#: to show them: each is re-read with its pattern and written with the translated template.
STORED_SENTENCES = [
    (re.compile(r"^Covered by contract (?P<contract>\S+) \((?P<level>[^)]*)\) until (?P<date>[\d-]+)\.$"),
     QT_TRANSLATE_NOOP("incidents", "Covered by contract {contract} ({level}) until {date}.")),
    (re.compile(r"^Covered by the warranty until (?P<date>[\d-]+)(?: \((?P<why>.*)\))?\.$"),
     QT_TRANSLATE_NOOP("incidents", "Covered by the warranty until {date}.")),
    (re.compile(r"^Billable: (?P<why>.*?)\.?$"), QT_TRANSLATE_NOOP("incidents", "Billable: {why}.")),
    (re.compile(r"^No asset given: entitlement not checked\.$"),
     QT_TRANSLATE_NOOP("incidents", "No asset given: entitlement not checked.")),
    (re.compile(r"^Notified: (?P<who>.*)\.$"), QT_TRANSLATE_NOOP("incidents", "Notified: {who}.")),
    (re.compile(r"^Reassigned to (?P<group>.*)\.$"), QT_TRANSLATE_NOOP("incidents", "Reassigned to {group}.")),
    (re.compile(r"^Priority raised from (?P<old>P\d) to (?P<new>P\d)\.$"),
     QT_TRANSLATE_NOOP("incidents", "Priority raised from {old} to {new}.")),
    (re.compile(r"^Nothing to change: already (?P<value>.*)\.$"),
     QT_TRANSLATE_NOOP("incidents", "Nothing to change: already {value}.")),
]
REASON_PARTS = [
    (re.compile(r"^asset (?P<serial>\S+) has no service contract$"),
     QT_TRANSLATE_NOOP("incidents", "asset {serial} has no service contract")),
    (re.compile(r"^asset (?P<serial>\S+) is out of contract and warranty$"),
     QT_TRANSLATE_NOOP("incidents", "asset {serial} is out of contract and warranty")),
    (re.compile(r"^contract (?P<contract>\S+) ended on (?P<date>[\d-]+)$"),
     QT_TRANSLATE_NOOP("incidents", "contract {contract} ended on {date}")),
    (re.compile(r"^contract (?P<contract>\S+) starts on (?P<date>[\d-]+)$"),
     QT_TRANSLATE_NOOP("incidents", "contract {contract} starts on {date}")),
    (re.compile(r"^contract (?P<contract>\S+) has used all (?P<calls>\d+) calls$"),
     QT_TRANSLATE_NOOP("incidents", "contract {contract} has used all {calls} calls")),
    (re.compile(r"^contract (?P<contract>\S+) has used up its prepaid balance of (?P<balance>[\d.,]+)$"),
     QT_TRANSLATE_NOOP("incidents", "contract {contract} has used up its prepaid balance of {balance}")),
    (re.compile(r"^the warranty ended on (?P<date>[\d-]+)$"),
     QT_TRANSLATE_NOOP("incidents", "the warranty ended on {date}")),
]


def _reason(text: str) -> str:
    parts = []
    for part in text.split("; "):
        for pattern, template in REASON_PARTS:
            match = pattern.match(part)
            if match:
                part = tr(NAME, template).format(**match.groupdict())
                break
        parts.append(part)
    return tr(NAME, "; ").join(parts)


def level_name(code: str | None) -> str:
    """A contract's service level in the current language (an unknown one as stored)."""
    return name(SERVICE_LEVEL, code) if code in SERVICE_LEVEL else (code or "")


def stored_sentence(text: str | None) -> str:
    """A sentence a service stored in English, in the current language (unknown ones as they are)."""
    for pattern, template in STORED_SENTENCES:
        match = pattern.match(text or "")
        if match:
            values = {k: (_reason(v) if k == "why" else level_name(v) if k == "level" else v)
                      for k, v in match.groupdict().items() if v is not None}
            return tr(NAME, template).format(**values)
    return text or ""
