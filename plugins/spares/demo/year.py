"""A year of one spare part, simulated for the demo data: plain dict rows, never a location below zero.

Engineers request the part at their designated depot; it is issued from there when it has
stock (a fill-rate hit), else from the central depot (a miss) or it waits. Depots below their
minimum are refilled by the weekly shipment from the central depot; the central depot reorders
from the supplier. A return-required part's defective unit comes back (mostly in time),
is inspected, repaired or scrapped; a few never come back and become losses. Quarterly counts
find the odd difference. Every unit's whereabouts are tracked, so the ledger always adds up.
"""

from __future__ import annotations

import heapq
import math
from datetime import datetime, time, timedelta
from decimal import Decimal
from typing import Callable

from plugins.spares.demo.world import BEIJING, ONE, Ids, PartInfo, Places, Rows, Shipments, office_hours

DAY, HOUR = timedelta(days=1), timedelta(hours=1)


class PartYear:
    """The year of one part: ``run()`` fills ``rows``.

    ``units`` is what the simulation knows to be at each depot. A unit leaves it no later than
    the ledger says and joins it no earlier, so the ledger always holds at least as much as the
    simulation believes: never less than zero.
    """

    def __init__(self, part: PartInfo, places: Places, ids: Ids, rows: Rows, shipments: Shipments, rng,
                 now: datetime, counts: list[dict], refs: Callable[[datetime, int], tuple[str, str | None]]):
        self.part, self.places, self.ids, self.rows, self.shipments = part, places, ids, rows, shipments
        self.rng, self.now, self.counts, self.refs = rng, now, list(counts), refs
        self.depots = {places.central, *places.field}
        self.units: dict[int, list[str | None]] = {depot: [] for depot in self.depots}
        self.held: dict[int, int] = {}  # units reserved at a depot (the last days' requests)
        self.arrivals: list[tuple[datetime, int, int, list]] = []  # (at, tiebreak, depot, units)
        self.made = self.tick = 0
        self.minimum: dict[int, int] = {}
        self.target: dict[int, int] = {}
        self.refill_due: dict[int, datetime] = {}  # depot → when its refill arrives
        self.order_due = datetime.min.replace(tzinfo=now.tzinfo)

    # -- units ---------------------------------------------------------------------------
    def new_units(self, count: int, tag: str = "") -> list[str | None]:
        """Units entering the network: new serials for serialized parts, else placeholders."""
        if not self.part.serialized:
            return [None] * count
        self.made += count
        prefix = f"{self.part.number[:3]}{self.part.id:05d}"
        return [f"{prefix}{tag}{n:05d}" for n in range(self.made - count + 1, self.made + 1)]

    def available(self, depot: int) -> int:
        """What a depot can give now: its units less those reserved there."""
        return len(self.units[depot]) - self.held.get(depot, 0)

    def take(self, depot: int, count: int) -> list[str | None]:
        """The ``count`` oldest units at ``depot``, removed from it."""
        held = self.units[depot]
        taken, self.units[depot] = held[:count], held[count:]
        return taken

    def settle(self, now: datetime) -> None:
        """Units whose move into a depot happened by ``now`` join its stock."""
        while self.arrivals and self.arrivals[0][0] <= now:
            _when, _tick, depot, units = heapq.heappop(self.arrivals)
            self.units[depot].extend(units)

    def move(self, kind: str, when: datetime, source: int | None, target: int | None, units: list, ref: str | None,
             *, actor: str = "demo", **extra) -> list[int]:
        """Ledger rows for ``units`` (already taken from ``source``); returns their ids. Units moved into
        a depot join its stock at ``when``."""
        if target in self.depots:
            self.tick += 1
            heapq.heappush(self.arrivals, (when, self.tick, target, units))
        batches = ([(ONE, serial) for serial in units] if self.part.serialized
                   else [(Decimal(len(units)), None)] if units else [])
        ids = []
        for quantity, serial in batches:
            ids.append(self.ids.take("move"))
            self.rows.moves.append({"id": ids[-1], "part_id": self.part.id, "from_location_id": source,
                                    "to_location_id": target, "quantity": quantity, "serial": serial, "kind": kind,
                                    "at": when, "ref": ref, "actor": actor, "partner_code": extra.get("partner_code"),
                                    "request_id": extra.get("request_id"), "shipment_id": extra.get("shipment_id"),
                                    "issue_id": extra.get("issue_id"), "note": extra.get("note")})
        return ids

    # -- the year ------------------------------------------------------------------------
    def run(self, start: datetime) -> None:
        """The whole year from ``start``: safety stock, opening stock, then every request in time order."""
        places, part, rng = self.places, self.part, self.rng
        total = sum(places.weights)
        for depot, weight in zip(places.field, places.weights):
            monthly = part.demand * weight / total / 12
            if monthly * 12 >= 1.5 or rng.random() < 0.35:
                self.minimum[depot] = max(1, math.ceil(monthly * 0.8)) * part.lot
                self.target[depot] = self.minimum[depot] + max(1, math.ceil(monthly * 1.2)) * part.lot
                self.rows.safety.append({"part_id": part.id, "location_id": depot,
                                         "minimum": Decimal(self.minimum[depot]),
                                         "target": Decimal(self.target[depot]), "version": 1})
        opening = max(2, math.ceil(part.demand / 6)) * part.lot + sum(self.target.values())
        self.move("receipt", start, None, places.central, self.new_units(opening), f"PO-{start:%Y}-OPENING")
        self.settle(start)
        for depot, target in self.target.items():
            self.move("transfer", start + HOUR, places.central, depot, self.take(places.central, target),
                      f"OPENING-{start:%Y}", partner_code=places.partner_of.get(depot))
        for when, depot in self.demands(start):
            self.count_sheets(when)
            self.settle(when)
            self.request(when, depot)
            self.refill(depot, when)
            self.reorder(when)
        self.count_sheets(self.now)

    def demands(self, start: datetime) -> list[tuple[datetime, int]]:
        """Request instants over the year (Beijing working hours) and the depot each comes to."""
        rng, span = self.rng, (self.now - start).total_seconds()
        out = []
        for _ in range(int(self.part.demand + rng.random())):
            moment = start + timedelta(seconds=rng.uniform(DAY.total_seconds(), span))
            local = moment + timedelta(hours=8)
            moment = moment.replace(hour=(rng.randint(9, 19) - 8) % 24) if not 8 <= local.hour < 20 else moment
            out.append((min(moment, self.now - timedelta(minutes=5)),
                        rng.choices(self.places.field, weights=self.places.weights)[0]))
        return sorted(out)

    def request(self, when: datetime, depot: int) -> None:
        """An engineer asks ``depot`` for the part at ``when``: hold it, issue it (from there or the central
        depot), or wait; an issue starts the return loop or, now and then, an unused return."""
        part, places, rng, ids = self.part, self.places, self.rng, self.ids
        ref, partner = self.refs(when, depot)
        lot = part.lot if rng.random() < 0.7 else 1
        request_id = ids.take("request")
        request = {"id": request_id, "number": f"~{request_id}", "ref": ref, "part_id": part.id,
                   "quantity": Decimal(lot), "depot_id": depot, "partner_code": partner, "status": "open",
                   "requested_at": when, "requested_by": rng.choice(("engineer", "lead", "clerk")),
                   "requester_id": None, "issued_quantity": Decimal(0), "first_issue_at": None,
                   "first_issue_full": None, "note": None, "version": 1}
        self.rows.requests.append(request)
        age = self.now - when
        if age < timedelta(days=3) and self.available(depot) >= lot and rng.random() < 0.45:
            self.reserve(request, depot, when, "active")  # held; the engineer collects it soon
            self.held[depot] = self.held.get(depot, 0) + lot
            return
        source = depot if self.available(depot) >= lot else None
        if source is None and self.available(places.central) >= lot and rng.random() < 0.8:
            source = places.central
        if source is None:
            if age > timedelta(days=10):
                request["status"] = "cancelled"  # the engineer found another way; older ones are closed
            return
        issued = min(when + timedelta(hours=rng.uniform(0.3, 3 if source == depot else 30)),
                     self.now - timedelta(minutes=1))
        if rng.random() < 0.6:
            self.reserve(request, source, when, "issued", closed=issued)
        units = self.take(source, lot)
        partner_code = partner or places.partner_of.get(source)
        move_ids = self.move("issue", issued, source, None, units, ref, partner_code=partner_code,
                             request_id=request_id)
        request.update(status="filled", issued_quantity=Decimal(lot), first_issue_at=issued,
                       first_issue_full=source == depot)
        for move_id, unit in zip(move_ids, units):
            quantity = ONE if part.serialized else Decimal(lot)
            if part.returns:
                self.return_loop(move_id, issued, source, ref, partner_code, unit, quantity)
            elif rng.random() < 0.04 and issued + 2 * DAY < self.now:
                back = min(office_hours(issued + timedelta(days=rng.uniform(1, 6))), self.now - HOUR)
                count = 1 if part.serialized else rng.randint(1, lot)
                self.move("unused_return", back, None, source, [unit] * count, ref, partner_code=partner_code,
                          issue_id=move_id, note="未使用退回 returned unused")

    def reserve(self, request: dict, depot: int, when: datetime, status: str, closed: datetime | None = None) -> None:
        """The reservation row of ``request`` at ``depot``."""
        self.rows.reservations.append({"request_id": request["id"], "part_id": self.part.id, "location_id": depot,
                                       "quantity": request["quantity"], "status": status, "created_at": when,
                                       "expires_at": when + timedelta(hours=72), "closed_at": closed})

    def refill(self, depot: int, when: datetime) -> None:
        """Below its minimum, a depot gets the next weekly shipment up to its target."""
        places = self.places
        if depot not in self.minimum or self.refill_due.get(depot, when) > when:
            return
        have = self.available(depot)
        if have >= self.minimum[depot]:
            return
        shipment = self.shipments.slot(depot, when)
        if shipment is None:
            return
        spare = self.available(places.central) - self.part.lot
        units = self.take(places.central, min(self.target[depot] - have, max(0, spare)))
        if not units:
            return
        partner = places.partner_of.get(depot)
        self.move("transfer", shipment["shipped_at"], places.central, places.transit, units, shipment["number"],
                  shipment_id=shipment["id"], partner_code=partner)
        shipment["lines"] += 1
        arrives = shipment["arrives"]
        self.refill_due[depot] = arrives
        line = {"shipment_id": shipment["id"], "part_id": self.part.id}
        if arrives >= self.now:
            self.lines(line, units, [], arrived=False)
            return
        short = 1 if len(units) > 1 and self.rng.random() < 0.03 else 0
        arrived, missing = units[:len(units) - short], units[len(units) - short:]
        self.lines(line, units, missing, arrived=True)
        self.move("transfer", arrives, places.transit, depot, arrived, shipment["number"], shipment_id=shipment["id"],
                  partner_code=partner)
        if missing:
            shipment["short"] = True
            self.shortfall(shipment, missing, arrives)

    def lines(self, line: dict, shipped: list, missing: list, arrived: bool) -> None:
        """Shipment lines, one per serial (else one for the lot), with what arrived of each."""
        if self.part.serialized:
            for serial in shipped:
                received = ONE if arrived and serial not in missing else Decimal(0)
                self.rows.lines.append({**line, "serial": serial, "quantity": ONE, "received_quantity": received})
        else:
            received = Decimal(len(shipped) - len(missing)) if arrived else Decimal(0)
            self.rows.lines.append({**line, "serial": None, "quantity": Decimal(len(shipped)),
                                    "received_quantity": received})

    def shortfall(self, shipment: dict, missing: list, found: datetime) -> None:
        """A shipment arrived short: the discrepancy, and (for old ones) the loss written off a week later."""
        old = self.now - found > timedelta(days=20)
        lost = office_hours(found + 7 * DAY)
        self.rows.discrepancies.append({
            "number": None, "kind": "shipment_short", "source": shipment["number"],
            "ref": shipment["number"], "expected_part_id": self.part.id, "expected_serial": missing[0],
            "received_part_id": None, "received_serial": None, "quantity": Decimal(len(missing)), "logged_at": found,
            "logged_by": "clerk", "status": "reconciled" if old else "open",
            "resolution": "written_off" if old else None,
            "note": "承运商确认丢失 carrier confirmed the loss" if old else "到货短少 one unit short on arrival",
            "reconciled_at": lost if old else None, "reconciled_by": "lead" if old else None, "version": 1})
        if old:
            shipment["written_off"] = True
            self.move("transit_loss", lost, self.places.transit, None, missing, shipment["number"],
                      shipment_id=shipment["id"], note="承运商确认丢失 carrier confirmed the loss", actor="lead")

    def reorder(self, when: datetime) -> None:
        """The central depot orders from the supplier when it runs low (one order on its way at a time)."""
        places, part = self.places, self.part
        if self.order_due > when or self.available(places.central) >= max(1, math.ceil(part.demand / 12)) * part.lot:
            return
        delivered = office_hours(when + timedelta(days=self.rng.uniform(3, 12)))
        self.order_due = delivered
        if delivered < self.now:
            self.move("receipt", delivered, None, places.central,
                      self.new_units(max(2, math.ceil(part.demand / 6)) * part.lot),
                      f"PO-{delivered:%Y}-{self.rng.randint(100, 999)}")

    # -- the return loop -----------------------------------------------------------------
    def return_loop(self, issue_id: int, issued: datetime, depot: int, ref: str, partner: str | None,
                    unit: str | None, quantity: Decimal) -> None:
        """The expected return of an issue and how far it got by now: back, inspected, repaired or scrapped,
        restocked unused, or still out (and perhaps a loss)."""
        rng, places, now = self.rng, self.places, self.now
        due = (issued + timedelta(hours=8)).date() + timedelta(days=15)
        row = {"number": None, "issue_id": issue_id, "ref": ref, "partner_code": partner,
               "part_id": self.part.id, "quantity": quantity, "depot_id": depot, "issued_serial": unit,
               "expected_serial": None, "issued_at": issued, "due_on": due, "state": "expected", "outcome": None,
               "received_part_id": None, "received_serial": None, "received_at": None, "location_id": None,
               "closed_at": None, "loss_reason": None, "loss_requested_by": None, "written_off_at": None,
               "written_off_by": None, "loss_value": None, "overdue_notified": False, "version": 1}
        self.rows.returns.append(row)
        fate = rng.random()
        delay = rng.uniform(2, 13) if fate < 0.86 else rng.uniform(16, 45) if fate < 0.96 else None
        if delay is None or office_hours(issued + timedelta(days=delay)) >= now:
            self.never_back(row, due)
            return
        outcome = rng.choices(("defective", "good_unused", "wrong_part"), (88, 8, 4))[0]
        serial = unit if outcome == "good_unused" else self.new_units(1, "R")[0]
        received = office_hours(issued + timedelta(days=delay))
        units = [serial] * (1 if self.part.serialized else int(quantity))
        self.move("defective_return", received, None, places.defective, units, ref, partner_code=partner)
        row.update(state="received", received_part_id=self.part.id, received_serial=serial, received_at=received,
                   location_id=places.defective, overdue_notified=(received + timedelta(hours=8)).date() > due)
        inspected = office_hours(received + timedelta(days=rng.uniform(0.5, 3)))
        if inspected >= now:
            return
        row.update(state="inspected", outcome=outcome)
        if outcome == "wrong_part":
            self.wrong_part(row, inspected)
        if outcome == "good_unused":
            self.move("restock", inspected, places.defective, places.central, units, ref, partner_code=partner)
            row.update(state="restocked", location_id=places.central, closed_at=inspected)
            return
        sent = office_hours(inspected + timedelta(days=rng.uniform(1, 8)))
        if sent >= now:
            return
        vendor = rng.choice(places.repairs)
        self.move("repair_send", sent, places.defective, vendor, units, ref, partner_code=partner)
        row.update(state="at_repair", location_id=vendor)
        repaired = rng.random() < 0.8
        back = office_hours(sent + timedelta(days=rng.uniform(10, 30) if repaired else rng.uniform(4, 12)))
        if back >= now:
            return
        if repaired:
            self.move("repair_receipt", back, vendor, places.central, units, ref, note="翻新件 refurbished")
            row.update(state="refurbished", location_id=places.central, closed_at=back)
        else:
            self.move("scrap", back, vendor, places.scrap, units, ref, note="无法修复 beyond repair")
            row.update(state="scrapped", location_id=places.scrap, closed_at=back)

    def never_back(self, row: dict, due) -> None:
        """Still expected; a long overdue one is asked to be written off, and an approver decides within days."""
        late = ((self.now + timedelta(hours=8)).date() - due).days
        if late > 40 and self.rng.random() < 0.85:
            asked = datetime.combine(due + timedelta(days=38), time(10), BEIJING)
            row.update(loss_reason=self.rng.choice(("工程师确认遗失 lost by the engineer",
                                                    "客户保留坏件 kept by the customer",
                                                    "寄回途中丢失 lost in the post")),
                       loss_requested_by="clerk", overdue_notified=True, state="loss_requested")
            decided = asked + timedelta(days=self.rng.uniform(1, 6))
            if decided < self.now and self.rng.random() < 0.9:
                row.update(state="written_off", written_off_at=decided, written_off_by="lead",
                           loss_value=self.part.cost * row["quantity"], closed_at=decided)
            elif decided < self.now:
                row["state"] = "expected"  # rejected: the engineer is to look again
        elif late > 0:
            row["overdue_notified"] = self.rng.random() < 0.9

    def wrong_part(self, row: dict, found: datetime) -> None:
        """An inspection found the wrong part: the wrong shipment, reconciled when it is old enough."""
        old = self.now - found > timedelta(days=25)
        self.rows.discrepancies.append({
            "number": None, "kind": "return_part", "source": row,
            "ref": row["ref"], "expected_part_id": self.part.id, "expected_serial": None,
            "received_part_id": self.part.id, "received_serial": row["received_serial"], "quantity": row["quantity"],
            "logged_at": found, "logged_by": "clerk", "status": "reconciled" if old else "open",
            "resolution": self.rng.choice(("charged_back", "replaced", "accepted")) if old else None,
            "note": "返回件版本不符 the returned unit is another revision", "version": 1,
            "reconciled_at": found + timedelta(days=5) if old else None, "reconciled_by": "lead" if old else None})

    # -- counts --------------------------------------------------------------------------
    def count_sheets(self, now: datetime) -> None:
        """Lines of every count sheet made by ``now``, counted as the depot stood when the sheet was made; a
        posted sheet's odd difference is booked when it was posted."""
        while self.counts and self.counts[0]["created_at"] <= now:
            sheet = self.counts.pop(0)
            self.settle(sheet["created_at"])
            depot = sheet["location_id"]
            held = self.units[depot]
            if not held and depot not in self.minimum:
                continue
            for serial in (list(held) if self.part.serialized else [None]):
                book = ONE if self.part.serialized else Decimal(len(held))
                counted = book
                odd = 0.15 if sheet["status"] == "awaiting_approval" else 0.02  # that one found a lot
                if sheet["status"] != "counting" and self.rng.random() < odd and (book > 0 or not serial):
                    counted = book - 1 if book > 0 and self.rng.random() < 0.7 else book + 1
                    counted = min(counted, ONE) if serial else counted
                elif sheet["status"] == "counting" and self.rng.random() < 0.4:
                    counted = None
                self.rows.count_lines.append({"count_id": sheet["id"], "part_id": self.part.id, "serial": serial or "",
                                              "book_quantity": book, "counted_quantity": counted,
                                              "cost": self.part.cost})
                if sheet["status"] == "posted" and counted is not None and counted != book:
                    self.adjust(sheet, depot, serial, counted - book)

    def adjust(self, sheet: dict, depot: int, serial: str | None, difference: Decimal) -> None:
        """Book a count difference at the sheet's posting time."""
        if difference < 0:
            units = [serial] if serial else self.take(depot, int(-difference))
            if serial:
                self.units[depot].remove(serial)
            self.move("count_adjustment", sheet["posted_at"], depot, None, units, sheet["number"],
                      note=sheet["number"], actor="clerk")
        else:
            self.move("count_adjustment", sheet["posted_at"], None, depot, [None] * int(difference), sheet["number"],
                      note=sheet["number"], actor="clerk")
