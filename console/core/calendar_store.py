"""Stored business calendars: import a JSON document, list, load by name."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from console.core.auth import Actor
from console.core.calendars import BusinessCalendar, CalendarError
from console.core.context import AppContext
from console.core.errors import NotFound, ValidationError
from console.core.models import CalendarRecord


def read_document(path: Path) -> dict:
    """Read and validate a calendar file; a broken file raises ``ValidationError`` saying what to fix."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ValidationError(f"{path}: no such file.") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValidationError(f"{path} is not a valid UTF-8 JSON document: {error}") from None
    if not isinstance(document, dict):
        raise ValidationError(f"{path}: the document must be a JSON object with name, timezone and week.")
    try:
        BusinessCalendar.from_dict(document)
    except CalendarError as error:
        raise ValidationError(f"{path}: {error}") from None
    return document


def import_file(app: AppContext, actor: Actor, path: Path) -> str:
    """Store (or replace) the calendar in ``path``; returns its name."""
    document = read_document(path)
    name = str(document["name"])
    with app.unit_of_work(actor, "core.calendars.edit") as work:
        record = work.session.scalar(select(CalendarRecord).where(CalendarRecord.name == name))
        if record is None:
            record = CalendarRecord(name=name, document="")
            work.session.add(record)
        record.document = json.dumps(document, ensure_ascii=False, sort_keys=True)
        work.session.flush()
        work.audit("calendar.import", "calendar", record.id, {"name": name, "file": path.name})
    return name


def list_names(app: AppContext) -> list[str]:
    """Names of the stored calendars, sorted."""
    with app.session() as session:
        return list(session.scalars(select(CalendarRecord.name).order_by(CalendarRecord.name)))


def load(app: AppContext, name: str) -> BusinessCalendar:
    """The stored calendar called ``name``."""
    with app.session() as session:
        document = session.scalar(select(CalendarRecord.document).where(CalendarRecord.name == name))
    if document is None:
        raise NotFound(f"No calendar named '{name}'; import one with `service-console calendars import FILE`.")
    return BusinessCalendar.from_dict(json.loads(document))
