"""Actors: from a noun phrase in the text to a canonical actor name.

Canonical names follow TAXONOMY.md: ``Military Forces of <Country>``, ``Police
Forces of <Country>``, armed groups by their common name, and
``Civilians (<Country>)``, ``Protesters (<Country>)``, ``Rioters (<Country>)``,
``Unidentified Armed Group (<Country>)`` for unnamed people. Generic words for
fighters ("insurgents", "militants") become the armed group the article names
most often, or the country's dominant insurgent group when the article signals it. Names
are data (:mod:`.actor_tables`); :mod:`.actor_names` spells and reads back the names given."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from eventwire.analysis import lexicon as lx
from eventwire.extraction import actor_tables as tables
from eventwire.extraction.actor_context import (  # noqa: F401 - build_context, placed_context: the names others import
    COALITION,
    ActorContext,
    branch,
    build_context,
    placed_context,
)
from eventwire.extraction.actor_names import (  # noqa: F401 - ARMED_KINDS, actor_kind: the names others import
    ARMED_KINDS,
    FORCES_NAME,
    STATE_GROUPS,
    Actor,
    actor_kind,
    government,
    military,
    nationality,
    police,
    unidentified,
)
from eventwire.extraction.movements import movement_names, named_movement  # noqa: F401 - movement_names: tests import it here


@functools.cache
def _words(name: str) -> re.Pattern[str]:
    """The whole-word pattern of the lexicon's list ``name`` (:func:`.actor_tables.word_pattern`)."""
    return tables.word_pattern(getattr(lx, name))


def _has(name: str, phrase: str) -> bool:
    return _words(name).search(phrase) is not None


def __getattr__(name: str) -> object:
    """``ARMED_GROUPS``: the group table as (pattern, name) pairs, read on first use."""
    if name == "ARMED_GROUPS":
        return tables.armed_groups()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _named(text: str, country: str | None) -> tables.NameRule | None:
    """The first rule of the state-force and group tables that names ``text``'s actor."""
    if not tables.any_name().search(text):
        return None
    for rule in (*tables.state_force_rules(), *tables.group_rules()):
        if rule.applies(country) and rule.rule.regex.search(text):
            return rule
    return None


def named_group(text: str, country: str | None = None) -> str | None:
    """The armed group, party, mission or coalition ``text`` names (by the table or by a
    movement's own name); the Islamic State as its branch in ``country``."""
    for rule in tables.group_rules() if tables.any_name().search(text) else ():
        if rule.applies(country) and rule.rule.regex.search(text):
            return branch(rule.name, country)
    return named_movement(text)


def country_label(code: str | None, ctx: ActorContext) -> str | None:
    if not code:
        return ctx.country
    from eventwire.geo.geocode import country_name

    return country_name(code)


_AIRCRAFT_FIGHTER = re.compile(r"\bfighter[\s-]+(?:jets?|planes?|aircraft|bombers?)\b|\bfighter-bombers?\b",
                               re.IGNORECASE)
#: A phrase that joins two actors: "Somali troops and allied clan militias", "army units backed by
#: local militia": the first is the one that acts.
_CONJUNCT = re.compile(r"^(.+?)\s+(?:and|backed by|supported by|alongside|along with|with)\s+\S", re.IGNORECASE)
#: People who carry a bomb on them: armed, whoever they look like.
_BOMB_CARRIER = re.compile(r"\bsuicide\b|\bexplosives?[- ](?:vest|belt)s?\b|\bcarrying explosives\b|\bcar bomb\b",
                           re.IGNORECASE)
#: Security forces said without army words, and the words that make them the army's.
_SECURITY = re.compile(r"\bsecurity\s+(?:forces|personnel|agents|services|officers|men|units)\b", re.IGNORECASE)
_ARMY = re.compile(r"\b(?:army|military|soldiers?|troops|armed forces|defen[cs]e)\b", re.IGNORECASE)
_MILITARY_POLICE = re.compile(r"\bmilitary\s+police\b", re.IGNORECASE)
#: Words for someone whom, said with "unidentified", nobody has named: the attackers in a report.
_SOMEONE = frozenset({"person", "persons", "individual", "individuals", "group", "men", "man", "people"})
#: A police word with the noun it qualifies ("police units", "gendarmerie brigade"), not the army's.
_POLICE_SPAN = (r"(?:\s+(?:task|special|rapid|mobile|tactical|intervention|riot|anti-riot))?"
                r"(?:\s+(?:force|forces|units?|station|post|patrol|brigade|officers?|vehicle|headquarters))?")
