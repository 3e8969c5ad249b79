"""Tests of eventwire.output.export: the output contract, CSV, GeoJSON, Parquet, atomic writes."""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import json
import math
import os
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import pytest

from eventwire.output import export, formats
from eventwire.output.export import CSV_COLUMNS, ExportError, write_export
from eventwire.records import (
    Article,
    DateSpan,
    Event,
    Mention,
    Place,
    Problem,
    article_to_dict,
    event_to_dict,
)
from eventwire.web.report import render_report


def write_outputs(out_dir: Path, **kwargs: Any) -> dict[str, Path]:
    """:func:`eventwire.output.export.write_outputs` with the web app's report, as a run writes it."""
    return export.write_outputs(out_dir, **{"report": render_report, **kwargs})

SCORE = Path(__file__).parents[2].parent / "shared" / "eval" / "score.py"

KHARKIV = Place("Kharkiv", "Kharkivska", "Ukraine", 49.9935, 36.2304, 1, "city", "UA")
MARIB = Place("Marib", "Marib", "Yemen", 15.4629, 45.3253, 1, "city", "YE")
KHARTOUM = Place("Khartoum", "Khartoum", "Sudan", 15.5007, 32.5599, 1, "city", "SD")

UA_TEXT = "Russian artillery shelled a residential district of Kharkiv on Tuesday, killing three people."
ARTICLES = [
    Article("ua-2", "in/ua_followup.html", "Four people died after the Kharkiv shelling.", title="Toll rises",
            source="Second Example", published=dt.date(2024, 5, 16), url="https://example.net/2"),
    Article("ua-1", "in/ukraine.txt", UA_TEXT, title="Shelling hits Kharkiv", source="Example Wire",
            published=dt.date(2024, 5, 15), url="https://example.org/ua-1"),
    Article("ye-1", "in/yemen.jsonl", "A drone strike hit a vehicle near Marib on Sunday.", source=None),
]


def mention(mention_id: str, article_id: str, file: str, **values: Any) -> Mention:
    base: dict[str, Any] = {
        "sentence": "A sentence.", "start": 0, "end": 11, "event_type": "Explosions/Remote violence",
        "sub_event_type": "Shelling/artillery/missile attack", "actor1": None, "actor2": None, "place": None,
        "dates": DateSpan.unknown(), "fatalities": None, "trigger": "", "source": None, "published": None,
    }
    base.update(values)
    return Mention(mention_id, article_id, file, **base)


UA_1 = mention("ua-1:0", "ua-1", "in/ukraine.txt", sentence=UA_TEXT, end=len(UA_TEXT),
               actor1="Military Forces of Russia", actor2="Civilians (Ukraine)", place=KHARKIV,
               dates=DateSpan.day(dt.date(2024, 5, 14)), fatalities=3, trigger="shelled",
               source="Example Wire", published=dt.date(2024, 5, 15))
UA_2 = mention("ua-2:0", "ua-2", "in/ua_followup.html",
               sentence="Four people died after the Kharkiv shelling.", end=44, place=KHARKIV,
               fatalities=4, source="Second Example", published=dt.date(2024, 5, 16))
YE_1 = mention("ye-1:0", "ye-1", "in/yemen.jsonl",
               sentence="A drone strike hit a vehicle near Marib on Sunday.", end=50,
               sub_event_type="Air/drone strike", dates=DateSpan.day(dt.date(2023, 3, 5)), fatalities=0)
SD_1 = mention("sd-1:0", "sd-1", "in/sudan.txt", sentence="Clashes broke out in Khartoum.", end=30,
               event_type="Battles", sub_event_type="Armed clash")


def event(event_id: str, mentions: tuple[Mention, ...], *, place: Place | None,
          dates: DateSpan, fatalities: int | None, **extra: Any) -> Event:
    first = mentions[0]
    return Event(event_id, first.event_type, first.sub_event_type, dates, first.actor1, first.actor2,
                 place, fatalities, mentions, **extra)


