"""Toll: which event of a sentence or an article a number of dead belongs to (our own sentences)."""

from __future__ import annotations

import pytest

from eventwire.extraction.extract import extract
from eventwire.ingest import parse_text

pytestmark = pytest.mark.slow


def _mentions(nlp, text: str, published: str = "2025-09-19"):
    article = parse_text(f" date {published}\n{text}", file="t.txt")
    return extract(nlp(article.text), article)


def test_toll_the_killing_word_takes_the_toll_of_its_sentence(nlp) -> None:
    mentions = _mentions(nlp, "Bandits stormed the village of Kwatarkwashi on Tuesday and killed seven farmers "
                              "in their fields.")
    tolls = {m.trigger: m.fatalities for m in mentions}
    assert tolls.get("killed") == 7, tolls
    assert sum(t or 0 for t in tolls.values()) == 7  # once, not once per act


def test_toll_a_passive_killing_with_no_event_of_its_own_is_the_last_reports_toll(nlp) -> None:
    text = ("On Sunday, soldiers engaged a band of insurgents trying to cross the river near Kolofata. "
            "Thanks to the swift response, five insurgents were killed.")
    mentions = _mentions(nlp, text)
    assert mentions
    assert mentions[0].fatalities == 5
    assert sum(m.fatalities or 0 for m in mentions) == 5


def test_toll_a_count_since_a_month_is_no_events_toll(nlp) -> None:
    text = ("More than 300 people have been killed in North Kordofan since January, according to the United Nations. "
            "On Tuesday, an air strike on a market in Um Rawaba killed nine people and wounded 20, medics said.")
    tolls = {m.sub_event_type: m.fatalities for m in _mentions(nlp, "Air strike hits market\n\n" + text)}
    assert tolls == {"Air/drone strike": 9}, tolls


def test_toll_a_clash_that_has_gone_on_since_saturday_is_one_event(nlp) -> None:
    from eventwire.extraction.totals import running_total

    doc = nlp("At least 20 people have been killed in clashes near Beni since Saturday, officials said.")
    assert not any(running_total(t) for t in doc if t.pos_ == "VERB")
    doc = nlp("At least 200 people have been killed in clashes near Beni since March, officials said.")
    assert any(running_total(t) for t in doc if t.pos_ == "VERB")


def test_toll_a_toll_told_as_having_risen_replaces_the_reports(nlp) -> None:
    text = ("At least 12 people were killed when gunmen stormed the village of Kuryan Madaro in Zamfara state "
            "on Sunday night, local officials said. The attackers set fire to houses and shot residents who "
            "tried to flee. On Monday the police said the number of dead had risen to 17.")
    mentions = [m for m in _mentions(nlp, text, "2025-03-11") if m.fatalities]
    assert [m.fatalities for m in mentions] == [17], [(m.sub_event_type, m.fatalities) for m in mentions]


def test_toll_deaths_that_bring_the_toll_to_a_total_raise_the_report_s(nlp) -> None:
    text = ("Fighting between two clans near Mendi has killed at least five men since Friday, police said. "
            "On Monday officers said the bodies of two more men had been recovered from a creek, bringing the "
            "toll to seven.")
    mentions = [m for m in _mentions(nlp, text, "2025-03-11") if m.fatalities]
    assert max(m.fatalities for m in mentions) == 7, [(m.sub_event_type, m.fatalities) for m in mentions]


@pytest.mark.parametrize(("when", "toll"), [
    ("overnight", 9),  # the night of the strikes: their toll
    ("on Monday", 9),  # the strikes' own day
    ("on Thursday", None),  # another day: other deaths, not the strikes'
])
def test_toll_a_passive_killing_dated_the_report_s_day_is_its_toll(nlp, when, toll) -> None:
    text = ("Government warplanes bombed the rebel-held town of Kutum on Monday. "
            f"Residents said at least nine people were killed {when} when their homes were hit.")
    mentions = _mentions(nlp, text, published="2025-09-16")  # a Tuesday: "overnight" is Monday night
    strike = next(m for m in mentions if m.sub_event_type == "Air/drone strike")
    assert strike.fatalities == toll


@pytest.mark.parametrize(("text", "sub", "deaths", "victims"), [
    ("Two shepherds were killed when an old mine exploded near Tessalit on Sunday, officials said.",
     "Remote explosive/landmine/IED", 2, "Civilians (Mali)"),
    ("Three people were killed when police opened fire on demonstrators in Kisumu on Friday.",
     "Excessive force against protesters", 3, None),
])
def test_toll_a_doerless_killing_is_the_toll_of_the_blast_or_shooting_its_when_clause_tells(
        nlp, text, sub, deaths, victims) -> None:
    found = _mentions(nlp, text)
    assert [m.sub_event_type for m in found] == [sub], found
    assert found[0].fatalities == deaths
    if victims is not None:
        assert found[0].actor2 == victims


