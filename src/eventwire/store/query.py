"""QUERY: select stored events by a filter, with parameterised SQL.

:class:`EventFilter` says which events a reader wants (country, admin1, type,
actor, date window, free text) and which page of them (sort, limit, offset).
:func:`select_events` runs it against an open :class:`~eventwire.store.database.Store`
and returns an :class:`EventPage`: the total number of matches and the page of
:class:`~eventwire.records.Event` records, mentions included. :func:`facets`
lists the values a filter can take. The web app, the report and the CLI share
these; nothing here knows about HTTP.

Every value a user gives travels as a SQL parameter; the only text put into
the SQL itself comes from fixed tables in this module (the sort orders and
column names), never from the filter. Text matching is case-insensitive and
literal (``%`` and ``_`` in the search text match themselves).

Semantics: ``country`` matches the country name or its ISO code, ``admin1``
the province name, both exactly but case-insensitively; ``actor`` is a
substring of either actor; ``text`` a substring of the place, actors, types or
any mention's sentence. ``date_from``/``date_to`` keep events whose date window
overlaps them; events of unknown date are left out when either is set.

The SQL runs through ``Store._query`` (the store's parameterised read, which
turns DuckDB errors into :class:`~eventwire.errors.StoreError`): the store has
no public query method, and this module keeps its own SQL out of ``store.py``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from eventwire import taxonomy as tx
from eventwire.errors import EventwireError
from eventwire.records import Article, Event

if TYPE_CHECKING:
    from eventwire.store.database import Store

#: The ACLED event types a filter may name (the taxonomy's six).
EVENT_TYPES = tx.EVENT_TYPES

#: Sort orders: name -> ORDER BY clause (fixed SQL; ``-name`` sorts descending). Unknown values
#: (NULL) come last either way; ties are broken by the columns that follow, then the event id.
_DATE = "e.date_start IS NULL, e.date_start {d}, e.date_end {d}"
_BY_COLUMN = {"fatalities": ("e.fatalities",), "country": ("lower(e.place_country)", "lower(e.place_admin1)"),
              "admin1": ("lower(e.place_admin1)",), "location": ("lower(e.place_name)",),
              "actor1": ("lower(e.actor1)",), "actor2": ("lower(e.actor2)",),
              "type": ("e.event_type", "e.sub_event_type"), "sub_event_type": ("e.sub_event_type",),
              "mentions": ("mention_count",)}
SORTS: dict[str, str] = {
    "date": _DATE.format(d="ASC") + ", e.event_id",
    "-date": _DATE.format(d="DESC") + ", e.event_id",
    **{f"{sign}{name}": f"{columns[0]} IS NULL, " + ", ".join(f"{c} {order}" for c in columns) + ", e.event_id"
       for name, columns in _BY_COLUMN.items() for sign, order in (("", "ASC"), ("-", "DESC"))},
}

#: Bounds on what one filter may ask for.
MAX_TEXT = 200
MAX_LIMIT = 100_000
MAX_OFFSET = 10_000_000


#: Most values one multi-valued filter field may list.
MAX_VALUES = 50


class QueryError(EventwireError):
    """An event filter has an invalid value."""


def _many(value: str | tuple[str, ...] | None) -> tuple[str, ...]:
    """A filter field's values as a tuple (none when the field is None)."""
    if value is None:
        return ()
    return value if isinstance(value, tuple) else (value,)


def _check_bbox(bbox: object) -> None:
    if (not isinstance(bbox, tuple) or len(bbox) != 4
            or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in bbox)):
        raise QueryError("bbox must be four numbers: west, south, east, north")
    west, south, east, north = bbox
    if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
        raise QueryError("bbox must have -180 <= west <= east <= 180 and -90 <= south <= north <= 90")


