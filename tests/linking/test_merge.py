"""Merged event values: the best value per field, where it came from, and disagreements."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.linking.merge import build_event, event_id_for
from eventwire.records import DateSpan, Mention, Place

GOMA = Place("Goma", "North Kivu", "DR Congo", -1.68, 29.22, 1, "city", "CD")
NORTH_KIVU = Place("North Kivu", "North Kivu", "DR Congo", -0.8, 29.0, 3, "admin1", "CD")


def report(mid: str, *, article: str, published: dt.date, place: Place = GOMA, deaths: int | None = None,
           dates: DateSpan | None = None, actor1: str | None = "M23") -> Mention:
    return Mention(mid, article, f"{article}.txt", f"sentence of {mid}", 0, 10, "Battles", "Armed clash",
                   actor1, "Military Forces of the Democratic Republic of Congo", place,
                   dates or DateSpan(dt.date(2024, 2, 5), dt.date(2024, 2, 7), "range"), deaths,
                   published=published)


def test_merge_keeps_the_most_recent_toll_and_lists_the_others():
    early = report("a", article="wire-1", published=dt.date(2024, 2, 7), deaths=6)
    later = report("b", article="wire-2", published=dt.date(2024, 2, 9), deaths=15)
    event = build_event([later, early])
    assert event.fatalities == 15
    assert ("fatalities", "b") in event.provenance
    toll = next(d for d in event.disagreements if d["field"] == "fatalities")
    assert {v["value"]: v["articles"] for v in toll["values"]} == {6: ["wire-1"], 15: ["wire-2"]}


def test_merge_takes_the_most_precise_place_and_the_narrowest_date():
    province = report("a", article="w1", published=dt.date(2024, 2, 8), place=NORTH_KIVU)
    town = report("b", article="w2", published=dt.date(2024, 2, 9),
                  dates=DateSpan.day(dt.date(2024, 2, 6), "on Tuesday"))
    event = build_event([province, town])
    assert event.place == GOMA and event.dates.start == event.dates.end == dt.date(2024, 2, 6)
    assert dict(event.provenance)["place"] == "b" and dict(event.provenance)["dates"] == "b"


def test_merge_no_disagreement_when_reports_agree():
    a = report("a", article="w1", published=dt.date(2024, 2, 8), deaths=4)
    b = report("b", article="w2", published=dt.date(2024, 2, 9), deaths=4)
    assert build_event([a, b]).disagreements == ()


@pytest.mark.parametrize("order", [[0, 1, 2], [2, 1, 0], [1, 2, 0]])
def test_merge_event_id_is_a_function_of_the_mentions(order):
    reports = [report(m, article=f"w{i}", published=dt.date(2024, 2, 8)) for i, m in enumerate("xyz")]
    assert build_event([reports[i] for i in order]).event_id == event_id_for(reports)


def test_merge_empty_group_is_an_error():
    with pytest.raises(ValueError):
        build_event([])


@pytest.mark.parametrize(("other_sub", "other_deaths", "actor", "expected"), [
    ("Air/drone strike", 5, "M23", True),    # the fight's toll told again as the strike's
    ("Air/drone strike", 3, "M23", False),   # another toll: another event
    ("Air/drone strike", 5, "ADF", False),   # another actor
    ("Arrests", 5, "M23", False),            # not remote violence
])
def test_merge_strike_told_as_fight(other_sub: str, other_deaths: int, actor: str, expected: bool) -> None:
    from dataclasses import replace

    from eventwire.linking.merge import merge_two, strike_told_as_fight

    fight = report("a", article="w1", published=dt.date(2024, 2, 8), deaths=5)
    strike = replace(report("b", article="w1", published=dt.date(2024, 2, 8), deaths=other_deaths, actor1=actor),
                     event_type="Explosions/Remote violence", sub_event_type=other_sub)
    assert strike_told_as_fight(fight, strike) is expected
    if expected:
        merged = merge_two(fight, strike)
        assert (merged.event_type, merged.sub_event_type) in {("Battles", "Armed clash"),
                                                               ("Explosions/Remote violence", "Air/drone strike")}


@pytest.mark.parametrize(("sub", "place", "sentence", "expected"), [
    ("Suicide bomb", GOMA, "A bomber blew himself up and gunmen opened fire.", True),
    ("Armed clash", GOMA, "A bomber blew himself up and gunmen opened fire.", False),  # no blast
    ("Suicide bomb", NORTH_KIVU, "A bomber blew himself up and gunmen opened fire.", False),  # another place
    ("Suicide bomb", GOMA, "A bomb went off, and in a separate attack gunmen opened fire.", False),
])
def test_merge_a_blast_and_the_shooting_told_with_it_are_one_complex_attack(
        sub: str, place: Place, sentence: str, expected: bool) -> None:
    from dataclasses import replace

    from eventwire.linking.merge import one_complex_attack

    shooting = replace(report("a", article="w1", published=dt.date(2024, 2, 8)), sentence=sentence)
    blast = replace(report("b", article="w1", published=dt.date(2024, 2, 8), place=place), sentence=sentence,
                    sub_event_type=sub, event_type="Explosions/Remote violence" if sub != "Armed clash" else "Battles")
    assert one_complex_attack(shooting, blast) is expected
    assert one_complex_attack(shooting, replace(blast, start=50)) is False  # another sentence



def test_merge_article_toll_first_figure_stands_unless_revised():
    from dataclasses import replace

    from eventwire.linking.merge import article_toll

    first = replace(report("a", article="w", published=dt.date(2024, 2, 7), deaths=17),
                    sentence="Gunmen killed 17 villagers on Sunday.")
    higher = replace(report("b", article="w", published=dt.date(2024, 2, 7), deaths=30),
                     sentence="Residents put the toll at more than 30.")
    assert article_toll(first, higher) == 17
    assert article_toll(first, replace(higher, sentence="The toll has since climbed to 30.")) == 30
    assert article_toll(first, replace(higher, sentence="Thirteen more bodies were found, bringing the toll to "
                                                        "30.")) == 30
    assert article_toll(replace(first, fatalities=None), higher) == 30
    assert article_toll(first, replace(higher, fatalities=2)) == 17
    headline = replace(first, sentence="Gunmen kill 12 in village raid")  # a headline's figure is short-hand
    assert article_toll(headline, higher) == 30

@pytest.mark.parametrize("first", ["blast", "fight"])
def test_merge_keeps_the_actor_pair_of_the_mention_whose_type_wins(first: str) -> None:
    """"A man blew himself up as gendarmes approached, killing one gendarme": the weaker
    'killing' read the gendarmes as doers; the bombing's pair (an unnamed bomber, the
    gendarmes) stands, whichever mention comes first."""
    from dataclasses import replace

    from eventwire.linking.merge import merge_two

    blast = replace(report("a", article="w1", published=dt.date(2024, 2, 8), actor1="Unidentified Armed Group (DR Congo)"),
                    event_type="Explosions/Remote violence", sub_event_type="Suicide bomb",
                    actor2="Police Forces of the Democratic Republic of Congo")
    fight = replace(report("b", article="w1", published=dt.date(2024, 2, 8),
                           actor1="Police Forces of the Democratic Republic of Congo"), actor2=None)
    merged = merge_two(blast, fight) if first == "blast" else merge_two(fight, blast)
    assert merged.sub_event_type == "Suicide bomb"
    assert (merged.actor1, merged.actor2) == ("Unidentified Armed Group (DR Congo)",
                                              "Police Forces of the Democratic Republic of Congo")
    # a side the winner leaves open is filled from the other mention
    open_blast = replace(blast, actor2=None)
    fight2 = replace(fight, actor2="Civilians (DR Congo)")
    assert merge_two(open_blast, fight2).actor2 == "Civilians (DR Congo)"
