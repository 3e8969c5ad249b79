"""The database commands: events, show, export, merge, split (through the CLI runner)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventwire.cli import cli
from eventwire.linking.stage import link_stage
from eventwire.records import Article
from eventwire.settings import Settings
from eventwire.store.database import Store
from eventwire.store.identity import article_hash

from .linking.test_corrections import ODESA, m


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / "events.duckdb"
    reports = [m("k1", "wire-a"), m("k2", "wire-b"), m("o1", "wire-c", ODESA, day=20)]
    with Store.open(path) as store:
        for article_id in ("wire-a", "wire-b", "wire-c"):
            article = Article(article_id, f"{article_id}.txt", f"Shelling report <b>{article_id}</b>.",
                              source=f"Outlet {article_id[-1].upper()}", url=f"https://example.org/{article_id}")
            store.save_article(article, [r for r in reports if r.article_id == article_id],
                               content_hash=article_hash(article))
        link_stage(store, (), (), settings=Settings())
    return path


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_cli_store_events_table_and_filters(db: Path):
    code, out, err = invoke("events", "--db", str(db))
    assert code == 0 and "Kherson" in out and "Odesa" in out and "2 of 2 matching events" in err
    code, out, err = invoke("events", "--db", str(db), "--since", "2023-06-10", "--format", "json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [r["location"] for r in rows] == ["Odesa"]


def test_cli_store_events_csv(db: Path):
    code, out, _ = invoke("events", "--db", str(db), "--format", "csv", "--country", "UA")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and sorted(r["mentions"] for r in rows) == ["1", "2"]


def test_cli_store_events_rejects_bad_filter(db: Path):
    code, _, err = invoke("events", "--db", str(db), "--type", "Picnics")
    assert code == 2 and "unknown event type" in err


def test_cli_store_show_lists_mentions_and_outlets(db: Path):
    with Store.open(db, read_only=True) as store:
        kherson = next(e for e in store.events() if len(e.mentions) == 2)
    code, out, _ = invoke("show", kherson.event_id, "--db", str(db))
    assert code == 0
    assert "Outlet A" in out and "Outlet B" in out and "https://example.org/wire-b" in out
    assert out.count("Russian shelling hit Kherson.") == 2
    code, out, _ = invoke("show", kherson.event_id, "--db", str(db), "--json")
    assert json.loads(out)["event_id"] == kherson.event_id


def test_cli_store_show_unknown_event(db: Path):
    code, _, err = invoke("show", "ew-000000000000", "--db", str(db))
    assert code == 1 and "no event 'ew-000000000000'" in err


@pytest.mark.parametrize("fmt", ["csv", "acled", "jsonl", "geojson", "parquet"])
def test_cli_store_export_every_format(db: Path, tmp_path: Path, fmt: str):
    out = tmp_path / f"events.{fmt}"
    code, _, err = invoke("export", "--db", str(db), "--format", fmt, "--out", str(out))
    assert code == 0 and out.stat().st_size > 0 and "wrote 2 events" in err
    if fmt == "geojson":
        assert len(json.loads(out.read_text())["features"]) == 2


def test_cli_store_merge_then_split_then_rerun(db: Path):
    with Store.open(db, read_only=True) as store:
        first, second = (e.event_id for e in store.events())
    code, out, _ = invoke("merge", first, second, "--db", str(db), "--note", "same barrage")
    merged = out.strip()
    assert code == 0
    with Store.open(db, read_only=True) as store:
        assert [len(e.mentions) for e in store.events()] == [3]
    code, out, _ = invoke("split", merged, "o1", "--db", str(db))
    assert code == 0
    with Store.open(db) as store:
        link_stage(store, (), (), settings=Settings())  # what the next `eventwire run` does
        assert sorted(len(e.mentions) for e in store.events()) == [1, 2]
        assert [c.kind for c in store.corrections()] == ["merge", "split"]


def test_cli_store_missing_database(tmp_path: Path):
    code, _, err = invoke("events", "--db", str(tmp_path / "none.duckdb"))
    assert code == 1 and "no database" in err


def test_cli_store_bad_corrections_are_one_line_and_exit_1(db: Path):
    with Store.open(db, read_only=True) as store:
        event_id = store.events()[0].event_id
    code, _, err = invoke("merge", event_id, event_id, "--db", str(db))
    assert code == 1 and "already the same event" in err
    code, _, err = invoke("split", event_id, "no-such-mention", "--db", str(db))
    assert code == 1 and "is not part of event" in err


def _header(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return next(csv.reader(handle))


def test_cli_store_csv_begins_with_acleds_31_and_acled_has_exactly_them(db: Path, tmp_path: Path):
    from eventwire.output.acled import ACLED_COLUMNS

    assert len(ACLED_COLUMNS) == 31
    code, _, _ = invoke("export", "--db", str(db), "--format", "csv", "--out", str(tmp_path / "e.csv"))
    header = _header(tmp_path / "e.csv")
    assert code == 0 and tuple(header[:31]) == ACLED_COLUMNS
    assert header[31:36] == ["event_id", "date_end", "date_precision", "mention_count", "confidence"]
    code, _, _ = invoke("export", "--db", str(db), "--format", "acled", "--out", str(tmp_path / "a.csv"))
    assert code == 0 and tuple(_header(tmp_path / "a.csv")) == ACLED_COLUMNS
    with (tmp_path / "a.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["inter1"] for r in rows} == {"8"} and {r["interaction"] for r in rows} == {"78"}
    assert {r["iso"] for r in rows} == {"804"} and {r["region"] for r in rows} == {"Europe"}
    assert {r["event_id_cnty"][:3] for r in rows} == {"UKR"}


def test_cli_store_set_shows_the_correction_and_its_note(db: Path):
    with Store.open(db, read_only=True) as store:
        kherson = next(e for e in store.events() if len(e.mentions) == 2)
    code, out, _ = invoke("set", kherson.event_id, "fatalities", "6", "--db", str(db), "--note", "morgue count")
    assert code == 0 and out.strip() == kherson.event_id
    code, out, _ = invoke("set", kherson.event_id, "type", "Air/drone strike", "--db", str(db))
    assert code == 0
    code, out, _ = invoke("show", kherson.event_id, "--db", str(db))
    assert code == 0 and "Explosions/Remote violence / Air/drone strike" in out
    assert "corrections:" in out and "fatalities = 6" in out and "(morgue count)" in out
    code, out, _ = invoke("show", kherson.event_id, "--db", str(db), "--json")
    record = json.loads(out)
    assert record["fatalities"] == 6 and [c["note"] for c in record["corrections"]] == ["morgue count", None]


@pytest.mark.parametrize(("field", "value", "message"), [
    ("type", "Picnic", "unknown sub-event type 'Picnic'"),
    ("date", "June 5", "not an ISO date"),
    ("fatalities", "-1", "not a whole number"),
    ("fatalities", "2.5", "not a whole number"),
    ("colour", "red", "cannot set 'colour'"),
    ("place", "Atlantis Under The Sea", "no place 'Atlantis Under The Sea'"),
])
def test_cli_store_set_bad_field_or_value_one_line_exit_1(db: Path, field: str, value: str, message: str):
    with Store.open(db, read_only=True) as store:
        event_id = store.events()[0].event_id
    code, _, err = invoke("set", event_id, field, value, "--db", str(db))
    assert code == 1 and message in err and len(err.strip().splitlines()) == 1
    with Store.open(db, read_only=True) as store:
        assert store.field_corrections() == []  # nothing recorded


def test_cli_store_set_unknown_event(db: Path):
    code, _, err = invoke("set", "ew-000000000000", "fatalities", "1", "--db", str(db))
    assert code == 1 and "no event 'ew-000000000000'" in err
