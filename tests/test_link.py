"""Linking: one article's mentions merge; reports from several articles become one event."""

from __future__ import annotations

import datetime as dt

from eventwire.link import build_events, consolidate, link, places_compatible
from eventwire.records import DateSpan, Mention, Place

MARIB = Place("Marib", "Marib", "Yemen", 15.46, 45.32, 1, "city", "YE")
MARIB_GOV = Place("Marib", "Marib", "Yemen", 15.5, 45.4, 3, "admin1", "YE")
SANAA = Place("Sanaa", "Amanat Al Asimah", "Yemen", 15.35, 44.21, 1, "city", "YE")


def mention(mid: str, *, article: str = "a1", sub: str = "Air/drone strike", place: Place | None = MARIB,
            day: dt.date | None = dt.date(2021, 3, 7), actor1: str | None = "Saudi-led Coalition",
            deaths: int | None = None, published: dt.date | None = dt.date(2021, 3, 8)) -> Mention:
    family = {"Air/drone strike": "Explosions/Remote violence", "Armed clash": "Battles",
              "Non-state actor overtakes territory": "Battles"}[sub]
    dates = DateSpan.day(day) if day else DateSpan.unknown()
    return Mention(mid, article, f"{article}.txt", f"sentence {mid}", 0, 10, family, sub, actor1,
                   "Houthis (Ansar Allah)", place, dates, deaths, published=published)


def test_link_consolidate_merges_same_event_in_one_article():
    merged = consolidate([mention("m1"), mention("m2", deaths=4)])
    assert len(merged) == 1 and merged[0].fatalities == 4


def test_link_consolidate_keeps_two_places_apart():
    merged = consolidate([mention("m1"), mention("m2", place=SANAA)])
    assert {m.place.name for m in merged} == {"Marib", "Sanaa"}


def test_link_consolidate_placeless_mention_lends_its_date():
    placed = mention("m1", day=None)
    floating = mention("m2", place=None, day=dt.date(2021, 3, 6))
    merged = consolidate([placed, floating])
    assert len(merged) == 1 and merged[0].dates.start == dt.date(2021, 3, 6)


def test_link_consolidate_drops_events_without_a_place():
    assert consolidate([mention("m1", place=None)]) == []


def test_link_consolidate_battles_keep_the_territory_type():
    clash = mention("m1", sub="Armed clash", actor1="Houthis (Ansar Allah)")
    capture = mention("m2", sub="Non-state actor overtakes territory", actor1="Houthis (Ansar Allah)")
    merged = consolidate([clash, capture])
    assert [m.sub_event_type for m in merged] == ["Non-state actor overtakes territory"]


def test_link_places_compatible_town_inside_its_province():
    assert places_compatible(MARIB, MARIB_GOV)
    assert not places_compatible(MARIB, SANAA)


def test_link_two_outlets_one_event_with_disagreement():
    first = mention("m1", article="a1", deaths=9)
    later = mention("m2", article="a2", deaths=12, published=dt.date(2021, 3, 9))
    events = build_events(link([first, later]))
    assert len(events) == 1
    event = events[0]
    assert event.fatalities == 12  # the most recent report's toll
    assert {d["field"] for d in event.disagreements} == {"fatalities"}
    assert len(event.mentions) == 2


def test_link_different_years_stay_apart():
    a = mention("m1", article="a1")
    b = mention("m2", article="a2", day=dt.date(2022, 3, 7), published=dt.date(2022, 3, 8))
    assert len(link([a, b])) == 2


def test_link_contradicting_actors_stay_apart():
    a = mention("m1", article="a1")
    b = mention("m2", article="a2", actor1="Military Forces of the United States")
    assert len(link([a, b])) == 2


def test_link_event_ids_are_stable_across_input_order():
    a, b = mention("m1", article="a1"), mention("m2", article="a2")
    ids1 = {e.event_id for e in build_events(link([a, b]))}
    ids2 = {e.event_id for e in build_events(link([b, a]))}
    assert ids1 == ids2