@dataclass(frozen=True, slots=True, kw_only=True)
class EventFilter:
    """Which events to select and which page of them. ``None`` means "any".

    ``country`` and ``event_type`` take one value or several (any of them
    matches); ``bbox`` is ``(west, south, east, north)`` in degrees and keeps
    the events with coordinates inside it (edges included).
    """

    country: str | tuple[str, ...] | None = None
    admin1: str | None = None
    event_type: str | tuple[str, ...] | None = None
    actor: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    text: str | None = None
    limit: int = 100
    offset: int = 0
    sort: str = "date"
    bbox: tuple[float, float, float, float] | None = None

    def __post_init__(self) -> None:
        for name in ("country", "event_type"):  # one value or several: kept as a tuple, or None
            value = getattr(self, name)
            if isinstance(value, list | tuple):
                if len(value) > MAX_VALUES:
                    raise QueryError(f"{name} takes at most {MAX_VALUES} values")
                object.__setattr__(self, name, tuple(dict.fromkeys(value)) or None)
            elif value is not None:
                object.__setattr__(self, name, (value,))
        for name in ("country", "admin1", "actor", "text"):
            for value in _many(getattr(self, name)):
                if not isinstance(value, str) or len(value) > MAX_TEXT:
                    raise QueryError(f"{name} must be text of at most {MAX_TEXT} characters")
                if "\x00" in value:
                    raise QueryError(f"{name} must not contain a NUL character")
        for kind in _many(self.event_type):
            if kind not in EVENT_TYPES:
                raise QueryError(f"unknown event type {kind!r}; use one of {', '.join(EVENT_TYPES)}")
        if self.bbox is not None:
            _check_bbox(self.bbox)
        for name in ("date_from", "date_to"):
            value = getattr(self, name)
            if value is not None and (not isinstance(value, dt.date) or isinstance(value, dt.datetime)):
                raise QueryError(f"{name} must be a date")
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise QueryError(f"date_from {self.date_from} is after date_to {self.date_to}")
        if not isinstance(self.limit, int) or isinstance(self.limit, bool) or not 0 <= self.limit <= MAX_LIMIT:
            raise QueryError(f"limit must be a whole number from 0 to {MAX_LIMIT}")
        if (not isinstance(self.offset, int) or isinstance(self.offset, bool)
                or not 0 <= self.offset <= MAX_OFFSET):
            raise QueryError(f"offset must be a whole number from 0 to {MAX_OFFSET}")
        if self.sort not in SORTS:
            raise QueryError(f"unknown sort {self.sort!r}; use one of {', '.join(SORTS)}")


@dataclass(frozen=True, slots=True)
class EventPage:
    """One page of matching events and how many match in all."""

    total: int
    events: tuple[Event, ...] = field(default_factory=tuple)


def _like(value: str) -> str:
    """A LIKE pattern matching ``value`` literally anywhere (escape character ``\\``)."""
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def where_clause(flt: EventFilter, *, dates: bool = True) -> tuple[str, list[Any]]:
    """The WHERE clause (over alias ``e`` of ``events``) and its parameters.

    With ``dates=False`` the date window is left out (to count the undated
    events a date filter hides).
    """
    parts: list[str] = []
    params: list[Any] = []
    if flt.country:
        names = [c.lower() for c in _many(flt.country)]
        parts.append("(lower(e.place_country) IN (SELECT unnest(?::VARCHAR[])) "
                     "OR lower(e.place_country_code) IN (SELECT unnest(?::VARCHAR[])))")
        params += [names, names]
    if flt.admin1:
        parts.append("lower(e.place_admin1) = lower(?)")
        params.append(flt.admin1)
    if flt.event_type:
        parts.append("e.event_type IN (SELECT unnest(?::VARCHAR[]))")
        params.append(list(_many(flt.event_type)))
    if flt.bbox:
        parts.append("e.place_longitude BETWEEN ? AND ? AND e.place_latitude BETWEEN ? AND ?")
        west, south, east, north = flt.bbox
        params += [west, east, south, north]
    if flt.actor:
        parts.append("(e.actor1 ILIKE ? ESCAPE '\\' OR e.actor2 ILIKE ? ESCAPE '\\')")
        params += [_like(flt.actor)] * 2
    if flt.date_from and dates:
        parts.append("coalesce(e.date_end, e.date_start) >= ?")
        params.append(flt.date_from)
    if flt.date_to and dates:
        parts.append("e.date_start <= ?")
        params.append(flt.date_to)
    if flt.text:
        columns = ("e.place_name", "e.place_admin1", "e.place_country", "e.actor1", "e.actor2",
                   "e.event_type", "e.sub_event_type")
        tests = [f"{c} ILIKE ? ESCAPE '\\'" for c in columns]
        tests.append("EXISTS (SELECT 1 FROM event_mentions m WHERE m.event_id = e.event_id "
                     "AND m.sentence ILIKE ? ESCAPE '\\')")
        parts.append("(" + " OR ".join(tests) + ")")
        params += [_like(flt.text)] * len(tests)
    return (" AND ".join(parts) or "TRUE"), params


