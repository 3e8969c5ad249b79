"""Localities the gazetteer lacks and names cut in two (extraction/localities.py), on sentences of our own."""

from __future__ import annotations

import pytest

from eventwire.extraction.extract import extract
from eventwire.extraction.places import article_country, place_refs
from eventwire.ingest import parse_text
from eventwire.linking.link import consolidate

pytestmark = pytest.mark.slow


def places_of(nlp, text: str, published: str = "2025-05-14"):
    article = parse_text(f" date {published}\n{text}", file="t.txt")
    return [m.place for m in consolidate(extract(nlp(article.text), article)) if m.place is not None]


@pytest.mark.parametrize(("text", "town", "admin1"), [
    # a name the recogniser takes for a person, or leaves untagged, told as a village in a known area
    ("Gunmen torched Kwabeni village in Kilifi county on Friday night, killing a farmer.", "Kwabeni", "Kilifi"),
    ("Raiders stole cattle at Lomuruget, Moroto district, and shot dead two herders on Sunday.",
     "Lomuruget", "Northern"),
    ("Soldiers clashed with militants in Dhanaweyn village, Middle Shabelle, on Monday; four were killed.",
     "Dhanaweyn", "Middle Shabelle"),
    # a Congolese territory is the district it lies in
    ("Militiamen burned homes in Mbogoro village, Djugu territory, on Sunday, killing four civilians.",
     "Mbogoro", "Ituri"),
    # told only by the area after it
    ("Government troops recaptured Qoorgaab in Lower Shabelle on Wednesday after militants withdrew.",
     "Qoorgaab", "Lower Shabelle"),
])
def test_localities_an_unknown_name_anchored_by_a_known_area_is_the_place(nlp, text, town, admin1):
    found = places_of(nlp, text)
    assert found, found
    assert (found[0].name, found[0].admin1, found[0].geo_precision, found[0].kind) == (town, admin1, 2, "city")


def test_localities_a_town_cut_in_two_by_the_tagger_is_one_town(nlp):
    found = places_of(nlp, "Insurgents ambushed an army patrol near Ndugoro, Mocimboa da Praia district, "
                           "on Tuesday, killing three soldiers.")
    assert found, found
    assert (found[0].name, found[0].country) == ("Ndugoro", "Mozambique"), found


@pytest.mark.parametrize(("text", "country"), [
    ("Nuer youths raided a cattle camp in Unity State on Sunday, killing seven herders.", "South Sudan"),
    ("Fano militiamen ambushed a federal convoy on the road to Bahir Dar on Saturday, killing five soldiers.",
     "Ethiopia"),
    ("Gang members stormed a police station in Port-au-Prince on Monday, killing two officers.", "Haiti"),
    ("Somali National Army forces retook Qoorgaab in Lower Shabelle on Friday, officials said.", "Somalia"),
    # the larger place a town is said to lie in settles a tie between the town's namesakes abroad
    ("Unknown attackers burned a school near Bagan in upper Kurram overnight.", "Pakistan"),
    ("Several hundred nurses marched through Mexico City on Monday over unpaid wages.", "Mexico"),
    ("Soldiers burned rice stores in Kani township, Sagaing Region, according to farmers.", "Myanmar"),
    # ... or is told after "of" and the smaller place's own noun
    ("Gunmen shot dead two guards in the Tirah valley of Khyber district on Monday.", "Pakistan"),
    # a big city under a common spelling, before a small town of that name abroad
    ("Dozens of lawyers gathered outside the courthouse in Mansoura on Sunday to demand a colleague's release.",
     "Egypt"),
])
def test_localities_a_people_or_group_is_not_a_place_abroad(nlp, text, country):
    doc = nlp(text)
    code = article_country(doc)
    refs = place_refs(doc, list(doc.sents), code)
    assert refs, refs
    assert {r.place.country for r in refs} == {country}, [(doc[r.start:r.end].text, r.place) for r in refs]


