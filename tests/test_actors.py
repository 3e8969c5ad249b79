"""Actors: canonical names from noun phrases, and what the article as a whole says."""

from __future__ import annotations

import pytest

from eventwire.actors import ActorContext, build_context, resolve

UA = ActorContext(country_code="UA", country="Ukraine", attacker="Russia")
UA_UNKNOWN = ActorContext(country_code="UA", country="Ukraine")


@pytest.mark.parametrize(("phrase", "ctx", "expected"), [
    ("missiles", UA, "Military Forces of Russia"),       # a weapon: the article's foreign attacker
    ("a barrage of rockets", UA_UNKNOWN, None),         # ... or unknown, never the home army
    ("Ukrainian drones", UA, "Military Forces of Ukraine"),  # a stated nationality wins
    ("troops", UA, "Military Forces of Ukraine"),       # ground forces default to the article's country
    ("the army", UA_UNKNOWN, "Military Forces of Ukraine"),
])
def test_actors_weapons_without_nationality(phrase: str, ctx: ActorContext, expected: str | None) -> None:
    actor = resolve(phrase, ctx=ctx)
    assert (actor.name if actor else None) == expected


@pytest.mark.parametrize(("text", "attacker"), [
    ("Russian missiles hit Odesa overnight. Air defences shot down most Russian drones, officials said.", "Russia"),
    ("Israeli jets struck targets in the south of Lebanon. Residents said Israeli drones circled for hours.",
     "Israel"),
    ("Russian forces shelled the town.", None),  # named once: not enough to stand for every strike
    ("Ukrainian troops held the line; Ukrainian drones hit a depot.", None),  # the article's own country
])
def test_actors_foreign_attacker_of_an_article(text: str, attacker: str | None) -> None:
    code = "LB" if "Lebanon" in text else "UA"
    assert build_context(text, country_code=code, country=None).attacker == attacker


@pytest.mark.parametrize(("text", "expected"), [
    ("a French Rafale fighter jet", "Military Forces of France"),
    ("Russian fighter-bombers", "Military Forces of Russia"),
])
def test_actors_fighter_aircraft_are_their_air_force(text: str, expected: str) -> None:
    actor = resolve(text, ctx=ActorContext(country_code="SY", country="Syria"))
    assert actor is not None and actor.name == expected and actor.kind == "state"


@pytest.mark.parametrize(("text", "expected"), [
    ("the rebel Oromo Liberation Army", "Oromo Liberation Army"),
    ("the Kachin Independence Army", "Kachin Independence Army"),
    ("the Pakistan Army", "Military Forces of Pakistan"),  # a state's army stays the state's
])
def test_actors_movements_named_by_their_cause_are_armed_groups(text: str, expected: str) -> None:
    actor = resolve(text, ctx=ActorContext(country_code="PK", country="Pakistan"))
    assert actor is not None and actor.name == expected


def test_actors_a_state_army_with_a_movement_name_is_not_an_armed_group() -> None:
    from eventwire.actors import named_group

    assert named_group("the People's Liberation Army") is None
    assert named_group("the Oromo Liberation Army") == "Oromo Liberation Army"


@pytest.mark.parametrize(("phrase", "expected"), [
    ("armed bandits on motorcycles", "Unidentified Armed Group (Nigeria)"),
    ("members of a local gang", "Unidentified Armed Group (Nigeria)"),
    ("gang members", "Unidentified Armed Group (Nigeria)"),
])
def test_actors_gangs_and_bandits_are_armed_groups(phrase: str, expected: str) -> None:
    actor = resolve(phrase, ctx=ActorContext(country="Nigeria"))
    assert actor is not None and actor.name == expected and actor.kind == "nonstate"
