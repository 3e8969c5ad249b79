"""Actor names: the canonical names of states' forces and of people, and reading them back.

``Military Forces of <Country>`` and ``Police Forces of <Country>`` (with "the" before the
countries that take it), ``Government of <Country>``, ``Unidentified Armed Group (<Country>)``;
:func:`actor_kind` reads any name :mod:`.actors` gives back into its kind and country.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from eventwire.extraction import actor_tables as tables
from eventwire.extraction.movements import MOVEMENT_NAME
from eventwire.records import UNIDENTIFIED_ARMED_GROUP

#: Abbreviations and forms a gazetteer of demonyms does not cover.
ABBREVIATIONS: dict[str, str] = {
    "u.s.": "US", "us": "US", "u.s": "US", "american": "US", "americans": "US", "pentagon": "US",
    "washington": "US", "uk": "GB", "u.k.": "GB", "british": "GB", "britain": "GB", "uae": "AE",
    "emirati": "AE", "soviet": "RU", "kremlin": "RU", "moscow": "RU", "kyiv": "UA", "junta": "", "tajik": "TJ",
    "uzbek": "UZ", "basotho": "LS", "swazi": "SZ", "lankan": "LK",
}


#: Actor kinds that fight back: violence against one of them is a battle, not violence against
#: civilians.
ARMED_KINDS = frozenset({"state", "police", "nonstate"})


@dataclass(frozen=True, slots=True)
class Actor:
    """A canonical actor: name, kind (state, police, nonstate, civilian, protester, rioter), country."""

    name: str
    kind: str
    country: str | None = None


def unidentified(where: str | None) -> Actor:
    """Armed people nobody names: ``Unidentified Armed Group (<Country>)``."""
    return Actor(f"{UNIDENTIFIED_ARMED_GROUP} ({where})" if where else UNIDENTIFIED_ARMED_GROUP, "nonstate", where)


def police(where: str | None) -> Actor:
    """A country's police: ``Police Forces of <Country>``."""
    return Actor(forces("Police", where), "police", where)


def government(where: str | None) -> Actor:
    """A country's civil authorities: ``Government of <Country>``."""
    return Actor(f"Government of {the(where)}{where}" if where else "Government", "state", where)


_POSSESSIVE = re.compile(r"(?<=\w)['’]s$")


def nationality(words: Iterable[str]) -> str | None:
    """The first country code named in ``words`` by name, demonym or abbreviation."""
    from eventwire.geo.gazetteer import default_gazetteer

    gaz = default_gazetteer()
    seq = [_POSSESSIVE.sub("", w) for w in words if w.strip()]  # "Ukraine's army": Ukraine
    for i, word in enumerate(seq):
        low = word.lower().strip("'’")
        if low in ABBREVIATIONS:
            if not ABBREVIATIONS[low]:
                continue
            if low == "us" and word != "US":
                continue  # the pronoun "us"
            return ABBREVIATIONS[low]
        if not word[:1].isupper():
            continue
        for n in (3, 2, 1):
            phrase = " ".join(seq[i:i + n])
            code = gaz.demonym_country(phrase)
            if code:
                return code
            place = gaz.country(phrase) if n > 1 or len(phrase) > 3 else None
            if place is not None and place.country_code:
                return place.country_code
    return None


def the(where: str | None) -> str:
    """"the " before a country name that takes it ("the Central African Republic")."""
    return "the " if where in _THE_COUNTRIES else ""


def forces(kind: str, where: str | None) -> str:
    """``<kind> Forces of <Country>``, with "the" before the countries that take it."""
    return f"{kind} Forces of {the(where)}{where}" if where else f"{kind} Forces"


def military(where: str | None) -> str:
    """The name of a country's military forces (the corpus's own for a few: Libya's GNU)."""
    return tables.military_names().get(where or "") or forces("Military", where)


_THE_COUNTRIES = frozenset({
    "United States", "United Kingdom", "United Arab Emirates", "Democratic Republic of the Congo",
    "Central African Republic", "Philippines", "Netherlands", "Gambia", "Bahamas", "Republic of the Congo",
})


#: The names :func:`resolve` gives, read back: "Military Forces of the Sudan", "Civilians (Mali)".
FORCES_NAME = re.compile(r"^(Military|Police) Forces(?: of (?:the )?(.+?))?(?: \(.+\))?$")
_PEOPLE_NAME = re.compile(r"^(Civilians|Protesters|Rioters|" + re.escape(UNIDENTIFIED_ARMED_GROUP) + r")(?: \((.+)\))?$")
_PEOPLE_KIND = {"Civilians": "civilian", "Protesters": "protester", "Rioters": "rioter",
                UNIDENTIFIED_ARMED_GROUP: "nonstate"}
_GOVERNMENT_NAME = re.compile(r"^Government(?: of (?:the )?(.+))?$")
_MILITIA_NAME = re.compile(r"^.+ (?:Ethnic|Clan|Tribal) Militia(?: \((.+)\))?$")
#: Named forces that :func:`resolve` counts as states' (a coalition of states, an alliance).
STATE_GROUPS = frozenset({"NATO", "Saudi-led Coalition", "Coalition Forces"})


def actor_kind(name: str | None) -> Actor | None:
    """The :class:`Actor` (kind and country) a canonical name from :func:`resolve` stands for.

    None for a name this module does not give (an analyst's free text, say): its kind is unknown.
    """
    if not name:
        return None
    forces = FORCES_NAME.match(name)
    if forces:
        return Actor(name, "state" if forces.group(1) == "Military" else "police", forces.group(2))
    people = _PEOPLE_NAME.match(name)
    if people:
        return Actor(name, _PEOPLE_KIND[people.group(1)], people.group(2))
    government = _GOVERNMENT_NAME.match(name) or _MILITIA_NAME.match(name)
    if government:
        return Actor(name, "state" if name.startswith("Government") else "nonstate", government.group(1))
    if name in STATE_GROUPS:
        return Actor(name, "state")
    kinds = {rule.name: rule.actor_kind for rule in tables.group_rules()}
    if name in kinds or name in set(tables.islamic_state_branches().values()) or MOVEMENT_NAME.fullmatch(name):
        return Actor(name, kinds.get(name, "nonstate"))
    return None
