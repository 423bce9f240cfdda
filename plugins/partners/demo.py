"""Demo partners and a year of service orders.

Partners take the codes of core's partner service centres first; orders are numbered per
partner in dispatch order, and each partner's counter is moved past the numbers used.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from console.api import DemoContext, ServiceCentre, get_setting
from plugins.partners.models import LEVELS, Partner, ServiceOrder

CHUNK = 10_000
NAMES = ["北京信达技术服务有限公司", "上海恒通系统集成有限公司", "广州粤维科技服务有限公司", "成都天府信息技术有限公司",
         "Wuhan Changjiang IT Services", "沈阳北方电子维修中心", "西安秦川网络服务有限公司", "杭州西湖数码服务有限公司",
         "Nanjing Jinling Systems", "深圳鹏程技术支持有限公司", "天津滨海信息服务有限公司", "重庆山城科技维修站"]
LATE_STEPS = ("dispatched", "accepted", "departed", "arrived", "fixed", "confirmed")


def _partners(ctx: DemoContext, session: Session) -> list[tuple[int, str]]:
    """``(id, code)`` of the demo partners, created from service-centre codes and then numbered codes."""
    wanted = ctx.scale.get("partners", 8)
    codes = sorted(set(session.scalars(select(ServiceCentre.partner_code)
                                       .where(ServiceCentre.partner_code.is_not(None)))))[:wanted]
    codes += [f"SP{n:03d}" for n in range(1, wanted - len(codes) + 1)]
    taken = set(session.scalars(select(Partner.code).where(Partner.code.in_(codes))))
    rows = [{"code": code, "name": NAMES[n % len(NAMES)], "version": 1, "active": True, "last_order_seq": 0,
             "level": ctx.rng.choices(LEVELS, [2, 5, 3])[0]}
            for n, code in enumerate(codes) if code not in taken]
    if rows:
        session.execute(insert(Partner.__table__), rows)
    return session.execute(select(Partner.id, Partner.code).where(Partner.code.in_(codes))).all()


def _status(ctx: DemoContext, age: timedelta) -> str:
    """Old orders are mostly closed; the last few days' are still on their way."""
    rng = ctx.rng
    if age < timedelta(days=3):
        return LATE_STEPS[min(int(age / timedelta(hours=12)), len(LATE_STEPS) - 1)]
    return rng.choices(("closed", "rejected", "incomplete", "confirmed"), [85, 5, 5, 5])[0]


def seed(ctx: DemoContext) -> None:
    """Write the partners and about one service order per ten demo incidents (at least 20)."""
    rng, now = ctx.rng, ctx.now
    accept_within = timedelta(minutes=get_setting(ctx.app, "partners.accept_within_minutes"))
    with ctx.app.unit_of_work(ctx.actor, "partners.edit") as work:
        session = work.session
        partners = _partners(ctx, session)
        if not partners:
            return
        sequence = dict(session.execute(select(Partner.id, Partner.last_order_seq)
                                        .where(Partner.id.in_([p for p, _ in partners]))).all())
        count = max(20, ctx.scale.get("incidents", 200) // 10)
        incidents = max(1, ctx.scale.get("incidents", 200))
        dispatched = sorted(now - timedelta(seconds=rng.uniform(0, 365 * 86400)) for _ in range(count))
        rows: list[dict] = []
        for at in dispatched:
            partner_id, code = rng.choice(partners)
            sequence[partner_id] += 1
            status = _status(ctx, now - at)
            rows.append({"number": f"{code}-{sequence[partner_id]:06d}", "partner_id": partner_id,
                         "status": status, "incident_ref": f"INC-{at:%Y}-{rng.randint(1, incidents):06d}",
                         "dispatched_at": at, "accept_due_at": at + accept_within,
                         "closed_at": min(at + timedelta(days=rng.uniform(1, 6)), now) if status == "closed" else None,
                         "version": 1})
        for start in range(0, len(rows), CHUNK):
            session.execute(insert(ServiceOrder.__table__), rows[start:start + CHUNK])
        for partner_id, last in sequence.items():
            session.execute(update(Partner.__table__).where(Partner.__table__.c.id == partner_id)
                            .values(last_order_seq=last))
        work.audit("demo.seed", "service_order", "*", {"partners": len(partners), "orders": count})
