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
    # a border the countries name is no scene: the town it is near is
    ("Soldiers engaged a group of smugglers trying to cross the Mali-Niger border near Menaka on Monday.",
     "Menaka", 2),
    # a river is no scene when a town is named
    ("Russian artillery fired across the Dnipro river at the town of Marhanets on Tuesday, damaging homes.",
     "Marhanets", 1),
    # the scene is not known: near the anchor town, at precision 2
    ("Gunmen killed three farmers near Bamenda on Monday, residents said.", "Bamenda", 2),
    # an unknown town said to lie near a known one: the text's name, near that town
    ("Fighting between the army and rebels near Kabkabiya, west of El Fasher, killed six people on Friday.",
     "Kabkabiya", 2),
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


@pytest.mark.parametrize(("text", "town", "admin1"), [
    # a province named after the town with no kind word: the town lies in it
    ("Militants attacked an army outpost near Ceel Xarar in Hiiraan on Sunday, killing two soldiers.",
     "Ceel Xarar", "Hiraan"),
])
def test_place_an_unknown_town_said_to_lie_in_a_province_is_placed_there(nlp, text, town, admin1):
    found = [m for m in events_of(nlp, text) if m.place is not None]
    assert found, found
    assert (found[0].place.name, found[0].place.admin1, found[0].place.geo_precision) == (town, admin1, 2)


@pytest.mark.parametrize(("text", "town", "country"), [
    # a weapon word that begins the sentence is not a place, nor does it pick the country
    ("Artillery shells fired at Kadugli killed four civilians in a market on Monday.", "Kadugli", "Sudan"),
    ("Grenade attack on a bar in Bujumbura wounds six", "Bujumbura", "Burundi"),
])
def test_place_a_common_word_at_the_start_is_no_place(nlp, text, town, country):
    found = [m for m in events_of(nlp, text) if m.place is not None]
    assert found, found
    assert (found[0].place.name, found[0].place.country) == (town, country)


@pytest.mark.parametrize(("text", "country"), [
    # each name votes for every country it may lie in: the two agree on Kenya, not on the Uzbek
    # city one of them shares a spelling with
    ("Protesters blocked the Namanga road in Kitengela on Thursday.", "KE"),
    # a weapon word tagged as a place votes for nothing
    ("Artillery shells fell on Kadugli on Monday.", "SD"),
])
def test_place_the_article_country_is_the_one_its_names_agree_on(nlp, text, country):
    from eventwire.extraction.places import article_country

    assert article_country(nlp(text)) == country


def test_place_a_told_place_the_gazetteer_lacks_keeps_the_event_at_the_country(nlp):
    # "in central Sinai": told as a place, known only abroad (a hamlet in Ecuador): the text's name in
    # the article's country, at the country level
    found = [m for m in events_of(nlp, "Egyptian warplanes pounded militant hideouts in central Sinai on "
                                       "Wednesday, killing 12 militants, the army said.") if m.place is not None]
    assert found, found
    assert (found[0].place.name, found[0].place.country, found[0].place.kind) == ("Sinai", "Egypt", "country")
    # an article that places anything places its events there instead
    found = [m for m in events_of(nlp, "Egyptian warplanes pounded militant hideouts in central Sinai on "
                                       "Wednesday, killing 12 militants. The strikes followed an attack on a "
                                       "checkpoint in Arish on Monday.") if m.place is not None]
    assert found and all(m.place.kind != "country" for m in found), found


def test_place_a_body_s_initials_are_no_town_abroad(nlp):
    found = [m for m in events_of(nlp, "NISA officers raided a house in Mogadishu on Monday and arrested three "
                                       "suspected militants.") if m.place is not None]
    assert found, found
    assert {m.place.name for m in found} == {"Mogadishu"}


@pytest.mark.parametrize(("text", "town", "near"), [
    # an unknown place said to lie near a known town: the text's name, near the town
    ("Shells fired by the army crashed into Tawfiq camp outside El Fasher on Sunday, killing four people.",
     "Tawfiq", "El Fasher"),
    ("Militiamen killed six people in the village of Dzaba near Bunia on Friday, the local chief said.", "Dzaba",
     "Bunia"),
])
def test_place_an_unknown_place_near_a_known_town_is_the_scene(nlp, text, town, near):
    from eventwire.geo.geocode import geocode

    found = [m for m in events_of(nlp, text) if m.place is not None]
    assert found, found
    anchor = geocode(near)
    assert anchor is not None
    assert (found[0].place.name, found[0].place.geo_precision) == (town, 2), found[0].place
    assert (found[0].place.latitude, found[0].place.longitude) == (anchor.latitude, anchor.longitude)


