"""Assertion: plans, threats, negations, modals and conditionals are not events."""

from __future__ import annotations

import pytest

from eventwire.extraction.assertion import assertion_blocker

from ..conftest import find_token

pytestmark = pytest.mark.slow

ASSERTED = [
    ("Rebel fighters captured the town of Lashio on Saturday.", "captured"),
    ("Officials said militants stormed a police post near Baidoa overnight.", "stormed"),
    ("The army shelled villages outside Khartoum for a third day.", "shelled"),
    ("Government troops retook the port after two days of fighting.", "retook"),
    ("Fighting continues in the province, residents said.", "Fighting"),
    ("The drone strikes hit fuel depots in Marib, the coalition confirmed.", "strikes"),
    # what a requested strike did says that it happened
    ("Kenyan troops called in an airstrike which killed six fighters near Kolbio.", "airstrike"),
    ("Kenyan troops called in an airstrike which killed six fighters near Kolbio.", "killed"),
    # a unit in a fight that calls for air support gets it
    ("The security force called for precision air strikes on the ridge.", "strikes"),
    # unrest and sporadic clashes are still single, dated events
    ("Three protesters were shot dead during unrest in Nairobi on Tuesday.", "shot"),
    ("Sporadic clashes erupted in Tripoli on Sunday.", "clashes"),
]
NOT_ASSERTED = [
    ("The town could fall within days, analysts warned.", "fall"),
    ("The militia threatened to seize the airport.", "seize"),
    ("There were no air strikes on the capital on Sunday.", "strikes"),
    ("The army did not shell the market, a spokesman said.", "shell"),
    ("If the rebels attack the city, the army will respond.", "attack"),
    ("The group denied carrying out the bombing in Aden.", "bombing"),
    ("The garrison surrendered without a fight.", "fight"),
    ("The regional capital has nearly fallen to the rebels.", "fallen"),
    ("Will the army retake the port before the rains?", "retake"),
    # habits, trends and the fighting people fled are background, not one event
    ("The port has been shelled almost every day since the spring.", "shelled"),
    ("The militia has stepped up raids on river barges this year.", "raids"),
    ("The school now houses families who fled fighting around the port.", "fighting"),
    ("Soldiers have carried out repeated raids on farms along the river.", "raids"),
    ("Soldiers have carried out repeated raids and air attacks on farms along the river.", "attacks"),
    ("The air force has carried out hundreds of air strikes since the uprising began.", "strikes"),
    ("The movement rearmed in 2019 and has since captured large parts of the delta.", "captured"),
    ("The militia fought alongside the army during the war in the north.", "fought"),
    ("The senator called for air strikes on the ridge.", "strikes"),  # a demand, not support called in
    # a past relative clause on people, not on an event, is their record, not an event
    ("The commander directed gunmen who organised and carried out raids on farms.", "raids"),
    ("Commanders plan to launch an offensive on the port.", "offensive"),
]


@pytest.mark.parametrize(("sentence", "word"), ASSERTED)
def test_assertion_asserted_events_pass(bare_nlp, sentence, word):
    doc = bare_nlp(sentence)
    assert assertion_blocker(find_token(doc, word)) is None


@pytest.mark.parametrize(("sentence", "word"), NOT_ASSERTED)
def test_assertion_non_events_blocked(bare_nlp, sentence, word):
    doc = bare_nlp(sentence)
    assert assertion_blocker(find_token(doc, word)) is not None


@pytest.mark.parametrize(("sentence", "word"), [
    ("The gunmen tried to flee across the river and were killed by soldiers near Kismayo.", "killed"),
    ("Ukrainian units called in artillery and the battery engaged Russian positions near Bakhmut.", "engaged"),
    ("Missile strikes Dnipro apartment block", "strikes"),
    # a headline keeps its full stop but drops its articles: one event, not a habit
    ("Roadside bomb kills four soldiers in Kandahar.", "kills"),
    ("Police detain six traders in Mombasa over curfew.", "detain"),
])
def test_assertion_coordinated_clauses_and_headlines_pass(bare_nlp, sentence, word):
    doc = bare_nlp(sentence)
    assert assertion_blocker(find_token(doc, word)) is None


@pytest.mark.parametrize(("sentence", "word"), [
    ("His fighters often ambushed convoys on the road to Beledweyne.", "ambushed"),
    ("Militia members routinely detained travellers at the checkpoint outside Juba.", "detained"),
    ("The coalition says it only strikes legitimate military targets.", "strikes"),
    ("The group attacks army convoys in the north.", "attacks"),
    # a person's role in a campaign: a bare plural event noun under a verb of organising
    ("The detained man coordinated and conducted roadside bomb attacks against army patrols.", "attacks"),
    ("She had financed kidnappings of traders on the northern highway, prosecutors said.", "kidnappings"),
    ("The cell leader planned and led roadside bombings and other attacks on convoys.", "attacks"),
    ("The detained man was responsible for kidnappings of traders on the highway.", "kidnappings"),
])
def test_assertion_habits_and_generic_present_blocked(bare_nlp, sentence, word):
    doc = bare_nlp(sentence)
    assert assertion_blocker(find_token(doc, word)) is not None