#: "Units of the national police", "members of the army": the force is the one after "of".
_PART_OF = re.compile(r"^(?:[\w-]+\s+){0,2}?(?:units?|members|elements|officers|personnel|detachments?|troops)\s+"
                      r"(?:from|of)\s+(?:the\s+)?(?=\S)", re.IGNORECASE)


def resolve(text: str, *, ctx: ActorContext, words: Iterable[str] | None = None) -> Actor | None:
    """Canonical actor for a noun phrase, or None when it names no actor. Of two actors joined
    ("troops and allied militias"), a state's force named first is the one."""
    phrase = " ".join(text.split())
    if not phrase:
        return None
    phrase = _AIRCRAFT_FIGHTER.sub("jet", phrase)  # "an F-16 fighter jet" is an aircraft, not a fighter
    first = _CONJUNCT.match(phrase)
    if first:
        actor = _resolve(first.group(1), ctx, None)
        if actor is not None and actor.kind in {"state", "police"}:
            return actor
    return _resolve(phrase, ctx, words)


def _resolve(phrase: str, ctx: ActorContext, words: Iterable[str] | None) -> Actor | None:
    part = _PART_OF.match(phrase)
    if part and words is None:
        phrase = phrase[part.end():] if _has("POLICE_WORDS", phrase[part.end():]) else phrase
    tokens = list(words) if words is not None else re.findall(r"[\w.'’-]+", phrase)
    named = _by_name(phrase, tokens, ctx)
    if named is not None:
        return named
    code = nationality(tokens)
    where = country_label(code, ctx)
    low = {t.lower().strip("'’") for t in tokens}
    if COALITION.search(phrase) and not code:
        return Actor(ctx.coalition or "Coalition Forces", "state")
    if _MILITARY_POLICE.search(phrase):  # a unit of the army, but a police force in a few countries
        return police(where) if where in tables.military_police_countries() else Actor(military(where), "state", where)
    if _has("SECURITY_SERVICE_WORDS", phrase) and not _ARMY.search(phrase):
        return police(where)  # "intelligence agents", "security services": the state's, not the army's
    force_words = [w for w in ("GROUND_FORCE_WORDS", "FORCE_WEAPON_WORDS") if _has(w, phrase)]
    if _has("POLICE_WORDS", phrase) and not any(
            _has(w, re.sub(_words("POLICE_WORDS").pattern + _POLICE_SPAN, "", phrase, flags=re.IGNORECASE))
            for w in force_words):
        return police(where)
    if _SECURITY.search(phrase) and not _ARMY.search(phrase) and where in tables.security_police_countries():
        return police(where)  # "security forces" in Cairo: the police
    if _has("GOVERNMENT_WORDS", phrase) and not (_has("FORCE_WEAPON_WORDS", phrase) or _has(
            "GROUND_FORCE_WORDS", _words("GOVERNMENT_WORDS").sub("", phrase))):
        if where in tables.military_authorities():
            return Actor(military(where), "state", where)  # an occupying army's civil administration
        return government(where)
    if force_words and not _armed(phrase):
        if re.search(r"\bsecurity\b", phrase, re.IGNORECASE) and not re.search(r"\b(forces?|personnel|troops)\b",
                                                                       phrase, re.IGNORECASE):
            return None
        if not code and "GROUND_FORCE_WORDS" not in force_words:
            # "missiles struck Kyiv": a weapon of no stated nationality is not the home army's;
            # it is the article's foreign attacker's when there is one, else unknown; a crewed
            # aircraft ("a fighter jet", "helicopters") with no attacker is the home state's.
            if ctx.attacker:
                return Actor(military(ctx.attacker), "state", ctx.attacker)
            if low & lx.UNIDENTIFIED_MARKS:
                return unidentified(where)
            return Actor(military(where), "state", where) if where and _has("CREWED_AIRCRAFT_WORDS", phrase) else None
        return Actor(military(where), "state", where)
    if _armed(phrase):
        return _armed_actor(phrase, tokens, low, code, ctx)
    if _has("PROTESTER_WORDS", phrase):
        return Actor(f"Protesters ({where})" if where else "Protesters", "protester", where)
    if _has("RIOTER_WORDS", phrase):
        return Actor(f"Rioters ({where})" if where else "Rioters", "rioter", where)
    if low & lx.ARMED_DRESS and low & lx.PERSON_WORDS or low & lx.UNIDENTIFIED_MARKS and low & _SOMEONE:
        return unidentified(where)  # "uniformed men", "men in hoods", "unidentified individuals"
    if _has("CIVILIAN_WORDS", phrase):
        where = where if code else ctx.country
        return Actor(f"Civilians ({where})" if where else "Civilians", "civilian", where)
    if code and len(tokens) <= 3 and low & (lx.CIVILIAN_PLACES | _VILLAGES):
        # "the Palestinian village", "a Kenyan market": the people of a place, not the country acting
        return Actor(f"Civilians ({where})" if where else "Civilians", "civilian", where)
    if code and len(tokens) <= 3:
        return Actor(military(where), "state", where)  # a country acting: "Russia launched"
    return None


