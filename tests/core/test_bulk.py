"""bulk_insert writes exactly what the ORM would: converted types, scalar defaults, every backend."""

import uuid
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from sqlalchemy import Boolean, Date, ForeignKey, Integer, MetaData, Numeric, String, Table, select
from sqlalchemy import Column as SqlColumn

from console.core.bulk import bulk_insert
from console.core.db import UTCDateTime, make_engine, session_factory, session_scope


@pytest.fixture(scope="module")
def tables(database_url):
    engine = make_engine(database_url)
    metadata = MetaData()
    suffix = uuid.uuid4().hex[:8]
    parent = Table(f"scratch_parent_{suffix}", metadata, SqlColumn("id", Integer, primary_key=True))
    child = Table(f"scratch_bulk_{suffix}", metadata,
                  SqlColumn("id", Integer, primary_key=True),
                  SqlColumn("parent_id", ForeignKey(parent.c.id), nullable=False),
                  SqlColumn("label", String(40), nullable=False),
                  SqlColumn("at", UTCDateTime(), nullable=True),
                  SqlColumn("on", Date, nullable=True),
                  SqlColumn("amount", Numeric(14, 2), nullable=False),
                  SqlColumn("active", Boolean, nullable=False),
                  SqlColumn("version", Integer, nullable=False, default=1))
    metadata.create_all(engine)
    yield engine, parent, child
    metadata.drop_all(engine)
    engine.dispose()


def test_rows_arrive_converted_with_defaults(tables):
    engine, parent, child = tables
    beijing = timezone(timedelta(hours=8))
    rows = [{"id": n, "parent_id": 1, "label": f"备件 {n}", "at": datetime(2026, 3, 1, 9, n % 60, tzinfo=beijing),
             "on": date(2026, 3, 1 + n % 28), "amount": Decimal(n) / 4, "active": n % 2 == 0} for n in range(1, 12_001)]
    rows[5]["at"] = None
    with session_scope(session_factory(engine)) as session:
        assert bulk_insert(session, parent, [{"id": 1}]) == 1
        assert bulk_insert(session, child, iter(rows), chunk=5_000) == 12_000
        assert bulk_insert(session, child, []) == 0
    with engine.connect() as connection:
        got = connection.execute(select(child).where(child.c.id.in_([1, 6, 12_000])).order_by(child.c.id)).all()
    assert got[0].at == datetime(2026, 3, 1, 1, 1, tzinfo=timezone.utc)  # stored as UTC, loaded aware
    assert got[0].label == "备件 1" and got[0].amount == Decimal("0.25") and got[0].active is False
    assert got[0].version == 1 and got[0].on == date(2026, 3, 2)
    assert got[1].at is None
    assert got[2].amount == Decimal("3000.00") and got[2].active is True


def test_a_callable_default_is_evaluated_once_and_an_sql_default_must_be_given(tables):
    from sqlalchemy import func

    engine, _parent, _child = tables
    metadata = MetaData()
    calls = []
    stamped = Table(f"scratch_stamped_{uuid.uuid4().hex[:8]}", metadata, SqlColumn("id", Integer, primary_key=True),
                    SqlColumn("at", UTCDateTime(), default=lambda: calls.append(1) or datetime(2026, 1, 1,
                                                                                               tzinfo=timezone.utc)))
    sql_default = Table("scratch_never_created", metadata, SqlColumn("id", Integer, primary_key=True),
                        SqlColumn("at", UTCDateTime(), default=func.now()))
    stamped.create(engine)
    try:
        with session_scope(session_factory(engine)) as session:
            assert bulk_insert(session, stamped, [{"id": n} for n in range(1, 4)]) == 3
            with pytest.raises(ValueError, match="give 'at'"):
                bulk_insert(session, sql_default, [{"id": 1}])
        assert calls == [1]
        with engine.connect() as connection:
            assert {r.at for r in connection.execute(select(stamped))} == {datetime(2026, 1, 1, tzinfo=timezone.utc)}
    finally:
        stamped.drop(engine)