def count_events(store: Store, flt: EventFilter) -> int:
    """How many stored events match ``flt`` (its page fields are ignored)."""
    where, params = where_clause(flt)
    return int(store.query(f"SELECT count(*) FROM events e WHERE {where}", params)[0][0])


def select_events(store: Store, flt: EventFilter) -> EventPage:
    """The page of stored events that ``flt`` asks for, and the number of matches."""
    where, params = where_clause(flt)
    total = count_events(store, flt)
    if flt.limit == 0 or total == 0:
        return EventPage(total, ())
    rows = store.query(
        f"SELECT e.event_id, (SELECT count(*) FROM event_mentions m WHERE m.event_id = e.event_id) "
        f"AS mention_count FROM events e WHERE {where} ORDER BY {SORTS[flt.sort]} LIMIT ? OFFSET ?",
        [*params, flt.limit, flt.offset],
    )
    return EventPage(total, tuple(load_events(store, [r[0] for r in rows])))


def get_event(store: Store, event_id: str) -> Event | None:
    """The stored event with id ``event_id`` (or the event it was merged into), or None."""
    return store.event(event_id)


# -- reading records ------------------------------------------------------------------


def load_events(store: Store, event_ids: Sequence[str]) -> list[Event]:
    """The stored events with these ids, in the order given (unknown ids are skipped)."""
    ids = list(dict.fromkeys(event_ids))
    found = {e.event_id: e for e in store.events(ids=ids)} if ids else {}
    return [found[i] for i in ids if i in found]


def load_articles(store: Store, article_ids: Sequence[str]) -> list[Article]:
    """The stored articles with these ids, in the order given (unknown ids are skipped)."""
    ids = list(dict.fromkeys(article_ids))
    found = {a.article_id: a for a in store.articles(ids=ids)} if ids else {}
    return [found[i] for i in ids if i in found]


# -- facets -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Facets:
    """The values stored events take: for filter menus and summaries."""

    events: int
    mentions: int
    articles: int
    countries: tuple[tuple[str, str | None, int], ...]  # (country, code, events)
    admin1: tuple[tuple[str, str, int], ...]  # (country, admin1, events)
    event_types: tuple[tuple[str, int], ...]
    date_min: dt.date | None
    date_max: dt.date | None


def facets(store: Store) -> Facets:
    """Counts and the distinct countries, provinces and types of the stored events."""
    events, mentions, date_min, date_max = store.query(
        "SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM event_mentions), "
        "min(date_start), max(coalesce(date_end, date_start)) FROM events")[0]
    articles = store.query("SELECT count(DISTINCT article_id) FROM event_mentions")[0][0]
    countries = store.query(
        "SELECT place_country, any_value(place_country_code), count(*) FROM events "
        "WHERE place_country IS NOT NULL GROUP BY place_country ORDER BY place_country")
    admin1 = store.query(
        "SELECT place_country, place_admin1, count(*) FROM events WHERE place_country IS NOT NULL "
        "AND place_admin1 IS NOT NULL GROUP BY place_country, place_admin1 ORDER BY 1, 2")
    types = store.query("SELECT event_type, count(*) FROM events GROUP BY event_type ORDER BY 1")
    return Facets(events=int(events), mentions=int(mentions), articles=int(articles),
                  countries=tuple((r[0], r[1], int(r[2])) for r in countries),
                  admin1=tuple((r[0], r[1], int(r[2])) for r in admin1),
                  event_types=tuple((r[0], int(r[1])) for r in types),
                  date_min=date_min, date_max=date_max)


