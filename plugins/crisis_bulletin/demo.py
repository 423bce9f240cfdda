"""Demo problems and bulletins over the last year, with every active user's acknowledgement progress."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import insert, select

from console.api import DemoContext, User, get_setting
from plugins.crisis_bulletin.models import PROBLEM_STATUSES, SEVERITIES, URGENCIES, Acknowledgement, Bulletin, Problem

#: (problem title, category, bulletin body)
PROBLEMS = [
    ("存储阵列固件 V7.2 导致控制器重启 / Storage firmware 7.2 reboots controllers", "存储 Storage",
     "升级到 7.2.1 之前，请勿在业务高峰期执行控制器切换。Do not fail over controllers at peak time until 7.2.1."),
    ("核心交换机 OS 内存泄漏 / Core switch OS memory leak", "网络 Network",
     "临时措施：每 30 天计划重启一次。Workaround: schedule a reload every 30 days."),
    ("ERP 补丁 KB2026-11 登录失败 / ERP patch KB2026-11 breaks sign-in", "软件 Software",
     "请暂停推送该补丁，已安装的客户端按知识库文章回滚。Hold the patch; roll back installed clients per the article."),
    ("服务器电源模块批次缺陷 / Defective PSU batch", "服务器 Server",
     "序列号 PS24Q3 开头的电源模块需主动更换。Replace PSUs whose serials start with PS24Q3 proactively."),
    ("笔记本 BIOS 1.18 睡眠唤醒蓝屏 / Laptop BIOS 1.18 blue screen on resume", "终端 PC",
     "请回退到 BIOS 1.17 并关闭快速启动。Roll back to BIOS 1.17 and disable fast start-up."),
    ("打印机驱动与新版系统不兼容 / Printer driver incompatible with new OS build", "打印机 Printer",
     "使用通用驱动作为临时方案。Use the universal driver as a workaround."),
]
STANDALONE = [("春节期间服务安排 / Service arrangements over Spring Festival",
               "节假日期间 7×24 热线照常，现场服务按值班表安排。The 24×7 hotline stays open; on-site visits follow the rota."),
              ("热线系统维护通知 / Hotline system maintenance",
               "本周六 22:00–24:00 热线系统维护，请使用邮件报修。Sat 22:00–24:00: use e-mail to report incidents.")]


def seed(ctx: DemoContext) -> None:
    """Write problems (``ctx.scale["problems"]``, default 6), one bulletin each plus two standalone ones,
    and the acknowledgement rows of every active user."""
    rng, now = ctx.rng, ctx.now
    count = ctx.scale.get("problems", len(PROBLEMS))
    ack_within = timedelta(hours=get_setting(ctx.app, "crisis_bulletin.ack_hours"))
    with ctx.app.unit_of_work(ctx.actor, "crisis_bulletin.edit") as work:
        session = work.session
        readers = session.scalars(select(User.id).where(User.is_active.is_(True))).all()
        if not readers:
            return
        bulletins = []
        for n in range(count):
            title, category, body = PROBLEMS[n % len(PROBLEMS)]
            created = now - timedelta(days=rng.uniform(1, 360))
            age_share = min(1.0, (now - created) / timedelta(days=120))
            problem = Problem(title=title, urgency=rng.choice(URGENCIES), owner_id=rng.choice(readers),
                              category=category, workaround=body, created_at=created,
                              status=PROBLEM_STATUSES[min(int(age_share * len(PROBLEM_STATUSES)),
                                                          len(PROBLEM_STATUSES) - 1)])
            bulletins.append((problem, title, body, created + timedelta(hours=rng.uniform(2, 48))))
        bulletins += [(None, title, body, now - timedelta(days=rng.uniform(1, 300))) for title, body in STANDALONE]
        for problem, title, body, published in sorted(bulletins, key=lambda b: b[3]):
            published = min(published, now)
            bulletin = Bulletin(problem=problem, title=title, body=body, published_at=published,
                                severity=rng.choices(SEVERITIES, [2, 5, 3])[0], ack_deadline=published + ack_within)
            session.add(bulletin)
            session.flush()
            session.execute(insert(Acknowledgement.__table__), [_progress(ctx, bulletin, user_id) for user_id in readers])
        work.audit("demo.seed", "bulletin", "*", {"problems": count, "bulletins": len(bulletins)})


def _progress(ctx: DemoContext, bulletin: Bulletin, user_id: int) -> dict:
    """One reader's row: most read the bulletin within hours, most of those acknowledged it."""
    rng, now = ctx.rng, ctx.now
    read = bulletin.published_at + timedelta(hours=rng.uniform(0.1, 30)) if rng.random() < 0.85 else None
    read = read if read is not None and read <= now else None
    acknowledged = read + timedelta(minutes=rng.uniform(1, 120)) if read and rng.random() < 0.85 else None
    return {"bulletin_id": bulletin.id, "user_id": user_id, "delivered_at": bulletin.published_at,
            "read_at": read, "acknowledged_at": acknowledged if acknowledged and acknowledged <= now else None}
