"""What changed between two revisions of a bulletin's text, line by line (for “readers see what changed”)."""

from __future__ import annotations

from difflib import SequenceMatcher


def line_changes(old: str, new: str) -> list[tuple[str, str]]:
    """``(kind, line)`` for the lines of ``new`` against ``old``: ``same``, ``added`` or ``removed``;
    blank lines are left out."""
    before = [line for line in (old or "").splitlines() if line.strip()]
    after = [line for line in (new or "").splitlines() if line.strip()]
    out: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes():
        if tag == "equal":
            out += [("same", line) for line in after[j1:j2]]
            continue
        out += [("removed", line) for line in before[i1:i2]]
        out += [("added", line) for line in after[j1:j2]]
    return out
