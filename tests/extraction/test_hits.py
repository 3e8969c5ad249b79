"""Hits: who an act hit (and a passive act's doer) when the trigger's own words do not say it."""

from __future__ import annotations

import pytest

from eventwire.extraction.extract import extract
from eventwire.ingest import parse_text
from eventwire.linking.link import consolidate

pytestmark = pytest.mark.slow


def of_type(nlp, text: str, sub: str):
    article = parse_text(f" date 2024-03-12\n{text}", file="t.txt")
    found = [m for m in consolidate(extract(nlp(article.text), article)) if m.sub_event_type == sub]
    assert found, text
    return found[0]


@pytest.mark.parametrize(("text", "sub", "actor2"), [
    # "set fire to X": the fire is the object, X what was hit
    ("Youths set fire to a police post in Kisumu on Tuesday.", "Violent demonstration", "Police Forces of Kenya"),
    ("A mob in Nakuru set fire to the houses of two widows it accused of sorcery on Friday.",
     "Mob violence", "Civilians (Kenya)"),
])
def test_hits_set_fire_to_hits_the_object_of_to(nlp, text, sub, actor2):
    assert of_type(nlp, text, sub).actor2 == actor2


@pytest.mark.parametrize(("text", "sub", "actor2"), [
    # an event word that is the subject of the verb that says what it hit
    ("A grenade attack on a bus stop in Garissa on Monday wounded four traders.", "Grenade", "Civilians (Kenya)"),
    # a bare count of people hit
    ("Bandits shot dead four on the Isiolo highway on Thursday.", "Attack", "Civilians (Kenya)"),
])
def test_hits_the_people_hit_are_found_beyond_the_trigger(nlp, text, sub, actor2):
    assert of_type(nlp, text, sub).actor2 == actor2


def test_hits_a_crowd_that_stones_a_forces_vehicles_hits_that_force(nlp):
    text = "Youths angry over a land dispute stoned army trucks in Gulu on Monday."
    assert of_type(nlp, text, "Violent demonstration").actor2 == "Military Forces of Uganda"


def test_hits_a_passive_act_takes_the_doer_of_its_when_clause(nlp):
    text = "Three traders were killed when unknown gunmen opened fire on a market in Beni on Friday."
    event = of_type(nlp, text, "Attack")
    assert event.actor1 == "Unidentified Armed Group (Democratic Republic of the Congo)"


@pytest.mark.parametrize(("text", "sub"), [
    ("Opposition MP arrested in Kasama over hate speech", "Arrests"),
    ("Student leader abducted in Kisumu, colleagues say.", "Abduction/forced disappearance"),
])
def test_hits_a_headline_participle_is_done_to_its_noun(nlp, text, sub):
    event = of_type(nlp, text, sub)
    assert event.actor2 is not None and event.actor2.startswith("Civilians")
    assert event.actor1 is None or not event.actor1.startswith("Civilians")


@pytest.mark.parametrize(("text", "actor1"), [
    # who threw the grenade, when the trigger is the blast's harm told in another clause
    ("A man hurled a grenade into a church in Garissa on Sunday; four worshippers were hurt.",
     "Unidentified Armed Group (Kenya)"),
    # a passive act joined to another ("killed and nine wounded") whose "when" clause tells the doer
    (("Two people were killed and nine wounded when unidentified assailants hurled grenades into a bar in Kisumu "
      "on Friday night, police said."), "Unidentified Armed Group (Kenya)"),
])
def test_hits_who_threw_the_blasts_weapon(nlp, text, actor1):
    assert of_type(nlp, text, "Grenade").actor1 == actor1


@pytest.mark.parametrize(("text", "actor1"), [
    # the side a weapon was fired from is its doer; ground named only by a nation's adjective is no side
    ("Shells fired from Al Shabaab positions hit a market in Lamu on Monday, killing four traders.", "Al Shabaab"),
    ("Rockets fired from Somali territory fell on a village near Mandera on Monday, wounding two herders.", None),
])
def test_hits_who_sent_the_weapon(nlp, text, actor1):
    assert of_type(nlp, text, "Shelling/artillery/missile attack").actor1 == actor1


def test_hits_a_weapon_whose_modifier_names_an_armed_side_names_the_doer(nlp):
    # the event hangs on what residents said; "army shells" says whose weapon it was
    text = ("Villagers near Dilling said a choking smoke filled their homes after army shells landed on "
            "Sunday, leaving four people dead.")
    article = parse_text(f" date 2024-03-12\n{text}", file="t.txt")
    found = [m for m in consolidate(extract(nlp(article.text), article)) if m.event_type == "Explosions/Remote violence"]
    assert found and found[0].actor1 == "Military Forces of Sudan", [(m.sub_event_type, m.actor1) for m in found]


def test_hits_a_weapon_sent_from_a_group_the_tagger_took_for_a_facility(nlp):
    from eventwire.extraction import hits
    from eventwire.extraction.actor_context import build_context

    text = "A drone from the Gulf Clan dropped explosives on a police post in Remedios, wounding two officers."
    doc = nlp(text)
    ctx = build_context(text, country_code="CO", country="Colombia")
    found = hits.sender(next(t for t in doc if t.text == "dropped"), ctx)
    assert found is not None and found[0].name == "Gulf Clan (AGC)"


@pytest.mark.parametrize(("text", "actor1", "actor2"), [
    # who drives onto a mine was hit by it; the sentence's blamed group is the doer
    (("An army truck struck a landmine outside Kadugli on Sunday, killing three soldiers, officials said, "
      "blaming the SPLM-N."), "SPLM-North (al-Hilu)", "Military Forces of Sudan"),
    ("A police van ran over a buried device near Garissa on Friday, wounding two officers.",
     "Unidentified Armed Group (Kenya)", "Police Forces of Kenya"),
    # "rolled over it" in a 'when' clause: the vehicle is no doer of the blast
    (("A bomb had been hidden in a culvert near Wajir; when a police lorry rolled over it on Monday, "
      "two officers were killed."), "Unidentified Armed Group (Kenya)", "Police Forces of Kenya"),
])
def test_hits_who_meets_a_mine_is_what_the_blast_hit(nlp, text, actor1, actor2):
    found = of_type(nlp, text, "Remote explosive/landmine/IED")
    assert (found.actor1, found.actor2) == (actor1, actor2)
