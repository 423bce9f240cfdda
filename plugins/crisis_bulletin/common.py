"""Identity, permissions, page ids and the small checks every service module of the plugin shares."""

from __future__ import annotations

import re

from console.api import StaleEditError, ValidationError

NAME = "crisis_bulletin"
READ = "crisis_bulletin.read"  # read problems and bulletins, acknowledge bulletins addressed to you
EDIT = "crisis_bulletin.edit"  # record and update problems, link incidents
PUBLISH = "crisis_bulletin.publish"  # publish workarounds, close problems, compose and publish bulletins
PROBLEMS_PAGE = "crisis_bulletin.problems"
KNOWN_ERRORS_PAGE = "crisis_bulletin.known_errors"
BULLETINS_PAGE = "crisis_bulletin.bulletins"
#: The live channel announced when a bulletin is published, updated, withdrawn or acknowledged.
CHANNEL = "crisis_bulletin.bulletins"
SEVERITY_TO_NOTIFICATION = {"critical": "critical", "major": "warning", "minor": "info"}


def link(page_id: str, key) -> str:
    """A notification link that opens ``page_id`` on the row ``key``."""
    return f"{page_id}#{key}"


def required_text(value: str | None, field: str, what: str, limit: int = 255) -> str:
    """``value`` stripped; refused when empty or longer than ``limit``."""
    text = (value or "").strip()
    if not text:
        raise ValidationError(f"Enter the {what}.", field)
    if len(text) > limit:
        raise ValidationError(f"The {what} is {len(text)} characters long; shorten it to {limit}.", field)
    return text


def optional_text(value: str | None, field: str, what: str, limit: int = 20_000) -> str:
    """``value`` stripped ('' when empty); refused when longer than ``limit``."""
    text = (value or "").strip()
    if len(text) > limit:
        raise ValidationError(f"The {what} is {len(text)} characters long; shorten it to {limit}.", field)
    return text


def one_of(value: str, choices: tuple[str, ...], field: str, what: str) -> str:
    """``value`` when it is one of ``choices``; else a ``ValidationError`` listing them."""
    if value not in choices:
        raise ValidationError(f"'{value}' is not a {what}; use one of {', '.join(choices)}.", field)
    return value


def check_version(record, expected: int | None, what: str) -> None:
    """Refuse an edit made on a copy older than ``record`` (the form names the version it loaded)."""
    if expected is not None and record.version != expected:
        raise StaleEditError(what)


def lines(value: str | None) -> list[str]:
    """The non-empty lines of a list field (affected products, models, versions, assets), in order, once each."""
    parts = re.split(r"[\n,;，；、]", value or "")
    return list(dict.fromkeys(part.strip() for part in parts if part.strip()))
