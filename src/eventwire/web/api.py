"""The JSON API under ``/api/`` (a FastAPI router; OpenAPI at ``/api/openapi.json``).

    GET /api/events             filtered, sorted page of event rows
    GET /api/events/{event_id}  one event with its mentions and their articles
    GET /api/facets             counts and the values the filters can take
    GET /api/summary            what the filtered events add up to: by type, country, province,
                                actor and timeline bin, deaths, extent, undated events
    GET /api/places             the filtered events grouped by their coordinates, for the map
    GET /api/export/{fmt}       the filtered events as csv, geojson or jsonl

Every query parameter is validated: texts are bounded, dates are ISO dates,
event types and sorts are enumerations, and a parameter the endpoint does not
know, or one given twice (except ``country`` and ``event_type``, which may be
given several times: any of the values matches), is answered with 400.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import tempfile
from collections.abc import Callable, Iterator
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import Response

from eventwire.errors import StoreError, StoreLocked
from eventwire.output.export import write_export
from eventwire.store.database import Store
from eventwire.store.query import (
    EVENT_TYPES,
    MAX_TEXT,
    MAX_VALUES,
    SORTS,
    EventFilter,
    QueryError,
    facets,
    get_event,
    load_articles,
    place_groups,
    select_events,
    summarize,
)
from eventwire.web.views import boundary_files, event_detail, event_row, places_view, summary_view

#: Most rows one /api/events call returns, and most events one export holds.
MAX_PAGE = 10_000
MAX_EXPORT = 100_000
#: Most map points (distinct coordinates) one /api/places call returns; the answer says how many there are.
MAX_PLACES = 20_000

#: What an event id may look like (anything else is 404 without a database look-up).
EVENT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$")

# The enumerations, from the query module's tables (a tuple subscript makes a Literal of its items).
# FastAPI validates parameters against these Literals; a type checker cannot build a Literal from
# a table's values at run time, so to it they are plain strings.
if TYPE_CHECKING:
    EventType = str
    Sort = str
else:
    EventType = Literal[EVENT_TYPES]
    Sort = Literal[tuple(SORTS)]
Bin = Literal["auto", "week", "month", "year"]


class ExportFormat(str, Enum):
    csv = "csv"
    geojson = "geojson"
    jsonl = "jsonl"


_MEDIA = {"csv": "text/csv; charset=utf-8", "geojson": "application/geo+json",
          "jsonl": "application/x-ndjson"}

_FILTER_PARAMS = ("country", "admin1", "event_type", "actor", "date_from", "date_to", "q", "bbox")
#: Parameters that may be given more than once (any of their values matches).
_REPEATABLE = frozenset({"country", "event_type"})


def only_params(*names: str) -> Callable[[Request], None]:
    """A dependency answering 400 to unknown query parameters, or repeated ones that cannot repeat."""
    allowed = set(names)

    def check(request: Request) -> None:
        keys = [k for k, _ in request.query_params.multi_items()]
        unknown = sorted(set(keys) - allowed)
        if unknown:
            raise HTTPException(400, f"unknown query parameter {unknown[0][:40]!r}")
        single = [k for k in keys if k not in _REPEATABLE]
        if len(single) != len(set(single)):
            raise HTTPException(400, "a query parameter is given more than once")

    return check


def open_store(request: Request) -> Iterator[Store]:
    """A read-only connection for one request (so `eventwire run` can write between requests)."""
    try:
        store = request.app.state.snapshot.open()
    except StoreLocked as exc:
        raise HTTPException(503, str(exc)) from None
    except StoreError as exc:
        raise HTTPException(500, str(exc)) from None
    try:
        yield store
    finally:
        store.close()


Text = Annotated[str | None, Query(max_length=MAX_TEXT)]
Texts = Annotated[list[Annotated[str, Query(max_length=MAX_TEXT)]] | None,
                  Query(max_length=MAX_VALUES, description="one or more; any matches")]
Types = Annotated[list[EventType] | None, Query(max_length=MAX_VALUES, description="one or more; any matches")]
BBox = Annotated[str | None, Query(max_length=120, description="west,south,east,north in degrees")]


def _bbox(text: str | None) -> tuple[float, float, float, float] | None:
    if not text:
        return None
    parts = text.split(",")
    try:
        values = tuple(float(p) for p in parts)
    except ValueError:
        values = ()
    if len(values) != 4 or not all(math.isfinite(v) for v in values):
        raise HTTPException(422, "bbox must be four numbers: west,south,east,north")
    return values[0], values[1], values[2], values[3]


def event_filter(country: Texts = None, admin1: Text = None, event_type: Types = None,
                 actor: Text = None, date_from: dt.date | None = None, date_to: dt.date | None = None,
                 q: Annotated[str | None, Query(max_length=MAX_TEXT, description="free text")] = None,
                 bbox: BBox = None) -> EventFilter:
    """The filter part of the query (shared by /api/events, /api/summary, /api/places and /api/export)."""
    try:
        return EventFilter(country=tuple(c for c in country or () if c) or None, admin1=admin1 or None,
                           event_type=tuple(event_type or ()) or None, actor=actor or None,
                           date_from=date_from, date_to=date_to, text=q or None, bbox=_bbox(bbox))
    except QueryError as exc:
        raise HTTPException(400, str(exc)) from None


StoreDep = Annotated[Store, Depends(open_store)]
FilterDep = Annotated[EventFilter, Depends(event_filter)]

router = APIRouter(prefix="/api", tags=["events"])


@router.get("/events", dependencies=[Depends(only_params(*_FILTER_PARAMS, "sort", "limit", "offset"))])
def list_events(store: StoreDep, flt: FilterDep, sort: Sort = "date",
                limit: Annotated[int, Query(ge=0, le=MAX_PAGE)] = 100,
                offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0) -> dict[str, Any]:
    """Events matching the filter: ``total`` matches and one page of rows."""
    try:
        page = select_events(store, EventFilter(**{**_fields(flt), "sort": sort, "limit": limit,
                                                   "offset": offset}))
    except QueryError as exc:
        raise HTTPException(400, str(exc)) from None
    rows = [event_row(e) for e in page.events]
    return {"total": page.total, "limit": limit, "offset": offset, "events": rows,
            "boundaries": boundary_files([r["country_code"] for r in rows])}


@router.get("/events/{event_id}", dependencies=[Depends(only_params())])
def show_event(store: StoreDep, event_id: Annotated[str, PathParam(max_length=128)]) -> dict[str, Any]:
    """One event: its fields, disagreements, and each mention with its article's cleaned text."""
    if not EVENT_ID.match(event_id):
        raise HTTPException(404, "no such event")
    event = get_event(store, event_id)
    if event is None:
        raise HTTPException(404, "no such event")
    articles = {a.article_id: a for a in load_articles(store, [m.article_id for m in event.mentions])}
    code = event.place.country_code if event.place else None
    return {**event_detail(event, articles), "boundaries": boundary_files([code])}


