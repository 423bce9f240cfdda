"""The append-only, tamper-evident change log: every entry is hash-chained to the one before.

``append`` runs inside the writer's transaction (``UnitOfWork`` calls it just before commit)
and serialises on the single ``core_audit_head`` row, locked ``FOR UPDATE`` (SQLite's
``BEGIN IMMEDIATE`` already serialises writers). An entry's hash covers its time, actor,
action, entity and detail plus the previous entry's hash, not its id (unknown before the
insert): an edited row no longer matches its hash, a deleted row breaks the next row's link,
and the head's ``last_id``/``last_hash`` expose a deleted tail.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from console.core.db import utcnow
from console.core.models import AuditEntry, AuditHead

GENESIS = "0" * 64
HEAD_ID = 1
MAX_PROBLEMS = 100
_STREAM_BATCH = 1000


@dataclass(frozen=True)
class VerifyResult:
    """The outcome of ``verify``: ``ok`` when the chain is intact, else the problems found."""

    ok: bool
    checked: int
    problems: list[str] = field(default_factory=list)


def canonical_json(value: Any) -> str:
    """Stable JSON text: sorted keys, no ASCII escaping, ``str`` for Decimal, dates and the like."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def entry_hash(prev_hash: str, at: datetime, actor: str, action: str, entity: str, entity_id: str,
               detail: str) -> str:
    """The SHA-256 of the previous hash followed by the entry's canonical content."""
    content = canonical_json({
        "at": at.astimezone(timezone.utc).isoformat(), "actor": actor, "action": action,
        "entity": entity, "entity_id": entity_id, "detail": detail,
    })
    return hashlib.sha256((prev_hash + content).encode("utf-8")).hexdigest()


def append(session: Session, actor_username: str, action: str, entity: str, entity_id: Any,
           detail: dict) -> AuditEntry:
    """Append one entry inside the caller's transaction, chained to the current head."""
    head = _locked_head(session)
    at = utcnow()
    entity_id, detail_text = str(entity_id), canonical_json(detail)
    entry = AuditEntry(at=at, actor=actor_username, action=action, entity=entity, entity_id=entity_id,
                       detail=detail_text, prev_hash=head.last_hash,
                       hash=entry_hash(head.last_hash, at, actor_username, action, entity, entity_id,
                                       detail_text))
    session.add(entry)
    session.flush()
    head.last_id, head.last_hash = entry.id, entry.hash
    session.flush()
    return entry


def _locked_head(session: Session) -> AuditHead:
    query = (select(AuditHead).where(AuditHead.id == HEAD_ID).with_for_update()
             .execution_options(populate_existing=True))
    head = session.scalar(query)
    if head is not None:
        return head
    try:
        with session.begin_nested():  # a concurrent first append may create it too
            session.add(AuditHead(id=HEAD_ID, last_id=0, last_hash=GENESIS))
    except IntegrityError:
        pass
    return session.scalars(query).one()


def verify(session: Session) -> VerifyResult:
    """Walk the whole chain in id order (streamed) and report edited, deleted or missing entries."""
    head = session.get(AuditHead, HEAD_ID, populate_existing=True)
    problems = _Problems()
    checked, prev_id, prev_hash, head_seen = 0, None, GENESIS, head is None
    rows = session.execute(select(AuditEntry.__table__).order_by(AuditEntry.id)
                           .execution_options(yield_per=_STREAM_BATCH))
    for row in rows:
        checked += 1
        problems.extend(_row_problems(row, prev_id, prev_hash))
        if head is not None and row.id == head.last_id:
            head_seen = True
            if row.hash != head.last_hash:
                problems.extend([f"entry {row.id}: the head records a different hash for it (edited?)"])
        prev_id, prev_hash = row.id, row.hash
    problems.extend(_head_problems(head, head_seen, prev_id))
    return VerifyResult(ok=not problems.found, checked=checked, problems=problems.messages())


class _Problems:
    """The first ``MAX_PROBLEMS`` messages and a count of the rest (a wrecked log stays cheap)."""

    def __init__(self) -> None:
        self.found: list[str] = []
        self.more = 0

    def extend(self, messages: list[str]) -> None:
        """Keep ``messages`` while there is room; count the rest."""
        keep = messages[:max(0, MAX_PROBLEMS - len(self.found))]
        self.found.extend(keep)
        self.more += len(messages) - len(keep)

    def messages(self) -> list[str]:
        """The kept messages, plus one saying how many more there were."""
        return self.found + ([f"… and {self.more} more problems"] if self.more else [])


def _row_problems(row, prev_id: int | None, prev_hash: str) -> list[str]:
    problems = []
    if row.prev_hash != prev_hash:
        problems.append(f"entry {row.id}: does not follow entry {prev_id} (a row was deleted?)"
                        if prev_id is not None else
                        f"entry {row.id}: is not the start of the chain (the first rows were deleted?)")
    if entry_hash(row.prev_hash, row.at, row.actor, row.action, row.entity, row.entity_id,
                  row.detail) != row.hash:
        problems.append(f"entry {row.id}: its hash does not match its contents (edited?)")
    return problems


def _head_problems(head: AuditHead | None, head_seen: bool, last_id: int | None) -> list[str]:
    if head is None:
        return ["the log has entries but its head row is missing (deleted?)"] if last_id is not None else []
    if head_seen or head.last_id == 0:
        return []
    if last_id is None:
        return [f"the log is empty but the head says it ends at entry {head.last_id} (the rows were deleted?)"]
    if last_id < head.last_id:
        return [f"the log ends at entry {last_id} but the head says {head.last_id} "
                "(the last rows were deleted?)"]
    return [f"entry {head.last_id}, where the head says the chain ended, is missing (deleted?)"]


def history(session: Session, entity: str, entity_id: Any) -> list[AuditEntry]:
    """Every entry about one record, oldest first."""
    return list(session.scalars(select(AuditEntry)
                                .where(AuditEntry.entity == entity, AuditEntry.entity_id == str(entity_id))
                                .order_by(AuditEntry.id)))
