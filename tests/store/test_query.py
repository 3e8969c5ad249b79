"""Tests of eventwire.store.query: filters, sorting, paging, facets, validation, SQL safety."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eventwire.records import Article, DateSpan, Event, Mention, Place
from eventwire.store.database import Store
from eventwire.store.identity import article_hash
from eventwire.store.query import (
    EventFilter,
    QueryError,
    count_events,
    facets,
    get_event,
    load_articles,
    select_events,
)

# Hand-made events (my own sentences about real kinds of events, not from the test data).
SPECS = [
    # id, type, sub, day, days long, actor1, actor2, place, admin1, country, code, lat, lon, deaths, sentence
    ("ev-kyiv", "Explosions/Remote violence", "Shelling/artillery/missile attack", dt.date(2023, 5, 2), 1,
     "Military Forces of Russia", "Civilians (Ukraine)", "Kyiv", "Kyiv City", "Ukraine", "UA", 50.45, 30.52, 3,
     "A missile struck a residential block in Kyiv on Tuesday, killing three people."),
    ("ev-kharkiv", "Battles", "Armed clash", dt.date(2023, 5, 4), 3,
     "Military Forces of Ukraine", "Military Forces of Russia", "Kharkiv", "Kharkiv", "Ukraine", "UA", 49.99,
     36.23, 12, "Ukrainian and Russian troops fought for three days near Kharkiv; twelve soldiers died."),
    ("ev-aden", "Violence against civilians", "Attack", dt.date(2023, 6, 1), 1,
     "Unidentified Armed Group (Yemen)", "Civilians (Yemen)", "Aden", "Aden", "Yemen", "YE", 12.78, 45.03, None,
     "Gunmen opened fire on a market in Aden, wounding several shoppers at 50% capacity."),
    ("ev-sanaa", "Protests", "Peaceful protest", None, 1,
     "Protesters (Yemen)", None, "Sanaa", "Amanat al Asimah", "Yemen", "YE", 15.35, 44.21, 0,
     "Hundreds protested fuel prices in Sanaa, organisers said."),
    ("ev-nowhere", "Strategic developments", "Agreement", dt.date(2023, 7, 9), 1,
     "Government of Sudan", "Rapid Support Forces", None, None, None, None, None, None, None,
     "The two sides signed a short truce_agreement, mediators said."),
]


def _mention(spec: tuple, *, n: int = 0) -> Mention:
    (eid, etype, sub, day, span, a1, a2, place, admin1, country, code, lat, lon, deaths, sentence) = spec
    where = Place(place, admin1, country, lat, lon, 1, "city", code) if place else None
    dates = DateSpan(day, day + dt.timedelta(days=span - 1), "day" if span == 1 else "range") if day \
        else DateSpan.unknown()
    return Mention(mention_id=f"{eid}-m{n}", article_id=f"art-{eid}", file=f"in/{eid}.txt", sentence=sentence,
                   start=0, end=len(sentence), event_type=etype, sub_event_type=sub, actor1=a1, actor2=a2,
                   place=where, dates=dates, fatalities=deaths, trigger="struck", source="Wire",
                   published=day)


def build_events(specs: list[tuple] = SPECS) -> tuple[list[Article], list[Event]]:
    """Articles and events built from ``specs`` (one article and one mention per event)."""
    articles, events = [], []
    for spec in specs:
        mention = _mention(spec)
        articles.append(Article(article_id=mention.article_id, file=mention.file,
                                text=mention.sentence + " More text follows.", title=f"Report {spec[0]}",
                                source="Wire", published=spec[3], url=f"https://example.org/{spec[0]}"))
        events.append(Event(event_id=spec[0], event_type=mention.event_type, sub_event_type=mention.sub_event_type,
                            dates=mention.dates, actor1=mention.actor1, actor2=mention.actor2,
                            place=mention.place, fatalities=mention.fatalities, mentions=(mention,),
                            provenance=(("fatalities", mention.mention_id),)))
    return articles, events


def make_db(path: Path, specs: list[tuple] = SPECS) -> Path:
    """An event database at ``path`` holding the events of ``specs``."""
    articles, events = build_events(specs)
    with Store.open(path) as store:
        for article, event in zip(articles, events, strict=True):
            store.save_article(article, list(event.mentions), content_hash=article_hash(article))
        store.replace_events(events)
    return path


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):
    path = make_db(tmp_path_factory.mktemp("query") / "events.duckdb")
    with Store.open(path, read_only=True) as opened:
        yield opened


def _ids(store: Store, **kwargs: object) -> list[str]:
    return [e.event_id for e in select_events(store, EventFilter(**kwargs)).events]  # type: ignore[arg-type]


@pytest.mark.parametrize(("kwargs", "expected"), [
    ({}, ["ev-kyiv", "ev-kharkiv", "ev-aden", "ev-nowhere", "ev-sanaa"]),
    ({"country": "ukraine"}, ["ev-kyiv", "ev-kharkiv"]),
    ({"country": "YE"}, ["ev-aden", "ev-sanaa"]),
    ({"admin1": "KHARKIV"}, ["ev-kharkiv"]),
    ({"event_type": "Protests"}, ["ev-sanaa"]),
    ({"actor": "russia"}, ["ev-kyiv", "ev-kharkiv"]),
    ({"actor": "rapid support"}, ["ev-nowhere"]),
    ({"date_from": dt.date(2023, 5, 5)}, ["ev-kharkiv", "ev-aden", "ev-nowhere"]),  # overlaps a 3-day range
    ({"date_to": dt.date(2023, 5, 2)}, ["ev-kyiv"]),
    ({"date_from": dt.date(2023, 5, 3), "date_to": dt.date(2023, 6, 30)}, ["ev-kharkiv", "ev-aden"]),
    ({"text": "market"}, ["ev-aden"]),  # a word of the sentence only
    ({"text": "sanaa"}, ["ev-sanaa"]),
    ({"text": "50%"}, ["ev-aden"]),  # % is literal, not a wildcard
    ({"text": "truce_agreement"}, ["ev-nowhere"]),
    ({"text": "truceXagreement"}, []),  # _ is literal too
    ({"text": "%"}, ["ev-aden"]),
    ({"text": "' OR 1=1 --"}, []),
    ({"country": "Ukraine' OR '1'='1"}, []),
    ({"actor": "x\\"}, []),
])
def test_query_filters_select_matching_events(store: Store, kwargs: dict, expected: list[str]) -> None:
    assert _ids(store, **kwargs) == expected
    assert count_events(store, EventFilter(**kwargs)) == len(expected)


@pytest.mark.parametrize(("sort", "expected"), [
    ("-date", ["ev-nowhere", "ev-aden", "ev-kharkiv", "ev-kyiv", "ev-sanaa"]),
    ("-fatalities", ["ev-kharkiv", "ev-kyiv", "ev-sanaa", "ev-aden", "ev-nowhere"]),
    ("fatalities", ["ev-sanaa", "ev-kyiv", "ev-kharkiv", "ev-aden", "ev-nowhere"]),
    ("country", ["ev-kharkiv", "ev-kyiv", "ev-aden", "ev-sanaa", "ev-nowhere"]),
    ("type", ["ev-kharkiv", "ev-kyiv", "ev-sanaa", "ev-nowhere", "ev-aden"]),
])
def test_query_sort_orders(store: Store, sort: str, expected: list[str]) -> None:
    assert _ids(store, sort=sort) == expected


@pytest.mark.parametrize(("limit", "offset", "expected"), [
    (2, 0, ["ev-kyiv", "ev-kharkiv"]), (2, 2, ["ev-aden", "ev-nowhere"]), (2, 4, ["ev-sanaa"]),
    (0, 0, []), (5, 99, []),
])
def test_query_pages_keep_the_total(store: Store, limit: int, offset: int, expected: list[str]) -> None:
    page = select_events(store, EventFilter(limit=limit, offset=offset))
    assert [e.event_id for e in page.events] == expected
    assert page.total == 5


def test_query_events_read_back_whole(store: Store) -> None:
    _, events = build_events()
    assert get_event(store, "ev-kharkiv") == events[1]
    assert get_event(store, "no-such-event") is None
    assert [a.article_id for a in load_articles(store, ["art-ev-aden", "missing", "art-ev-kyiv"])] == \
        ["art-ev-aden", "art-ev-kyiv"]


def test_query_facets_count_and_list(store: Store) -> None:
    f = facets(store)
    assert (f.events, f.mentions, f.articles) == (5, 5, 5)
    assert f.countries == (("Ukraine", "UA", 2), ("Yemen", "YE", 2))
    assert ("Yemen", "Amanat al Asimah", 1) in f.admin1
    assert dict(f.event_types)["Battles"] == 1
    assert (f.date_min, f.date_max) == (dt.date(2023, 5, 2), dt.date(2023, 7, 9))


@pytest.mark.parametrize("kwargs", [
    {"event_type": "Massacre"},
    {"sort": "fatalities; DROP TABLE events"},
    {"limit": -1}, {"limit": 100_001}, {"offset": -5}, {"limit": True},
    {"text": "x" * 201}, {"country": "a\x00b"},
    {"date_from": dt.date(2023, 2, 1), "date_to": dt.date(2023, 1, 1)},
    {"date_from": "2023-01-01"},
])
def test_query_filter_rejects_bad_values(kwargs: dict) -> None:
    with pytest.raises(QueryError):
        EventFilter(**kwargs)


def test_query_filter_is_frozen_and_keyword_only() -> None:
    flt = EventFilter(country="Yemen")
    with pytest.raises(AttributeError):
        flt.country = "Sudan"  # type: ignore[misc]
    with pytest.raises(TypeError):
        EventFilter("Yemen")  # type: ignore[misc]
