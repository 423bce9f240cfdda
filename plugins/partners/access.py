"""Who sees which partner's data: a partner's own user (``Actor.partner_code`` set) sees only its
own partner; everyone else with ``partners.read`` sees the whole network.

Every query and write in this plugin that touches partner data goes through ``scoped`` or
``require_partner`` so the rule lives in one place.
"""

from __future__ import annotations

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from console.api import Actor, PermissionDenied
from plugins.partners.models import Partner


def own_partner_id(session: Session, actor: Actor) -> int | None:
    """The id of the actor's own partner, or None for a user inside the organisation.

    A partner's user whose partner code names no partner sees nothing: PermissionDenied.
    """
    if not actor.partner_code:
        return None
    partner_id = session.scalar(select(Partner.id).where(Partner.code == actor.partner_code.upper()))
    if partner_id is None:
        raise PermissionDenied(f"{actor.display_name} belongs to partner {actor.partner_code}, which is not "
                               "registered; ask an administrator to register it or correct your partner code.")
    return partner_id


def scoped(query: Select, partner_column, session: Session, actor: Actor) -> Select:
    """``query`` limited to the actor's own partner's rows (``partner_column`` names the partner id)."""
    partner_id = own_partner_id(session, actor)
    return query if partner_id is None else query.where(partner_column == partner_id)


def require_partner(session: Session, actor: Actor, partner_id: int, what: str) -> None:
    """Refuse a partner's user touching ``what`` (e.g. "service order SP001-000007") of another partner."""
    own = own_partner_id(session, actor)
    if own is not None and own != partner_id:
        raise PermissionDenied(f"{what} belongs to another partner; you can only see your own partner's work.")