#: Small places whose people an attack on them hits (a city or a town may stand for its authorities).
_VILLAGES = frozenset({"village", "villages", "hamlet", "hamlets"})


def _by_name(phrase: str, tokens: list[str], ctx: ActorContext) -> Actor | None:
    """The actor a phrase names by name: a state's force by its own name, a listed group,
    party or mission, a movement by its own name or a short form the article defined."""
    rule = _named(phrase, ctx.country)
    if rule is not None and rule.kind in {"state", "police"} and COALITION.search(phrase) \
            and rule.name in STATE_GROUPS and ctx.coalition:
        return Actor(ctx.coalition, "state")
    if rule is not None:
        country = FORCES_NAME.match(rule.name)
        return Actor(branch(rule.name, ctx.country), rule.actor_kind, country.group(2) if country else None)
    group = named_movement(phrase) or ctx.short_form_group(tokens)
    return Actor(group, "nonstate") if group else None


def _armed(phrase: str) -> bool:
    """Whether a phrase names armed non-state people ("militants", "a suicide bomber")."""
    return _has("ARMED_GENERIC_WORDS", phrase) or _BOMB_CARRIER.search(phrase) is not None


def _armed_actor(phrase: str, tokens: list[str], low: set[str], code: str | None, ctx: ActorContext) -> Actor:
    """Armed people by what the phrase and the article say: a people's militia ("Nuer armed
    youths"), a clan's or tribe's, the article's main group, the country's dominant insurgent
    group, else an unidentified armed group."""
    where = country_label(code, ctx)
    people = next((t for t in tokens if t in lx.ETHNIC_GROUPS), None)
    if people is not None:
        return Actor(f"{people} Ethnic Militia ({where})" if where else f"{people} Ethnic Militia", "nonstate", where)
    for word, label in (("clan", "Clan Militia"), ("tribal", "Tribal Militia"), ("tribesmen", "Tribal Militia")):
        if word in low and where:
            return Actor(f"{label} ({where})", "nonstate", where)
    if low & lx.UNIDENTIFIED_MARKS:
        return unidentified(where)  # "unidentified gunmen": armed, but nobody says whose
    if ctx.main_group:
        return Actor(ctx.main_group, "nonstate")  # "militants": the group the article is about
    return unidentified(where)


def arresting(actor: str | None) -> str | None:
    """The name of who arrests: a state's "authorities" that arrest are its police."""
    found = actor_kind(actor)
    return police(found.country).name if found is not None and found.name.startswith("Government") else actor


_military = military  # the name :mod:`.roles` asks for