@pytest.mark.parametrize(("text", "country"), [
    # a group that acts at home outvotes a hamlet's namesake abroad
    ("M23 rebels shelled Kalembe on Tuesday, residents said.", "CD"),
    ("Fano militiamen ambushed a bus near Debre Werk on Monday.", "ET"),
    # but not a town: the Houthis are left out of the home table, and a named country wins
    ("Al Shabaab fighters attacked a police post in Mandera county, Kenya, on Monday.", "KE"),
])
def test_place_a_home_bound_group_votes_for_its_country(nlp, text, country):
    from eventwire.extraction.places import article_country

    assert article_country(nlp(text)) == country


@pytest.mark.parametrize(("text", "town"), [
    # the province opens the sentence, the town comes late in the clause: the town is the scene
    ("In Nangarhar province, gunmen shot dead two teachers on Tuesday on the road out of Jalalabad.",
     "Jalalabad"),
    ("In Sudan's North Darfur, fighting resumed on Sunday between the army and the RSF on the edge of El Fasher.",
     "El Fasher"),
])
def test_place_a_town_of_the_province_in_the_clause_is_the_scene(nlp, text, town):
    found = [m for m in events_of(nlp, text) if m.place is not None]
    assert found and found[0].place.name == town, [(m.sub_event_type, m.place) for m in found]


def test_place_a_name_that_says_whose_a_person_is_is_not_the_scene(nlp):
    text = "Police detained a Tigray opposition politician outside a hotel in Adama on Friday, his lawyer said."
    found = [m for m in events_of(nlp, text) if m.place is not None]
    assert found and found[0].place.name == "Adama", [(m.sub_event_type, m.place) for m in found]


@pytest.mark.parametrize(("text", "scene", "precision"), [
    # an unknown village in a part of a province: the village, at the province's coordinates
    ("Army rockets hit the hamlet of Tal Sumaqa in rural Idlib on Sunday, killing three farmers.",
     "Tal Sumaqa", 2),
    # an unknown locality "in" a known town: the locality, placed at the town
    ("Rebels took control of Kalunga in Bunia on Tuesday after a night of fighting, residents said.",
     "Kalunga", 2),
    # a known town, then the province a direction word marks: the town
    ("Gunmen ambushed a police patrol as it drove through Tafas, in western Daraa, on Monday.",
     "Tafas", 1),
])
def test_place_a_locality_is_the_scene_not_the_area_that_says_where_it_lies(nlp, text, scene, precision):
    found = [m for m in events_of(nlp, text) if m.place is not None]
    assert found and found[0].place.name == scene, [(m.sub_event_type, m.place) for m in found]
    assert found[0].place.geo_precision == precision, found[0].place


def test_place_an_unknown_scene_told_at_a_place_is_put_in_the_province_of_a_known_one(nlp):
    text = "Militiamen burned houses at Tumbura Wells on Saturday and then drove off towards Kadugli, residents said."
    found = [m for m in events_of(nlp, text) if m.place is not None]
    assert found and found[0].place.name == "Tumbura Wells", [(m.sub_event_type, m.place) for m in found]
    place = found[0].place
    # only the province is known: its coordinates, at ACLED's precision 3
    assert (place.admin1, place.geo_precision) == ("South Kordofan", 3), place


def test_place_a_named_building_is_not_a_scene_the_gazetteer_lacks(nlp):
    text = "Nurses in Pietermaritzburg picketed outside Sibusiso Hospital on Thursday over unpaid wages."
    found = [m for m in events_of(nlp, text) if m.place is not None]
    assert found and found[0].place.name == "Pietermaritzburg", [(m.sub_event_type, m.place) for m in found]


def test_place_a_toll_of_the_fighting_told_by_a_source_elsewhere_is_the_fighting_s(nlp):
    # the second sentence names only where its source is: "the fighting" is the capture's
    text = ("Rebels captured the village of Kashebere in Walikale territory, North Kivu, on Monday after a day "
            "of fighting with army troops, local sources said.\n\n"
            "At least six soldiers were killed in the fighting, a chief in Walikale said.")
    found = events_of(nlp, text)
    assert [(m.place.name if m.place else None, m.fatalities) for m in found] == [("Kashebere", 6)], found


@pytest.mark.parametrize(("text", "scene"), [
    # "the capital" is the country's, not the town told last
    (("Gunmen attacked a market in Djibo on Saturday. In the capital, hundreds of people marched "
     "peacefully on Monday to support the army."), "Ouagadougou"),
    # a province's capital is the town told
    (("Gunmen attacked Kaya on Saturday. In the regional capital, hundreds of people marched "
     "peacefully on Monday to support the army."), "Kaya"),
])
def test_place_the_capital_is_the_country_s_unless_told_a_province_s(nlp, text, scene):
    marches = [m for m in events_of(nlp, text) if m.sub_event_type == "Peaceful protest"]
    assert marches and marches[0].place is not None and marches[0].place.name == scene, marches


