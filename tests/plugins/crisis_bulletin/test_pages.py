"""The pages and dialogs under pytest-qt: the bulletin board, the composer, the problem pages with the
known-error search, the incident links from either side, the readers report, documents and the banner."""

from datetime import timedelta

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QPushButton

from console.api import Context
from console.core.contributions import BannerSpec
from console.ui.banners import BannerBar
from plugins.crisis_bulletin import acknowledgements, problems
from plugins.crisis_bulletin.ui import banners, bulletins as board, incident_link, problems as problem_pages
from plugins.crisis_bulletin.ui.common import markdown_html
from plugins.crisis_bulletin.ui.report import ReadersDialog
from plugins.incidents import service as incidents
from tests.plugins import unique
from tests.plugins.crisis_bulletin.conftest import acks

TIMEOUT = 15_000


def dialogs():
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]


def opened(qtbot, action, kind=QDialog):
    """Run ``action`` and return the dialog of ``kind`` it opens (not one that was open before)."""
    before = set(map(id, dialogs()))
    action()
    qtbot.waitUntil(lambda: any(isinstance(d, kind) and id(d) not in before for d in dialogs()), timeout=TIMEOUT)
    return next(d for d in dialogs() if isinstance(d, kind) and id(d) not in before)


def loaded(qtbot, page):
    qtbot.waitUntil(lambda: not page.loading() and page.model.total() is not None, timeout=TIMEOUT)
    return page


def button(widget, text):
    return next(b for b in widget.findChildren(QPushButton) if b.text() == text)


@pytest.fixture
def reader_context(app, team):
    return Context(app, team.first)


def test_the_board_shows_my_state_and_opening_a_bulletin_marks_it_read(qtbot, app, team, publish, reader_context):
    bulletin_id = publish(audience=[("group", str(team.group_id))], body="**请勿升级** Do not upgrade.")
    page = loaded(qtbot, board.bulletins_page(reader_context))
    qtbot.addWidget(page)
    page.open_key(str(bulletin_id))  # as a notification link or a search hit gives it
    qtbot.waitUntil(lambda: "请勿升级" in page.details.toPlainText(), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: acks(app, bulletin_id)[team.first.user_id].read_at is not None, timeout=TIMEOUT)
    assert page.current_key() == bulletin_id
    button(page, "Acknowledge").click()
    qtbot.waitUntil(lambda: acks(app, bulletin_id)[team.first.user_id].acknowledged_at is not None, timeout=TIMEOUT)
    assert [title for _a, title in [(a, b.text()) for a, b in page.action_buttons]] == [
        "Acknowledge", "Print / save…"]  # an engineer does not compose or manage bulletins


def test_the_detail_pane_says_what_changed_since_it_was_read(qtbot, app, admin, team, publish, reader_context):
    bulletin_id = publish(audience=[("group", str(team.group_id))], body="第一行 line one\n\n旧措施 old workaround")
    acknowledgements.mark_read(app, team.first, bulletin_id)
    from plugins.crisis_bulletin import bulletins

    with app.session() as session:
        current = bulletins.load(session, bulletin_id)
    bulletins.update_bulletin(app, admin, bulletin_id, note="更新临时方案 Workaround updated", title=current.title,
                              body="第一行 line one\n\n新措施 new workaround", severity="major",
                              audience=[("group", str(team.group_id))], valid_until=None, ack_deadline=None)
    html = board.bulletin_detail(reader_context, bulletin_id)
    assert "Changed since you read revision 1" in html and "更新临时方案" in html
    assert "+ 新措施 new workaround" in html and "<s>旧措施 old workaround</s>" in html
    assert "Changed since you read" not in board.bulletin_detail(reader_context, bulletin_id)  # read now


