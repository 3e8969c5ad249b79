"""The word lists that drive event extraction: triggers, weapons, targets, markers.

Plain data, kept apart from the logic so that a reviewer can read what eventwire looks for
without reading how: each list is a file of ``eventwire/data/words/`` (the file of
``AIR_WORDS`` is ``air_words.txt``), read on first use by :mod:`.words`. The names below are
the only way the code asks for a list; each trigger lemma's *kind* (``VERB_KINDS``,
``NOUN_KINDS``, ``PHRASAL``) is what :mod:`eventwire.extraction.classify` turns into a sub-event type.
"""

from __future__ import annotations

from typing import Any

from eventwire.analysis.words import pairs, table, words

AGGREGATE_SUBJECTS: frozenset[str]
AGREEMENT_WORDS: frozenset[str]
AIR_WORDS: frozenset[str]
BODY_WORDS: frozenset[str]
ANSWERING_NOUNS: frozenset[str]
ARMED_DRESS: frozenset[str]
ARMED_GENERIC_WORDS: frozenset[str]
ARRIVING_VERBS: frozenset[str]
ARTICLES: frozenset[str]
BASE_WORDS: frozenset[str]
BLAMING_VERBS: frozenset[str]
BUILDING_WORDS: frozenset[str]
BURNT_PROPERTY: frozenset[str]
CARE_PLACES: frozenset[str]
CHEMICAL_WORDS: frozenset[str]
CIVILIAN_PLACES: frozenset[str]
CIVILIAN_VICTIMS: frozenset[str]
CIVILIAN_WORDS: frozenset[str]
COLLECTIVES: frozenset[str]
CONTROL_NOUNS: frozenset[str]
CONDITIONAL_MARKS: frozenset[str]
CREWED_AIRCRAFT_WORDS: frozenset[str]
DEFINITE_DETS: frozenset[str]
DELIVERING_VERBS: frozenset[str]
DYING_VERBS: frozenset[str]
DEPARTURE_NOUNS: frozenset[str]
ETHNIC_GROUPS: frozenset[str]
EXPLOSIVE_WORDS: frozenset[str]
FINDING_VERBS: frozenset[str]
FIGHTING_UNITS: frozenset[str]
FORCE_WEAPON_WORDS: frozenset[str]
GENERIC_EVENT_NOUNS: frozenset[str]
GOVERNMENT_WORDS: frozenset[str]
GRENADE_WORDS: frozenset[str]
GROUND_FORCE_WORDS: frozenset[str]
HABITUAL_ADVERBS: frozenset[str]
HEDGE_ADVERBS: frozenset[str]
IMPACT_VERBS: frozenset[str]
IMPLICATIVE: frozenset[str]
INTERCEPTED_WEAPONS: frozenset[str]
IRREGULAR_PAST: dict[str, str]
KILLING_FORMS: frozenset[str]
LAUNCH_VERBS: frozenset[str]
LEAVING_VERBS: frozenset[str]
LIGHT_VERBS: frozenset[str]
LOCALITY_WORDS: frozenset[str]
LONG_UNITS: frozenset[str]
MASS_COUNTS: frozenset[str]
MODALS: frozenset[str]
MUTUAL_VERBS: frozenset[str]
NONFACTUAL_GOVERNORS: frozenset[str]
ORGANISING_VERBS: frozenset[str]
NOUN_KINDS: dict[str, str]
OPERATION_NOUNS: frozenset[str]
PARTITIVES: frozenset[str]
PERSON_WORDS: frozenset[str]
PHRASAL: dict[tuple[str, str], str]
PLACE_NOUNS: frozenset[str]
PLACE_PREPOSITIONS: frozenset[str]
POLICE_WORDS: frozenset[str]
POSSESSED_PLACES: frozenset[str]
PROTESTER_WORDS: frozenset[str]
PROTEST_FORCE: frozenset[str]
PROTEST_LETHAL: frozenset[str]
PROTEST_RIOT: frozenset[str]
PROTEST_WORDS: frozenset[str]
QUARTER_WORDS: frozenset[str]
RELATIVE_WORDS: frozenset[str]
REPEATED: frozenset[str]
RIOTER_WORDS: frozenset[str]
SAME_TIME_CUES: frozenset[str]
SCENE_NOUNS: frozenset[str]
SECURITY_SERVICE_WORDS: frozenset[str]
SHELL_WORDS: frozenset[str]
SPEECH_VERBS: frozenset[str]
STRIKING_VERBS: frozenset[str]
SUFFERING_VERBS: frozenset[str]
SUICIDE_WORDS: frozenset[str]
TAKING_VERBS: frozenset[str]
TERRITORY_WORDS: frozenset[str]
THROWING_VERBS: frozenset[str]
TO_DEATH_VERBS: frozenset[str]
TROOP_WORDS: frozenset[str]
TRUCE_HEADS: frozenset[str]
UNARMED_PEOPLE: frozenset[str]
UNDER_FIRE_NOUNS: frozenset[str]
UNIDENTIFIED_MARKS: frozenset[str]
VERB_KINDS: dict[str, str]
WEAPON_CACHE_WORDS: frozenset[str]

#: How each name above is read: a table (word -> kind), pairs ((verb, particle) -> kind), else words.
_TABLES = frozenset({"VERB_KINDS", "NOUN_KINDS", "IRREGULAR_PAST"})
_PAIRS = frozenset({"PHRASAL"})


def __getattr__(name: str) -> Any:
    """A list named above, read from its file the first time it is asked for, then kept."""
    if name not in __annotations__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    file = name.lower()
    value = table(file) if name in _TABLES else pairs(file) if name in _PAIRS else words(file)
    globals()[name] = value
    return value


def definite(tok: Any) -> bool:
    """Whether a noun (a spaCy token) carries a definite determiner or a possessive."""
    dets = words("definite_dets")
    return any(c.dep_ in {"det", "poss"} and c.lower_ in dets for c in tok.children)
