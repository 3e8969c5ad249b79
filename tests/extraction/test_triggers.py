"""Triggers: who acted and who was hit, read from the parse."""

from __future__ import annotations

import pytest

from eventwire.extraction.actors import ActorContext
from eventwire.extraction.triggers import arguments, trigger_kind

from ..conftest import find_token

pytestmark = pytest.mark.slow
CTX = ActorContext(country_code="SD", country="Sudan")


@pytest.mark.parametrize(("sentence", "word", "agent", "patient"), [
    # a past participle after its noun: the noun was hit, it did not act
    ("The number of civilians killed in the village rose to 40.", "killed", None, "Civilians (Sudan)"),
    # a relative clause: the noun acted
    ("Gunmen who attacked the market fled on motorbikes.", "attacked", "Unidentified Armed Group (Sudan)", None),
])
def test_triggers_participles_and_relative_clauses(bare_nlp, sentence, word, agent, patient):
    trig = arguments(find_token(bare_nlp(sentence), word), CTX)
    assert (trig.agent.name if trig.agent else None) == agent
    if patient is not None:
        assert trig.patient is not None and trig.patient.name == patient


class _Everything:
    def __contains__(self, item: object) -> bool:
        return True


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "Rebels ambushed a convoy and seized two trucks; the army shelled their positions in return.",
    "A missile hit the hospital, and artillery fired at the town as protesters marched and rioted.",
    "Police arrested 40 people after the bombing. The death of the commander was confirmed.",
    "An air strike and a suicide attack killed 12; gunmen abducted a teacher and looted shops.",
    "The Strike Brigade took control of the airport while drones struck fuel depots.",
])
def test_triggers_quick_exit_changes_no_kind(bare_nlp, monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    from eventwire.extraction import triggers

    doc = bare_nlp(text)
    quick = [triggers.trigger_kind(t) for t in doc]
    monkeypatch.setattr(triggers, "event_lemmas", _Everything)  # every word takes the full rules
    full = [triggers.trigger_kind(t) for t in doc]
    assert quick == full
    assert any(quick)


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "Rebels retook the town after government troops overran their camp; snipers shot two guards.",
    "Police arrested 40 people after the bombing. The death of the commander was confirmed.",
    "The Strike Brigade took control of the airport while drones struck fuel depots.",
    "Shelling resumed. Airstrikes, raids and clashes were reported; nobody was hurt.",
    "",
])
def test_triggers_candidates_are_the_tokens_may_trigger_accepts(bare_nlp, text: str) -> None:
    from eventwire.analysis import eventwords as triggers

    doc = bare_nlp(text)
    expected = [t.i for t in doc if triggers.may_trigger(t)]
    assert triggers.candidates(doc) == expected
    assert triggers.candidates(bare_nlp(text)) == expected  # a second document: from the memory
    for sent in doc.sents:
        assert triggers.candidates_in(sent) == [i for i in expected if sent.start <= i < sent.end]
    assert expected or not text


@pytest.mark.parametrize(("sentence", "word", "weapons"), [
    ("Russian forces launched a wave of missile attacks on Odesa, striking the port.", "striking", {"missile"}),
    ("Soldiers repelled a suicide attack on the base and struck back at the militants.", "struck", set()),
])
def test_triggers_a_participle_strike_shares_only_a_launched_attack_s_weapon(bare_nlp, sentence, word, weapons):
    from eventwire.extraction.classify import _shared_weapon_words

    assert _shared_weapon_words(find_token(bare_nlp(sentence), word)) & {"missile", "suicide"} == weapons


@pytest.mark.parametrize(("sentence", "word", "civilians"), [
    ("On March 3, jets bombed a crowd at a market near the town.", "bombed", True),  # "March 3" is a date
    ("Police fired on a mob that stormed the station.", "fired", False),  # a mob is not a crowd
    ("Soldiers fired on a crowd of protesters outside the ministry.", "fired", False),
    ("Police fired on a crowd that marched on the ministry.", "fired", False),
])
def test_triggers_a_crowd_hit_with_no_unrest_told_is_civilians(bare_nlp, sentence, word, civilians):
    patient = arguments(find_token(bare_nlp(sentence), word), ActorContext(country="Myanmar")).patient
    assert patient is not None and (patient.kind == "civilian") is civilians, patient