def test_composing_and_publishing_through_the_form_keeps_the_typing_on_refusal(qtbot, app, admin, team):
    page = loaded(qtbot, board.bulletins_page(Context(app, admin)))
    qtbot.addWidget(page)
    dialog = opened(qtbot, lambda: board.compose(page, Context(app, admin)), board.ExtendedFormDialog)
    title = f"固件紧急通告 {unique()}"
    dialog.inputs["title"].setText(title)
    dialog.inputs["severity"].setCurrentIndex(dialog.inputs["severity"].findData("critical"))
    audience = dialog.inputs["audience"]
    audience.everyone.setChecked(False)
    groups = audience.lists["group"]
    for row in range(groups.count()):
        item = groups.item(row)
        if item.data(0x0100) == str(team.group_id):
            item.setCheckState(item.checkState().Checked)
    button(dialog, "Publish").click()
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=TIMEOUT)
    assert "Fill in" in dialog.error.text() and dialog.inputs["title"].text() == title  # no text yet
    editor = dialog.inputs["body"].editor
    editor.setPlainText("请勿升级到 7.2。")
    editor.selectAll()
    dialog.inputs["body"].buttons["bold"].click()
    assert dialog.values()["body"] == "**请勿升级到 7.2。**"
    assert dialog.values()["audience"] == [("group", str(team.group_id))]
    button(dialog, "Publish").click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=TIMEOUT)
    number = dialog.result_value
    with app.session() as session:
        from plugins.crisis_bulletin.models import Bulletin
        from sqlalchemy import select

        bulletin = session.scalar(select(Bulletin).where(Bulletin.number == number))
    assert (bulletin.title, bulletin.severity, bulletin.status) == (title, "critical", "active")
    assert set(acks(app, bulletin.id)) == {m.user_id for m in team.members}


def test_documents_are_saved_as_pdf_and_html_and_printed(qtbot, app, admin, publish, tmp_path, monkeypatch):
    bulletin_id = publish(title="打印测试 Print test", body="## 影响 Impact\n\n- 网点 branches")
    page = loaded(qtbot, board.bulletins_page(Context(app, admin)))
    qtbot.addWidget(page)
    pdf, html = tmp_path / "b.pdf", tmp_path / "b.html"
    board.save_document(page, Context(app, admin), bulletin_id, "pdf", str(pdf))
    board.save_document(page, Context(app, admin), bulletin_id, "html", str(html))
    qtbot.waitUntil(lambda: pdf.exists() and html.exists(), timeout=TIMEOUT)
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 2000
    text = html.read_text(encoding="utf-8")
    assert "打印测试 Print test" in text and "<li" in text and "网点 branches" in text and "Timeline" in text
    printed = []
    monkeypatch.setattr(board, "print_html", lambda parent, document, title: printed.append(title))
    board._print(page, Context(app, admin), bulletin_id)
    qtbot.waitUntil(lambda: bool(printed), timeout=TIMEOUT)
    assert printed[0].endswith("打印测试 Print test")


def test_raw_html_in_a_bulletin_is_shown_as_text():
    html = markdown_html("<script>alert(1)</script> **粗体**")
    assert "<script>" not in html and "&lt;script&gt;" in html and "font-weight:700" in html


def test_the_readers_report_lists_every_reader(qtbot, app, admin, team, publish, tmp_path):
    bulletin_id = publish(audience=[("group", str(team.group_id))])
    acknowledgements.acknowledge(app, team.second, bulletin_id)
    dialog = ReadersDialog(None, Context(app, admin), bulletin_id)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.loading(), timeout=TIMEOUT)
    assert dialog.list.model.total() == 4 and "1 of 4 acknowledged" in dialog.summary.text()
    dialog.save_pdf(str(tmp_path / "r.pdf"))
    qtbot.waitUntil(lambda: (tmp_path / "r.pdf").exists(), timeout=TIMEOUT)


def test_the_known_error_search_finds_chinese_text(qtbot, app, admin):
    token = unique("控制器")
    number = problems.create_problem(app, admin, title=f"存储固件 {unique()}")
    problems.publish_workaround(app, admin, number, f"业务高峰期暂停{token}切换。Pause failovers.")
    page = loaded(qtbot, problem_pages.known_errors_page(Context(app, admin)))
    qtbot.addWidget(page)
    assert page.search.placeholderText().startswith("Search workarounds")
    page.model.set_search(token[2:])  # a fragment in the middle of the Chinese text
    qtbot.waitUntil(lambda: page.model.total() == 1, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: page.model.key_for(0) == number, timeout=TIMEOUT)