EV_UA = event("ev-ua", (UA_2, UA_1), place=KHARKIV, dates=DateSpan.day(dt.date(2024, 5, 14)), fatalities=4,
              provenance=(("fatalities", "ua-2:0"), ("place", "ua-1:0"), ("fatalities", "ua-1:0")),
              disagreements=({"field": "fatalities", "values": [3, 4]},))
EV_YE = event("ev-ye", (YE_1,), place=MARIB, dates=DateSpan.day(dt.date(2023, 3, 5)), fatalities=0)
EV_SD = event("ev-sd", (SD_1,), place=Place("Khartoum", "Khartoum", "Sudan", None, None, None),
              dates=DateSpan.unknown(), fatalities=None)
EV_SD2 = event("ev-sd2", (SD_1,), place=KHARTOUM, dates=DateSpan(dt.date(2023, 4, 15), dt.date(2023, 4, 20),
                                                                  "range"), fatalities=None)
EVENTS = [EV_UA, EV_SD, EV_YE, EV_SD2]
EXPECTED_ORDER = ["ev-ye", "ev-sd2", "ev-ua", "ev-sd"]


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


# -- records ---------------------------------------------------------------------------


def test_export_event_to_dict_contract_fields() -> None:
    record = event_to_dict(EV_UA)
    assert {"event_id", "event_type", "sub_event_type", "date_start", "date_end", "date_precision",
            "actor1", "actor2", "location", "admin1", "country", "latitude", "longitude",
            "geo_precision", "fatalities", "mentions", "provenance", "disagreements"} <= set(record)
    assert record["date_start"] == record["date_end"] == "2024-05-14"
    assert record["location"] == "Kharkiv" and record["admin1"] == "Kharkivska"
    assert record["latitude"] == pytest.approx(49.9935) and record["geo_precision"] == 1
    assert record["provenance"] == {"fatalities": "ua-2:0", "place": "ua-1:0"}
    assert record["disagreements"] == [{"field": "fatalities", "values": [3, 4]}]
    # mentions come earliest publication first
    assert [m["article_id"] for m in record["mentions"]] == ["ua-1", "ua-2"]
    first = record["mentions"][0]
    assert {"article_id", "file", "sentence", "start", "end"} <= set(first)
    assert first["date_start"] == "2024-05-14" and first["fatalities"] == 3
    assert first["location"] == "Kharkiv" and first["actor1"] == "Military Forces of Russia"
    assert UA_TEXT[first["start"]:first["end"]] == first["sentence"]
    json.dumps(record, allow_nan=False)


@pytest.mark.parametrize("key", ["location", "admin1", "country", "latitude", "actor1", "actor2", "source"])
def test_export_mention_leaves_out_unreported_values(key: str) -> None:
    [reported] = event_to_dict(EV_YE)["mentions"]
    assert key not in reported  # the article does not say: readers fall back to the event
    assert reported["fatalities"] == 0  # zero is a value, not a gap
    assert reported["date_start"] == reported["date_end"] == "2023-03-05"


def test_export_mention_of_unknown_date() -> None:
    [reported] = event_to_dict(EV_SD)["mentions"]
    assert "date_start" not in reported and "date_precision" not in reported
    record = event_to_dict(EV_SD)
    assert record["date_start"] is None and record["date_precision"] == "unknown"
    assert record["latitude"] is None


def test_export_nan_coordinates_become_null() -> None:
    nan_place = Place("Somewhere", None, "Somalia", math.nan, 45.0, 1)
    nan_event = event("ev-nan", (SD_1,), place=nan_place, dates=DateSpan.unknown(), fatalities=None)
    record = event_to_dict(nan_event)
    assert record["latitude"] is None and record["longitude"] == 45.0
    json.dumps(record, allow_nan=False)


@pytest.mark.parametrize("article,published", [(ARTICLES[0], "2024-05-16"), (ARTICLES[2], None)])
def test_export_article_to_dict(article: Article, published: str | None) -> None:
    record = article_to_dict(article)
    assert list(record) == ["article_id", "file", "title", "source", "published", "url"]
    assert record["published"] == published and record["article_id"] == article.article_id


