"""Global search: service orders (by number or the partner's own number), claims and settlements by
number, partners by code or name — a partner's own user finds only its own partner's."""

from __future__ import annotations

from sqlalchemy import or_, select

from console.api import Context, SearchHit
from plugins.partners import PAGES, access
from plugins.partners.models import Claim, Partner, ServiceOrder, Settlement

PAGE = {page_id.split(".")[1]: page_id for page_id, _title, _target, _permission in PAGES}


def search(context: Context, text: str, limit: int) -> list[SearchHit]:
    """Orders, claims and settlements whose number starts with ``text``; partners whose code starts
    with it or whose name contains it."""
    text = text.strip()
    if not text:
        return []
    upper = text.upper()
    actor = context.actor
    with context.app.session() as session:
        def rows(query, partner_column):
            return session.execute(access.scoped(query, partner_column, session, actor).limit(limit)).all()

        hits = [SearchHit(number, f"{name} · {status}" + (f" · {ref}" if ref else ""), PAGE["orders"], number)
                for number, name, status, ref in rows(
                    select(ServiceOrder.number, Partner.name, ServiceOrder.status, ServiceOrder.external_ref)
                    .join(Partner, Partner.id == ServiceOrder.partner_id)
                    .where(or_(ServiceOrder.number.startswith(upper, autoescape=True),
                               ServiceOrder.external_ref.startswith(text, autoescape=True)))
                    .order_by(ServiceOrder.number), ServiceOrder.partner_id)]
        hits += [SearchHit(number, f"{name} · {status} · {amount:,.2f}", PAGE["claims"], number)
                 for number, name, status, amount in rows(
                     select(Claim.number, Partner.name, Claim.status, Claim.amount)
                     .join(Partner, Partner.id == Claim.partner_id)
                     .where(Claim.number.startswith(upper, autoescape=True)).order_by(Claim.number), Claim.partner_id)]
        hits += [SearchHit(number, f"{name} · {start} – {end} · {status}", PAGE["settlements"], number)
                 for number, name, start, end, status in rows(
                     select(Settlement.number, Partner.name, Settlement.period_start, Settlement.period_end,
                            Settlement.status).join(Partner, Partner.id == Settlement.partner_id)
                     .where(Settlement.number.startswith(upper, autoescape=True)).order_by(Settlement.number),
                     Settlement.partner_id)]
        hits += [SearchHit(f"{code} · {name}", regions or level, PAGE["network"], partner_id)
                 for partner_id, code, name, level, regions in rows(
                     select(Partner.id, Partner.code, Partner.name, Partner.level, Partner.regions)
                     .where(or_(Partner.code.startswith(upper, autoescape=True),
                                Partner.name.icontains(text, autoescape=True))).order_by(Partner.code), Partner.id)]
    return hits[:limit]
