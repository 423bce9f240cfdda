"""Import of partners' claims from CSV or XLSX: all-or-nothing, problems named by row, and the same
file imported twice changes nothing.

Each row names its service order by our number (``Service order``) or by the partner's own order
reference (``Partner`` + ``Order ref``). ``Claim ref`` is the partner's claim number: a row whose
(partner, claim ref) is already claimed is skipped. Amounts left empty are the rate card's; part
lines are written ``PN:qty:installed serial:removed serial; ...``.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from console.api import Actor, AppContext, ValidationError, tables

from plugins.partners.claims import CLAIM, add_claim, claimable_order, local_zone, parse_parts
from plugins.partners.imports import ImportResult, earlier_batch, file_digest, record_batch
from plugins.partners.models import Claim, Partner, ServiceOrder

KIND = "claims"
COLUMNS = (
    tables.TableColumn("order_number", "Service order", ("派工单", "派工单号", "order")),
    tables.TableColumn("partner_code", "Partner", ("服务商", "服务商代码", "partner code")),
    tables.TableColumn("order_ref", "Order ref", ("服务商工单号", "external order")),
    tables.TableColumn("claim_ref", "Claim ref", ("服务商单据号", "external ref", "claim")),
    tables.TableColumn("service_date", "Service date", ("服务日期",), parse=tables.parse_date),
    tables.TableColumn("labour", "Labour", ("人工费",), parse=tables.decimal(2)),
    tables.TableColumn("travel", "Travel", ("交通费", "路程费"), parse=tables.decimal(2)),
    tables.TableColumn("parts", "Parts handling", ("备件费", "parts"), parse=tables.decimal(2)),
    tables.TableColumn("other", "Other", ("其他费用",), parse=tables.decimal(2)),
    tables.TableColumn("other_note", "Other note", ("其他费用说明",), parse=tables.text(255)),
    tables.TableColumn("travel_km", "Travel km", ("里程", "公里"), parse=tables.decimal(1)),
    tables.TableColumn("part_lines", "Part lines", ("备件", "part lines"), parse=tables.text(2000)),
)


def import_claims(app: AppContext, actor: Actor, path: Path | str) -> ImportResult:
    """Import the claims of a CSV or XLSX file in one transaction (all rows or none).

    The same file again returns ``ImportResult.already`` and changes nothing; rows already claimed
    (same partner and claim ref) are skipped; anything wrong refuses the whole file with every
    problem and its row.
    """
    digest = file_digest(path)
    rows = tables.read_table(path, COLUMNS)
    zone = local_zone(app)
    name = Path(path).name
    with app.unit_of_work(actor, CLAIM) as work:
        session = work.session
        if (batch := earlier_batch(work, KIND, digest)) is not None:
            session.expunge(batch)
            return ImportResult(KIND, name, already=batch)
        problems = tables.Problems(path, COLUMNS)
        added = skipped = 0
        seen: dict[tuple[int, str], int] = {}
        for number, values in rows:
            with problems.row(number):
                order = _order(session, actor, values)
                ref = values["claim_ref"]
                if ref and (order.partner_id, ref) in seen:
                    raise ValidationError(f"claim ref {ref} is also on row {seen[order.partner_id, ref]}; "
                                          "each claim needs its own reference.", "claim_ref")
                if ref:
                    seen[order.partner_id, ref] = number
                if ref and session.scalar(select(Claim.id).where(Claim.partner_id == order.partner_id,
                                                                 Claim.external_ref == ref)):
                    skipped += 1
                    continue
                claimed = {k: values[k] for k in ("labour", "travel", "parts")}
                add_claim(work, order, zone, service_date=values["service_date"],
                          parts=parse_parts(values["part_lines"]), travel_km=values["travel_km"],
                          other=values["other"], other_note=values["other_note"], external_ref=ref, claimed=claimed,
                          event="imported")
                added += 1
        problems.raise_if_any()
        record_batch(work, KIND, path, digest, len(rows))
    return ImportResult(KIND, name, added=added, skipped=skipped)


def _order(session, actor: Actor, values: dict) -> ServiceOrder:
    """The row's service order: by our number, or by the partner's code and its own order reference."""
    if values["order_number"]:
        return claimable_order(session, actor, values["order_number"])
    if not (values["partner_code"] and values["order_ref"]):
        raise ValidationError("name the service order: fill in “Service order”, or “Partner” and “Order ref”.",
                              "order_number")
    number = session.scalar(select(ServiceOrder.number).join(Partner, Partner.id == ServiceOrder.partner_id)
                            .where(Partner.code == values["partner_code"].upper(),
                                   ServiceOrder.external_ref == values["order_ref"]))
    if number is None:
        raise ValidationError(f"partner {values['partner_code']} has no service order with reference "
                              f"{values['order_ref']}; import the order first.", "order_ref")
    return claimable_order(session, actor, number)
