"""Events and articles as the JSON the pages, the API and the report show.

A *row* is one event without its mentions (the map, the timeline and the
table need only that); a *detail* adds each mention with its article's
metadata and cleaned text (or a window of it around the mention), so a page
can highlight the sentence by its character offsets.

URLs from articles are passed on only when they are ``http`` or ``https``
(``url``); the original text is kept in ``url_text`` to show as plain text.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

from eventwire.records import Article, Event, article_to_dict, event_to_dict
from eventwire.store.query import PlaceGroups, Summary, Tally
from eventwire.web.assets import admin1_file

#: Characters of article text kept on each side of a mention in a windowed detail.
WINDOW = 600


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an absolute http(s) URL a page may link to, else None."""
    if not url or len(url) > 2000 or any(c.isspace() or ord(c) < 32 for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def row_from_record(record: dict[str, Any]) -> dict[str, Any]:
    """A row from an ``events.jsonl`` record (as :func:`eventwire.records.event_to_dict` makes)."""
    mentions = record.get("mentions") or []
    sources: list[str] = []
    for m in mentions:
        name = m.get("source")
        if name and name not in sources:
            sources.append(name)
    row = {k: v for k, v in record.items() if k not in ("mentions", "provenance", "disagreements")}
    row["mention_count"] = len(mentions)
    row["sources"] = sources
    return row


def event_row(event: Event) -> dict[str, Any]:
    """The row of one event."""
    return row_from_record(event_to_dict(event))


def article_view(article: Article | dict[str, Any] | None, *, article_id: str, start: int, end: int,
                 window: int | None) -> dict[str, Any]:
    """An article's metadata and its text (all of it, or ``window`` characters around start..end)."""
    if article is None:
        meta: dict[str, Any] = {"article_id": article_id}
        text = None
    elif isinstance(article, Article):
        meta = article_to_dict(article)
        text = article.text
    else:
        meta = dict(article)
        text = meta.pop("text", None)
    view = {**meta, "url_text": meta.get("url"), "url": safe_url(meta.get("url")),
            "text": None, "text_offset": 0, "text_length": None}
    if text is not None:
        lo, hi = 0, len(text)
        if window is not None:
            lo, hi = max(0, start - window), min(len(text), end + window)
        view["text"] = text[lo:hi]
        view["text_offset"] = lo
        view["text_length"] = len(text)
    return view


def detail_from_record(record: dict[str, Any], articles: Mapping[str, Article | dict[str, Any]], *,
                       window: int | None) -> dict[str, Any]:
    """An event record with each mention's article attached."""
    mentions = []
    for m in record.get("mentions") or []:
        article = articles.get(m["article_id"])
        mentions.append({**m, "article": article_view(article, article_id=m["article_id"], start=m["start"],
                                                      end=m["end"], window=window)})
    return {"event": {**row_from_record(record), "provenance": record.get("provenance") or {},
                      "disagreements": record.get("disagreements") or []},
            "mentions": mentions}


def event_detail(event: Event, articles: Mapping[str, Article], *, window: int | None = None) -> dict[str, Any]:
    """The detail of one event; ``window=None`` keeps each article's whole text. Each mention
    has the ``trail`` stored when it was coded (None for one coded before it was stored)."""
    detail = detail_from_record(event_to_dict(event), articles, window=window)
    trails = {m.mention_id: m.trail for m in event.mentions}
    for m in detail["mentions"]:
        m["trail"] = _trail(trails.get(m["mention_id"]))
    return detail


def _trail(stored: str | None) -> dict[str, Any] | None:
    try:
        trail = json.loads(stored) if stored else None
    except ValueError:
        return None  # a trail is an aid to reading, never a reason to fail the page
    return trail if isinstance(trail, dict) else None


def boundary_files(country_codes: Sequence[str | None]) -> dict[str, str]:
    """``{alpha-2 code: admin-1 file under static/}`` for the codes that have one."""
    out: dict[str, str] = {}
    for code in country_codes:
        path = admin1_file(code)
        if code and path:
            out[code.upper()] = path
    return out


def _tallies(tallies: Sequence[Tally], *keys: str) -> list[dict[str, Any]]:
    return [{**dict(zip(keys, t.key, strict=True)), "events": t.events, "deaths": t.deaths} for t in tallies]


def summary_view(s: Summary) -> dict[str, Any]:
    """A :class:`~eventwire.store.query.Summary` as the JSON of ``/api/summary`` (the report's script makes the same)."""
    return {
        "events": s.events, "deaths": s.deaths, "located": s.located, "undated": s.undated,
        "date_min": s.date_min, "date_max": s.date_max, "bbox": list(s.bbox) if s.bbox else None,
        "by_type": _tallies(s.by_type, "event_type"), "by_country": _tallies(s.by_country, "country", "country_code"),
        "by_admin1": _tallies(s.by_admin1, "country", "admin1"), "actors": _tallies(s.actors, "actor"),
        "bin": s.bin,
        "timeline": [{"start": b.start, "event_type": b.event_type, "events": round(b.events, 4),
                      "spread": round(b.spread, 4), "deaths": round(b.deaths, 4)} for b in s.timeline],
    }


def places_view(p: PlaceGroups) -> dict[str, Any]:
    """Map points as the JSON of ``/api/places``: how many in all, how many given, and each point."""
    return {"total": p.total, "events": p.events, "shown": len(p.groups),
            "shown_events": sum(g.events for g in p.groups),
            "groups": [{"latitude": g.latitude, "longitude": g.longitude, "name": g.name, "admin1": g.admin1,
                        "country": g.country, "events": g.events, "deaths": g.deaths,
                        "event_type": g.event_type} for g in p.groups]}