# -- aggregates for a view (the web app's summary, timeline and map) ------------------------

#: Timeline bins: name -> DuckDB date part. ``auto`` picks the finest with at most AUTO_BINS bins.
BINS = ("week", "month", "year")
AUTO_BINS = 160


@dataclass(frozen=True, slots=True)
class Tally:
    """Events and deaths of one group (a type, a country, a province, an actor)."""

    key: tuple[str | None, ...]
    events: int
    deaths: int


@dataclass(frozen=True, slots=True)
class Bin:
    """One timeline bin of one event type.

    An event whose dates span several bins counts ``1/n`` in each of its ``n``
    bins (and its deaths likewise), so a month- or year-precise date is drawn
    over its span instead of as a spike on its first day; ``spread`` is the part
    of ``events`` that comes from such events.
    """

    start: dt.date
    event_type: str
    events: float
    spread: float
    deaths: float


@dataclass(frozen=True, slots=True)
class Summary:
    """What the events matching a filter add up to."""

    events: int
    deaths: int
    located: int  # events with coordinates
    undated: int  # events that match the filter apart from its dates and have no date
    date_min: dt.date | None
    date_max: dt.date | None
    bbox: tuple[float, float, float, float] | None  # west, south, east, north of the located events
    by_type: tuple[Tally, ...]
    by_country: tuple[Tally, ...]  # key: (country, code)
    by_admin1: tuple[Tally, ...]  # key: (country, admin1)
    actors: tuple[Tally, ...]  # key: (actor,), the most frequent first
    bin: str
    timeline: tuple[Bin, ...]


def pick_bin(date_min: dt.date | None, date_max: dt.date | None) -> str:
    """The finest bin that draws ``date_min``..``date_max`` in at most :data:`AUTO_BINS` bins."""
    if date_min is None or date_max is None:
        return "week"
    days = (date_max - date_min).days + 1
    if days / 7 <= AUTO_BINS:
        return "week"
    if days / 30.4 <= AUTO_BINS:
        return "month"
    return "year"


def _tallies(rows: list[tuple[Any, ...]]) -> tuple[Tally, ...]:
    return tuple(Tally(tuple(r[:-2]), int(r[-2]), int(r[-1] or 0)) for r in rows)


def summarize(store: Store, flt: EventFilter, *, bin: str = "auto", actors: int = 10) -> Summary:
    """Counts, deaths, groups, extent and timeline of the events matching ``flt`` (page fields ignored)."""
    if bin not in (*BINS, "auto"):
        raise QueryError(f"unknown bin {bin!r}; use auto or one of {', '.join(BINS)}")
    where, params = where_clause(flt)
    base = f"FROM events e WHERE {where}"
    events, deaths, located, date_min, date_max, west, south, east, north = store.query(
        "SELECT count(*), sum(e.fatalities), count(e.place_latitude), min(e.date_start), "
        "max(coalesce(e.date_end, e.date_start)), min(e.place_longitude), min(e.place_latitude), "
        f"max(e.place_longitude), max(e.place_latitude) {base}", params)[0]
    undated_where, undated_params = where_clause(flt, dates=False)
    undated = store.query(f"SELECT count(*) FROM events e WHERE {undated_where} AND e.date_start IS NULL",
                          undated_params)[0][0]
    tally = f"count(*), sum(e.fatalities) {base}"
    by_type = store.query(f"SELECT e.event_type, {tally} GROUP BY 1 ORDER BY 2 DESC, 1", params)
    by_country = store.query(f"SELECT e.place_country, any_value(e.place_country_code), {tally} "
                             "AND e.place_country IS NOT NULL GROUP BY 1 ORDER BY 3 DESC, 1", params)
    by_admin1 = store.query(f"SELECT e.place_country, e.place_admin1, {tally} AND e.place_country IS NOT NULL "
                            "AND e.place_admin1 IS NOT NULL GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2", params)
    # An event counts once for each different actor it names.
    top = store.query(
        f"SELECT actor, count(*), sum(fatalities) FROM (SELECT DISTINCT e.event_id, e.fatalities, "
        f"unnest([e.actor1, e.actor2]) AS actor {base}) WHERE actor IS NOT NULL "
        "GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?", [*params, actors])
    chosen = pick_bin(date_min, date_max) if bin == "auto" else bin
    return Summary(
        events=int(events), deaths=int(deaths or 0), located=int(located), undated=int(undated),
        date_min=date_min, date_max=date_max,
        bbox=None if west is None else (float(west), float(south), float(east), float(north)),
        by_type=_tallies(by_type), by_country=_tallies(by_country), by_admin1=_tallies(by_admin1),
        actors=_tallies(top), bin=chosen, timeline=_timeline(store, base, params, chosen))