@router.get("/facets", dependencies=[Depends(only_params())])
def show_facets(store: StoreDep) -> dict[str, Any]:
    """How many events, mentions and articles; the countries, provinces and types present."""
    f = facets(store)
    return {
        "events": f.events, "mentions": f.mentions, "articles": f.articles,
        "date_min": f.date_min, "date_max": f.date_max,
        "countries": [{"country": c, "country_code": code, "events": n} for c, code, n in f.countries],
        "admin1": [{"country": c, "admin1": a, "events": n} for c, a, n in f.admin1],
        "event_types": [{"event_type": t, "events": n} for t, n in f.event_types],
        "all_event_types": list(EVENT_TYPES), "sorts": list(SORTS),
        "boundaries": boundary_files([code for _, code, _ in f.countries]),
    }


@router.get("/summary", dependencies=[Depends(only_params(*_FILTER_PARAMS, "bin"))])
def show_summary(store: StoreDep, flt: FilterDep, bin: Bin = "auto") -> dict[str, Any]:
    """Events and deaths of the filtered events by type, country, province, top actors and timeline bin."""
    return summary_view(summarize(store, flt, bin=bin))


@router.get("/places", dependencies=[Depends(only_params(*_FILTER_PARAMS))])
def show_places(store: StoreDep, flt: FilterDep) -> dict[str, Any]:
    """The filtered events with coordinates, one group per point (at most MAX_PLACES, the busiest)."""
    return places_view(place_groups(store, flt, limit=MAX_PLACES))


@router.get("/export/{fmt}", dependencies=[Depends(only_params(*_FILTER_PARAMS))],
            response_class=Response)
def export_events(store: StoreDep, flt: FilterDep, fmt: ExportFormat) -> Response:
    """The filtered events as a download, written by :func:`eventwire.output.export.write_export`."""
    page = select_events(store, EventFilter(**{**_fields(flt), "limit": MAX_EXPORT}))
    if page.total > MAX_EXPORT:
        raise HTTPException(413, f"{page.total} events match; narrow the filter to at most {MAX_EXPORT}")
    with tempfile.TemporaryDirectory(prefix="eventwire-export-") as folder:
        path = Path(folder) / f"events.{fmt.value}"
        write_export(path, events=page.events, fmt=fmt.value)
        body = path.read_bytes()
    return Response(body, media_type=_MEDIA[fmt.value],
                    headers={"Content-Disposition": f'attachment; filename="events.{fmt.value}"'})


def _fields(flt: EventFilter) -> dict[str, Any]:
    return {name: getattr(flt, name) for name in ("country", "admin1", "event_type", "actor", "date_from",
                                                  "date_to", "text", "bbox")}