@pytest.mark.parametrize(("sentence", "word"), [
    # a verb of doing, or a number, makes the attacks particular ones
    ("Rebels conducted attacks on three villages on Sunday, killing nine people.", "attacks"),
    ("Insurgents carried out two attacks on army posts near Baidoa on Friday.", "attacks"),
])
def test_assertion_particular_attacks_under_a_verb_of_doing_pass(bare_nlp, sentence, word):
    doc = bare_nlp(sentence)
    assert assertion_blocker(find_token(doc, word)) is None


RUNNING = "running total"
ONGOING = "ongoing for a long time"
PERIOD = "total over a period"


@pytest.mark.parametrize(("sentence", "word", "reason"), [
    # a running total: a present perfect whose subject is a whole conflict
    ("Since 2014 the conflict has killed more than 14,000 people in the Donbas.", "killed", RUNNING),
    ("The war has displaced and killed hundreds of thousands across Darfur.", "killed", RUNNING),
    ("Russian missiles have killed nine people in Odesa this week.", "killed", None),
    # what went on for months or years is a situation; a fight of two days is still an event
    ("The militia has been shelling villages along the river for months.", "shelling", ONGOING),
    ("Rebels have been fighting the army in the hills since 2019, officials say.", "fighting", ONGOING),
    ("Troops have been fighting the rebels in the town for two days, residents said.", "fighting", None),
    # deaths counted over months, or over a whole country, are a total
    ("More than 2,000 people were killed across the country in the first half of the year, the UN said.",
     "killed", PERIOD),
    ("Hundreds of civilians have died in air strikes this year, a monitoring group says.", "strikes", PERIOD),
    ("At least 400 people were killed in the region over the past year, aid agencies said.", "killed", PERIOD),
    ("Gunmen killed five farmers near the village earlier this month, residents said.", "killed", None),
    ("Two soldiers were killed in clashes near the border on Sunday.", "clashes", None),
    ("Thousands of people protested across the country on Saturday.", "protested", None),  # one protest
    ("A bomb exploded in the Christian quarter of the old city on Monday.", "exploded", None),
    ("Troops have been fighting the rebels for a week near the airport.", "fighting", None),
])
def test_assertion_totals_and_situations_are_not_events(bare_nlp, sentence, word, reason):
    assert assertion_blocker(find_token(bare_nlp(sentence), word)) == reason


def test_assertion_base_form_coordinated_with_a_present_is_a_habit(bare_nlp):
    # "gangs raid villages and kidnap residents": the tagger often leaves the second verb a base form
    from spacy.tokens import Doc

    words = ["Gangs", "raid", "villages", "and", "kidnap", "residents", "."]
    doc = Doc(bare_nlp.vocab, words=words, tags=["NNS", "VBP", "NNS", "CC", "VB", "NNS", "."],
              pos=["NOUN", "VERB", "NOUN", "CCONJ", "VERB", "NOUN", "PUNCT"],
              lemmas=["gang", "raid", "village", "and", "kidnap", "resident", "."],
              heads=[1, 1, 1, 1, 1, 4, 1], deps=["nsubj", "ROOT", "dobj", "cc", "conj", "dobj", "punct"])
    assert assertion_blocker(doc[4]) == "generic present"


@pytest.mark.parametrize(("sentence", "word"), [
    # the month and the noun are no modals
    ("Shelling of the old town on 14 May killed three people, medics said.", "killed"),
    ("A bomb hidden in a trash can went off near the bus station on Friday.", "went"),
    # a perfect infinitive under a reporting verb tells what was done
    ("The militia claimed to have captured the airport at Kidal on Sunday.", "captured"),
])
def test_assertion_lookalike_modals_and_reported_perfects_pass(bare_nlp, sentence, word):
    assert assertion_blocker(find_token(bare_nlp(sentence), word)) is None


@pytest.mark.parametrize(("sentence", "word"), [
    ("The rebels may attack the town before the rains.", "attack"),
    ("The militia claimed to want to capture the airport.", "capture"),
])
def test_assertion_real_modals_and_planned_infinitives_still_block(bare_nlp, sentence, word):
    assert assertion_blocker(find_token(bare_nlp(sentence), word)) is not None


@pytest.mark.parametrize(("sentence", "word", "blocked"), [
    # a verb whose victims are no one tells that it happened to nobody
    ("No journalists were hurt or detained during the raid on the newspaper.", "detained", True),
    ("Police detained no one after the march through Dakar.", "detained", True),
    ("Nobody was arrested at the rally in Lusaka.", "arrested", True),
    ("Police detained nine students after the march through Dakar.", "detained", False),
])
def test_assertion_no_one_hit_is_no_event(bare_nlp, sentence, word, blocked):
    assert (assertion_blocker(find_token(bare_nlp(sentence), word)) is not None) == blocked


@pytest.mark.parametrize(("sentence", "word", "blocked"), [
    # a bare plural event noun under a simple present tells what someone does
    ("The smuggler supplies rifles to the gangs for raids on villages in Zamfara.", "raids", True),
    ("He commands the cell and leads ambushes against army convoys near Mopti.", "ambushes", True),
    ("The broker finances fighters during offensives against the army in the east.", "offensives", True),
    # a past verb, a number, or a headline tells particular ones
    ("The cell led ambushes against army convoys near Mopti on Friday.", "ambushes", False),
    ("The group claims two raids on villages in Zamfara.", "raids", False),
])
def test_assertion_bare_plural_under_a_present_is_a_habit(bare_nlp, sentence, word, blocked):
    assert (assertion_blocker(find_token(bare_nlp(sentence), word)) is not None) == blocked
