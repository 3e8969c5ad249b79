"""Tests of the one-file report, its inline data escaping, and the serve/report commands."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventwire.cli import cli
from eventwire.output import export
from eventwire.web.render import fill, inline_json, inline_script
from eventwire.web.report import ReportError, render_report, report_from
from eventwire.web.views import safe_url

from ..store.test_query import SPECS, build_events, make_db

PAYLOAD = "</script><script>window.__ew_pwned=1</script><!--<img src=x onerror=alert(1)>\u2028&amp;"


def _hostile_specs() -> list[tuple]:
    """The first event of SPECS with the payload in every text field."""
    spec = list(SPECS[0])
    for index in (5, 6, 7, 8, 9, 14):  # actor1, actor2, place, admin1, country, sentence
        spec[index] = f"{spec[index]} {PAYLOAD}"
    return [tuple(spec), *SPECS[1:]]


def _data(page: str) -> dict:
    found = re.search(r'<script type="application/json" id="ew-data">(.*?)</script>', page, re.DOTALL)
    assert found
    return json.loads(found.group(1))


def test_web_report_inline_data_cannot_break_out() -> None:
    articles, events = build_events(_hostile_specs())
    from eventwire.records import event_to_dict

    page = render_report([event_to_dict(e) for e in events], {a.article_id: a for a in articles})
    data = _data(page)
    assert "<" not in page[page.index('id="ew-data">') + 13:page.index("</script>", page.index('id="ew-data">'))]
    row = next(r for r in data["rows"] if r["event_id"] == "ev-kyiv")
    assert row["actor1"].endswith(PAYLOAD) and row["location"].endswith(PAYLOAD)
    assert data["details"]["ev-kyiv"]["mentions"][0]["sentence"].endswith(PAYLOAD)
    assert "window.__ew_pwned=1</script>" not in page
    # Every executable script is ours and allowed by hash; nothing else may run.
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    scripts = re.findall(r"<script>(.*?)</script>", page, re.DOTALL)
    from eventwire.web.assets import SCRIPTS
    from eventwire.web.render import VENDOR_SCRIPTS

    assert len(scripts) == len(VENDOR_SCRIPTS) + len(SCRIPTS) + 1  # the vendored, ours, the report's own
    for source in scripts:
        digest = base64.b64encode(hashlib.sha256(source.encode()).digest()).decode()
        assert f"sha256-{digest}" in policy
    assert "unsafe-inline" not in policy.split("style-src")[0] and "connect-src" not in policy


@pytest.mark.parametrize(("value", "expected"), [
    ("</script>", '"\\u003c/script\\u003e"'), ("a&b", '"a\\u0026b"'), ("\u2028", '"\\u2028"'),
    ({"k": "<!--"}, '{"k":"\\u003c!--"}'),
])
def test_web_report_inline_json_escapes(value: object, expected: str) -> None:
    assert inline_json(value) == expected
    assert json.loads(inline_json(value)) == value


@pytest.mark.parametrize(("source", "expected"), [
    ("var a = '</script>';", "var a = '<\\/script>';"), ("x = '<!--';", "x = '<\\!--';"),
    ("if (a < b) {}", "if (a < b) {}"),
])
def test_web_report_inline_script_escapes(source: str, expected: str) -> None:
    assert inline_script(source) == expected


def test_web_report_slots_fill_once() -> None:
    assert fill("{{a}}-{{b}}", {"a": "{{b}}", "b": "x"}) == "{{b}}-x"


@pytest.mark.parametrize(("url", "expected"), [
    ("https://example.org/a?b=1", "https://example.org/a?b=1"), ("http://example.org", "http://example.org"),
    ("javascript:alert(1)", None), ("JavaScript:alert(1)", None), ("data:text/html,<b>", None),
    ("//example.org/x", None), ("https://exa mple.org", None), ("", None), (None, None),
    ("vbscript:msgbox", None), ("https:///nohost", None),
])
def test_web_views_safe_url(url: str | None, expected: str | None) -> None:
    assert safe_url(url) == expected


def test_web_report_from_database_and_folder_agree(tmp_path: Path) -> None:
    db = make_db(tmp_path / "events.duckdb")
    articles, events = build_events()
    export.write_outputs(tmp_path / "out", events=events, articles=articles, report=render_report)
    from_db, from_dir = report_from(db), report_from(tmp_path / "out")
    assert [r["event_id"] for r in from_db[0]] == [r["event_id"] for r in from_dir[0]]
    page_db, page_dir = (_data(render_report(*x[:2])) for x in (from_db, from_dir))
    assert page_db["facets"] == page_dir["facets"]
    assert page_db["facets"]["events"] == 5 and page_db["facets"]["mentions"] == 5
    # The database has the articles' text; the folder only their metadata.
    assert page_db["details"]["ev-aden"]["mentions"][0]["article"]["text"].startswith("Gunmen")
    assert page_dir["details"]["ev-aden"]["mentions"][0]["article"]["text"] is None
    assert page_dir["details"]["ev-aden"]["mentions"][0]["article"]["title"] == "Report ev-aden"


def test_web_report_written_by_write_outputs(tmp_path: Path) -> None:
    articles, events = build_events()
    written = export.write_outputs(tmp_path, events=events, articles=articles, report=render_report)
    report = written["report.html"]
    assert report == tmp_path / "report.html"
    assert _data(report.read_text(encoding="utf-8"))["facets"]["events"] == 5
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    first = report.read_bytes()
    export.write_outputs(tmp_path, events=list(reversed(events)), articles=articles, report=render_report)
    assert report.read_bytes() == first  # deterministic


@pytest.mark.parametrize("content", ["not json\n", '["a list"]\n', '{"no_id": 1}\n'])
def test_web_report_rejects_a_bad_folder(tmp_path: Path, content: str) -> None:
    (tmp_path / "events.jsonl").write_text(content, encoding="utf-8")
    with pytest.raises(ReportError, match="events.jsonl:1"):
        report_from(tmp_path)


def test_web_report_command(tmp_path: Path) -> None:
    db = make_db(tmp_path / "events.duckdb")
    out = tmp_path / "r.html"
    result = CliRunner().invoke(cli, ["report", str(db), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert _data(out.read_text(encoding="utf-8"))["facets"]["events"] == 5
    empty = tmp_path / "empty"
    empty.mkdir()
    result = CliRunner().invoke(cli, ["report", str(empty), "--out", str(out)])
    assert result.exit_code == 1 and "has no events.jsonl" in result.output


def test_web_serve_command_needs_a_database(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1 and "no event database" in result.output
    result = CliRunner().invoke(cli, ["serve", "--port", "70000"])
    assert result.exit_code == 2


def test_web_report_command_keeps_the_latest_events_and_says_so(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from eventwire.output import export

    db = make_db(tmp_path / "events.duckdb")
    monkeypatch.setattr(export, "REPORT_EVENTS", 2)
    out = tmp_path / "r.html"
    result = CliRunner().invoke(cli, ["report", str(db), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "the latest 2 of 5 events" in result.output
    page = out.read_text(encoding="utf-8")
    data = _data(page)
    assert data["facets"]["events"] == 2 and "the latest 2 of 5 events" in page
    records, _, total = report_from(db, limit=2)
    dated = sorted(r["date_start"] for r in report_from(db)[0] if r["date_start"])
    assert total == 5 and sorted(r["date_start"] for r in records) == dated[-2:]
