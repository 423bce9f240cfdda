"""Categories and priorities: the category tree, the impact × urgency → priority matrix, and each
category's standard descriptions and solutions (what quick entry offers)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from console.api import Context
from console.api.ui import (
    Column,
    Field,
    FormDialog,
    ListPage,
    PageAction,
    message_for,
    run_in_background,
    section_label,
    tr,
)
from plugins.incidents import catalog
from plugins.incidents.models import LEVELS, PRIORITIES, STANDARD_KINDS, Category, StandardText
from plugins.incidents.rules import CONFIGURE
from plugins.incidents.ui.names import LEVEL, NAME, choices, name

KIND = {"description": QT_TRANSLATE_NOOP("incidents", "Standard description"),
        "solution": QT_TRANSLATE_NOOP("incidents", "Standard solution")}


class LoadingTab(QWidget):
    """A tab that reads what it shows off the GUI thread (``loading()`` meanwhile)."""

    def __init__(self, context: Context):
        super().__init__()
        self.context, self.busy = context, True

    def loading(self) -> bool:
        """True while the tab is read."""
        return self.busy

    def read_then(self, read, show) -> None:
        """Run ``read()`` in the background, then ``show(result)``."""
        self.busy = True

        def shown(result) -> None:
            show(result)
            self.busy = False

        run_in_background(self, read, shown)


class CategoriesTab(LoadingTab):
    """The category tree with add, rename and (de)activate."""

    def __init__(self, context: Context):
        super().__init__(context)
        layout = QVBoxLayout(self)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([tr(NAME, "Category"), tr(NAME, "Active")])
        self.tree.setColumnWidth(0, 420)
        layout.addWidget(self.tree, 1)
        row = QHBoxLayout()
        for title, action in ((QT_TRANSLATE_NOOP("incidents", "Add top-level category…"), lambda: self.edit(None, None)),
                              (QT_TRANSLATE_NOOP("incidents", "Add subcategory…"), self.add_child),
                              (QT_TRANSLATE_NOOP("incidents", "Rename or move…"), self.rename),
                              (QT_TRANSLATE_NOOP("incidents", "Activate / deactivate"), self.toggle)):
            button = QPushButton(tr(NAME, title))
            button.setAutoDefault(False)
            button.clicked.connect(action)
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.reload()

    def reload(self) -> None:
        """Read the tree again."""
        def read():
            with self.context.app.session() as session:
                versions = dict(session.execute(select(Category.id, Category.version)).all())
                return catalog.category_tree(session, include_inactive=True), versions

        self.read_then(read, self._show)

    def _show(self, data) -> None:
        nodes, self.versions = data
        self.nodes = {n.id: n for n in nodes}
        self.tree.clear()
        items: dict[int, QTreeWidgetItem] = {}
        for node in nodes:
            item = QTreeWidgetItem([node.name, "✓" if node.active else ""])
            item.setData(0, Qt.ItemDataRole.UserRole, node.id)
            (items[node.parent_id].addChild(item) if node.parent_id in items else self.tree.addTopLevelItem(item))
            items[node.id] = item
        self.tree.expandAll()

    def _selected(self):
        item = self.tree.currentItem()
        return self.nodes.get(item.data(0, Qt.ItemDataRole.UserRole)) if item is not None else None

    def edit(self, node, parent_id) -> None:
        """Add a category under ``parent_id`` (no ``node``) or rename/move ``node``."""
        parents = [(None, "—"), *[(n.id, n.path) for n in self.nodes.values() if node is None or n.id != node.id]]
        fields = [Field("name", QT_TRANSLATE_NOOP("incidents", "Name"), required=True),
                  Field("parent_id", QT_TRANSLATE_NOOP("incidents", "Parent"), "choice", parents)]
        values = {"name": node.name if node else "", "parent_id": node.parent_id if node else parent_id}
        dialog = FormDialog(self, tr(NAME, "Category"), fields, lambda v: catalog.save_category(
            self.context.app, self.context.actor, name=v["name"], parent_id=v["parent_id"],
            active=node.active if node else True, category_id=node.id if node else None,
            expected_version=self.versions.get(node.id) if node else None), owner=NAME, values=values)
        dialog.saved.connect(lambda _id: self.reload())
        dialog.open()

    def add_child(self) -> None:
        """Add a subcategory of the selected category."""
        node = self._selected()
        self.edit(None, node.id if node else None)

    def rename(self) -> None:
        """Rename or move the selected category."""
        node = self._selected()
        if node is not None:
            self.edit(node, node.parent_id)

    def toggle(self) -> None:
        """Switch the selected category (and so its subtree) on or off."""
        node = self._selected()
        if node is None:
            return
        run_in_background(self, lambda: catalog.save_category(
            self.context.app, self.context.actor, name=node.name, parent_id=node.parent_id, active=not node.active,
            category_id=node.id, expected_version=self.versions.get(node.id)), lambda _r: self.reload())


class MatrixTab(LoadingTab):
    """The priority matrix as a grid of drop-downs."""

    def __init__(self, context: Context):
        super().__init__(context)
        self.boxes, self.versions = {}, {}
        layout = QVBoxLayout(self)
        hint = section_label(tr(NAME, "The priority an incident gets from its impact (rows) and urgency (columns). "
                                      "A change applies to incidents assessed from now on."), "hint")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        grid = QGridLayout()
        grid.addWidget(QLabel(tr(NAME, "Impact ↓ · Urgency →")), 0, 0)
        for column, urgency in enumerate(LEVELS, start=1):
            grid.addWidget(QLabel(f"<b>{name(LEVEL, urgency)}</b>"), 0, column)
        for row, impact in enumerate(LEVELS, start=1):
            grid.addWidget(QLabel(f"<b>{name(LEVEL, impact)}</b>"), row, 0)
            for column, urgency in enumerate(LEVELS, start=1):
                box = QComboBox()
                box.addItems(PRIORITIES)
                self.boxes[(impact, urgency)] = box
                grid.addWidget(box, row, column)
        layout.addLayout(grid)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        save = QPushButton(tr(NAME, "Save the matrix"))
        save.setEnabled(context.actor.can(CONFIGURE))
        save.clicked.connect(self.save)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(save)
        layout.addLayout(row)
        layout.addStretch(1)
        self.reload()

    def reload(self) -> None:
        """Read the matrix again."""
        def read():
            with self.context.app.session() as session:
                return {key: (cell.priority, cell.version) for key, cell in catalog.priority_matrix(session).items()}

        def show(cells) -> None:
            for key, (priority, version) in cells.items():
                if key in self.boxes:
                    self.boxes[key].setCurrentText(priority)
                    self.versions[key] = version

        self.read_then(read, show)

    def save(self) -> None:
        """Save the changed cells (a matrix changed meanwhile by someone else is refused)."""
        cells = {key: (box.currentText(), self.versions.get(key)) for key, box in self.boxes.items()}
        run_in_background(self, lambda: catalog.update_matrix(self.context.app, self.context.actor, cells),
                          lambda count: (self.message.setText(tr(NAME, "{count} cells changed.").format(count=count)),
                                         self.reload()),
                          lambda error, _t: self.message.setText(message_for(error)))


def standard_texts_list(context: Context) -> ListPage:
    """Every standard description and solution, by category."""
    query = (select(StandardText.id, Category.name, StandardText.kind, StandardText.title, StandardText.body,
                    StandardText.active).join(Category, Category.id == StandardText.category_id))
    columns = [Column(QT_TRANSLATE_NOOP("incidents", "Number"), align="right", width=6),
               Column(QT_TRANSLATE_NOOP("incidents", "Category"), searchable=True, width=18),
               Column(QT_TRANSLATE_NOOP("incidents", "Kind"), format=lambda v: name(KIND, v), width=14),
               Column(QT_TRANSLATE_NOOP("incidents", "Title"), searchable=True, width=20),
               Column(QT_TRANSLATE_NOOP("incidents", "Text"), searchable=True, width=60, sortable=False),
               Column(QT_TRANSLATE_NOOP("incidents", "Active"), align="center", width=7)]

    def edit(page: ListPage, text_id: int | None) -> None:
        def load():
            with context.app.session() as session:
                categories = [(n.id, n.path) for n in catalog.category_tree(session)]
                record = session.get(StandardText, text_id) if text_id else None
                values = {"category_id": record.category_id, "kind": record.kind, "title": record.title,
                          "body": record.body, "active": record.active, "version": record.version} if record else \
                    {"kind": "description", "active": True}
            return categories, values

        def show(data) -> None:
            categories, values = data
            version = values.pop("version", None)
            fields = [Field("category_id", QT_TRANSLATE_NOOP("incidents", "Category"), "choice", categories,
                            required=True),
                      Field("kind", QT_TRANSLATE_NOOP("incidents", "Kind"), "choice", choices(KIND, STANDARD_KINDS),
                            required=True),
                      Field("title", QT_TRANSLATE_NOOP("incidents", "Title"), required=True),
                      Field("body", QT_TRANSLATE_NOOP("incidents", "Text"), "multiline", required=True),
                      Field("active", QT_TRANSLATE_NOOP("incidents", "Active"), "bool")]
            dialog = FormDialog(page, tr(NAME, "Standard text"), fields, lambda v: catalog.save_standard_text(
                context.app, context.actor, text_id=text_id, expected_version=version, **v), owner=NAME, values=values)
            dialog.saved.connect(lambda _id: page.refresh())
            dialog.open()

        run_in_background(page, load, show)

    return ListPage(context, owner=NAME, query=query, columns=columns, key=StandardText.id,
                    sort=(1, Qt.SortOrder.AscendingOrder),
                    actions=[PageAction(QT_TRANSLATE_NOOP("incidents", "New standard text…"), lambda p: edit(p, None),
                                        permission=CONFIGURE, primary=True),
                             PageAction(QT_TRANSLATE_NOOP("incidents", "Edit…"), lambda p: edit(p, p.current_key()),
                                        needs_row=True, permission=CONFIGURE)],
                    count_text=QT_TRANSLATE_NOOP("incidents", "{count} standard texts"),
                    empty_text=QT_TRANSLATE_NOOP("incidents", "No standard text yet."), export_name="standard-texts")


def setup_page(context: Context) -> QTabWidget:
    """The three tabs."""
    tabs = QTabWidget()
    tabs.addTab(CategoriesTab(context), tr(NAME, "Categories"))
    tabs.addTab(MatrixTab(context), tr(NAME, "Priority matrix"))
    tabs.addTab(standard_texts_list(context), tr(NAME, "Standard descriptions and solutions"))
    return tabs
