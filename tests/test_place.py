"""Where an event happened (extraction/place.py and places.py), on sentences of our own."""

from __future__ import annotations

import pytest

from eventwire.extraction.extract import extract
from eventwire.ingest import parse_text
from eventwire.linking.link import consolidate

pytestmark = pytest.mark.slow


def events_of(nlp, text: str, published: str = "2025-05-14"):
    article = parse_text(f" date {published}\n{text}", file="t.txt")
    return consolidate(extract(nlp(article.text), article))


def test_place_a_dateline_with_an_outlet_in_brackets_is_never_the_scene(nlp):
    text = ("Militants overrun an army post\n\n"
            "NAIROBI (Rift Desk) — Militants overran an army post in Garissa on Monday, killing four "
            "soldiers, officials said.")
    found = events_of(nlp, text)
    assert found, found
    assert {m.place.name for m in found if m.place} == {"Garissa"}


@pytest.mark.parametrize(("text", "scene", "precision"), [
    # the scene is named, then where it lies: the scene wins
    ("Gunmen attacked a checkpoint in Jamundi, south of Cali, on Monday, killing two police officers.",
     "Jamundi", 1),
    ("Fighting between the army and rebels near Sake, west of Goma, killed six people on Friday.", "Sake", 2),
    # the scene is not known: near the anchor town, at precision 2
    ("Gunmen killed three farmers near Bamenda on Monday, residents said.", "Bamenda", 2),
    ("Fighting between the army and rebels near Kabkabiya, west of El Fasher, killed six people on Friday.",
     "El Fasher", 2),
])
def test_place_the_anchor_of_a_relative_location_is_not_the_scene(nlp, text, scene, precision):
    found = [m for m in events_of(nlp, text) if m.place is not None]
    assert found, found
    assert found[0].place.name == scene, found
    assert found[0].place.geo_precision == precision, found[0].place


@pytest.mark.parametrize(("text", "town", "admin1"), [
    ("Soldiers recaptured the town of Galcad in the Hiiraan region from militants on Sunday.", "Galcad", "Hiraan"),
    ("Villagers in Nyabokoro, Kisii county, beat a suspected thief to death on Monday.", "Nyabokoro", "Kisii"),
])
def test_place_a_locality_the_gazetteer_lacks_is_kept_in_the_area_the_text_names(nlp, text, town, admin1):
    found = [m for m in events_of(nlp, text) if m.place is not None]
    assert found, found
    assert (found[0].place.name, found[0].place.admin1, found[0].place.geo_precision) == (town, admin1, 2)


@pytest.mark.parametrize(("text", "part", "admin1"), [
    ("Armed men abducted a teacher in Mogadishu's Hodan district on Tuesday, relatives said.", "Hodan", "Banadir"),
    ("A grenade exploded outside a bar in Bujumbura's Kinama neighbourhood on Friday, wounding six people.",
     "Kinama", "Bujumbura Mairie"),
    # no part named: the town
    ("Gunmen attacked a checkpoint on Mogadishu's outskirts on Monday, killing two soldiers.", "Mogadishu", "Banadir"),
])
def test_place_a_part_of_a_town_told_with_a_possessive_is_placed_in_the_town(nlp, text, part, admin1):
    found = [m for m in events_of(nlp, text) if m.place is not None]
    assert found, found
    assert (found[0].place.name, found[0].place.admin1) == (part, admin1)


def test_place_where_the_source_is_loses_to_the_scene(nlp):
    found = [m for m in events_of(nlp, "Police in Nairobi said a bomb hidden in a lorry exploded at a market in "
                                       "Garissa on Sunday, killing three traders.") if m.place is not None]
    assert found, found
    assert {m.place.name for m in found} == {"Garissa"}
    # with no other place told, the source's town is still the place
    found = [m for m in events_of(nlp, "Police in Nairobi said a parcel bomb exploded at a roadside eatery "
                                       "late on Sunday, killing one woman.") if m.place is not None]
    assert [m.place.name for m in found] == ["Nairobi"]
