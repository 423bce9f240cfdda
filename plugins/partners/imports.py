"""What the order and claim imports share: a file is recognised by its content, so importing
the same file again changes nothing and says when it was first imported."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from console.api import UnitOfWork, utcnow
from plugins.partners.models import ImportBatch


@dataclass(frozen=True)
class ImportResult:
    """What an import did: ``added`` rows written, ``skipped`` rows already present (same external
    reference), and ``already`` the earlier batch when the whole file had been imported before."""

    kind: str
    filename: str
    added: int = 0
    skipped: int = 0
    already: ImportBatch | None = None

    def message(self) -> str:
        """One line for the user."""
        if self.already is not None:
            return (f"{self.filename} was already imported on {self.already.imported_at:%Y-%m-%d %H:%M} UTC by "
                    f"{self.already.imported_by}; nothing was changed.")
        return f"{self.filename}: {self.added} added, {self.skipped} already present and left as they were."


def file_digest(path: Path | str) -> str:
    """SHA-256 of the file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def earlier_batch(work: UnitOfWork, kind: str, digest: str) -> ImportBatch | None:
    """The batch that already imported a file with this digest, if any."""
    return work.session.scalar(select(ImportBatch).where(ImportBatch.kind == kind, ImportBatch.digest == digest))


def record_batch(work: UnitOfWork, kind: str, path: Path | str, digest: str, rows: int) -> None:
    """Remember the imported file (in the import's own transaction) and audit it."""
    work.session.add(ImportBatch(kind=kind, digest=digest, filename=Path(path).name[:255], imported_at=utcnow(),
                                 imported_by=work.actor.username, rows=rows))
    work.audit(f"{kind}.import", "import", Path(path).name[:64], {"rows": rows, "digest": digest})
