"""Tests of eventwire.migrations: named, recorded, ordered, upgradeable."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import duckdb
import pytest

from eventwire.errors import StoreError
from eventwire.migrations import MIGRATIONS, Migration, applied, migrate, pending
from eventwire.records import Article
from eventwire.store import Store

NAMES = [m.name for m in MIGRATIONS]


def columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    return [row[0] for row in con.execute(f"DESCRIBE {table}").fetchall()]


def test_migrations_names_are_unique_and_ordered() -> None:
    assert len(set(NAMES)) == len(NAMES)
    assert NAMES == sorted(NAMES)
    assert NAMES[0] == "m001_initial"


def test_migrations_fresh_database_gets_all() -> None:
    con = duckdb.connect(":memory:")
    assert migrate(con) == NAMES
    assert applied(con) == NAMES
    assert pending(con) == []
    assert migrate(con) == []  # a second run applies nothing
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert {"schema_migrations", "runs", "articles", "mentions", "events", "event_mentions",
            "problems"} <= tables


def test_migrations_upgrade_from_first(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    assert migrate(con, stop_after="m001_initial") == ["m001_initial"]
    assert "provenance" not in columns(con, "events")
    con.execute("""INSERT INTO events (event_id, ordinal, event_type, sub_event_type, date_start,
                   date_end, date_precision, place_name, fatalities)
                   VALUES ('old-1', 0, 'Battles', 'Armed clash', DATE '2022-09-10', DATE '2022-09-11',
                   'range', 'Izium', 2)""")
    con.execute("""INSERT INTO articles VALUES ('a1', 'in/a.txt', NULL, NULL, NULL, NULL, NULL, NULL,
                   'h', 'Fighting went on near Izium.', now())""")
    con.close()

    with Store.open(path) as store:  # opening applies the rest
        assert applied(store._con()) == NAMES
        [event] = store.events()
        assert event.event_id == "old-1"
        assert event.provenance == () and event.disagreements == ()
        assert event.dates.start == dt.date(2022, 9, 10) and event.dates.precision == "range"
        assert store.articles() == [Article("a1", "in/a.txt", "Fighting went on near Izium.")]
        run_id = store.start_run(inputs=["x"])
        assert store.runs()[0].run_id == run_id and store.runs()[0].pid is not None
        # m006: an old event is stamped (UTC, as the store writes times); m007: no field corrections yet
        assert event.changed_at is not None
        assert abs(event.changed_at - dt.datetime.now(dt.UTC).replace(tzinfo=None)) < dt.timedelta(minutes=5)
        assert store.field_corrections() == []


@pytest.mark.parametrize("stop", NAMES)
def test_migrations_stop_after_each(stop: str) -> None:
    con = duckdb.connect(":memory:")
    done = migrate(con, stop_after=stop)
    assert done == NAMES[: NAMES.index(stop) + 1]
    assert [m.name for m in pending(con)] == NAMES[NAMES.index(stop) + 1:]


def test_migrations_unknown_stop_after() -> None:
    with pytest.raises(StoreError, match="no migration named"):
        migrate(duckdb.connect(":memory:"), stop_after="m999_nothing")


def test_migrations_newer_database_refused(tmp_path: Path) -> None:
    path = tmp_path / "newer.duckdb"
    con = duckdb.connect(str(path))
    migrate(con)
    con.execute("INSERT INTO schema_migrations VALUES ('m900_from_the_future', now())")
    con.close()
    with pytest.raises(StoreError, match="newer eventwire"):
        Store.open(path)


def test_migrations_failed_migration_rolls_back() -> None:
    def good(con: duckdb.DuckDBPyConnection) -> None:
        con.execute("CREATE TABLE kept (x INTEGER)")

    def bad(con: duckdb.DuckDBPyConnection) -> None:
        con.execute("CREATE TABLE half (x INTEGER)")
        con.execute("SELECT * FROM no_such_table")

    con = duckdb.connect(":memory:")
    plan = [Migration("a_good", good), Migration("b_bad", bad)]
    with pytest.raises(StoreError, match="b_bad"):
        migrate(con, migrations=plan)
    assert applied(con) == ["a_good"]
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert "kept" in tables and "half" not in tables


def test_migrations_read_only_old_database_needs_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    migrate(con, stop_after="m001_initial")
    con.close()
    with pytest.raises(StoreError, match="needs upgrading"):
        Store.open(path, read_only=True)
    Store.open(path).close()
    with Store.open(path, read_only=True) as store:
        assert store.events() == []


def test_migrations_json_columns_default_to_empty_lists() -> None:
    con = duckdb.connect(":memory:")
    migrate(con)
    con.execute("""INSERT INTO events (event_id, ordinal, event_type, sub_event_type, date_precision)
                   VALUES ('e', 0, 'Protests', 'Peaceful protest', 'unknown')""")
    row = con.execute("SELECT provenance, disagreements FROM events").fetchone()
    assert row is not None and [json.loads(v) for v in row] == [[], []]