def test_a_problem_is_recorded_moved_on_and_closed_from_its_page(qtbot, app, admin, reference, monkeypatch):
    context = Context(app, admin)
    page = loaded(qtbot, problem_pages.problems_page(context))
    qtbot.addWidget(page)
    linked = incidents.create_incident(app, admin, title="打印机无法联网", customer_id=reference.customer_id,
                                       category="打印机 Printer", assignee_id=admin.user_id)
    incidents.change_status(app, admin, linked, "in_progress")
    dialog = opened(qtbot, lambda: problem_pages.new_problem(page, context), problem_pages.FormDialog)
    dialog.inputs["title"].setText("打印驱动不兼容 Printer driver")
    dialog.inputs["incidents"].setText(linked.lower())
    dialog.submit()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=TIMEOUT)
    number = dialog.result_value
    assert page.current_key() == number
    dialog = opened(qtbot, lambda: problem_pages.change_status(page, context), problem_pages.FormDialog)
    dialog.inputs["status"].setCurrentIndex(dialog.inputs["status"].findData("resolved"))
    dialog.submit()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=TIMEOUT)
    monkeypatch.setattr(incident_link, "confirm", lambda *args: True)
    dialog = opened(qtbot, lambda: problem_pages.change_status(page, context), problem_pages.FormDialog)
    assert dialog.inputs["status"].currentData() == "closed"
    outcome = opened(qtbot, dialog.submit, incident_link.OutcomeDialog)
    assert "1 of 1 incidents were resolved." in outcome.findChildren(incident_link.QLabel)[0].text()
    outcome.close()
    assert incidents_status(app, linked) == "resolved"
    html = problem_pages.problem_detail(context, number)
    assert "Linked incidents resolved" in html and linked in html and "Closed" in html


def incidents_status(app, number):
    from plugins.incidents.api import incident_summary

    with app.session() as session:
        return incident_summary(session, number).status


def test_an_incident_is_linked_from_the_incident_list(qtbot, app, admin, reference):
    number = problems.create_problem(app, admin, title=f"网络抖动 {unique()}")
    linked = incidents.create_incident(app, admin, title="VPN 无法连接", customer_id=reference.customer_id,
                                       category="网络 Network")
    dialog = opened(qtbot, lambda: incident_link.link_from_incident(Context(app, admin, selection=linked)),
                    incident_link.IncidentProblemsDialog)
    qtbot.waitUntil(lambda: dialog.problem.findData(number) >= 0, timeout=TIMEOUT)
    dialog.problem.setCurrentIndex(dialog.problem.findData(number))
    dialog.link()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=TIMEOUT)
    assert dialog.table.item(0, 0).text() == number
    dialog.table.selectRow(0)
    dialog.unlink()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 0, timeout=TIMEOUT)
    dialog.close()
    with app.session() as session:
        assert problems.problems_of_incident(session, linked) == []


def test_the_banner_shows_a_critical_bulletin_until_it_is_acknowledged(qtbot, app, team, publish):
    reader = Context(app, team.second)
    bulletin_id = publish(audience=[("group", str(team.group_id))], severity="critical",
                          ack_deadline=None)
    publish(audience=[("group", str(team.group_id))], severity="major")  # not critical: no banner
    ours = [b for b in banners.critical_banners(reader) if b.link_key == bulletin_id]
    assert len(ours) == 1 and "please acknowledge by" in ours[0].text
    spec = BannerSpec("crisis_bulletin.critical", lambda c: [b for b in banners.critical_banners(c)
                                                            if b.link_key == bulletin_id],
                      interval=timedelta(seconds=1))
    bar = BannerBar(reader, [("crisis_bulletin", spec)], lambda *_: None)
    qtbot.addWidget(bar)
    qtbot.waitUntil(lambda: len(bar.banners) == 1, timeout=TIMEOUT)
    button(bar, "Acknowledge").click()
    qtbot.waitUntil(lambda: not bar.banners, timeout=TIMEOUT)
    assert acks(app, bulletin_id)[team.second.user_id].acknowledged_at is not None
    bar.shutdown()
