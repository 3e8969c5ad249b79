"""Linking: one article's mentions merge; reports from several articles become one event."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.linking.link import consolidate, link, places_compatible, roles_agree
from eventwire.linking.merge import build_events
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


YEMEN = Place("Yemen", None, "Yemen", 15.6, 48.0, 3, "country", "YE")


def test_link_consolidate_an_article_that_names_no_town_keeps_its_events_at_the_country():
    # two tellings of one strike, one clash: no town anywhere, so they stand at the country
    merged = consolidate([mention("m1", place=YEMEN), mention("m2", place=YEMEN, deaths=3),
                          mention("m3", sub="Armed clash", place=YEMEN)])
    assert sorted((m.sub_event_type, m.place.kind, m.fatalities) for m in merged) == \
        [("Air/drone strike", "country", 3), ("Armed clash", "country", None)]
    # as soon as one event has a town, a report at the country only lends its values
    merged = consolidate([mention("m1"), mention("m3", sub="Armed clash", place=YEMEN)])
    assert [(m.sub_event_type, m.place.name) for m in merged] == [("Air/drone strike", "Marib")]


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


# --- across articles: roles, timeless reports, the blocking index --------------------------------


def test_link_swapped_battle_roles_agree():
    a = mention("m1", article="a1", sub="Armed clash", actor1="Houthis (Ansar Allah)")
    b = replace(mention("m2", article="a2", sub="Armed clash", actor1="Military Forces of Yemen"),
                actor2="Houthis (Ansar Allah)")
    a = replace(a, actor2="Military Forces of Yemen")
    assert roles_agree(a, b) and len(link([a, b])) == 1


def test_link_second_actor_does_not_block_but_decides_between_events():
    shabaab = "Al Shabaab"
    army = replace(mention("m1", article="a1", sub="Armed clash", actor1=shabaab), actor2="Military Forces of Somalia")
    au = replace(mention("m2", article="a2", sub="Armed clash", actor1=shabaab),
                 actor2="African Union Transition Mission in Somalia")
    assert roles_agree(army, au)
    later = replace(mention("m3", article="a3", sub="Armed clash", actor1=shabaab, published=dt.date(2021, 3, 9)),
                    actor2="African Union Transition Mission in Somalia")
    groups = link([army, replace(au, article_id="a1", mention_id="m2")] + [later])
    joined = next(g for g in groups if any(m.mention_id == "m3" for m in g))
    assert [m.mention_id for m in joined] == ["m2", "m3"]


def _timeless(mid: str, article: str, sentence: str) -> Mention:
    return replace(mention(mid, article=article, day=None, published=None), sentence=sentence)


@pytest.mark.parametrize(("sentence", "joins"), [
    ("Saudi-led coalition jets bombed a fuel depot in Marib, killing four guards.", True),
    ("Officials in Aden discussed the wider consequences of the war for the economy.", False),
])
def test_link_timeless_report_joins_only_when_its_sentence_agrees(sentence: str, joins: bool):
    dated = replace(mention("m1", article="a1"),
                    sentence="Coalition aircraft bombed a fuel depot on the edge of Marib, killing four guards.")
    timeless = _timeless("m2", "a2", sentence)
    assert (len(link([dated, timeless])) == 1) is joins


def _brute_force(reports, *, days, km=30.0):
    """The reference: every report against every earlier event, no blocking."""
    from eventwire.linking.link import _Cluster, _says_the_same, _timeless, _window, dates_compatible
    from eventwire.linking.merge import types_mergeable
    from eventwire.records import in_article

    # the linking stage's own order: by publication, article, then records.in_article (offset, then what it says)
    order = sorted(reports, key=lambda m: (m.published or dt.date.max, m.article_id, *in_article(m)))
    clusters = []
    for m in order:
        best = None
        for c in clusters:
            r = c.rep
            if m.article_id in c.articles or not (types_mergeable(r, m) and roles_agree(r, m)):
                continue
            if (r.place.country_code if r.place else "") != (m.place.country_code if m.place else ""):
                continue
            if not places_compatible(r.place, m.place, km=km):
                continue
            if not dates_compatible(_window(r), _window(m), slack=days):
                continue
            if (_timeless(m) or not c.timed) and not _says_the_same(c, m):
                continue
            score = ((1.0 if r.place.name == m.place.name else 0.0) + (1.0 if r.dates.known and m.dates.known else 0.0)
                     + (0.5 if r.actor2 and r.actor2 == m.actor2 else 0.0))
            if best is None or score > best[0]:
                best = (score, c)
        if best:
            best[1].add(m, ())
        else:
            c = _Cluster(len(clusters), [], m)
            c.add(m, ())
            clusters.append(c)
    return [[x.mention_id for x in c.mentions] for c in clusters]


_TOWNS = [  # (name, admin1, lat, lon): real places, some within 30 km of each other
    ("Marib", "Marib", 15.46, 45.32), ("Sirwah", "Marib", 15.45, 45.03), ("Harib", "Marib", 14.93, 45.50),
    ("Al Jubah", "Marib", 15.28, 45.29), ("Sanaa", "Amanat Al Asimah", 15.35, 44.21),
    ("Bani Hushaysh", "Sanaa", 15.42, 44.35), ("Taiz", "Taiz", 13.58, 44.02), ("Al Mokha", "Taiz", 13.32, 43.25),
]


@given(st.lists(st.tuples(st.integers(0, len(_TOWNS)), st.integers(-1, 40), st.integers(0, 3),
                          st.sampled_from(["Air/drone strike", "Armed clash"]), st.integers(0, 4),
                          st.booleans()),
                min_size=1, max_size=40))
@settings(max_examples=150, deadline=None)
def test_link_blocking_index_finds_what_brute_force_finds(rows):
    reports = []
    for n, (town, day, lag, sub, actor, dated_article) in enumerate(rows):
        if town == len(_TOWNS):
            place = MARIB_GOV
        else:
            name, admin1, lat, lon = _TOWNS[town]
            place = Place(name, admin1, "Yemen", lat, lon, 1, "city", "YE")
        event_day = None if day < 0 else dt.date(2021, 3, 1) + dt.timedelta(days=day)
        published = (event_day or dt.date(2021, 3, 20)) + dt.timedelta(days=lag) if dated_article else None
        actors = ["Saudi-led Coalition", "Houthis (Ansar Allah)", "Military Forces of Yemen", None, None]
        m = mention(f"m{n:03d}", article=f"a{n % 17}", sub=sub, place=place, day=event_day,
                    actor1=actors[actor], published=published)
        reports.append(replace(m, sentence=f"strike on {place.name} fuel depot convoy" if n % 3 else "talks"))
    seen_articles = set()
    unique = []
    for m in reports:  # one report per article and event, as consolidation guarantees
        key = (m.article_id, m.mention_id)
        if key not in seen_articles:
            seen_articles.add(key)
            unique.append(m)
    for days in (1, 3):  # the default, and a wider window an analyst may set
        got = [[m.mention_id for m in g] for g in link(unique, days=days)]
        assert got == _brute_force(unique, days=days)


def test_link_result_does_not_depend_on_input_order():
    reports = [mention(f"m{i}", article=f"a{i}", place=p, day=dt.date(2021, 3, 7 + i % 2))
               for i, p in enumerate([MARIB, SANAA, MARIB_GOV, MARIB, SANAA])]
    forward = {frozenset(m.mention_id for m in g) for g in link(reports)}
    backward = {frozenset(m.mention_id for m in g) for g in link(list(reversed(reports)))}
    assert forward == backward


@pytest.mark.parametrize(("floating_day", "floating_span", "lent"), [
    (None, 0, True),              # "The toll rose to 9." with no date: the event's toll
    (dt.date(2021, 3, 7), 0, True),  # same day
    (dt.date(2021, 3, 1), 300, False),  # a window of most of a year: a running total
])
def test_link_consolidate_placeless_toll_only_when_it_fits(floating_day, floating_span, lent):
    placed = mention("m1")
    dates = (DateSpan(floating_day, floating_day + dt.timedelta(days=floating_span), "range")
             if floating_day else DateSpan.unknown())
    floating = replace(mention("m2", place=None, deaths=9), dates=dates)
    merged = consolidate([placed, floating])
    assert merged[0].fatalities == (9 if lent else None)


@pytest.mark.parametrize(("gap", "events"), [(0, 1), (1, 1), (2, 2), (5, 2)])
def test_link_reports_dated_days_apart_are_one_event_only_within_a_day(gap: int, events: int) -> None:
    """Two outlets may put one strike a day apart (time zones, "overnight"); reports dated two
    or more days apart tell two events (one event is one day or a short span), whatever the
    settings' other defaults."""
    from eventwire.settings import Settings

    first = mention("m1", article="a1", day=dt.date(2021, 3, 7), published=dt.date(2021, 3, 12))
    second = mention("m2", article="a2", day=dt.date(2021, 3, 7) + dt.timedelta(days=gap),
                     published=dt.date(2021, 3, 12))
    assert len(link([first, second], days=Settings().link_days)) == events
    assert len(link([first, second])) == events


