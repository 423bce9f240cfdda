"""The knowledge base: the review flow, Chinese full-text search on every backend, suggestions."""

import pytest

from console.api import Context, PermissionDenied, ValidationError
from plugins.incidents import knowledge, queries, records
from tests.plugins import unique
from tests.plugins.incidents.conftest import open_in


def article(app, actor, **fields) -> str:
    values = {"title": "RAID 降级后更换硬盘", "solution": "热插拔更换同型号硬盘，观察重建进度。",
              "symptom": "阵列告警：物理磁盘故障", "keywords": "硬盘 RAID"}
    return knowledge.save_article(app, actor, **{**values, **fields})


def publish(app, writer, reviewer, **fields) -> str:
    number = article(app, writer, **fields)
    knowledge.submit_for_review(app, writer, number)
    knowledge.review(app, reviewer, number, approve=True)
    return number


def found(app, text, **options) -> list[str]:
    with app.session() as session:
        return [h.number for h in knowledge.hits(session, knowledge.search_ids(session, text, **options))]


def test_the_review_flow(app, world):
    number = article(app, world.engineer)
    with pytest.raises(PermissionDenied, match="incidents.review"):
        knowledge.review(app, world.engineer, number, approve=True)
    with pytest.raises(ValidationError, match="in review"):
        knowledge.review(app, world.lead, number, approve=True)
    knowledge.submit_for_review(app, world.engineer, number)
    with pytest.raises(ValidationError, match="Say what"):
        knowledge.review(app, world.lead, number, approve=False)
    knowledge.review(app, world.lead, number, approve=False, comment="请补充故障现象截图")
    knowledge.submit_for_review(app, world.engineer, number)
    knowledge.review(app, world.lead, number, approve=True)
    with pytest.raises(PermissionDenied, match="incidents.review"):  # published: only reviewers edit it
        knowledge.save_article(app, world.engineer, article=number, title="x", solution="y")
    knowledge.retire(app, world.lead, number)
    assert number not in found(app, "RAID")


@pytest.mark.parametrize("text", ["硬盘", "更换硬盘", "热插拔更换", "raid", "RAID 硬盘", "重建进度"])
def test_search_finds_chinese_and_latin_terms(app, world, text):
    token = unique("型号")
    number = publish(app, world.engineer, world.lead, title=f"{token} RAID 降级后更换硬盘")
    assert number in found(app, f"{token} {text}")


def test_search_needs_every_term_and_ignores_drafts(app, world):
    token = unique("Z")
    published = publish(app, world.engineer, world.lead, title=f"打印机卡纸 {token}", solution="清洁搓纸轮。",
                        symptom="纸盒 2 频繁卡纸", keywords="")
    draft = article(app, world.engineer, title=f"打印机卡纸草稿 {token}", solution="草稿", symptom="", keywords="")
    assert found(app, f"{token} 卡纸") == [published]
    assert found(app, f"{token} 卡纸 硬盘") == []
    assert set(found(app, f"{token} 卡纸", statuses=None)) == {published, draft}
    assert found(app, "   ") == []


def test_suggestions_rank_articles_by_shared_words(app, world):
    token = unique("特征")
    best = publish(app, world.engineer, world.lead, title=f"{token}服务器硬盘告警处理", solution="更换硬盘")
    publish(app, world.engineer, world.lead, title=f"{token}打印机卡纸", solution="清洁")
    with app.session() as session:
        suggested = [h.number for h in knowledge.hits(session, knowledge.suggest_ids(session, f"{token} 硬盘告警", 5))]
    assert suggested[0] == best


def test_articles_are_captured_from_resolved_incidents(app, world):
    number = open_in(app, world, assignee_id=world.engineer.user_id, description="前面板橙灯")
    with pytest.raises(ValidationError, match="resolved"):
        knowledge.capture_from_incident(app, world.engineer, number)
    records.change_status(app, world.engineer, number, "in_progress")
    records.change_status(app, world.engineer, number, "resolved", resolution="更换 0:1:3 号硬盘")
    captured = knowledge.capture_from_incident(app, world.engineer, number)
    with app.session() as session:
        draft = session.get(knowledge.Article, knowledge.article_id(captured))
        assert (draft.status, draft.source_incident, draft.symptom) == ("draft", number, "前面板橙灯")
        assert draft.category_id == world.category_id


def test_global_search_providers(app, world, admin):
    context = Context(app, admin)
    token = unique("搜索")
    number = open_in(app, world, title=f"{token} 核心交换机端口 down")
    assert [h.key for h in queries.search(context, token, 5)] == [number]
    assert number in [h.key for h in queries.search(context, number.lower(), 5)]
    kb = publish(app, world.engineer, world.lead, title=f"{token} 交换机端口中断排查")
    assert [h.key for h in queries.search_knowledge(context, f"{token} 端口", 5)] == [kb]
    assert queries.search(context, " ", 5) == []


def test_the_index_is_rebuilt(app, world, admin):
    token = unique("重建")
    number = publish(app, world.engineer, world.lead, title=f"{token} 索引")
    assert knowledge.rebuild_search_index(app) >= 1
    assert number in found(app, token)
