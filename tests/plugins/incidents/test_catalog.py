"""The category tree, standard texts, and who may change the configuration."""

import pytest

from console.api import PermissionDenied, StaleEditError, ValidationError
from plugins.incidents import catalog
from plugins.incidents.models import Category
from tests.plugins import unique


def test_the_tree_keeps_paths_and_refuses_cycles_and_twins(app, admin):
    root = catalog.save_category(app, admin, name=unique("机房 Room "))
    child = catalog.save_category(app, admin, name="空调 Cooling", parent_id=root)
    grandchild = catalog.save_category(app, admin, name="压缩机 Compressor", parent_id=child)
    with app.session() as session:
        assert catalog.category_path(session, grandchild).endswith(" / 空调 Cooling / 压缩机 Compressor")
        assert set(catalog.subtree_ids(session, root)) == {root, child, grandchild}
        version = session.get(Category, root).version
    with pytest.raises(ValidationError, match="below itself"):
        catalog.save_category(app, admin, name="x", parent_id=grandchild, category_id=root, expected_version=version)
    with pytest.raises(ValidationError, match="already is"):
        catalog.save_category(app, admin, name="空调 cooling", parent_id=root)
    catalog.save_category(app, admin, name="空调 Cooling", parent_id=root, active=False, category_id=child)
    with app.session() as session:
        ids = {node.id for node in catalog.category_tree(session)}
    assert root in ids and child not in ids and grandchild not in ids  # a switched-off branch goes as a whole
    with pytest.raises(StaleEditError):
        catalog.save_category(app, admin, name="late", category_id=root, expected_version=version - 1)


def test_standard_texts_are_inherited_from_the_parent(app, admin):
    root = catalog.save_category(app, admin, name=unique("打印 Print "))
    child = catalog.save_category(app, admin, name="卡纸 Paper jam", parent_id=root)
    catalog.save_standard_text(app, admin, category_id=root, kind="solution", title="重启", body="重启打印机")
    catalog.save_standard_text(app, admin, category_id=child, kind="solution", title="清洁", body="清洁搓纸轮")
    with app.session() as session:
        assert [t.title for t in catalog.standard_texts(session, child, "solution")] == ["清洁", "重启"]
    with pytest.raises(ValidationError, match="kind of standard text"):
        catalog.save_standard_text(app, admin, category_id=child, kind="joke", title="x", body="y")


@pytest.mark.parametrize("role", ["engineer", "back_office", "read_only"])
def test_only_team_leads_and_admins_change_the_configuration(app, make_actor, role):
    actor = make_actor(role)
    with pytest.raises(PermissionDenied, match="incidents.configure"):
        catalog.save_category(app, actor, name=unique("X "))
    with pytest.raises(PermissionDenied, match="incidents.configure"):
        catalog.update_matrix(app, actor, {("low", "low"): ("P4", None)})
    with app.session() as session:
        category = catalog.find_category(session, "服务器 Server")
    with pytest.raises(PermissionDenied, match="incidents.configure"):
        catalog.save_standard_text(app, actor, category_id=category, kind="solution", title="x", body="y")
