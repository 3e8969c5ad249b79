"""The event page's trail: stored with each mention when its article is coded, served by the
read-only web app (which never loads the model)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from eventwire.pipeline import run
from eventwire.web.app import create_app

pytestmark = pytest.mark.slow

ARTICLE = (" date 2025-03-12\nRebel fighters seized the town of Bunia in Ituri province on Tuesday, "
           "a local official said.\n")


def test_web_event_detail_shows_the_trail_stored_when_coded(tmp_path: Path) -> None:
    src = tmp_path / "bunia.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "e.duckdb"
    result = run([str(src)], out_dir=tmp_path / "out", db=db)
    [event] = [e for e in result.events if e.sub_event_type == "Non-state actor overtakes territory"]
    client = TestClient(create_app(db))
    detail = client.get(f"/api/events/{event.event_id}").json()
    [mention] = detail["mentions"]
    trail = mention["trail"]
    assert trail["kind"] == "capture" and trail["rule_type"] == "Non-state actor overtakes territory"
    assert 0 <= trail["score"] <= 1
    args = {a["argument"]: a for a in trail["arguments"]}
    assert args["place"] == {"argument": "place", "value": "Bunia", "phrase": "Bunia",
                             "rule": "the nearest place of the trigger's clause"}
    assert args["date"]["phrase"] == "Tuesday" and args["date"]["value"] == "2025-03-11"
    assert args["actor1"]["phrase"] == "Rebel fighters"
    page = client.get(f"/events/{event.event_id}")
    assert page.status_code == 200


def test_web_event_detail_without_a_stored_trail_is_none(tmp_path: Path) -> None:
    from ..store.test_query import make_db

    client = TestClient(create_app(make_db(tmp_path / "old.duckdb")))
    detail = client.get("/api/events/ev-kyiv").json()
    assert all(m["trail"] is None for m in detail["mentions"])
