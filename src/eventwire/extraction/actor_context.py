"""Actor context: what an article as a whole says about its actors, for :mod:`.actors`.

The article's country, its main armed group (the one named most often, else the country's
dominant insurgent group when the text speaks of its kind of fighters), its coalition, the
foreign state whose forces or weapons it names most, and the short forms it defines for
movements' names. :func:`placed_context` is the same article's context for an event at a
place in another country: there the unnamed people and the home forces are that country's.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from eventwire.analysis.prefilter import fold
from eventwire.extraction import actor_tables as tables
from eventwire.extraction.movements import disowned, movement_names

COALITION = re.compile(r"\bcoalition\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ActorContext:
    """What the article as a whole says about actors: its country and main armed group."""

    country_code: str | None = None
    country: str | None = None
    main_group: str | None = None
    coalition: str | None = None
    attacker: str | None = None  # the foreign state whose forces or weapons the article names most
    #: Short forms the article defines for a movement's name: "National Liberation Army (ELN)".
    short_forms: tuple[tuple[str, str], ...] = ()

    def short_form_group(self, tokens: Iterable[str]) -> str | None:
        """The movement a short form among ``tokens`` stands for ("ELN fighters")."""
        forms = dict(self.short_forms)
        return next((forms[t] for t in tokens if t in forms), None) if forms else None


def branch(name: str, country: str | None) -> str:
    """The Islamic State's branch in ``country`` for "Islamic State"; other names as they are."""
    return tables.islamic_state_branches().get(country or "", name) if name == "Islamic State" else name


def build_context(text: str, *, country_code: str | None, country: str | None) -> ActorContext:
    """The article's main armed group (most often named, not counting namings in a sentence that
    says it disowned an act) and coalition, if any."""
    counts: Counter[str] = Counter()
    scanned, folded = text, fold(text)
    for rule in tables.state_force_rules():  # "Taliban officials" are the state's, not the insurgency
        if rule.applies(country) and rule.rule.may_match(folded):
            scanned = rule.rule.regex.sub(" ", scanned)
    folded = fold(scanned)
    for rule in tables.group_rules():
        if rule.kind != "nonstate" or not rule.applies(country) or not rule.rule.may_match(folded):
            continue  # not counted, or cannot be named in this text
        hits = sum(1 for hit in rule.rule.regex.finditer(scanned) if not disowned(scanned, hit.start(), hit.end()))
        if hits:
            counts[branch(rule.name, country)] += hits
    movements, short_forms = movement_names(text)
    counts.update(movements)
    main = counts.most_common(1)[0][0] if counts else _dominant(text, country)
    coalition = None
    if re.search(r"\bsaudi[- ]led\b|\barab coalition\b", text, re.IGNORECASE):
        coalition = "Saudi-led Coalition"
    elif re.search(r"\bnato\b|\bisaf\b|\binternational security assistance force\b", text, re.IGNORECASE):
        coalition = "NATO"
    elif re.search(r"\bu\.?s\.?[- ]led\b", text, re.IGNORECASE):
        coalition = "Military Forces of the United States"  # the corpus codes the US-led coalition so
    return ActorContext(country_code=country_code, country=country, main_group=main, coalition=coalition,
                        attacker=_foreign_attacker(text, country_code), short_forms=short_forms)


def dominant_group(text: str, country: str | None) -> str | None:
    """The dominant insurgent group of ``country`` when ``text`` speaks of its kind of fighters
    ("militants", "a man wearing an explosive vest" in Somalia: Al Shabaab), else None."""
    return _dominant(text, country)


def _dominant(text: str, country: str | None) -> str | None:
    """The dominant insurgent group of ``country`` when the text speaks of its kind of fighters
    ("militants", "a suicide bomber" in Somalia: Al Shabaab) and names no group."""
    dominant = tables.dominant_groups().get(country or "")
    return dominant[0] if dominant is not None and dominant[1].search(text) else None


#: A nationality word right before a force or weapon word: "Russian missiles", "Israeli jets".
_ARMED_BY = re.compile(r"\b([A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?:'s)?\s+(?:[a-z-]+\s+)?"
                       r"(?:forces|troops|army|military|missiles?|rockets?|drones?|warplanes|jets|aircraft|"
                       r"artillery|shelling|strikes?|airstrikes?|bombers|soldiers)\b")


def _foreign_attacker(text: str, country_code: str | None) -> str | None:
    """The foreign state named most often with forces or weapons ("Russian missiles"), if it
    is named at least twice: the likely attacker when a sentence says only "missiles struck"."""
    from eventwire.geo.gazetteer import default_gazetteer

    gaz = default_gazetteer()
    counts: Counter[str] = Counter()
    for found in _ARMED_BY.finditer(text):
        code = gaz.demonym_country(found.group(1))
        if code is None:
            place = gaz.country(found.group(1))
            code = place.country_code if place is not None else None
        if code and code != country_code:
            counts[code] += 1
    if not counts:
        return None
    code, hits = counts.most_common(1)[0]
    if hits < 2:
        return None
    from eventwire.geo.geocode import country_name

    return country_name(code)


@functools.lru_cache(maxsize=64)
def placed_context(text: str, code: str) -> ActorContext:
    """The context of ``text`` for an event at a place in the country ``code``: its unnamed
    people, home forces and dominant group are that country's, whatever the article's vote says
    (a town's namesake abroad, a neighbour named more often)."""
    from eventwire.geo.geocode import country_name

    return build_context(text, country_code=code, country=country_name(code))
