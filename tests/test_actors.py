"""Actors: canonical names from noun phrases, and what the article as a whole says."""

from __future__ import annotations

import pytest

from eventwire.extraction.actors import ActorContext, build_context, resolve

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
    from eventwire.extraction.actors import named_group

    assert named_group("the People's Liberation Army") is None
    assert named_group("the Oromo Liberation Army") == "Oromo Liberation Army"


@pytest.mark.parametrize(("phrase", "expected"), [
    ("armed bandits on motorcycles", "Unidentified Armed Group (Nigeria)"),
    ("members of a local gang", "Unidentified Armed Group (Nigeria)"),
    ("gang members", "Unidentified Armed Group (Nigeria)"),
    ("separatist fighters", "Unidentified Armed Group (Nigeria)"),
    ("Biafran separatists", "Unidentified Armed Group (Nigeria)"),
    ("leftist guerrillas", "Unidentified Armed Group (Nigeria)"),
    ("paramilitaries", "Unidentified Armed Group (Nigeria)"),
    ("the hijackers", "Unidentified Armed Group (Nigeria)"),
    ("kidnappers", "Unidentified Armed Group (Nigeria)"),
])
def test_actors_gangs_and_bandits_are_armed_groups(phrase: str, expected: str) -> None:
    actor = resolve(phrase, ctx=ActorContext(country="Nigeria"))
    assert actor is not None and actor.name == expected and actor.kind == "nonstate"


# Our own wording about the Karen conflict in Myanmar (2024) and a made-up abbreviation test.
KAREN = ("Fighters of the Karen National Liberation Army (KNLA) overran an army outpost near Myawaddy on "
         "Monday. The KNLA said two of its men died. Army aircraft later bombed the area, and the rebels "
         "withdrew. The People's Liberation Army (PLA) of China was not involved.")


def test_actors_a_movement_the_article_names_is_its_main_group_and_its_short_form_resolves() -> None:
    from eventwire.extraction.actors import movement_names

    counts, forms = movement_names(KAREN)
    assert dict(forms) == {"KNLA": "Karen National Liberation Army"}  # a state army's short form is not one
    assert counts["Karen National Liberation Army"] == 2  # the name once, the short form once
    ctx = build_context(KAREN, country_code="MM", country="Myanmar")
    assert ctx.main_group == "Karen National Liberation Army"
    assert resolve("KNLA fighters", ctx=ctx) == resolve("the rebels", ctx=ctx) == \
        resolve("Fighters of the Karen National Liberation Army", ctx=ctx)
    assert resolve("KNLA fighters", ctx=ctx).kind == "nonstate"  # type: ignore[union-attr]
    assert resolve("KNLA fighters", ctx=ActorContext(country="Myanmar")).name == \
        "Unidentified Armed Group (Myanmar)"  # type: ignore[union-attr]  # no definition, no name


def test_actors_a_known_group_keeps_its_own_name_over_a_defined_short_form() -> None:
    from eventwire.extraction.actors import movement_names

    text = "The Tigray People's Liberation Front (TPLF) shelled the town. TPLF fighters then advanced."
    assert movement_names(text) == (movement_names("")[0], ())  # counted once, by the fixed list
    ctx = build_context(text, country_code="ET", country="Ethiopia")
    assert resolve("TPLF fighters", ctx=ctx).name == ctx.main_group == \
        "Tigray People's Liberation Front"  # type: ignore[union-attr]


@pytest.mark.parametrize(("text", "expected"), [
    ("Colombia's National Liberation Army (ELN) attacked a base.", "National Liberation Army"),
    ("China's People's Liberation Army (PLA) sent warships.", None),  # a state's army
    ("the People’s Liberation Army", None),
    ("the Sudan People's Liberation Movement", "Sudan People's Liberation Movement"),
])
def test_actors_movement_names_without_a_country_possessive(text: str, expected: str | None) -> None:
    from eventwire.extraction.actors import named_group

    assert named_group(text) == expected


def test_actors_paramilitary_state_forces_stay_the_state() -> None:
    ctx = ActorContext(country_code="IN", country="India", main_group="Hizbul Mujahideen")
    assert resolve("paramilitary soldiers", ctx=ctx).name == "Military Forces of India"  # type: ignore[union-attr]
    assert resolve("the paramilitaries", ctx=ctx).name == "Hizbul Mujahideen"  # type: ignore[union-attr]


@pytest.mark.parametrize(("sentence", "counted"), [
    ("The Oromo Liberation Army did not claim responsibility for the killings.", 0),
    ("The Oromo Liberation Army denied any part in the attack.", 0),
    ("No group, including the Oromo Liberation Army, has claimed the attack.", 0),
    ("The Oromo Liberation Army said its fighters carried out the attack.", 1),
    ("No fewer than ten soldiers died in the attack claimed by the Oromo Liberation Army.", 1),
    ("The Oromo Liberation Army rejected the government's ceasefire offer.", 1),
    ("The Oromo Liberation Army said it killed 12 soldiers, which the army denied.", 1),
])
def test_actors_a_movement_that_disowns_an_act_is_not_counted(sentence: str, counted: int) -> None:
    from eventwire.extraction.actors import movement_names

    text = "Gunmen shot dead nine passengers near Nekemte on Friday. " + sentence
    assert movement_names(text)[0]["Oromo Liberation Army"] == counted
    assert (build_context(text, country_code="ET", country="Ethiopia").main_group is None) is (counted == 0)