# -- write_outputs -------------------------------------------------------------------


def test_export_write_outputs_files_and_order(tmp_path: Path) -> None:
    problems = [Problem("in/b.txt", "empty"), Problem("in/a.jsonl", "not JSON", line=7)]
    paths = write_outputs(tmp_path, events=EVENTS, articles=ARTICLES, problems=problems,
                          summary={"events": 4, "when": dt.date(2024, 6, 1)})
    assert set(paths) == {"events.jsonl", "articles.jsonl", "events.csv", "events.geojson",
                          "problems.jsonl", "summary.json", "report.html"}
    assert all(p.is_file() and p.parent == tmp_path for p in paths.values())
    assert [r["event_id"] for r in read_jsonl(paths["events.jsonl"])] == EXPECTED_ORDER
    assert [r["article_id"] for r in read_jsonl(paths["articles.jsonl"])] == ["ua-1", "ua-2", "ye-1"]
    assert read_jsonl(paths["problems.jsonl"])[0] == {"file": "in/a.jsonl", "line": 7, "reason": "not JSON"}
    assert json.loads(paths["summary.json"].read_text()) == {"events": 4, "when": "2024-06-01"}
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_export_write_outputs_is_deterministic(tmp_path: Path) -> None:
    write_outputs(tmp_path / "a", events=EVENTS, articles=ARTICLES)
    write_outputs(tmp_path / "b", events=list(reversed(EVENTS)), articles=list(reversed(ARTICLES)))
    for name in ("events.jsonl", "articles.jsonl", "events.csv", "events.geojson"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert not (tmp_path / "a" / "summary.json").exists()


def test_export_csv_columns_and_values(tmp_path: Path) -> None:
    path = write_outputs(tmp_path, events=EVENTS, articles=ARTICLES)["events.csv"]
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames or ()) == CSV_COLUMNS
        rows = {r["event_id"]: r for r in reader}
    ua = rows["ev-ua"]
    assert ua["event_date"] == "2024-05-14" and ua["year"] == "2024"
    assert ua["source"] == "Example Wire; Second Example"
    # notes: each distinct evidence sentence once, in mention order
    assert ua["notes"] == UA_TEXT + " Four people died after the Kharkiv shelling."
    assert ua["mention_count"] == "2" and ua["fatalities"] == "4"
    assert float(ua["latitude"]) == pytest.approx(49.9935)
    assert rows["ev-sd"]["event_date"] == "" and rows["ev-sd"]["year"] == ""
    assert rows["ev-ye"]["fatalities"] == "0" and rows["ev-ye"]["source"] == ""
    assert rows["ev-sd2"]["date_end"] == "2023-04-20" and rows["ev-sd2"]["date_precision"] == "range"


def test_export_geojson_points(tmp_path: Path) -> None:
    path = write_outputs(tmp_path, events=EVENTS, articles=ARTICLES)["events.geojson"]
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["type"] == "FeatureCollection" and doc["left_out"] == 1
    features = {f["id"]: f for f in doc["features"]}
    assert list(features) == ["ev-ye", "ev-sd2", "ev-ua"]
    for feature in doc["features"]:
        assert feature["type"] == "Feature" and feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert lon == feature["properties"]["longitude"] and lat == feature["properties"]["latitude"]
        assert "mentions" not in feature["properties"]
    ua = features["ev-ua"]
    assert ua["geometry"]["coordinates"] == [pytest.approx(36.2304), pytest.approx(49.9935)]
    assert ua["properties"]["mention_count"] == 2
    assert ua["properties"]["sources"] == ["Example Wire", "Second Example"]
    assert ua["properties"]["sub_event_type"] == "Shelling/artillery/missile attack"


