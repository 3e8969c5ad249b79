"""Tests for eventwire.extraction.fatalities: deaths in one sentence, conservatively."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.extraction.fatalities import count_fatalities, death_denied

SHARED = Path(__file__).parents[2].parent / "shared"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # passive victim lists, summed
        ("Police said four people, three officers and a driver, were killed in the ambush.", 4),
        ("The raid left nine soldiers and volunteers dead, a security source said.", 9),
        ("Seven gunmen were neutralised in the operation, the army said.", 7),
        ("Two anti-tank mines were neutralised by engineers.", None),
        ("Two soldiers were martyred and a militant neutralised in the exchange.", 3),
        ("After a fierce exchange of fire, five fighters were sent to hell.", 5),
        ("One soldier embraced shahadat during the operation.", 1),
        ("A crowd beat to death two men accused of theft in the village.", 2),
        ("Villagers stoned to death a woman they accused of witchcraft.", 1),
        ("At least 12 fighters reported killed in the fighting near the dam.", 12),
        ("A drone hit a van near the port, killing four men the army described as smugglers.", 4),
        ("Gunmen opened fire on a minibus, killing the driver and two passengers.", 3),
        ("A sniper killed the commander and his bodyguard near the bridge.", 2),
        ("The bomb killed four pupils and the driver of the van.", 4),  # a later "the" adds none
        ("A car bomb went off in Arish, killing the driver, a retired colonel, police said.", 1),  # apposition
        ("Gunmen stormed the shrine, killing the imam, a guard and two worshippers.", 4),
        ("The bomber blew himself up at the gate, killing himself and a guard.", 2),
        ("The attacker detonated his vest at the checkpoint, killing himself.", 1),
        ("Militants killed a family of four in their home near the border.", 4),
        ("Two fighters were killed on each side in the clash.", 4),
        ("Two militants were eliminated in the encounter.", 2),
        ("The blast destroyed a car, martyring three soldiers.", 3),
        ("No serious injuries were reported.", 0),
        ("There were no reports of serious injuries at the rally.", 0),
        ("There were no immediate reports of injuries.", None),
        ("At least 60 Afghans and 13 U.S. service members were killed in the airport bombing.", 73),
        ("Two armed insurgents were killed.", 2),
        ("Five soldiers in the convoy were killed near Gao.", 5),
        ("Five soldiers, three police officers and two civilians were killed in the raid on Gao.", 10),
        ("A Ukrainian medic and two civilians were killed near Avdiivka.", 3),
        ("Twenty-five soldiers were killed when the base at Mekelle was overrun.", 25),
        ("One hundred and seventy fighters were reported killed in Marib.", 170),
        ("18 militants killed, one wounded and two detained in Jubaland.", 18),
        ("14 people died when a shell struck the market in Donetsk.", 14),
        ("At least 14 people have died in clashes in Khartoum over the past two days.", 14),
        ("Three militants were killed and two soldiers died of their wounds.", 5),
        ("Two policemen were shot dead in Maiduguri.", 2),
        ("Seven people, four of them children, were killed in Taiz.", 7),
        ("15 villagers, including three children, were killed in Sagaing.", 15),
        ("Two of the five soldiers in the convoy were killed.", 2),
        ("One of the wounded later died in hospital in Kherson.", 1),
        ("Between 10 and 15 people were killed in the market in Aleppo.", 10),
        ("Some 40 to 50 fighters were killed in Deir ez-Zor.", 40),
        ("Troops wounded 30 fighters and 4 were killed.", 4),
        ("On 5 May, 12 people were killed in Kachin State.", 12),
        ("In 2019, 30 people were killed in similar attacks in Borno.", 30),
        # active verbs, objects summed
        ("A drone strike hit a wedding convoy in Bayda, killing five civilians and wounding 12.", 5),
        ("Government troops killed 170 insurgents during the offensive in Cabo Delgado.", 170),
        ("Gunmen killed two and injured three in Zamfara.", 2),
        ("Rebels wounded 30, killed 4.", 4),
        ("Missile strikes on Kyiv killed at least 23 people and injured more than 100, officials said.", 23),
        ("Federal forces said they had killed 550 fighters in Tigray.", 550),
        ("The coalition struck a school bus in Saada, killing 40 children.", 40),
        ("Barrel bombs killed 12 civilians in Idlib on Tuesday, the monitor reported.", 12),
        ("Boko Haram killed 30 farmers near Maiduguri on Saturday.", 30),
        ("Security forces shot dead 12 demonstrators in Khartoum.", 12),
        ("Fighters killed five soldiers, three police officers and two civilians in the raid.", 10),
        ("The explosion killed at least seven and wounded dozens.", 7),
        ("Insurgents killed four Afghan soldiers at a checkpoint on Highway 1.", 4),
        ("An airstrike killed 7 members of one family in Hodeidah.", 7),
        ("The militants abducted 20 people and killed one of them.", 1),
        ("Attackers killed over 20 villagers in Plateau state.", 20),
        ("Shelling killed 2 and wounded 5 on Tuesday, and a drone strike killed 3 more on Wednesday.", 5),
        ("Houthi missiles killed 3 people in Marib, bringing the death toll this month to 40.", 3),
        ("The operation resulted in the deaths of 12 insurgents in Baghlan.", 12),
        # singular victims
        ("A roadside bomb exploded near Mogadishu, killing a soldier.", 1),
        ("An Israeli strike killed an aid worker in Rafah.", 1),
        ("A 12-year-old girl was killed by a stray bullet in Gaza.", 1),
        ("A journalist was killed in Bakhmut.", 1),
        ("An elderly woman died after shelling in Kherson.", 1),
        ("The governor was killed in an ambush in Kunduz.", 1),
        ("Ahmed, a local commander, was killed in Hiran.", 1),
        ("The strike killed him and his driver.", 2),  # the corpus counts both (a list read whole)
        ("Security forces engaged the gunman, killing the attacker.", 1),
        ("One soldier was killed and another wounded in Kidal.", 1),
        ("He was shot and killed outside his home.", 1),
        # tolls
        ("Rescuers recovered the bodies of 14 people from the rubble in Dnipro.", 14),
        ("Officials said the attack raised the death toll to 30.", 30),
        ("The siege of the hotel in Mogadishu left 21 dead and 117 injured.", 21),
        ("Shelling left nine people dead in Kharkiv.", 9),
        ("The clashes caused ten insurgent deaths.", 10),
        # vague quantities: conservative lower bounds
        ("Dozens were killed in the fighting in Tigray.", 12),
        ("RSF fighters killed dozens of civilians in El Geneina.", 12),
        ("Several fighters were killed in a strike near Idlib.", 3),
        ("Hundreds of people were killed in Mariupol.", 100),
        ("Clashes killed scores of people in Omdurman.", 20),
        # denials
        ("No one was killed in the attack on the checkpoint.", 0),
        ("Nobody was hurt.", 0),
        ("There were no casualties.", 0),
        ("The convoy passed through Hodeidah without casualties.", 0),
        ("No lives were lost in the fire.", 0),
        # no figure
        ("No shots were fired during the operation.", None),
        ("The militia went on killing and wounding civilians.", None),
        ("The attack killed a number of fighters.", None),
        ("Ten soldiers were killed or wounded.", None),
        ("Airstrikes killed or injured 40 people in Sanaa.", None),
        ("There were no immediate reports of casualties.", None),
        ("It was not immediately clear whether there were casualties.", None),
        ("No civilians were killed, the army said.", None),
        ("Police arrested 40 protesters in Yangon on March 3.", None),
        ("The junta's troops torched 200 houses in Magway.", None),
        ("The army said 12 soldiers were wounded in the ambush.", None),
        ("The ministry said 3,000 troops would be sent to Kidal by Sept. 1.", None),
        ("The army deployed 3,000 troops to 34 provincial capitals on Jan. 5.", None),
        ("The strike killed the suspected insurgents.", None),
        ("Brigade 5 fought in 2019 on Route 1.", None),
        ("Militants set fire to 3 trucks.", None),
        ("The war has displaced 2 million people.", None),
    ],
)
def test_fatalities_count(sentence: str, expected: int | None) -> None:
    assert count_fatalities(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "with_vague", "without_vague"),
    [
        ("Dozens were killed in the fighting in Tigray.", 12, None),
        ("Several fighters were killed in a strike.", 3, None),
        ("Dozens of civilians and 4 soldiers were killed.", 16, 4),
        ("Troops killed 5 militants.", 5, 5),
    ],
)
def test_fatalities_vague_switch(sentence: str, with_vague: int | None, without_vague: int | None) -> None:
    assert count_fatalities(sentence) == with_vague
    assert count_fatalities(sentence, vague=False) == without_vague


@pytest.mark.parametrize(
    ("sentence", "denied"),
    [
        ("No one was killed.", True),
        ("No-one was injured in the blast.", True),
        ("Nobody died.", True),
        ("There were no casualties in the shelling of Zaporizhzhia.", True),
        ("The raid ended without casualties.", True),
        ("None of them died.", True),
        ("No civilians were killed.", False),
        ("No women or children were harmed.", False),
        # two kinds of people joined by "or": everyone there
        ("No police officer or citizen was injured.", True),
        ("No soldier or civilian was killed in the blast.", True),
        ("There were no immediate reports of casualties.", False),
        ("No shots were fired.", False),
        ("Five soldiers were killed.", False),
    ],
)
def test_fatalities_death_denied(sentence: str, denied: bool) -> None:
    assert death_denied(sentence) is denied


def test_fatalities_count_beats_partial_denial() -> None:
    sentence = "Three militants were killed and no civilians were hurt, the army said."
    assert count_fatalities(sentence) == 3


@given(st.text(max_size=300))
@settings(max_examples=300, deadline=None)
def test_fatalities_never_raise_on_arbitrary_text(text: str) -> None:
    value = count_fatalities(text)
    assert value is None or value >= 0
    assert isinstance(death_denied(text), bool)


_PIECES = st.sampled_from(
    ["killed", "killing", "were", "was", "at", "least", "5", "12", "two", "dozen", "a", "an", "the", "and", ",", ".", "wounded", "injured", "no", "one", "died", "people", "soldiers", "including", "of", "them", "between", "to", "-", "Jan.", "2019", "year-old", "left", "dead", "bodies", "toll", "death"]
)


@given(st.lists(_PIECES, max_size=30).map(" ".join))
@settings(max_examples=400, deadline=None)
def test_fatalities_never_raise_on_death_vocabulary(text: str) -> None:
    value = count_fatalities(text)
    assert value is None or value >= 0


@pytest.mark.parametrize(
    "sentence",
    [
        "Troops wounded 30 fighters.",
        "Police arrested 12 suspects and detained 4 others.",
        "12 people were injured.",
        "The explosion injured 5 and hurt 3 more.",
    ],
)
def test_fatalities_wounded_are_never_counted(sentence: str) -> None:
    assert count_fatalities(sentence) is None


def test_fatalities_bench_sentences_never_raise() -> None:
    path = SHARED / "bench" / "isaf" / "dev.jsonl"
    if not path.is_file():
        pytest.skip("shared bench data not present")
    counted = 0
    for line in path.read_text(encoding="utf-8").split("\n"):
        if not line.strip():
            continue
        for sentence in re.split(r"(?<=[.!?])\s+", json.loads(line)["text"]):
            value = count_fatalities(sentence)
            assert value is None or value >= 0
            counted += value is not None
    assert counted > 50


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The number of people killed when a missile hit a nine-storey block in Dnipro rose to 40 on Monday.", 40),
    ("The number of civilians killed in the market attack has risen to 12, officials said.", 12),
    ("The number of soldiers deployed to the border rose to 400.", None),
    # the deaths that raise a toll, and the total they bring it to: the total
    ("The bodies of three more men were found in the bush, bringing the death toll to nine.", 9),
    ("Two more residents died in hospital overnight, taking the toll to 14.", 14),
])
def test_fatalities_number_killed_rose_to(sentence: str, expected: int | None) -> None:
    assert count_fatalities(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("A roadside bomb hit an army truck near Bosaso on Friday, killing four soldiers, a police officer told us.", 4),
    ("A drone struck a bus near Dilla, killing nine passengers, a nurse and a district official said.", 9),
    ("Troops fired on the march in Kassala, killing at least two, a doctors' group said on Sunday.", 2),
    ("Gunmen killed two farmers and a herder near Jos, residents said.", 3),  # a list before the comma still counts
])
def test_fatalities_who_reports_the_toll_is_not_a_victim(sentence: str, expected: int) -> None:
    assert count_fatalities(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Angry villagers beat two cattle thieves to death near Gulu on Monday.", 2),
    ("The attackers hacked four farmers to death in their fields.", 4),
    ("A crowd stoned a suspected kidnapper to death outside the mosque.", 1),
    ("Residents lynched a man accused of theft in the market.", 1),
    ("Gunmen stopped a car carrying a chief and his nephew, killing both.", 2),
    ("Police beat two students and arrested forty others.", None),  # beaten, not to death
])
def test_fatalities_killing_verbs_of_manner(sentence: str, expected: int | None) -> None:
    assert count_fatalities(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("A mortar round killed a teacher and her son in the camp.", 2),
    ("A farmer, his wife and their three children were killed when the shell landed.", 5),
    ("The bomber detonated his vest at the gate, killing a guard and himself.", 2),
    ("A trader and his relatives were killed in the raid.", 1),  # a plural without a number adds nothing
])
def test_fatalities_coordinated_victims_are_summed(sentence: str, expected: int) -> None:
    assert count_fatalities(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Youths burned tyres in the town after a driver died in police custody.", None),
    ("Hundreds marched in the capital over the killing of a student last week.", None),
    ("Traders rioted in protest following the deaths of two hawkers.", None),
    ("Troops killed six fighters after clashes near the border.", 6),  # "after" follows the toll
])
def test_fatalities_the_toll_of_the_cause_is_not_the_events(sentence: str, expected: int | None) -> None:
    assert count_fatalities(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    # a relative clause after the cue is the event's own toll
    ("Militiamen seized the mine at Bunia after a battle that killed at least seven people.", 7),
    # the manner of a killing already counted is the same victim
    ("Villagers killed a suspected thief, beating him to death in the square.", 1),
    # what the victim was accused of is not this event's toll
    ("A crowd lynched a man accused of killing a boda-boda rider, police said.", 1),
])
def test_fatalities_the_cause_rule_keeps_the_events_own_toll(sentence: str, expected: int) -> None:
    assert count_fatalities(sentence) == expected


def test_toll_an_event_told_as_the_cause_keeps_its_toll(nlp) -> None:
    from eventwire.extraction.extract import extract
    from eventwire.ingest import parse_text

    article = parse_text(" date 2024-05-16\nThe prisoner exchange took place a day after rebel drones killed four "
                         "people in a market in Goma.", file="t.txt")
    strikes = [m for m in extract(nlp(article.text), article) if m.trigger == "killed"]
    assert [m.fatalities for m in strikes] == [4]


@pytest.mark.parametrize(
    ("follow", "expected"),
    [
        ("Nobody was hurt.", 0),
        ("No serious injuries were reported, police said.", 0),
        ("Five militants were neutralised during the assault.", 5),
        ("In another village, gunmen killed two farmers.", None),  # another act keeps its toll
    ],
)
def test_toll_told_in_the_next_sentence(nlp, follow: str, expected: int | None) -> None:
    from eventwire.extraction.extract import extract
    from eventwire.ingest import parse_text

    article = parse_text(" date 2024-05-16\nOn Monday, soldiers recaptured the town of Bama from the insurgents, "
                         f"the army said. {follow}", file="t.txt")
    first = extract(nlp(article.text), article)[0]
    assert first.fatalities == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Clashes went on for two days near Kidal, with at least 14 fighters reported killed.", 14),
    ("The raid lasted until dawn, and at least six gunmen were reported dead.", 6),
    ("Gunmen killed four herders near Tahoua, the mayor reported.", 4),  # still an attribution
])
def test_fatalities_a_reported_toll_is_no_attribution(sentence: str, expected: int) -> None:
    assert count_fatalities(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("A crowd in Kasese burned alive a man suspected of killing a herdsman.", 1),
    ("Traders beat to death two youths they accused of killing a guard at the market.", 2),
    ("Villagers beat three suspected cattle raiders, one of whom later died in hospital.", 1),
    ("Soldiers shot five youths, two of whom have died of their wounds.", 2),
    ("Gunmen killed six miners, two of whom were foreigners.", 6),  # a part of the dead, no more deaths
])
def test_fatalities_the_killing_of_a_suspect_and_the_part_that_died(sentence: str, expected: int) -> None:
    assert count_fatalities(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Artillery fire kills teacher in Avdiivka suburb", 1),
    ("Farmer shot dead near Mopti market", 1),
    ("Drone strike kills civilians in Idlib", None),  # a plural without a number
    ("Senate vote kills proposal on tariffs", None),  # no person
    ("Gunmen killed in Kidal ambush", None),  # a plural of its own kind
])
def test_fatalities_a_headline_bare_victim_is_one(sentence: str, expected: int | None) -> None:
    assert count_fatalities(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    # a toll revised upwards is the whole toll, the deaths the sentence adds part of it
    (("The death toll from the clashes in the north of Bangui has risen to eleven, the hospital said on Monday, "
      "after two wounded men and a child died overnight."), 11),
    ("The toll climbed to at least 23 after rescuers pulled four more bodies from the rubble.", 23),
    # a toll "brought to" by new deaths may cover earlier events: the new deaths
    ("Gunmen killed five farmers on Monday, bringing the death toll in the district this month to 30.", 5),
])
def test_fatalities_a_revised_toll_is_the_whole_toll(sentence: str, expected: int) -> None:
    assert count_fatalities(sentence) == expected


def test_fatalities_a_joined_verb_is_no_attribution() -> None:
    # ", and shot dead five men they accused of ...": a second verb of the doers, not who tells it
    assert count_fatalities("Troops entered Kaga, north of the river, and shot dead four men they accused "
                            "of hiding rebels, residents said.") == 4
    # the clause of who reports it is still no victim
    assert count_fatalities("Gunmen shot dead two traders, a local chief who saw the attack told reporters.") == 2


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Three soldiers of the Malian Armed Forces (FAMa) were killed in the ambush, an officer said.", 3),
    ("Fighters of the Rapid Support Forces (RSF) killed 12 villagers near the market.", 12),
    ("Five (5) people were killed when the bus overturned into the ravine.", 5),
])
def test_fatalities_a_bracketed_acronym_or_figure_does_not_cut_the_victims_from_their_verb(sentence, expected):
    assert count_fatalities(sentence) == expected
