"""Tests of eventwire.store.migrations: named, recorded, ordered, upgradeable."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import duckdb
import pytest

from eventwire.errors import StoreError
from eventwire.records import Article
from eventwire.store.database import Store
from eventwire.store.migrations import MIGRATIONS, Migration, applied, migrate, pending

from ..test_faults import GOOD

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


# -- m008: articles keyed by the path as typed, re-keyed by what they are -------------------------


def _old_hash(row: dict) -> str:
    """The content hash eventwire stored before m008: it covered the path as typed."""
    import hashlib

    parts = [row["text"], row["title"], row["source"], row["published"].isoformat() if row["published"] else None,
             row["published_origin"], row["url"], row["year_hint"], row["file"]]
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False, default=str).encode("utf-8")).hexdigest()


def _as_before_m008(db: Path, folder: Path, *, also_absolute: bool) -> str:
    """Make ``db`` (a run of ``folder`` by its absolute path) what eventwire made before m008
    of a run of ``folder`` by the relative path ``in`` (and, with ``also_absolute``, a second
    run by its absolute path, which stored every article and mention again): articles keyed
    by the path as typed, hashes over it, the doubles' mentions in the events beside the
    first ones. Return the id of a doubled mention an analyst split out."""
    import hashlib

    con = duckdb.connect(str(db))
    articles = [dict(zip([c[0] for c in con.execute("SELECT * FROM articles").description], r, strict=True))
                for r in con.execute("SELECT * FROM articles").fetchall()]
    split = ""
    for row in articles:
        absolute = row["article_id"]
        relative = "in/" + Path(absolute).name
        assert absolute == str(folder / Path(absolute).name)
        if also_absolute:
            con.execute("UPDATE articles SET content_hash = ? WHERE article_id = ?", [_old_hash(row), absolute])
            copy = {**row, "article_id": relative, "file": relative}
            copy["content_hash"] = _old_hash(copy)
            con.execute(f"INSERT INTO articles ({', '.join(copy)}) VALUES ({', '.join('?' * len(copy))})",
                        list(copy.values()))
            for (mention_id,) in con.execute("SELECT mention_id FROM mentions WHERE article_id = ?",
                                             [absolute]).fetchall():
                double = hashlib.sha1(f"{relative}|{mention_id}".encode()).hexdigest()[:16]
                con.execute("CREATE OR REPLACE TEMP TABLE m AS SELECT * FROM mentions WHERE mention_id = ?",
                            [mention_id])
                con.execute("UPDATE m SET mention_id = ?, article_id = ?, file = ?", [double, relative, relative])
                con.execute("INSERT INTO mentions SELECT * FROM m")
                con.execute("CREATE OR REPLACE TEMP TABLE em AS SELECT * FROM event_mentions WHERE mention_id = ?",
                            [mention_id])
                con.execute("UPDATE em SET mention_id = ?, article_id = ?, file = ?, position = position + 1000",
                            [double, relative, relative])
                con.execute("INSERT INTO event_mentions SELECT * FROM em")
                split = split or double
        else:
            moved = {**row, "article_id": relative, "file": relative}
            con.execute("UPDATE articles SET article_id = ?, file = ?, content_hash = ? WHERE article_id = ?",
                        [relative, relative, _old_hash(moved), absolute])
            for table in ("mentions", "event_mentions"):
                con.execute(f"UPDATE {table} SET article_id = ?, file = ? WHERE article_id = ?",
                            [relative, relative, absolute])
    if split:
        con.execute("INSERT INTO corrections VALUES ('c-old', 'split', ?, NULL, now(), NULL)", [split])
    con.execute("DELETE FROM schema_migrations WHERE name = 'm008_article_identity'")
    con.close()
    return split


@pytest.mark.parametrize("also_absolute", [True, False], ids=["doubled", "relative"])
def test_migrations_m008_rekeys_old_path_keys_without_loss_or_doubles(tmp_path: Path, also_absolute: bool) -> None:
    import shutil

    from ..test_faults import _run, _stored, write_good

    write_good(tmp_path / "in")
    clean = _run(tmp_path, str(tmp_path / "in"), "out0")
    stored = _stored(tmp_path / "e.duckdb")
    assert stored[1] > 0
    shutil.copy(tmp_path / "e.duckdb", tmp_path / "old.duckdb")
    split = _as_before_m008(tmp_path / "old.duckdb", tmp_path / "in", also_absolute=also_absolute)
    with duckdb.connect(str(tmp_path / "old.duckdb"), read_only=True) as con:
        before = con.execute("SELECT count(*) FROM articles").fetchone()
    assert before == (stored[0] * (2 if also_absolute else 1),)

    # The old database migrates on opening; a run by the path it was not read by adds nothing.
    again = _run(tmp_path, str(tmp_path / "in") if not also_absolute else "in", "out1", db="old.duckdb")
    assert (again["articles"], again["articles_reused"]) == (clean["articles"], clean["articles"])
    assert (again["events"], again["mentions"]) == (clean["events"], clean["mentions"])
    assert _stored(tmp_path / "old.duckdb") == stored, "articles, mentions and event ids as one run made them"
    with Store.open(tmp_path / "old.duckdb", read_only=True) as store:
        articles = store.articles()
        if also_absolute:  # re-keyed to the real path; the analyst's split is on the twin that was kept
            assert {a.article_id for a in articles} == {str(tmp_path / "in" / name) for name in GOOD}
            [correction] = store.corrections()
            assert correction.mention_a != split and correction.mention_a in {m.mention_id for m in store.mentions()}
        else:  # a relative path cannot be resolved without the old run's folder: kept, found by content
            assert {a.article_id for a in articles} == {f"in/{name}" for name in GOOD}
        assert {a.file for a in articles} == ({str(tmp_path / "in" / n) for n in GOOD} if also_absolute
                                              else {f"in/{n}" for n in GOOD})
    # and a third run, by yet another path, is still nothing new
    (tmp_path / "link").symlink_to(tmp_path / "in")
    third = _run(tmp_path, "link", "out2", db="old.duckdb")
    assert third["articles_reused"] == clean["articles"]
    assert _stored(tmp_path / "old.duckdb") == stored
