"""Classify: the sub-event type of a trigger from who acts, who or what is hit, and where."""

from __future__ import annotations

import pytest

from eventwire import taxonomy as tx
from eventwire.extraction.actors import build_context
from eventwire.extraction.classify import classify
from eventwire.extraction.triggers import arguments, trigger_kind

from ..conftest import find_token

pytestmark = pytest.mark.slow


def type_of(nlp, sentence: str, word: str) -> str | None:
    doc = nlp(sentence)
    tok = find_token(doc, word)
    kind = trigger_kind(tok)
    assert kind, f"{word!r} is no event word"
    return classify(kind, arguments(tok, build_context(sentence, country_code=None, country=None)), sentence=tok.sent)


@pytest.mark.parametrize(("sentence", "word", "expected"), [
    # an arrest or a shooting at a protest is the authorities' answer to it
    ("Riot police arrested 40 students who had staged a sit-in outside the ministry.", "arrested",
     tx.PROTEST_WITH_INTERVENTION),
    ("Security forces detained 12 nurses at a protest over unpaid wages.", "detained", tx.PROTEST_WITH_INTERVENTION),
    ("Soldiers shot dead a teenager during a march against fuel prices.", "shot", tx.EXCESSIVE_FORCE),
    # a meeting is no protest, a plain arrest stays one
    ("Police arrested 30 opposition activists at a private meeting.", "arrested", tx.ARRESTS),
])
def test_classify_force_at_a_protest(bare_nlp, sentence, word, expected):
    assert type_of(bare_nlp, sentence, word) == expected


@pytest.mark.parametrize(("sentence", "word", "expected"), [
    # people shot or killed by someone armed, whoever the actor table knows them as
    ("A local chief was gunned down outside his home on Sunday.", "gunned", tx.ATTACK),
    ("Armed herders killed four farmers near the river.", "killed", tx.ATTACK),
    ("Gunmen killed six shepherds in the hills on Monday.", "killed", tx.ATTACK),
    # an abstract killer is still no event
    ("The war has killed thousands of people.", "killed", None),
])
def test_classify_people_hit_are_attacks(bare_nlp, sentence, word, expected):
    assert type_of(bare_nlp, sentence, word) == expected


def test_classify_suspects_killed_in_a_gunfight_are_no_civilians(bare_nlp):
    sentence = "Officers traded fire with armed robbers, killing four suspects."
    assert type_of(bare_nlp, sentence, "killing") != tx.ATTACK


def test_classify_territory_taken_from_an_armed_group_is_regained(bare_nlp):
    sentence = "Troops and allied militias recaptured the town of Bura from al-Shabaab on Friday."
    assert type_of(bare_nlp, sentence, "recaptured") == tx.GOVERNMENT_REGAINS


@pytest.mark.parametrize(("sentence", "word", "expected"), [
    ("Angry protesters torched a police station in the town.", "torched", tx.VIOLENT_DEMONSTRATION),
    ("Police opened fire on the sit-in, killing two demonstrators.", "opened", tx.EXCESSIVE_FORCE),
])
def test_classify_riots_and_force_on_them(bare_nlp, sentence, word, expected):
    assert type_of(bare_nlp, sentence, word) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    # a crowd that set fire to a building riots; what burned is told after "to"
    ("Demonstrators set fire to a police post in Kasese on Monday.", tx.VIOLENT_DEMONSTRATION),
    # a fire set to no building is no riot by itself
    ("Demonstrators set fire to their own placards in Kasese on Monday.", None),
])
def test_classify_a_crowd_setting_fire_to_a_building_riots(bare_nlp, sentence, expected):
    doc = bare_nlp(sentence)
    verb = find_token(doc, "set")
    trig = arguments(verb, build_context(sentence, country_code="UG", country="Uganda"))
    assert classify(trigger_kind(verb), trig, sentence=doc[:]) == expected


@pytest.mark.parametrize(("sentence", "word", "expected"), [
    # a crowd's blockade of a road is a protest; a force's, or one that only names its people, is none
    ("Hundreds of farmers blocked the highway near Nakuru on Monday.", "blocked", tx.PEACEFUL_PROTEST),
    ("Residents blocked the road and threw stones at passing cars, demanding water.", "blocked",
     tx.VIOLENT_DEMONSTRATION),
    ("Troops blocked the road to the airport on Monday.", "blocked", None),
    ("Police arrested nine farmers who had blocked the highway near Ica.", "blocked", None),
    # violence done by hand or blade to people: an attack, a mob's when a crowd does it
    ("Three masked men beat a journalist outside her home in Kumasi on Saturday night.", "beat", tx.ATTACK),
    ("Villagers beat two suspected thieves in a market near Mbale on Sunday.", "beat", tx.MOB_VIOLENCE),
    ("A man stabbed two worshippers at a mosque in the old town on Friday.", "stabbed", tx.ATTACK),
    ("The champions beat the visitors three goals to one on Sunday.", "beat", None),
])
def test_classify_blockades_and_beatings(nlp, sentence, word, expected):
    assert type_of(nlp, sentence, word) == expected


@pytest.mark.parametrize(("sentence", "word", "expected"), [
    # armed men who wound people attack them; a wound told with no armed subject is no event word
    ("Gunmen firing from a ridge wounded four farmers near the river on Sunday.", "wounded", tx.ATTACK),
    ("Soldiers wounded two protesters during a march in the capital.", "wounded", tx.EXCESSIVE_FORCE),
])
def test_classify_armed_men_who_wound_people(nlp, sentence, word, expected):
    assert type_of(nlp, sentence, word) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Nine people were killed when their homes collapsed in the floods.", None),
    ("Four miners were killed when a wall collapsed at the quarry.", None),
    ("Two farmers were killed when their car hit a landmine near the village.", "some"),
    ("Five people were killed when shells landed on the camp.", "some"),
    ("Three people were killed when gunmen opened fire on a bus.", "some"),
])
def test_classify_a_killing_its_when_clause_tells_as_a_mishap_is_no_event(nlp, sentence, expected):
    got = type_of(nlp, sentence, "killed")
    assert (got is None) if expected is None else (got is not None), got


@pytest.mark.parametrize(("sentence", "word", "expected"), [
    # a place taken after the other side left it changed hands without a fight
    ("Militiamen took control of the town of Mota after federal troops withdrew overnight.", "took",
     tx.TERRITORY_TRANSFER),
    ("Militiamen took control of the town of Mota after heavy fighting with federal troops.", "took",
     tx.NON_STATE_OVERTAKES),
    ("Militiamen captured the town of Mota after federal troops withdrew overnight.", "captured",
     tx.NON_STATE_OVERTAKES),
])
def test_classify_a_place_taken_after_its_holders_left(nlp, sentence, word, expected):
    assert type_of(nlp, sentence, word) == expected



@pytest.mark.parametrize(("sentence", "word", "expected"), [
    # a protest told as having turned violent is a violent demonstration
    ("Students protested in Churachandpur on 3 May and the protest turned violent.", "protested",
     tx.VIOLENT_DEMONSTRATION),
    ("Students protested peacefully in Churachandpur on 3 May.", "protested", tx.PEACEFUL_PROTEST),
])
def test_classify_a_protest_that_turned_violent(bare_nlp, sentence, word, expected):
    assert type_of(bare_nlp, sentence, word) == expected