def test_place_the_dateline_town_places_the_lede_when_the_text_names_no_other_place(nlp):
    text = ("HARARE — Riot police fired tear gas to clear hundreds of vendors from a square outside "
            "parliament on Saturday and detained 14 people, a police spokesman said.\n\n"
            "The vendors had refused to move to a new market on the edge of the city.")
    found = events_of(nlp, text, published="2026-03-16")
    assert found, found
    assert {m.place.name for m in found if m.place} == {"Harare"}, found


def test_place_the_dateline_is_not_lent_when_the_release_names_the_place_later(nlp):
    text = ("KABUL, Afghanistan — A combined force detained two insurgent facilitators on Monday.\n\n"
            "The operation took place in Nad-e Ali district, Helmand province.")
    found = events_of(nlp, text, published="2011-05-10")
    assert all(m.place is None or m.place.name != "Kabul" for m in found), found


def test_place_a_dateline_abroad_is_never_lent(nlp):
    text = ("NAIROBI — Gunmen attacked a convoy of lorries on a desert road in Somalia on Monday, "
            "killing three drivers, officials said.")
    found = events_of(nlp, text, published="2026-03-16")
    assert all(m.place is None or m.place.country_code != "KE" for m in found), found


def test_place_outside_a_place_is_not_the_scene_when_the_clause_names_another(nlp):
    text = "Outside the capital, hundreds of traders blocked the main road near Kisumu on Monday."
    found = [m for m in events_of(nlp, "NAIROBI — " + text, published="2026-03-16") if m.place is not None]
    assert found, found
    assert found[0].place.name == "Kisumu", found


@pytest.mark.parametrize("lede", [
    "Jihadists attacked an army post in a village in the north on Sunday, killing 12 soldiers, the army said.",
    "Jihadists attacked an army post near Tessalit on Sunday, killing 12 soldiers, the army said.",
])
def test_place_the_dateline_is_not_lent_to_a_report_that_tells_a_place_of_its_own(nlp, lede):
    found = events_of(nlp, "BAMAKO — " + lede, published="2026-03-16")
    assert all(m.place is None or m.place.name != "Bamako" for m in found), found


def test_place_a_town_told_by_an_apposition_lies_in_the_area_the_apposition_names(nlp):
    text = "Rebels took control of Kauda, a town in the Nuba Mountains of South Kordofan state, on Saturday."
    found = [m for m in events_of(nlp, text) if m.place is not None]
    assert found, found
    assert (found[0].place.name, found[0].place.admin1) == ("Kauda", "South Kordofan"), found[0].place


def test_place_an_unknown_town_of_the_report_lies_in_the_province_of_the_place_told_before(nlp):
    text = ("Opposition fighters captured the town of Pibor in Jonglei state on Saturday, a spokesman said.\n\n"
            "On Sunday, a government aircraft bombed the market in Lankien town, killing five civilians.")
    found = [m for m in events_of(nlp, text) if m.sub_event_type == "Air/drone strike"]
    assert found, events_of(nlp, text)
    assert (found[0].place.name, found[0].place.admin1, found[0].place.geo_precision) == ("Lankien", "Jonglei", 3)


def test_place_a_town_a_force_entered_is_the_scene_even_when_the_gazetteer_lacks_it(nlp):
    text = ("Soldiers and allied militiamen entered Nyal, further north on the road to Bor, and shot dead "
            "four traders on Monday, residents said.")
    found = [m for m in events_of(nlp, "JUBA — Fighting flared in Jonglei state on Sunday.\n\n" + text)
             if m.sub_event_type == "Attack"]
    assert found, found
    assert found[0].place.name == "Nyal", found[0].place



def test_place_a_locality_placed_once_is_the_same_place_when_told_again(nlp):
    text = ("Soldiers recaptured the locality of Nyamuk, in Tsangano district of Tete province, on Sunday.\n\n"
            "During clearance operations in and around Nyamuk on Monday, soldiers recovered a cache of "
            "rifles and ammunition.")
    found = [m for m in events_of(nlp, text) if m.sub_event_type == "Disrupted weapons use"]
    assert found, events_of(nlp, text)
    assert (found[0].place.name, found[0].place.admin1) == ("Nyamuk", "Tete"), found[0].place


def test_place_a_name_the_gazetteer_lacks_at_a_preposition_lies_in_the_province_told_before(nlp):
    text = ("Insurgents attacked the town of Macomia in Cabo Delgado province on Thursday, officials said.\n\n"
            "On Friday, insurgents beheaded three civilians in Nkonga.")
    found = [m for m in events_of(nlp, text) if m.fatalities == 3]
    assert found, events_of(nlp, text)
    assert (found[0].place.name, found[0].place.admin1, found[0].place.geo_precision) == ("Nkonga", "Cabo Delgado", 3)


def test_place_a_road_between_two_towns_is_one_scene(nlp):
    events = events_of(nlp, "On Monday morning, a bus driver on the road between Kotido and Kaabong was shot dead by "
                            "a man who had boarded as a passenger, police said.")
    assert [e.place.name for e in events if e.place] in (["Kotido"], ["Kaabong"]), events

