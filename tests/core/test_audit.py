"""The hash-chained audit log: appends, verification, every kind of tampering, concurrent writers."""

from __future__ import annotations

import threading
from datetime import date, datetime, timezone
from decimal import Decimal

import pytest
from sqlalchemy import delete, select, text, update

from console.core import audit
from console.core.db import Base, make_engine, session_factory, session_scope
from console.core.models import AuditEntry, AuditHead


@pytest.fixture
def log(fresh_database_url):
    """A database of its own holding only the audit tables (tampering must not touch the shared one)."""
    engine = make_engine(fresh_database_url)
    Base.metadata.create_all(engine, tables=[AuditEntry.__table__, AuditHead.__table__])
    yield session_factory(engine)
    engine.dispose()


def write(sessions, count: int, start: int = 0) -> list[int]:
    ids = []
    for n in range(start, start + count):
        with session_scope(sessions) as session:
            ids.append(audit.append(session, "alice", "thing.update", "thing", n, {"n": n}).id)
    return ids


def verify(sessions) -> audit.VerifyResult:
    with session_scope(sessions) as session:
        return audit.verify(session)


def raw(sessions, statement) -> None:
    with session_scope(sessions) as session:
        session.execute(statement)


def test_an_empty_log_verifies(log):
    assert verify(log) == audit.VerifyResult(ok=True, checked=0, problems=[])


def test_appends_form_a_chain_and_move_the_head(log):
    ids = write(log, 3)
    with session_scope(log) as session:
        entries = session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
        head = session.get(AuditHead, audit.HEAD_ID)
        assert entries[0].prev_hash == audit.GENESIS
        assert [e.prev_hash for e in entries[1:]] == [e.hash for e in entries[:-1]]
        assert (head.last_id, head.last_hash) == (ids[-1], entries[-1].hash)
    assert verify(log) == audit.VerifyResult(ok=True, checked=3, problems=[])


def test_detail_is_canonical_json_with_chinese_decimals_and_dates(log):
    detail = {"z": Decimal("12.50"), "a": "客户 王伟", "when": date(2026, 2, 17),
              "at": datetime(2026, 1, 1, tzinfo=timezone.utc)}
    with session_scope(log) as session:
        entry = audit.append(session, "王伟", "customer.update", "customer", 7, detail)
    assert entry.detail == ('{"a":"客户 王伟","at":"2026-01-01 00:00:00+00:00","when":"2026-02-17",'
                            '"z":"12.50"}')
    assert entry.entity_id == "7"
    assert verify(log).ok  # the stored text and instant reproduce the hash after a round trip


def test_an_edited_detail_is_reported(log):
    ids = write(log, 5)
    raw(log, update(AuditEntry).where(AuditEntry.id == ids[2]).values(detail='{"n":999}'))
    result = verify(log)
    assert not result.ok and result.checked == 5
    assert result.problems == [f"entry {ids[2]}: its hash does not match its contents (edited?)"]


def test_an_edited_row_with_a_recomputed_hash_breaks_the_next_link(log):
    ids = write(log, 4)
    with session_scope(log) as session:
        row = session.get(AuditEntry, ids[1])
        forged = audit.entry_hash(row.prev_hash, row.at, "mallory", row.action, row.entity, row.entity_id,
                                  row.detail)
        session.execute(update(AuditEntry).where(AuditEntry.id == ids[1]).values(actor="mallory", hash=forged))
    assert verify(log).problems == [f"entry {ids[2]}: does not follow entry {ids[1]} (a row was deleted?)"]


def test_a_deleted_middle_row_is_reported(log):
    ids = write(log, 5)
    raw(log, delete(AuditEntry).where(AuditEntry.id == ids[2]))
    result = verify(log)
    assert result.checked == 4
    assert result.problems == [f"entry {ids[3]}: does not follow entry {ids[1]} (a row was deleted?)"]


def test_a_deleted_first_row_is_reported(log):
    ids = write(log, 3)
    raw(log, delete(AuditEntry).where(AuditEntry.id == ids[0]))
    assert verify(log).problems == [
        f"entry {ids[1]}: is not the start of the chain (the first rows were deleted?)"]


