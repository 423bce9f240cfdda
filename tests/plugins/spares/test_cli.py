"""``service-console spares-…``: import, export, check the ledger, KPIs."""

import argparse

from sqlalchemy import update

from plugins.spares import cli
from plugins.spares.models import Stock
from plugins.spares.service import stock


def run(command, app, argv):
    spec = next(c for c in cli.COMMANDS if c.name == command)
    parser = argparse.ArgumentParser()
    spec.configure(parser)
    return spec.run(parser.parse_args(argv), app)


def test_check_finds_and_repairs_a_balance_that_drifted(app, admin, net, capsys):
    stock.receive(app, admin, part_number=net.fan, quantity=4, to_code=net.central)
    assert run("spares-check", app, []) == 0
    with app.session() as session:
        session.execute(update(Stock).where(Stock.quantity == 4).values(quantity=5))
    assert run("spares-check", app, []) == 1
    assert "differ from the ledger" in capsys.readouterr().out
    assert run("spares-check", app, ["--repair"]) == 0
    assert run("spares-check", app, []) == 0


def test_import_export_and_kpis(app, admin, net, tmp_path, capsys):
    path = tmp_path / "stock.csv"
    path.write_text(f"Location,Part number,Quantity\n{net.central},{net.fan},6\n", encoding="utf-8")
    assert run("spares-import", app, ["stock", str(path)]) == 0
    assert "1 receipts booked" in capsys.readouterr().out
    out = tmp_path / "parts.xlsx"
    assert run("spares-export", app, ["parts", str(out)]) == 0 and out.exists()
    assert run("spares-kpis", app, ["--by", "partner"]) == 0
    printed = capsys.readouterr().out
    assert "Spare-part KPIs" in printed and "total" in printed
    assert run("spares-kpis", app, ["--out", str(tmp_path / "kpis.csv")]) == 0