@pytest.mark.parametrize(("sentence", "kind"), [
    # a wounding is an event word only when a weapon did it
    ("Two men were wounded by a drone in Vovchansk on Monday.", "strike"),
    ("Two men were wounded by gunmen near Kherson.", None),
    ("Two men were injured in a car crash near Kherson.", None),
])
def test_triggers_a_wounding_by_a_weapon(bare_nlp, sentence, kind):
    from eventwire.extraction.triggers import trigger_kind

    doc = bare_nlp(sentence)
    verb = next(t for t in doc if t.lemma_ in {"wound", "injure"})
    assert trigger_kind(verb) == kind


@pytest.mark.parametrize(("sentence", "word", "kind"), [
    # a verb that carries an event noun is not an event word of its own: the noun is
    ("The commander planned and executed ambushes on supply convoys near Gao.", "executed", None),
    ("The rebels executed three prisoners near Gao on Sunday.", "executed", "kill"),
])
def test_triggers_a_carrying_verb_leaves_the_event_to_its_noun(bare_nlp, sentence, word, kind):
    from eventwire.extraction.triggers import trigger_kind

    assert trigger_kind(find_token(bare_nlp(sentence), word)) == kind


@pytest.mark.parametrize(("sentence", "word", "agent"), [
    # the units act, not the volunteers who support them
    ("Army units backed by local militiamen retook the market town on Sunday.", "retook", "Military Forces of Sudan"),
    # a weapon's sender outranks its maker
    ("Chinese-made drones operated by the army struck a fuel depot near Kutum on Friday.", "struck",
     "Military Forces of Sudan"),
    # a weapon sent by a group: the group
    ("A drone launched by the RSF struck a fuel depot near Kutum on Friday.", "struck", "Rapid Support Forces"),
])
def test_triggers_the_doer_is_who_sent_the_weapon_not_who_helped_or_made_it(bare_nlp, sentence, word, agent):
    trig = arguments(find_token(bare_nlp(sentence), word), CTX)
    assert trig.agent is not None and trig.agent.name == agent


@pytest.mark.parametrize(("sentence", "kind"), [
    ("An elderly resident died of a heart attack while neighbours tried to evacuate her.", None),
    ("The striker suffered a panic attack before the final.", None),
    ("Militants carried out a rocket attack on the base.", "shell"),
])
def test_triggers_a_heart_or_panic_attack_is_no_event_word(bare_nlp, sentence, kind):
    doc = bare_nlp(sentence)
    assert trigger_kind(find_token(doc, "attack")) == kind


@pytest.mark.parametrize(("sentence", "word", "doer"), [
    # armed people nobody would name, but for the group they are said to be part of
    ("Armed members of the Kuki-Chin National Front raided a bank in Ruma.", "raided", "Kuki-Chin National Front"),
    ("Gunmen of the Jalisco cartel entered Teocaltiche overnight.", "entered", "Jalisco New Generation Cartel"),
    ("Fighters of the Chin Brotherhood attacked a checkpoint near Falam.", "attacked", "Chin Brotherhood"),
    # "of" a thing that names no group: still unidentified
    ("Gunmen of all ages attacked a checkpoint near Falam.", "attacked", "Unidentified Armed Group (Myanmar)"),
])
def test_triggers_armed_people_of_a_named_group_are_that_group(bare_nlp, sentence, word, doer):
    agent = arguments(find_token(bare_nlp(sentence), word), ActorContext(country="Myanmar")).agent
    assert agent is not None and agent.name == doer, agent


@pytest.mark.parametrize(("sentence", "kind", "agent", "patient"), [
    # the side that "came under fire" was attacked; who fired is the "from"
    ("A police patrol came under attack from suspected militants near Mandera.", "attack",
     "Unidentified Armed Group (Myanmar)", "Police Forces of Myanmar"),
    ("Soldiers searching for the gunmen came under fire near the village.", "attack", None,
     "Military Forces of Myanmar"),
    ("The minister came under pressure from donors.", None, None, None),  # pressure is no attack
])
def test_triggers_a_side_that_came_under_fire_was_attacked(bare_nlp, sentence, kind, agent, patient):
    came = find_token(bare_nlp(sentence), "came")
    assert trigger_kind(came) == kind
    if kind is not None:
        told = arguments(came, ActorContext(country="Myanmar"))
        assert (told.agent.name if told.agent else None, told.patient.name if told.patient else None) \
            == (agent, patient), told
