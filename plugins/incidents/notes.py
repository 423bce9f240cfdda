"""Notes (internal or customer-visible) and attachments of an incident; anyone who works incidents may add
them to any incident — a caller phones back to whoever answers."""

from __future__ import annotations

import mimetypes
from pathlib import Path

from sqlalchemy import select

from console.api import Actor, AppContext, ValidationError, get_setting, utcnow
from plugins.incidents.models import NOTE_VISIBILITY, Attachment, Note
from plugins.incidents.records import NOTE_LIMIT, load
from plugins.incidents.rules import EDIT, READ, choice, found, text


def add_note(app: AppContext, actor: Actor, number: str, body: str, visibility: str = "internal",
             source: str | None = None) -> int:
    """Add an internal or customer-visible note (any incident: callers phone back to anyone); returns its id."""
    body = text(body, "body", "note", NOTE_LIMIT)
    choice(visibility, NOTE_VISIBILITY, "visibility")
    with app.unit_of_work(actor, EDIT) as work:
        incident = load(work.session, number)
        note = Note(incident_id=incident.id, at=utcnow(), author=actor.display_name, visibility=visibility,
                    body=body, source=source)
        work.session.add(note)
        work.session.flush()
        work.audit("incident.note", "incident", incident.number, {"visibility": visibility, "source": source})
        return note.id


def add_attachment(app: AppContext, actor: Actor, number: str, path: Path | str, *,
                   content_type: str | None = None) -> int:
    """Attach a file (at most ``incidents.attachment_max_mb``); returns the attachment's id."""
    path = Path(path)
    if not path.is_file():
        raise ValidationError(f"There is no file {path}; pick it again.", "path")
    limit_mb = int(get_setting(app, "incidents.attachment_max_mb") or 20)
    size = path.stat().st_size
    if size > limit_mb * 1024 * 1024:
        raise ValidationError(f"{path.name} is {size / 1048576:.1f} MB; attachments may be at most {limit_mb} MB "
                              "(setting “Largest attachment”).", "path")
    data = path.read_bytes()
    kind = content_type or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    with app.unit_of_work(actor, EDIT) as work:
        incident = load(work.session, number)
        attachment = Attachment(incident_id=incident.id, file_name=path.name[:255], content_type=kind[:128],
                                size=size, data=data, added_at=utcnow(), added_by=actor.display_name)
        work.session.add(attachment)
        work.session.flush()
        work.audit("incident.attach", "incident", incident.number, {"file": path.name, "bytes": size})
        return attachment.id


def attachment_data(app: AppContext, actor: Actor, attachment_id: int) -> tuple[str, bytes]:
    """The file name and bytes of an attachment (to save or open it)."""
    actor.require(READ)
    with app.session() as session:
        row = session.execute(select(Attachment.file_name, Attachment.data)
                              .where(Attachment.id == attachment_id)).one_or_none()
    name, data = found(row, f"Attachment {attachment_id} no longer exists.")
    return name, data
