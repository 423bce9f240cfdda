"""A bulletin as a document: a standalone HTML page, an A4 PDF (``html_to_pdf``) or paper (``print_html``).

The document carries the bulletin as readers see it (number, severity, validity, deadline,
audience, the problem it is about, the text) and its timeline of revisions with what changed.
"""

from __future__ import annotations

from datetime import tzinfo
from html import escape
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QApplication
from sqlalchemy import select
from sqlalchemy.orm import Session

from console.api import AppContext, get_setting, utcnow
from console.api.ui import display_text, html_to_pdf, tr
from plugins.crisis_bulletin.audience import entries_of
from plugins.crisis_bulletin.common import NAME
from plugins.crisis_bulletin.models import Bulletin, Revision
from plugins.crisis_bulletin.ui.common import (
    BULLETIN_STATUS_NAMES,
    SEVERITY_COLOURS,
    SEVERITY_NAMES,
    audience_text,
    markdown_html,
    name_of,
)

STYLE = """
body { font-family: 'Noto Sans', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif; color: #1f2933; }
h1 { font-size: 16pt; margin: 4px 0 8px 0; }
h2 { font-size: 12pt; margin: 16px 0 6px 0; color: #1f2933; }
.org { color: #5f6b7a; font-size: 9pt; }
.facts td { padding: 2px 12px 2px 0; vertical-align: top; }
.label { color: #5f6b7a; }
.timeline td { padding: 3px 12px 3px 0; vertical-align: top; border-top: 1px solid #e6e9ee; }
.foot { color: #8a94a3; font-size: 8pt; margin-top: 18px; }
"""


def bulletin_html(session: Session, bulletin: Bulletin, zone: tzinfo | None, organisation: str,
                  printed_by: str = "") -> str:
    """The bulletin and its timeline as one standalone HTML page (labels in the current UI language)."""
    def when(value) -> str:
        return display_text(value, zone) if value is not None else "—"

    colour = SEVERITY_COLOURS.get(bulletin.severity, "#5f6b7a")
    facts = [
        (tr(NAME, "Severity"), f"<b style='color:{colour}'>{escape(name_of(SEVERITY_NAMES, bulletin.severity))}</b>"),
        (tr(NAME, "Status"), escape(name_of(BULLETIN_STATUS_NAMES, bulletin.status))),
        (tr(NAME, "Valid from"), when(bulletin.valid_from)),
        (tr(NAME, "Valid until"), when(bulletin.valid_until) if bulletin.valid_until else tr(NAME, "Until withdrawn")),
        (tr(NAME, "Acknowledge by"), when(bulletin.ack_deadline)),
        (tr(NAME, "Audience"), escape(audience_text(session, entries_of(session, bulletin.id)))),
    ]
    if bulletin.problem is not None:
        facts.append((tr(NAME, "Problem"), escape(f"{bulletin.problem.number} {bulletin.problem.title}")))
    facts.append((tr(NAME, "Published"), escape(f"{when(bulletin.published_at)} · {bulletin.published_by or ''}")))
    revisions = session.scalars(select(Revision).where(Revision.bulletin_id == bulletin.id)
                                .order_by(Revision.revision.desc())).all()
    timeline = "".join(
        f"<tr><td>{escape(tr(NAME, 'Revision {n}').format(n=r.revision))}</td><td>{when(r.at)}</td>"
        f"<td>{escape(r.actor)}</td><td>{escape(r.note or tr(NAME, 'First published'))}"
        f"{' · ' + escape(tr(NAME, 'asked to acknowledge again')) if r.asks_ack and r.revision > 1 else ''}</td></tr>"
        for r in revisions)
    number = bulletin.number or tr(NAME, "Draft")
    withdrawn = (f"<p style='color:#b3261e'><b>{escape(tr(NAME, 'Withdrawn'))}</b> · {when(bulletin.withdrawn_at)}"
                 f" · {escape(bulletin.withdraw_reason)}</p>" if bulletin.status == "withdrawn" else "")
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{escape(number)} {escape(bulletin.title)}"
            f"</title><style>{STYLE}</style></head><body>"
            f"<p class='org'>{escape(organisation)} · {escape(tr(NAME, 'Crisis bulletin'))}</p>"
            f"<h1>{escape(number)} · {escape(bulletin.title)}</h1>{withdrawn}"
            "<table class='facts' cellspacing='0'>"
            + "".join(f"<tr><td class='label'>{escape(label)}</td><td>{value}</td></tr>" for label, value in facts)
            + f"</table><h2>{escape(tr(NAME, 'Text'))}</h2>{markdown_html(bulletin.body)}"
            + (f"<h2>{escape(tr(NAME, 'Timeline'))}</h2><table class='timeline' cellspacing='0'>{timeline}</table>"
               if timeline else "")
            + f"<p class='foot'>"
            f"{escape(tr(NAME, 'Printed {when} by {who}').format(when=when(utcnow()), who=printed_by))}"
            "</p></body></html>")


def document_for(app: AppContext, bulletin_id: int, zone: tzinfo | None, printed_by: str) -> tuple[str, str]:
    """``(html, title)`` of a bulletin's document."""
    organisation = get_setting(app, "core.organisation")
    with app.session() as session:
        bulletin = session.get(Bulletin, bulletin_id)
        html = bulletin_html(session, bulletin, zone, organisation, printed_by)
        return html, f"{bulletin.number or ''} {bulletin.title}".strip()


def write_document(html: str, title: str, path: Path) -> Path:
    """Write the document to ``path``: a PDF for ``.pdf``, else the HTML page (UTF-8)."""
    if path.suffix.lower() == ".pdf":
        return html_to_pdf(html, path, title)
    path.write_text(html, encoding="utf-8")
    return path


def export_file(app: AppContext, bulletin_id: int, path: Path) -> Path:
    """The command line's export: the organisation's time zone, a headless QApplication when none runs."""
    qapp = QApplication.instance() or QApplication(["service-console"])  # noqa: F841 - kept alive for the export
    html, title = document_for(app, bulletin_id, ZoneInfo(get_setting(app, "core.default_timezone")), "service-console")
    return write_document(html, title, path)
