"""Extraction on our own sentences from several conflicts: type, actors, place, date, deaths."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire import taxonomy as tx
from eventwire.extraction.extract import extract
from eventwire.ingest import parse_text
from eventwire.linking.link import consolidate

pytestmark = pytest.mark.slow


def events_of(nlp, text: str, published: str = "2023-04-12"):
    article = parse_text(f" date {published}\n{text}", file="t.txt")
    return consolidate(extract(nlp(article.text), article))


def test_extract_air_strike_with_actor_place_date_and_toll(nlp):
    found = events_of(nlp, "Myanmar military jets bombed a village gathering in Kanbalu township, Sagaing "
                           "region, on Tuesday, killing at least 100 people, witnesses said.")
    strike = [m for m in found if m.sub_event_type == "Air/drone strike"]
    assert strike, found
    m = strike[0]
    assert m.actor1 == "Military Forces of Myanmar"
    assert m.place is not None and m.place.admin1 == "Sagaing"
    assert m.dates.start == dt.date(2023, 4, 11)
    assert m.fatalities == 100


def test_extract_capture_by_armed_group(nlp):
    found = events_of(nlp, "Rapid Support Forces fighters seized Wad Madani, the capital of Gezira state, "
                           "on Monday after the army withdrew.", published="2023-12-19")
    captures = [m for m in found if m.sub_event_type == "Non-state actor overtakes territory"]
    assert captures and captures[0].actor1 == "Rapid Support Forces"
    assert captures[0].dates.start == dt.date(2023, 12, 18)


@pytest.mark.parametrize("text", [
    "Analysts warned that the city could fall to the rebels within weeks.",
    "The militia denied that it had shelled the market in Aden.",
    "There were no air strikes on Sanaa on Sunday, residents said.",
    "If the insurgents attack Mogadishu again, the army will respond.",
])
def test_extract_non_events_are_not_coded(nlp, text):
    assert events_of(nlp, text) == []


def test_extract_two_places_two_events(nlp):
    found = events_of(nlp, "Russian missiles struck Kharkiv and Odesa overnight, regional governors said.")
    places = {m.place.name for m in found if m.sub_event_type == "Shelling/artillery/missile attack"}
    assert len(places) == 2


def test_extract_offsets_point_at_the_sentence(nlp):
    text = "Gunmen abducted 12 students from a school in Kaduna state on Thursday, police said."
    article = parse_text(f" date 2024-03-08\n{text}", file="t.txt")
    for m in consolidate(extract(nlp(article.text), article)):
        assert article.text[m.start:m.end].strip() == m.sentence


def test_extract_district_is_placed_in_the_region_the_text_names(nlp):
    found = events_of(nlp, "Fighters attacked an army base in Sablale district, Lower Shabelle "
                           "region, on Monday, killing four soldiers.", published="2023-05-10")
    placed = [m for m in found if m.place is not None and m.place.kind == "district"]
    assert placed, found
    assert placed[0].place.name == "Sablale"
    assert placed[0].place.admin1 == "Lower Shabelle"


def test_extract_follow_up_sentence_takes_the_operation_scene(nlp):
    text = ("Somali special forces raided an al-Shabaab hideout in Marka district, Lower Shabelle region, "
            "on Monday. The hideout had been used to store explosives for months. Officials described the "
            "target as a senior bomb maker. He had been sought since 2019. Residents fled the area. "
            "During the operation, the soldiers killed two militants.")
    article = parse_text(f" date 2023-05-10\n{text}", file="t.txt")
    mentions = extract(nlp(article.text), article)
    kills = [m for m in mentions if "killed two" in m.sentence and m.event_type == "Battles"]
    assert kills, mentions
    assert kills[0].place is not None and kills[0].place.admin1 == "Lower Shabelle"
    assert kills[0].dates.start == dt.date(2023, 5, 8)


def test_extract_blast_and_shooting_in_one_sentence_are_one_complex_attack(nlp):
    text = ("A suicide bomber blew himself up at the entrance of the Hayat hotel in Mogadishu on Friday and "
            "gunmen opened fire on guests, killing at least 20 people, officials said.")
    article = parse_text(f" date 2022-08-21\n{text}", file="t.txt")
    mentions = extract(nlp(article.text), article)
    assert {m.sub_event_type for m in mentions} >= {"Suicide bomb", "Attack"}  # told as two acts
    events = consolidate(mentions)
    assert [(e.sub_event_type, e.fatalities) for e in events] == [("Suicide bomb", 20)], events


def test_extract_crowd_hit_with_no_unrest_told_is_civilians_and_members_of_a_gang_act(nlp):
    text = ("Military aircraft bombed a crowd gathered for a wedding in Kanbalu in Sagaing region on "
            "Tuesday, killing 20 people. Members of a criminal gang attacked a bus near Kanbalu on Wednesday.")
    article = parse_text(f" date 2023-04-14\n{text}", file="t.txt")
    mentions = extract(nlp(article.text), article)
    bombing = [m for m in mentions if "crowd" in m.sentence]
    assert bombing and all(m.actor2 == "Civilians (Myanmar)" for m in bombing), bombing
    gang = [m for m in mentions if m.sentence.startswith("Members")]
    assert gang and all(m.actor1 == "Unidentified Armed Group (Myanmar)" for m in gang), gang


def test_extract_a_name_used_as_a_modifier_does_not_stop_the_look_back(nlp):
    text = ("Fighting broke out in Goma on Monday. M23 rebels shelled army positions on Tuesday, "
            "killing four soldiers.")
    article = parse_text(f" date 2024-02-08\n{text}", file="t.txt")
    shelled = [m for m in extract(nlp(article.text), article) if m.sentence.startswith("M23")]
    assert shelled and all(m.place is not None and m.place.name == "Goma" for m in shelled), shelled


def test_extract_a_town_the_gazetteer_lacks_is_not_replaced_by_the_last_one_named(nlp):
    text = ("Fighting between M23 rebels and the army went on around Goma on Monday. "
            "The rebels captured the mining town of Rubaya on Tuesday, residents said.")
    article = parse_text(f" date 2024-05-02\n{text}", file="t.txt")
    taken = [m for m in extract(nlp(article.text), article) if "Rubaya" in m.sentence]
    assert taken and all(m.place is None or m.place.name != "Goma" for m in taken), taken


@pytest.mark.parametrize(("text", "deaths"), [
    (("The army carried out an operation in Marka district on Tuesday that resulted in the death of "
      "Ahmed Nur, a local al-Shabaab leader."), 1),
    ("Somali soldiers killed Ahmed Nur and Ali Hassan, two al-Shabaab commanders, near Marka on Tuesday.",
     None),
])
def test_extract_one_named_victim_counts_one(nlp, text, deaths):
    found = [m for m in events_of(nlp, text, published="2023-05-10") if m.event_type == "Battles"]
    assert found and found[0].fatalities == deaths, found


def test_extract_named_victim_is_a_patient_not_an_actor(nlp):
    found = events_of(nlp, "Somali soldiers raided a farm near Marka on Monday. Ahmed Nur, a senior al-Shabaab "
                           "commander, was killed during the raid.", published="2023-05-10")
    battles = [m for m in found if m.event_type == "Battles"]
    assert battles and all(m.actor1 == "Military Forces of Somalia" for m in battles), battles


def _doc_with_places(names: list[tuple[str, str]]):
    """A hand-built Doc whose entities are ``names`` ((text, label) pairs), one sentence each."""
    import spacy
    from spacy.tokens import Span

    nlp = spacy.blank("en")
    words: list[str] = []
    spans: list[tuple[int, int, str]] = []
    for text, label in names:
        start = len(words)
        words += text.split() + ["."]
        spans.append((start, start + len(text.split()), label))
    doc = spacy.tokens.Doc(nlp.vocab, words=words)
    doc.ents = [Span(doc, s, e, label=lab) for s, e, lab in spans]
    return doc


@pytest.mark.parametrize(("names", "expected"), [
    # an acronym the tagger took for a place does not outvote the article's places
    ([("Mogadishu", "GPE"), ("IMU", "GPE"), ("IMU", "GPE"), ("IMU", "GPE"), ("IMU", "GPE")], "SO"),
    # a name repeated many times counts twice at most; nationality words vote too
    ([("Somali", "NORP"), ("Kismayo", "GPE"), ("Somali", "NORP"), ("Nairobi", "GPE"),
      ("Nairobi", "GPE"), ("Nairobi", "GPE"), ("Nairobi", "GPE"), ("Baidoa", "GPE")], "SO"),
])
def test_extract_article_country_vote(names, expected):
    from eventwire.extraction.places import article_country

    assert article_country(_doc_with_places(names)) == expected


def _types(found):
    return {(m.sub_event_type, m.place.name if m.place else None) for m in found}


def test_extract_place_in_the_country_its_phrase_names(nlp):
    text = ("Drones attacked fuel trucks in Abu Dhabi on Monday, the Emirati police said. "
            "On Friday a coalition air strike hit a prison in the northern Yemeni city of Saada, killing dozens.")
    found = events_of(nlp, text, published="2022-01-24")
    saada = [m for m in found if m.place is not None and m.place.country_code == "YE"]
    assert saada and saada[0].sub_event_type == "Air/drone strike"
    assert not any(m.sub_event_type == "Arrests" for m in found)


@pytest.mark.parametrize(("text", "expected"), [
    # the dead of an attack on police are the clash's toll, not a second event on civilians
    ("Militants attacked a police post in Kismayo on Monday, killing five people.",
     [("Armed clash", "Police Forces of Somalia", 5)]),
    # an assault on no armed side that kills civilians is one attack on civilians
    ("Gunmen stormed a displacement camp near Kismayo on Monday, killing five people.",
     [("Attack", "Civilians (Somalia)", 5)]),
])
def test_extract_an_assault_and_the_dead_it_leaves_are_one_event(nlp, text, expected):
    found = events_of(nlp, text)
    assert [(m.sub_event_type, m.actor2, m.fatalities) for m in found] == expected


@pytest.mark.parametrize("text", [
    "Rival militias clashed near Kismayo on Monday, killing five civilians.",  # fighting, not an assault
    "Gunmen stormed a displacement camp near Kismayo on Monday, and in a separate attack killed three people.",
])
def test_extract_only_an_assault_with_its_participle_becomes_an_attack(nlp, text):
    found = events_of(nlp, text)
    assert "Armed clash" in {m.sub_event_type for m in found}
    assert not [m for m in found if m.sub_event_type == "Attack" and m.fatalities is not None]


@pytest.mark.parametrize(("text", "actor1", "deaths"), [
    ("Gunmen stormed a displacement camp near Kismayo on Monday. They killed five people.",
     "Unidentified Armed Group (Somalia)", 5),
    ("Al-Shabaab fighters raided a village near Kismayo on Monday. They killed four farmers.",
     "Al Shabaab", 4),
])
def test_extract_a_killing_told_by_they_is_done_by_those_just_named(nlp, text, actor1, deaths):
    attacks = [m for m in events_of(nlp, text) if m.sub_event_type == "Attack"]
    assert [(m.actor1, m.actor2, m.fatalities) for m in attacks] == [(actor1, "Civilians (Somalia)", deaths)]


@pytest.mark.parametrize("text", [
    "The war has killed thousands of people.",  # an abstract killer: no event
    "The drought killed hundreds of cattle in Somalia last year.",
])
def test_extract_an_abstract_killer_is_still_no_event(nlp, text):
    assert not [m for m in events_of(nlp, text) if m.event_type != "Strategic developments"]


def test_extract_a_place_the_text_puts_in_a_country_is_never_a_namesake_elsewhere(nlp):
    from eventwire.analysis.analyse import doc_text
    from eventwire.extraction.places import place_refs

    # "Red Sea" is also a state of Sudan; "Yemen's Red Sea coast" is not in Sudan
    doc = nlp("Warplanes bombed a fuel depot on Yemen's Red Sea coast on Thursday. "
              "Fighting went on in Sudan's Red Sea state and in Syria's Idlib.")
    refs = [(doc_text(doc)[doc[r.start].idx:doc[r.end - 1].idx + len(doc[r.end - 1])], r.place.country_code)
            for r in place_refs(doc, list(doc.sents), "YE")]
    assert ("Red Sea", "SD") in refs and ("Idlib", "SY") in refs
    assert [r for r in refs if r[0] == "Red Sea"] == [("Red Sea", "SD")]  # only Sudan's
    # "Ukraine's Kursk incursion": whose act, not where the place lies
    doc = nlp("Ukraine's Kursk incursion went on as troops shelled villages on Monday.")
    assert [(r.place.name, r.place.country_code) for r in place_refs(doc, list(doc.sents), "UA")] == \
        [("Ukraine", "UA"), ("Kursk", "RU")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Inmates at a detention centre in Marib protested on Sunday over food shortages.", "Peaceful protest"),
    ("Russian artillery fired at the town of Nikopol on Sunday, wounding two people.",
     "Shelling/artillery/missile attack"),
    ("Police opened fire on crowds in Nairobi on Tuesday after protesters stormed parliament.",
     "Excessive force against protesters"),
    ("The army said on Monday that it had regained control of the town of Dessie in Amhara.",
     "Government regains territory"),
])
def test_extract_general_constructions(nlp, text, expected):
    found = events_of(nlp, text)
    assert expected in {m.sub_event_type for m in found}, found
    assert "Arrests" not in {m.sub_event_type for m in found}


@pytest.mark.parametrize("text", [
    "Two missiles fired at Riyadh were intercepted and destroyed over the city on Sunday, officials said.",
    "A severe drought hit farms across the county this summer.",
])
def test_extract_interceptions_and_droughts_are_not_strikes(nlp, text):
    assert not any(m.sub_event_type in {"Air/drone strike", "Shelling/artillery/missile attack"}
                   for m in events_of(nlp, text))


def test_extract_location_keeps_the_articles_spelling(nlp):
    found = events_of(nlp, "Russian missiles struck the city of Kryvyi Rih on Monday, killing ten people.")
    assert any(m.place is not None and m.place.name == "Kryvyi Rih" for m in found), _types(found)


def test_extract_lowercase_phrase_is_no_place(nlp):
    found = events_of(nlp, "Russian missiles struck a clinic on the west bank of the Dnipro river in Kyiv on "
                           "Monday, killing two people.")
    assert all(m.place is None or m.place.country_code == "UA" for m in found), _types(found)


def test_extract_report_pointing_back_takes_the_operation_told_earlier(nlp):
    # the scene is set by an operation that is not itself an event; what happened in it comes later
    found = events_of(nlp, "Somali soldiers conducted an operation in Marka district, Lower Shabelle region, "
                           "on Tuesday. The operation targeted an al-Shabaab bomb-making cell, officials said. "
                           "Residents said the area had been tense for weeks. During the operation, the "
                           "soldiers detained four suspects.", published="2024-05-16")
    (arrest,) = [m for m in found if m.sub_event_type == "Arrests"]
    assert arrest.place is not None and arrest.place.name == "Marka"
    assert arrest.dates.start == dt.date(2024, 5, 14)


def test_extract_participle_of_a_told_arrest_is_not_a_new_one(nlp):
    found = events_of(nlp, "Police arrested a weapons dealer in Kano on Monday. The detained dealer had "
                           "supplied gangs in Zamfara, police said.", published="2024-05-16")
    assert [(m.sub_event_type, m.place.admin1) for m in found] == [("Arrests", "Kano")]


@pytest.mark.parametrize(("text", "actor1"), [
    # the captive's noun hung on the place before it by the parse; the raid is the arrest
    (("In a raid near Kismayo, an al-Shabaab commander and two fighters were captured by Somali special "
      "forces on Wednesday."), "Military Forces of Somalia"),
    # "of" inside a name ("Islamic State of Iraq") does not end the captive's phrase
    ("Iraqi forces captured an Islamic State of Iraq commander in Mosul on Friday.", "Military Forces of Iraq"),
])
def test_extract_captures_of_people_are_arrests(nlp, text, actor1):
    found = events_of(nlp, text, published="2024-05-16")
    assert [m.sub_event_type for m in found] == ["Arrests"]
    assert found[0].actor1 == actor1


def test_extract_strike_called_in_by_troops_is_theirs(nlp):
    found = events_of(nlp, "Kenyan troops called in an airstrike which killed six al-Shabaab fighters near "
                           "Kolbio in Lower Juba on Monday.", published="2024-05-16")
    (strike,) = found
    assert strike.sub_event_type == "Air/drone strike" and strike.actor1 == "Military Forces of Kenya"
    assert strike.fatalities == 6


def test_extract_participle_strike_takes_the_weapon_of_the_attack_it_tells(nlp):
    text = ("Russian forces launched a wave of missile attacks on Odesa on Friday, striking the grain "
            "terminal and a block of flats.")
    found = events_of(nlp, text, published="2023-07-22")
    assert found and {m.sub_event_type for m in found} == {"Shelling/artillery/missile attack"}, found


@pytest.mark.parametrize(("text", "sub", "actor1", "actor2", "place"), [
    ("A suicide bomber blew himself up outside a police academy in Kabul on Tuesday, killing six cadets.",
     "Suicide bomb", None, None, "Kabul"),
    ("A drone launched by the RSF struck a power station in Atbara on Sunday, killing two workers.",
     "Air/drone strike", "Rapid Support Forces", None, "Atbara"),
    ("Russian missiles hit the centre of Chernihiv on Wednesday, killing 17 people.",
     "Shelling/artillery/missile attack", "Military Forces of Russia", "Civilians (Ukraine)", "Chernihiv"),
    ("Rebel fighters overran most of Bentiu on Tuesday.", "Non-state actor overtakes territory", None, None,
     "Bentiu"),
    ("Iraqi forces retook the Grand Mosque in Mosul on Thursday.", "Government regains territory",
     "Military Forces of Iraq", None, "Mosul"),
])
def test_extract_weapons_senders_victims_and_places_taken(nlp, text, sub, actor1, actor2, place):
    found = [m for m in events_of(nlp, text, published="2024-12-01") if m.sub_event_type == sub]
    assert found, events_of(nlp, text, published="2024-12-01")
    m = found[0]
    assert m.place is not None and m.place.name == place
    if actor1 is not None:
        assert m.actor1 == actor1
    if actor2 is not None:
        assert m.actor2 == actor2


def test_extract_a_missile_that_exploded_is_the_strike_not_a_bomb(nlp):
    found = events_of(nlp, "Two Russian missiles struck Chernihiv on Wednesday. The first missile landed near "
                           "a hotel and the second exploded above a crowded road.", published="2024-04-18")
    assert {m.sub_event_type for m in found} == {"Shelling/artillery/missile attack"}


def test_extract_markets_storming_past_a_record_is_no_attack(nlp):
    assert events_of(nlp, "Coffee futures stormed past a record on Thursday as a drought in Brazil crushed "
                          "hopes of a bumper crop.", published="2024-10-04") == []


def test_extract_event_told_by_a_dated_statement_takes_its_day(nlp):
    # "its soldiers" are the speaker's; the mosque's own history ("held since 2014") is not the date
    found = events_of(nlp, "Iraq's army said on Thursday that its soldiers had recaptured the Grand Mosque in "
                           "Mosul, which Islamic State had held since the summer of 2014.", published="2017-06-30")
    (retake,) = [m for m in found if m.sub_event_type == "Government regains territory"]
    assert retake.actor1 == "Military Forces of Iraq" and retake.actor2 == "Islamic State"
    assert retake.dates.start == dt.date(2017, 6, 29)


def test_extract_comment_on_strikes_is_not_dated_by_the_comment(nlp):
    found = events_of(nlp, "A spokesman said on Monday that the air strikes on Marib were lawful.",
                      published="2022-01-18")
    assert all(not m.dates.known for m in found)


def test_extract_clash_with_names_the_other_side(nlp):
    found = events_of(nlp, "Kachin Independence Army fighters clashed with government troops near Bhamo on "
                           "Monday, residents said.", published="2024-12-10")
    (clash,) = [m for m in found if m.sub_event_type == "Armed clash"]
    assert clash.actor2 == "Military Forces of Myanmar"


def test_extract_passive_toll_after_a_report_without_one_is_its_toll(nlp):
    found = events_of(nlp, "Police fired on demonstrators in Dhaka on Thursday after they stormed a state "
                           "broadcaster. At least six people were shot dead, a hospital official said.",
                      published="2024-07-19")
    assert len(found) == 1 and found[0].fatalities == 6


def test_extract_second_toll_after_a_report_with_one_is_other_victims(nlp):
    found = events_of(nlp, "Soldiers killed a militant commander in a raid on a compound near Kismayo on "
                           "Thursday. One child was killed and another wounded during the raid.",
                      published="2024-06-28")
    assert sum(m.fatalities or 0 for m in found) == 2


def test_extract_people_killed_in_strikes_are_the_strikes_toll(nlp):
    found = events_of(nlp, "Eleven people were killed in the air strikes on Deir ez-Zor on Sunday, Syrian "
                           "officials said.", published="2024-05-13")
    assert [(m.sub_event_type, m.fatalities) for m in found] == [("Air/drone strike", 11)]


def test_extract_crowds_that_rally_are_protesters(nlp):
    (rally,) = events_of(nlp, "Large crowds rallied in Tunis on Saturday against the new constitution.",
                         published="2022-07-24")
    assert rally.sub_event_type == "Peaceful protest" and rally.actor1 == "Protesters (Tunisia)"


def test_extract_crowds_attacking_buildings_riot(nlp):
    found = events_of(nlp, "In Dakar, angry crowds attacked the offices of a pro-government newspaper on "
                           "Thursday, setting fires before police dispersed them.", published="2023-06-02")
    riots = [m for m in found if m.sub_event_type == "Violent demonstration"]
    assert riots and riots[0].actor1.startswith("Rioters") and riots[0].actor2 is None


def test_extract_pronoun_in_a_second_clause_is_the_first_clauses_subject(nlp):
    found = events_of(nlp, "Over the past weeks the army has pushed the Tigrayan forces out of Amhara, and it "
                           "retook Dessie in December.", published="2022-01-10")
    (retake,) = found
    assert retake.sub_event_type == "Government regains territory"
    assert retake.actor1 == "Military Forces of Ethiopia"


def test_extract_place_from_the_sentence_before_is_its_most_precise(nlp):
    found = events_of(nlp, "On Sunday gunmen surrounded a church in the town of Owo, in Nigeria's Ondo state, "
                           "during mass. The gunmen opened fire on the worshippers, killing 40 people.",
                      published="2022-06-06")
    attacks = [m for m in found if m.fatalities == 40]
    assert attacks and attacks[0].place is not None and attacks[0].place.name == "Owo"


def test_extract_force_against_protesters_is_coded_from_the_protesters_side(nlp):
    found = events_of(nlp, "Kenyan police opened fire on protesters in Nairobi on Tuesday, killing five.",
                      published="2024-06-26")
    (event,) = [m for m in found if m.sub_event_type == "Excessive force against protesters"]
    assert event.actor1 == "Protesters (Kenya)" and event.actor2 == "Police Forces of Kenya"


def test_extract_shelling_with_no_sender_is_not_given_to_the_main_armed_group(nlp):
    found = events_of(nlp, "Hayat Tahrir al-Sham controls Idlib. Artillery fire hit residential neighbourhoods "
                           "of Idlib city on Friday, killing three civilians.", published="2023-10-07")
    shelling = [m for m in found if m.sub_event_type == "Shelling/artillery/missile attack"]
    assert shelling and shelling[0].actor1 != "Hayat Tahrir al-Sham"


@pytest.mark.parametrize(("claim", "group"), [
    ("The Balochistan Liberation Army said it carried out the attack.", "Balochistan Liberation Army"),
    ("The Balochistan Liberation Army claimed responsibility for the killings.", "Balochistan Liberation Army"),
])
def test_extract_claim_names_who_did_the_event_told_before(nlp, claim, group):
    found = events_of(nlp, "Gunmen stopped a bus near Mastung on Friday and shot dead nine passengers. "
                           f"{claim}", published="2024-04-13")
    assert found and all(m.actor1 == group for m in found)


def test_extract_event_named_as_a_point_in_time_is_not_a_new_one(nlp):
    found = events_of(nlp, "Militants attacked an army base near Menaka on Sunday, killing 20 soldiers. The "
                           "army later said several suspects had been arrested in the town after the attack.",
                      published="2024-05-14")
    violent = [m for m in found if m.event_type != "Protests" and m.sub_event_type != "Arrests"]
    assert len(violent) == 1 and violent[0].fatalities == 20


def test_extract_ranked_and_relative_retellings_are_not_new_events(nlp):
    found = events_of(nlp, "Two car bombs exploded at a busy junction in Baidoa on Saturday, killing at least "
                           "25 people, in the deadliest attack in the region for years. A police spokesman said "
                           "the man who attacked the junction had driven in from the south.",
                      published="2024-03-17")
    assert len(found) == 1 and found[0].sub_event_type == "Remote explosive/landmine/IED"


@pytest.mark.parametrize(("text", "published", "expected"), [
    # a definite event noun with nothing new, after a violent event was told: the same event
    (("Two suicide bombers blew themselves up at a fish market in Konduga in Borno state on Tuesday, killing "
      "at least 12 people, police said. The attacks bore the hallmarks of Boko Haram, which has often sent "
      "bombers into crowded places."), "2017-08-17", [("Suicide bomb", "Konduga")]),
    (("Shells fired by government forces hit the village of Kfar Aruq in Idlib province on Sunday, killing "
      "three civilians, rescuers said. Families hid in basements during the shelling."), "2020-09-14",
     [("Shelling/artillery/missile attack", "Kfar Aruq")]),  # the village the gazetteer lacks, in Idlib
    # a day and a place of its own: another event
    (("Gunmen killed four police officers at a checkpoint near Kidal on Monday, the governor said. The attack "
      "on an army convoy near Gao on Wednesday was claimed by JNIM."), "2019-11-07",
     [("Armed clash", "Gao"), ("Armed clash", "Kidal")]),
    # the day and place of another event's clause are that event's: "the bombing" is still the first
    (("A roadside bomb killed three soldiers on a patrol near Kumba on Thursday, the army said. The bombing "
      "came a day after gunmen kidnapped four teachers from a school in Mamfe on Wednesday."), "2025-02-08",
     [("Abduction/forced disappearance", "Mamfe"), ("Remote explosive/landmine/IED", "Kumba")]),
    # victims named only back ("the men"): another account of the killing told before
    (("Soldiers shot dead four fishermen in Bambari on Monday, residents said. The army said in a statement "
      "that the men were rebels killed in combat, a version the residents rejected."), "2025-06-11",
     [("Attack", "Bambari")]),
    # victims counted anew: an event of their own
    (("Soldiers shot dead four fishermen in Bambari on Monday, residents said. Two traders were killed "
      "in Bossangoa on Tuesday."), "2025-06-11", [("Attack", "Bambari"), ("Attack", "Bossangoa")]),
])
def test_extract_definite_event_nouns_tell_an_event_again(nlp, text, published, expected):
    found = events_of(nlp, text, published=published)
    assert sorted((m.sub_event_type, m.place.name if m.place else None) for m in found) == expected


def test_extract_shells_on_a_market_hit_civilians(nlp):
    found = events_of(nlp, "Russian artillery shelled the central market in Kherson on Tuesday.",
                      published="2023-05-04")
    assert found and found[0].actor2 == "Civilians (Ukraine)"


@pytest.mark.parametrize(("text", "sub", "deaths"), [
    ("Air defences intercepted and destroyed three drones launched at Riyadh on Saturday.",
     "Disrupted weapons use", None),  # the object the coordinated verbs share
    ("A drone and rocket attack on Erbil killed two people on Monday.", "Air/drone strike", 2),
    ("Four people were killed when mortar shells landed on a school in Mariupol on Thursday.",
     "Shelling/artillery/missile attack", 4),
])
def test_extract_one_event_typed_by_its_weapon(nlp, text, sub, deaths):
    found = events_of(nlp, text, published="2024-05-14")
    assert [(m.sub_event_type, m.fatalities) for m in found] == [(sub, deaths)]


def test_extract_toll_sentence_can_also_say_where(nlp):
    found = events_of(nlp, "A Russian guided bomb slammed into a crowded hardware store on Saturday afternoon. "
                           "At least 18 people were killed in Kharkiv and dozens wounded, officials said.",
                      published="2024-05-26")
    assert [(m.place.name, m.fatalities) for m in found] == [("Kharkiv", 18)]


def test_extract_capturing_a_person_named_after_a_place_is_an_arrest(nlp):
    found = events_of(nlp, "Somali forces captured a Kismayo commander of al-Shabaab in Jilib district, "
                           "Middle Juba region, on Sunday.", published="2024-05-14")
    assert [m.sub_event_type for m in found] == ["Arrests"]


@pytest.mark.parametrize(("text", "coded"), [
    # a unit in a fight that calls for air strikes gets them; what they did follows
    (("The patrol came under fire near Kismayo on Monday. The security force called for precision air strikes, "
      "killing five fighters."), True),
    # a politician who calls for strikes only demands them
    ("The senator called for air strikes on Kismayo on Monday.", False),
])
def test_extract_air_support_called_by_a_unit(nlp, text, coded):
    found = events_of(nlp, text, published="2024-05-14")
    assert any(m.sub_event_type == "Air/drone strike" for m in found) is coded


def test_extract_strike_and_fight_with_one_toll_are_one_event(nlp):
    found = events_of(nlp, "Soldiers killed five insurgents during an operation in Jilib district, Middle Juba "
                           "region, on Monday. The force called for air strikes. As a result, five insurgents "
                           "were killed.", published="2024-05-14")
    assert sum(m.fatalities or 0 for m in found) == 5


def test_extract_latest_attack_that_kills_is_kept(nlp):
    found = events_of(nlp, "In the latest attack, gunmen killed 12 villagers in Zamfara on Sunday.",
                      published="2024-05-14")
    assert [m.fatalities for m in found] == [12]


def test_extract_denied_claim_names_no_one(nlp):
    found = events_of(nlp, "Gunmen stopped a bus near Mastung on Friday and shot dead nine passengers. The "
                           "Balochistan Liberation Army did not claim responsibility for the killings.",
                      published="2024-04-13")
    assert found and all(m.actor1 != "Balochistan Liberation Army" for m in found)


# Whole articles of our own (different conflicts and formats): the event's day and its toll.
_WIRE = """NIAMEY, March 5 (Sahel Desk) - Suspected jihadists attacked a gendarmerie post near Tillaberi on Monday,
the interior ministry said on Wednesday.