@pytest.mark.parametrize(("sources", "events"), [
    (("Ministry of Defence", "Ministry of Defence"), 2),  # one office, two days: two events
    (("Ministry of Defence", "Yemen Monitor"), 1),  # two outlets a day apart: one event
    ((None, None), 1),  # outlets unknown: as two outlets
])
def test_link_one_outlet_s_reports_a_day_apart_are_two_events(sources, events) -> None:
    first = replace(mention("m1", article="a1", day=dt.date(2021, 3, 7)), source=sources[0])
    second = replace(mention("m2", article="a2", day=dt.date(2021, 3, 8)), source=sources[1])
    assert len(link([first, second])) == events


def test_link_consolidate_an_article_keeps_its_first_toll_against_a_later_claim():
    lede = replace(mention("m1", deaths=8), sentence="Jihadists stormed the base, leaving eight soldiers dead.")
    claim = replace(mention("m2", deaths=40), sentence="The group said its fighters had killed 40 soldiers.")
    assert consolidate([lede, claim])[0].fatalities == 8
    revised = replace(mention("m3", deaths=11), sentence="The toll later rose to 11, officials said.")
    assert consolidate([lede, revised])[0].fatalities == 11
    assert consolidate([mention("m1"), mention("m2", deaths=3)])[0].fatalities == 3