def test_localities_two_places_side_by_side_are_one_name(nlp):
    from spacy.tokens import Span

    from eventwire.extraction.localities import joined_names

    doc = nlp("Fano fighters overran Gara Midhi town on Friday.")
    doc.ents = [Span(doc, 3, 4, label="GPE"), Span(doc, 4, 5, label="GPE")]
    assert [e.text for e in joined_names(doc, {e.start: e for e in doc.ents}).values()] == ["Gara Midhi"]
    # a province and what lies in it, or a possessive, stay two
    doc = nlp("Fighters of the Amhara Fano movement met in Bahir Dar.")
    doc.ents = [Span(doc, 3, 4, label="GPE"), Span(doc, 4, 5, label="GPE")]
    assert [e.text for e in joined_names(doc, {e.start: e for e in doc.ents}).values()] == ["Amhara", "Fano"]


@pytest.mark.parametrize(("text", "town", "country"), [
    # the tagger takes "Puli" alone; the gazetteer knows the whole name
    ("Gunmen shot dead a shopkeeper in Puli Khumri on Friday, police said.", "Puli Khumri", "Afghanistan"),
    # a group that fights only at home says which country an unknown locality is in
    ("CODECO fighters attacked a camp at Plaine Kilo on Sunday, killing six people.", "Plaine Kilo",
     "Democratic Republic of the Congo"),
    ("Militiamen burned a school in Mambasa territory on Monday, and FARDC troops later arrived.", "Mambasa",
     "Democratic Republic of the Congo"),
])
def test_localities_a_name_the_tagger_cut_or_the_gazetteer_lacks_keeps_its_country(nlp, text, town, country):
    found = places_of(nlp, text)
    assert found, found
    assert (found[0].name, found[0].country) == (town, country), found


@pytest.mark.parametrize(("text", "town", "admin1"), [
    # a name the tagger takes for a person, told as a place by "control of"
    (("Al Shabaab fighters took control of Ceel Cali in Middle Shabelle on Friday after government troops "
      "withdrew, elders said."), "Ceel Cali", "Middle Shabelle"),
    # a district the gazetteer lacks, then the province it lies in
    (("Militiamen killed four farmers near Nyamilima in Bwisha territory, North Kivu, on Saturday, local "
      "officials said."), "Nyamilima", "North Kivu"),
])
def test_localities_a_held_place_or_one_in_an_unknown_district_is_placed_by_its_province(nlp, text, town, admin1):
    found = places_of(nlp, text)
    assert found, found
    assert (found[0].name, found[0].admin1, found[0].geo_precision) == (town, admin1, 2), found


def test_localities_a_possessive_town_votes_for_its_country(nlp):
    doc = nlp("Security agents detained a radio host at the station in Addis Ababa's Arada sub-city.")
    assert article_country(doc) == "ET"


def test_localities_a_village_of_a_people_is_not_a_town_abroad(nlp):
    # "a Kuki village" is a village of the Kuki people, not the Japanese town of Kuki
    assert article_country(nlp("Attackers looted grain stores in a Kuki village in Kangpokpi overnight.")) == "IN"


def test_localities_a_district_the_tagger_cut_in_two_is_one_district(nlp):
    found = places_of(nlp, "Insurgents attacked a police post in Shigal wa Sheltan district on Monday, killing two officers.")
    assert [(p.name, p.admin1) for p in found] == [("Shigal wa Sheltan", "Kunar")], found


@pytest.mark.parametrize(("text", "name", "admin1"), [
    # a district told in a spelling of its own, which the tagger cuts up: the district the
    # gazetteer spells otherwise (Dasht-e Archi, Qal'ah-ye Zal), under the article's spelling
    ("Afghan commandos detained three Taliban fighters in Dasht-i-Archi district of Afghanistan on Tuesday.",
     "Dasht-i-Archi", "Kunduz"),
    ("In Afghanistan, police arrested two men in Qala-i-Zal district of Kunduz province on Sunday.",
     "Qala-i-Zal", "Kunduz"),
])
def test_localities_a_district_in_a_spelling_of_its_own(nlp, text, name, admin1):
    found = places_of(nlp, text)
    assert found, found
    assert (found[0].name, found[0].admin1, found[0].kind) == (name, admin1, "district")


def test_localities_a_province_the_tagger_cut_in_two_is_one_province(nlp):
    # "Valle del Cauca department": one province, not "Valle" (a town of that other name
    # elsewhere) and "Cauca"; the town in it is the scene
    found = places_of(nlp, "On Monday, a grenade exploded outside a police post in Tulua, north of Cali "
                           "in Valle del Cauca department, wounding three officers.")
    assert found and (found[0].name, found[0].admin1) == ("Tulua", "Valle del Cauca"), found
