"""The one-file HTML report: map, timeline, table and every event's evidence, offline.

:func:`write_report` writes it from events and articles (``eventwire run``
calls it for ``DIR/report.html``); :func:`report_from` reads them from an event
database or from a run's output folder (``events.jsonl`` and
``articles.jsonl``; that folder holds no article text, so the report then
shows each sentence without its surrounding text).

Everything is inline: scripts, styles, the Natural Earth boundaries of the
countries with events, and the data, as JSON escaped so that no value can end
its ``<script>`` element. A Content-Security-Policy in the file allows only
its own scripts (by hash) and no network at all.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from eventwire.errors import EventwireError
from eventwire.output.export import LatestEvents, sort_events, write_text_atomic
from eventwire.records import Article, Event, event_to_dict
from eventwire.store.query import EVENT_TYPES
from eventwire.web.assets import VENDOR, admin1_file, check_assets, read_asset
from eventwire.web.render import inline_page
from eventwire.web.views import WINDOW, detail_from_record, row_from_record


class ReportError(EventwireError):
    """The report's input cannot be read."""


def _facets(records: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The same counts and menus as ``/api/facets``, from event records."""
    countries: dict[str, list[Any]] = {}
    admin1: dict[tuple[str, str], int] = {}
    for r in records:
        if r.get("country"):
            entry = countries.setdefault(r["country"], [r.get("country_code"), 0])
            entry[1] += 1
            if r.get("admin1"):
                key = (r["country"], r["admin1"])
                admin1[key] = admin1.get(key, 0) + 1
    return {
        "events": len(records),
        "mentions": sum(len(r.get("mentions") or []) for r in records),
        "articles": len({m["article_id"] for r in records for m in r.get("mentions") or []}),
        "countries": [{"country": c, "country_code": v[0], "events": v[1]} for c, v in sorted(countries.items())],
        "admin1": [{"country": c, "admin1": a, "events": n} for (c, a), n in sorted(admin1.items())],
        "all_event_types": list(EVENT_TYPES),
    }


def _boundaries(records: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """``{alpha-2 code: admin-1 TopoJSON}`` of the countries of ``records`` that have a boundary file."""
    files = {str(r.get("country_code")).upper(): admin1_file(r.get("country_code")) for r in records}
    return {code: json.loads(read_asset(f)) for code, f in sorted(files.items()) if f}


def render_report(records: Sequence[dict[str, Any]], articles: Mapping[str, Article | dict[str, Any]], *,
                  title: str = "eventwire report", total: int | None = None) -> str:
    """The report's HTML from ``events.jsonl``-style records and articles by id.

    ``total`` is how many events the source holds when ``records`` are only
    some of them (the latest): the page then says so above the map.
    """
    check_assets()
    data = {
        "title": title,
        "total": max(total or 0, len(records)),
        "facets": _facets(records),
        "rows": [row_from_record(r) for r in records],
        "details": {r["event_id"]: detail_from_record(r, articles, window=WINDOW) for r in records},
        "world": json.loads((VENDOR / "countries-50m.json").read_text(encoding="utf-8")),
        "admin1": _boundaries(records),
    }
    return inline_page("main.html", title=title, main="report.js", data=data)


def report_html(*, events: Sequence[Event], articles: Sequence[Article]) -> str:
    """The report of ``events``, with ``articles`` for the text around each mention."""
    records = [event_to_dict(e) for e in sort_events(events)]
    return render_report(records, {a.article_id: a for a in articles})


def write_report(path: Path, *, events: Sequence[Event], articles: Sequence[Article]) -> Path:
    """Write the report of ``events`` (with ``articles`` for context) to ``path``, atomically."""
    write_text_atomic(Path(path), report_html(events=events, articles=articles))
    return Path(path)


def report_from(source: Path, *, limit: int | None = None
                ) -> tuple[list[dict[str, Any]], dict[str, Article | dict[str, Any]], int]:
    """Event records, their articles and how many events there are, from a database or a run's folder.

    With ``limit``, only the latest ``limit`` events are kept (as in a run's
    ``report.html``); events are read one at a time either way.
    """
    source = Path(source)
    if source.is_dir():
        return _from_folder(source, limit=limit)
    if not source.is_file():
        raise ReportError(f"{source} is neither an event database nor an output folder")
    from eventwire.store.database import Store

    shown = LatestEvents(limit)
    with Store.open(source, read_only=True) as store:
        for event in store.events_in_export_order():
            shown.add(event_to_dict(event))
        records = shown.records()
        articles = {a.article_id: a for a in store.articles(ids=shown.cited())}
    return records, dict(articles), shown.seen


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ReportError(f"cannot read {path}: {exc}") from None
    out = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ReportError(f"{path}:{n}: not JSON ({exc.msg})") from None
        if not isinstance(record, dict):
            raise ReportError(f"{path}:{n}: not a JSON object")
        out.append(record)
    return out


def _from_folder(folder: Path, *, limit: int | None = None
                 ) -> tuple[list[dict[str, Any]], dict[str, Article | dict[str, Any]], int]:
    events_file = folder / "events.jsonl"
    if not events_file.is_file():
        raise ReportError(f"{folder} has no events.jsonl; give an event database or a run's output folder")

    shown = LatestEvents(limit)
    for n, r in enumerate(_read_jsonl(events_file), 1):
        if not isinstance(r.get("event_id"), str) or not isinstance(r.get("mentions", []), list):
            raise ReportError(f"{events_file}:{n}: not an eventwire event record")
        shown.add(r)
    records = shown.records()
    cited = set(shown.cited())
    articles_file = folder / "articles.jsonl"
    articles = {a["article_id"]: a for a in _read_jsonl(articles_file)
                if isinstance(a.get("article_id"), str) and a["article_id"] in cited} \
        if articles_file.is_file() else {}
    return records, dict(articles), shown.seen