def test_link_consolidate_a_place_named_as_its_province_contains_its_towns():
    county = Place("Marib governorate", "Marib", "Yemen", 15.9, 45.8, 2, "district", "YE")
    merged = consolidate([mention("m1", place=county, deaths=3), mention("m2")])
    assert len(merged) == 1 and merged[0].place == MARIB and merged[0].fatalities == 3
    assert len(consolidate([mention("m1", place=county), mention("m2", place=SANAA)])) == 2


def test_link_an_unidentified_doer_does_not_split_an_event_from_its_named_doer():
    # "explosions hit a crowd" (nobody named), then "the military had struck the village by mistake"
    unnamed = mention("m1", actor1="Unidentified Armed Group (Yemen)")
    named_later = mention("m2", actor1="Military Forces of Saudi Arabia", deaths=30)
    merged = consolidate([unnamed, named_later])
    assert len(merged) == 1 and merged[0].actor1 == "Military Forces of Saudi Arabia", merged
    assert roles_agree(unnamed, named_later)
    # two named doers still make two events
    assert len(consolidate([mention("m1"), named_later])) == 2


@pytest.mark.parametrize(("protest", "merged"), [
    ("Protest with intervention", ["Violent demonstration"]),
    ("Peaceful protest", ["Violent demonstration"]),
    # lethal force against the crowd is the force's event, told apart
    ("Excessive force against protesters", ["Excessive force against protesters", "Violent demonstration"]),
])
def test_link_consolidate_a_protest_and_its_crowds_violence_are_one_violent_demonstration(protest, merged):
    day = DateSpan.day(dt.date(2021, 3, 7))
    crowd = Mention("m1", "a1", "a1.txt", "Police cleared the square.", 0, 10, "Protests", protest,
                    "Protesters (Yemen)", "Police Forces of Yemen", SANAA, day, None)
    riot = replace(crowd, mention_id="m2", start=20, end=30, sentence="Some threw stones at police.",
                   event_type="Riots", sub_event_type="Violent demonstration", actor1="Rioters (Yemen)")
    found = consolidate([crowd, riot])
    assert sorted(m.sub_event_type for m in found) == merged
    if len(found) == 1:
        assert found[0].actor1 == "Rioters (Yemen)"
    # another day, or violence told apart, stays apart
    assert len(consolidate([crowd, replace(riot, dates=DateSpan.day(dt.date(2021, 3, 8)))])) == 2
    later = replace(riot, sentence="Later that night, a smaller group threw stones at police.")
    assert len(consolidate([crowd, later])) == 2


def test_link_consolidate_a_headline_and_its_lede_in_one_province_are_one_event_at_the_ledes_place():
    town = Place("Narathiwat", "Narathiwat", "Thailand", 6.43, 101.82, 1, "city", "TH")
    district = Place("Rueso", "Narathiwat", "Thailand", 6.2, 101.77, 2, "district", "TH")
    day = DateSpan.day(dt.date(2021, 3, 7))
    head = Mention("h", "a1", "a1.txt", "Bomb kills two rangers in Narathiwat", 0, 10,
                   "Explosions/Remote violence", "Remote explosive/landmine/IED", None, None, town, day, 2)
    lede = replace(head, mention_id="l", start=40, end=90, place=district,
                   sentence="Two rangers were killed when a bomb exploded in Rueso district on Monday.")
    found = consolidate([head, lede])
    assert [m.place.name for m in found] == ["Rueso"], found
    # two full sentences at those places stay two events
    assert len(consolidate([replace(head, sentence=head.sentence + "."), lede])) == 2