def test_toll_the_town_of_whoever_tells_the_toll_is_no_place_of_its_own(nlp) -> None:
    text = ("Militiamen attacked an army position on the outskirts of Zemio on Sunday.\n\n"
            "Two soldiers of the Central African Armed Forces (FACA) were killed, an officer in Obo told reporters.")
    found = _mentions(nlp, text)
    assert [(m.sub_event_type, m.place.name if m.place else None, m.fatalities) for m in found] == [
        ("Armed clash", "Zemio", 2)], found


def test_toll_dead_told_as_also_are_more_dead_of_the_report_just_told(nlp) -> None:
    text = ("On Sunday night, insurgents ambushed a police patrol on the road between Mocimboa and Awasse. "
            "Four officers were killed and two were wounded. The provincial command said nine insurgents also "
            "died when the officers fought back.")
    tolls = [m.fatalities for m in _mentions(nlp, text, "2025-03-11") if m.fatalities]
    assert tolls == [13], tolls


def test_toll_also_killed_elsewhere_is_no_more_dead_of_the_report(nlp) -> None:
    text = ("On Sunday night, insurgents ambushed a police patrol near Awasse, killing four officers. "
            "Two farmers were also killed in Macomia on Monday, residents said.")
    tolls = sorted(m.fatalities for m in _mentions(nlp, text, "2025-03-11") if m.fatalities)
    assert 13 not in tolls and 6 not in tolls and tolls[-1] == 4, tolls


def test_toll_killed_in_the_raid_told_before_is_that_raids_toll(nlp) -> None:
    text = ("On Monday, police and soldiers exchanged fire with suspected gang members during a raid on a house in "
            "Choloma. Two pistols were seized. Two of the suspects were killed in the raid, police said.")
    mentions = _mentions(nlp, text, "2025-03-11")
    clashes = [(m.sentence.startswith("On Monday"), m.fatalities) for m in mentions if m.sub_event_type == "Armed clash"]
    assert clashes == [(True, 2)], clashes  # the first telling takes the toll; no second clash


def test_toll_a_man_accused_of_a_theft_is_beaten_to_death_not_said(nlp) -> None:
    from eventwire.extraction.fatalities import count_fatalities

    assert count_fatalities("In Moroto town, a crowd beat to death a man accused of stealing goats on Monday.") == 1
    assert count_fatalities("Gunmen killed three soldiers, a police officer told reporters.") == 3


def test_toll_gunmen_who_opened_fire_on_a_lorry_killing_its_driver_are_one_attack(nlp) -> None:
    mentions = _mentions(nlp, "On Monday evening, gunmen opened fire on a lorry carrying sorghum near Kotido, "
                              "killing the driver.")
    assert [(m.sub_event_type, m.fatalities) for m in mentions] == [("Attack", 1)], mentions


@pytest.mark.parametrize(("sentence", "deaths"), [
    ("A man injured in the clashes in Birgunj on Sunday night died in a hospital on Wednesday.", 1),
    ("Two soldiers wounded in the ambush died on Tuesday, the army said.", 2),
    ("A man wounded in the attack did not die.", None),
])
def test_toll_the_wounded_of_an_event_who_died_later(nlp, sentence, deaths) -> None:
    from eventwire.extraction.toll import deaths_in

    assert deaths_in(next(iter(nlp(sentence).sents)))[0] == deaths


def test_toll_the_town_of_the_hospital_someone_died_in_is_not_the_scene(nlp) -> None:
    text = ("A man injured in communal clashes in Birgunj on Sunday night died in a Kathmandu hospital on "
            "Wednesday, police said, the first death linked to the unrest.")
    mentions = [m for m in _mentions(nlp, text, "2025-03-13") if m.fatalities]
    assert [(m.place.name if m.place else None, m.fatalities) for m in mentions] == [("Birgunj", 1)], mentions


@pytest.mark.parametrize(("text", "deaths"), [
    # one more person the attackers took away, whose body was found later, is one more dead
    (("Armed men raided Kabu near Bafilo on 24 March and shot dead two farmers. They took a third man with "
      "them when they left. His body was found on 26 March beside the road to Sokode."), 3),
    # "his body" after no taking is one of the dead already counted
    ("Gunmen shot dead a trader in Kano on Monday. His body was found near the market.", 1),
])
def test_toll_a_person_taken_away_and_found_dead_is_one_more_dead(nlp, text, deaths) -> None:
    mentions = _mentions(nlp, text, published="2025-03-31")
    assert [m.fatalities for m in mentions if m.fatalities] == [deaths], mentions
