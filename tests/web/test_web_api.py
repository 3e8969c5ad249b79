"""Tests of the web app's JSON API and pages through FastAPI's TestClient (no browser).

Validation (4xx on bad input), hostile values, path traversal in asset and
export URLs, size bounds, headers, and that the app never writes.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from eventwire.web.app import create_app

from ..store.test_query import make_db


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_db(tmp_path_factory.mktemp("web") / "events.duckdb")


@pytest.fixture(scope="module")
def client(db: Path) -> TestClient:
    return TestClient(create_app(db))


@pytest.mark.parametrize(("query", "ids"), [
    ("", ["ev-kyiv", "ev-kharkiv", "ev-aden", "ev-nowhere", "ev-sanaa"]),
    ("country=Yemen", ["ev-aden", "ev-sanaa"]),
    ("event_type=Battles", ["ev-kharkiv"]),
    ("actor=russia&sort=-fatalities", ["ev-kharkiv", "ev-kyiv"]),
    ("date_from=2023-05-03&date_to=2023-06-30", ["ev-kharkiv", "ev-aden"]),
    ("q=market", ["ev-aden"]),
    ("limit=2&offset=1", ["ev-kharkiv", "ev-aden"]),
    ("q=%27%20OR%201%3D1%20--", []),
    ("country=%3Cscript%3Ealert(1)%3C%2Fscript%3E", []),
])
def test_web_api_events_filter(client: TestClient, query: str, ids: list[str]) -> None:
    response = client.get(f"/api/events?{query}")
    assert response.status_code == 200
    body = response.json()
    assert [e["event_id"] for e in body["events"]] == ids
    assert body["total"] >= len(ids)


def test_web_api_event_rows_have_map_fields(client: TestClient) -> None:
    row = client.get("/api/events?country=UA&limit=1").json()["events"][0]
    assert {k: row[k] for k in ("event_id", "latitude", "longitude", "fatalities", "mention_count")} == \
        {"event_id": "ev-kyiv", "latitude": 50.45, "longitude": 30.52, "fatalities": 3, "mention_count": 1}
    assert "mentions" not in row


@pytest.mark.parametrize(("query", "status"), [
    ("date_from=2023-13-45", 422),
    ("date_from=yesterday", 422),
    ("date_from=2023-06-01&date_to=2023-05-01", 400),
    ("event_type=Massacre", 422),
    ("sort=fatalities;DROP%20TABLE%20events", 422),
    ("limit=10001", 422),
    ("limit=-1", 422),
    ("offset=abc", 422),
    ("q=" + "x" * 201, 422),
    ("country=" + "y" * 201, 422),
    ("colour=red", 400),
    ("admin1=Aden&admin1=Kharkiv", 400),  # (country and event_type may repeat)
    ("q=" + "z" * 5000, 414),
])
def test_web_api_rejects_bad_parameters(client: TestClient, query: str, status: int) -> None:
    response = client.get(f"/api/events?{query}")
    assert response.status_code == status
    assert "x" * 201 not in response.text  # a rejected value is not echoed back


def test_web_api_event_detail_has_article_text_and_offsets(client: TestClient) -> None:
    detail = client.get("/api/events/ev-aden").json()
    assert detail["event"]["event_id"] == "ev-aden"
    mention = detail["mentions"][0]
    article = mention["article"]
    assert article["text"][mention["start"] - article["text_offset"]:mention["end"] - article["text_offset"]] \
        == mention["sentence"]
    assert article["url"] == "https://example.org/ev-aden"


@pytest.mark.parametrize("path", [
    "/api/events/no-such-event", "/api/events/..%2F..%2Fetc%2Fpasswd", "/api/events/%00",
    "/events/no-such-event", "/events/" + "a" * 200, "/api/events/" + "b" * 200,
])
def test_web_api_unknown_events_are_404(client: TestClient, path: str) -> None:
    assert client.get(path).status_code in (404, 422)


def test_web_api_facets_count_the_database(client: TestClient) -> None:
    facets = client.get("/api/facets").json()
    assert (facets["events"], facets["mentions"], facets["articles"]) == (5, 5, 5)
    assert set(facets["boundaries"]) == {"UA", "YE"}
    assert client.get(f"/static/{facets['boundaries']['YE']}").json()["type"] == "Topology"


@pytest.mark.parametrize(("fmt", "media"), [("csv", "text/csv"), ("geojson", "application/geo+json"),
                                            ("jsonl", "application/x-ndjson")])
def test_web_api_export_formats_follow_the_filter(client: TestClient, fmt: str, media: str) -> None:
    response = client.get(f"/api/export/{fmt}?country=Ukraine")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media)
    assert f'filename="events.{fmt}"' in response.headers["content-disposition"]
    if fmt == "csv":
        ids = [r["event_id"] for r in csv.DictReader(io.StringIO(response.text))]
    elif fmt == "geojson":
        ids = [f["id"] for f in response.json()["features"]]
    else:
        ids = [json.loads(line)["event_id"] for line in response.text.splitlines()]
    assert sorted(ids) == ["ev-kharkiv", "ev-kyiv"]


@pytest.mark.parametrize("path", [
    "/api/export/parquet", "/api/export/..%2F..%2Fstore.py", "/api/export/csv/../../cli.py",
    "/static/../store.py", "/static/..%2F..%2Fstore.py", "/static/%2e%2e/%2e%2e/store.py",
    "/static/vendor/../../app.py", "/static/..%5c..%5cstore.py", "/static//etc/passwd",
    "/static/%2Fetc%2Fpasswd", "/static/vendor/.stamp/../../../app.py", "/../pyproject.toml", "/etc/passwd",
])
def test_web_serves_no_file_outside_its_assets(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code in (400, 404, 405, 422)
    assert "import " not in response.text and "root:" not in response.text


@pytest.mark.parametrize("path", ["/static/js/common.js", "/static/style.css", "/static/vendor/d3.min.js",
                                  "/static/vendor/countries-50m.json"])
def test_web_serves_its_assets(client: TestClient, path: str) -> None:
    assert client.get(path).status_code == 200


def test_web_pages_carry_a_strict_policy(client: TestClient) -> None:
    for path in ("/", "/events/ev-kyiv", "/api/events", "/static/js/common.js"):
        response = client.get(path)
        assert response.status_code == 200
        policy = response.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy
        assert response.headers["x-content-type-options"] == "nosniff"
    page = client.get("/").text
    assert "<script>" not in page and "http://" not in page.replace("http://www.w3.org", "")


@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
def test_web_is_read_only(client: TestClient, db: Path, method: str) -> None:
    before = db.stat().st_mtime_ns
    response = getattr(client, method)("/api/events")
    assert response.status_code == 405
    assert db.stat().st_mtime_ns == before


def test_web_refuses_foreign_host_headers(client: TestClient) -> None:
    assert client.get("/api/facets", headers={"host": "evil.example"}).status_code == 400
    assert client.get("/api/facets", headers={"host": "127.0.0.1:8000"}).status_code == 200


def test_web_openapi_describes_the_api(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}", "/api/facets", "/api/export/{fmt}"} <= set(spec["paths"])
    assert client.get("/docs").status_code == 404  # no documentation page that would load a CDN


def test_web_app_fails_early_without_a_database(tmp_path: Path) -> None:
    from eventwire.errors import StoreError

    with pytest.raises(StoreError):
        create_app(tmp_path / "missing.duckdb")


def test_web_api_several_countries_and_a_bbox(client: TestClient) -> None:
    both = client.get("/api/events?country=Ukraine&country=YE&sort=date").json()
    assert [e["event_id"] for e in both["events"]] == ["ev-kyiv", "ev-kharkiv", "ev-aden", "ev-sanaa"]
    boxed = client.get("/api/events?bbox=30,49,40,51").json()  # around Kyiv and Kharkiv only
    assert sorted(e["event_id"] for e in boxed["events"]) == ["ev-kharkiv", "ev-kyiv"]
    assert client.get("/api/events?admin1=a&admin1=b").status_code == 400
    assert client.get("/api/events?bbox=1,2,3").status_code == 422
    assert client.get("/api/events?bbox=40,0,30,10").status_code == 400  # west east of east


def test_web_api_summary_adds_up_the_filter(client: TestClient) -> None:
    s = client.get("/api/summary?country=Ukraine&country=Yemen").json()
    assert (s["events"], s["deaths"], s["located"], s["undated"]) == (4, 15, 4, 1)
    assert {t["event_type"]: (t["events"], t["deaths"]) for t in s["by_type"]} == {
        "Explosions/Remote violence": (1, 3), "Battles": (1, 12), "Violence against civilians": (1, 0),
        "Protests": (1, 0)}
    assert s["bbox"] == [30.52, 12.78, 45.03, 50.45]
    assert s["bin"] == "week"
    # Kharkiv's three days fall in one week; each event counts once over the timeline.
    assert sum(b["events"] for b in s["timeline"]) == pytest.approx(3)
    dated = client.get("/api/summary?country=Yemen&date_from=2023-01-01").json()
    assert (dated["events"], dated["undated"]) == (1, 1)  # Sanaa has no date: counted, not shown
    spread = client.get("/api/summary?country=Ukraine&bin=year").json()["timeline"]
    assert [(b["start"], b["events"]) for b in spread] == [("2023-01-01", 1.0), ("2023-01-01", 1.0)]


def test_web_api_places_group_by_point(client: TestClient) -> None:
    p = client.get("/api/places?country=Ukraine").json()
    assert (p["total"], p["events"], p["shown"]) == (2, 2, 2)
    assert {g["name"] for g in p["groups"]} == {"Kyiv", "Kharkiv"}


def test_web_unknown_event_page_is_an_html_404(client: TestClient) -> None:
    response = client.get("/events/no-such-event")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "No such event" in response.text
