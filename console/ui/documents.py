"""Documents from HTML: a PDF file (A4, CJK-capable fonts) or the system print dialog.

Plugins build the HTML (statements, bulletins, timesheets) and call these from their pages,
so every printed or exported document shares one page set-up.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import QApplication, QWidget

from console.ui.support import ui_font_families

MARGIN_MM = 15


def _document(html: str) -> QTextDocument:
    document = QTextDocument()
    font = QFont()
    font.setFamilies(ui_font_families())
    font.setPointSizeF(10)
    document.setDefaultFont(font)
    document.setHtml(html)
    return document


def html_to_pdf(html: str, path: Path | str, title: str = "") -> Path:
    """Write ``html`` as an A4 PDF at ``path`` (needs a running QApplication, offscreen is fine)."""
    if QApplication.instance() is None:
        raise RuntimeError("html_to_pdf needs a QApplication (run it from the console or under QT_QPA_PLATFORM)")
    path = Path(path)
    writer = QPdfWriter(str(path))
    writer.setTitle(title)
    writer.setCreator("Service Console")
    writer.setResolution(300)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                                     QPageLayout.Unit.Millimeter))
    document = _document(html)
    document.setPageSize(QSizeF(writer.width(), writer.height()))
    document.print_(writer)
    return path


def print_html(parent: QWidget | None, html: str, title: str = "") -> bool:
    """Show the print dialog and print ``html``; False when the user cancelled."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    _document(html).print_(printer)
    return True
