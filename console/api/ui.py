"""Qt building blocks for plugin pages: ``from console.api.ui import ...`` inside a plugin's ``ui/``.

* ``ListPage`` with ``Column``, ``ChoiceFilter`` and ``PageAction``: a searchable, sortable,
  filterable list over any ``select()``, read lazily in keyset pages (``SqlTableModel``),
  with a live count, a detail pane (``detail_html``/``DetailSection``) and CSV/XLSX export.
* ``FormDialog`` and ``Field``: forms whose save runs off the GUI thread and keeps the
  user's input when the service refuses it.
* ``ChartCanvas``: one chart drawn by ``draw(figure, context)``.
* ``run_in_background``, ``run_with_progress`` (``Progress``, ``Cancelled``): work off the GUI thread.
* ``html_to_pdf``, ``print_html``: documents (statements, bulletins) as A4 PDF or on paper.
* ``tr(context, text)``: translation; the context is the plugin's ``NAME``.
"""

from console.ui.charts import ChartCanvas
from console.ui.documents import html_to_pdf, print_html
from console.ui.i18n import tr
from console.ui.sql_model import KEY_ROLE, VALUE_ROLE, Column, SqlTableModel, display_text
from console.ui.support import ErrorPanel, message_for, run_in_background, section_label
from console.ui.widgets import (
    Cancelled,
    ChoiceFilter,
    DetailSection,
    Field,
    FormDialog,
    ListPage,
    PageAction,
    Progress,
    confirm,
    detail_html,
    run_with_progress,
    user_zone,
)

__all__ = [
    "KEY_ROLE", "VALUE_ROLE", "Cancelled", "ChartCanvas", "ChoiceFilter", "Column", "DetailSection",
    "ErrorPanel", "Field", "FormDialog", "ListPage", "PageAction", "Progress", "SqlTableModel", "confirm",
    "detail_html", "display_text", "html_to_pdf", "message_for", "print_html", "run_in_background", "run_with_progress", "section_label",
    "tr", "user_zone",
]