def _timeline(store: Store, base: str, params: list[Any], part: str) -> tuple[Bin, ...]:
    """Each event's share of each bin its dates span (``part`` is one of :data:`BINS`, fixed SQL)."""
    rows = store.query(
        f"WITH spans AS (SELECT e.event_type AS kind, coalesce(e.fatalities, 0) AS deaths, "
        f"date_trunc('{part}', e.date_start)::DATE AS first, "
        f"date_trunc('{part}', coalesce(e.date_end, e.date_start))::DATE AS last {base} "
        "AND e.date_start IS NOT NULL), "
        f"shares AS (SELECT kind, deaths, date_diff('{part}', first, last) + 1 AS n, "
        f"unnest(generate_series(first::TIMESTAMP, last::TIMESTAMP, INTERVAL 1 {part}))::DATE AS bin "
        "FROM spans) "
        "SELECT bin, kind, sum(1.0 / n), sum(CASE WHEN n > 1 THEN 1.0 / n ELSE 0 END), sum(deaths / n) "
        "FROM shares GROUP BY 1, 2 ORDER BY 1, 2", params)
    return tuple(Bin(r[0], r[1], float(r[2]), float(r[3]), float(r[4])) for r in rows)


@dataclass(frozen=True, slots=True)
class PlaceGroup:
    """The events at one point: where, how many, their deaths and most common type."""

    latitude: float
    longitude: float
    name: str | None
    admin1: str | None
    country: str | None
    events: int
    deaths: int
    event_type: str


@dataclass(frozen=True, slots=True)
class PlaceGroups:
    """The points of the events matching a filter (the most events first), and how many there are."""

    total: int  # points in all
    events: int  # events with coordinates in all
    groups: tuple[PlaceGroup, ...]


def place_groups(store: Store, flt: EventFilter, *, limit: int) -> PlaceGroups:
    """The events matching ``flt`` grouped by their coordinates: the ``limit`` points with most events."""
    where, params = where_clause(flt)
    grouped = (f"SELECT e.place_latitude AS lat, e.place_longitude AS lon, mode(e.place_name) AS name, "
               "mode(e.place_admin1) AS admin1, mode(e.place_country) AS country, count(*) AS n, "
               "sum(e.fatalities) AS deaths, mode(e.event_type) AS kind "
               f"FROM events e WHERE {where} AND e.place_latitude IS NOT NULL AND e.place_longitude IS NOT NULL "
               "GROUP BY 1, 2")
    total, events = store.query(f"SELECT count(*), sum(n) FROM ({grouped})", params)[0]
    rows = store.query(f"SELECT * FROM ({grouped}) ORDER BY n DESC, lat, lon LIMIT ?", [*params, limit])
    return PlaceGroups(total=int(total), events=int(events or 0), groups=tuple(
        PlaceGroup(latitude=float(r[0]), longitude=float(r[1]), name=r[2], admin1=r[3], country=r[4],
                   events=int(r[5]), deaths=int(r[6] or 0), event_type=r[7]) for r in rows))