def test_a_deleted_last_row_is_reported(log):
    ids = write(log, 5)
    raw(log, delete(AuditEntry).where(AuditEntry.id == ids[-1]))
    assert verify(log).problems == [
        f"the log ends at entry {ids[-2]} but the head says {ids[-1]} (the last rows were deleted?)"]


def test_a_deleted_tail_then_new_appends_are_still_caught(log):
    ids = write(log, 4)
    raw(log, delete(AuditEntry).where(AuditEntry.id.in_(ids[2:])))
    later = write(log, 1, start=10)  # chained to the head's hash, which no remaining row has
    assert verify(log).problems == [f"entry {later[0]}: does not follow entry {ids[1]} (a row was deleted?)"]


def test_a_wiped_log_and_a_deleted_head_are_reported(log):
    ids = write(log, 2)
    raw(log, delete(AuditEntry))
    assert verify(log).problems == [
        f"the log is empty but the head says it ends at entry {ids[-1]} (the rows were deleted?)"]
    write(log, 1)
    raw(log, delete(AuditHead))
    assert verify(log).problems[-1] == "the log has entries but its head row is missing (deleted?)"


def test_a_forged_head_hash_is_reported(log):
    ids = write(log, 2)
    raw(log, update(AuditHead).values(last_hash="f" * 64))
    assert verify(log).problems == [f"entry {ids[-1]}: the head records a different hash for it (edited?)"]


def test_raw_sql_tampering_on_the_detail_text_is_reported(log):
    ids = write(log, 3)
    raw(log, text("UPDATE core_audit_log SET detail = :d WHERE id = :i").bindparams(d='{"n": 1}', i=ids[1]))
    assert verify(log).problems == [f"entry {ids[1]}: its hash does not match its contents (edited?)"]


def test_a_wrecked_log_reports_a_bounded_number_of_problems(log, monkeypatch):
    monkeypatch.setattr(audit, "MAX_PROBLEMS", 3)
    write(log, 6)
    raw(log, update(AuditEntry).values(detail="{}"))
    result = verify(log)
    assert len(result.problems) == 4 and result.problems[-1] == "… and 3 more problems"


def test_verify_streams_a_long_log(log):
    with session_scope(log) as session:
        for n in range(2500):  # more than one streamed batch
            audit.append(session, "bulk", "thing.create", "thing", n, {})
    assert verify(log) == audit.VerifyResult(ok=True, checked=2500, problems=[])


def test_concurrent_writers_keep_one_chain(log):
    barrier, errors = threading.Barrier(4), []

    def writer(k: int) -> None:
        barrier.wait()  # the first appends race to create the head row too
        try:
            write(log, 10, start=k * 100)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=writer, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert verify(log) == audit.VerifyResult(ok=True, checked=40, problems=[])


def test_history_lists_a_records_entries_in_order(log):
    with session_scope(log) as session:
        audit.append(session, "a", "customer.create", "customer", 1, {})
        audit.append(session, "a", "customer.create", "customer", 2, {})
        audit.append(session, "b", "customer.update", "customer", "1", {"name": ["x", "y"]})
    with session_scope(log) as session:
        entries = audit.history(session, "customer", 1)
    assert [(e.actor, e.action) for e in entries] == [("a", "customer.create"), ("b", "customer.update")]


def test_a_unit_of_work_appends_its_entries_before_commit(app, admin):
    with app.unit_of_work(admin) as work:
        work.audit("probe.touch", "probe", "uow-1", {"k": "v"})
        work.audit("probe.touch", "probe", "uow-1", {"k": "w"})
    with app.session() as session:
        entries = audit.history(session, "probe", "uow-1")
        assert [e.detail for e in entries][-2:] == ['{"k":"v"}', '{"k":"w"}']
        assert audit.verify(session).ok


def test_a_rolled_back_unit_of_work_leaves_no_entry(app, admin):
    with pytest.raises(RuntimeError):
        with app.unit_of_work(admin) as work:
            work.audit("probe.touch", "probe", "uow-2", {})
            work.session.flush()
            raise RuntimeError("boom")
    with app.session() as session:
        assert audit.history(session, "probe", "uow-2") == []
