"""QUERY: select stored events by a filter, with parameterised SQL.

:class:`EventFilter` says which events a reader wants (country, admin1, type,
actor, date window, free text) and which page of them (sort, limit, offset).
:func:`select_events` runs it against an open :class:`~eventwire.store.Store`
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

from .errors import EventwireError
from .records import Article, Event

if TYPE_CHECKING:
    from .store import Store

#: The ACLED event types a filter may name.
EVENT_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Protests",
               "Riots", "Strategic developments")

#: Sort orders: name -> ORDER BY clause (fixed SQL; ``-name`` sorts descending where listed).
_DATE = "e.date_start IS NULL, e.date_start {d}, e.date_end {d}"
SORTS: dict[str, str] = {
    "date": _DATE.format(d="ASC") + ", e.event_id",
    "-date": _DATE.format(d="DESC") + ", e.event_id",
    "fatalities": "e.fatalities IS NULL, e.fatalities ASC, e.event_id",
    "-fatalities": "e.fatalities IS NULL, e.fatalities DESC, e.event_id",
    "country": "e.place_country IS NULL, lower(e.place_country), lower(e.place_admin1), e.event_id",
    "admin1": "e.place_admin1 IS NULL, lower(e.place_admin1), e.event_id",
    "type": "e.event_type, e.sub_event_type, e.event_id",
    "mentions": "mention_count ASC, e.event_id",
    "-mentions": "mention_count DESC, e.event_id",
}

#: Bounds on what one filter may ask for.
MAX_TEXT = 200
MAX_LIMIT = 100_000
MAX_OFFSET = 10_000_000


class QueryError(EventwireError):
    """An event filter has an invalid value."""


@dataclass(frozen=True, slots=True, kw_only=True)
class EventFilter:
    """Which events to select and which page of them. ``None`` means "any"."""

    country: str | None = None
    admin1: str | None = None
    event_type: str | None = None
    actor: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    text: str | None = None
    limit: int = 100
    offset: int = 0
    sort: str = "date"

    def __post_init__(self) -> None:
        for name in ("country", "admin1", "actor", "text"):
            value = getattr(self, name)
            if value is not None and (not isinstance(value, str) or len(value) > MAX_TEXT):
                raise QueryError(f"{name} must be text of at most {MAX_TEXT} characters")
            if isinstance(value, str) and "\x00" in value:
                raise QueryError(f"{name} must not contain a NUL character")
        if self.event_type is not None and self.event_type not in EVENT_TYPES:
            raise QueryError(f"unknown event type {self.event_type!r}; use one of {', '.join(EVENT_TYPES)}")
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


def where_clause(flt: EventFilter) -> tuple[str, list[Any]]:
    """The WHERE clause (over alias ``e`` of ``events``) and its parameters."""
    parts: list[str] = []
    params: list[Any] = []
    if flt.country:
        parts.append("(lower(e.place_country) = lower(?) OR lower(e.place_country_code) = lower(?))")
        params += [flt.country, flt.country]
    if flt.admin1:
        parts.append("lower(e.place_admin1) = lower(?)")
        params.append(flt.admin1)
    if flt.event_type:
        parts.append("e.event_type = ?")
        params.append(flt.event_type)
    if flt.actor:
        parts.append("(e.actor1 ILIKE ? ESCAPE '\\' OR e.actor2 ILIKE ? ESCAPE '\\')")
        params += [_like(flt.actor)] * 2
    if flt.date_from:
        parts.append("coalesce(e.date_end, e.date_start) >= ?")
        params.append(flt.date_from)
    if flt.date_to:
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
