"""Demo configuration: service-level targets per contract level, OLAs, an underpinning contract,
ladders, standard texts and a knowledge base — written through the services (they validate it)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from console.api import DemoContext, Group, bulk_insert, calendar_names
from plugins.incidents import catalog, knowledge
from plugins.incidents.demo.texts import ARTICLES, MODELS_BY_CATEGORY, STANDARD_TEXTS
from plugins.incidents.models import Article, SlaDefinition
from plugins.incidents.sla import definitions
from plugins.incidents.sla.clocks import DEFAULT_DISTANCE_RULES

BUSINESS = "China business hours"
ARTICLE_COUNTS = {"tiny": 40, "small": 200, "medium": 1_500, "large": 5_000}


def _ladder(l2_group: int | None) -> list[dict]:
    ladder = [{"trigger": "share", "share_percent": 50, "action": "notify", "notify_target": "assignee"},
              {"trigger": "share", "share_percent": 75, "action": "notify", "notify_target": "group_lead"},
              {"trigger": "share", "share_percent": 100, "action": "notify", "notify_target": "role",
               "role": "team_lead", "repeat_minutes": 60},
              {"trigger": "share", "share_percent": 150, "action": "raise_priority"}]
    if l2_group:
        ladder.insert(2, {"trigger": "share", "share_percent": 90, "action": "reassign", "group_id": l2_group})
    return ladder


def sla_definitions(ctx: DemoContext) -> int:
    """The gold, silver and basic targets, an OLA and a partner's underpinning contract; returns how many."""
    business = BUSINESS if BUSINESS in calendar_names(ctx.app) else None
    with ctx.app.session() as session:
        l2 = session.scalar(select(Group.id).where(Group.name.like("%L2%")).limit(1))
        existing = set(session.scalars(select(SlaDefinition.name)))
    wanted = [
        dict(name="金牌响应 Gold response", metric="response", stop_event="in_progress", service_level="gold",
             p1_minutes=15, p2_minutes=30, p3_minutes=60, p4_minutes=120),
        dict(name="金牌到场 7×24 Gold on-site", metric="onsite", stop_event="arrived", service_level="gold",
             distance_rules=DEFAULT_DISTANCE_RULES, pause_reasons="customer_delay"),
        dict(name="金牌解决 Gold resolve", metric="resolve", stop_event="resolved", service_level="gold",
             p1_minutes=240, p2_minutes=480, p3_minutes=1440, p4_minutes=2880,
             pause_reasons="waiting_customer,customer_delay", levels=_ladder(l2)),
        dict(name="银牌到场 5×8 Silver on-site", metric="onsite", stop_event="arrived", service_level="silver",
             distance_rules=DEFAULT_DISTANCE_RULES, calendar_name=business, pause_reasons="customer_delay"),
        dict(name="银牌解决 Silver resolve", metric="resolve", stop_event="resolved", service_level="silver",
             calendar_name=business, p1_minutes=480, p2_minutes=960, p3_minutes=2400, p4_minutes=4800,
             pause_reasons="waiting_customer,waiting_parts,customer_delay", levels=_ladder(None)),
        dict(name="基本恢复 Basic restore", metric="restore", stop_event="restored", service_level="basic",
             calendar_name=business, p1_minutes=960, p2_minutes=1440, p3_minutes=2880, p4_minutes=4800,
             pause_reasons="waiting_customer,waiting_parts,waiting_vendor,customer_delay"),
        dict(name="一线受理 L1 acknowledgement (OLA)", kind="ola", metric="response", stop_event="assigned",
             p1_minutes=10, p2_minutes=15, p3_minutes=30, p4_minutes=60),
        dict(name="服务商到场 Partner arrival (UC)", kind="uc", scope="work_order", metric="onsite",
             work_order_kind="partner_dispatch", start_event="dispatched", stop_event="on_site",
             distance_rules=DEFAULT_DISTANCE_RULES),
    ]
    count = 0
    for values in wanted:
        if values["name"] not in existing:
            definitions.save_definition(ctx.app, ctx.actor, recompute=False, **values)
            count += 1
    return count


def standard_texts(ctx: DemoContext) -> int:
    """Standard descriptions and solutions for the categories that have them."""
    with ctx.app.session() as session:
        ids = {node.name: node.id for node in catalog.category_tree(session)}
    count = 0
    for category, entries in STANDARD_TEXTS.items():
        if category not in ids:
            continue
        for kind, title, body in entries:
            catalog.save_standard_text(ctx.app, ctx.actor, category_id=ids[category], kind=kind, title=title,
                                       body=body)
            count += 1
    return count


def articles(ctx: DemoContext, authors: list[str], resolved: dict[str, list[str]]) -> int:
    """Knowledge articles from the templates, varied by model; some linked to resolved incidents."""
    rng, now = ctx.rng, ctx.now
    count = ARTICLE_COUNTS.get(ctx.size, 200)
    with ctx.app.session() as session:
        ids = {node.name: node.id for node in catalog.category_tree(session)}
    statuses = rng.choices(("published", "draft", "in_review", "retired"), weights=(82, 9, 6, 3), k=count)
    rows = []
    for n, status in enumerate(statuses):
        category, title, symptom, solution, words = ARTICLES[n % len(ARTICLES)]
        model = rng.choice(MODELS_BY_CATEGORY.get(category, [""]))
        title = title.format(model=model).strip()
        if n >= len(ARTICLES):
            title = f"{title}（{n // len(ARTICLES) + 1}）"
        created = now - timedelta(days=rng.uniform(5, 365))
        updated = min(now, created + timedelta(days=rng.uniform(0, 30)))
        symptom, solution = symptom.format(model=model), solution.format(model=model)
        rows.append({"title": title, "category_id": ids.get(category), "symptom": symptom, "solution": solution,
                     "keywords": words, "status": status,
                     "source_incident": rng.choice(resolved[category]) if resolved.get(category) and rng.random() < 0.6
                     else None,
                     "author": rng.choice(authors), "reviewer": rng.choice(authors) if status != "draft" else None,
                     "review_comment": "", "created_at": created, "updated_at": updated,
                     "published_at": updated if status in ("published", "retired") else None,
                     "views": rng.randrange(0, 400) if status == "published" else 0,
                     "search_text": knowledge.search_text(title, words, symptom, solution), "version": 1})
    with ctx.app.unit_of_work(ctx.actor, "incidents.knowledge") as work:
        bulk_insert(work.session, Article, rows)
        work.audit("demo.seed", "article", "*", {"articles": len(rows)})
    return len(rows)