@pytest.mark.parametrize("lat,lon", [(95.0, 10.0), (10.0, -181.0), (math.inf, 1.0)])
def test_export_geojson_leaves_out_bad_coordinates(tmp_path: Path, lat: float, lon: float) -> None:
    bad = event("ev-bad", (SD_1,), place=Place("X", None, None, lat, lon, 1), dates=DateSpan.unknown(),
                fatalities=None)
    write_export(tmp_path / "e.geojson", events=[bad, EV_YE], fmt="geojson")
    doc = json.loads((tmp_path / "e.geojson").read_text())
    assert doc["left_out"] == 1 and [f["id"] for f in doc["features"]] == ["ev-ye"]


def test_export_parquet_reads_back(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "events.parquet"
    write_export(path, events=EVENTS, fmt="parquet")
    table = pq.read_table(path)
    assert table.num_rows == 4
    rows = table.to_pylist()
    assert [r["event_id"] for r in rows] == EXPECTED_ORDER
    ua = rows[2]
    assert ua["date_start"] == dt.date(2024, 5, 14) and ua["mention_count"] == 2
    assert [m["mention_id"] for m in ua["mentions"]] == ["ua-1:0", "ua-2:0"]
    assert ua["mentions"][0]["fatalities"] == 3 and ua["mentions"][1]["date_start"] is None
    assert ua["provenance"][0] == {"field": "fatalities", "mention_id": "ua-2:0"}
    assert json.loads(ua["disagreements"]) == [{"field": "fatalities", "values": [3, 4]}]
    assert rows[3]["latitude"] is None and rows[3]["date_start"] is None


def test_export_parquet_of_no_events_has_schema(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    written = write_outputs(tmp_path, events=[], articles=[], parquet=True)
    table = pq.read_table(written["events.parquet"])
    assert table.num_rows == 0 and "mentions" in table.column_names


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "geojson", "parquet"])
def test_export_write_export_formats(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"out.{fmt}"
    write_export(path, events=[EV_YE], fmt=fmt)
    assert path.is_file() and path.stat().st_size > 0


def test_export_unknown_format(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="unknown export format"):
        write_export(tmp_path / "x.xml", events=[], fmt="xml")


# -- atomic writes -------------------------------------------------------------------


def test_export_crash_mid_write_keeps_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_outputs(tmp_path, events=[EV_YE], articles=ARTICLES)
    before = (tmp_path / "events.jsonl").read_bytes()

    def crash(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(formats.os, "fsync", crash)
    with pytest.raises(ExportError, match=r"^cannot write .*events\.jsonl: no space left on device$"):
        write_outputs(tmp_path, events=EVENTS, articles=ARTICLES)
    assert (tmp_path / "events.jsonl").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "articles.jsonl", "events.csv", "events.geojson", "events.jsonl", "problems.jsonl", "report.html"]


def test_export_bad_record_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_outputs(tmp_path, events=[EV_YE], articles=ARTICLES)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    real = export.event_to_dict

    def flaky(ev: Event) -> dict[str, Any]:
        if ev.event_id == "ev-ua":
            raise RuntimeError("interrupted")
        return real(ev)

    monkeypatch.setattr(export, "event_to_dict", flaky)
    with pytest.raises(RuntimeError):
        write_outputs(tmp_path, events=EVENTS, articles=ARTICLES[:1])
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_export_interrupted_write_cleans_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "events.csv").write_text("old\n")

    def interrupt(src: object, dst: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(formats.os, "replace", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_export(tmp_path / "events.csv", events=EVENTS, fmt="csv")
    assert [p.name for p in tmp_path.iterdir()] == ["events.csv"]
    assert (tmp_path / "events.csv").read_text() == "old\n"


# -- the scorer reads what we write ----------------------------------------------------


def gold_doc() -> dict[str, Any]:
    def gold(gid: str, cluster: str, types: list[str], date: list[str] | None, place: list[str],
             admin1: list[str], fatalities: int | None) -> dict[str, Any]:
        return {"id": gid, "required": True, "cluster": cluster, "types": types, "date": date,
                "place": place, "admin1": admin1, "country": None, "actor1": None, "actor2": None,
                "fatalities": fatalities}

    shelling = ["Shelling/artillery/missile attack"]
    return {"articles": [
        {"file": "ukraine.txt", "published": "2024-05-15", "source": "Example Wire",
         "events": [gold("u1", "kh", shelling, ["2024-05-14", "2024-05-14"], ["Kharkiv"], ["Kharkiv"], 3)]},
        {"file": "ua_followup.html", "published": "2024-05-16", "source": "Second Example",
         "events": [gold("u2", "kh", shelling, ["2024-05-14", "2024-05-14"], ["Kharkiv"], ["Kharkiv"], 4)]},
        {"file": "yemen.jsonl", "article_id": "ye-1", "published": None, "source": None,
         "events": [gold("y1", "mr", ["Air/drone strike"], ["2023-03-05", "2023-03-05"], ["Marib"],
                         ["Marib", "Ma'rib"], 0)]},
    ]}


def load_scorer() -> Any:
    if not SCORE.is_file():
        pytest.skip("shared/eval/score.py not present")
    spec = importlib.util.spec_from_file_location("eventwire_eval_score", SCORE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_export_outputs_score_with_eval_scorer(tmp_path: Path) -> None:
    scorer = load_scorer()
    out = tmp_path / "run"
    write_outputs(out, events=EVENTS, articles=ARTICLES)
    events = scorer.read_jsonl(out / "events.jsonl")
    articles = scorer.read_jsonl(out / "articles.jsonl")
    assert len(events) == 4 and len(articles) == 3
    result = scorer.score(gold_doc(), events, articles)
    assert result["events"] == {"tp": 3, "fp": 0, "fn": 0, "precision": 1.0, "recall": 1.0, "f1": 1.0}
    # ye-1's mention gives no place: the scorer falls back to the event's Marib
    assert result["attributes"]["place"] == 1.0
    assert result["attributes"]["fatalities"] == 1.0  # each article's own toll (3, then 4)
    assert result["linking"]["pairs_tp"] == 1 and result["linking"]["f1"] == 1.0
    assert result["metadata"] == {"published": 1.0, "source": 1.0}


def test_export_outputs_score_via_cli(tmp_path: Path) -> None:
    load_scorer()
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps(gold_doc()), encoding="utf-8")
    write_outputs(tmp_path / "run", events=EVENTS, articles=ARTICLES)
    done = subprocess.run([sys.executable, str(SCORE), "--gold", str(gold), "--pred", str(tmp_path / "run"),
                           "--json"], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8"}, check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["events"]["f1"] == 1.0


# -- streaming: events read once, in order ----------------------------------------------------------


def test_export_ordered_stream_writes_the_same_files(tmp_path: Path) -> None:
    write_outputs(tmp_path / "sorted", events=list(reversed(EVENTS)), articles=ARTICLES, parquet=True)
    ordered = sorted(EVENTS, key=lambda e: EXPECTED_ORDER.index(e.event_id))
    write_outputs(tmp_path / "stream", events=iter(ordered), articles=ARTICLES, parquet=True, ordered=True)
    for name in ("events.jsonl", "events.csv", "events.geojson", "report.html"):
        assert (tmp_path / "sorted" / name).read_bytes() == (tmp_path / "stream" / name).read_bytes()
    geo = json.loads((tmp_path / "stream" / "events.geojson").read_text(encoding="utf-8"))
    assert geo["type"] == "FeatureCollection"
    assert len(geo["features"]) + geo["left_out"] == len(EVENTS)


def test_export_parquet_in_row_groups_holds_every_event(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    write_export(tmp_path / "one.parquet", events=EVENTS, fmt="parquet")
    monkeypatch.setattr(formats, "PARQUET_ROWS", 1)
    write_export(tmp_path / "many.parquet", events=EVENTS, fmt="parquet")
    one, many = pq.ParquetFile(tmp_path / "one.parquet"), pq.ParquetFile(tmp_path / "many.parquet")
    assert (one.num_row_groups, many.num_row_groups) == (1, len(EVENTS))
    assert one.read().to_pylist() == many.read().to_pylist()


def test_export_report_shows_the_latest_events_and_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(export, "REPORT_EVENTS", 2)
    asked: list[list[str]] = []

    def articles(ids):
        asked.append(list(ids))
        return [a for a in ARTICLES if a.article_id in ids]

    write_outputs(tmp_path, events=EVENTS, articles=(), report_articles=articles)
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert f"the latest 2 of {len(EVENTS)} events" in page
    dated = sorted((e for e in EVENTS if e.dates.start), key=lambda e: e.dates.start)
    shown = {m.article_id for e in dated[-2:] for m in e.mentions}
    assert asked == [sorted(shown)]  # the texts of the two latest events' articles only
    assert len(read_jsonl(tmp_path / "events.jsonl")) == len(EVENTS)  # the data files hold every event


def test_export_files_are_readable_like_any_new_file(tmp_path: Path) -> None:
    import os

    mask = os.umask(0o022)
    try:
        paths = write_outputs(tmp_path, events=EVENTS, articles=ARTICLES)
    finally:
        os.umask(mask)
    assert {p.stat().st_mode & 0o777 for p in paths.values()} == {0o644}


def test_export_failure_while_writing_removes_every_temporary_file(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    write_outputs(tmp_path, events=[EV_YE], articles=ARTICLES, parquet=True)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    real = formats.GeojsonWriter.add

    def full_disk(self, event, record):
        if event.event_id == "ev-ua":
            raise OSError(28, "No space left on device")
        real(self, event, record)

    monkeypatch.setattr(formats.GeojsonWriter, "add", full_disk)
    with pytest.raises(ExportError, match=r"^cannot write .*: no space left on device$"):
        write_outputs(tmp_path, events=EVENTS, articles=ARTICLES, parquet=True)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before  # no temporary file, old files kept


# -- typed exports, read back with pandas ------------------------------------------------


def _typed_events() -> list[Event]:
    import dataclasses

    stamp = dt.datetime(2026, 11, 30, 8, 0, 0)
    ua = dataclasses.replace(EV_UA, actor1="Military Forces of Russia", actor2="Civilians (Ukraine)")
    return [dataclasses.replace(e, changed_at=stamp) for e in (ua, EV_SD, EV_YE, EV_SD2)]


def test_export_each_format_loads_with_pandas_typed(tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    events = _typed_events()
    for fmt in ("csv", "acled", "jsonl", "parquet"):
        write_export(tmp_path / f"events.{fmt}", events=events, fmt=fmt)
    ints = ("year", "time_precision", "inter1", "inter2", "interaction", "iso", "fatalities", "timestamp")

    for name in ("events.csv", "events.acled"):
        frame = pd.read_csv(tmp_path / name, dtype_backend="numpy_nullable", parse_dates=["event_date"])
        assert frame["event_date"].dtype.kind == "M", name  # dates as dates
        for column in ints:
            assert str(frame[column].dtype) == "Int64", (name, column, frame[column].dtype)
        assert str(frame["latitude"].dtype) == "Float64"
    acled_frame = pd.read_csv(tmp_path / "events.acled")
    assert tuple(acled_frame.columns) == export.ACLED_COLUMNS

    with warnings.catch_warnings():  # pandas 3 deprecates the keyword; without it "timestamp" is read as a date
        warnings.simplefilter("ignore")
        lines = pd.read_json(tmp_path / "events.jsonl", lines=True, dtype_backend="numpy_nullable",
                             keep_default_dates=False)
    for column in ("event_date", "date_start", "date_end"):  # ISO dates (JSON has no date type)
        assert pd.to_datetime(lines[column], format="ISO8601").dtype.kind == "M", column
    for column in ints:
        assert str(lines[column].dtype) == "Int64", (column, lines[column].dtype)
    ua = lines.set_index("event_id").loc["ev-ua"]
    assert (ua["inter1"], ua["inter2"], ua["interaction"], ua["iso"]) == (8, 7, 78, 804)
    assert ua["timestamp"] == int(dt.datetime(2026, 11, 30, 8, tzinfo=dt.UTC).timestamp())

    table = pd.read_parquet(tmp_path / "events.parquet", dtype_backend="pyarrow")
    for column in ("event_date", "date_start", "date_end"):
        assert str(table[column].dtype).startswith("date32"), (column, table[column].dtype)
    for column in ints:
        assert str(table[column].dtype) == "int64[pyarrow]", (column, table[column].dtype)
    row = table.set_index("event_id").loc["ev-ua"]
    assert row["event_date"] == dt.date(2024, 5, 14) and row["interaction"] == 78


def test_export_acled_format_has_exactly_the_31(tmp_path: Path) -> None:
    write_export(tmp_path / "a.csv", events=EVENTS, fmt="acled")
    with (tmp_path / "a.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames or ()) == export.ACLED_COLUMNS and len(export.ACLED_COLUMNS) == 31
        rows = {r["event_id_cnty"][:3]: r for r in reader}
    assert rows["UKR"]["source"] == "Example Wire; Second Example" and rows["UKR"]["iso"] == "804"
    assert rows["YEM"]["event_date"] == "2023-03-05" and rows["YEM"]["time_precision"] == "1"


def test_json_lines_stay_one_line_for_readers_that_split_on_unicode_line_ends():
    """JSON allows U+0085, U+2028 and U+2029 raw in strings; str.splitlines (and older
    JavaScript) breaks a line there, so they are written escaped."""
    from eventwire.output.formats import to_jsonl

    records = [{"title": "a\u0085b", "text": "c\u2028d\u2029e"}, {"title": "plain"}]
    out = to_jsonl(records)
    assert len(out.splitlines()) == 2
    assert [json.loads(line) for line in out.splitlines()] == records


def test_export_without_a_report_writes_none_and_removes_an_old_one(tmp_path: Path) -> None:
    """The output stage does not import the web stage: the report comes from the caller."""
    write_outputs(tmp_path, events=EVENTS, articles=ARTICLES)
    assert (tmp_path / "report.html").exists()
    written = export.write_outputs(tmp_path, events=EVENTS, articles=ARTICLES)
    assert "report.html" not in written
    assert not (tmp_path / "report.html").exists()
    assert (tmp_path / "events.jsonl").exists()


TWO_TOWNS = ("GOMA, Congo, 9 March 2025 - Government troops retook the towns of Kalemie and Moba in "
             "Tanganyika province on Sunday after a week of fighting with rebels, the army said.\n")


@pytest.mark.slow
def test_export_order_does_not_depend_on_where_the_files_lie(tmp_path) -> None:
    """Events of one day and province are ordered by their first report, not by their ids (hashes of
    the file's path): the same article in folders of other names gives the same rows in the same
    order, in the outputs and in the store's streamed export."""
    from eventwire.pipeline import run
    from eventwire.store.database import Store

    seen = []
    for name in ("a", "bb", "news", "in-2025", "x1", "zz"):
        folder = tmp_path / name / "feed"
        folder.mkdir(parents=True)
        (folder / "report.txt").write_text(TWO_TOWNS, encoding="utf-8")
        run([str(folder)], out_dir=tmp_path / name / "out", db=tmp_path / name / "e.duckdb")
        rows = [json.loads(line) for line in (tmp_path / name / "out" / "events.jsonl").open(encoding="utf-8")]
        order = [(r["sub_event_type"], r["location"], r["event_date"]) for r in rows]
        with Store.open(tmp_path / name / "e.duckdb") as store:
            streamed = [(e.sub_event_type, e.place.name if e.place else None) for e in store.events_in_export_order()]
        assert [o[:2] for o in order] == streamed
        seen.append(order)
    assert len({loc for _, loc, _ in seen[0]}) == 2, seen[0]  # both towns coded, one event each
    assert all(order == seen[0] for order in seen), seen