Seven gendarmes were killed in the assault, the ministry said in a statement read on state television.

The previous day, a roadside bomb struck a truck carrying traders near Ayorou, wounding four passengers.
"""

_COMMUNIQUE = """Operations update, 22 August 2025

On 20 August, army troops clashed with Boko Haram fighters who were trying to cross the river near Kolofata.
Thanks to the swift response, six insurgents were killed.

Two days later, Boko Haram fighters attacked an army post near Mora with rockets.
"""

_HEADLINE = """Artillery fire kills teacher in Kostiantynivka suburb

Shells hit a residential street of Kostiantynivka on Thursday morning, the regional administration said.
"""


def test_extract_a_wire_story_dates_each_event_and_gives_the_later_toll(nlp):
    events = events_of(nlp, _WIRE, published="2025-03-05")
    attack = next(e for e in events if e.place is not None and "Till" in e.place.name)
    assert attack.dates.start == dt.date(2025, 3, 3) and attack.fatalities == 7
    bomb = next(e for e in events if e.place is not None and e.place.name == "Ayorou")
    assert bomb.dates.start == dt.date(2025, 3, 2)  # the day before the Monday told first


def test_extract_a_communique_gives_the_toll_and_counts_two_days_later(nlp):
    article = parse_text(f" date 2025-08-22\n{_COMMUNIQUE}", file="t.txt")
    mentions = extract(nlp(article.text), article)  # the mentions: linking may join two clashes
    clash = next(m for m in mentions if m.dates.start == dt.date(2025, 8, 20))
    assert clash.fatalities == 6
    assert any(m.dates.start == dt.date(2025, 8, 22) for m in mentions if m is not clash)


def test_extract_a_headline_victim_and_a_morning_day(nlp):
    events = events_of(nlp, _HEADLINE, published="2025-06-14")
    assert any(e.fatalities == 1 for e in events)
    assert all(e.dates.start == dt.date(2025, 6, 12) for e in events if e.dates.known)


def test_extract_unnamed_actors_take_the_country_of_the_events_place(nlp):
    # the article names no country: the people are those of the country the town is in
    found = events_of(nlp, "Gunmen on motorbikes shot dead three traders on the road outside Kapoeta on Monday.")
    assert found and found[0].place is not None and found[0].place.country == "South Sudan", found
    assert found[0].actor1 == "Unidentified Armed Group (South Sudan)"


def test_extract_authorities_who_arrest_are_the_police(nlp):
    found = events_of(nlp, "Malawian authorities arrested four opposition activists in Lilongwe on Sunday.")
    arrests = [m for m in found if m.sub_event_type == "Arrests"]
    assert arrests and arrests[0].actor1 == "Police Forces of Malawi", found


def test_extract_a_definite_event_noun_after_during_is_the_time_of_a_told_event(nlp):
    found = events_of(nlp, "Houthi missiles struck an oil depot near Jizan on Monday, officials said. Soldiers at a "
                           "base outside the city took cover in shelters during the attack.", published="2024-03-05")
    assert [m.sub_event_type for m in found] == [tx.SHELLING], found


def test_extract_a_side_that_came_under_fire_is_a_fight_and_criticism_is_none(nlp) -> None:
    article = parse_text(" date 2025-03-11\nOn Monday, soldiers searching for the gunmen came under fire near "
                         "Sugapa, the army said. The minister came under fire from lawmakers over the budget.",
                         file="t.txt")
    mentions = extract(nlp(article.text), article)
    assert [(m.sub_event_type, m.actor2) for m in mentions] == [("Armed clash", "Military Forces of Indonesia")]


def test_extract_the_force_of_a_vehicle_that_struck_a_mine_was_hit(nlp) -> None:
    article = parse_text(" date 2025-03-11\nAn armoured vehicle of the UN peacekeeping mission struck a landmine on "
                         "the road between Bocaranga and Koui on Tuesday, killing a Zambian peacekeeper, the mission "
                         "said.", file="t.txt")
    mentions = extract(nlp(article.text), article)
    assert [(m.sub_event_type, m.actor2) for m in mentions] == [("Remote explosive/landmine/IED", "MINUSCA")]
    assert mentions[0].actor1 != "MINUSCA"


@pytest.mark.parametrize("sentence", [
    "Gunmen set fire to five lorries near Tame on Friday, police said.",
    "Armed men set fire to a church in Kaduna on Sunday.",
])
def test_extract_armed_men_who_set_fire_to_property_destroy_it(nlp, sentence) -> None:
    from eventwire.extraction.recogniser.fuse import Thresholds

    article = parse_text(f" date 2025-03-11\n{sentence}", file="t.txt")
    rules_only = Thresholds(accept=2.0, reject=2.0)  # the rules' own reading, without the recogniser
    mentions = extract(nlp(article.text), article, limits=rules_only)
    assert [m.sub_event_type for m in mentions] == ["Looting/property destruction"], mentions
